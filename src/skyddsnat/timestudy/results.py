"""A study's results: the share of registered time per category, per role, per unit and for
the municipality, shown only for groups of at least 5 participants.

Pure Python, no Django. The input is each participant's registered minutes per category; the
groups are (role, unit) and (role, the municipality). A group of 1–4 participants is hidden,
and so is what would let it be worked out from the municipality's figure and the other units
(the indicators' masking, ``indicators.masking``: primary and secondary suppression). Nothing
is ever shown unmasked to its owner: the figures are about colleagues' working time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from skyddsnat.indicators.masking import SMALL_MAX, Figure, Line, suppress

#: The smallest group whose results are shown.
MIN_PARTICIPANTS = SMALL_MAX + 1

GroupKey = tuple[str, int | None]  # (role kind, unit id or None for the municipality)


@dataclass(frozen=True)
class Registered:
    """One participant's registered minutes in one category."""

    participant: int
    kind: str
    unit: int
    category: str
    minutes: int


@dataclass
class Group:
    """The registered time of one group; ``hidden`` (a reason) when it may not be shown."""

    kind: str
    unit: int | None
    participants: set[int] = field(default_factory=set)
    minutes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    hidden: str = ""

    @property
    def total(self) -> int:
        return sum(self.minutes.values())

    def share(self, codes: Iterable[str]) -> float | None:
        """Return the share of the group's registered time in ``codes`` (None if hidden/empty)."""
        if self.hidden or not self.total:
            return None
        return sum(self.minutes.get(c, 0) for c in codes) / self.total


def groups(rows: Iterable[Registered], units: Iterable[int]) -> dict[GroupKey, Group]:
    """Return every (role, unit) and (role, municipality) group, the small ones hidden."""
    found: dict[GroupKey, Group] = {}
    unit_ids = tuple(units)
    for row in rows:
        for key in ((row.kind, row.unit), (row.kind, None)):
            group = found.setdefault(key, Group(kind=key[0], unit=key[1]))
            group.participants.add(row.participant)
            group.minutes[row.category] += row.minutes
    kinds = {kind for kind, _ in found}
    for kind in kinds:
        for unit in unit_ids:
            found.setdefault((kind, unit), Group(kind=kind, unit=unit))
    figures = {key: Figure(size=len(g.participants)) for key, g in found.items()}
    lines = [Line((kind, None), tuple((kind, u) for u in unit_ids)) for kind in kinds]
    for key, reason in suppress(figures, lines).items():
        found[key].hidden = reason
    return found
