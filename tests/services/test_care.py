"""Jourhem, protected housing and youth offending (decision 0034): services with access at the
boundary, journal and audit, and the obligations they start."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.facts import case_obligations
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.interventions import care
from skyddsnat.journal.models import JournalEntry
from tests.cast import pin_for
from tests.services.flow import decide, end, investigated_case

ANNA = pin_for(date(2015, 5, 17), "girl")
EMIL = pin_for(date(2010, 2, 3), "boy")


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 12, 1))
    return investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))


@pytest.fixture
def youth(cast, frozen_today):
    frozen_today(date(2026, 12, 1))
    return investigated_case(cast.alice, EMIL, date(2026, 3, 2), date(2026, 5, 29))


def _due(case, kind: str, as_of: date | None = None):
    return [o for o in case_obligations(case.pk, as_of) if o.kind == kind]


def test_a_jourhem_placement_must_end_two_months_after_the_investigation(cast, case):
    """22 kap. 4 § andra stycket SoL: closed 2026-05-29, so the last day is 2026-07-29."""
    decide(cast.alice, case, date(2026, 6, 1), kind="emergency_foster_home")
    [stay] = _due(case, "emergency_foster_home_stay")
    assert (stay.start_date, stay.due_date, stay.status.value) == (
        date(2026, 5, 29),
        date(2026, 7, 29),
        "overdue",
    )


def test_the_committee_may_let_the_child_stay_longer_for_special_reasons(cast, case):
    placement = decide(cast.alice, case, date(2026, 6, 1), kind="emergency_foster_home")
    extension = care.extend_jourhem_stay(
        acting_user=cast.alice,
        intervention_id=placement.pk,
        decided_on=date(2026, 7, 20),
        extended_to=date(2026, 12, 31),
        reasons="Familjehemmet är utrett och kan ta emot barnet i januari.",
    )
    [stay] = _due(case, "emergency_foster_home_stay")
    assert (stay.due_date, stay.status.value) == (date(2026, 12, 31), "open")
    assert "Nämnden beslutade 2026-07-20" in stay.explanation
    assert JournalEntry.objects.filter(case=case, event="care.jourhem_extended").exists()
    assert AuditEvent.objects.filter(
        object_type="interventions.stayextension", object_id=str(extension.pk)
    ).exists()
    end(cast.alice, placement, date(2026, 11, 30))
    [stay] = _due(case, "emergency_foster_home_stay")
    assert stay.status.value == "met"


def test_only_a_jourhem_has_a_stay_to_extend_and_the_reasons_are_required(cast, case):
    foster = decide(cast.alice, case, date(2026, 6, 1))
    with pytest.raises(StateConflict):
        care.extend_jourhem_stay(
            acting_user=cast.alice,
            intervention_id=foster.pk,
            decided_on=date(2026, 7, 1),
            extended_to=date(2026, 9, 1),
            reasons="Skäl.",
        )
    jourhem = decide(cast.alice, case, date(2026, 6, 1), kind="emergency_foster_home")
    with pytest.raises(InvalidInput) as exc:
        care.extend_jourhem_stay(
            acting_user=cast.alice,
            intervention_id=jourhem.pk,
            decided_on=date(2026, 5, 1),
            extended_to=date(2026, 4, 1),
            reasons=" ",
        )
    assert set(exc.value.errors) == {"reasons", "decided_on", "extended_to"}


def test_protected_housing_is_considered_every_six_months_not_as_a_placement_review(cast, case):
    """22 kap. 13 § andra stycket SoL; granted under SoL with a guardian (22 kap. 5 §)."""
    decide(cast.alice, case, date(2026, 6, 1), kind="protected_housing")
    [review] = _due(case, "protected_housing_review")
    assert review.due_date == date(2026, 12, 1)
    assert _due(case, "placement_review") == []


def test_protected_housing_is_granted_under_sol_only(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide(cast.alice, case, date(2026, 6, 1), kind="protected_housing", basis="lvu_2")
    assert "22 kap. 5 §" in str(exc.value.errors)


def test_the_lul_statement_is_due_on_the_prosecutors_day_and_met_when_sent(cast, youth):
    statement = care.register_lul_request(
        acting_user=cast.alice,
        case_id=youth.pk,
        requested_on=date(2026, 11, 2),
        due_on=date(2026, 11, 23),
        prosecutor_reference="AM-1234-26",
    )
    [due] = _due(youth, "lul_statement")
    assert (due.due_date, due.status.value) == (date(2026, 11, 23), "overdue")
    care.submit_lul_statement(
        acting_user=cast.alice,
        statement_id=statement.pk,
        submitted_on=date(2026, 11, 20),
        planned_measures="Särskilt kvalificerad kontaktperson sex månader.",
        expected_version=1,
    )
    [due] = _due(youth, "lul_statement")
    assert due.status.value == "met"
    with pytest.raises(StateConflict):
        care.submit_lul_statement(
            acting_user=cast.alice,
            statement_id=statement.pk,
            submitted_on=date(2026, 11, 21),
            planned_measures="Igen.",
        )
    events = list(
        JournalEntry.objects.filter(case=youth, event__startswith="care.").values_list(
            "event", flat=True
        )
    )
    assert events == ["care.lul_requested", "care.lul_submitted"]


def test_youth_service_starts_within_two_months_of_the_final_judgment(cast, youth):
    service = care.register_youth_service(
        acting_user=cast.alice, case_id=youth.pk, final_on=date(2026, 9, 15), hours=40
    )
    [due] = _due(youth, "youth_service_start")
    assert (due.due_date, due.status.value) == (date(2026, 11, 15), "overdue")
    with pytest.raises(InvalidInput) as exc:
        care.start_youth_service(
            acting_user=cast.alice,
            service_id=service.pk,
            started_on=date(2026, 9, 1),
            supervisor="",
            work_plan="",
        )
    assert set(exc.value.errors) == {"started_on", "supervisor", "work_plan"}
    care.start_youth_service(
        acting_user=cast.alice,
        service_id=service.pk,
        started_on=date(2026, 11, 10),
        supervisor="Handledare Hansson",
        work_plan="Fyra timmar i veckan på kommunens återbruk.",
    )
    [due] = _due(youth, "youth_service_start")
    assert due.status.value == "met"


def test_youth_service_hours_follow_the_penal_code(cast, youth):
    with pytest.raises(InvalidInput) as exc:
        care.register_youth_service(
            acting_user=cast.alice, case_id=youth.pk, final_on=date(2026, 9, 15), hours=200
        )
    assert "hours" in exc.value.errors


def test_another_municipalitys_user_reaches_nothing(cast, youth):
    with pytest.raises((Forbidden, NotFound)):
        care.register_lul_request(
            acting_user=cast.sara,
            case_id=youth.pk,
            requested_on=date(2026, 11, 2),
            due_on=date(2026, 11, 23),
        )
