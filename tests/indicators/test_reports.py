"""Reports and assessments: each indicator on a small dataset worked out by hand.

Counting dates: a report counts on the Swedish local date it came in; an assessment on the day
it was decided. Vera (``chief``) manages both units and sees every figure; Ana, the analyst,
sees small numbers masked.
"""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.accounts.models import ChildPopulation
from skyddsnat.cases.models import Case
from skyddsnat.intake import services as intake
from tests.cast import local, pin_for
from tests.indicators.helpers import fraction, value, values
from tests.services.flow import case_about, decide_preliminary, report

D = date.fromisoformat
A = pin_for(D("2015-05-17"), "girl", seed=1)
B = pin_for(D("2010-03-01"), "boy", seed=2)
C = pin_for(D("2020-01-01"), "girl", seed=3)
F = pin_for(D("2008-12-31"), "boy", seed=4)
G = pin_for(D("2014-04-04"), "girl", seed=5)
H = pin_for(D("2013-03-03"), "boy", seed=6)
I = pin_for(D("2012-02-02"), "girl", seed=7)  # noqa: E741
J = pin_for(D("2012-07-07"), "boy", seed=8)
K = pin_for(D("2016-02-02"), "girl", seed=9)


# --- counts of reports -------------------------------------------------------------------------


@pytest.fixture
def reports(cast, frozen_today):
    """Reports around the turn of the years 2025/2026 and 2026/2027.

    2026: R1 (1 January 00:30) about A and B, R2 (31 December 23:30) about A, R5 (31 December)
    about F, who turns 18 that day. Not 2026: R3 (31 December 2025 23:59) and R4 (1 January
    2027 00:00) about C; an application about B; Söderby's report.
    """
    frozen_today(D("2027-03-01"))
    report(cast.alice, local(2026, 1, 1, 0, 30), [A, B], reasons=("neglect", "witnessed_violence"))
    report(cast.alice, local(2026, 12, 31, 23, 30), [A], category="police")
    report(cast.alice, local(2026, 12, 31, 10), [F])
    report(cast.alice, local(2025, 12, 31, 23, 59), [C])
    report(cast.alice, local(2027, 1, 1, 0, 0), [C])
    report(
        cast.alice,
        local(2026, 5, 1),
        [B],
        category="relative",
        kind="application",
        applicant="guardian",
    )
    report(cast.sara, local(2026, 6, 1), [A])
    ChildPopulation.objects.create(municipality=cast.norrby, year=2026, children=1600)
    ChildPopulation.objects.create(municipality=cast.soderby, year=2026, children=10)


def test_reports_count_counts_one_per_child_and_report_by_the_local_day_received(chief, reports):
    # R1 about A and B counts twice, R2 and R5 once: 2 + 1 + 1 = 4. R3 (2025-12-31 23:59) and
    # R4 (2027-01-01 00:00) fall outside; the application and Söderby's report never count.
    assert value(chief, "reports_count").value == 4
    assert value(chief, "reports_count", period="2025").value == 1  # R3
    assert value(chief, "reports_count", period="2027").value == 1  # R4
    assert value(chief, "reports_count", period="2026Q1").value == 2  # R1 about A and B
    assert value(chief, "reports_count", period="2026-12").value == 2  # R2 and R5


def test_reports_count_by_sex_age_reporter_and_reason(chief, reports):
    by_sex = values(chief, ids=["reports_count"], breakdown="sex")
    # girls: A twice (R1, R2) = 2; boys: B (R1) + F (R5) = 2.
    assert [by_sex[("reports_count", k)].value for k in ("girl", "boy", "other_unknown")] == [
        2,
        2,
        0,
    ]
    by_age = values(chief, ids=["reports_count"], breakdown="age_group")
    # A is 10 and 11 (6–12) ×2; B is 15 (13–17); F turns 18 on the day R5 came in (18–20).
    assert [by_age[("reports_count", k)].value for k in ("0-5", "6-12", "13-17", "18-20")] == [
        0,
        2,
        1,
        1,
    ]
    by_reporter = values(chief, ids=["reports_count"], breakdown="reporter_category")
    assert by_reporter[("reports_count", "school")].value == 3  # R1 ×2, R5
    assert by_reporter[("reports_count", "police")].value == 1  # R2
    by_reason = values(chief, ids=["reports_count"], breakdown="reason_category")
    assert by_reason[("reports_count", "neglect")].value == 4  # every report has neglect
    assert by_reason[("reports_count", "witnessed_violence")].value == 2  # R1 ×2
    assert by_reason[("reports_count", "sexual_abuse")].value == 0


def test_reports_per_1000_uses_the_population_of_the_year(chief, reports):
    # 4 reports / 1 600 children × 1 000 = 2.5
    v = value(chief, "reports_per_1000")
    assert (v.value, v.numerator, v.denominator) == (2.5, 4, 1600)


def test_reports_per_1000_says_when_the_population_is_missing(chief, reports):
    v = value(chief, "reports_per_1000", period="2025")
    assert v.value is None
    assert "Antalet barn i kommunen 2025 saknas" in v.note


