"""The time-study indicators: shares of the social workers' registered time (docs/spec/timestudy.md).

Counted from the closed time studies of the municipality whose last day falls in the period
(``timestudy``): each participant's ended blocks, by the unit the participant was measured in.
A group of fewer than 5 participants gives no value, whoever asks, nor does one that would
reveal it (``timestudy.results``, the indicators' masking): the figures are about colleagues'
working time, so not even the unit's own manager sees them unmasked.
"""

from __future__ import annotations

from skyddsnat.indicators.measures import Breakdown, Cell, Context, Measure, Table, table_keys
from skyddsnat.timestudy import results
from skyddsnat.timestudy.models import Participant, Study
from skyddsnat.timestudy.services import registered

HIDDEN_NOTE = "Färre än 5 deltagare i tidsmätningen, eller skulle avslöja en sådan grupp."


class TimeStudyShare(Measure):
    """The share of the social workers' registered time in ``codes``: the built-in categories'
    codes and the headline tokens of a municipality's own (``registered(by_headline=True)``)."""

    def __init__(self, codes: frozenset[str]) -> None:
        self.codes = codes
        self.restrict = {}

    def applies_to(self, breakdown: Breakdown) -> bool:
        return False

    def table(self, ctx: Context, breakdown: Breakdown | None) -> Table:
        kind = Participant.Kind.SOCIAL_WORKER
        memo_key = ("timestudy", ctx.span.start, ctx.span.end)
        if memo_key not in ctx.memo:  # one query for the three indicators of a period
            studies = Study.objects.filter(
                municipality_id=ctx.municipality_id,
                closed_at__isnull=False,
                ends_on__gte=ctx.span.start,
                ends_on__lte=ctx.span.end,
            )
            rows = [r for r in registered(studies, by_headline=True) if r.kind == kind]
            ctx.memo[memo_key] = results.groups(rows, ctx.units)
        groups = ctx.memo[memo_key]
        cells = {}
        for key in table_keys(ctx.units, None):
            group = groups.get((kind, key[0]))
            if group is None or not group.participants:
                cells[key] = Cell(value=None, size=0, is_share=True)
                continue
            size = len(group.participants)
            if group.hidden:
                cells[key] = Cell(value=None, size=size, note=HIDDEN_NOTE)
                continue
            cells[key] = Cell(
                value=group.share(self.codes),
                numerator=sum(group.minutes.get(c, 0) for c in self.codes),
                denominator=group.total,
                size=size,
            )
        return Table(cells, ctx.units, None)
