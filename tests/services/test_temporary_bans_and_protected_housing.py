"""The committee's temporary LVU bans and their court path (LVU 27–30 §§, 31 d–31 g §§), and
protected housing for a child without the other guardian's consent (lag 2024:79): services with
access at the boundary, journal and audit, signed considerations, and the obligations they
start."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.facts import case_obligations
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.interventions import lvu
from skyddsnat.interventions import protected_housing as ph
from skyddsnat.interventions.models import (
    LvuMeasure,
    ProtectedHousingConsideration,
    ProtectedHousingOrder,
)
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.models import Guardian, GuardianRelation
from skyddsnat.signing import SignedRecordError
from tests.cast import pin_for
from tests.services.flow import decide, investigated_case

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 12, 1))
    return investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))


def _due(case, kind: str, as_of: date | None = None):
    return [o for o in case_obligations(case.pk, as_of) if o.kind == kind]


def _guardians(case) -> tuple[Guardian, Guardian]:
    made = []
    for first, sex in (("Lena", "girl"), ("Per", "boy")):
        guardian = Guardian.objects.create(
            municipality=case.municipality,
            personal_identity_number=pin_for(date(1985, 4, 4), sex),
            first_name=first,
            last_name="Förälder",
        )
        GuardianRelation.objects.create(child=case.child, guardian=guardian)
        made.append(guardian)
    return made[0], made[1]


# --- temporary bans (LVU 27–30 §§, 31 d–31 g §§) ---------------------------------------------------


def test_a_temporary_travel_ban_goes_to_court_and_the_application_follows(cast, case):
    ban = lvu.decide_lvu_measure(
        acting_user=cast.alice,
        case_id=case.pk,
        kind="temporary_travel_ban",
        decided_on=date(2026, 6, 1),
    )
    [submission] = _due(case, "lvu_temporary_travel_ban_submission", date(2026, 6, 2))
    assert submission.due_date == date(2026, 6, 8)
    lvu.record_temporary_ban_court_steps(
        acting_user=cast.alice,
        measure_id=ban.pk,
        court_submitted_on=date(2026, 6, 3),
        confirmed_on=date(2026, 6, 5),
    )
    [application] = _due(case, "lvu_travel_ban_application", date(2026, 6, 10))
    assert application.due_date == date(2026, 7, 3)
    lvu.record_temporary_ban_court_steps(
        acting_user=cast.alice,
        measure_id=ban.pk,
        extension_granted_on=date(2026, 6, 30),
        application_extended_to=date(2026, 7, 17),
    )
    [application] = _due(case, "lvu_travel_ban_application", date(2026, 7, 6))
    assert (application.due_date, application.status.value) == (date(2026, 7, 17), "open")
    ban.refresh_from_db()
    assert ban.version == 3
    entries = JournalEntry.objects.filter(case=case, event="lvu.temporary_ban_court")
    assert entries.count() == 2
    assert "förlängd ansökningstid till 2026-07-17" in entries.last().text
    assert AuditEvent.objects.filter(object_type="interventions.lvumeasure", action="update")


def test_a_recorded_court_day_is_not_changed(cast, case):
    ban = lvu.decide_lvu_measure(
        acting_user=cast.alice,
        case_id=case.pk,
        kind="temporary_removal_ban",
        decided_on=date(2026, 6, 1),
    )
    lvu.record_temporary_ban_court_steps(
        acting_user=cast.alice, measure_id=ban.pk, court_submitted_on=date(2026, 6, 3)
    )
    with pytest.raises(InvalidInput) as exc:
        lvu.record_temporary_ban_court_steps(
            acting_user=cast.alice, measure_id=ban.pk, court_submitted_on=date(2026, 6, 4)
        )
    assert "kan inte ändras" in str(exc.value.errors)


def test_the_removal_ban_application_time_cannot_be_extended(cast, case):
    """29 § LVU has no extension (31 f § has)."""
    ban = lvu.decide_lvu_measure(
        acting_user=cast.alice,
        case_id=case.pk,
        kind="temporary_removal_ban",
        decided_on=date(2026, 6, 1),
    )
    with pytest.raises(InvalidInput) as exc:
        lvu.record_temporary_ban_court_steps(
            acting_user=cast.alice,
            measure_id=ban.pk,
            court_submitted_on=date(2026, 6, 3),
            confirmed_on=date(2026, 6, 5),
            extension_granted_on=date(2026, 6, 10),
            application_extended_to=date(2026, 7, 10),
        )
    assert "29 §" in str(exc.value.errors)


def test_the_courts_ban_has_no_court_steps_and_the_committees_ban_is_not_the_courts(cast, case):
    court_ban = lvu.decide_lvu_measure(
        acting_user=cast.alice,
        case_id=case.pk,
        kind="removal_ban",
        decided_on=date(2026, 6, 1),
        by_court=True,
    )
    with pytest.raises(StateConflict):
        lvu.record_temporary_ban_court_steps(
            acting_user=cast.alice, measure_id=court_ban.pk, court_submitted_on=date(2026, 6, 3)
        )
    with pytest.raises(InvalidInput):
        lvu.decide_lvu_measure(
            acting_user=cast.alice,
            case_id=case.pk,
            kind="temporary_removal_ban",
            decided_on=date(2026, 6, 1),
            by_court=True,
        )


def test_the_court_steps_are_behind_the_boundary(cast, case):
    ban = lvu.decide_lvu_measure(
        acting_user=cast.alice,
        case_id=case.pk,
        kind="temporary_travel_ban",
        decided_on=date(2026, 6, 1),
    )
    with pytest.raises((Forbidden, NotFound)):
        lvu.record_temporary_ban_court_steps(
            acting_user=cast.sara, measure_id=ban.pk, court_submitted_on=date(2026, 6, 3)
        )
    assert LvuMeasure.objects.get().court_submitted_on is None


# --- protected housing without consent (lag 2024:79) ------------------------------------------------


def test_an_immediate_decision_its_court_path_and_considerations(cast, case):
    _lena, per = _guardians(case)
    placement = decide(
        cast.alice, case, date(2026, 6, 5), kind="protected_housing", guardian_consent="refused"
    )
    order = ph.record_protected_housing_order(
        acting_user=cast.alice,
        case_id=case.pk,
        non_consenting_guardian_id=per.pk,
        immediate_decided_on=date(2026, 6, 5),
        intervention_id=placement.pk,
    )
    assert order.placement_started_on == placement.start_on
    assert order.decided_on == date(2026, 6, 5)
    [submission] = _due(case, "protected_housing_submission", date(2026, 6, 6))
    assert submission.due_date == date(2026, 6, 12)
    # the SoL review gives way to the 2024:79 consideration for this placement
    assert _due(case, "protected_housing_review", date(2026, 6, 6)) == []
    [consideration] = _due(case, "protected_housing_consideration", date(2026, 6, 6))
    assert consideration.due_date == date(2026, 12, 5)
    ph.record_protected_housing_court_steps(
        acting_user=cast.alice,
        order_id=order.pk,
        court_submitted_on=date(2026, 6, 9),
        confirmed_on=date(2026, 6, 12),
    )
    [application] = _due(case, "protected_housing_application", date(2026, 6, 15))
    assert application.due_date == date(2026, 7, 17)
    ph.consider_protected_housing(
        acting_user=cast.alice, order_id=order.pk, held_on=date(2026, 11, 20), continues=True
    )
    [_, following] = _due(case, "protected_housing_consideration", date(2026, 11, 21))
    assert following.due_date == date(2027, 5, 20)
    assert JournalEntry.objects.filter(case=case, event="protected_housing.considered").exists()
    assert AuditEvent.objects.filter(
        object_type="interventions.protectedhousingconsideration", action="create"
    ).exists()


def test_a_consideration_is_signed_and_append_only(cast, case):
    _lena, per = _guardians(case)
    order = ph.record_protected_housing_order(
        acting_user=cast.alice,
        case_id=case.pk,
        non_consenting_guardian_id=per.pk,
        immediate_decided_on=date(2026, 6, 5),
        placement_started_on=date(2026, 6, 5),
    )
    consideration = ph.consider_protected_housing(
        acting_user=cast.alice,
        order_id=order.pk,
        held_on=date(2026, 10, 1),
        continues=False,
        note="Hotet är borta.",
    )
    assert consideration.is_signed
    order.refresh_from_db()
    assert order.ended_on == date(2026, 10, 1)
    with pytest.raises(StateConflict):
        ph.consider_protected_housing(
            acting_user=cast.alice, order_id=order.pk, held_on=date(2026, 11, 1), continues=True
        )
    from django.db import DatabaseError, transaction

    with pytest.raises((DatabaseError, SignedRecordError)), transaction.atomic():
        ProtectedHousingConsideration.objects.filter(pk=consideration.pk).update(note="ändrad")


def test_the_act_needs_two_guardians_and_one_who_does_not_consent(cast, case):
    lena = Guardian.objects.create(
        municipality=case.municipality, first_name="Lena", last_name="Ensam"
    )
    GuardianRelation.objects.create(child=case.child, guardian=lena)
    with pytest.raises(InvalidInput) as exc:
        ph.record_protected_housing_order(
            acting_user=cast.alice,
            case_id=case.pk,
            non_consenting_guardian_id=lena.pk,
            immediate_decided_on=date(2026, 6, 5),
        )
    assert "två vårdnadshavare" in str(exc.value.errors)
    assert not ProtectedHousingOrder.objects.exists()


def test_not_before_the_act_came_into_force(cast, frozen_today):
    frozen_today(date(2024, 6, 1))
    from tests.services.flow import investigated_case as flow_case

    early = flow_case(cast.alice, ANNA, date(2024, 1, 8), date(2024, 3, 1))
    _lena, per = _guardians(early)
    with pytest.raises(InvalidInput) as exc:
        ph.record_protected_housing_order(
            acting_user=cast.alice,
            case_id=early.pk,
            non_consenting_guardian_id=per.pk,
            immediate_decided_on=date(2024, 3, 20),
        )
    assert "2024-04-01" in str(exc.value.errors)


def test_the_order_is_behind_the_boundary(cast, case):
    _lena, per = _guardians(case)
    with pytest.raises((Forbidden, NotFound)):
        ph.record_protected_housing_order(
            acting_user=cast.sara,
            case_id=case.pk,
            non_consenting_guardian_id=per.pk,
            immediate_decided_on=date(2026, 6, 5),
        )
    assert not ProtectedHousingOrder.objects.exists()
