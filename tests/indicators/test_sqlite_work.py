"""On SQLite the caseworkers per child cost what the municipality's cases cost, not their square.

Naming the report's municipality (decision 0049, for PostgreSQL) led SQLite's planner to start
from the municipality's reports and, for every one, search the municipality's cases by the work
lists' index: one year of the caseworkers per child took 99 s at 100,000 reports, 0.1 s without
it. The work is measured as the number of SQLite virtual-machine steps (counted by the
connection's progress handler, so deterministic, not a timing): twice the cases may take about
twice the steps, never four times. Skipped on PostgreSQL (``test_postgres_plans.py`` checks its
plans).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from skyddsnat.indicators.service import compute_indicators
from tests.indicators.test_postgres_plans import _cases

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's virtual machine (PostgreSQL: its plans)"
)

#: Steps between two calls of the progress handler.
STRIDE = 100


def _steps(user) -> int:
    """Return the virtual-machine steps (in ``STRIDE``s) of computing the caseworkers per child."""
    counted = 0

    def count() -> int:
        nonlocal counted
        counted += 1
        return 0  # go on

    connection.ensure_connection()
    raw = connection.connection
    raw.set_progress_handler(count, STRIDE)
    try:
        [value] = compute_indicators(acting_user=user, period="2026", ids=["caseworkers_per_child"])
    finally:
        raw.set_progress_handler(None, STRIDE)
    assert value.available
    return counted


def test_twice_the_cases_take_about_twice_the_work(cast, frozen_today):
    frozen_today(date(2027, 1, 15))
    _cases(cast.norrby, cast.intake_unit, cast.ida, 150, 0)
    once = _steps(cast.ana)
    _cases(cast.norrby, cast.intake_unit, cast.ida, 150, 1000)
    twice = _steps(cast.ana)
    assert twice < 2.6 * once, f"{once} → {twice} steps (×{twice / once:.1f}) for twice the cases"
