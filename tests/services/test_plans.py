"""Care plans and implementation plans: saved as drafts, signed, append-only, revised as versions."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.facts import case_obligations
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StaleEdit, StateConflict
from skyddsnat.journal.models import JournalEntry
from skyddsnat.plans import services as plans
from skyddsnat.plans.models import Plan
from tests.cast import pin_for
from tests.services.flow import decide, end, investigated_case

ANNA = pin_for(date(2015, 5, 17), "girl")
GOALS = {"child_development.education": "Går i skolan varje dag; mentor följer upp."}


@pytest.fixture
def placement(cast, frozen_today):
    frozen_today(date(2026, 7, 1))
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    return decide(cast.alice, case, date(2026, 6, 1))


def data(**overrides) -> plans.PlanInput:
    values = {
        "drawn_up_on": date(2026, 6, 1),
        "review_on": date(2026, 12, 1),
        "goals": GOALS,
        "child_view": "Anna vill bo kvar och träffa mamma varannan helg.",
        "responsibilities": "Socialsekreteraren: besök var tredje månad. Skolan: mentor.",
        "child_participated": True,
    }
    values.update(overrides)
    return plans.PlanInput(**values)


def save(user, placement, kind="care_plan", **overrides):
    return plans.save_plan(
        acting_user=user, intervention_id=placement.pk, kind=kind, data=data(**overrides)
    )


def sign(user, placement, kind="care_plan"):
    return plans.sign_plan(acting_user=user, intervention_id=placement.pk, kind=kind)


def test_a_plan_is_saved_as_a_draft_then_signed(cast, placement):
    draft = save(cast.alice, placement)
    assert (draft.number, draft.is_signed, draft.goals) == (1, False, GOALS)
    again = save(cast.alice, placement, child_view="Ändrad.")
    assert (again.pk, again.version, again.child_view) == (draft.pk, 2, "Ändrad.")
    signed = sign(cast.alice, placement)
    assert signed.is_signed and signed.signed_by == cast.alice
    events = JournalEntry.objects.filter(case=placement.case, event__startswith="plan.")
    assert [e.event for e in events.order_by("pk")] == [
        "plan.care_plan.saved",
        "plan.care_plan.saved",
        "plan.care_plan.signed",
    ]
    assert AuditEvent.objects.filter(object_type="plans.plan", object_id=str(draft.pk)).count() == 3


def test_a_signed_plan_is_append_only_and_a_revision_is_a_new_version(cast, placement):
    first = sign(cast.alice, placement) if save(cast.alice, placement) else None
    revision = save(cast.alice, placement, drawn_up_on=date(2026, 6, 20), child_view="Nytt.")
    assert (revision.number, revision.pk != first.pk) == (2, True)
    first.refresh_from_db()
    assert first.child_view.startswith("Anna vill")
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=first.pk).update(child_view="ändrad i efterhand")
    sign(cast.alice, placement)
    history = list(Plan.objects.filter(intervention=placement).values_list("number", flat=True))
    assert history == [1, 2]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"drawn_up_on": date(2026, 5, 31)}, "drawn_up_on"),  # before the placement decision
        ({"drawn_up_on": date(2026, 7, 2)}, "drawn_up_on"),  # in the future
        ({"review_on": date(2026, 6, 1)}, "review_on"),  # review not after the plan
        ({"goals": {"nowhere.at_all": "x"}}, "goals"),  # not a BBIC sub-area
    ],
)
def test_bad_input_gets_a_swedish_message(cast, placement, overrides, field):
    with pytest.raises(InvalidInput) as caught:
        save(cast.alice, placement, **overrides)
    assert field in caught.value.errors


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"goals": {}}, "goals"),
        ({"responsibilities": ""}, "responsibilities"),
        ({"child_view": ""}, "child_view"),
        ({"child_participated": None}, "child_participated"),
    ],
)
def test_signing_asks_for_goals_responsibilities_and_the_childs_view(
    cast, placement, overrides, field
):
    save(cast.alice, placement, **overrides)
    with pytest.raises(InvalidInput) as caught:
        sign(cast.alice, placement)
    assert field in caught.value.errors


def test_a_reason_stands_in_for_the_childs_view(cast, placement):
    save(cast.alice, placement, child_view="", child_view_not_documented_reason="Spädbarn.")
    assert sign(cast.alice, placement).is_signed


def test_nothing_to_sign_without_a_draft(cast, placement):
    with pytest.raises(StateConflict):
        sign(cast.alice, placement)


def test_a_stale_edit_is_refused(cast, placement):
    save(cast.alice, placement)
    with pytest.raises(StaleEdit):
        plans.save_plan(
            acting_user=cast.alice,
            intervention_id=placement.pk,
            kind="care_plan",
            data=data(),
            expected_version=7,
        )


def test_plans_are_for_placements_that_are_running(cast, frozen_today):
    frozen_today(date(2026, 7, 1))
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    open_care = decide(cast.alice, case, date(2026, 6, 1), kind="contact_person")
    with pytest.raises(StateConflict):
        save(cast.alice, open_care)
    placed = decide(cast.alice, case, date(2026, 6, 1))
    end(cast.alice, placed, date(2026, 6, 15))
    with pytest.raises(StateConflict):
        save(cast.alice, placed)


def test_access_is_checked_at_the_boundary(cast, placement):
    with pytest.raises(Forbidden):
        save(cast.ida, placement)  # intake reads the case but does not write it
    with pytest.raises(NotFound):
        save(cast.sara, placement)  # another municipality
    assert not Plan.objects.exists()


def test_the_signed_plans_meet_the_obligations_on_the_case(cast, placement):
    kinds = {o.kind: o for o in case_obligations(placement.case, date(2026, 7, 1))}
    assert kinds["care_plan"].status.value == "overdue"
    assert kinds["implementation_plan"].status.value == "due_soon"  # due 2026-07-01
    save(cast.alice, placement)
    sign(cast.alice, placement)
    save(cast.alice, placement, kind="implementation_plan", drawn_up_on=date(2026, 6, 10))
    kinds = {o.kind: o for o in case_obligations(placement.case, date(2026, 7, 1))}
    assert kinds["care_plan"].status.value == "met"
    assert kinds["implementation_plan"].status.value == "due_soon"  # a draft meets nothing
    sign(cast.alice, placement, kind="implementation_plan")
    kinds = {o.kind: o for o in case_obligations(placement.case, date(2026, 7, 1))}
    assert kinds["implementation_plan"].status.value == "met"
    assert kinds["care_plan_revision"].due_date == date(2028, 6, 1)
