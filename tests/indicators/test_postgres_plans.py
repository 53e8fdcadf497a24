"""On PostgreSQL the indicators read the municipality's reports, not the database's (decision 0049).

The reports and preliminary assessments, the time limits (the facts of the cases) and the
caseworkers per child reach each case's report. Every statement they run that reads the reports
table is run again under ``EXPLAIN (ANALYZE, FORMAT JSON)`` with the tables analysed and
sequential scans switched off (so that the small test database is planned as a large one would
be, as ``tests/web/test_worklist_reads.py`` does), counting the rows each plan node read from the
reports table (returned and thrown away by its filter, over all its loops): never more than
Norrby's own reports, while Söderby has many times more. Skipped on SQLite, where the report's
municipality is not named for the caseworkers per child (it misled SQLite's planner:
``test_sqlite_work.py``).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.db import connection, transaction

from skyddsnat.accounts.models import Municipality, Unit, User
from skyddsnat.cases.models import Case
from skyddsnat.indicators.service import compute_indicators
from skyddsnat.intake.models import PreliminaryAssessment, Report
from skyddsnat.people.models import Child
from tests.cast import local
from tests.plans import Statement, recording, rows_read

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's plans (SQLite has no such choice)"
)

#: The indicators whose statements reach the report of each case they count.
IDS = [
    "reports_count",
    "children_reported",
    "prelim_median_days",
    "prelim_within_14d_share",
    "obligations_met_on_time_share",
    "caseworkers_per_child",
]
TABLE = "intake_report"


def _cases(municipality: Municipality, unit: Unit, user: User, count: int, offset: int) -> None:
    """Insert ``count`` reports of 2026, one child each, each assessed 10 days later."""
    children = Child.objects.bulk_create(
        Child(
            municipality=municipality,
            personal_identity_number=f"2015{offset + i:08d}",
            first_name="Barn",
            last_name=f"Nummer {offset + i:04d}",
        )
        for i in range(count)
    )
    days = [date(2026, 1, 5) + timedelta(days=(offset + i) % 300) for i in range(count)]
    reports = Report.objects.bulk_create(
        Report(
            municipality=municipality,
            unit=unit,
            received_at=local(day.year, day.month, day.day, 9),
            channel="phone",
            reporter_category="school",
            reporter_mandatory=True,
            registered_by=user,
        )
        for day in days
    )
    cases = Case.objects.bulk_create(
        Case(municipality=municipality, unit=unit, child=child, report=report, responsible=user)
        for child, report in zip(children, reports, strict=True)
    )
    PreliminaryAssessment.objects.bulk_create(
        PreliminaryAssessment(
            case=case,
            decided_on=day + timedelta(days=10),
            decided_by=user,
            outcome="opened",
            child_heard=True,
        )
        for case, day in zip(cases, days, strict=True)
    )


def test_the_indicators_read_no_report_of_another_municipality(cast, frozen_today):
    frozen_today(date(2027, 1, 15))
    _cases(cast.norrby, cast.intake_unit, cast.ida, 30, 0)
    _cases(cast.soderby, cast.soderby_unit, cast.sara, 400, 1000)
    own = Report.objects.filter(municipality=cast.norrby).count()
    assert Report.objects.count() > 10 * own

    statements: list[Statement] = []
    with recording(statements):
        values = compute_indicators(acting_user=cast.ana, period="2026", ids=IDS)
    assert {v.id for v in values if v.available} == set(IDS)
    reads = [s for s in statements if f'"{TABLE}"' in s.sql and s.sql.lstrip().startswith("SELECT")]
    assert len(reads) >= len(IDS)

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    for statement in reads:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.sql, statement.params)
            (result,) = cursor.fetchone()
        plan = (json.loads(result) if isinstance(result, str) else result)[0]["Plan"]
        for read in rows_read(plan, TABLE):
            assert read <= own, f"{read} reports read (Norrby has {own}): {statement.sql}"
