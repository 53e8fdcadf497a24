"""Optimistic locking (*someone else saved first*) and the change of responsible caseworker."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.cases.models import Case, CaseworkerAssignment
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StaleEdit, StateConflict
from skyddsnat.intake import services as intake
from skyddsnat.interventions import services as interventions
from skyddsnat.investigations import bbic
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import Investigation
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import (
    case_about,
    decide,
    decide_preliminary,
    investigated_case,
    open_investigation,
)

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.fixture
def case(cast, frozen_today):
    """A case in the investigation unit (maja's), registered by ida on 2026-03-02."""
    frozen_today(date(2026, 3, 20))
    return case_about(cast.ida, local(2026, 3, 2), ANNA, unit_id=cast.inv_unit.pk)


def _reassign(user, case, caseworker, version=None, reason=""):
    return intake.reassign_caseworker(
        acting_user=user,
        case_id=case.pk,
        caseworker=caseworker,
        reason=reason,
        expected_version=version,
    )


def test_it_lets_the_manager_hand_the_case_to_a_caseworker(cast, case):
    assignment = _reassign(cast.maja, case, cast.alice, version=case.version, reason="Ny utredare")
    case.refresh_from_db()
    assert case.responsible == cast.alice
    assert case.version == 2
    assert (assignment.previous, assignment.caseworker, assignment.assigned_by) == (
        cast.ida,
        cast.alice,
        cast.maja,
    )
    assert JournalEntry.objects.filter(case=case, event="caseworker.reassigned").count() == 1


def test_it_keeps_the_history_of_responsible_caseworkers(cast, case):
    _reassign(cast.maja, case, cast.alice)
    _reassign(cast.maja, case, cast.bob)
    history = list(
        CaseworkerAssignment.objects.filter(case=case).values_list(
            "previous__username", "caseworker__username"
        )
    )
    assert history == [("ida", "alice"), ("alice", "bob")]


def test_it_refuses_a_reassignment_made_on_a_stale_copy(cast, case):
    stale_version = case.version
    _reassign(cast.maja, case, cast.alice, version=stale_version)
    with pytest.raises(StaleEdit):
        _reassign(cast.maja, case, cast.bob, version=stale_version)
    case.refresh_from_db()
    assert (case.responsible, case.version) == (cast.alice, 2)
    assert CaseworkerAssignment.objects.filter(case=case).count() == 1


def test_it_sees_a_decision_as_a_change_for_a_stale_reassignment(cast, case):
    seen = case.version
    open_investigation(cast.ida, case, date(2026, 3, 10))
    with pytest.raises(StaleEdit):
        _reassign(cast.maja, case, cast.alice, version=seen)
    assert Case.objects.get(pk=case.pk).responsible == cast.ida


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("ida", Forbidden),
        ("alice", Forbidden),
        ("carl", Forbidden),
        ("nils", Forbidden),
        ("sara", NotFound),  # another municipality's case does not exist for her
    ],
)
def test_it_lets_only_the_manager_reassign(cast, case, who, refusal):
    with pytest.raises(refusal):
        _reassign(getattr(cast, who), case, cast.bob)
    assert not CaseworkerAssignment.objects.exists()


def test_it_refuses_a_caseworker_from_elsewhere_or_without_cases(cast, case):
    for user in (cast.sara, cast.nils, cast.ana):
        with pytest.raises(InvalidInput) as exc:
            _reassign(cast.maja, case, user)
        assert list(exc.value.errors) == ["caseworker"]
    cast.bob.is_active = False
    cast.bob.save()
    with pytest.raises(InvalidInput):
        _reassign(cast.maja, case, cast.bob)
    with pytest.raises(StateConflict):
        _reassign(cast.maja, case, cast.ida)


def test_it_hands_a_running_investigation_to_the_new_caseworker_and_unit(cast, case):
    open_investigation(cast.ida, case, date(2026, 3, 10))
    _reassign(cast.maja, case, cast.alice)
    investigators = Investigation.objects.get(case=case).investigators.all()
    assert set(investigators) == {cast.alice}
    case.refresh_from_db()
    assert case.unit == cast.inv_unit


def test_it_refuses_to_reassign_a_closed_case(cast, case):
    decide_preliminary(cast.ida, case, date(2026, 3, 10), "not_opened", reason="moved")
    with pytest.raises(StateConflict):
        _reassign(cast.maja, case, cast.alice)


def test_it_refuses_a_plan_saved_on_a_stale_copy(cast, case):
    open_investigation(cast.ida, case, date(2026, 3, 10))
    seen = Investigation.objects.get(case=case).version

    def save(questions):
        return investigations.update_plan(
            acting_user=cast.maja,
            case_id=case.pk,
            questions=questions,
            contacts="",
            child_participation="",
            expected_version=seen,
        )

    assert save("Alice frågor").version == seen + 1
    with pytest.raises(StaleEdit):
        save("Bobs frågor")
    assert Investigation.objects.get(case=case).plan_questions == "Alice frågor"


def test_it_refuses_a_triangle_area_saved_on_a_stale_copy(cast, case):
    open_investigation(cast.ida, case, date(2026, 3, 10))
    area = bbic.area_codes()[4]

    def save(text, version):
        return investigations.assess_triangle_area(
            acting_user=cast.maja,
            case_id=case.pk,
            area=area,
            text=text,
            rating="concern",
            expected_version=version,
        )

    first = save("Första", None)
    save("Andra", first.version)
    with pytest.raises(StaleEdit):
        save("Tredje", first.version)
    first.refresh_from_db()
    assert first.text == "Andra"


def test_it_refuses_to_end_an_intervention_from_a_stale_copy(cast, frozen_today):
    frozen_today(date(2026, 9, 1))
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 1))
    intervention = decide(cast.alice, case, date(2026, 6, 1), kind="contact_person")
    with pytest.raises(StaleEdit):
        interventions.end_intervention(
            acting_user=cast.alice,
            intervention_id=intervention.pk,
            ended_on=date(2026, 8, 1),
            end_reason="completed_as_planned",
            expected_version=intervention.version + 1,
        )
    intervention.refresh_from_db()
    assert intervention.ended_on is None
