"""Caseload over time (indicators.caseload): each caseworker's open cases, open investigations
and placed children at the last twelve month-ends, worked out by hand; a bounded number of
queries; the manager's staff page shows it against the unit's target."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skyddsnat.accounts.models import EmploymentPeriod
from skyddsnat.indicators import caseload
from skyddsnat.intake import services as intake
from tests.cast import local, pin_for
from tests.services.flow import (
    case_about,
    close_investigation,
    decide,
    decide_preliminary,
    end,
    open_investigation,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        ("2026-12-04", "2025-12-31", "2026-11-30"),
        ("2026-11-30", "2025-12-31", "2026-11-30"),  # today is a month-end: it counts
        ("2026-03-01", "2025-03-31", "2026-02-28"),
        ("2024-03-15", "2023-03-31", "2024-02-29"),
    ],
)
def test_the_twelve_month_ends(today, first, last):
    ends = caseload.month_ends(D(today))
    assert (len(ends), ends[0], ends[-1]) == (12, D(first), D(last))
    assert ends == sorted(set(ends))


def _child(seed: int) -> str:
    return pin_for(D(f"2012-04-{seed:02d}"), "girl" if seed % 2 else "boy", seed=seed)


@pytest.fixture
def history(cast, frozen_today):
    """The hand-worked dataset (Utredning barn; month-ends 2025-12-31 … 2026-11-30):

    * A (Alice): report 10 Jan; investigation 20 Jan – 10 May; foster home 15 May – 31 Aug.
    * B (Alice, then Bob from 15 June): report 5 March; investigation from 10 March.
    * C (Bob): report 1 Feb, closed 20 Feb without investigation (open on no month-end).
    * Carl worked in the unit until 31 March (a period): he has a row, all zeros.
    """

    def on(day: str):
        frozen_today(D(day))

    on("2026-01-10")
    a = case_about(cast.alice, local(2026, 1, 10, 9), _child(1))
    on("2026-01-20")
    open_investigation(cast.alice, a, D("2026-01-20"))
    on("2026-02-01")
    c = case_about(cast.bob, local(2026, 2, 1, 9), _child(2))
    on("2026-02-20")
    decide_preliminary(cast.bob, c, D("2026-02-20"), "not_opened", reason="moved")
    on("2026-03-05")
    b = case_about(cast.alice, local(2026, 3, 5, 9), _child(3))
    on("2026-03-10")
    open_investigation(cast.alice, b, D("2026-03-10"))
    on("2026-05-10")
    close_investigation(cast.alice, a, D("2026-05-10"))
    on("2026-05-15")
    a.refresh_from_db()
    placement = decide(cast.alice, a, D("2026-05-15"))
    on("2026-06-15")
    intake.reassign_caseworker(acting_user=cast.maja, case_id=b.pk, caseworker=cast.bob)
    on("2026-09-01")
    end(cast.alice, placement, D("2026-08-31"))
    EmploymentPeriod.objects.create(
        user=cast.carl,
        unit=cast.inv_unit,
        role="caseworker",
        started_on=D("2020-01-01"),
        ended_on=D("2026-03-31"),
        reason_for_leaving="resigned",
    )
    on("2026-12-04")


#: Month-ends Dec 2025, Jan … Nov 2026; (open cases, open investigations, placed children).
EXPECTED = {
    "alice": (
        [0, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1],
        [0, 1, 1, 2, 2, 1, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0],
    ),
    "bob": (
        [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
        [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
        [0] * 12,
    ),
    "carl": ([0] * 12, [0] * 12, [0] * 12),
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_caseworkers_load_at_each_month_end(cast, history, who):
    [unit] = caseload.unit_histories([cast.inv_unit], D("2026-12-04"))
    rows = {r.caseworker.username: r for r in unit.rows}
    assert sorted(rows) == ["alice", "bob", "carl"]  # not Maja (manager), Ida, Sara
    loads = rows[who].loads
    cases, investigations, placed = EXPECTED[who]
    assert [x.cases for x in loads] == cases
    assert [x.investigations for x in loads] == investigations
    assert [x.placed_children for x in loads] == placed


def test_the_mean_and_the_target(cast, history):
    cast.inv_unit.caseload_target = 1
    cast.inv_unit.save()
    [unit] = caseload.unit_histories([cast.inv_unit], D("2026-12-04"))
    # Caseworkers with cases: Jan: Alice 1; Mar: Alice 2; Jun: Alice 1, Bob 1.
    assert unit.mean_cases[:7] == [None, 1.0, 1.0, 2.0, 2.0, 2.0, 1.0]
    alice = next(r for r in unit.rows if r.caseworker == cast.alice)
    assert alice.over_target(unit.target)[:7] == [False, False, False, True, True, True, False]


def test_the_queries_do_not_grow_with_the_data(cast, history, frozen_today):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            caseload.unit_histories([cast.inv_unit, cast.intake_unit], D("2026-12-04"))
        return len(queries)

    before = count()
    frozen_today(D("2026-07-01"))
    for seed in range(10, 16):
        case = case_about(cast.bob, local(2026, 7, 1, 9), _child(seed))
        open_investigation(cast.bob, case, D("2026-07-01"))
    assert before == count() == caseload.QUERIES


def test_the_staff_page_shows_the_history_against_the_target(cast, history):
    cast.inv_unit.caseload_target = 1
    cast.inv_unit.save()
    client = Client()
    client.force_login(cast.maja)
    page = client.get(reverse("web:staff")).content.decode()
    assert "Ärendebelastning över tid" in page
    assert f'id="caseload-history-{cast.inv_unit.pk}"' in page
    assert page.count("över målet") == 3  # Alice at the ends of March, April and May
    assert '<time datetime="2025-12-31">' in page
