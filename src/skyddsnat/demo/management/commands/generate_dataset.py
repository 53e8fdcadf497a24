"""``manage.py generate_dataset``: a large synthetic dataset for scale tests and benchmarks."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from skyddsnat.demo.bulk import MAX_MUNICIPALITIES, generate


class Command(BaseCommand):
    help = (
        "Skapar syntetiska kommuner med anmälningar och hela kedjan av uppgifter (skalningstester)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reports", type=int, default=100_000, help="Antal anmälningar totalt."
        )
        parser.add_argument("--municipalities", type=int, default=10, help="Antal kommuner.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Slumpfrö: samma frö ger samma data."
        )
        parser.add_argument("--years", type=int, default=2, help="Antal år historik.")
        parser.add_argument("--journal", action="store_true", help="Skriv även journalhändelser.")
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="Sista dag (ÅÅÅÅ-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_ENABLED:
            raise CommandError(
                "Syntetiska data är avstängt i den här miljön (DEMO_ENABLED är falskt)."
            )
        if options["reports"] < 1 or options["years"] < 1:
            raise CommandError("Ange minst en anmälan och minst ett år.")
        if not 1 <= options["municipalities"] <= MAX_MUNICIPALITIES:
            raise CommandError(f"Ange 1–{MAX_MUNICIPALITIES} kommuner.")
        quiet = options["verbosity"] == 0
        with tqdm(total=options["reports"], unit=" anm.", disable=quiet, desc="Anmälningar") as bar:
            result = generate(
                reports=options["reports"],
                municipalities=options["municipalities"],
                seed=options["seed"],
                years=options["years"],
                journal=options["journal"],
                today=options["today"],
                progress=bar.update,
            )
        codes = ", ".join(m.code for m in result.municipalities[:5])
        more = " …" if len(result.municipalities) > 5 else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Skapade {result.reports} anmälningar i {len(result.municipalities)} kommuner "
                f"({codes}{more}): {result.rows} rader på {result.seconds:.1f} s."
            )
        )
