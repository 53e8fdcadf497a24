"""``manage.py backup_check``: dump the database, restore the dump into a fresh one, compare.

The backup procedure and the restore drill are in docs/deploy.md; ``make backup-check`` (and
``.ci/run``) run this on a throwaway PostgreSQL with the demo. On PostgreSQL only:

1. ``pg_dump --format=custom`` of the database ``DATABASE_URL`` names, taken in a snapshot that
   this command holds open (``pg_export_snapshot``), so that the figures it compares are those
   of the very moment the dump saw, also while the application is writing;
2. ``pg_restore --exit-on-error --single-transaction`` into a fresh database
   ``<name>_restore_check_<time>`` (created from ``template0``; needs ``CREATEDB``, and the
   roles that own the objects: run it as the database's owner or as ``postgres``);
3. for every table, in the snapshot and in the copy: the number of rows and a checksum of the
   content (the first 64 bits of each row's md5, summed: independent of the order, and it
   streams through a table of any size); the triggers (the append-only guarantees) of both; and
   in the copy, every sequence past the largest value of the column it numbers.

Any difference fails the command with a message naming the table. ``--self-test`` then changes
a row of the copy's ``django_migrations`` and fails unless exactly that is found, and then
deletes one. The copy is dropped at the end (``--keep-copy`` keeps it); the dump too, unless
``--dump PATH`` says where to keep it (it holds password hashes and TOTP keys: mode 0600).
"""

from __future__ import annotations

import os
import shutil
import subprocess  # nosec B404
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from psycopg import sql
from psycopg.conninfo import make_conninfo

#: Libpq connection options that may be given in the database's OPTIONS and matter to the tools.
LIBPQ_OPTIONS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout")

TABLES = """
SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2
"""
TABLE_SUM = """
SELECT count(*), coalesce(sum(('x' || left(md5(t::text), 16))::bit(64)::bigint::numeric), 0)
FROM {table} AS t
"""
TRIGGERS = """
SELECT c.relname, t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE NOT t.tgisinternal ORDER BY 1, 2
"""
#: Each sequence with the column it numbers (a serial's or an identity column's).
SEQUENCES = """
SELECT s.seqrelid::regclass::text, ps.last_value, t.oid::regclass::text, a.attname
FROM pg_sequence s
JOIN pg_sequences ps ON format('%I.%I', ps.schemaname, ps.sequencename)::regclass = s.seqrelid
JOIN pg_depend d ON d.objid = s.seqrelid AND d.classid = 'pg_class'::regclass
  AND d.deptype IN ('a', 'i')
JOIN pg_class t ON t.oid = d.refobjid
JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
ORDER BY 1
"""


@dataclass(frozen=True)
class TableSum:
    """What is compared of a table: how many rows, and a checksum of their content."""

    rows: int
    checksum: int


def differences(source: dict[str, TableSum], copy: dict[str, TableSum]) -> list[str]:
    """Every table whose rows or content differ between the source and the restored copy."""
    problems = []
    for name in sorted(source.keys() | copy.keys()):
        before, after = source.get(name), copy.get(name)
        if after is None:
            problems.append(f"{name}: missing from the restored copy")
        elif before is None:
            problems.append(f"{name}: only in the restored copy")
        elif before.rows != after.rows:
            problems.append(f"{name}: {before.rows} rows, {after.rows} in the restored copy")
        elif before.checksum != after.checksum:
            problems.append(f"{name}: the content of its {before.rows} rows differs")
    return problems


def trigger_differences(source: set[tuple[str, ...]], copy: set[tuple[str, ...]]) -> list[str]:
    return [
        f"trigger {name} on {table}: missing from the restored copy"
        for table, name, _ in sorted(source - copy)
    ] + [
        f"trigger {name} on {table}: only in the restored copy"
        for table, name, _ in sorted(copy - source)
    ]


def table_sums(cursor: psycopg.Cursor[Any]) -> dict[str, TableSum]:
    sums = {}
    for schema, table in cursor.execute(TABLES).fetchall():
        query = sql.SQL(TABLE_SUM).format(table=sql.Identifier(schema, table))
        rows, checksum = cursor.execute(query).fetchone() or (0, 0)
        sums[f"{schema}.{table}"] = TableSum(int(rows), int(checksum))
    return sums


def triggers(cursor: psycopg.Cursor[Any]) -> set[tuple[str, ...]]:
    return {tuple(row) for row in cursor.execute(TRIGGERS).fetchall()}


def sequence_problems(cursor: psycopg.Cursor[Any]) -> tuple[int, list[str]]:
    """The sequences, and each one that would hand out a value its column already holds."""
    sequences = cursor.execute(SEQUENCES).fetchall()
    problems = []
    for sequence, last_value, table, column in sequences:
        query = sql.SQL("SELECT max({column}) FROM {table}").format(
            column=sql.Identifier(column), table=sql.SQL(table)
        )
        row = cursor.execute(query).fetchone()
        largest = row[0] if row else None
        if largest is not None and (last_value is None or last_value < largest):
            problems.append(
                f"sequence {sequence} at {last_value}, below the largest {table}.{column} {largest}"
            )
    return len(sequences), problems


