"""A participant's day as a timeline: the blocks in order, with gaps and overlaps flagged.

Pure Python, no Django. Nothing is merged or moved: a gap between two blocks and an overlap of
two are reported next to them, so that the participant corrects the registration (the spec:
flagged, never silently merged). A running block (no end yet) runs until ``now``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

T = TypeVar("T")

GAP = "gap"
OVERLAP = "overlap"


@dataclass(frozen=True)
class Span(Generic[T]):
    """One block of time: ``item`` is what the caller wants back (the block row)."""

    item: T
    start: datetime
    end: datetime | None


@dataclass(frozen=True)
class Flag:
    """A gap (nothing registered) or an overlap (two blocks at once) from ``start`` to ``end``."""

    kind: str
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start) / timedelta(minutes=1))


def flags(spans: Sequence[Span[T]], now: datetime) -> list[Flag]:
    """Return the gaps between consecutive blocks and the overlaps of any two, in time order."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end or now))
    found: list[Flag] = []
    reach: datetime | None = None  # the latest end so far
    for span in ordered:
        end = span.end or now
        if reach is not None:
            if span.start > reach:
                found.append(Flag(GAP, reach, span.start))
            elif span.start < reach:
                found.append(Flag(OVERLAP, span.start, min(end, reach)))
        reach = end if reach is None else max(reach, end)
    return found


def minutes(span: Span[T], now: datetime) -> int:
    """Return the length of ``span`` in whole minutes (a running one until ``now``)."""
    end = span.end or now
    return max(0, int((end - span.start) / timedelta(minutes=1)))
