"""The one entry of every service that acts on a case: load by id, lock, ask the policy, act.

A service decorated ``@case_action(may=policy.can_write_case)`` is called with ids and the
acting user::

    investigations.update_plan(acting_user=user, case_id=7, questions=…, …)

and receives, inside one transaction, the case locked (``lifecycle.lock``) after the policy said
yes. Another municipality's case or an unknown id is ``NotFound`` (404); a case the user may not
act on is ``Forbidden`` (403) — checked before anything is written, so a refused call leaves no
row, not even an audit row. The writes themselves are journaled and audited by the service
(``journal.services.record_action``). The web, the API, the management commands and the demo
all pass through here: no caller has to remember to ask the policy first (decision 0010).

A service that acts on a record *of* a case (an intervention, an emergency custody, a journal
entry) names it with ``subject=``: it is called with ``<name>_id=`` and receives ``<name>=`` the
record, loaded with ``select_for_update`` from the locked case (its ``case`` attribute is that
locked case), so an id of another case or municipality is ``NotFound`` like the case itself.

An object instead of the id (``case=``, ``<name>=``) is refused with a ``TypeError``: what the
service receives is always what the entry loaded, locked and checked.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.cases import lifecycle
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, NotFound

R = TypeVar("R")

#: The attribute that marks a function as behind the entry (``tests/services/test_boundary.py``).
MARKER = "case_action"

CASE_NOT_FOUND = "Ärendet finns inte."
NO_ACCESS = "Du har inte behörighet till ärendet."
NO_WRITE = "Du har inte behörighet att ändra i ärendet."


@dataclass(frozen=True)
class Subject:
    """A record of a case that the service acts on: its parameter name, model and 404 message."""

    name: str
    model: type[Model]
    missing: str


@dataclass(frozen=True)
class CaseAction:
    """What the entry of one service asks (kept on the function as ``case_action``)."""

    may: Callable[[User, Case], bool]
    refusal: str
    subject: Subject | None

    def case_id(self, user: User, kwargs: dict[str, Any]) -> tuple[int, int | None]:
        """Take the case's id (and the subject's) out of the call's keyword arguments."""
        if self.subject is None:
            return _take_id(kwargs, "case"), None
        subject_id = _take_id(kwargs, self.subject.name)
        case_id = (
            self.subject.model._default_manager.filter(
                pk=subject_id, case__municipality_id=user.municipality_id
            )
            .values_list("case_id", flat=True)
            .first()
        )
        if case_id is None:
            raise NotFound(self.subject.missing)
        return case_id, subject_id

    def enter(self, user: User, kwargs: dict[str, Any]) -> dict[str, Any]:
        """Load, lock and check the case; return the service's keyword arguments."""
        case_id, subject_id = self.case_id(user, kwargs)
        if not Case.objects.filter(pk=case_id, municipality_id=user.municipality_id).exists():
            raise NotFound(CASE_NOT_FOUND)
        case = lifecycle.lock(case_id)
        if not self.may(user, case):
            readable = policy.can_read_case(user, case)
            raise Forbidden(self.refusal if readable else NO_ACCESS)
        if self.subject is None:
            return {**kwargs, "case": case}
        record = (
            self.subject.model._default_manager.select_for_update()
            .filter(pk=subject_id, case_id=case.pk)
            .first()
        )
        if record is None:  # moved to another case between the two reads: never
            raise NotFound(self.subject.missing)
        record.case = case  # type: ignore[attr-defined]  (every subject has a ``case``)
        return {**kwargs, self.subject.name: record}


def _take_id(kwargs: dict[str, Any], name: str) -> int:
    """Pop ``<name>_id`` from ``kwargs``; ``<name>=`` (an object) is refused."""
    if name in kwargs:
        raise TypeError(f"pass {name}_id=, not {name}= (an object)")
    if f"{name}_id" not in kwargs:
        raise TypeError(f"missing keyword argument {name}_id")
    return int(kwargs.pop(f"{name}_id"))


def case_action(
    *,
    may: Callable[[User, Case], bool] = policy.can_write_case,
    refusal: str = NO_WRITE,
    subject: tuple[str, type[Model], str] | None = None,
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Put a service behind the entry: ids in, the case locked and ``may`` asked, then the body.

    ``may`` is the policy's question (``policy.can_write_case`` unless the action has its own,
    e.g. ``policy.can_assign``); ``refusal`` the 403's message when the user may read the case;
    ``subject`` is ``(parameter name, model, 404 message)`` of a record of the case.
    """
    action = CaseAction(
        may=may, refusal=refusal, subject=Subject(*subject) if subject is not None else None
    )

    def decorate(service: Callable[..., R]) -> Callable[..., R]:
        @functools.wraps(service)
        def entry(*, acting_user: User, **kwargs: Any) -> R:
            with transaction.atomic():
                return service(acting_user=acting_user, **action.enter(acting_user, kwargs))

        setattr(entry, MARKER, action)
        return entry

    return decorate


def is_case_action(func: object) -> bool:
    """Return whether ``func`` is behind the entry."""
    return isinstance(getattr(func, MARKER, None), CaseAction)
