"""Time limits derived from cases registered through the services (``case_obligations``)."""

from __future__ import annotations

from datetime import UTC, date

import pytest

from skyddsnat.cases.facts import case_obligations
from skyddsnat.errors import InvalidInput
from skyddsnat.intake import services as intake
from skyddsnat.interventions import services as interventions
from skyddsnat.investigations import services as investigations
from tests.cast import local, pin_for
from tests.services.flow import (
    case_about,
    close_investigation,
    decide,
    decide_preliminary,
    end,
    investigated_case,
    open_investigation,
)

ANNA = pin_for(date(2015, 5, 17), "girl")


def _by_kind(case, as_of: date) -> dict[str, list]:
    found: dict[str, list] = {}
    for obligation in case_obligations(case, as_of):
        found.setdefault(obligation.kind, []).append(obligation)
    return found


def _one(case, kind: str, as_of: date):
    (obligation,) = _by_kind(case, as_of)[kind]
    return obligation


@pytest.fixture
def today(frozen_today):
    frozen_today(date(2026, 12, 31))


@pytest.mark.parametrize(
    ("decided_on", "status", "days_late"),
    [
        (date(2026, 3, 2), "met", 0),
        (date(2026, 3, 16), "met", 0),  # day 14
        (date(2026, 3, 17), "met_late", 1),  # day 15
    ],
)
def test_it_counts_the_preliminary_assessment_in_calendar_days(
    cast, today, decided_on, status, days_late
):
    case = case_about(cast.ida, local(2026, 3, 2, 9), ANNA)
    open_investigation(cast.ida, case, decided_on)
    obligation = _one(case, "preliminary_assessment", date(2026, 4, 1))
    assert obligation.due_date == date(2026, 3, 16)
    assert (obligation.status, obligation.days_late, obligation.met_at) == (
        status,
        days_late,
        decided_on,
    )
    assert obligation.legal_reference == "SoL (2025:400) 20 kap. 2 §"


def test_it_shows_an_undecided_preliminary_assessment_as_it_stood_each_day(cast, today):
    case = case_about(cast.ida, local(2026, 3, 2, 9), ANNA)
    open_investigation(cast.ida, case, date(2026, 3, 20))
    statuses = {
        as_of: _one(case, "preliminary_assessment", as_of).status
        for as_of in (date(2026, 3, 5), date(2026, 3, 14), date(2026, 3, 17))
    }
    assert statuses == {
        date(2026, 3, 5): "open",
        date(2026, 3, 14): "due_soon",
        date(2026, 3, 17): "overdue",
    }


def test_it_gives_a_report_after_the_cutoff_until_the_next_day_for_the_protective_assessment(
    cast, today
):
    case = case_about(cast.ida, local(2026, 3, 2, 17), ANNA)
    intake.make_protective_assessment(
        acting_user=cast.ida,
        case_id=case.pk,
        made_at=local(2026, 3, 3, 9),
        outcome="no_immediate_need",
    )
    obligation = _one(case, "protective_assessment", date(2026, 3, 3))
    assert (obligation.due_date, obligation.status) == (date(2026, 3, 3), "met")


def test_it_owes_no_protective_nor_preliminary_assessment_for_an_application(cast, today):
    """20 kap. 1 and 2 §§ SoL (2025:400) concern reports; an application starts an investigation
    directly (14 kap. 2 §)."""
    application = case_about(
        cast.ida,
        local(2026, 3, 2, 9),
        ANNA,
        category="relative",
        kind="application",
        applicant="guardian",
    )
    assert _by_kind(application, date(2026, 4, 1)) == {}


def test_it_owes_a_mandatory_reporter_feedback_after_the_decision(cast, today):
    school = case_about(cast.alice, local(2026, 3, 2), ANNA)
    relative = case_about(
        cast.alice, local(2026, 3, 2), pin_for(date(2016, 6, 6)), category="relative"
    )
    for case in (school, relative):
        open_investigation(cast.alice, case, date(2026, 3, 10))
    intake.send_reporter_feedback(
        acting_user=cast.alice, case_id=school.pk, sent_on=date(2026, 3, 18)
    )
    feedback = _one(school, "reporter_feedback", date(2026, 3, 20))
    assert (feedback.due_date, feedback.status) == (date(2026, 3, 17), "met_late")
    assert "reporter_feedback" not in _by_kind(relative, date(2026, 3, 20))


