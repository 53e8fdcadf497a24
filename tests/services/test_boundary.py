"""Access at the service boundary (decision 0010): every service that acts on a case asks the policy.

Two guarantees: (1) every public service in a ``services`` module that takes a case (or a record
of one) is behind ``cases.actions.case_action``; (2) each of them, called by a user of another
municipality, of another unit or of a role without case rights, refuses with ``NotFound`` or
``Forbidden`` and writes nothing — not a row in any table, not even an audit row.
"""

from __future__ import annotations

import importlib
import inspect
import typing
from datetime import date

import pytest
from django.apps import apps
from django.db.models import Model

from skyddsnat.cases.actions import is_case_action
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, NotFound
from skyddsnat.followups.models import FollowUp
from skyddsnat.interventions import services as interventions
from skyddsnat.journal import services as journal
from tests.cast import pin_for
from tests.services.flow import decide, investigated_case

ANNA = pin_for(date(2015, 5, 17))

#: The modules whose public functions are the services (the journal's form drafts too).
MODULES = [
    "skyddsnat.accounts.services",
    "skyddsnat.intake.services",
    "skyddsnat.investigations.services",
    "skyddsnat.interventions.services",
    "skyddsnat.journal.services",
    "skyddsnat.journal.drafts",
    "skyddsnat.people.services",
    "skyddsnat.followups.services",
]

#: Functions that take a case but are not an entry, and why.
NOT_AN_ENTRY = {
    # Steps of another stage, called by an action that already holds the checked, locked case.
    "skyddsnat.investigations.services.start_investigation": "called by decide_preliminary",
    "skyddsnat.investigations.services.caseworker_changed": "called by reassign_caseworker",
    "skyddsnat.interventions.services.emergency_custody_taken": "called by the protective assessment",
    # The ending of every action: a journal event and its audit row, inside the action.
    "skyddsnat.journal.services.append_event": "inside an action",
    "skyddsnat.journal.services.record_action": "inside an action",
    # Reads for the author on a page that ``web.access.case_for`` already checked and audited.
    "skyddsnat.journal.services.current_draft": "a read of the caller's own draft",
    "skyddsnat.journal.drafts.form_draft": "a read of the caller's own draft",
    "skyddsnat.journal.drafts.form_drafts": "a read of the caller's own drafts",
    "skyddsnat.journal.drafts.current_version": "a version number, for a page already checked",
    # Removes the caller's own draft after the action it belongs to was saved through its entry.
    "skyddsnat.journal.drafts.discard_form_draft": "after a checked action, the caller's own rows",
    # A computation on an investigation already read.
    "skyddsnat.investigations.services.current_due_date": "pure computation",
    "skyddsnat.investigations.services.missing_before_closing": "a read of an investigation already read",
    # The open investigations of the report's other children, for an action or a page that holds
    # the checked case; each sibling's own access is asked by the caller (decision 0037).
    "skyddsnat.investigations.services.sibling_investigations": "siblings, each asked apart",
    # Its question is about the access, not the case: policy.can_review_break_glass, asked inside.
    "skyddsnat.accounts.services.review_break_glass": "asks can_review_break_glass itself",
}


def _of_a_case(annotation: object) -> bool:
    """Return whether a parameter's type is a case or a record of one."""
    if not (inspect.isclass(annotation) and issubclass(annotation, Model)):
        return False
    if annotation is Case:
        return True
    return any(f.name == "case" and f.related_model is Case for f in annotation._meta.get_fields())


def _services():
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, func in vars(module).items():
            if attr.startswith("_") or not inspect.isfunction(func):
                continue
            if func.__module__ != name:
                continue
            yield f"{name}.{attr}", func


def test_every_service_that_takes_a_case_is_behind_the_entry():
    missing, takes_a_case = [], []
    for qualified, func in _services():
        hints = typing.get_type_hints(inspect.unwrap(func))
        if not any(_of_a_case(t) for p, t in hints.items() if p != "return"):
            continue
        takes_a_case.append(qualified)
        if qualified in NOT_AN_ENTRY:
            assert not is_case_action(func), f"{qualified} is an entry: drop it from NOT_AN_ENTRY"
            continue
        if not is_case_action(func):
            missing.append(qualified)
    assert not missing, f"services that take a case without @case_action: {missing}"
    assert len(takes_a_case) > 25  # the introspection found the services at all


