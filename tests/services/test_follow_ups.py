"""Follow-up of a child's situation (SoL 2025:400 23 kap.): decided after a closed investigation
or an ended placement, with its consent, a case phase with its own last day, ended with an outcome."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.lifecycle import close
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.followups import services as followups
from skyddsnat.followups.models import FollowUp
from skyddsnat.journal.models import JournalEntry
from tests.cast import pin_for
from tests.services.flow import decide, end, investigated_case

ANNA = pin_for(date(2012, 5, 17), "girl")
CLOSED = date(2026, 3, 2)


@pytest.fixture
def closed_case(cast, frozen_today):
    """An investigation that closed on 2026-03-02 without an intervention."""
    frozen_today(date(2026, 3, 10))
    return investigated_case(cast.alice, ANNA, date(2026, 1, 5), CLOSED, "no_intervention")


def data(**overrides) -> followups.FollowUpInput:
    values = {
        "basis": "after_investigation",
        "decided_on": date(2026, 3, 9),
        "consent": "consented",
        "purpose": "Att skolnärvaron håller i sig och att familjen får stöd från BUP.",
        "planned_end_on": date(2026, 9, 1),
        "guardians_informed_on": date(2026, 3, 9),
        "child_informed_on": date(2026, 3, 9),
    }
    values.update(overrides)
    return followups.FollowUpInput(**values)


def decide_follow_up(user, case, **overrides):
    return followups.decide_follow_up(acting_user=user, case_id=case.pk, data=data(**overrides))


def end_follow_up(user, follow_up, **overrides):
    values = {"ended_on": date(2026, 3, 10), "outcome": "no_further_action"}
    values.update(overrides)
    return followups.end_follow_up(
        acting_user=user, follow_up_id=follow_up.pk, data=followups.FollowUpEndInput(**values)
    )


def follow_up_obligations(case, as_of):
    return [
        (o.due_date, o.status.value, o.legal_reference)
        for o in case_obligations(case, as_of)
        if o.kind == "follow_up"
    ]


def test_a_follow_up_after_an_investigation_is_a_phase_with_its_last_day(cast, closed_case):
    assert closed_case.phase == Phase.CLOSED
    follow_up = decide_follow_up(cast.alice, closed_case)
    closed_case.refresh_from_db()
    assert (closed_case.phase, closed_case.closed_at) == (Phase.FOLLOW_UP, None)
    assert (follow_up.started_from, follow_up.is_signed) == (CLOSED, True)
    assert follow_up_obligations(closed_case, date(2026, 3, 10)) == [
        (date(2026, 9, 2), "open", "23 kap. 5 § SoL (2025:400)")
    ]
    with pytest.raises(StateConflict, match="Uppföljningen pågår"):
        close(closed_case)
    end = end_follow_up(cast.alice, follow_up)
    closed_case.refresh_from_db()
    assert closed_case.phase == Phase.CLOSED and closed_case.closed_at is not None
    assert follow_up_obligations(closed_case, date(2026, 3, 10)) == [
        (date(2026, 9, 2), "met", "23 kap. 5 § SoL (2025:400)")
    ]
    events = JournalEntry.objects.filter(case=closed_case, event__startswith="follow_up.")
    assert [e.event for e in events.order_by("pk")] == ["follow_up.decided", "follow_up.ended"]
    assert AuditEvent.objects.filter(object_type="followups.followup").count() == 1
    assert AuditEvent.objects.filter(
        object_type="followups.followupend", object_id=str(end.pk)
    ).exists()


def test_signed_follow_ups_are_append_only(cast, closed_case):
    follow_up = decide_follow_up(cast.alice, closed_case)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.filter(pk=follow_up.pk).update(purpose="ändrad i efterhand")
    end_follow_up(cast.alice, follow_up)
    with pytest.raises(StateConflict, match="redan avslutad"):
        end_follow_up(cast.alice, follow_up)


def test_without_consent_needs_the_childs_particular_need(cast, closed_case):
    """23 kap. 1 §: without consent only if the child is in particular need of protection."""
    with pytest.raises(InvalidInput) as refused:
        decide_follow_up(cast.alice, closed_case, consent="without_consent")
    assert "special_need_reason" in refused.value.errors
    follow_up = decide_follow_up(
        cast.alice,
        closed_case,
        consent="without_consent",
        special_need_reason="Upprepad oro från skolan; vårdnadshavarna avböjer stöd.",
    )
    assert follow_up.consent == "without_consent"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"planned_end_on": date(2026, 9, 3)}, "planned_end_on"),  # after the six months
        ({"decided_on": date(2026, 3, 1)}, "decided_on"),  # before the investigation closed
        ({"decided_on": date(2026, 3, 11)}, "decided_on"),  # in the future
        ({"purpose": " "}, "purpose"),
        ({"consent": "maybe"}, "consent"),
        ({"basis": "after_placement"}, "placement"),  # no ended placement named
        ({"child_informed_on": date(2026, 3, 8)}, "child_informed_on"),  # before the decision
    ],
)
def test_bad_input_is_refused_in_swedish(cast, closed_case, overrides, field):
    with pytest.raises(InvalidInput) as refused:
        decide_follow_up(cast.alice, closed_case, **overrides)
    assert field in refused.value.errors
    assert not FollowUp.objects.exists()


def test_a_follow_up_after_a_placement_counts_from_its_end(cast, frozen_today):
    frozen_today(date(2026, 7, 1))
    case = investigated_case(cast.alice, ANNA, date(2026, 1, 5), date(2026, 3, 2))
    placement = decide(cast.alice, case, date(2026, 3, 5))
    with pytest.raises(InvalidInput) as running:
        decide_follow_up(cast.alice, case, basis="after_placement", placement_id=placement.pk)
    assert "pågår fortfarande" in running.value.errors["placement"][0]
    end(cast.alice, placement, date(2026, 6, 30))
    with pytest.raises(InvalidInput) as refused:
        decide_follow_up(cast.alice, case, decided_on=date(2026, 7, 1))
    assert "basis" in refused.value.errors  # the investigation led to a decision
    follow_up = decide_follow_up(
        cast.alice,
        case,
        basis="after_placement",
        placement_id=placement.pk,
        decided_on=date(2026, 7, 1),
        planned_end_on=date(2026, 12, 30),
        guardians_informed_on=None,
        child_informed_on=None,
    )
    assert follow_up.started_from == date(2026, 6, 30)
    case.refresh_from_db()
    assert case.phase == Phase.FOLLOW_UP
    assert follow_up_obligations(case, date(2026, 7, 1))[0][0] == date(2026, 12, 30)


def test_one_follow_up_at_a_time(cast, closed_case):
    decide_follow_up(cast.alice, closed_case)
    with pytest.raises(StateConflict, match="pågår redan"):
        decide_follow_up(cast.alice, closed_case)


def test_access_is_checked_at_the_boundary(cast, closed_case):
    with pytest.raises(Forbidden):
        decide_follow_up(cast.carl, closed_case)
    with pytest.raises(NotFound):
        decide_follow_up(cast.sara, closed_case)
    follow_up = decide_follow_up(cast.alice, closed_case)
    with pytest.raises(Forbidden):
        end_follow_up(cast.carl, follow_up)
    with pytest.raises(NotFound):
        end_follow_up(cast.sara, follow_up)


def test_an_other_outcome_needs_a_note(cast, closed_case):
    follow_up = decide_follow_up(cast.alice, closed_case)
    with pytest.raises(InvalidInput) as refused:
        end_follow_up(cast.alice, follow_up, outcome="other")
    assert "note" in refused.value.errors
