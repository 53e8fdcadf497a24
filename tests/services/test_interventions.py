"""Decisions, interventions, placement follow-up, evaluation and closing the case."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.cases.facts import case_obligations
from skyddsnat.errors import InvalidInput, StateConflict
from skyddsnat.intake import services as intake
from skyddsnat.interventions import services as interventions
from skyddsnat.interventions.models import Decision, EmergencyCustody, Intervention
from tests.cast import local, pin_for
from tests.services.flow import (
    case_about,
    close_investigation,
    decide,
    end,
    investigated_case,
    open_investigation,
)

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.fixture
def case(cast, frozen_today):
    """A case investigated 2026-03-02 – 2026-05-29 with outcome ``intervention``; today 2026-12-01."""
    frozen_today(date(2026, 12, 1))
    return investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))


def _evaluate(user, intervention, evaluated_on=date(2026, 10, 1), **kwargs):
    fields = {"goals_met": "partly", "child_view": "Det hjälpte.", **kwargs}
    return interventions.record_evaluation(
        acting_user=user,
        intervention_id=intervention.pk,
        data=interventions.EvaluationInput(evaluated_on=evaluated_on, **fields),
    )


# --- deciding ----------------------------------------------------------------------------------


def test_it_decides_an_intervention_with_a_signed_decision(cast, case):
    intervention = decide(cast.alice, case, date(2026, 6, 1), kind="contact_person", goals="Fritid")
    assert intervention.decision.is_signed
    assert intervention.decision.decision_maker == cast.alice
    assert (intervention.kind, intervention.basis, intervention.goals) == (
        "contact_person",
        "sol_voluntary",
        "Fritid",
    )
    assert not intervention.is_placement


def test_it_decides_interventions_only_after_an_investigation_with_that_outcome(cast, frozen_today):
    frozen_today(date(2026, 6, 1))
    case = case_about(cast.alice, local(2026, 3, 2), ANNA)
    with pytest.raises(StateConflict):
        decide(cast.alice, case, date(2026, 6, 1), kind="contact_person")
    open_investigation(cast.alice, case, date(2026, 3, 10))
    with pytest.raises(StateConflict):
        decide(cast.alice, case, date(2026, 6, 1), kind="contact_person")
    assert not Decision.objects.exists()


def test_it_refuses_interventions_in_a_closed_case(cast, frozen_today):
    frozen_today(date(2026, 6, 1))
    case = investigated_case(
        cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 1), outcome="no_intervention"
    )
    for basis in ("sol_voluntary", "lvu_6_emergency"):
        with pytest.raises(StateConflict):
            decide(cast.alice, case, date(2026, 6, 1), basis=basis)


def test_it_asks_whether_a_placed_child_had_a_health_exam(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide(
            cast.alice,
            case,
            date(2026, 6, 1),
            kind="residential_care_home",
            health_exam_before=None,
        )
    assert exc.value.errors == {
        "health_exam_before": ["Ange om barnet hälsoundersöktes före placeringen."]
    }
    placement = decide(
        cast.alice, case, date(2026, 6, 1), kind="residential_care_home", health_exam_before=False
    )
    assert placement.is_placement
    assert placement.health_exam_before is False


@pytest.mark.parametrize("basis", ["lvu_2", "lvu_3", "lvu_6_emergency"])
def test_it_gives_care_under_lvu_only_as_a_placement(cast, case, basis):
    with pytest.raises(InvalidInput) as exc:
        decide(cast.alice, case, date(2026, 6, 1), kind="family_treatment", basis=basis)
    assert exc.value.errors == {"kind": ["Vård enligt LVU ges som en placering."]}


def test_it_checks_the_dates_of_a_decision_at_once(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide(
            cast.alice,
            case,
            date(2026, 6, 1),
            decided_on=date(2026, 6, 2),
            planned_end=date(2026, 5, 1),
            health_exam_on=date(2026, 6, 5),
        )
    assert set(exc.value.errors) == {"start", "planned_end", "health_exam_on"}
    with pytest.raises(InvalidInput) as exc:
        decide(cast.alice, case, date(2026, 12, 2), kind="contact_person")
    assert list(exc.value.errors) == ["decided_on"]


def test_it_refuses_unknown_codes(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide(cast.alice, case, date(2026, 6, 1), kind="holiday", basis="whim", decided_by="mayor")
    assert {"kind", "basis", "decided_by"} <= set(exc.value.errors)


# --- LVU 6 § emergency custody -------------------------------------------------------------


def test_it_allows_an_emergency_placement_while_the_investigation_runs(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.alice, local(2026, 3, 2), ANNA)
    open_investigation(cast.alice, case, date(2026, 3, 10))
    placement = decide(
        cast.alice, case, date(2026, 3, 20), kind="emergency_foster_home", basis="lvu_6_emergency"
    )
    assert placement.basis == "lvu_6_emergency"
    case.refresh_from_db()
    assert case.phase == "investigation", "the investigation still runs"
    with pytest.raises(StateConflict):
        decide(cast.alice, case, date(2026, 3, 20), kind="contact_person")


def test_it_starts_the_court_clock_when_emergency_custody_is_decided_as_a_placement(
    cast, frozen_today
):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.alice, local(2026, 3, 2), ANNA)
    open_investigation(cast.alice, case, date(2026, 3, 10))
    decide(
        cast.alice, case, date(2026, 3, 20), kind="emergency_foster_home", basis="lvu_6_emergency"
    )
    custody = EmergencyCustody.objects.get(case=case)
    assert (custody.decided_on, custody.carried_out_on) == (date(2026, 3, 20), date(2026, 3, 20))
    due = {o.kind: o.due_date for o in case_obligations(case, date(2026, 3, 20))}
    assert due["lvu_court_submission"] == date(2026, 3, 27)
    assert due["lvu_care_application"] == date(2026, 4, 17)


def test_it_keeps_one_emergency_custody_when_the_protective_assessment_already_took_it(
    cast, frozen_today
):
    frozen_today(date(2026, 3, 2))
    case = case_about(cast.ida, local(2026, 3, 2, 9), ANNA)
    intake.make_protective_assessment(
        acting_user=cast.ida,
        case_id=case.pk,
        made_at=local(2026, 3, 2, 10),
        outcome="immediate_need",
        action="emergency_custody",
    )
    decide(cast.ida, case, date(2026, 3, 2), kind="emergency_foster_home", basis="lvu_6_emergency")
    assert EmergencyCustody.objects.filter(case=case).count() == 1


def test_it_still_decides_the_preliminary_assessment_after_an_emergency_placement(
    cast, frozen_today
):
    """An emergency custody on the day of the report does not skip the preliminary assessment."""
    frozen_today(date(2026, 3, 5))
    case = case_about(cast.alice, local(2026, 3, 2, 9), ANNA)
    placement = decide(
        cast.alice, case, date(2026, 3, 2), kind="emergency_foster_home", basis="lvu_6_emergency"
    )
    case.refresh_from_db()
    assert case.phase == "assessment"
    with pytest.raises(StateConflict):
        intake.close_case(acting_user=cast.alice, case_id=case.pk)
    open_investigation(cast.alice, case, date(2026, 3, 5))
    case.refresh_from_db()
    assert case.phase == "investigation"
    obligations = {o.kind: o.status for o in case_obligations(case, date(2026, 3, 5))}
    assert obligations["preliminary_assessment"] == "met"
    # An investigation without further care does not close a case while the child is placed.
    frozen_today(date(2026, 4, 1))
    close_investigation(cast.alice, case, date(2026, 4, 1), "no_intervention")
    case.refresh_from_db()
    assert case.phase == "intervention"
    with pytest.raises(StateConflict):
        intake.close_case(acting_user=cast.alice, case_id=case.pk)
    end(cast.alice, placement, date(2026, 4, 1))
    assert intake.close_case(acting_user=cast.alice, case_id=case.pk).phase == "closed"


def test_it_records_the_lvu_steps_once_each(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.ida, local(2026, 3, 2, 9), ANNA)
    intake.make_protective_assessment(
        acting_user=cast.ida,
        case_id=case.pk,
        made_at=local(2026, 3, 2, 10),
        outcome="immediate_need",
        action="emergency_custody",
    )
    custody = EmergencyCustody.objects.get(case=case)
    with pytest.raises(InvalidInput):
        interventions.record_lvu_step(
            acting_user=cast.ida, custody_id=custody.pk, step="court_submitted", on=date(2026, 3, 1)
        )
    with pytest.raises(InvalidInput):
        interventions.record_lvu_step(
            acting_user=cast.ida, custody_id=custody.pk, step="appeal", on=date(2026, 3, 3)
        )
    interventions.record_lvu_step(
        acting_user=cast.ida, custody_id=custody.pk, step="court_submitted", on=date(2026, 3, 3)
    )
    with pytest.raises(StateConflict):
        interventions.record_lvu_step(
            acting_user=cast.ida, custody_id=custody.pk, step="court_submitted", on=date(2026, 3, 4)
        )
    status = {o.kind: o.status for o in case_obligations(case, date(2026, 3, 20))}
    assert status["lvu_court_submission"] == "met"
    assert status["lvu_care_application"] == "open"


# --- follow-up of placements -------------------------------------------------------------------


def test_it_records_visits_and_reviews_of_a_placement(cast, case):
    placement = decide(cast.alice, case, date(2026, 6, 1))
    visit = interventions.record_visit(
        acting_user=cast.maja,
        intervention_id=placement.pk,
        visited_on=date(2026, 8, 1),
        child_talked_alone=True,
    )
    review = interventions.record_review(
        acting_user=cast.alice,
        intervention_id=placement.pk,
        held_on=date(2026, 11, 20),
        outcome="continue",
    )
    assert (visit.visited_by, review.outcome) == (cast.maja, "continue")
    with pytest.raises(InvalidInput) as exc:
        interventions.record_visit(
            acting_user=cast.maja,
            intervention_id=placement.pk,
            visited_on=date(2026, 5, 31),
            child_talked_alone=False,
        )
    assert list(exc.value.errors) == ["visited_on"]
    with pytest.raises(InvalidInput) as exc:
        interventions.record_review(
            acting_user=cast.alice,
            intervention_id=placement.pk,
            held_on=date(2026, 7, 1),
            outcome="?",
        )
    assert list(exc.value.errors) == ["outcome"]


def test_it_records_visits_only_for_placements(cast, case):
    open_care = decide(cast.alice, case, date(2026, 6, 1), kind="contact_family")
    with pytest.raises(StateConflict):
        interventions.record_visit(
            acting_user=cast.alice,
            intervention_id=open_care.pk,
            visited_on=date(2026, 7, 1),
            child_talked_alone=True,
        )
    with pytest.raises(StateConflict):
        interventions.record_review(
            acting_user=cast.alice,
            intervention_id=open_care.pk,
            held_on=date(2026, 7, 1),
            outcome="continue",
        )


def test_it_refuses_visits_after_the_placement_ended(cast, case):
    placement = decide(cast.alice, case, date(2026, 6, 1))
    end(cast.alice, placement, date(2026, 7, 1))
    with pytest.raises(StateConflict):
        interventions.record_visit(
            acting_user=cast.alice,
            intervention_id=placement.pk,
            visited_on=date(2026, 7, 2),
            child_talked_alone=True,
        )


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [("foster_home", True), ("kinship_foster_home", True), ("residential_care_home", False)],
)
def test_it_considers_custody_transfer_only_for_foster_homes(cast, case, kind, allowed):
    placement = decide(cast.alice, case, date(2026, 6, 1), kind=kind)

    def consider():
        return interventions.record_custody_consideration(
            acting_user=cast.alice,
            intervention_id=placement.pk,
            considered_on=date(2026, 11, 1),
            transfer_proposed=False,
        )

    if allowed:
        assert consider().transfer_proposed is False
    else:
        with pytest.raises(StateConflict):
            consider()


# --- ending and evaluating ------------------------------------------------------------------


def test_it_asks_why_an_intervention_ended(cast, case):
    placement = decide(cast.alice, case, date(2026, 6, 1))
    with pytest.raises(InvalidInput) as exc:
        interventions.end_intervention(
            acting_user=cast.alice,
            intervention_id=placement.pk,
            ended_on=date(2026, 8, 1),
            end_reason="",
        )
    assert exc.value.errors == {"end_reason": ["Välj varför insatsen avslutades."]}
    with pytest.raises(InvalidInput) as exc:
        end(cast.alice, placement, date(2026, 5, 31))
    assert list(exc.value.errors) == ["ended_on"]
    ended = end(cast.alice, placement, date(2026, 8, 1), "breakdown")
    assert (ended.ended_on, ended.end_reason, ended.version) == (date(2026, 8, 1), "breakdown", 2)
    with pytest.raises(StateConflict):
        end(cast.alice, placement, date(2026, 8, 2))


def test_it_evaluates_an_intervention_only_after_it_ended_and_only_once(cast, case):
    intervention = decide(cast.alice, case, date(2026, 6, 1), kind="family_treatment")
    with pytest.raises(StateConflict):
        _evaluate(cast.alice, intervention)
    end(cast.alice, intervention, date(2026, 9, 1))
    evaluation = _evaluate(cast.alice, intervention)
    assert evaluation.is_signed
    assert evaluation.child_view_documented
    with pytest.raises(StateConflict):
        _evaluate(cast.alice, intervention)


def test_it_asks_for_the_childs_view_of_the_help_or_why_it_is_missing(cast, case):
    intervention = decide(cast.alice, case, date(2026, 6, 1), kind="family_treatment")
    end(cast.alice, intervention, date(2026, 9, 1))
    with pytest.raises(InvalidInput) as exc:
        _evaluate(cast.alice, intervention, child_view=" ")
    assert list(exc.value.errors) == ["child_view"]
    with pytest.raises(InvalidInput) as exc:
        _evaluate(cast.alice, intervention, evaluated_on=date(2026, 8, 31), goals_met="kind of")
    assert set(exc.value.errors) == {"evaluated_on", "goals_met"}
    evaluation = _evaluate(
        cast.alice,
        intervention,
        child_view="",
        child_view_not_documented_reason="Barnet ville inte.",
    )
    assert not evaluation.child_view_documented


def test_it_closes_the_case_only_when_no_intervention_runs(cast, case):
    first = decide(cast.alice, case, date(2026, 6, 1), kind="contact_person")
    second = decide(cast.alice, case, date(2026, 7, 1), kind="parenting_support")
    end(cast.alice, first, date(2026, 9, 1))
    with pytest.raises(StateConflict):
        intake.close_case(acting_user=cast.alice, case_id=case.pk)
    end(cast.alice, second, date(2026, 9, 1))
    closed = intake.close_case(acting_user=cast.alice, case_id=case.pk)
    assert closed.phase == "closed"
    assert closed.closed_at is not None
    with pytest.raises(StateConflict):
        intake.close_case(acting_user=cast.alice, case_id=case.pk)
    assert Intervention.objects.filter(case=case).count() == 2


def test_it_refuses_to_close_a_case_still_in_assessment_or_investigation(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.alice, local(2026, 3, 2), ANNA)
    with pytest.raises(StateConflict):
        intake.close_case(acting_user=cast.alice, case_id=case.pk)
    open_investigation(cast.alice, case, date(2026, 3, 10))
    with pytest.raises(StateConflict):
        intake.close_case(acting_user=cast.alice, case_id=case.pk)


def test_it_refuses_a_decision_dated_before_the_report_came_in(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide(cast.alice, case, date(2026, 3, 1), kind="contact_person")
    assert exc.value.errors == {
        "decided_on": ["Datumet kan inte vara före den dag anmälan kom in (2026-03-02)."]
    }


def test_it_starts_new_lvu_clocks_for_a_new_emergency_custody_after_the_court_had_the_first(
    cast, frozen_today
):
    frozen_today(date(2026, 6, 1))
    case = case_about(cast.alice, local(2026, 3, 2, 9), ANNA)
    intake.make_protective_assessment(
        acting_user=cast.alice,
        case_id=case.pk,
        made_at=local(2026, 3, 2, 10),
        outcome="immediate_need",
        action="emergency_custody",
    )
    first = EmergencyCustody.objects.get(case=case)
    interventions.record_lvu_step(
        acting_user=cast.alice, custody_id=first.pk, step="court_submitted", on=date(2026, 3, 5)
    )
    open_investigation(cast.alice, case, date(2026, 3, 10))
    decide(
        cast.alice, case, date(2026, 5, 4), kind="emergency_foster_home", basis="lvu_6_emergency"
    )
    second = EmergencyCustody.objects.exclude(pk=first.pk).get(case=case)
    assert second.decided_on == date(2026, 5, 4)
    courts = [
        o for o in case_obligations(case, date(2026, 5, 4)) if o.kind == "lvu_court_submission"
    ]
    assert [(o.due_date, o.status) for o in courts] == [
        (date(2026, 3, 9), "met"),
        (date(2026, 5, 11), "open"),
    ]
