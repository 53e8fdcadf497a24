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

from django.db import transaction
from django.utils import timezone

from skyddsnat import clock
from skyddsnat.demo.batching import deferred_inserts, lean_transactions
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

    def run(
        self, batch: timedelta = timedelta(days=30), progress: Callable[[], None] | None = None
    ) -> None:
        """Run every queued story, one transaction per ``batch`` of simulated time."""
        with frozen_clock() as set_now, lean_transactions(), deferred_inserts() as flush:
            while self._heap:
                batch_end = self._heap[0][0] + batch
                with transaction.atomic():
                    while self._heap and self._heap[0][0] < batch_end:
                        moment, _, story = heapq.heappop(self._heap)
                        self.now = moment
                        set_now(moment)
                        self.steps += 1
                        self._advance(story)
                    flush()
                if progress:
                    progress()
