"""How an indicator is computed: SQL aggregates over a source, grouped into a table.

Every indicator gives a *table*: one row per unit of the municipality plus the municipality's
total row, and, with a breakdown, one column per category plus the total column. The masking
needs the whole table (``masking.Line``), whichever slice the caller asked for.

A measure is a few aggregates (``Count``, conditional ``Count(filter=…)``) run as grouped
queries: ``values("_unit", "_key").annotate(…)``. Additive measures (rows counted once each,
single-valued keys) need one query and their totals are sums of the groups; the others (distinct
children, medians) run one query per grouping set ((unit, key), (unit), (key), ()), at most
four. Nothing loops over cases in Python: the rows that come back are one per group, and a
median's query returns at most the two middle rows of each group. The number of queries does
not depend on the number of cases.

Medians use window functions, the same SQL on SQLite (3.25+) and PostgreSQL:
``ROW_NUMBER() OVER (PARTITION BY group ORDER BY days)`` and ``COUNT(*) OVER (PARTITION BY
group)``, keeping the rows numbered ``(n + 1) / 2`` to ``(n + 2) / 2`` (integer division): the
middle row, or the two middle rows whose mean is the median. PostgreSQL's ``percentile_cont``
would be shorter there but has no SQLite counterpart; one portable form is tested on both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.core.exceptions import FieldError
from django.db.models import (
    Aggregate,
    Count,
    Expression,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models import Case as SqlCase
from django.db.models.functions import RowNumber

from skyddsnat.indicators.dimensions import Breakdown, Category
from skyddsnat.indicators.masking import Line
from skyddsnat.indicators.sources import Source, Span, _resolve

Key = tuple[int | None, str | None]
Raw = dict[str, float]


@dataclass
class Cell:
    """One figure of a table.

    ``size`` is what the small-number rule looks at (the count, or the denominator of a
    share). ``reported`` is False for a figure that is part of the table only for the masking
    (e.g. a unit's count behind the municipality's rate per 1 000 children).
    """

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    size: int = 0
    is_share: bool = False
    reported: bool = True
    extra: dict[str, Any] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Context:
    """What every measure needs: the municipality, its units, and the window."""

    municipality_id: int
    units: tuple[int, ...]
    span: Span
    #: What measures of one computation share (the obligations of the municipality's cases,
    #: evaluated once for every obligation indicator of the call).
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Table:
    """The figures of one indicator: ``(unit, category)`` → ``Cell``; None is the total."""

    cells: dict[Key, Cell]
    units: tuple[int, ...]
    categories: tuple[Category, ...] | None

    def lines(self) -> list[Line]:
        """Return the totals and their parts, for the masking."""
        units: tuple[int | None, ...] = self.units
        lines = [Line((None, None), tuple((u, None) for u in units))]
        if self.categories is not None:
            codes = tuple(code for code, _ in self.categories)
            lines += [Line((u, None), tuple((u, c) for c in codes)) for u in (*units, None)]
            lines += [Line((None, c), tuple((u, c) for u in units)) for c in codes]
        return lines


def _condition(*parts: Q | Expression | None) -> Q | None:
    """Return the conjunction of the parts that are not None (None if there are none)."""
    present = [p if isinstance(p, Q) else Q(p) for p in parts if p is not None]
    if not present:
        return None
    result = present[0]
    for p in present[1:]:
        result &= p
    return result


class Measure:
    """The computation of one indicator; subclasses say how to fill the table."""

    source: Source
    #: Codes a breakdown is restricted to (e.g. placement kinds only), by breakdown id.
    restrict: dict[str, frozenset[str]]

    def applies_to(self, breakdown: Breakdown) -> bool:
        return breakdown.applies_to(self.source)

    def categories(self, breakdown: Breakdown) -> tuple[Category, ...]:
        codes = self.restrict.get(breakdown.id)
        return tuple(c for c in breakdown.categories if codes is None or c[0] in codes)

    def table(self, ctx: Context, breakdown: Breakdown | None) -> Table:
        raise NotImplementedError

    def tables(self, ctxs: Sequence[Context], breakdown: Breakdown | None) -> list[Table]:
        """Return the table of each context (the periods of a trend), in the same order.

        By default one ``table`` each; the SQL aggregates group the periods in one statement
        where they can (``periods_grouped``).
        """
        return [self.table(ctx, breakdown) for ctx in ctxs]


def periods_grouped(
    source: Source, ctxs: Sequence[Context], *expressions: Callable[[Span], Any]
) -> Expression | None:
    """Return the period number (0, 1, …) of a row as an SQL ``CASE``, when the periods of
    ``ctxs`` can be computed in one statement grouped by it; None when they cannot.

    They can when the rows have a counting date (not a snapshot), the periods do not overlap
    (a rolling 12 months does), all contexts are of one municipality and day, and the source's
    restriction, its annotations and ``expressions`` are the same SQL for every period (they
    may depend on the span). Then a row is in at most one period, and each group of the one
    statement is what the statement of its period would have counted.
    """
    if len(ctxs) < 2 or not source.date:
        return None
    if len({(c.municipality_id, c.units, c.span.today) for c in ctxs}) != 1:
        return None
    spans = sorted((c.span for c in ctxs), key=lambda s: s.start)
    if any(a.end >= b.start for a, b in pairwise(spans)):
        return None
    first = ctxs[0].span
    if not all(_same_sql(source, first, ctx.span, expressions) for ctx in ctxs[1:]):
        return None
    return SqlCase(
        *(When(source.in_period(ctx.span), then=Value(i)) for i, ctx in enumerate(ctxs)),
        default=Value(None),
        output_field=IntegerField(),
    )


def _same_sql(
    source: Source, one: Span, other: Span, expressions: Sequence[Callable[[Span], Any]]
) -> bool:
    """Return True when the source's restriction, annotations and ``expressions`` are the same
    SQL for both spans: equal as Django expressions, or else compiled to the same statement and
    parameters (a subquery is equal only to itself, but compiles the same)."""
    if (
        _resolve(source.where, one) == _resolve(source.where, other)
        and source.annotations(one) == source.annotations(other)
        and all(expr(one) == expr(other) for expr in expressions)
    ):
        return True

    def probe(span: Span) -> tuple[str, tuple[Any, ...]]:
        qs = source.model._default_manager.all()
        annotations = source.annotations(span)
        if annotations:
            qs = qs.annotate(**annotations)
        qs = qs.filter(_resolve(source.where, span))
        extra = {f"_e{i}": expr(span) for i, expr in enumerate(expressions)}
        if extra:
            qs = qs.annotate(**extra)
        sql, params = qs.query.sql_with_params()
        return sql, tuple(params)

    try:
        return probe(one) == probe(other)
    except FieldError:  # a source these probes cannot build: count period by period
        return False


def grouped_queryset(source: Source, ctxs: Sequence[Context], period: Expression) -> QuerySet:
    """Return the rows of every period of ``ctxs`` with ``_p`` (the period number) and ``_unit``:
    ``Source.queryset`` with the periods' conditions joined by OR."""
    first = ctxs[0].span
    within = Q()
    for ctx in ctxs:
        within |= source.in_period(ctx.span)
    qs = source.model._default_manager.filter(
        **source.of_municipality(ctxs[0].municipality_id)
    ).filter(within)
    annotations = source.annotations(first)
    if annotations:
        qs = qs.annotate(**annotations)
    return (
        qs.filter(_resolve(source.where, first))
        .annotate(_unit=F(f"{source.case}unit_id"))
        .annotate(_p=period)
    )


