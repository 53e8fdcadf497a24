"""Run stories in time order with the service clock frozen at each event.

A *story* is a generator that yields the moment of its next step; the code after the ``yield``
is the step, run with ``skyddsnat.clock`` (and Django's ``timezone.now``) frozen at that moment,
so the services accept and record past dates as if a person did it then. Stories run in global
time order, so the database at each step holds exactly the history up to that moment.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from skyddsnat import clock
from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import ServiceError
from skyddsnat.rules import is_swedish_non_working_day

STHLM = ZoneInfo("Europe/Stockholm")

Story = Generator[datetime, None, None]


def at(day: date, hh: int, mm: int = 0) -> datetime:
    """Return ``day`` at ``hh:mm`` Swedish local time."""
    return datetime.combine(day, time(hh, mm), STHLM)


def working_day(day: date) -> date:
    """Return ``day`` or the next Swedish working day."""
    while is_swedish_non_working_day(day):
        day += timedelta(days=1)
    return day


def office_time(day: date, rng: random.Random, start: int = 8, end: int = 16) -> datetime:
    """Return a random moment in office hours on the working day on or after ``day``."""
    minute = rng.randint(start * 60 + 15, end * 60 + 30)
    return at(working_day(day), minute // 60, minute % 60)


def local_day(moment: datetime) -> date:
    return moment.astimezone(STHLM).date()


@contextmanager
def frozen_clock() -> Iterator[Callable[[datetime], None]]:
    """Freeze the clock the services read; yield a setter; restore the real clock afterwards."""
    state = {"now": timezone.now()}
    saved = (clock.now, clock.today, timezone.now)

    def now() -> datetime:
        return state["now"]

    def today() -> date:
        return local_day(state["now"])

    def set_now(moment: datetime) -> None:
        state["now"] = moment

    clock.now, clock.today, timezone.now = now, today, now
    try:
        yield set_now
    finally:
        clock.now, clock.today, timezone.now = saved


@contextmanager
def _deferred_audit_rows() -> Iterator[Callable[[], None]]:
    """Queue the audit rows the services write and insert them in bulk; yield the flush.

    The rows are exactly those ``audit.services.record`` builds; only the INSERT is batched
    (one per batch of simulated time instead of one per service call).
    """
    manager = AuditEvent.objects
    pending: list[AuditEvent] = []

    def create(**fields: object) -> AuditEvent:
        row = AuditEvent(**fields)
        pending.append(row)
        return row

    def flush() -> None:
        AuditEvent.objects.bulk_create(pending, batch_size=500)
        pending.clear()

    manager.create = create  # type: ignore[method-assign]
    try:
        yield flush
    finally:
        del manager.create


@contextmanager
def _lean_transactions() -> Iterator[None]:
    """Run the services without per-call savepoints and without keeping every SQL statement.

    Each service is ``@transaction.atomic``; inside the batch's transaction that is a savepoint
    and its release, a third of all statements. Without savepoints an error in a service marks
    the whole batch for rollback, which is what the loader wants anyway (it stops on any error).
    Django keeps every statement in memory when ``DEBUG`` is on; that is switched off too.
    """
    features, debug = connection.features, settings.DEBUG
    saved = features.uses_savepoints
    features.uses_savepoints, settings.DEBUG = False, False
    try:
        yield
    finally:
        features.uses_savepoints, settings.DEBUG = saved, debug


class Simulation:
    """A priority queue of stories, run in time order up to ``horizon`` (exclusive)."""

    def __init__(self, horizon: datetime) -> None:
        self.horizon = horizon
        self.now = datetime.min.replace(tzinfo=STHLM)
        self.steps = 0
        self._heap: list[tuple[datetime, int, Story]] = []
        self._seq = 0

    def spawn(self, story: Story) -> None:
        """Start a story: run it up to its first ``yield`` and queue it at that moment."""
        self._advance(story)

    def _advance(self, story: Story) -> None:
        try:
            moment = next(story)
        except StopIteration:
            return
        except ServiceError as exc:  # a bug in a story: say what the service refused, and when
            raise RuntimeError(f"{self.now:%Y-%m-%d %H:%M}: {exc.message} {exc.errors}") from exc
        moment = max(moment, self.now)
        if moment >= self.horizon:
            story.close()  # the rest of the story lies in the future: the case stays open
            return
        heapq.heappush(self._heap, (moment, self._seq, story))
        self._seq += 1

    def run(self, batch: timedelta = timedelta(days=30), progress: Callable[[], None] | None = None) -> None:
        """Run every queued story, one transaction per ``batch`` of simulated time."""
        with frozen_clock() as set_now, _lean_transactions(), _deferred_audit_rows() as flush_audit:
            while self._heap:
                batch_end = self._heap[0][0] + batch
                with transaction.atomic():
                    while self._heap and self._heap[0][0] < batch_end:
                        moment, _, story = heapq.heappop(self._heap)
                        self.now = moment
                        set_now(moment)
                        self.steps += 1
                        self._advance(story)
                    flush_audit()
                if progress:
                    progress()
