"""Investigations: each indicator on a small dataset worked out by hand.

"4 months" keeps the day number and clamps it to the month's end (2025-10-31 + 4 months =
2026-02-28). The due date is that, or the new date of the extension decided last.
"""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.intake import services as intake
from skyddsnat.investigations import services as investigations
from skyddsnat.people.models import Guardian, GuardianRelation
from skyddsnat.people.services import ChildInput, find_or_create_child
from tests.cast import local, pin_for
from tests.indicators.helpers import fraction, value, values
from tests.services.flow import (
    case_about,
    close_investigation,
    decide_preliminary,
    open_investigation,
)

D = date.fromisoformat


def _case(user, opened: str, seed: int, sex: str = "girl"):
    """Return a case reported and investigated from ``opened`` about a child of its own."""
    day = D(opened)
    child = pin_for(D(f"2014-06-{seed:02d}"), sex, seed=seed)
    case = case_about(user, local(day.year, day.month, day.day, 9), child)
    open_investigation(user, case, day)
    return case


def _extend(user, case, decided_on: str, new_due: str):
    investigations.extend_investigation(
        acting_user=user,
        case_id=case.pk,
        decided_on=D(decided_on),
        decided_by="committee",
        reason="Väntar på BUP.",
        new_due_date=D(new_due),
    )


def _talk(user, case, held_on: str, alone: bool):
    investigations.record_child_conversation(
        acting_user=user,
        case_id=case.pk,
        held_on=D(held_on),
        alone=alone,
        child_view="Vill bo kvar hemma.",
        present="" if alone else "Mamma",
    )


@pytest.fixture
def cases(cast, frozen_today):
    """Ten investigations (opened → closed, due date, in days).

    I1  2025-10-31 → 2026-02-28  due 2026-02-28 (clamped)          120  alone talk, support person
    I2  2025-10-31 → 2026-03-01  due 2026-02-28, late               121  talk not alone, no
        intervention, follow-up before closing; reasons: waiting for others, high workload
    I3  2026-01-15 → 2026-06-20  due 2026-05-15, extended to 06-30  156  talks alone and not
    I4  2026-02-01 → 2026-08-05  due 06-01, extended to 06-15, then 07-31, late  185
        no talk, child's view not documented; reason: family not cooperating
    I5  2026-09-01 → 2026-12-31  due 2027-01-01                      121  alone talk, support
        person, no intervention, follow-up 2027-01-10
    I6  2026-09-01 → 2027-01-01  due 2027-01-01
    I7  2026-03-01 → (open)      due 2026-07-01
    I8  2026-10-15 → (open)      due 2027-02-15
    I9  2026-05-01 → (open)      due 2026-09-01, extended on 2026-08-20 to 2027-01-31
    I10 2026-06-01 → 2027-01-20  due 2026-10-01, late; reason: more urgent cases
    """
    frozen_today(D("2027-03-01"))
    a = cast.alice
    i1 = _case(a, "2025-10-31", 1)
    _talk(a, i1, "2025-11-10", alone=True)
    close_investigation(a, i1, D("2026-02-28"), support_person_offered=True)

    i2 = _case(a, "2025-10-31", 2, "boy")
    _talk(a, i2, "2025-11-10", alone=False)
    intake.record_followup_contact(acting_user=a, case_id=i2.pk, contacted_on=D("2026-02-15"))
    close_investigation(
        a,
        i2,
        D("2026-03-01"),
        "no_intervention",
        delay_reasons=["waiting_for_others", "high_workload"],
    )

    i3 = _case(a, "2026-01-15", 3)
    _talk(a, i3, "2026-02-01", alone=True)
    _talk(a, i3, "2026-03-01", alone=False)
    _extend(a, i3, "2026-05-10", "2026-06-30")
    close_investigation(a, i3, D("2026-06-20"))

    i4 = _case(a, "2026-02-01", 4, "boy")
    _extend(a, i4, "2026-05-20", "2026-06-15")
    _extend(a, i4, "2026-06-10", "2026-07-31")
    close_investigation(
        a,
        i4,
        D("2026-08-05"),
        delay_reasons=["family_not_cooperating"],
        child_view_documented=False,
        child_view_not_documented_reason="Barnet ville inte.",
    )

    i5 = _case(a, "2026-09-01", 5)
    _talk(a, i5, "2026-09-15", alone=True)
    close_investigation(a, i5, D("2026-12-31"), "no_intervention", support_person_offered=True)
    intake.record_followup_contact(acting_user=a, case_id=i5.pk, contacted_on=D("2027-01-10"))

    i6 = _case(a, "2026-09-01", 6)
    close_investigation(a, i6, D("2027-01-01"))
    _case(a, "2026-03-01", 7)  # I7
    _case(a, "2026-10-15", 8)  # I8
    i9 = _case(a, "2026-05-01", 9)
    _extend(a, i9, "2026-08-20", "2027-01-31")
    i10 = _case(a, "2026-06-01", 10)
    close_investigation(a, i10, D("2027-01-20"), delay_reasons=["more_urgent_cases"])


