"""Staff and continuity: caseload, caseworkers per child and staff turnover, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.accounts.models import EmploymentPeriod
from skyddsnat.indicators.staff import first_days_of_months
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


def _period(user, unit, start, end=None, reason="", role=None):
    EmploymentPeriod.objects.create(
        user=user,
        unit=unit,
        role=role or user.role,
        started_on=D(start),
        ended_on=D(end) if end else None,
        reason_for_leaving=reason if end else "",
    )


#: The hand-worked dataset: who was employed where, from and to (decision 0031).
#: 2026, first days of the months (Jan … Dec):
#:   Alice  Utredning   Jan–Jun (6)  left 30 June (resigned)
#:   Bob    Utredning   Jul–Dec (6)
#:   Carl   Mottagning  Jan–Mar (3), moved on 16 March, Utredning Apr–Dec (9)
#:   Ida    Mottagning  left 31 December 2025 (0 in 2026)
#:   Maja   manager, Sara another municipality: not counted
#: Municipality: (6 + 6 + 12) / 12 = 2.0 on average; Alice left (Carl moved): 1 / 2.0.
#: Utredning: (6 + 6 + 9) / 12 = 1.75; Alice left: 1 / 1.75.
#: Mottagning: 3 / 12 = 0.25; Carl left the unit: 1 / 0.25.
#: 2025: Alice, Carl, Ida all year: 36 / 12 = 3.0; Ida left: 1 / 3.
TURNOVER = [
    ("2026", None, 1, 2.0, 0.5),
    ("2026", "inv_unit", 1, 1.75, round(1 / 1.75, 4)),
    ("2026", "intake_unit", 1, 0.25, 4.0),
    ("2025", None, 1, 3.0, round(1 / 3, 4)),
    ("2025", "inv_unit", 0, 1.0, 0),
    ("2025", "intake_unit", 1, 2.0, 0.5),
    ("2026Q3", None, 0, 2.0, 0),
]


@pytest.fixture
def staff_history(cast):
    _period(cast.alice, cast.inv_unit, "2020-01-01", "2026-06-30", "resigned")
    _period(cast.bob, cast.inv_unit, "2026-07-01")
    _period(cast.carl, cast.intake_unit, "2020-01-01", "2026-03-15", "internal")
    _period(cast.carl, cast.inv_unit, "2026-03-16")
    _period(cast.ida, cast.intake_unit, "2019-01-01", "2025-12-31", "retired")
    _period(cast.maja, cast.inv_unit, "2018-01-01")
    _period(cast.sara, cast.soderby_unit, "2018-01-01", "2026-01-31", "resigned")


@pytest.mark.parametrize(("period", "unit", "left", "average", "turnover"), TURNOVER)
def test_staff_turnover_is_leavers_over_the_average_headcount(
    cast, chief, frozen_today, staff_history, period, unit, left, average, turnover
):
    frozen_today(D("2027-03-01"))
    if unit is None:
        v = value(chief, "staff_turnover", period=period)
    else:
        by_unit = values(chief, ids=["staff_turnover"], breakdown="unit", period=period)
        v = by_unit[("staff_turnover", str(getattr(cast, unit).pk))]
    assert (v.numerator, v.denominator, v.value) == (left, average, turnover)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2026-01-01", "2026-12-31", 12),
        ("2026-01-01", "2026-03-01", 3),
        ("2026-01-02", "2026-03-31", 2),
        ("2026-02-10", "2026-02-20", 1),
        ("2025-11-01", "2026-02-28", 4),
    ],
)
def test_the_headcount_is_taken_on_the_first_day_of_each_month(start, end, days):
    counted = first_days_of_months(D(start), D(end))
    assert len(counted) == days
    assert all(d.day == 1 for d in counted) or counted == [D(start)]


def test_the_current_year_counts_the_months_up_to_today(cast, chief, frozen_today):
    frozen_today(D("2026-03-20"))
    _period(cast.alice, cast.inv_unit, "2020-01-01", "2026-02-28", "resigned")
    _period(cast.bob, cast.inv_unit, "2020-01-01", "2026-12-31", "resigned")
    # Jan 1, Feb 1, Mar 1: 2 + 2 + 1 = 5 / 3; Bob's end is still to come.
    v = value(chief, "staff_turnover", period="2026")
    assert (v.numerator, v.denominator) == (1, round(5 / 3, 2))


def _account(cast, username, role, unit, started):
    from skyddsnat.accounts import administration

    return administration.create_user(
        acting_user=cast.adam,
        username=username,
        data=administration.UserData(
            first_name=username.capitalize(),
            last_name="Exempelsson",
            email="",
            role=role,
            unit_ids=(unit.pk,),
            employment_started_on=D(started),
            employment_ended_on=None,
        ),
    )


def _change(cast, user, role=None, unit=None):
    from skyddsnat.accounts import administration

    administration.update_user(
        acting_user=cast.adam,
        user_id=user.pk,
        data=administration.UserData(
            first_name=user.first_name,
            last_name=user.last_name,
            email="",
            role=role or user.role,
            unit_ids=(unit.pk,) if unit else (),
            employment_started_on=user.employment_started_on,
            employment_ended_on=None,
        ),
    )


#: The accounts' history, written only by the administrator's services (decision 0040):
#:   Tove   caseworker Utredning from 2025; manager of it from 15 July 2026
#:          (caseworker on 1 Jan … 1 Jul: 7)
#:   Ulf    caseworker Mottagningen from 2025; moved to Utredning on 10 April 2026
#:          (Mottagningen 1 Jan … 1 Apr: 4, Utredning 1 May … 1 Dec: 8)
#:   Vidar  caseworker Utredning from 2025; account closed, last day 30 September (9)
#:   Walt   caseworker Utredning from 2025; became an analyst on 10 June 2026 (6)
#: Municipality: (7 + 12 + 9 + 6) / 12 = 2.83; only Vidar left: 1 / (34 / 12) = 0.3529.
#: Utredning: (7 + 8 + 9 + 6) / 12 = 2.5; Vidar and Walt left the unit's caseworkers: 2 / 2.5.
#: Mottagningen: 4 / 12 = 0.33; Ulf left the unit: 1 / (4 / 12) = 3.0.
ACCOUNT_TURNOVER = [
    (None, 1, 2.83, round(12 / 34, 4)),
    ("inv_unit", 2, 2.5, 0.8),
    ("intake_unit", 1, 0.33, 3.0),
]


@pytest.mark.parametrize(("unit", "left", "average", "turnover"), ACCOUNT_TURNOVER)
def test_internal_moves_of_accounts_are_no_turnover(
    cast, chief, frozen_today, unit, left, average, turnover
):
    from skyddsnat.accounts import administration

    frozen_today(D("2025-12-01"))
    tove = _account(cast, "tove", "caseworker", cast.inv_unit, "2025-01-01")
    ulf = _account(cast, "ulf", "caseworker", cast.intake_unit, "2025-01-01")
    vidar = _account(cast, "vidar", "caseworker", cast.inv_unit, "2025-01-01")
    walt = _account(cast, "walt", "caseworker", cast.inv_unit, "2025-01-01")
    frozen_today(D("2026-04-10"))
    _change(cast, ulf, unit=cast.inv_unit)
    frozen_today(D("2026-06-10"))
    _change(cast, walt, role="analyst")
    frozen_today(D("2026-07-15"))
    _change(cast, tove, role="manager", unit=cast.inv_unit)
    frozen_today(D("2026-10-01"))
    administration.deactivate_user(
        acting_user=cast.adam, user_id=vidar.pk, ended_on=D("2026-09-30")
    )
    frozen_today(D("2027-03-01"))
    if unit is None:
        v = value(chief, "staff_turnover")
    else:
        by_unit = values(chief, ids=["staff_turnover"], breakdown="unit")
        v = by_unit[("staff_turnover", str(getattr(cast, unit).pk))]
    assert (v.numerator, v.denominator, v.value) == (left, average, turnover)


def test_caseworkers_since_the_first_report_count_all_the_childs_cases(cast, chief, frozen_today):
    def on(day: str):
        frozen_today(D(day))

    def reassign(case, caseworker):
        intake.reassign_caseworker(acting_user=cast.maja, case_id=case.pk, caseworker=caseworker)

    on("2025-01-10")
    p = case_about(cast.carl, local(2025, 1, 10, 9), _child(1))
    on("2025-02-01")
    decide_preliminary(cast.carl, p, D("2025-02-01"), "not_opened", reason="moved")  # closed
    on("2025-06-01")
    q = case_about(cast.alice, local(2025, 6, 1, 9), _child(1))
    on("2025-09-01")
    reassign(q, cast.bob)
    on("2026-03-01")
    case_about(cast.bob, local(2026, 3, 1, 9), _child(2))  # R: Bob's, never re-assigned
    on("2026-06-01")
    reassign(q, cast.alice)  # back to Alice: no new caseworker
    on("2027-03-01")

    # Hand-worked: (period, indicator, numerator, denominator)
    # 2026: child 1 {Carl (P, 2025), Alice, Bob} 3, child 2 {Bob} 1: 4 / 2, while in 2026
    #       alone child 1 had Bob (holding Q on 1 January) and Alice: (2 + 1) / 2.
    # 2025: child 1 {Carl, Alice, Bob} 3 / 1; the same in the year.
    table = [
        ("2026", "caseworkers_since_first_report", 4, 2, 2.0),
        ("2026", "caseworkers_per_child", 3, 2, 1.5),
        ("2025", "caseworkers_since_first_report", 3, 1, 3.0),
        ("2025", "caseworkers_per_child", 3, 1, 3.0),
    ]
    for period, indicator, numerator, denominator, mean in table:
        v = value(chief, indicator, period=period)
        assert (v.numerator, v.denominator, v.value) == (numerator, denominator, mean), (
            period,
            indicator,
        )
    by_sex = values(chief, ids=["caseworkers_since_first_report"], breakdown="sex")
    assert fraction(by_sex[("caseworkers_since_first_report", "girl")]) == (3, 1)
    assert fraction(by_sex[("caseworkers_since_first_report", "boy")]) == (1, 1)
