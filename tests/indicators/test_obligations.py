"""Time limits kept: each obligation indicator on a small dataset worked out by hand.

The due dates below are worked out from the law's rules by hand (3 months between visits, 6
between reviews, calendar months clamped to the month's end), not read from the code.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skyddsnat.interventions import services as interventions
from skyddsnat.investigations import services as investigations
from tests.cast import local, pin_for
from tests.indicators.helpers import fraction, value, values
from tests.services.flow import (
    case_about,
    close_investigation,
    decide,
    end,
    investigated_case,
    open_investigation,
)

D = date.fromisoformat
VISITS = "placement_visits_on_time_share"
REVIEWS = "placement_reviews_on_time_share"
ALL = "obligations_met_on_time_share"


def _visit(user, placement, on: str) -> None:
    interventions.record_visit(
        acting_user=user, intervention_id=placement.pk, visited_on=D(on), child_talked_alone=True
    )


def _review(user, placement, on: str) -> None:
    interventions.record_review(
        acting_user=user, intervention_id=placement.pk, held_on=D(on), outcome="continue"
    )


def _placement(user, seed: int, start: str):
    number = pin_for(D(f"2014-05-{seed:02d}"), "boy", seed=seed)
    case = investigated_case(user, number, D("2025-06-01"), D("2025-09-01"))
    return decide(user, case, D(start), "foster_home")


@pytest.fixture
def placements(cast, frozen_today):
    """Five foster-home placements (SoL), looked at on 2027-03-01.

    A  start 2026-01-10. Visits due 2026-04-10 (visited that day: kept), 2026-07-10 (visited
       2026-08-01: late), 2026-11-01 (3 months after 08-01; never: missed). Review held
       2026-07-01, due 2026-07-10: kept; the next, due 2027-01-01: missed.
    B  start 2025-10-01, ended 2026-05-01. Visits due 2026-01-01 (visited 2025-12-20: kept; it
       counts in 2026, the year of its due date), 2026-03-20 (visited 2026-03-25: late); the
       next, due 2026-06-25, falls after the placement ended: no obligation. Review due
       2026-04-01: missed. Evaluation due 2026-08-01 (3 months after the end): missed.
    C  start 2025-09-30. Visit due 2025-12-30 (visited that day: kept, in 2025); the next, due
       2026-03-30: missed. Review due 2026-03-30: missed.
    D  start 2026-12-01. Visit due 2027-03-01, today, not made: not fallen due yet.
    E  start 2026-11-29. Visit due 2027-02-28 (29 February 2027 does not exist): missed.
    """
    frozen_today(D("2027-03-01"))
    a = cast.alice
    p_a = _placement(a, 1, "2026-01-10")
    _visit(a, p_a, "2026-04-10")
    _visit(a, p_a, "2026-08-01")
    _review(a, p_a, "2026-07-01")
    p_b = _placement(a, 2, "2025-10-01")
    _visit(a, p_b, "2025-12-20")
    _visit(a, p_b, "2026-03-25")
    end(a, p_b, D("2026-05-01"))
    p_c = _placement(a, 3, "2025-09-30")
    _visit(a, p_c, "2025-12-30")
    _placement(a, 4, "2026-12-01")
    _placement(a, 5, "2026-11-29")


def test_visits_kept_of_those_that_fell_due_in_the_year(chief, placements):
    # 2026: A 04-10 kept, 07-10 late, 11-01 missed; B 01-01 kept, 03-20 late; C 03-30 missed.
    assert fraction(value(chief, VISITS, period="2026")) == (2, 6)
    assert value(chief, VISITS, period="2026").value == pytest.approx(2 / 6, abs=1e-4)
    # 2025: C 12-30 kept (B's first visit fell due on 1 January 2026, not in 2025).
    assert fraction(value(chief, VISITS, period="2025")) == (1, 1)
    # 2027 so far: E 02-28 missed; D falls due today and is not counted yet.
    assert fraction(value(chief, VISITS, period="2027")) == (0, 1)


def test_the_first_of_january_belongs_to_the_new_year(chief, placements):
    # B's visit due 2026-01-01 is the only one in Q1 2026 besides C's 03-30 and B's 03-20.
    assert fraction(value(chief, VISITS, period="2026Q1")) == (1, 3)
    assert fraction(value(chief, VISITS, period="2025Q4")) == (1, 1)


def test_reviews_kept(chief, placements):
    # 2026: A 07-10 kept; B 04-01 missed (it ended later, on 05-01); C 03-30 missed.
    assert fraction(value(chief, REVIEWS, period="2026")) == (1, 3)
    # 2027: A's second review, due 2027-01-01, missed. D and E fall due in the summer.
    assert fraction(value(chief, REVIEWS, period="2027")) == (0, 1)


def test_every_kind_of_time_limit_by_kind(chief, placements):
    found = values(chief, period="2026", ids=[ALL])
    by_kind = {k: fraction(v) for (_, k), v in found.items() if v.denominator}
    # The investigations and their assessments were all in 2025; custody considerations fall
    # due after two years of placement (2027 at the earliest). No placement has plans: the care
    # plans of A, D and E fell due in 2026 (on their decision days), the implementation plans of
    # A and E (a month from the start; D's falls due on 2027-01-01).
    assert by_kind == {
        None: (3, 15),
        "care_plan": (0, 3),
        "implementation_plan": (0, 2),
        "placement_visit": (2, 6),
        "placement_review": (1, 3),
        "evaluation": (0, 1),
    }
    label = found[(ALL, "placement_visit")].breakdown_label
    assert label == "Besök hos placerat barn"


def test_by_unit(chief, cast, placements):
    found = values(chief, period="2026", ids=[VISITS], breakdown="unit")
    assert fraction(found[(VISITS, str(cast.inv_unit.pk))]) == (2, 6)
    assert fraction(found[(VISITS, str(cast.intake_unit.pk))]) == (0, 0)


def test_small_numbers_are_masked_for_the_analyst(cast, placements):
    # Six visits is above the threshold; one (2025) is not.
    assert not value(cast.ana, VISITS, period="2026").masked
    masked = value(cast.ana, VISITS, period="2025")
    assert masked.masked and masked.value is None and masked.numerator is None


def test_another_municipality_is_not_counted(cast, frozen_today, placements):
    s = cast.sara
    number = pin_for(D("2013-02-02"), "girl", seed=9)
    case = investigated_case(s, number, D("2025-06-01"), D("2025-09-01"))
    decide(s, case, D("2026-01-10"), "foster_home")
    assert fraction(value(cast.ana, VISITS, period="2026")) == (2, 6)


def test_an_extension_moves_the_investigations_due_date(chief, cast, frozen_today):
    """Opened 2026-01-15 (due 05-15), extended on 05-10 to 07-15, closed 07-01: kept.
    Opened 2026-02-01 (due 06-01), closed 06-10: late. Opened 2026-10-01: due 2027-02-01,
    still open on 2027-03-01: missed, in 2027."""
    frozen_today(D("2027-03-01"))
    a = cast.alice
    kept = _opened(a, 11, "2026-01-15")
    investigations.extend_investigation(
        acting_user=a,
        case_id=kept.pk,
        decided_on=D("2026-05-10"),
        decided_by="committee",
        reason="Väntar på BUP:s bedömning.",
        new_due_date=D("2026-07-15"),
    )
    _close(a, kept, "2026-07-01")
    late = _opened(a, 12, "2026-02-01")
    _close(a, late, "2026-06-10", delay_reasons=["high_workload"])
    _opened(a, 13, "2026-10-01")

    def investigation_kind(period):
        found = values(chief, period=period, ids=[ALL])
        return fraction(found[(ALL, "investigation")])

    assert investigation_kind("2026") == (1, 2)
    assert investigation_kind("2027") == (0, 1)


def _opened(user, seed: int, on: str):
    day = D(on)
    case = case_about(
        user, local(day.year, day.month, day.day, 9), pin_for(D("2015-01-01"), "boy", seed)
    )
    open_investigation(user, case, day)
    return case


def _close(user, case, on: str, **kwargs) -> None:
    close_investigation(user, case, D(on), **kwargs)


def test_the_number_of_queries_does_not_grow_with_the_cases(chief, cast, placements):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            values(chief, period="2026", ids=[VISITS, REVIEWS, ALL])
        return len(ctx.captured_queries)

    before = queries()
    a = cast.alice
    for seed in range(20, 26):
        placement = _placement(a, seed, "2026-02-01")
        _visit(a, placement, "2026-04-15")
    assert queries() == before
    assert fraction(value(chief, VISITS, period="2026"))[1] == 6 + 6 * 2


def test_periods_sharing_one_evaluation_give_the_same_figures(chief, placements):
    from skyddsnat.indicators import obligations
    from skyddsnat.indicators.periods import Period
    from skyddsnat.indicators.service import compute_indicators

    periods = [Period.parse(p) for p in ("2025", "2026", "2027")]
    memo = obligations.window(periods)
    shared, ledgers = [], set()
    for period in periods:
        found = compute_indicators(acting_user=chief, period=period, ids=[VISITS], memo=memo)
        shared.append(fraction(found[0]))
        ledgers.add(id(memo["obligations"]))
    assert len(ledgers) == 1  # evaluated once, for all three years
    assert shared == [(1, 1), (2, 6), (0, 1)]


def test_by_sex_and_age_group_on_the_due_date(chief, cast, frozen_today, placements):
    # Every child of the fixture is a boy born in May 2014: 11 on every due date in 2026 before
    # his birthday in May, 12 after; all in the group 6–12.
    by_sex = values(chief, period="2026", ids=[VISITS], breakdown="sex")
    assert fraction(by_sex[(VISITS, "boy")]) == (2, 6)
    assert fraction(by_sex[(VISITS, "girl")]) == (0, 0)
    # A girl born 2013-03-20 turns 13 on the day her first visit falls due (placed 2025-12-20,
    # visited on time): she counts as 13–17.
    girl = investigated_case(
        cast.alice, pin_for(D("2013-03-20"), "girl", 7), D("2025-06-01"), D("2025-09-01")
    )
    placement = decide(cast.alice, girl, D("2025-12-20"), "foster_home")
    _visit(cast.alice, placement, "2026-03-20")
    by_age = values(chief, period="2026", ids=[VISITS], breakdown="age_group")
    assert fraction(by_age[(VISITS, "6-12")]) == (2, 6)
    # Her second visit, due 2026-06-20, was never made.
    assert fraction(by_age[(VISITS, "13-17")]) == (1, 2)
