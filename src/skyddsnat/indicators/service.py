"""Compute indicator values for one caller: their municipality, their rights, their units.

``compute_indicators`` is the one entry point (the API and, later, the dashboards call it):

- Only the caller's municipality is ever counted.
- Roles: ``manager``, ``analyst`` and ``committee`` may see indicators (docs/spec/security.md:
  managers see unit dashboards, analysts indicators, the committee aggregate reports).
  Caseworkers and intake read cases, not statistics; the admin has no access to case data. The
  policy module decides it (``accounts.policy.can_view_indicators``).
- Small numbers: a figure is shown unmasked only to a member of the unit that owns it (a
  manager of the unit; ``accounts.policy.indicator_owned_units``). Analysts and the committee
  always get small numbers masked, and so does a manager for other units and for the
  municipality's totals. The masking is computed on the whole table (units × categories),
  whichever slice is asked for, so that asking for one unit, for all units or for the total
  hides the same figures (``masking.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.db import transaction
from django.utils.translation import get_language

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import Unit, User
from skyddsnat.accounts.policy import can_view_indicators as can_view_indicators
from skyddsnat.errors import Forbidden, InvalidInput, NotFound
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators import kept, obligations
from skyddsnat.indicators.catalogue import COMPUTATIONS
from skyddsnat.indicators.dimensions import breakdown as breakdown_of
from skyddsnat.indicators.masking import MASK_REASONS_SV, Figure, suppress
from skyddsnat.indicators.measures import (
    AggregateMeasure,
    Cell,
    Context,
    Key,
    Table,
    countable_together,
    tables_together,
)
from skyddsnat.indicators.periods import Period, PeriodError
from skyddsnat.indicators.sources import Span
from skyddsnat.jobs.queue import enqueue

# ``can_view_indicators`` is re-exported above only for code that still imports it from here
# (work in progress elsewhere); the rule is the policy module's. Import it from
# ``skyddsnat.accounts.policy``; drop the re-export once nothing imports it from here.

_DECIMALS = {
    d.Measure.SHARE: 4,
    d.Measure.PER_1000: 2,
    d.Measure.DAYS: 1,
    d.Measure.MEAN: 2,
    d.Measure.COUNT: 0,
}


@dataclass(frozen=True)
class IndicatorValue:
    """One figure of one indicator, as the caller may see it.

    ``breakdown`` is the dimension the figure belongs to (None: the total) and
    ``breakdown_key`` its category (a unit id as text for the unit). A share's ``value`` is a
    fraction from 0 to 1. When ``masked``, the numbers are None and ``mask_reason`` says why.
    """

    id: str
    name: str
    unit: str
    direction: str
    value: float | None
    numerator: float | None
    denominator: float | None
    masked: bool = False
    mask_reason: str = ""
    breakdown: str | None = None
    breakdown_key: str | None = None
    breakdown_label: str = ""
    available: bool = True
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def parse_period(period: Period | str | None) -> Period:
    """Return the period; the current year when None; ``InvalidInput`` for a bad text."""
    if isinstance(period, Period):
        return period
    if period is None or period == "":
        return Period.calendar_year(clock.today().year)
    try:
        return Period.parse(period)
    except PeriodError as exc:
        raise InvalidInput.field("period", str(exc)) from exc


def compute_indicators(
    *,
    acting_user: User,
    period: Period | str | None,
    unit_id: int | None = None,
    breakdown: str | None = None,
    ids: Sequence[str] | None = None,
    memo: dict[str, Any] | None = None,
) -> list[IndicatorValue]:
    """Return the values of the indicators ``ids`` (default: all) for the caller's municipality.

    ``unit_id`` restricts the figures to one unit; ``breakdown`` splits them by a dimension of
    ``definitions.DIMENSIONS``. An indicator that cannot be split by it gives its total (or its
    own default breakdown) and says so in ``note``. Calls for several periods may pass the same
    ``memo`` (a dict, fresh for each page or request) to share work that does not depend on
    the period (the obligations evaluated by the rules engine). Raise ``Forbidden`` for a role without
    access, ``NotFound`` for a unit outside the municipality, ``InvalidInput`` for a bad period,
    breakdown or id.
    """
    if not policy.can_view_indicators(acting_user):
        raise Forbidden("Du har inte behörighet att se indikatorer.")
    _indicators(ids)
    the_period = parse_period(period)
    trend = compute_trend(
        acting_user=acting_user,
        periods=[the_period],
        unit_id=unit_id,
        breakdown=breakdown,
        ids=ids,
        memo=memo,
    )
    return trend[the_period]


def compute_trend(
    *,
    acting_user: User,
    periods: Sequence[Period],
    unit_id: int | None = None,
    breakdown: str | None = None,
    ids: Sequence[str] | None = None,
    memo: dict[str, Any] | None = None,
) -> dict[Period, list[IndicatorValue]]:
    """Return ``compute_indicators`` for each of ``periods`` (the trend of a chart), the same
    values, computed together: an indicator that is an SQL aggregate counts every period in one
    statement grouped by period where it can (``measures.periods_grouped``), and the time limits
    are evaluated once for all periods (a memo without ``obligations.window``'s bounds gets
    them). A period given twice is computed once. Always as the municipality's data stands now.
    """
    return _trend(acting_user, periods, unit_id, breakdown, ids, memo, stale_ok=False).values


@dataclass(frozen=True)
class Trend:
    """``compute_trend``'s values as Uppföljning shows them (``page_trend``, decision 0054).

    ``counted_at`` is set when the figures are those of tables counted earlier today, before the
    latest changes in the municipality, which the worker is counting again: the time the oldest
    of them was counted (None when unknown, as for a table kept by an earlier release).
    """

    values: dict[Period, list[IndicatorValue]]
    stale: bool = False
    counted_at: datetime | None = None


def page_trend(
    *,
    acting_user: User,
    periods: Sequence[Period],
    unit_id: int | None = None,
    breakdown: str | None = None,
    memo: dict[str, Any] | None = None,
) -> Trend:
    """Return ``compute_trend``'s values for a page that may show the tables kept earlier today
    while the worker counts them again (decision 0054).

    When every table asked for is kept today, some counted before a later change in the
    municipality, those are returned as they are, marked stale, and a count of them is queued
    for the worker (once per change, however many open the page meanwhile); a table never kept
    today is counted here, with the rest that are stale, as ``compute_trend`` does. The
    exports, the API and the reports call ``compute_trend``: their figures are always current.
    """
    return _trend(acting_user, periods, unit_id, breakdown, None, memo, stale_ok=True)


def _trend(
    acting_user: User,
    periods: Sequence[Period],
    unit_id: int | None,
    breakdown: str | None,
    ids: Sequence[str] | None,
    memo: dict[str, Any] | None,
    *,
    stale_ok: bool,
) -> Trend:
    if not policy.can_view_indicators(acting_user):
        raise Forbidden("Du har inte behörighet att se indikatorer.")
    periods = list(dict.fromkeys(periods))
    chosen = _indicators(ids)
    if breakdown is not None and breakdown not in d.DIMENSIONS:
        names = ", ".join(d.DIMENSIONS)
        raise InvalidInput.field("breakdown", f"Okänd uppdelning. Välj en av: {names}.")
    units = units_of(acting_user.municipality_id)
    if unit_id is not None and unit_id not in units:
        raise NotFound("Enheten finns inte.")
    kept_tables = _tables(
        acting_user.municipality_id, tuple(units), periods, chosen, breakdown, memo, stale_ok
    )
    owned = policy.indicator_owned_units(acting_user)
    values: dict[Period, list[IndicatorValue]] = {period: [] for period in periods}
    for indicator in chosen:
        if not indicator.available:
            for period in periods:
                values[period].append(_unavailable(indicator))
            continue
        dimension = indicator.breakdown_for(breakdown)
        note = ""
        if breakdown is not None and dimension != breakdown:
            note = f"Kan inte delas upp efter {d.DIMENSIONS[breakdown].name.lower()}."
        for period, table in zip(periods, kept_tables.tables[indicator.id], strict=True):
            values[period] += _values(indicator, table, units, owned, unit_id, dimension, note)
    return Trend(values, kept_tables.stale, kept_tables.counted_at)


def units_of(municipality_id: int) -> dict[int, str]:
    """Return the municipality's units (id: name) in the order the tables list them, which the
    memo key of a kept table depends on (``kept.key``)."""
    return dict(
        Unit.objects.filter(municipality_id=municipality_id)
        .order_by("name", "pk")
        .values_list("pk", "name")
    )


def keep_tables(municipality_id: int, periods: Sequence[Period]) -> int:
    """Count and keep every indicator's table for ``periods`` without a breakdown (the
    follow-up page as it opens), as the morning job does before anyone asks (decision 0053);
    return how many tables were counted (0: all were kept already)."""
    return count_tables(municipality_id, periods, None)


def count_tables(municipality_id: int, periods: Sequence[Period], breakdown: str | None) -> int:
    """Count and keep every indicator's table for ``periods`` split by ``breakdown`` that is not
    kept as the municipality's data stands now; return how many were counted. The count the
    follow-up page queues when it shows stale tables (decision 0054)."""
    units = tuple(units_of(municipality_id))
    periods = list(dict.fromkeys(periods))
    memo = obligations.window(periods) if len(periods) > 1 else None
    return _tables(
        municipality_id, units, periods, _indicators(None), breakdown, memo, False
    ).counted


@dataclass(frozen=True)
class _Kept:
    #: Each available indicator's tables, by indicator id, in the order of the periods.
    tables: dict[str, list[Table]]
    #: How many were counted (not read kept).
    counted: int
    stale: bool = False
    counted_at: datetime | None = None


def _tables(
    municipality_id: int,
    units: tuple[int, ...],
    periods: list[Period],
    chosen: list[d.Indicator],
    breakdown: str | None,
    memo: dict[str, Any] | None,
    stale_ok: bool,
) -> _Kept:
    """Return each available indicator's tables for ``periods`` before masking: those kept read
    back, the others counted and kept (decision 0053); with ``stale_ok``, the tables kept today
    before a later change as they are, when all are kept, and their count queued (0054)."""
    shared = {} if memo is None else memo
    if len(periods) > 1:
        shared.setdefault(obligations.WINDOW, obligations.window(periods)[obligations.WINDOW])
    today = clock.today()
    ctxs = [
        Context(municipality_id=municipality_id, units=units, span=Span(period, today), memo=shared)
        for period in periods
    ]
    available = [i for i in chosen if i.available]
    keys = {
        indicator.id: [
            kept.key(indicator.id, ctx, indicator.breakdown_for(breakdown)) for ctx in ctxs
        ]
        for indicator in available
    }
    store = kept.Store(municipality_id, today, stale_ok=stale_ok)
    every_key = [k for ks in keys.values() for k in ks]
    store.load(every_key)
    stale = stale_ok and store.show_stale(every_key)
    if stale:
        with transaction.atomic():  # the mark and the job queued together, or neither
            if store.queue_count():
                _queue_count(municipality_id, periods, breakdown)
    if breakdown is None:
        _count_together(store, keys, ctxs, available)
    found: dict[str, list[Table]] = {}
    for indicator in available:
        computation = COMPUTATIONS[indicator.id]
        dimension = indicator.breakdown_for(breakdown)
        found[indicator.id] = store.tables(
            keys[indicator.id],
            ctxs,
            lambda some, c=computation, dim=dimension: c.tables(some, breakdown_of(dim)),
        )
    counted = store.counted
    store.save()
    return _Kept(found, counted, stale, store.shown_counted_at if stale else None)


def _queue_count(municipality_id: int, periods: Sequence[Period], breakdown: str | None) -> None:
    """Queue the count of the stale tables shown for the worker
    (``indicators.jobs.count_followup_tables``); in the transaction that marks them queued, as
    the queue is a table of the same database."""
    enqueue(
        "skyddsnat.indicators.jobs.count_followup_tables",
        municipality_id,
        [p.code for p in periods],
        breakdown,
        get_language() or "",
        name=f"Uppföljningens tabeller, kommun {municipality_id}",
    )


def _count_together(
    store: kept.Store,
    keys: dict[str, list[str]],
    ctxs: list[Context],
    indicators: list[d.Indicator],
) -> None:
    """Count the indicators that are sums over the same source, none of whose tables is kept, in
    one statement per source (``measures.tables_together``), for ``store`` to keep."""
    by_source: dict[int, list[d.Indicator]] = {}
    for indicator in indicators:
        computation = COMPUTATIONS[indicator.id]
        if (
            indicator.breakdown_for(None) is None
            and countable_together(computation)
            and store.none_kept(keys[indicator.id])
        ):
            by_source.setdefault(id(computation.source), []).append(indicator)
    for group in by_source.values():
        measures = [cast(AggregateMeasure, COMPUTATIONS[i.id]) for i in group]
        counted = tables_together(measures, ctxs)
        if counted is not None:
            for indicator, tables in zip(group, counted, strict=True):
                store.add(keys[indicator.id], tables)


def totals(values: Iterable[IndicatorValue]) -> dict[str, IndicatorValue]:
    """Return each indicator's figure for the whole municipality (or the unit asked for)."""
    found: dict[str, IndicatorValue] = {}
    for value in values:
        if value.breakdown_key is None and value.id not in found:
            found[value.id] = value
    return found