def test_investigations_opened_counts_by_the_day_opened(chief, cases):
    # 2026: I3–I10 = 8; 2025: I1, I2.
    assert value(chief, "investigations_opened").value == 8
    assert value(chief, "investigations_opened", period="2025").value == 2


def test_investigation_within_4m_share(chief, cases):
    # Closed in 2026: I1 ✓ (on 2026-02-28, the clamped due date), I2 ✗ (a day later),
    # I3 ✗, I4 ✗, I5 ✓ (2026-12-31, due 2027-01-01): 2 / 5.
    assert fraction(value(chief, "investigation_within_4m_share")) == (2, 5)
    # 2027: I6 ✓ (on its due date 2027-01-01), I10 ✗: 1 / 2.
    assert fraction(value(chief, "investigation_within_4m_share", period="2027")) == (1, 2)


def test_investigation_within_due_share_counts_the_extension_decided_last(chief, cases):
    # I1 ✓, I2 ✗, I3 ✓ (06-20 ≤ extended 06-30), I4 ✗ (08-05 > 07-31, the later extension),
    # I5 ✓: 3 / 5.
    assert fraction(value(chief, "investigation_within_due_share")) == (3, 5)


def test_investigation_median_days(chief, cases):
    # 120, 121, 121, 156, 185: the middle one is 121.
    v = value(chief, "investigation_median_days")
    assert (v.value, v.denominator) == (121, 5)
    # First half: I1 120, I2 121, I3 156 → 121. Second half: I4 185, I5 121 → 153.
    assert value(chief, "investigation_median_days", period="2026H1").value == 121
    assert value(chief, "investigation_median_days", period="2026H2").value == 153


def test_investigations_late_count_is_past_four_months_whatever_the_extension(chief, cases):
    # I2, I3 (extended, but past 4 months), I4: 3.
    assert value(chief, "investigations_late_count").value == 3


def test_investigation_delay_reasons_per_reason_of_the_late_ones(chief, cases):
    # Closed after their due date in 2026: I2 (two reasons) and I4 (one): 2 late.
    late = values(chief, ids=["investigation_delay_reasons"])
    share = {k: fraction(v) for (_, k), v in late.items()}
    assert share == {
        "high_workload": (1, 2),
        "waiting_for_others": (1, 2),
        "family_not_cooperating": (1, 2),
        "more_urgent_cases": (0, 2),
        "other": (0, 2),
    }
    # 2027: I10 late (more urgent cases); I6 closed on its due date is not late.
    late_2027 = values(chief, period="2027", ids=["investigation_delay_reasons"])
    assert fraction(late_2027[("investigation_delay_reasons", "more_urgent_cases")]) == (1, 1)


def test_investigations_overdue_open_on_the_last_day_of_the_period(chief, cases):
    # 2026-12-31: I7 (due 07-01) and I10 (due 10-01, closed only in 2027) are overdue; I8 is
    # not due yet, I9 was extended to 2027-01-31, I6 is due 2027-01-01.
    assert value(chief, "investigations_overdue_open").value == 2
    assert value(chief, "investigations_overdue_open", period="2026Q1").value == 0
    # 2026-06-30: I4 was extended on 06-10 to 07-31, I7 is due the next day.
    assert value(chief, "investigations_overdue_open", period="2026Q2").value == 0
    # 2026-09-30: I7 only (I4 closed 08-05, I9 extended on 08-20, I10 due 10-01).
    assert value(chief, "investigations_overdue_open", period="2026Q3").value == 1


def test_investigation_child_talked_alone_share(chief, cases):
    # I1 ✓, I2 ✗ (not alone), I3 ✓, I4 ✗ (no talk), I5 ✓: 3 / 5.
    assert fraction(value(chief, "investigation_child_talked_alone_share")) == (3, 5)


