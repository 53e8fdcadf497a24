"""Rates per 1 000 children: a count over the municipality's child population of the year."""

from __future__ import annotations

from skyddsnat.accounts.models import ChildPopulation
from skyddsnat.indicators.dimensions import Breakdown
from skyddsnat.indicators.measures import Context, RowCount, Table


class PerThousand(RowCount):
    """Rows per 1 000 children 0–17 in the municipality (``ChildPopulation`` of the year).

    The population is the year the period ends in. Only the municipality's figure is reported;
    the units' counts stay in the table so that the masking matches the plain count's.
    """

    def applies_to(self, breakdown: Breakdown) -> bool:
        return False

    def table(self, ctx: Context, breakdown: Breakdown | None) -> Table:
        table = super().table(ctx, None)
        year = ctx.span.end.year
        population = (
            ChildPopulation.objects.filter(municipality_id=ctx.municipality_id, year=year)
            .values_list("children", flat=True)
            .first()
        )
        for key, cell in table.cells.items():
            if key != (None, None):
                cell.reported = False
                continue
            cell.denominator = population
            if population:
                cell.value = cell.size * 1000 / population
            else:
                cell.value = None
                cell.note = f"Antalet barn i kommunen {year} saknas (årlig inställning)."
        return table