class AggregateMeasure(Measure):
    """A measure made of counts: subclasses give the aggregates and turn them into a cell."""

    additive = True

    def __init__(self, source: Source, restrict: dict[str, frozenset[str]] | None = None):
        self.source = source
        self.restrict = restrict or {}

    def aggregates(self, condition: Q | None) -> dict[str, Aggregate]:
        raise NotImplementedError

    def cell(self, raw: Raw) -> Cell:
        raise NotImplementedError

    def category_aggregates(self, condition: Q) -> dict[str, Aggregate]:
        """Return the aggregates of the rows that count under one category."""
        return self.aggregates(condition)

    def table(self, ctx: Context, breakdown: Breakdown | None) -> Table:
        qs = self.source.queryset(ctx.span, ctx.municipality_id)
        categories = self.categories(breakdown) if breakdown else None
        names = list(self.aggregates(None))
        if breakdown is not None and breakdown.multi_valued:
            assert categories is not None
            raw = self._by_conditions(qs, breakdown, categories, names)
        else:
            raw = self._by_key(qs, breakdown, ctx.span, names)
        return self._table_of(ctx, raw, names, breakdown, categories)

    def _table_of(
        self,
        ctx: Context,
        raw: dict[Key, Raw],
        names: Sequence[str],
        breakdown: Breakdown | None,
        categories: tuple[Category, ...] | None,
    ) -> Table:
        if self.additive:
            add_totals(raw, names, keyed=breakdown is not None and not breakdown.multi_valued)
        cells = {
            key: self.cell(raw.get(key) or dict.fromkeys(names, 0))
            for key in table_keys(ctx.units, categories)
        }
        return Table(cells, ctx.units, categories)

    def tables(self, ctxs: Sequence[Context], breakdown: Breakdown | None) -> list[Table]:
        """Return the tables of the periods, in one statement grouped by period (two when not
        additive) when there is no breakdown and ``periods_grouped`` allows it."""
        period = None
        if breakdown is None and type(self).table in _PLAIN_TABLES:
            period = periods_grouped(self.source, ctxs)
        if period is None:
            return super().tables(ctxs, breakdown)
        qs = grouped_queryset(self.source, ctxs, period)
        names = list(self.aggregates(None))
        raw: list[dict[Key, Raw]] = [{} for _ in ctxs]
        groupings = [("_p", "_unit")] if self.additive else [("_p", "_unit"), ("_p",)]
        for groupby in groupings:
            for row in grouped(qs, groupby, self.aggregates(None)):
                if row["_p"] is not None:
                    raw[row["_p"]][(row.get("_unit"), None)] = {n: row[n] or 0 for n in names}
        return [
            self._table_of(ctx, part, names, None, None)
            for ctx, part in zip(ctxs, raw, strict=True)
        ]

    def _by_key(
        self, qs: QuerySet, breakdown: Breakdown | None, span: Span, names: Sequence[str]
    ) -> dict[Key, Raw]:
        """Group by unit and the breakdown's key: one query, or four when not additive."""
        if breakdown is None:
            groupings: list[tuple[str, ...]] = [("_unit",)] if self.additive else [("_unit",), ()]
        else:
            qs = qs.annotate(_key=breakdown.key(self.source, span))
            groupings = [("_unit", "_key")]
            if not self.additive:
                groupings += [("_unit",), ("_key",), ()]
        raw: dict[Key, Raw] = {}
        for groupby in groupings:
            for row in grouped(qs, groupby, self.aggregates(None)):
                raw[(row.get("_unit"), row.get("_key"))] = {n: row[n] or 0 for n in names}
        return raw

    def _by_conditions(
        self,
        qs: QuerySet,
        breakdown: Breakdown,
        categories: Sequence[Category],
        names: Sequence[str],
    ) -> dict[Key, Raw]:
        """Group by unit with one set of conditional counts per category (a row may have many)."""
        conditions = {
            f"_c{i}": breakdown.condition(self.source, code)
            for i, (code, _) in enumerate(categories)
        }
        aggregates = dict(self.aggregates(None))
        for i, _ in enumerate(categories):
            for name, agg in self.category_aggregates(Q(**{f"_c{i}": True})).items():
                aggregates[f"c{i}__{name}"] = agg
        raw: dict[Key, Raw] = {}
        for groupby in [("_unit",)] if self.additive else [("_unit",), ()]:
            for row in grouped(qs.annotate(**conditions), groupby, aggregates):
                unit = row.get("_unit")
                raw[(unit, None)] = {n: row[n] or 0 for n in names}
                for i, (code, _) in enumerate(categories):
                    raw[(unit, code)] = {n: row[f"c{i}__{n}"] or 0 for n in names}
        return raw