def _indicators(ids: Sequence[str] | None) -> list[d.Indicator]:
    if not ids:
        return list(d.INDICATORS)
    unknown = [i for i in ids if i not in d.INDICATORS]
    if unknown:
        raise InvalidInput.field("id", f"Okänd indikator: {', '.join(unknown)}.")
    return [d.INDICATORS.get(i) for i in dict.fromkeys(ids)]


def _unavailable(indicator: d.Indicator) -> IndicatorValue:
    return IndicatorValue(
        id=indicator.id,
        name=indicator.name,
        unit=indicator.unit.value,
        direction=indicator.direction.value,
        value=None,
        numerator=None,
        denominator=None,
        available=False,
        note=indicator.note,
    )


def _values(
    indicator: d.Indicator,
    table: Table,
    units: dict[int, str],
    owned: frozenset[int],
    unit_id: int | None,
    dimension: str | None,
    note: str,
) -> list[IndicatorValue]:
    hidden = suppress(_figures(table, owned), table.lines())
    labels = dict(table.categories or ())
    values = []
    for key in _slice(table, unit_id, dimension):
        cell = table.cells[key]
        if not cell.reported:
            continue
        if key[1] is not None:
            dim, code, label = dimension, key[1], labels.get(key[1], key[1])
        elif key[0] is not None and unit_id is None:
            dim, code, label = d.UNIT, str(key[0]), units[key[0]]
        else:
            dim, code, label = None, None, ""
        values.append(_value(indicator, cell, hidden.get(key), dim, code, label, note))
    return values