def test_investigation_child_view_and_support_person_shares(chief, cases):
    # Child's view documented in all but I4: 4 / 5. Support person: I1, I5: 2 / 5.
    assert fraction(value(chief, "investigation_child_view_share")) == (4, 5)
    assert fraction(value(chief, "support_person_offered_share")) == (2, 5)


def test_no_intervention_followup_share_counts_contacts_after_closing(chief, cases):
    # No intervention in 2026: I2 (follow-up before closing ✗), I5 (2027-01-10 ✓): 1 / 2.
    assert fraction(value(chief, "no_intervention_followup_share")) == (1, 2)


def test_investigation_shares_by_sex(chief, cases):
    by_sex = values(chief, ids=["investigation_within_4m_share"], breakdown="sex")
    # girls: I1 ✓, I3 ✗, I5 ✓ → 2 / 3; boys: I2 ✗, I4 ✗ → 0 / 2.
    assert fraction(by_sex[("investigation_within_4m_share", "girl")]) == (2, 3)
    assert fraction(by_sex[("investigation_within_4m_share", "boy")]) == (0, 2)


# --- triggers from adult cases -----------------------------------------------------------------


def _guardian(cast, seed: int, *children) -> Guardian:
    guardian = Guardian.objects.create(
        municipality=cast.norrby,
        personal_identity_number=pin_for(D(f"1985-04-{seed:02d}"), "boy", seed=seed),
        first_name="Förälder",
        last_name=str(seed),
    )
    for child in children:
        GuardianRelation.objects.create(child=child, guardian=guardian)
    return guardian


def _child(cast, seed: int, sex: str = "girl"):
    number = pin_for(D(f"2016-01-{seed:02d}"), sex, seed=seed)
    return find_or_create_child(cast.norrby, ChildInput(personal_identity_number=number))


def _trigger(cast, guardian, kind, occurred_on):
    intake.register_adult_trigger(
        acting_user=cast.ida, guardian=guardian, kind=kind, occurred_on=D(occurred_on)
    )


def test_adult_trigger_covered_share_per_child_and_kind(cast, chief, frozen_today):
    w, x, y, z = (_child(cast, 20 + i, "girl" if i % 2 == 0 else "boy") for i in range(4))
    # W has had an investigation running since 2025-12-05; Z's guardian is investigated for
    # violence on 2025-12-31, which reports Z that day.
    frozen_today(D("2025-12-31"))
    w_case = case_about(cast.ida, local(2025, 12, 1), w.personal_identity_number)
    open_investigation(cast.ida, w_case, D("2025-12-05"))
    _trigger(cast, _guardian(cast, 1, z), "violence", "2025-12-31")
    # X has a report of 2026-02-20 waiting for assessment. On 2026-01-01 W's guardian is
    # cared for under LPT (W's running case covers it); on 2026-03-01 X and Y's guardian under
    # LVM: X's open case is linked, Y gets a new report that nobody assesses.
    frozen_today(D("2026-03-01"))
    x_case = case_about(cast.ida, local(2026, 2, 20), x.personal_identity_number)
    _trigger(cast, _guardian(cast, 3, w), "lpt", "2026-01-01")
    _trigger(cast, _guardian(cast, 2, x, y), "lvm", "2026-03-01")
    frozen_today(D("2027-03-01"))
    decide_preliminary(
        cast.ida, x_case, D("2026-03-05"), "not_opened", reason="no_concern_confirmed"
    )
    z_case = z.cases.get()
    decide_preliminary(
        cast.ida, z_case, D("2026-01-05"), "not_opened", reason="no_concern_confirmed"
    )

    # 2026: W ✓ (investigation), X ✓ (preliminary assessment), Y ✗: 2 / 3.
    per_kind = values(chief, ids=["adult_trigger_covered_share"])
    assert fraction(per_kind[("adult_trigger_covered_share", None)]) == (2, 3)
    assert fraction(per_kind[("adult_trigger_covered_share", "lvm")]) == (1, 2)
    assert fraction(per_kind[("adult_trigger_covered_share", "lpt")]) == (1, 1)
    assert per_kind[("adult_trigger_covered_share", "violence")].value is None  # none in 2026
    # 2025: Z, assessed on 2026-01-05, counts on the trigger's day: 1 / 1.
    assert fraction(value(chief, "adult_trigger_covered_share", period="2025")) == (1, 1)