def grouped(
    qs: QuerySet, groupby: tuple[str, ...], aggregates: dict[str, Aggregate]
) -> Iterable[dict[str, Any]]:
    """Return one row per group (a single row for the empty grouping)."""
    if not groupby:
        return [qs.aggregate(**aggregates)]
    return qs.values(*groupby).annotate(**aggregates).order_by()


def add_totals(raw: dict[Key, Raw], names: Sequence[str], *, keyed: bool) -> None:
    """Add the totals of additive figures: each category's, and with ``keyed`` each unit's.

    ``raw`` holds the figures per unit (and key); the totals are their sums.
    """
    inner = [(k, v) for k, v in raw.items() if k[0] is not None and (k[1] is not None or not keyed)]
    sums: dict[Key, Raw] = defaultdict(lambda: dict.fromkeys(names, 0))
    for (unit, code), values in inner:
        targets: list[Key] = [(None, code)]
        if keyed:
            targets.append((unit, None))
            targets.append((None, None))
        for target in targets:
            for n in names:
                sums[target][n] += values[n]
    for key, values in sums.items():
        raw.setdefault(key, values)


def table_keys(units: Sequence[int], categories: Sequence[Category] | None) -> list[Key]:
    """Return every key of a table: each unit and the total, by each category and the total."""
    codes: list[str | None] = [None]
    if categories is not None:
        codes += [code for code, _ in categories]
    return [(u, c) for u in (*units, None) for c in codes]