def test_the_marker_test_would_see_an_unmarked_service():
    def update_something(*, acting_user, case: Case) -> None: ...

    hints = typing.get_type_hints(update_something)
    assert _of_a_case(hints["case"]) and not is_case_action(update_something)


# --- refused calls write nothing --------------------------------------------------------------


@pytest.fixture
def world(cast, frozen_today):
    """Alice's case (investigation unit) with a placement, an emergency custody and a note."""
    frozen_today(date(2026, 12, 1))
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    placement = decide(cast.alice, case, date(2026, 6, 1))
    custody = interventions.emergency_custody_taken(
        case=case, acting_user=cast.alice, on=date(2026, 6, 1)
    )
    note = journal.write_note(acting_user=cast.alice, case_id=case.pk, text="Anteckning")
    follow_up = FollowUp.objects.create(
        case=case,
        basis="after_investigation",
        started_from=date(2026, 5, 29),
        decided_on=date(2026, 6, 1),
        decided_by=cast.alice,
        consent="consented",
        purpose="Gränskontrollens uppföljning.",
        planned_end_on=date(2026, 11, 1),
    )
    return {
        "case": case,
        "intervention": placement,
        "custody": custody,
        "entry": note,
        "decision": placement.decision,
        "follow_up": follow_up,
    }


def _entries():
    return [func for qualified, func in _services() if is_case_action(func)]


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def _refusals(cast, func):
    """Return (user, expected error) for everyone who must be refused ``func``."""
    question = func.case_action.may.__name__
    may_read_but_not = cast.alice if question == "can_request_break_glass" else cast.carl
    refused = [(cast.sara, NotFound), (may_read_but_not, Forbidden), (cast.nils, Forbidden)]
    if question == "can_assign":  # responsible, but not the unit's manager
        refused.append((cast.alice, Forbidden))
    return refused


@pytest.mark.parametrize("func", _entries(), ids=lambda f: f.__qualname__)
def test_a_refused_call_raises_and_writes_nothing(cast, world, func):
    subject = func.case_action.subject
    key = f"{subject.name}_id" if subject else "case_id"
    target = world[subject.name] if subject else world["case"]
    assert len(_entries()) > 25
    for user, error in _refusals(cast, func):
        before = _row_counts()
        # The body's own arguments are not needed: the entry refuses before the body runs.
        with pytest.raises(error):
            func(acting_user=user, **{key: target.pk})
        assert _row_counts() == before, (func.__qualname__, user.username)


def test_an_unknown_id_is_not_found(cast, world):
    with pytest.raises(NotFound):
        journal.write_note(acting_user=cast.alice, case_id=world["case"].pk + 1000, text="x")
    with pytest.raises(NotFound):
        interventions.record_review(
            acting_user=cast.alice,
            intervention_id=world["intervention"].pk + 1000,
            held_on=date(2026, 12, 1),
            outcome="continue",
        )


# --- after the transition: ids only (decision 0010) --------------------------------------------
# Once ``cases.actions._take_id`` no longer takes an object, ``case=`` (or ``intervention=`` …)
# an object is refused before anything is loaded: a TypeError, and nothing written.


@pytest.mark.parametrize("func", _entries(), ids=lambda f: f.__qualname__)
def test_an_object_instead_of_an_id_is_refused(cast, world, func):
    subject = func.case_action.subject
    name = subject.name if subject else "case"
    target = world[name]
    before = _row_counts()
    with pytest.raises(TypeError, match=f"{name}_id"):
        func(acting_user=cast.alice, **{name: target})
    with pytest.raises(TypeError, match=f"{name}_id"):  # not even beside the id
        func(acting_user=cast.alice, **{f"{name}_id": target.pk, name: target})
    assert _row_counts() == before, func.__qualname__


def test_a_complete_call_with_an_object_is_refused(cast, world):
    before = _row_counts()
    with pytest.raises(TypeError, match="case_id"):
        journal.write_note(acting_user=cast.alice, case=world["case"], text="Anteckning")
    with pytest.raises(TypeError, match="intervention_id"):
        interventions.record_review(
            acting_user=cast.alice,
            intervention=world["intervention"],
            held_on=date(2026, 12, 1),
            outcome="continue",
        )
    assert _row_counts() == before