def test_children_reported_counts_each_child_once(chief, reports):
    # A (R1, R2), B (R1), F (R5): 3 children.
    assert value(chief, "children_reported").value == 3
    by_sex = values(chief, ids=["children_reported"], breakdown="sex")
    assert by_sex[("children_reported", "girl")].value == 1  # A, though reported twice
    assert by_sex[("children_reported", "boy")].value == 2  # B, F


def test_small_counts_are_masked_for_the_analyst(cast, reports):
    v = value(cast.ana, "reports_count")
    assert v.masked and v.value is None and v.numerator is None
    assert "Färre än 5" in v.mask_reason


# --- repeated reports --------------------------------------------------------------------------


def test_repeat_reported_children_need_three_reports_within_twelve_months(
    cast, chief, frozen_today
):
    frozen_today(D("2027-03-01"))
    # G: 2025-03-10, 2025-09-10, 2026-03-09. The 12 months up to 2026-03-09 start after
    # 2025-03-09, so all three fall inside: G counts in 2026 (the day of the third).
    for day in ("2025-03-10", "2025-09-10", "2026-03-09"):
        case_about(cast.alice, local(*map(int, day.split("-"))), G)
    # H: 2025-03-09, 2025-09-10, 2026-03-09: the first is exactly 12 months back, outside.
    for day in ("2025-03-09", "2025-09-10", "2026-03-09"):
        case_about(cast.alice, local(*map(int, day.split("-"))), H)
    # I: three reports in December 2025: counts in 2025, not in 2026.
    for day in ("2025-12-01", "2025-12-10", "2025-12-31"):
        case_about(cast.alice, local(*map(int, day.split("-")), 23, 59), I)
    # J: a report and an application (applications are not reports) and one more: 2 reports.
    case_about(cast.alice, local(2026, 1, 5), J)
    case_about(cast.alice, local(2026, 2, 5), J, kind="application", applicant="guardian")
    case_about(cast.alice, local(2026, 3, 5), J)
    assert value(chief, "repeat_reported_children").value == 1  # G
    assert value(chief, "repeat_reported_children", period="2025").value == 1  # I
    assert value(chief, "repeat_reported_children", period="2026Q2").value == 0
    by_sex = values(chief, ids=["repeat_reported_children"], breakdown="sex")
    assert by_sex[("repeat_reported_children", "girl")].value == 1


# --- preliminary assessments -------------------------------------------------------------------


@pytest.fixture
def assessments(cast, frozen_today):
    """Seven reports and their assessments (received → decided, in days).

    P1 A  2026-01-02 → 2026-01-16 opened (14)        protective same day, feedback
    P2 B  2026-01-02 → 2026-01-17 not opened (15)    protective next day, feedback, follow-up
                                                     child not heard, not informed
    P3 C  2025-12-20 → 2026-01-01 not opened (12)    private person, not informed,
                                                     follow-up before the decision
    P4 J  2026-12-20 → 2026-12-31 opened (11)        protective 23:59 the same day
    P5 K  2026-12-25 23:50 → 2027-01-01 not opened   protective 00:10 the next day
    P6 F  application 2026-03-01 → 2026-03-05 opened (4), a relative applied
    P7 A  2026-02-01 → 2026-02-03 joined to A's running investigation (2)
    """
    frozen_today(D("2027-03-01"))
    alice = cast.alice

    def protective(case, *moment):
        intake.make_protective_assessment(
            acting_user=alice, case_id=case.pk, made_at=local(*moment), outcome="no_immediate_need"
        )

    p1 = case_about(alice, local(2026, 1, 2, 9), A)
    protective(p1, 2026, 1, 2, 15)
    decide_preliminary(alice, p1, D("2026-01-16"), "opened")
    intake.send_reporter_feedback(acting_user=alice, case_id=p1.pk, sent_on=D("2026-01-20"))

    p2 = case_about(alice, local(2026, 1, 2, 9), B)
    protective(p2, 2026, 1, 3, 9)
    decide_preliminary(
        alice,
        p2,
        D("2026-01-17"),
        "not_opened",
        reason="no_concern_confirmed",
        child_heard=False,
        child_not_heard_reason="Barnet ville inte.",
        child_informed_of_rights=False,
    )
    intake.send_reporter_feedback(acting_user=alice, case_id=p2.pk, sent_on=D("2026-01-18"))
    intake.record_followup_contact(acting_user=alice, case_id=p2.pk, contacted_on=D("2026-02-01"))

    p3 = case_about(alice, local(2025, 12, 20, 9), C, category="private_person")
    intake.record_followup_contact(acting_user=alice, case_id=p3.pk, contacted_on=D("2025-12-22"))
    decide_preliminary(
        alice,
        p3,
        D("2026-01-01"),
        "not_opened",
        reason="no_concern_confirmed",
        child_informed_of_rights=False,
    )

    p4 = case_about(alice, local(2026, 12, 20, 9), J)
    protective(p4, 2026, 12, 20, 23, 59)
    decide_preliminary(alice, p4, D("2026-12-31"), "opened")

    p5 = case_about(alice, local(2026, 12, 25, 23, 50), K)
    protective(p5, 2026, 12, 26, 0, 10)
    decide_preliminary(alice, p5, D("2027-01-01"), "not_opened", reason="moved")

    p6 = case_about(
        alice,
        local(2026, 3, 1, 9),
        F,
        category="relative",
        kind="application",
        applicant="guardian",
    )
    decide_preliminary(alice, p6, D("2026-03-05"), "opened")

    p7 = case_about(alice, local(2026, 2, 1, 9), A)
    protective(p7, 2026, 2, 1, 10)
    decide_preliminary(alice, p7, D("2026-02-03"), "joined_to_ongoing")


