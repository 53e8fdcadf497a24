"""One child from report to evaluation through the services, and the state checks on the way."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.errors import InvalidInput, StateConflict
from skyddsnat.intake import services as intake
from skyddsnat.interventions import services as interventions
from skyddsnat.investigations import services as investigations
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import open_investigation, report

INCOMPLETE = "Testflöde: utredningen avslutas utan komplett underlag."


def test_it_walks_one_child_from_report_to_evaluation(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    r = report(cast.alice, local(2026, 3, 2, 9), [pin_for(date(2015, 5, 17))])
    case = r.cases.get()
    intake.make_protective_assessment(
        acting_user=cast.alice,
        case_id=case.pk,
        made_at=local(2026, 3, 2, 11),
        outcome="no_immediate_need",
    )
    frozen_today(date(2026, 3, 10))
    open_investigation(cast.alice, case, date(2026, 3, 10))
    case.refresh_from_db()
    assert case.phase == "investigation"
    frozen_today(date(2026, 4, 1))
    investigations.record_child_conversation(
        acting_user=cast.alice,
        case_id=case.pk,
        held_on=date(2026, 4, 1),
        alone=True,
        child_view="Jag vill bo kvar.",
    )
    frozen_today(date(2026, 6, 1))
    investigations.close_investigation(
        acting_user=cast.alice,
        case_id=case.pk,
        data=investigations.CloseInput(
            closed_on=date(2026, 6, 1), outcome="intervention", incomplete_reason=INCOMPLETE
        ),
    )
    intervention = interventions.decide_intervention(
        acting_user=cast.alice,
        case_id=case.pk,
        data=interventions.InterventionInput(
            decided_on=date(2026, 6, 1),
            basis="sol_voluntary",
            kind="foster_home",
            start=date(2026, 6, 1),
            health_exam_before=True,
        ),
    )
    frozen_today(date(2026, 8, 20))
    interventions.record_visit(
        acting_user=cast.alice,
        intervention_id=intervention.pk,
        visited_on=date(2026, 8, 20),
        child_talked_alone=True,
    )
    interventions.end_intervention(
        acting_user=cast.alice,
        intervention_id=intervention.pk,
        ended_on=date(2026, 8, 20),
        end_reason="breakdown",
    )
    frozen_today(date(2026, 9, 1))
    interventions.record_evaluation(
        acting_user=cast.alice,
        intervention_id=intervention.pk,
        data=interventions.EvaluationInput(
            evaluated_on=date(2026, 9, 1), goals_met="partly", child_view="Det var bra ibland."
        ),
    )
    closed = intake.close_case(acting_user=cast.alice, case_id=case.pk)
    assert closed.phase == "closed"
    events = list(JournalEntry.objects.filter(case=case).values_list("event", flat=True))
    assert events[0] == "report.registered"
    assert events[-1] == "case.closed"
    with pytest.raises(StateConflict):
        intake.close_case(acting_user=cast.alice, case_id=case.pk)


def test_it_refuses_an_investigation_closed_twice(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    case = report(cast.alice, local(2026, 3, 2), [pin_for(date(2014, 1, 2))]).cases.get()
    open_investigation(cast.alice, case, date(2026, 3, 10))
    data = investigations.CloseInput(
        closed_on=date(2026, 3, 20), outcome="no_intervention", incomplete_reason=INCOMPLETE
    )
    investigations.close_investigation(acting_user=cast.alice, case_id=case.pk, data=data)
    with pytest.raises(StateConflict):
        investigations.close_investigation(acting_user=cast.alice, case_id=case.pk, data=data)


def test_it_explains_an_invalid_identity_number_in_swedish(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    with pytest.raises(InvalidInput) as exc:
        bad = pin_for(date(2015, 5, 17))
        bad = bad[:-1] + str((int(bad[-1]) + 1) % 10)
        report(cast.alice, local(2026, 3, 2), [bad])
    assert "kontrollsiffran" in exc.value.errors["children.0.personal_identity_number"][0]
