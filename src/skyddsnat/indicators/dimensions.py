"""The breakdowns as the database sees them: the categories, and each row's category.

A single-valued breakdown gives every row one key (the child's sex, the age group on the counting
date, the reporter category); the rows are grouped by it. A multi-valued breakdown (the reasons
of a report, the delay reasons of an investigation) gives a condition per category; a row counts
under each category it has. The unit is not here: every table has one row per unit (see
``measures``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Exists, Expression, F, OuterRef, TextChoices

from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.expressions import age_group
from skyddsnat.indicators.sources import Source, Span, ref
from skyddsnat.intake.choices import AdultTriggerKind, Reason, ReporterCategory
from skyddsnat.intake.models import ReportReason
from skyddsnat.interventions.choices import Basis, Kind
from skyddsnat.investigations.choices import DelayReason
from skyddsnat.investigations.models import DelayReasonEntry
from skyddsnat.people.models import Sex
from skyddsnat.rules import RULES

Category = tuple[str, str]


def _choices(choices: type[TextChoices]) -> tuple[Category, ...]:
    return tuple((str(value), str(label)) for value, label in choices.choices)


def _path(source: Source, prefix_name: str, field: str) -> str:
    prefix = getattr(source, prefix_name)
    if prefix is None:
        raise LookupError(f"{source.model.__name__} has no {prefix_name}")
    return f"{prefix}{field}"


@dataclass(frozen=True)
class Breakdown:
    """A breakdown of one dimension of ``definitions.DIMENSIONS``.

    ``prefix`` names the source path it reads through (``case``, ``intervention``,
    ``investigation`` or ``trigger``); a source without that path cannot be split by it.
    """

    id: str
    categories: tuple[Category, ...]
    prefix: str = "case"
    multi_valued: bool = False

    def applies_to(self, source: Source) -> bool:
        """Return True if rows of ``source`` can be split by this breakdown."""
        return getattr(source, self.prefix) is not None

    def path(self, source: Source, field: str) -> str:
        """Return the path from the source's model to ``field`` of the object at ``prefix``."""
        prefix = getattr(source, self.prefix)
        if prefix is None:
            raise LookupError(f"{source.model.__name__} has no path to {self.prefix}")
        return f"{prefix}{field}"

    def key(self, source: Source, span: Span) -> Expression:
        """Return the expression of a row's category (single-valued breakdowns)."""
        raise NotImplementedError

    def condition(self, source: Source, code: str) -> Expression:
        """Return the condition that a row counts under ``code`` (multi-valued breakdowns)."""
        raise NotImplementedError


@dataclass(frozen=True)
class FieldBreakdown(Breakdown):
    """A breakdown by a code field of the object at ``prefix``."""

    field: str = ""

    def key(self, source: Source, span: Span) -> Expression:
        return F(self.path(source, self.field))


@dataclass(frozen=True)
class AgeBreakdown(Breakdown):
    """The child's age group on the counting date."""

    def key(self, source: Source, span: Span) -> Expression:
        return age_group(self.path(source, "child__birth_date"), source.counting_date(span))


@dataclass(frozen=True)
class ExistsBreakdown(Breakdown):
    """A multi-valued breakdown: a row counts under each category a related row has.

    ``outer`` is the field (after ``prefix``) the related rows point at; empty: the object at
    ``prefix`` itself.
    """

    outer: str = ""
    condition_of: Callable[[OuterRef, str], Exists] | None = None

    def condition(self, source: Source, code: str) -> Expression:
        assert self.condition_of is not None
        outer = self.path(source, self.outer) if self.outer else ref(self.path(source, ""))
        return self.condition_of(OuterRef(outer), code)


@dataclass(frozen=True)
class ObligationKindBreakdown(Breakdown):
    """The kind of time limit: obligations come from the rules engine, not from a table's rows.

    No source of rows can be split by it; ``obligations.ObligationMeasure`` splits its own.
    """

    def applies_to(self, source: Source) -> bool:
        return False


#: The kinds of time limit in the order of docs/spec/process.md, with the name of the version in
#: force.
OBLIGATION_KINDS: tuple[Category, ...] = tuple(
    (kind, RULES.for_kind(kind)[-1].title_sv) for kind in RULES.kinds
)


BREAKDOWNS: dict[str, Breakdown] = {
    b.id: b
    for b in (
        FieldBreakdown(d.SEX, _choices(Sex), field="child__sex"),
        AgeBreakdown(
            d.AGE_GROUP,
            tuple((g.code, g.label) for g in (*d.AGE_GROUPS, d.AGE_UNKNOWN)),
        ),
        FieldBreakdown(
            d.REPORTER_CATEGORY, _choices(ReporterCategory), field="report__reporter_category"
        ),
        ExistsBreakdown(
            d.REASON_CATEGORY,
            _choices(Reason),
            multi_valued=True,
            outer="report_id",
            condition_of=lambda outer, code: Exists(
                ReportReason.objects.filter(report_id=outer, reason=code)
            ),
        ),
        FieldBreakdown(d.INTERVENTION_KIND, _choices(Kind), prefix="intervention", field="kind"),
        FieldBreakdown(d.LEGAL_BASIS, _choices(Basis), prefix="intervention", field="basis"),
        ExistsBreakdown(
            d.DELAY_REASON,
            _choices(DelayReason),
            multi_valued=True,
            prefix="investigation",
            condition_of=lambda outer, code: Exists(
                DelayReasonEntry.objects.filter(investigation_id=outer, reason=code)
            ),
        ),
        FieldBreakdown(d.TRIGGER_KIND, _choices(AdultTriggerKind), prefix="trigger", field="kind"),
        ObligationKindBreakdown(d.OBLIGATION_KIND, OBLIGATION_KINDS, prefix="obligation"),
    )
}


def breakdown(dimension: str | None) -> Breakdown | None:
    """Return the breakdown of ``dimension`` (None for no breakdown, or for the unit)."""
    if dimension is None or dimension == d.UNIT:
        return None
    return BREAKDOWNS[dimension]


def restrict(categories: Sequence[Category], codes: frozenset[str] | None) -> tuple[Category, ...]:
    """Return the categories whose code is in ``codes`` (all when ``codes`` is None)."""
    return tuple(c for c in categories if codes is None or c[0] in codes)
