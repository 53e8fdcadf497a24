"""What an indicator counts: the rows of one model, restricted to a municipality and a period.

A ``Source`` names the model, the path from it to its case (for the unit, the child and the
report), and the *counting date* that places a row in a period (docs/spec/indicators.md). A snapshot
source instead takes the rows that were open on the period's last day (or today, while the
period runs). ``Span`` is the period as the database sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.db.models import DateField, Expression, F, Model, Q, QuerySet, Value

from skyddsnat.indicators.expressions import local_date
from skyddsnat.indicators.periods import Period
from skyddsnat.rules import STOCKHOLM


@dataclass(frozen=True)
class Span:
    """A period and the day it is looked at from (for snapshots: never later than today)."""

    period: Period
    today: date

    @property
    def start(self) -> date:
        return self.period.start

    @property
    def end(self) -> date:
        return self.period.end

    @property
    def snapshot_day(self) -> date:
        """Return the day a snapshot is taken: the period's last day, or today if earlier."""
        return min(self.period.end, self.today)

    @property
    def start_at(self) -> datetime:
        """Return the first moment of the period in Swedish local time."""
        return datetime.combine(self.start, time.min, tzinfo=STOCKHOLM)

    @property
    def end_before(self) -> datetime:
        """Return the first moment after the period in Swedish local time."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=STOCKHOLM)


Filter = Q | Callable[[Span], Q]
Annotations = Callable[[Span], dict[str, Expression]]


def _no_annotations(span: Span) -> dict[str, Expression]:
    return {}


@dataclass(frozen=True)
class Source:
    """The rows of ``model`` that an indicator counts.

    ``case`` is the path prefix from the model to its case (``""`` for ``Case`` itself,
    ``"case__"``); ``intervention``, ``investigation`` and ``trigger`` likewise, where they
    exist. ``date`` is the counting-date field; ``is_datetime`` marks a date-time column, whose
    Swedish local date counts. ``open_from``/``open_until`` make a snapshot source instead: the
    rows open on the snapshot day. ``where`` and ``annotations`` may depend on the span.
    ``via_report`` marks a source whose rows are read with their case's report anyway (its
    counting date or its restriction is on the report): the report's own municipality is then
    named too (decision 0049).
    """

    model: type[Model]
    case: str
    date: str = ""
    is_datetime: bool = False
    open_from: str = ""
    open_until: str = ""
    where: Filter = field(default_factory=Q)
    annotations: Annotations = _no_annotations
    intervention: str | None = None
    investigation: str | None = None
    trigger: str | None = None
    via_report: bool = False

    def __post_init__(self) -> None:
        if bool(self.date) == bool(self.open_from):
            raise ValueError("A source has either a counting date or an open interval.")

    def filtered(self, where: Filter) -> Source:
        """Return this source with ``where`` added to its restriction."""
        before = self.where

        def both(span: Span) -> Q:
            return _resolve(before, span) & _resolve(where, span)

        return replace(self, where=both)

    def annotated(self, annotations: Annotations) -> Source:
        """Return this source with more annotations (evaluated before ``where``)."""
        before = self.annotations

        def both(span: Span) -> dict[str, Expression]:
            return {**before(span), **annotations(span)}

        return replace(self, annotations=both)

    def counting_date(self, span: Span) -> Expression:
        """Return the expression of the counting date (the snapshot day for a snapshot)."""
        if self.open_from:
            return Value(span.snapshot_day, output_field=DateField())
        return local_date(self.date) if self.is_datetime else F(self.date)

    def in_period(self, span: Span) -> Q:
        """Return the condition that places a row in the span."""
        if self.open_from:
            day = span.snapshot_day
            return Q(**{f"{self.open_from}__lte": day}) & (
                Q(**{f"{self.open_until}__isnull": True}) | Q(**{f"{self.open_until}__gt": day})
            )
        if self.is_datetime:
            return Q(**{f"{self.date}__gte": span.start_at, f"{self.date}__lt": span.end_before})
        return Q(**{f"{self.date}__range": (span.start, span.end)})

    def of_municipality(self, municipality_id: int) -> dict[str, int]:
        """Return the lookups that keep the municipality's rows.

        The case's municipality decides. A case's report is always of the case's municipality
        (``intake.services.register_report`` writes both from the registering user's, and
        neither is ever changed): where the report is read anyway, its municipality is named
        too, so that PostgreSQL reads only the municipality's reports, through the index on
        (municipality, received_at), instead of every report in the database (decision 0049).
        """
        lookups = {f"{self.case}municipality_id": municipality_id}
        if self.via_report:
            lookups[f"{self.case}report__municipality_id"] = municipality_id
        return lookups

    def queryset(self, span: Span, municipality_id: int) -> QuerySet:
        """Return the rows of the municipality in the span, with ``_unit`` annotated."""
        qs = self.model._default_manager.filter(**self.of_municipality(municipality_id)).filter(
            self.in_period(span)
        )
        annotations = self.annotations(span)
        if annotations:
            qs = qs.annotate(**annotations)
        return qs.filter(_resolve(self.where, span)).annotate(_unit=F(f"{self.case}unit_id"))


def _resolve(where: Filter, span: Span) -> Q:
    return where(span) if callable(where) else where


def ref(prefix: str) -> str:
    """Return the field that holds the primary key of the object at ``prefix`` (for OuterRef)."""
    return prefix.removesuffix("__") or "pk"
