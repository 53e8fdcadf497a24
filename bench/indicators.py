"""Benchmark (never part of the test run): every indicator for one municipality-year.

Run with ``make bench-indicators``: a throwaway PostgreSQL (``.ci/with-postgres``), migrated,
filled with ``generate_dataset`` (100,000 reports over 10 municipalities), then:

1. ``compute_indicators`` for all indicators, for the municipality with the most reports and
   the latest calendar year the data covers in full, timed over several rounds;
2. exactly the SQL statements that call ran (captured with their parameters), executed
   directly on a raw cursor with ``fetchall``, timed over the same rounds;

and prints both medians and their ratio (service / direct SQL): what the service adds around
the database's aggregates. Three states are timed: the tables kept (decision 0053: nothing
changed since they were counted, the computation reads them back), counted with each case's
obligations kept (decision 0052: something changed since), and the day's first (nothing kept).
No assertion on timing.

Without ``DATABASE_URL`` it works on the embedded SQLite, in ``var/bench-<reports>.sqlite3``
(generated once, then reused). Against a database that already holds a dataset, ``--reuse``
skips the generation. ``--reports`` makes a smaller dataset for a quick try.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dataset_file import use_dataset_file

use_dataset_file(default_reports=100_000)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skyddsnat.settings")
# DEBUG would keep a log of every query on the connection (cost on both sides of the ratio).
os.environ.setdefault("SKYDDSNAT_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from skyddsnat.accounts.models import Municipality, Role, User  # noqa: E402
from skyddsnat.cases.models import Case, DuesMemo, IndicatorMemo  # noqa: E402
from skyddsnat.indicators.periods import Period  # noqa: E402
from skyddsnat.indicators.service import compute_indicators  # noqa: E402
from skyddsnat.intake.models import Report  # noqa: E402

#: Statements that can be re-run on their own (a SAVEPOINT, say, could not).
READS = ("SELECT", "WITH")
#: The roles that may see indicators, the analyst first (they see every unit alike).
VIEWER_ROLES = (Role.ANALYST, Role.MANAGER, Role.COMMITTEE)


@dataclass(frozen=True)
class Statement:
    sql: str
    params: Any


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000, help="reports to generate")
    parser.add_argument("--municipalities", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds after one warm-up")
    parser.add_argument("--top", type=int, default=5, help="slowest indicators to list")
    parser.add_argument(
        "--reuse",
        action="store_true",
        default=os.environ.get("SKYDDSNAT_BENCH_REUSE") == "1",
        help="keep the reports already in the database (SKYDDSNAT_BENCH_REUSE=1)",
    )
    args = parser.parse_args()
    if connection.vendor == "sqlite" and Path(connection.settings_dict["NAME"]).exists():
        args.reuse = True  # a file of its own (dataset_file.py): generated once
    return args


def create_database() -> None:
    """Create the PostgreSQL database named in DATABASE_URL if it is missing (a fresh server)."""
    import psycopg
    from psycopg import sql

    db = connection.settings_dict
    params = {"user": db["USER"], "password": db["PASSWORD"], "host": db["HOST"]}
    params = {k: v for k, v in params.items() if v} | {"port": db["PORT"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db["NAME"],))
        if exists.fetchone() is None:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
            print(f"database {db['NAME']}: created")


def prepare(args: argparse.Namespace) -> None:
    """Migrate; generate the dataset unless reusing one; refresh the planner's statistics."""
    if connection.vendor == "postgresql":
        create_database()
    call_command("migrate", interactive=False, verbosity=0)
    if args.reuse and Report.objects.exists():
        print("dataset: reused (--reuse)")
    else:
        started = time.perf_counter()
        call_command(
            "generate_dataset",
            reports=args.reports,
            municipalities=args.municipalities,
            seed=args.seed,
            verbosity=1 if sys.stderr.isatty() else 0,
        )
        print(f"dataset: generated in {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE: {time.perf_counter() - started:.0f} s")


