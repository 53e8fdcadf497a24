"""Benchmark (never part of the test run): the work lists and the follow-up page at scale.

Run with ``make bench`` (the embedded SQLite, 10,000 and 100,000 reports) or ``make bench-pg``
(a throwaway PostgreSQL, ``.ci/with-postgres``). On generated data (``generate_dataset``), in the
municipality with the most reports, it times three pages as the server answers them (the Django
test client through every middleware, ``DEBUG`` off) against hand-written SQL for the same rows,
in interleaved rounds, and prints for each the median, minimum and maximum of both, the ratio of
the medians and the target (issue 13, decision 0020):

- Mina ärenden of the caseworker with the most open cases, against one SQL statement reading
  their cases on the list with everything the rows show and the time limits start from;
- Enhetens översikt of a manager, against the same for the manager's units and the caseload
  counted by ``GROUP BY``;
- Uppföljning (the current year and its trend) of the same manager, against exactly the SQL
  statements it counts from (with nothing kept), replayed on a raw cursor (``bench/indicators.py``
  does the same for one computation); its target is a time, not a ratio.

The two work lists keep each case's next due date between requests (decision 0052), so each is
timed twice: as the day's first request (the kept dates dropped before every round, untimed:
every case's date worked out and kept) and as the requests after it (the dates read).
Uppföljning likewise keeps its indicator tables (decision 0053): timed with them kept, after a
change in the municipality (one case's stamp raised before every round: the page shows the day's
tables and queues their count, decision 0054), that count as the worker runs it, and as the
day's first (the tables and the obligations dropped). The nightly jobs (``jobs.lists``,
``indicators.jobs``) keep both before office hours, so that the day's first visits read kept
dates and tables; the script ends by timing each job once, after dropping what they keep.

No assertion on timing. On SQLite the data goes to ``var/bench-<reports>.sqlite3`` unless
``DATABASE_URL`` is set, and is generated once (``--reuse`` is implied when the file holds
reports already).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


from dataset_file import use_dataset_file  # noqa: E402

use_dataset_file(default_reports=10_000)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skyddsnat.settings")
os.environ.setdefault("SKYDDSNAT_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Skyddsnät's pages plus the bare comparison pages (``bench/bare_pages.py``).
settings.ROOT_URLCONF = "bare_pages"

import bare_pages  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django_q.models import OrmQ  # noqa: E402

from indicators import READS, Statement, load, prepare, recording, run_direct, server  # noqa: E402
from skyddsnat import clock  # noqa: E402
from skyddsnat.accounts.models import Municipality, Role, User  # noqa: E402
from skyddsnat.cases.choices import Phase  # noqa: E402
from skyddsnat.cases.models import Case, DuesMemo, IndicatorMemo, NextDueMemo  # noqa: E402
from skyddsnat.indicators.jobs import count_followup_tables, keep_followup_tables  # noqa: E402
from skyddsnat.indicators.periods import TREND_LENGTH, Period, trend  # noqa: E402
from skyddsnat.intake.models import Report  # noqa: E402
from skyddsnat.jobs.lists import keep_next_due_dates  # noqa: E402
from skyddsnat.web import worklist  # noqa: E402

#: The columns of one work-list row, as the hand-written SQL reads them.
ROW_SQL = """
SELECT c.id, c.phase, c.version, c.responsible_id, c.closed_at,
       ch.first_name, ch.last_name, ch.personal_identity_number, ch.protected_identity,
       ch.birth_date, ch.sex,
       r.received_at, r.kind, r.reporter_mandatory,
       pa.made_at, pr.decided_on, pr.outcome, rf.sent_on,
       i.opened_on, i.closed_on
FROM cases_case c
JOIN people_child ch ON ch.id = c.child_id
JOIN intake_report r ON r.id = c.report_id
LEFT JOIN intake_protectiveassessment pa ON pa.case_id = c.id
LEFT JOIN intake_preliminaryassessment pr ON pr.case_id = c.id
LEFT JOIN intake_reporterfeedback rf ON rf.case_id = c.id
LEFT JOIN investigations_investigation i ON i.case_id = c.id
WHERE c.municipality_id = %s AND {who}
  AND (c.phase IN ('assessment', 'investigation', 'intervention') OR c.closed_at >= %s)
