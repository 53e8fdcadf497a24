"""The concern chronology (*orosanmälningar över tid*) of a child, with pattern flags.

Every report about the child in time order, whatever became of it (docs/spec/process.md section 4).
The flags are rules of the domain, defined once here with their Swedish explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from skyddsnat.cases.models import Case
from skyddsnat.people.models import Child


@dataclass(frozen=True)
class ChronologyEntry:
    case_id: int
    report_id: int
    received_at: datetime
    reporter_category: str
    reporter_category_label: str
    reasons: tuple[str, ...]
    outcome: str  # preliminary outcome, or "pending"
    outcome_label: str


@dataclass(frozen=True)
class Flag:
    code: str
    text: str


@dataclass(frozen=True)
class PatternRule:
    """A pattern in a child's reports that intake should see: N or more within a window."""

    code: str
    window_months: int
    threshold: int
    distinct_sources: bool
    text: str

    def matches(self, entries: Sequence[ChronologyEntry], as_of: date) -> bool:
        start = as_of - relativedelta(months=self.window_months)
        recent = [e for e in entries if start < timezone.localdate(e.received_at) <= as_of]
        if self.distinct_sources:
            return len({e.reporter_category for e in recent}) >= self.threshold
        return len(recent) >= self.threshold


PATTERN_RULES: tuple[PatternRule, ...] = (
    PatternRule(
        code="three_reports_12_months",
        window_months=12,
        threshold=3,
        distinct_sources=False,
        text="Tre eller fler anmälningar om barnet de senaste 12 månaderna.",
    ),
    PatternRule(
        code="two_sources_6_months",
        window_months=6,
        threshold=2,
        distinct_sources=True,
        text="Anmälningar från två eller fler olika håll de senaste 6 månaderna.",
    ),
)


def chronology(child: Child) -> list[ChronologyEntry]:
    """Return every report about ``child`` in time order (oldest first)."""
    cases = (
        Case.objects.filter(child=child)
        .select_related("report", "preliminary_assessment")
        .prefetch_related("report__reasons")
        .order_by("report__received_at", "pk")
    )
    entries = []
    for case in cases:
        prelim = getattr(case, "preliminary_assessment", None)
        entries.append(
            ChronologyEntry(
                case_id=case.pk,
                report_id=case.report_id,
                received_at=case.report.received_at,
                reporter_category=case.report.reporter_category,
                reporter_category_label=str(case.report.get_reporter_category_display()),
                reasons=tuple(r.reason for r in case.report.reasons.all()),
                outcome=prelim.outcome if prelim else "pending",
                outcome_label=str(prelim.get_outcome_display()) if prelim else "Ej beslutad",
            )
        )
    return entries


def flags(entries: Sequence[ChronologyEntry], as_of: date) -> list[Flag]:
    """Return the pattern flags that hold on ``as_of``."""
    return [Flag(rule.code, rule.text) for rule in PATTERN_RULES if rule.matches(entries, as_of)]