class Command(BaseCommand):
    help = (
        "Dumpa databasen (pg_dump), läs tillbaka dumpen i en ny databas (pg_restore) och jämför "
        "varje tabells rader och innehåll. Bara PostgreSQL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dump", type=Path, help="Keep the dump at this path (mode 0600).")
        parser.add_argument(
            "--keep-copy", action="store_true", help="Keep the restored database afterwards."
        )
        parser.add_argument(
            "--self-test",
            action="store_true",
            help="Then change the copy and fail unless the comparison finds the change.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "backup_check is for PostgreSQL (DATABASE_URL=postgres://…). The embedded "
                "SQLite is backed up with sqlite3's .backup (docs/deploy.md)."
            )
        for tool in ("pg_dump", "pg_restore"):
            if shutil.which(tool) is None:
                raise CommandError(f"{tool} is not on the PATH (Debian: postgresql-client).")
        settings = connection.settings_dict
        self.source = str(settings["NAME"])
        self.copy = f"{self.source}_restore_check_{datetime.now(UTC):%Y%m%d%H%M%S}"[:63]
        self.params = {
            "host": settings.get("HOST") or None,
            "port": str(settings.get("PORT") or "") or None,
            "user": settings.get("USER") or None,
        } | {k: v for k, v in settings.get("OPTIONS", {}).items() if k in LIBPQ_OPTIONS}
        self.env = {**os.environ}
        if settings.get("PASSWORD"):
            self.env["PGPASSWORD"] = str(settings["PASSWORD"])  # not in the process list

        with tempfile.TemporaryDirectory(prefix="skyddsnat-backup-check-") as tmp:
            dump = options["dump"] or Path(tmp) / f"{self.source}.dump"
            try:
                self.dump_restore_compare(dump, options["self_test"])
            finally:
                if not options["keep_copy"]:
                    self.drop_copy()

    def conninfo(self, dbname: str) -> str:
        return make_conninfo(dbname=dbname, **{k: v for k, v in self.params.items() if v})

    def tool(self, *command: str) -> None:
        """Run a PostgreSQL tool (pg_dump, pg_restore) with arguments built here, no shell."""
        done = subprocess.run(  # nosec B603
            command, env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise CommandError(f"{command[0]} failed:\n{done.stderr.strip()}")

    def dump_restore_compare(self, dump: Path, self_test: bool) -> None:
        out = self.stdout.write
        with psycopg.connect(self.conninfo(self.source)) as source:
            source.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            source.read_only = True
            with source.cursor() as cursor:
                version = cursor.execute("SHOW server_version").fetchone()
                snapshot = cursor.execute("SELECT pg_export_snapshot()").fetchone()
                assert version is not None and snapshot is not None
                out(f"Backup check of {self.source} (PostgreSQL {version[0].split()[0]})")
                started = time.monotonic()
                dump.touch(mode=0o600)
                dump.chmod(0o600)
                self.tool(
                    "pg_dump",
                    "--format=custom",
                    f"--snapshot={snapshot[0]}",
                    f"--file={dump}",
                    f"--dbname={self.conninfo(self.source)}",
                )
                size = dump.stat().st_size / 1e6
                out(
                    f"  pg_dump --format=custom: {size:.1f} MB in {time.monotonic() - started:.1f} s"
                )
                source_sums = table_sums(cursor)
                source_triggers = triggers(cursor)

        started = time.monotonic()
        with psycopg.connect(self.conninfo(self.source), autocommit=True) as admin:
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(self.copy))
            )
        self.tool(
            "pg_restore",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={self.conninfo(self.copy)}",
            str(dump),
        )
        out(f"  pg_restore into {self.copy}: {time.monotonic() - started:.1f} s")

        with psycopg.connect(self.conninfo(self.copy), autocommit=True) as copy:
            with copy.cursor() as cursor:
                copy_sums = table_sums(cursor)
                copy_triggers = triggers(cursor)
                sequences, sequence_issues = sequence_problems(cursor)
            problems = (
                differences(source_sums, copy_sums)
                + trigger_differences(source_triggers, copy_triggers)
                + sequence_issues
            )
            width = max(len(name) for name in source_sums)
            for name, table in source_sums.items():
                same = name in copy_sums and copy_sums[name] == table
                out(f"  {name:<{width}} {table.rows:>9} rows  {'same' if same else 'DIFFERS'}")
            if problems:
                raise CommandError(
                    "The restored copy differs from the database:\n  " + "\n  ".join(problems)
                )
            rows = sum(t.rows for t in source_sums.values())
            out(
                self.style.SUCCESS(
                    f"The restored copy is the same: {len(source_sums)} tables, {rows} rows, "
                    f"{len(source_triggers)} triggers; {sequences} sequences past their "
                    "largest values."
                )
            )
            if self_test:
                self.self_test(copy, source_sums)

    def self_test(self, copy: psycopg.Connection[Any], source_sums: dict[str, TableSum]) -> None:
        """Change a row of the copy, then delete one: the comparison must find each, alone."""
        rows = source_sums["public.django_migrations"].rows
        stages = [
            (
                "a changed row",
                "UPDATE django_migrations SET name = name || '-changed' "
                "WHERE id = (SELECT max(id) FROM django_migrations)",
                f"public.django_migrations: the content of its {rows} rows differs",
            ),
            (
                "a deleted row",
                "DELETE FROM django_migrations WHERE id = (SELECT min(id) FROM django_migrations)",
                f"public.django_migrations: {rows} rows, {rows - 1} in the restored copy",
            ),
        ]
        for what, statement, expected in stages:
            copy.execute(statement)
            with copy.cursor() as cursor:
                found = differences(source_sums, table_sums(cursor))
            if found != [expected]:
                raise CommandError(f"Self-test, {what}: expected {[expected]}, found {found}")
            self.stdout.write(self.style.SUCCESS(f"Self-test, {what} in the copy: {found[0]}"))

    def drop_copy(self) -> None:
        with psycopg.connect(self.conninfo(self.source), autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.copy))
            )
