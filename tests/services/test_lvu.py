"""Consent on the decision, the LVU court path, LVU measures and the follow-up after LVU care:
services with access at the boundary, journal and audit, and the obligations they start."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.facts import case_obligations
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.interventions import lvu
from skyddsnat.interventions.models import EmergencyCustody, LvuMeasure
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import case_about, decide, end, investigated_case

ANNA = pin_for(date(2015, 5, 17), "girl")  # 11 on the decision days below
EMIL = pin_for(date(2010, 2, 3), "boy")  # 16


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 12, 1))
    return investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))


def _due(case, kind: str, as_of: date | None = None):
    return [o for o in case_obligations(case.pk, as_of) if o.kind == kind]


# --- consent (LVU 1 §) ---------------------------------------------------------------------------


def test_the_decision_records_whose_consent_it_rests_on(cast, case):
    placement = decide(
        cast.alice,
        case,
        date(2026, 6, 1),
        guardian_consent="given",
        child_consent="under_15",
        child_view="Vill bo hos mormor.",
    )
    decision = placement.decision
    assert (decision.guardian_consent, decision.child_consent, decision.child_view) == (
        "given",
        "under_15",
        "Vill bo hos mormor.",
    )


def test_voluntary_care_outside_the_home_needs_consent(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide(cast.alice, case, date(2026, 6, 1), guardian_consent="refused")
    assert "ansök om vård enligt LVU" in str(exc.value.errors)


def test_care_under_lvu_presupposes_missing_consent(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide(
            cast.alice,
            case,
            date(2026, 6, 1),
            basis="lvu_2",
            guardian_consent="given",
            child_consent="under_15",
        )
    assert "1 § andra stycket LVU" in str(exc.value.errors)
    placement = decide(
        cast.alice,
        case,
        date(2026, 6, 1),
        basis="lvu_2",
        guardian_consent="refused",
        child_consent="under_15",
    )
    assert placement.basis == "lvu_2"


def test_the_childs_consent_is_asked_from_15(cast, frozen_today):
    frozen_today(date(2026, 12, 1))
    case = investigated_case(cast.alice, EMIL, date(2026, 3, 2), date(2026, 5, 29))
    with pytest.raises(InvalidInput) as exc:
        decide(
            cast.alice, case, date(2026, 6, 1), guardian_consent="given", child_consent="under_15"
        )
    assert "16 år" in str(exc.value.errors)
    with pytest.raises(InvalidInput):
        decide(
            cast.alice, case, date(2026, 6, 1), guardian_consent="given", child_consent="refused"
        )


# --- the court path (LVU 4–5, 8 §§) ----------------------------------------------------------------


def test_the_court_path_from_application_to_care_started(cast, case):
    court_case = lvu.apply_for_lvu_care(
        acting_user=cast.alice, case_id=case.pk, applied_on=date(2026, 6, 2), basis="lvu_2"
    )
    lvu.record_lvu_judgment(
        acting_user=cast.alice,
        court_case_id=court_case.pk,
        judgment_on=date(2026, 7, 1),
        granted=True,
        appealed=True,
    )
    assert _due(case, "lvu_care_start") == []  # appealed: not final yet
    lvu.record_lvu_judgment(
        acting_user=cast.alice,
        court_case_id=court_case.pk,
        judgment_on=date(2026, 7, 1),
        granted=True,
        appealed=True,
        final_on=date(2026, 9, 1),
    )
    [start] = _due(case, "lvu_care_start", date(2026, 9, 2))
    assert (start.due_date, start.status.value, start.legal_reference) == (
        date(2026, 9, 29),
        "open",
        "5 § LVU (1990:52)",
    )
    lvu.record_lvu_care_started(
        acting_user=cast.alice, court_case_id=court_case.pk, started_on=date(2026, 9, 10)
    )
    [start] = _due(case, "lvu_care_start")
    assert start.status.value == "met"
    events = list(
        JournalEntry.objects.filter(case=case, event__startswith="lvu.").values_list(
            "event", flat=True
        )
    )
    assert events == ["lvu.care_applied", "lvu.judgment", "lvu.judgment", "lvu.care_started"]
    assert AuditEvent.objects.filter(object_type="interventions.lvucourtcase").count() == 4


def test_care_cannot_start_without_a_judgment_granting_it(cast, case):
    court_case = lvu.apply_for_lvu_care(
        acting_user=cast.alice, case_id=case.pk, applied_on=date(2026, 6, 2), basis="lvu_3"
    )
    with pytest.raises(StateConflict):
        lvu.record_lvu_care_started(
            acting_user=cast.alice, court_case_id=court_case.pk, started_on=date(2026, 7, 1)
        )
    with pytest.raises(InvalidInput):
        lvu.record_lvu_judgment(
            acting_user=cast.alice,
            court_case_id=court_case.pk,
            judgment_on=date(2026, 7, 1),
            granted=True,
            final_on=date(2026, 6, 30),
        )


def test_the_application_meets_the_emergency_custodys_8_section_time(cast, frozen_today):
    frozen_today(date(2026, 6, 1))
    case = case_about(cast.alice, local(2026, 3, 2), ANNA)
    decide(
        cast.alice, case, date(2026, 3, 5), kind="emergency_foster_home", basis="lvu_6_emergency"
    )
    custody = EmergencyCustody.objects.get(case=case)
    lvu.record_application_extension(
        acting_user=cast.alice,
        custody_id=custody.pk,
        granted_on=date(2026, 3, 30),
        extended_to=date(2026, 4, 16),
    )
    [application] = _due(case, "lvu_care_application", date(2026, 4, 3))
    assert (application.due_date, application.status.value) == (date(2026, 4, 16), "open")
    assert "Rätten medgav förlängning" in application.explanation
    lvu.apply_for_lvu_care(
        acting_user=cast.alice, case_id=case.pk, applied_on=date(2026, 4, 15), basis="lvu_2"
    )
    [application] = _due(case, "lvu_care_application")
    assert application.status.value == "met"


def test_an_extension_must_give_a_later_last_day(cast, frozen_today):
    frozen_today(date(2026, 6, 1))
    case = case_about(cast.alice, local(2026, 3, 2), ANNA)
    decide(
        cast.alice, case, date(2026, 3, 5), kind="emergency_foster_home", basis="lvu_6_emergency"
    )
    custody = EmergencyCustody.objects.get(case=case)
    with pytest.raises(InvalidInput) as exc:
        lvu.record_application_extension(
            acting_user=cast.alice,
            custody_id=custody.pk,
            granted_on=date(2026, 3, 30),
            extended_to=date(2026, 4, 1),
        )
    assert "2026-04-02" in str(exc.value.errors)


# --- measures (LVU 14, 22, 24, 26, 31 a, 31 c §§) --------------------------------------------------


def test_a_measure_is_reviewed_and_ends_when_no_longer_needed(cast, case):
    measure = lvu.decide_lvu_measure(
        acting_user=cast.alice,
        case_id=case.pk,
        kind="contact_restriction",
        decided_on=date(2026, 6, 15),
    )
    [first] = _due(case, "lvu_contact_restriction_review", date(2026, 6, 16))
    assert first.due_date == date(2026, 9, 15)
    lvu.review_lvu_measure(
        acting_user=cast.alice, measure_id=measure.pk, held_on=date(2026, 9, 1), still_needed=True
    )
    lvu.review_lvu_measure(
        acting_user=cast.alice,
        measure_id=measure.pk,
        held_on=date(2026, 11, 20),
        still_needed=False,
    )
    measure.refresh_from_db()
    assert measure.ended_on == date(2026, 11, 20)
    statuses = [o.status.value for o in _due(case, "lvu_contact_restriction_review")]
    assert statuses == ["met", "met"]
    with pytest.raises(StateConflict):
        lvu.review_lvu_measure(
            acting_user=cast.alice,
            measure_id=measure.pk,
            held_on=date(2026, 11, 30),
            still_needed=True,
        )


def test_removal_and_travel_bans_are_decided_by_the_court(cast, case):
    with pytest.raises(InvalidInput):
        lvu.decide_lvu_measure(
            acting_user=cast.alice, case_id=case.pk, kind="removal_ban", decided_on=date(2026, 6, 1)
        )
    lvu.decide_lvu_measure(
        acting_user=cast.alice,
        case_id=case.pk,
        kind="travel_ban",
        decided_on=date(2026, 6, 1),
        by_court=True,
    )
    [review] = _due(case, "lvu_travel_ban_review")
    assert review.due_date == date(2026, 12, 1)


def test_measures_are_behind_the_boundary(cast, case):
    with pytest.raises((Forbidden, NotFound)):
        lvu.decide_lvu_measure(
            acting_user=cast.sara,
            case_id=case.pk,
            kind="compulsory_support",
            decided_on=date(2026, 6, 1),
        )
    assert not LvuMeasure.objects.exists()


# --- the follow-up after LVU care (21 b–21 c §§) ---------------------------------------------------


def test_lvu_care_that_ended_is_followed_up(cast, case):
    care = decide(
        cast.alice,
        case,
        date(2026, 6, 1),
        basis="lvu_2",
        guardian_consent="refused",
        child_consent="under_15",
    )
    end(cast.alice, care, date(2026, 10, 1))
    [follow_up] = _due(case, "lvu_follow_up", date(2026, 10, 2))
    assert (follow_up.due_date, follow_up.status.value) == (date(2026, 11, 1), "open")
    started = lvu.start_lvu_follow_up(
        acting_user=cast.alice, intervention_id=care.pk, started_on=date(2026, 10, 15)
    )
    [end_due] = _due(case, "lvu_follow_up_end")
    assert end_due.due_date == date(2027, 4, 15)
    lvu.end_lvu_follow_up(
        acting_user=cast.alice, follow_up_id=started.pk, ended_on=date(2026, 11, 30)
    )
    assert [o.status.value for o in _due(case, "lvu_follow_up_end")] == ["met"]


def test_voluntary_care_has_no_lvu_follow_up(cast, case):
    care = decide(cast.alice, case, date(2026, 6, 1))
    end(cast.alice, care, date(2026, 10, 1))
    assert _due(case, "lvu_follow_up") == []
    with pytest.raises(StateConflict):
        lvu.start_lvu_follow_up(
            acting_user=cast.alice, intervention_id=care.pk, started_on=date(2026, 10, 15)
        )