def test_it_owes_feedback_only_on_request_at_once_when_asked_after_the_decision(cast, today):
    """19 kap. 6 § andra stycket SoL (2025:400), from 2026-01-15: only on the reporter's request;
    a request after the decision is answered at once."""
    case = case_about(cast.alice, local(2026, 3, 2), ANNA, feedback_requested=False)
    open_investigation(cast.alice, case, date(2026, 3, 10))
    assert "reporter_feedback" not in _by_kind(case, date(2026, 3, 20))
    intake.record_feedback_request(
        acting_user=cast.alice, case_id=case.pk, requested_on=date(2026, 3, 20)
    )
    feedback = _one(case, "reporter_feedback", date(2026, 3, 21))
    assert (feedback.start_date, feedback.due_date, feedback.status) == (
        date(2026, 3, 20),
        date(2026, 3, 20),
        "overdue",
    )
    assert "genast" in feedback.explanation


def test_it_moves_the_investigation_due_date_with_an_extension(cast, today):
    case = case_about(cast.alice, local(2026, 1, 20), ANNA)
    open_investigation(cast.alice, case, date(2026, 1, 31))
    assert _one(case, "investigation", date(2026, 5, 20)).due_date == date(2026, 5, 31)
    investigations.extend_investigation(
        acting_user=cast.alice,
        case_id=case.pk,
        decided_on=date(2026, 5, 20),
        decided_by="committee",
        reason="Väntar på BUP.",
        new_due_date=date(2026, 7, 31),
    )
    before = _one(case, "investigation", date(2026, 5, 19))
    assert before.due_date == date(2026, 5, 31), "an extension counts from the day it was decided"
    extended = _one(case, "investigation", date(2026, 6, 15))
    assert (extended.due_date, extended.status) == (date(2026, 7, 31), "open")
    assert "Förlängning beslutad" in extended.explanation
    close_investigation(cast.alice, case, date(2026, 7, 15))
    closed = _one(case, "investigation", date(2026, 12, 1))
    assert (closed.status, closed.met_at) == ("met", date(2026, 7, 15))


def test_it_shows_an_investigation_closed_late_as_met_late(cast, today):
    case = case_about(cast.alice, local(2026, 1, 20), ANNA)
    open_investigation(cast.alice, case, date(2026, 1, 31))
    assert _one(case, "investigation", date(2026, 6, 2)).status == "overdue"
    close_investigation(cast.alice, case, date(2026, 6, 3), delay_reasons=["waiting_for_others"])
    closed = _one(case, "investigation", date(2026, 12, 1))
    assert (closed.status, closed.days_late) == ("met_late", 3)


def test_it_shows_a_placement_visit_overdue_when_nobody_visited(cast, today):
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    placement = decide(cast.alice, case, date(2026, 6, 1))
    visit = _one(case, "placement_visit", date(2026, 9, 2))
    assert (visit.due_date, visit.status, visit.days_late) == (date(2026, 9, 1), "overdue", 1)
    interventions.record_visit(
        acting_user=cast.alice,
        intervention_id=placement.pk,
        visited_on=date(2026, 8, 20),
        child_talked_alone=True,
    )
    first, second = _by_kind(case, date(2026, 9, 2))["placement_visit"]
    assert (first.status, second.due_date, second.status) == ("met", date(2026, 11, 20), "open")
    review = _one(case, "placement_review", date(2026, 9, 2))
    assert (review.due_date, review.status) == (date(2026, 12, 1), "open")
    assert _one(case, "custody_transfer_consideration", date(2026, 9, 2)).due_date == date(
        2028, 6, 1
    )


def test_it_owes_no_visits_for_open_care(cast, today):
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    decide(cast.alice, case, date(2026, 6, 1), kind="contact_person")
    kinds = set(_by_kind(case, date(2026, 12, 1)))
    assert kinds.isdisjoint(
        {"placement_visit", "placement_review", "custody_transfer_consideration"}
    )


def test_it_owes_an_evaluation_after_an_intervention_ended(cast, today):
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    intervention = decide(cast.alice, case, date(2026, 6, 1), kind="family_treatment")
    end(cast.alice, intervention, date(2026, 9, 1))
    assert _one(case, "evaluation", date(2026, 9, 2)).due_date == date(2026, 12, 1)
    interventions.record_evaluation(
        acting_user=cast.alice,
        intervention_id=intervention.pk,
        data=interventions.EvaluationInput(
            evaluated_on=date(2026, 11, 1), goals_met="yes", child_view="Bra."
        ),
    )
    assert _one(case, "evaluation", date(2026, 12, 31)).status == "met"