"""

CASELOAD_SQL = """
SELECT c.responsible_id,
       SUM(CASE WHEN c.phase <> 'closed' THEN 1 ELSE 0 END),
       SUM(CASE WHEN i.id IS NOT NULL AND i.closed_on IS NULL THEN 1 ELSE 0 END)
FROM cases_case c
LEFT JOIN investigations_investigation i ON i.case_id = c.id
WHERE c.municipality_id = %s AND c.unit_id IN ({units})
  AND (c.phase IN ('assessment', 'investigation', 'intervention') OR c.closed_at >= %s)
GROUP BY c.responsible_id
"""


@dataclass(frozen=True)
class Bench:
    name: str
    ours: Callable[[], Any]
    theirs: Callable[[], Any]
    target: str
    #: The target as a limit on the ratio of the medians (None: a time, ``limit_ms``).
    ratio_limit: float | None = None
    limit_ms: float | None = None
    #: The statements the page ran, replayed on a raw cursor: what our SQL alone costs.
    ours_sql: Callable[[], Any] | None = None
    #: Run before each timed round of ours, untimed (the lists' kept dates dropped).
    before: Callable[[], Any] | None = None
    #: A bare Django page reading the same rows with the SQL (``bare_pages``), timed in the
    #: same rounds: what the cheapest page showing them costs.
    bare: Callable[[], Any] | None = None


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000, help="reports to generate")
    parser.add_argument("--municipalities", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds after one warm-up")
    parser.add_argument(
        "--reuse",
        action="store_true",
        default=os.environ.get("SKYDDSNAT_BENCH_REUSE") == "1",
        help="keep the reports already in the database (SKYDDSNAT_BENCH_REUSE=1)",
    )
    parser.add_argument(
        "--no-nightly",
        dest="nightly",
        action="store_false",
        help="leave out the nightly jobs' timing at the end (minutes at 1,000,000 reports)",
    )
    args = parser.parse_args()
    if connection.vendor == "sqlite" and Path(connection.settings_dict["NAME"]).exists():
        args.reuse = True  # a file of its own: generated once
    return args


def page(user: User, url: str) -> Callable[[], Any]:
    client = Client()
    client.force_login(user)

    def get() -> Any:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return get


def raw(sql: str, params: list[Any]) -> Callable[[], int]:
    def run() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return len(cursor.fetchall())

    return run


def both(*runs: Callable[[], Any]) -> Callable[[], None]:
    def run() -> None:
        for r in runs:
            r()

    return run


def statements_of(fn: Callable[[], Any]) -> list[Statement]:
    statements: list[Statement] = []
    with recording(statements):
        fn()
    return [s for s in statements if s.sql.lstrip().upper().startswith(READS)]


def forget() -> None:
    """Drop every next due date the lists keep, as on a new day (decision 0052)."""
    NextDueMemo.objects.all().delete()


def changed(municipality_id: int) -> Callable[[], None]:
    """Raise the stamp of one case of the municipality, as a change registered would (decision
    0053), and empty the queue of the counts the page queued for the worker (decision 0054)."""

    def change() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE cases_factsstamp SET stamp = stamp + 1 WHERE case_id = "
                "(SELECT MIN(id) FROM cases_case WHERE municipality_id = %s)",
                [municipality_id],
            )
        OrmQ.objects.all().delete()

    return change


def forget_tables() -> None:
    """Drop every indicator table and obligation kept, as on a new day (decisions 0052, 0053)."""
    IndicatorMemo.objects.all().delete()
    DuesMemo.objects.all().delete()


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def ms(times: list[float]) -> str:
    return (
        f"median {statistics.median(times) * 1e3:8.1f}  min {min(times) * 1e3:8.1f}  "
        f"max {max(times) * 1e3:8.1f} ms"
    )


def run(bench: Bench, rounds: int) -> str:
    before = bench.before or (lambda: None)
    before()
    bench.ours()  # warm-up
    bench.theirs()
    if bench.bare is not None:
        bench.bare()
    ours, theirs, ours_sql, bare = [], [], [], []
    for i in range(rounds):  # interleaved, the order alternating
        before()
        if i % 2:
            theirs.append(timed(bench.theirs))
            ours.append(timed(bench.ours))
        else:
            ours.append(timed(bench.ours))
            theirs.append(timed(bench.theirs))
        if bench.ours_sql is not None:
            ours_sql.append(timed(bench.ours_sql))
        if bench.bare is not None:
            bare.append(timed(bench.bare))
    o, t = statistics.median(ours), statistics.median(theirs)
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    if bench.ratio_limit is not None:
        met = o / t <= bench.ratio_limit and (bench.limit_ms is None or o * 1e3 < bench.limit_ms)
    else:
        met = bench.limit_ms is not None and o * 1e3 < bench.limit_ms
    return "\n".join(
        (
            f"{bench.name}",
            f"  ours:    {ms(ours)}",
            f"  SQL:     {ms(theirs)}",
            *([f"  our SQL: {ms(ours_sql)} (the page's statements replayed)"] if ours_sql else []),
            *(
                [
                    f"  bare:    {ms(bare)} (a bare Django page of the SQL's rows; ours "
                    f"{o / statistics.median(bare):.2f}× it)"
                ]
                if bare
                else []
            ),
            f"  ratio:   median {o / t:6.2f}  min {min(ratios):6.2f}  max {max(ratios):6.2f}",
            f"  target:  {bench.target}"
            + (f": {'met' if met else 'NOT met'}" if bench.ratio_limit or bench.limit_ms else ""),
        )
    )


def main() -> None:
    logging.disable(logging.INFO)  # the login's lines from django-axes
    args = parse_args()
    prepare(args)
    municipality = (
        Municipality.objects.annotate(n=Count("reports")).filter(n__gt=0).order_by("-n").first()
    )
    today = clock.today()
    kept_from = worklist.kept_from(today)
    open_phases = [p for p in Phase.values if p != Phase.CLOSED]
    caseworker = User.objects.get(
        pk=Case.objects.filter(municipality=municipality, phase__in=open_phases)
        .exclude(responsible=None)
        .values("responsible_id")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["responsible_id"]
    )
    manager = (
        User.objects.filter(municipality=municipality, role=Role.MANAGER, is_active=True)
        .annotate(n=Count("units"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    units = list(manager.units.values_list("pk", flat=True))
    in_units = ", ".join(str(int(u)) for u in units)
    mine = Case.objects.filter(municipality=municipality, responsible=caseworker)
    unit_cases = Case.objects.filter(municipality=municipality, unit__in=units)
    on_list = Q(phase__in=open_phases) | Q(closed_at__gte=kept_from)

    my_cases = page(caseworker, "/arenden/")
    unit = page(manager, "/enhet/")
    followup = page(manager, "/uppfoljning/")
    # What Uppföljning counts from: its statements with nothing kept (decision 0053).
    forget_tables()
    replayed = statements_of(followup)
    followup_kept = statements_of(followup)
    # The lists in their two states (decision 0052): the first of the day, when no next due date
    # is kept and every case's is worked out and kept, and the next ones, which read them.
    forget()
    my_cases_cold, unit_cold = statements_of(my_cases), statements_of(unit)
    my_cases_sql, unit_sql = statements_of(my_cases), statements_of(unit)
    mine_statement = (
        ROW_SQL.format(who="c.responsible_id = %s"),
        [municipality.pk, caseworker.pk, kept_from],
    )
    unit_statements = (
        (ROW_SQL.format(who=f"c.unit_id IN ({in_units})"), [municipality.pk, kept_from]),
        (CASELOAD_SQL.format(units=in_units), [municipality.pk, kept_from]),
    )
    mine_sql = raw(*mine_statement)
    unit_hand_sql = both(*(raw(*statement) for statement in unit_statements))
    mine_bare = page(caseworker, bare_pages.register("mine", mine_statement))
    unit_bare = page(manager, bare_pages.register("unit", *unit_statements))
    benches = []
    for state, before, mine_ours, unit_ours in (
        ("", None, my_cases_sql, unit_sql),
        (", the day's first (no next due date kept)", forget, my_cases_cold, unit_cold),
    ):
        benches += [
            Bench(
                f"Mina ärenden (/arenden/){state}",
                my_cases,
                mine_sql,
                "ours ≤ 2× the SQL",
                ratio_limit=2.0,
                ours_sql=lambda s=mine_ours: run_direct(s),
                before=before,
                bare=mine_bare,
            ),
            Bench(
                f"Enhetens översikt (/enhet/){state}",
                unit,
                unit_hand_sql,
                "ours ≤ 2× the SQL and under 500 ms",
                ratio_limit=2.0,
                limit_ms=500,
                ours_sql=lambda s=unit_ours: run_direct(s),
                before=before,
                bare=unit_bare,
            ),
        ]
    # Every state against the SQL the page counts from, replayed: kept, the page reads the
    # tables counted before (decision 0053); after a change it shows them while the worker
    # counts them again (its job timed as the fourth, each case's obligations kept; decision
    # 0054); the day's first counts them all.
    change = changed(municipality.pk)
    codes = [p.code for p in trend(Period.calendar_year(today.year), TREND_LENGTH)]
    page_target = "ours under 1 s"
    worker_target = "none: the worker's, while the page shows the day's tables"
    benches += [
        Bench(
            f"Uppföljning (/uppfoljning/){state}",
            ours,
            lambda: run_direct(replayed),
            target,
            limit_ms=1000 if target == page_target else None,
            before=before,
        )
        for state, ours, before, target in (
            (", the tables kept", followup, None, page_target),
            (
                ", after a change (the day's tables shown, their count queued)",
                followup,
                change,
                page_target,
            ),
            (
                ": the worker's count after a change (each case's obligations kept)",
                lambda: count_followup_tables(municipality.pk, codes, None, "sv"),
                change,
                worker_target,
            ),
            (", the day's first (nothing kept)", followup, forget_tables, page_target),
        )
    ]
    print(f"database: {server()}, load average {load()}")
    print(f"reports in the database: {Report.objects.count():,}, cases {Case.objects.count():,}")
    print(
        f"municipality: {municipality.name} ({municipality.code}), {municipality.n:,} reports; "
        f"today {today}"
    )
    print(
        f"caseworker {caseworker.username}: {mine.count():,} cases, "
        f"{mine.filter(on_list).count():,} on the list"
    )
    print(
        f"manager {manager.username}, {len(units)} units: {unit_cases.count():,} cases, "
        f"{unit_cases.filter(on_list).count():,} on the list"
    )
    print(
        f"statements per page: Mina ärenden {len(my_cases_sql)} ({len(my_cases_cold)} the day's "
        f"first), Enhetens översikt {len(unit_sql)} ({len(unit_cold)}), Uppföljning "
        f"{len(followup_kept)} ({len(replayed)})"
    )
    print(f"rounds: {args.rounds}, interleaved, after one warm-up")
    for bench in benches:
        print(run(bench, args.rounds))
    if args.nightly:
        nightly()
    print(f"load average after: {load()}")


def nightly() -> None:
    """Time the two nightly jobs once, everything they keep dropped first (as after a release):
    what makes the day's first lists and Uppföljning read kept dates and tables."""
    NextDueMemo.objects.all().delete()
    IndicatorMemo.objects.all().delete()
    DuesMemo.objects.all().delete()
    for name, job in (
        ("the next due dates of every listed case", keep_next_due_dates),
        ("Uppföljning's tables of every municipality", keep_followup_tables),
    ):
        started = time.perf_counter()
        summary = job()
        print(f"nightly job, once: {name}: {time.perf_counter() - started:.1f} s ({summary})")


if __name__ == "__main__":
    main()