def test_reports_investigated_share(chief, assessments):
    # Reports decided in 2026 (the application P6 is not a report): P1, P2, P3, P4, P7.
    # Investigated: P1 and P4 opened, P7 joined a running investigation: 3 / 5.
    assert fraction(value(chief, "reports_investigated_share")) == (3, 5)
    assert value(chief, "reports_investigated_share").value == 0.6


def test_protective_same_day_share_counts_local_days(chief, assessments):
    # Reports received in 2026: P1 ✓, P2 ✗ (next day), P4 ✓ (23:59), P5 ✗ (00:10 the next
    # day, 20 minutes later), P7 ✓: 3 / 5. P3 came in 2025 and has no assessment: 0 / 1.
    assert fraction(value(chief, "protective_same_day_share")) == (3, 5)
    assert fraction(value(chief, "protective_same_day_share", period="2025")) == (0, 1)


def test_prelim_within_14d_share(chief, assessments):
    # Decided in 2026: P1 14 ✓, P2 15 ✗, P3 12 ✓, P4 11 ✓, P7 2 ✓: 4 / 5. The application P6
    # has no preliminary assessment (20 kap. 2 § SoL 2025:400 is about reports; an application
    # starts an investigation directly, 14 kap. 2 §): not counted.
    assert fraction(value(chief, "prelim_within_14d_share")) == (4, 5)
    # 2027: only P5 (2026-12-25 → 2027-01-01, 7 days) ✓.
    assert fraction(value(chief, "prelim_within_14d_share", period="2027")) == (1, 1)


def test_prelim_median_days(chief, assessments):
    # Reports only (not the application P6): days 2, 11, 12, 14, 15: the middle is 12.
    v = value(chief, "prelim_median_days")
    assert (v.value, v.denominator) == (12, 5)
    # First quarter: P1 14, P2 15, P3 12, P7 2 → 2, 12, 14, 15: the mean of 12 and 14.
    assert value(chief, "prelim_median_days", period="2026Q1").value == 13
    by_sex = values(chief, ids=["prelim_median_days"], breakdown="sex")
    # girls: P1 (A) 14, P3 (C) 12, P7 (A) 2 → 12; boys: P2 15, P4 11 → 13.
    assert by_sex[("prelim_median_days", "girl")].value == 12
    assert by_sex[("prelim_median_days", "boy")].value == 13


def test_prelim_child_heard_and_informed_shares(chief, assessments):
    # Reports only (not the application P6). Heard: all but P2: 4 / 5. Informed of rights: all
    # but P2 and P3: 3 / 5.
    assert fraction(value(chief, "prelim_child_heard_share")) == (4, 5)
    assert fraction(value(chief, "child_informed_rights_share")) == (3, 5)


def test_followup_after_not_opened_counts_contacts_on_or_after_the_decision(chief, assessments):
    # Not opened in 2026: P2 (follow-up 2026-02-01 ✓) and P3 (follow-up before the decision ✗).
    assert fraction(value(chief, "followup_after_not_opened_share")) == (1, 2)


def test_reporter_feedback_share_counts_mandatory_reporters_only(chief, assessments):
    # Mandatory reporters (school): P1, P2, P4, P7; not P3 (private person) nor P6 (relative).
    # Feedback to P1 and P2: 2 / 4.
    assert fraction(value(chief, "reporter_feedback_share")) == (2, 4)
    by_reporter = values(chief, ids=["reporter_feedback_share"], breakdown="reporter_category")
    assert fraction(by_reporter[("reporter_feedback_share", "school")]) == (2, 4)


def test_feedback_found_inappropriate_leaves_the_reporter_feedback_share(cast, chief, assessments):
    """19 kap. 6 § andra stycket SoL: feedback not given because it would be inappropriate is
    the law's exception, so that assessment leaves the denominator: 2 / 3."""
    p4 = Case.objects.get(report__received_at=local(2026, 12, 20, 9))
    intake.withhold_reporter_feedback(
        acting_user=cast.alice,
        case_id=p4.pk,
        decided_on=D("2027-01-02"),
        withheld_reason="Anmälaren är part i en vårdnadstvist.",
    )
    assert fraction(value(chief, "reporter_feedback_share")) == (2, 3)


def test_the_analyst_sees_denominators_of_five_or_more_and_not_smaller(cast, assessments):
    shown = value(cast.ana, "prelim_within_14d_share")  # 4 / 5
    assert not shown.masked and shown.value == round(4 / 5, 4)
    hidden = value(cast.ana, "followup_after_not_opened_share")  # 1 / 2
    assert hidden.masked and hidden.value is None
