"""Small numbers (*små tal*): which figures to hide from a viewer outside the owning unit.

Pure Python, no Django. docs/spec/indicators.md: outside the unit that owns the data, a figure whose
denominator (or count) is 1–4 is masked, and the masking must not be undone by subtracting
published totals: a second figure is masked where needed (*sekundär röjandekontroll*).

The input is a table of ``Figure``s (the *size* is the count, or the denominator of a share) and
the ``Line``s that tie them together: a total and the parts it is the sum of (a unit's figure
and its figures per sex; the municipality's figure and its units). ``suppress`` returns the
figures to hide, each with its reason:

1. *Primary*: every figure of size 1–4 that the viewer does not own (``visible``).
2. *Secondary*, repeated until nothing changes: in a line whose total is shown, the hidden parts
   must not be recoverable. Someone who knows the rule knows that a hidden part is at least 1
   (zero is never hidden: it is not a small number), so the hidden parts are recoverable when
   there is only one of them, when they are all 1 (their sum equals their number), or, for a
   share, when their numerators sum to 0 or to their denominators (every hidden share would
   then be 0 % or 100 %). The next part to hide is the smallest non-zero part that resolves
   the problem, else the smallest non-zero part; when none is left, the total is hidden.

A hidden figure is always non-zero, so the rule above is all a reader can use. Each line is
treated as if the parts summed to the total even where they do not (a child counted in two age
groups): that only hides more.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

#: Figures with a size from 1 up to this are small.
SMALL_MAX = 4

SMALL = "small"
SECONDARY = "secondary"

MASK_REASONS_SV = {
    SMALL: "Färre än 5 i underlaget: visas inte utanför den enhet som äger uppgifterna.",
    SECONDARY: "Dold så att ett litet tal inte kan räknas fram ur summan och de andra talen.",
}

#: What a masked figure shows instead of a number.
MASK_SYMBOL = "–"

K = TypeVar("K", bound=Hashable)


def is_small(size: float) -> bool:
    """Return True for a size from 1 to 4 (0 is not small: nothing is revealed about anyone)."""
    return 0 < size <= SMALL_MAX


@dataclass(frozen=True)
class Figure:
    """One figure of a table: its size (count or denominator) and, for a share, its numerator.

    ``visible`` is True when the viewer owns the data behind it (their own unit): it is never
    hidden, and a reader who sees it can use it.
    """

    size: int
    numerator: int | None = None
    visible: bool = False


@dataclass(frozen=True)
class Line:
    """A total and the parts it is the sum of."""

    total: Hashable
    parts: tuple[Hashable, ...]


def suppress(figures: Mapping[K, Figure], lines: Iterable[Line]) -> dict[K, str]:
    """Return the keys of the figures to hide, each with its reason (``SMALL`` or ``SECONDARY``)."""
    lines = [line for line in lines if line.total in figures]
    hidden: dict[K, str] = {
        key: SMALL
        for key, figure in figures.items()
        if not figure.visible and is_small(figure.size)
    }
    changed = True
    while changed:
        changed = False
        for line in lines:
            if line.total in hidden:
                continue
            parts = [p for p in line.parts if p in figures]
            if not _recoverable([figures[p] for p in parts if p in hidden]):
                continue
            key = _next_to_hide(parts, figures, hidden)
            if key is None:
                if figures[line.total].visible:
                    continue  # the viewer owns every part anyway
                key = line.total
            hidden[key] = SECONDARY
            changed = True
    return hidden


def recoverable(parts: Sequence[Figure]) -> bool:
    """Return True if the hidden ``parts`` of a line with a shown total can be worked out."""
    return _recoverable(parts)


def _recoverable(hidden: Sequence[Figure]) -> bool:
    if not hidden:
        return False
    if len(hidden) == 1:
        return True
    size = sum(f.size for f in hidden)
    if size == len(hidden):
        return True
    numerators = [f.numerator for f in hidden]
    if all(n is not None for n in numerators):
        total = sum(n for n in numerators if n is not None)
        if total in (0, size):
            return True
    return False


def _next_to_hide(
    parts: Sequence[K], figures: Mapping[K, Figure], hidden: Mapping[K, str]
) -> K | None:
    """Return the part to hide next: the smallest that resolves the line, else the smallest."""
    current = [figures[p] for p in parts if p in hidden]
    candidates = [
        (not _recoverable([*current, figures[p]]), figures[p].size, order, p)
        for order, p in enumerate(parts)
        if p not in hidden and not figures[p].visible and figures[p].size > 0
    ]
    if not candidates:
        return None
    # Resolving candidates first (True sorts after False, hence the negation), then by size.
    return min(candidates, key=lambda c: (not c[0], c[1], c[2]))[3]