# --- the kinds of measure ------------------------------------------------------------------------


class RowCount(AggregateMeasure):
    """The number of rows (``count``)."""

    def aggregates(self, condition: Q | None) -> dict[str, Aggregate]:
        return {"n": Count("pk", filter=condition)}

    def cell(self, raw: Raw) -> Cell:
        n = int(raw["n"])
        return Cell(value=n, numerator=n, size=n)


class DistinctCount(AggregateMeasure):
    """The number of distinct values of ``field`` (e.g. children); not additive."""

    additive = False

    def __init__(self, source: Source, field_name: str, **kwargs: Any):
        super().__init__(source, **kwargs)
        self.field_name = field_name

    def aggregates(self, condition: Q | None) -> dict[str, Aggregate]:
        return {"n": Count(self.field_name, distinct=True, filter=condition)}

    def cell(self, raw: Raw) -> Cell:
        n = int(raw["n"])
        return Cell(value=n, numerator=n, size=n)


class Share(AggregateMeasure):
    """Rows meeting ``numerator`` / all rows.

    ``of_whole``: with a multi-valued breakdown, the denominator of every category is all rows
    (the share of late investigations that gave a reason), not the rows of that category.
    """

    def __init__(
        self,
        source: Source,
        numerator: Q | Expression,
        *,
        of_whole: bool = False,
        **kwargs: Any,
    ):
        super().__init__(source, **kwargs)
        self.numerator = numerator
        self.of_whole = of_whole

    def aggregates(self, condition: Q | None) -> dict[str, Aggregate]:
        return {
            "num": Count("pk", filter=_condition(self.numerator, condition)),
            "den": Count("pk", filter=condition),
        }

    def category_aggregates(self, condition: Q) -> dict[str, Aggregate]:
        if not self.of_whole:
            return self.aggregates(condition)
        return {
            "num": Count("pk", filter=_condition(self.numerator, condition)),
            "den": Count("pk"),
        }

    def cell(self, raw: Raw) -> Cell:
        num, den = int(raw["num"]), int(raw["den"])
        return Cell(
            value=num / den if den else None,
            numerator=num,
            denominator=den,
            size=den,
            is_share=True,
        )

    def table(self, ctx: Context, breakdown: Breakdown | None) -> Table:
        table = super().table(ctx, breakdown)
        if self.of_whole and breakdown is not None:
            # Each category is a share of all rows: the total column is only their count.
            for (_, code), cell in table.cells.items():
                cell.reported = code is not None
        return table


class Median(Measure):
    """The median of ``days`` (whole days) over the rows; the size is the number of rows."""

    def __init__(
        self,
        source: Source,
        days: Callable[[Span], Expression],
        restrict: dict[str, frozenset[str]] | None = None,
    ):
        self.source = source
        self.days = days
        self.restrict = restrict or {}

    def applies_to(self, breakdown: Breakdown) -> bool:
        return not breakdown.multi_valued and super().applies_to(breakdown)

    def table(self, ctx: Context, breakdown: Breakdown | None) -> Table:
        qs = self.source.queryset(ctx.span, ctx.municipality_id).annotate(_days=self.days(ctx.span))
        categories = self.categories(breakdown) if breakdown else None
        groupings: list[tuple[str, ...]] = [("_unit",), ()]
        if breakdown is not None:
            qs = qs.annotate(_key=breakdown.key(self.source, ctx.span))
            groupings = [("_unit", "_key"), ("_unit",), ("_key",), ()]
        middles: dict[Key, list[int]] = defaultdict(list)
        sizes: dict[Key, int] = {}
        for groupby in groupings:
            for row in _middle_rows(qs, groupby):
                key = (row.get("_unit"), row.get("_key"))
                middles[key].append(row["_days"])
                sizes[key] = row["_n"]
        return _median_table(ctx, middles, sizes, categories)

    def tables(self, ctxs: Sequence[Context], breakdown: Breakdown | None) -> list[Table]:
        """Return the medians of the periods, partitioned by period in the same two statements
        when there is no breakdown and ``periods_grouped`` allows it."""
        period = None
        if breakdown is None and type(self).table is Median.table:
            period = periods_grouped(self.source, ctxs, self.days)
        if period is None:
            return super().tables(ctxs, breakdown)
        qs = grouped_queryset(self.source, ctxs, period)
        qs = qs.annotate(_days=self.days(ctxs[0].span))
        middles: list[dict[Key, list[int]]] = [defaultdict(list) for _ in ctxs]
        sizes: list[dict[Key, int]] = [{} for _ in ctxs]
        for groupby in [("_p", "_unit"), ("_p",)]:
            for row in _middle_rows(qs, groupby):
                key = (row.get("_unit"), None)
                middles[row["_p"]][key].append(row["_days"])
                sizes[row["_p"]][key] = row["_n"]
        return [
            _median_table(ctx, m, n, None) for ctx, m, n in zip(ctxs, middles, sizes, strict=True)
        ]


