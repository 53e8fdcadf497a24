"""What a work list sorts, filters and counts a case by, without the obligations' words.

``evaluate`` builds every obligation of a case, met or not, each with its Swedish explanation:
what a case's page shows. A work list over thousands of cases needs, for each, only its unmet
obligations' due dates and statuses: which is due first (to sort by), whether any has passed or
is close (to count and filter), and how many there are. ``next_due(facts, as_of, settings)``
returns exactly that, from the same triggers and rules as ``evaluate``: it skips the occurrences
already met before any rule is looked up, and builds neither an ``Obligation`` nor an
explanation. ``tests/rules/test_next_due.py`` checks it against ``evaluate`` on generated cases.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .engine import deadline_of
from .facts import CaseFacts, RuleSettings
from .obligation import Obligation, Status, status_at
from .triggers import TRIGGERS, Occurrence


@dataclass(frozen=True, slots=True)
class NextDue:
    """A case's unmet obligations in brief, as ``evaluate`` would give them on ``as_of``.

    ``due_date`` and ``status`` are those of the unmet obligation ``evaluate`` lists first (the
    earliest due date, then kind, subject and sequence); both are None when nothing is unmet.
    """

    due_date: date | None = None
    status: Status | None = None
    #: Whether any unmet obligation has passed its due date.
    overdue: bool = False
    #: Whether any unmet obligation is due soon (its status ``due_soon``).
    due_soon: bool = False
    #: How many obligations are unmet (open, due soon or overdue).
    open_count: int = 0


#: Nothing unmet.
NOTHING_DUE = NextDue()


def brief(obligations: Iterable[Obligation]) -> NextDue:
    """Return the brief of ``obligations`` as ``evaluate`` gives them (in its order): what
    ``next_due`` gives without building them, for when they are built anyway."""
    unmet = [o for o in obligations if o.status.is_open]
    if not unmet:
        return NOTHING_DUE
    return NextDue(
        due_date=unmet[0].due_date,
        status=unmet[0].status,
        overdue=any(o.status is Status.OVERDUE for o in unmet),
        due_soon=any(o.status is Status.DUE_SOON for o in unmet),
        open_count=len(unmet),
    )


def next_due(facts: CaseFacts, as_of: date, settings: RuleSettings | None = None) -> NextDue:
    """Return the case's unmet obligations in brief on ``as_of`` (see ``NextDue``).

    The same answer as reading ``evaluate(facts, as_of, settings)``'s open obligations: the
    first one's due date and status, whether any is overdue or due soon, and how many.
    """
    settings = settings or RuleSettings()
    first: tuple[date, str, str, int] | None = None
    first_status: Status | None = None
    overdue = due_soon = False
    count = 0
    for trigger in TRIGGERS.values():
        for occurrence in trigger(facts, as_of):
            if occurrence.met_at is not None:
                continue  # met: never on a work list, whatever its rule says
            found = _unmet(occurrence, as_of, settings)
            if found is None:
                continue
            due, status = found
            count += 1
            overdue = overdue or status is Status.OVERDUE
            due_soon = due_soon or status is Status.DUE_SOON
            key = (due, occurrence.kind, occurrence.subject_id or "", occurrence.sequence)
            if first is None or key < first:
                first, first_status = key, status
    if first is None:
        return NOTHING_DUE
    return NextDue(first[0], first_status, overdue, due_soon, count)


def _unmet(
    occurrence: Occurrence, as_of: date, settings: RuleSettings
) -> tuple[date, Status] | None:
    """Return the due date and status of an unmet occurrence's obligation, or None when no rule
    applies or it was dropped (``engine.build_obligation`` without the words)."""
    made = deadline_of(occurrence, settings)
    if made is None:
        return None
    rule, deadline, _entry_into_force_due = made
    due = deadline.due_date
    status = status_at(
        due_date=due, met_at=None, as_of=as_of, due_soon_days=rule.due_soon_for(settings)
    )
    return due, status
