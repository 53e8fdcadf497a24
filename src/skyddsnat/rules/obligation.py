"""An obligation: one thing the municipality must do for one child by a due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .calendar import days_sv


class Status(StrEnum):
    """Where an obligation stands on the day it is looked at (``as_of``)."""

    OPEN = "open"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"

    @property
    def label_sv(self) -> str:
        """Return the status as a short Swedish label."""
        return _STATUS_LABELS_SV[self]

    @property
    def is_met(self) -> bool:
        """Return True when the obligation was met, in time or late."""
        return self in (Status.MET, Status.MET_LATE)

    @property
    def is_open(self) -> bool:
        """Return True while the obligation is still to be met (open, due soon or overdue)."""
        return not self.is_met


_STATUS_LABELS_SV = {
    Status.OPEN: "Pågår",
    Status.DUE_SOON: "Snart sista dag",
    Status.OVERDUE: "Försenad",
    Status.MET: "Klar i tid",
    Status.MET_LATE: "Klar för sent",
}

STATUS_OPEN = Status.OPEN
STATUS_DUE_SOON = Status.DUE_SOON
STATUS_OVERDUE = Status.OVERDUE
STATUS_MET = Status.MET
STATUS_MET_LATE = Status.MET_LATE


def status_at(*, due_date: date, met_at: date | None, as_of: date, due_soon_days: int) -> Status:
    """Return the status of an obligation due on ``due_date`` as it stands on ``as_of``.

    Met on the due date itself is ``met``; the day after is ``met_late``. An unmet obligation is
    ``overdue`` from the day after the due date and ``due_soon`` when at most ``due_soon_days``
    days are left (so on the due date itself it is ``due_soon``, never ``overdue``).
    """
    if met_at is not None:
        return Status.MET if met_at <= due_date else Status.MET_LATE
    if as_of > due_date:
        return Status.OVERDUE
    if (due_date - as_of).days <= due_soon_days:
        return Status.DUE_SOON
    return Status.OPEN


@dataclass(frozen=True)
class Obligation:
    """One derived time limit, with everything a screen needs to show and explain it.

    ``days_left`` is ``due_date - as_of`` (negative when the due date has passed). ``days_late``
    is how many days after the due date it was met, or, when unmet, how late it is on ``as_of``
    (0 when not late). ``legal_last_day`` is set when the due date falls on a non-working day and
    the rule does not roll forward: the later last day that the act on computing statutory time
    (1930:173) would give.
    """

    kind: str
    subject_id: str | None
    sequence: int
    start_date: date
    due_date: date
    status: Status
    met_at: date | None
    legal_reference: str
    explanation: str
    rule_id: str
    title: str
    as_of: date
    days_left: int
    days_late: int = 0
    legal_last_day: date | None = None
    rolled_from: date | None = None
    #: True when the duty was met by the law's own exception (``Rule.exception_sv``), not the act.
    met_by_exception: bool = False

    @property
    def is_met(self) -> bool:
        """Return True when the obligation was met, in time or late."""
        return self.status.is_met

    @property
    def days_text(self) -> str:
        """Return the time left or lost in Swedish: "3 dagar kvar", "i dag", "5 dagar sen"."""
        if self.met_by_exception:
            return "undantag registrerat"
        if self.status is Status.MET:
            return "klar i tid"
        if self.status is Status.MET_LATE:
            return f"klar {days_sv(self.days_late)} sent"
        if self.days_left == 0:
            return "sista dag i dag"
        if self.days_left > 0:
            return f"{days_sv(self.days_left)} kvar"
        return f"{days_sv(-self.days_left)} sen"

    def __str__(self) -> str:
        return f"{self.title}: {self.due_date.isoformat()} ({self.days_text})"