def test_it_owes_no_preliminary_assessment_for_a_report_joining_a_running_investigation(
    cast, today
):
    first = case_about(cast.alice, local(2026, 3, 2), ANNA)
    open_investigation(cast.alice, first, date(2026, 3, 5))
    later = case_about(cast.alice, local(2026, 4, 1), ANNA, category="police")
    pending = _by_kind(later, date(2026, 4, 1))
    assert "preliminary_assessment" not in pending
    assert "protective_assessment" in pending
    decide_preliminary(cast.alice, later, date(2026, 4, 2), "joined_to_ongoing")
    decided = _by_kind(later, date(2026, 4, 30))
    assert "preliminary_assessment" not in decided
    # The police asked for feedback in the report: with an investigation already running it is
    # owed at once (19 kap. 6 § andra stycket SoL), from the day it was asked.
    (feedback,) = decided["reporter_feedback"]
    assert (feedback.start_date, feedback.due_date) == (date(2026, 4, 1), date(2026, 4, 1))
    assert "genast" in feedback.explanation


def test_it_owes_a_preliminary_assessment_again_once_the_earlier_investigation_closed(cast, today):
    first = case_about(cast.alice, local(2026, 3, 2), ANNA)
    open_investigation(cast.alice, first, date(2026, 3, 5))
    close_investigation(cast.alice, first, date(2026, 4, 1), "no_intervention")
    later = case_about(cast.alice, local(2026, 5, 1), ANNA)
    assert _one(later, "preliminary_assessment", date(2026, 5, 1)).due_date == date(2026, 5, 15)


def test_it_leaves_nothing_open_on_a_case_walked_to_the_end(cast, today):
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    intake.make_protective_assessment(
        acting_user=cast.alice,
        case_id=case.pk,
        made_at=local(2026, 3, 2, 10),
        outcome="no_immediate_need",
    )
    intake.send_reporter_feedback(acting_user=cast.alice, case_id=case.pk, sent_on=date(2026, 3, 3))
    for recipient in ("guardians", "child"):
        investigations.record_opening_information(
            acting_user=cast.alice,
            case_id=case.pk,
            recipient=recipient,
            informed_on=date(2026, 3, 2),
            method="Samtal",
        )
    intervention = decide(cast.alice, case, date(2026, 6, 1), kind="contact_person")
    end(cast.alice, intervention, date(2026, 8, 1))
    interventions.record_evaluation(
        acting_user=cast.alice,
        intervention_id=intervention.pk,
        data=interventions.EvaluationInput(
            evaluated_on=date(2026, 8, 15), goals_met="yes", child_view="Bra."
        ),
    )
    intake.close_case(acting_user=cast.alice, case_id=case.pk)
    statuses = {o.kind: o.status for o in case_obligations(case, date(2026, 12, 31))}
    assert statuses == {
        "protective_assessment": "met",
        "preliminary_assessment": "met",
        "reporter_feedback": "met",
        "investigation": "met",
        "investigation_information": "met",
        "evaluation": "met",
    }


def test_it_counts_local_dates_for_a_report_received_just_after_midnight(cast, today):
    """00:30 in Stockholm is still the previous day in UTC; the law counts the local date."""
    case = case_about(cast.ida, local(2026, 3, 2, 0, 30), ANNA)
    assert case.report.received_at.astimezone(UTC).date() == date(2026, 3, 1)
    due = {o.kind: o.due_date for o in case_obligations(case, date(2026, 3, 2))}
    assert due["protective_assessment"] == date(2026, 3, 2)
    assert due["preliminary_assessment"] == date(2026, 3, 16)
    with pytest.raises(InvalidInput):
        open_investigation(cast.ida, case, date(2026, 3, 1))
    open_investigation(cast.ida, case, date(2026, 3, 2))


def test_it_uses_the_units_cutoff_for_the_protective_assessment(cast, today, settings):
    settings.SKYDDSNAT_RULE_SETTINGS = {
        **settings.SKYDDSNAT_RULE_SETTINGS,
        "protective_cutoff": "12:00",
    }
    morning = case_about(cast.ida, local(2026, 3, 2, 11, 59), ANNA)
    lunch = case_about(cast.ida, local(2026, 3, 2, 12, 0), pin_for(date(2016, 6, 6)))
    assert _one(morning, "protective_assessment", date(2026, 3, 2)).due_date == date(2026, 3, 2)
    assert _one(lunch, "protective_assessment", date(2026, 3, 2)).due_date == date(2026, 3, 3)
