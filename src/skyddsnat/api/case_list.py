"""Which cases a page of ``GET /cases`` shows: the caller's visible cases, filtered, newest first.

Visibility is the policy's (``accounts.policy.cases_visible_to``, the rule of the web's work
lists and search): a case the caller may not read is never a candidate. ``overdue`` is the
work lists' own answer (``web.worklist.work_items``: a case on the list whose unmet obligation
has passed its due date, by the rules engine), never a time limit derived here. The order is
the case id, newest first, and a page continues below the last id of the one before it.

The statements do not depend on how many cases there are: one for the page's ids (and, with
``overdue``, the work list's fixed number for the caller's cases on the list).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.cases.models import Case
from skyddsnat.web import worklist


@dataclass(frozen=True)
class Selection:
    """The ids of one page, newest first, and whether more cases follow."""

    ids: list[int]
    more: bool


def select(
    user: User,
    *,
    phase: str | None,
    responsible_id: int | None,
    overdue: bool | None,
    before: int | None,
    limit: int,
    today: date,
) -> Selection:
    """Return the ids of the page of ``user``'s visible cases that follows the id ``before``
    (None: the first page), at most ``limit``, filtered by ``phase``, the responsible
    caseworker and whether a time limit has passed (``overdue``; None: either)."""
    cases = _filtered(user, phase=phase, responsible_id=responsible_id)
    after = cases if before is None else cases.filter(pk__lt=before)
    if overdue is None:
        ids = list(after.order_by("-pk").values_list("pk", flat=True)[: limit + 1])
        return Selection(ids[:limit], len(ids) > limit)
    late = sorted(
        (i.case_id for i in worklist.work_items(cases, today) if i.is_overdue), reverse=True
    )
    if before is not None:
        late = [pk for pk in late if pk < before]
    if overdue:
        return Selection(late[:limit], len(late) > limit)
    # The cases without a passed time limit: among the next ``limit + 1 + len(late)`` ids at
    # least ``limit + 1`` are not late (when there are that many), in one statement.
    skip = set(late)
    candidates = after.order_by("-pk").values_list("pk", flat=True)[: limit + 1 + len(late)]
    ids = [pk for pk in candidates if pk not in skip]
    return Selection(ids[:limit], len(ids) > limit)


def _filtered(user: User, *, phase: str | None, responsible_id: int | None) -> QuerySet[Case]:
    cases = policy.cases_visible_to(user)
    if phase is not None:
        cases = cases.filter(phase=phase)
    if responsible_id is not None:
        cases = cases.filter(responsible_id=responsible_id)
    return cases