def _figures(table: Table, owned: frozenset[int]) -> dict[Key, Figure]:
    """Return the table as the masking sees it, marking what the viewer may see anyway.

    A unit's figures are visible to its members. A municipality figure is visible when each of
    its unit parts is visible or zero: the viewer could add it up.
    """

    def visible(key: Key) -> bool:
        unit, code = key
        if unit is not None:
            return unit in owned
        return all(u in owned or table.cells[(u, code)].size == 0 for u in table.units)

    return {
        key: Figure(
            size=cell.size,
            numerator=int(cell.numerator) if cell.is_share and cell.numerator is not None else None,
            visible=visible(key),
        )
        for key, cell in table.cells.items()
    }


def _slice(table: Table, unit_id: int | None, dimension: str | None) -> Iterable[Key]:
    """Return the keys the caller asked for: the total first, then its parts."""
    codes = [code for code, _ in table.categories or ()]
    if unit_id is not None:
        return [(unit_id, None), *((unit_id, c) for c in codes)]
    if dimension == d.UNIT:
        return [(None, None), *((u, None) for u in table.units)]
    return [(None, None), *((None, c) for c in codes)]


def _value(
    indicator: d.Indicator,
    cell: Cell,
    hidden: str | None,
    dimension: str | None,
    code: str | None,
    label: str,
    note: str,
) -> IndicatorValue:
    digits = _DECIMALS[indicator.unit]
    masked = hidden is not None
    return IndicatorValue(
        id=indicator.id,
        name=indicator.name,
        unit=indicator.unit.value,
        direction=indicator.direction.value,
        value=None if masked else _round(cell.value, digits),
        numerator=None if masked else _round(cell.numerator, 2),
        denominator=None if masked else _round(cell.denominator, 2),
        masked=masked,
        mask_reason=MASK_REASONS_SV[hidden] if hidden else "",
        breakdown=dimension,
        breakdown_key=code,
        breakdown_label=label,
        note=" ".join(n for n in (cell.note, note) if n),
        extra={} if masked else dict(cell.extra),
    )


def _round(number: float | None, digits: int) -> float | None:
    if number is None:
        return None
    rounded = round(number, digits)
    return int(rounded) if digits == 0 or float(rounded).is_integer() else rounded
