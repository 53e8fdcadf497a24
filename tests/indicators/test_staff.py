"""Staff and continuity: caseload, caseworkers per child and staff turnover, worked out by hand."""

from __future__ import annotations

from datetime import date

from skyddsnat.accounts.models import User
from skyddsnat.intake import services as intake
from tests.cast import local, pin_for
from tests.indicators.helpers import fraction, value, values
from tests.services.flow import (
    case_about,
    close_investigation,
    decide_preliminary,
    open_investigation,
)

D = date.fromisoformat


def _child(seed: int) -> str:
    return pin_for(D(f"2013-05-{seed:02d}"), "girl" if seed % 2 else "boy", seed=seed)


def _investigation(user, opened: str, seed: int):
    day = D(opened)
    case = case_about(user, local(day.year, day.month, day.day, 9), _child(seed))
    open_investigation(user, case, day)
    return case


def test_caseload_is_open_investigations_per_responsible_caseworker(cast, chief, frozen_today):
    frozen_today(D("2027-03-01"))
    # Alice: 3 open on 2026-12-31 (opened 03-01, 06-01, 11-01), 1 closed 2026-05-01.
    for seed, opened in enumerate(("2026-03-01", "2026-06-01", "2026-11-01"), start=1):
        _investigation(cast.alice, opened, seed)
    done = _investigation(cast.alice, "2026-02-01", 4)
    close_investigation(cast.alice, done, D("2026-05-01"))
    # Bob: 1 open, and 1 opened only in 2027. Ida (intake unit) opened one: it was handed over
    # to the investigation unit's queue "Att fördela", with nobody responsible (decision 0023).
    _investigation(cast.bob, "2026-09-01", 5)
    _investigation(cast.bob, "2027-01-15", 6)
    _investigation(cast.ida, "2026-04-01", 7)
    # Maja, the manager, registered one: the case has no responsible caseworker.
    _investigation(cast.maja, "2026-05-01", 8)

    # 2026-12-31: Alice 3 + Bob 1 = 4 investigations, 2 caseworkers: 4 / 2, max 3.
    v = value(chief, "caseload_open_investigations")
    assert (v.numerator, v.denominator, v.value, v.extra["max"]) == (4, 2, 2, 3)
    by_unit = values(chief, ids=["caseload_open_investigations"], breakdown="unit")
    investigation_unit = by_unit[("caseload_open_investigations", str(cast.inv_unit.pk))]
    assert (investigation_unit.value, investigation_unit.extra["max"]) == (2, 3)  # 4 / 2
    intake_unit = by_unit[("caseload_open_investigations", str(cast.intake_unit.pk))]
    # Ida's investigation left her unit with the hand-over: the intake unit holds none.
    assert (intake_unit.value, intake_unit.extra["max"]) == (None, 0)
    # 2026-03-31: Alice's first (03-01) and the one she closed later (02-01): 2 / 1, max 2.
    first_quarter = value(chief, "caseload_open_investigations", period="2026Q1")
    assert (first_quarter.numerator, first_quarter.denominator, first_quarter.extra["max"]) == (
        2,
        1,
        2,
    )


def test_caseworkers_per_child_follows_the_reassignments_during_the_period(
    cast, chief, frozen_today
):
    def on(day: str, hour: int = 12):
        frozen_today(D(day), hour)

    def reassign(case, caseworker):
        intake.reassign_caseworker(acting_user=cast.maja, case_id=case.pk, caseworker=caseworker)

    on("2025-01-10")
    n = case_about(cast.alice, local(2025, 1, 10, 9), _child(1))
    on("2025-02-01")
    decide_preliminary(cast.alice, n, D("2025-02-01"), "not_opened", reason="moved")  # closed
    on("2025-06-01")
    m = case_about(cast.alice, local(2025, 6, 1, 9), _child(2))
    on("2025-09-01")
    reassign(m, cast.bob)
    on("2026-02-01")
    k = case_about(cast.alice, local(2026, 2, 1, 9), _child(3))
    on("2026-03-01")
    case_about(cast.bob, local(2026, 3, 1, 9), _child(4))  # L: Bob's, never reassigned
    on("2026-04-01")
    reassign(m, cast.carl)
    on("2026-05-01")
    reassign(k, cast.bob)
    on("2026-12-31", 23)
    o = case_about(cast.alice, local(2026, 12, 31, 22, 30), _child(5))
    on("2027-01-05")
    reassign(o, cast.carl)
    on("2027-03-01")

    # 2026: K {Alice, then Bob} 2; L {Bob} 1; M {Bob, who held it on 1 January, then Carl} 2
    # (Alice gave it up in 2025); O {Alice} 1 (Carl took over in 2027). N closed in 2025.
    # (2 + 1 + 2 + 1) / 4 children = 1.5.
    v = value(chief, "caseworkers_per_child")
    assert (v.numerator, v.denominator, v.value) == (6, 4, 1.5)
    # 2025: M {Alice, Bob} 2, N {Alice} 1: 3 / 2.
    assert fraction(value(chief, "caseworkers_per_child", period="2025")) == (3, 2)
    by_sex = values(chief, ids=["caseworkers_per_child"], breakdown="sex")
    # girls (odd seeds): K (3) 2, O (5) 1 → 3 / 2; boys: M (2) 2, L (4) 1 → 3 / 2.
    assert fraction(by_sex[("caseworkers_per_child", "girl")]) == (3, 2)
    assert fraction(by_sex[("caseworkers_per_child", "boy")]) == (3, 2)


def test_staff_turnover_is_leavers_over_the_mean_number_employed(cast, chief, frozen_today):
    frozen_today(D("2027-03-01"))
    User.objects.filter(pk=cast.alice.pk).update(
        employment_started_on=D("2020-01-01"), employment_ended_on=D("2026-06-30")
    )
    User.objects.filter(pk=cast.bob.pk).update(employment_started_on=D("2026-07-01"))
    User.objects.filter(pk=cast.ida.pk).update(employment_ended_on=D("2025-12-31"))
    User.objects.filter(pk=cast.sara.pk).update(employment_ended_on=D("2026-03-01"))
    # 2026: Alice 181 days (Jan–Jun), Bob 184 (Jul–Dec), Carl 365; Ida had left; Maja and
    # Vera are managers; Sara works in Söderby. (181 + 184 + 365) / 365 = 2.0 employed on
    # average; Alice left: 1 / 2.0 = 0.5.
    v = value(chief, "staff_turnover")
    assert (v.numerator, v.denominator, v.value) == (1, 2, 0.5)
    by_unit = values(chief, ids=["staff_turnover"], breakdown="unit")
    # Investigation unit: (181 + 184) / 365 = 1.0 employed, 1 left: 1.0. Intake: Carl, 0.
    assert by_unit[("staff_turnover", str(cast.inv_unit.pk))].value == 1
    assert by_unit[("staff_turnover", str(cast.intake_unit.pk))].value == 0
    # 2025: Alice, Carl and Ida all year (3.0); Ida left on 31 December: 1 / 3.
    assert value(chief, "staff_turnover", period="2025").value == round(1 / 3, 4)