def full_year(municipality: Municipality) -> tuple[int, bool]:
    """Return the latest calendar year the municipality's reports cover in full.

    The second value is False when no year is covered in full (then: the year with most reports).
    """
    span = Report.objects.filter(municipality=municipality).aggregate(
        first=Min("received_at"), last=Max("received_at")
    )
    first = timezone.localdate(span["first"])
    last = timezone.localdate(span["last"])
    full = [
        y
        for y in range(first.year, last.year + 1)
        if first <= date(y, 1, 1) and last >= date(y, 12, 31)
    ]
    if full:
        return full[-1], True
    busiest = (
        Report.objects.filter(municipality=municipality)
        .values("received_at__year")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return busiest["received_at__year"], False


def viewer(municipality: Municipality) -> User:
    """Return an active analyst (or manager, committee member) of the municipality; make one."""
    for role in VIEWER_ROLES:
        user = User.objects.filter(municipality=municipality, role=role, is_active=True).first()
        if user is not None:
            return user
    user, _ = User.objects.update_or_create(
        username=f"bench.analyst.{municipality.code}",
        defaults={"municipality": municipality, "role": Role.ANALYST, "is_active": True},
    )
    return user


@contextmanager
def recording(into: list[Statement]) -> Iterator[None]:
    """Record every statement the connection executes, with the parameters it is given."""

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any):
        into.append(Statement(sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


def run_direct(statements: list[Statement]) -> int:
    """Execute the statements on a raw cursor and fetch every row; return the row count."""
    rows = 0
    with connection.cursor() as cursor:
        for s in statements:
            cursor.execute(s.sql, s.params)
            rows += len(cursor.fetchall())
    return rows


def check_inlined(captured: list[dict[str, str]], statements: list[Statement]) -> str:
    """Check that the captured text (parameters inlined) of every read runs and gives the same
    rows, in any order (a statement without ``ORDER BY`` has none). The writes (the kept tables,
    a savepoint around them) are left out on both sides: Django's capture sees a savepoint the
    recorder does not."""
    texts = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(READS)]
    reads = [s for s in statements if s.sql.lstrip().upper().startswith(READS)]
    if len(texts) != len(reads):
        return f"not compared ({len(texts)} reads captured, {len(reads)} recorded)"
    with connection.cursor() as cursor:
        for text, s in zip(texts, reads, strict=True):
            cursor.execute(text)
            inlined = sorted(map(repr, cursor.fetchall()))
            cursor.execute(s.sql, s.params)
            if inlined != sorted(map(repr, cursor.fetchall())):
                return "DIFFERENT rows from the inlined text"
    return "inlined text runs and gives the same rows"


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def summary(times: list[float]) -> str:
    return (
        f"min {min(times) * 1e3:7.1f}  median {statistics.median(times) * 1e3:7.1f}  "
        f"max {max(times) * 1e3:7.1f} ms"
    )


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def server() -> str:
    if connection.vendor != "postgresql":
        return connection.vendor
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def per_indicator(user: User, period: Period, ids: list[str], top: int) -> list[str]:
    """Return a line for each of the ``top`` slowest indicators (one round each, no median)."""
    found = []
    for indicator in ids:
        IndicatorMemo.objects.all().delete()  # counted, not read back (decision 0053)
        statements: list[Statement] = []
        with recording(statements):
            service = timed(
                lambda i=indicator: compute_indicators(acting_user=user, period=period, ids=[i])
            )
        reads = [s for s in statements if s.sql.lstrip().upper().startswith(READS)]
        started = time.perf_counter()
        rows = run_direct(reads)
        found.append((service, time.perf_counter() - started, len(statements), rows, indicator))
    found.sort(reverse=True)
    return [
        f"  {i:<32} service {s * 1e3:8.1f} ms  SQL {d * 1e3:8.1f} ms  {n:3} queries  {r:7,} rows"
        for s, d, n, r, i in found[:top]
    ]


def query_count(user: User, period: Period) -> int:
    IndicatorMemo.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        compute_indicators(acting_user=user, period=period)
    return len(queries)


def main() -> None:
    args = parse_args()
    if connection.vendor != "postgresql":
        print(
            f"note: running on {connection.vendor}, not PostgreSQL "
            "(make bench-indicators starts a throwaway PostgreSQL)"
        )
    prepare(args)

    by_size = list(
        Municipality.objects.annotate(n=Count("reports")).filter(n__gt=0).order_by("-n", "code")
    )
    municipality = by_size[0]
    year, complete = full_year(municipality)
    period = Period.calendar_year(year)
    user = viewer(municipality)
    in_year = Report.objects.filter(municipality=municipality, received_at__year=year)
    cases = Case.objects.filter(report__in=in_year).count()

    def service() -> list[Any]:
        return compute_indicators(acting_user=user, period=period)

    def recount() -> None:
        """Drop the kept indicator tables (decision 0053): the computation counts them."""
        IndicatorMemo.objects.all().delete()

    def forget() -> None:
        """Drop the tables and the obligations the time-limit indicators keep per case
        (decisions 0052, 0053), as on a new day."""
        recount()
        DuesMemo.objects.all().delete()

    # The day's first computation works every case's obligations out and keeps them; the ones
    # after it that count read them. Both are timed, each against its own statements replayed.
    # A computation with the tables kept (nothing changed since) reads them back: timed against
    # the SQL it would count from.
    forget()
    cold_statements: list[Statement] = []
    with recording(cold_statements):
        service()
    cold_reads = [s for s in cold_statements if s.sql.lstrip().upper().startswith(READS)]
    # Capture of a computation with the obligations kept: the text Django logs (parameters
    # inlined) and the statements as executed (SQL and parameters apart), to run again directly.
    statements: list[Statement] = []
    recount()
    with CaptureQueriesContext(connection) as captured, recording(statements):
        values = service()
    kept_statements: list[Statement] = []
    with recording(kept_statements):
        service()
    reads = [s for s in statements if s.sql.lstrip().upper().startswith(READS)]
    skipped = len(statements) - len(reads)
    inlined = check_inlined(captured.captured_queries, statements)
    rows = run_direct(reads)  # warm-up of the direct side
    run_direct(cold_reads)

    service_times, direct_times, cold_times, cold_direct_times = [], [], [], []
    kept_times = []
    for _ in range(args.rounds):
        kept_times.append(timed(service))
        recount()
        service_times.append(timed(service))
        direct_times.append(timed(lambda: run_direct(reads)))
        forget()
        cold_times.append(timed(service))
        cold_direct_times.append(timed(lambda: run_direct(cold_reads)))

    ids = {v.id for v in values}
    available = {v.id for v in values if v.available}
    other = [m for m in by_size[1:] if m.n < municipality.n]
    small = other[-1] if other else None
    s_med, d_med = statistics.median(service_times), statistics.median(direct_times)

    print(f"database: {server()}, load average {load()}")
    print(f"reports in the database: {Report.objects.count():,}")
    print(
        f"chosen: {municipality.name} ({municipality.code}), {municipality.n:,} reports in all; "
        f"year {year}{'' if complete else ' (NOT a full year of data)'}: "
        f"{in_year.count():,} reports, {cases:,} cases"
    )
    print(f"viewer: {user.username} ({user.role})")
    print(
        f"indicators: {len(ids)} ({len(available)} available, {len(ids) - len(available)} "
        f"not), {len(values)} figures"
    )
    print(
        f"queries per call: {len(statements)} ({len(reads)} re-run directly"
        f"{f', {skipped} not (not a read)' if skipped else ''}), {rows:,} rows fetched"
    )
    print(f"captured SQL text: {inlined}")
    print(f"rounds: {args.rounds} after one warm-up")
    k_med = statistics.median(kept_times)
    print(
        f"with the tables kept (nothing changed since they were counted; "
        f"{len(kept_statements)} queries):"
    )
    print(f"compute_indicators:  {summary(kept_times)}")
    print(f"direct SQL:          {summary(direct_times)} (what it would count from)")
    print(f"ratio (service / direct SQL, medians): {k_med / d_med:.2f}")
    print("counted, with each case's obligations kept (after a change since the day's first):")
    print(f"compute_indicators:  {summary(service_times)}")
    print(f"direct SQL:          {summary(direct_times)}")
    print(f"ratio (service / direct SQL, medians): {s_med / d_med:.2f}")
    print(f"share of service time outside SQL: {max(0.0, 1 - d_med / s_med):.0%}")
    c_med, cd_med = statistics.median(cold_times), statistics.median(cold_direct_times)
    print(
        f"with nothing kept (the day's first; {len(cold_statements)} queries, "
        f"{len(cold_reads)} re-run directly):"
    )
    print(f"compute_indicators:  {summary(cold_times)}")
    print(f"direct SQL:          {summary(cold_direct_times)}")
    print(f"ratio (service / direct SQL, medians): {c_med / cd_med:.2f}")
    if small is not None:
        small_user = viewer(small)
        print(
            f"queries per call by municipality size: {len(statements)} for {municipality.n:,} "
            f"reports, {query_count(small_user, period)} for {small.name} with {small.n:,}"
        )
    if args.top > 0:
        print(f"slowest indicators (one round each, load average {load()}):")
        print("\n".join(per_indicator(user, period, sorted(available), args.top)))


if __name__ == "__main__":
    main()
