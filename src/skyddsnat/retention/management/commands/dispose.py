"""``manage.py dispose``: disposal (*gallring*) of the case files retention says are due.

A dry run by default: it lists, per retention rule, how many case files would go and their case
ids, and how many are kept; nothing is written. ``--execute`` disposes of them as the tables'
owner through ``skyddsnat.disposal`` (``SKYDDSNAT_MIGRATION_DATABASE_URL``), in one
transaction, with one audit row per deleted row. The output names ids and rules, never a name
or an identity number.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from skyddsnat import clock
from skyddsnat.errors import ServiceError
from skyddsnat.retention import services
from skyddsnat.retention.services import DisposalReport
from skyddsnat.rules.retention import RETENTION_RULES


class Command(BaseCommand):
    help = (
        "Gallra ärendeakter enligt gallringsreglerna. Utan flagga: torrkörning som visar vad "
        "som skulle gallras (antal per regel och ärende-id). --execute gallrar."
    )

    def add_arguments(self, parser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--dry-run",
            action="store_true",
            default=True,
            help="Visa vad som skulle gallras; ändra ingenting (standard).",
        )
        mode.add_argument(
            "--execute",
            action="store_true",
            help="Gallra, som tabellernas ägare, i en transaktion.",
        )
        parser.add_argument(
            "--municipality",
            action="append",
            metavar="KOMMUNKOD",
            help="Bara denna kommun (kan anges flera gånger).",
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            metavar="ÅÅÅÅ-MM-DD",
            help="Bedöm per detta datum (standard: i dag).",
        )

    def handle(self, *args, execute: bool, municipality, as_of, **options) -> None:
        as_of = as_of or clock.today()
        try:
            if execute:
                report = services.dispose(as_of=as_of, municipality_codes=municipality)
            else:
                report = services.disposal_preview(as_of=as_of, municipality_codes=municipality)
        except ServiceError as error:
            messages = [m for field in error.errors.values() for m in field] or [str(error)]
            raise CommandError(" ".join(messages)) from error
        self._write(report)

    def _write(self, report: DisposalReport) -> None:
        verb = "Gallrade" if report.executed else "Skulle gallras"
        titles = {rule.id: f"{rule.title_sv} ({rule.legal_reference})" for rule in RETENTION_RULES}
        self.stdout.write(
            f"{'Gallring' if report.executed else 'Torrkörning, inget ändras'} per "
            f"{report.as_of.isoformat()}."
        )
        total = sum(len(ids) for ids in report.due.values())
        self.stdout.write(f"{verb}: {total} ärenden.")
        for rule_id, ids in sorted(report.due.items()):
            self.stdout.write(f"  {rule_id}: {len(ids)} — {titles.get(rule_id, rule_id)}")
            self.stdout.write(f"    ärende-id: {', '.join(str(i) for i in ids)}")
        kept = sum(report.kept.values())
        self.stdout.write(
            f"Bevaras (ännu inte gallringsbara, enligt lag, plan eller urval): {kept}."
        )
        for rule_id, count in sorted(report.kept.items()):
            self.stdout.write(f"  {rule_id}: {count}")
        if report.executed:
            rows = sum(report.deleted.values())
            self.stdout.write(f"Raderade rader: {rows} (en loggrad per rad).")
            for table, count in sorted(report.deleted.items()):
                self.stdout.write(f"  {table}: {count}")