def _median_table(
    ctx: Context,
    middles: dict[Key, list[int]],
    sizes: dict[Key, int],
    categories: tuple[Category, ...] | None,
) -> Table:
    cells = {}
    for key in table_keys(ctx.units, categories):
        values = middles.get(key)
        cells[key] = Cell(
            value=sum(values) / len(values) if values else None,
            denominator=sizes.get(key, 0),
            size=sizes.get(key, 0),
        )
    return Table(cells, ctx.units, categories)


def _middle_rows(qs: QuerySet, groupby: tuple[str, ...]) -> Iterable[dict[str, Any]]:
    """Return the one or two middle rows (by ``_days``) of each group, with the group's size."""
    partition = [F(g) for g in groupby] or None
    numbered = qs.annotate(
        _rn=Window(RowNumber(), partition_by=partition, order_by=[F("_days").asc(), F("pk").asc()]),
        _n=Window(Count("pk"), partition_by=partition),
    )
    middle = numbered.filter(_rn__gte=(F("_n") + 1) / 2, _rn__lte=(F("_n") + 2) / 2)
    return middle.values(*groupby, "_days", "_n").order_by()


#: The ``table`` methods that ``AggregateMeasure.tables`` may replace by one grouped statement
#: (a subclass with its own ``table`` computes each period with it).
_PLAIN_TABLES = frozenset({AggregateMeasure.table, Share.table})


def countable_together(measure: Measure) -> bool:
    """Return whether ``measure`` counts its periods as ``AggregateMeasure.tables`` does, one
    grouped statement, so that it can share that statement with others over the same source."""
    return (
        isinstance(measure, AggregateMeasure)
        and measure.additive
        and type(measure).tables is AggregateMeasure.tables
        and type(measure).table in _PLAIN_TABLES
    )


def tables_together(
    measures: Sequence[AggregateMeasure], ctxs: Sequence[Context]
) -> list[list[Table]] | None:
    """Return each measure's tables of the periods of ``ctxs`` (no breakdown), all counted in
    one statement: the measures' aggregates side by side over their one source, grouped by
    period and unit (periods that ``periods_grouped`` cannot group, one statement each). None
    when they cannot be (fewer than two, or another source); each then counts alone.

    The rows a measure counts are its source's in the period, whatever the other measures
    count, so each group holds what the measure's own statement would have given.
    """
    if len(measures) < 2:
        return None
    source = measures[0].source
    if any(m.source is not source or not countable_together(m) for m in measures):
        return None
    groupby: tuple[str, ...] = ("_p", "_unit")
    if len(ctxs) == 1:  # one period: the source's rows of it, by unit
        qs = source.queryset(ctxs[0].span, ctxs[0].municipality_id)
        groupby = ("_unit",)
    else:
        period = periods_grouped(source, ctxs)
        if period is None:  # periods that overlap: one statement each, the sums still together
            each = [tables_together(measures, [ctx]) for ctx in ctxs]
            return [[tables[i][0] for tables in each if tables] for i in range(len(measures))]
        qs = grouped_queryset(source, ctxs, period)
    names = [list(m.aggregates(None)) for m in measures]
    aggregates = {
        f"_m{i}_{name}": aggregate
        for i, m in enumerate(measures)
        for name, aggregate in m.aggregates(None).items()
    }
    raw: list[list[dict[Key, Raw]]] = [[{} for _ in ctxs] for _ in measures]
    for row in grouped(qs, groupby, aggregates):
        p = row.get("_p", 0)
        if p is None:
            continue
        for i, its in enumerate(names):
            raw[i][p][(row.get("_unit"), None)] = {n: row[f"_m{i}_{n}"] or 0 for n in its}
    return [
        [
            m._table_of(ctx, part, names[i], None, None)
            for ctx, part in zip(ctxs, raw[i], strict=True)
        ]
        for i, m in enumerate(measures)
    ]
