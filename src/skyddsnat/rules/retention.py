"""Retention (*gallring*): how long a child's case file is kept, as versioned data.

The social services must dispose of the notes in a person's file (*personakt*) five years after
the last entry in it (16 kap. 1 § SoL (2025:400); 12 kap. 1 § SoL (2001:453) before), except
documents the law keeps: those of a placement outside the home (16 kap. 2 §), and, since
2026-01-15, those of an investigation of a child's need of protection or support until the
child has turned thirty (16 kap. 2 a § första stycket, SFS 2025:1501). The documents of a
report that led to no investigation are disposed of after five years (16 kap. 2 a § andra
stycket): the law's period, not a setting. Files the law names no period for are kept unless
the municipality's document management plan (*informationshanteringsplan*, ``RetentionPlan``)
says otherwise. The research sample (16 kap. 4 §) is kept whatever the rule (``ResearchSample``).

A file is judged by the version of the law in force on the day disposal runs (``as_of``): the
duty to dispose is a duty of that day. What the transitional provisions of SFS 2025:1501 say
about files whose five years ran out before 2026-01-15 is listed in docs/legal-open-questions.md.

This module imports nothing from Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from .calendar import Period, format_date

#: The kinds of case file, from the most protected: a file is of the first kind that fits.
PLACEMENT = "placement"
INVESTIGATION = "investigation"
REPORT_NOT_INVESTIGATED = "report_not_investigated"
OTHER = "other"
KINDS = (PLACEMENT, INVESTIGATION, REPORT_NOT_INVESTIGATED, OTHER)

SOL_2001 = date(2002, 1, 1)
SOL_2025 = date(2025, 7, 1)
KEPT_UNTIL_THIRTY = date(2026, 1, 15)  # 16 kap. 2 a § SoL (2025:400) (SFS 2025:1501)


@dataclass(frozen=True)
class RetentionRule:
    """One version of the law's retention of one kind of case file.

    ``years_after_last_entry`` is the period after the last entry in the child's file after
    which the file is disposed of; ``None`` means the law disposes of nothing (``by_plan``: the
    municipality's plan may; otherwise it is kept). ``not_before_age`` keeps the file at least
    until the child has reached that age. ``valid_to`` is exclusive, as in ``Rule``.
    """

    id: str
    kind: str
    title_sv: str
    legal_reference: str
    valid_from: date
    valid_to: date | None
    years_after_last_entry: int | None
    not_before_age: int | None = None
    by_plan: bool = False
    note_sv: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.id}: unknown kind {self.kind!r}.")
        if self.valid_to is not None and self.valid_to <= self.valid_from:
            raise ValueError(f"{self.id}: valid_to must come after valid_from.")
        if self.by_plan and self.years_after_last_entry is not None:
            raise ValueError(f"{self.id}: a rule left to the plan names no period of its own.")

    def in_force_on(self, d: date) -> bool:
        """Return True when this version applies on ``d`` (``valid_from <= d < valid_to``)."""
        return self.valid_from <= d and (self.valid_to is None or d < self.valid_to)

    def help_text(self) -> str:
        """Return a Swedish text that explains the rule."""
        if self.by_plan:
            parts = [
                f"{self.title_sv}: lagen anger ingen gallringsfrist; kommunens "
                "informationshanteringsplan avgör, och utan beslut i planen bevaras akten."
            ]
        elif self.years_after_last_entry is None:
            parts = [f"{self.title_sv}: får inte gallras; bevaras."]
        else:
            period = Period(self.years_after_last_entry, "years").sv()
            parts = [
                f"{self.title_sv}: gallras {period} efter den sista anteckningen i barnets akt"
            ]
            if self.not_before_age is not None:
                parts[0] += f", dock inte förrän barnet har fyllt {self.not_before_age} år"
            parts[0] += "."
        until = (
            f" till och med {format_date(date.fromordinal(self.valid_to.toordinal() - 1))}"
            if self.valid_to
            else ""
        )
        parts.append(f"Gäller gallring från och med {format_date(self.valid_from)}{until}.")
        parts.append(f"Lagrum: {self.legal_reference}.")
        if self.note_sv:
            parts.append(self.note_sv)
        return " ".join(parts)


@dataclass(frozen=True)
class RetentionPlan:
    """The municipality's document management plan (*informationshanteringsplan*) as data.

    ``years_after_last_entry`` maps a kind the law leaves to the plan (``RetentionRule.by_plan``)
    to its period in years; a kind not in it is kept (the safe default: disposal cannot be
    undone, keeping can be corrected). The plan never shortens or lengthens a period of the law.
    """

    years_after_last_entry: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ResearchSample:
    """What is kept for research and the archive whatever the rule (16 kap. 4 § SoL (2025:400)).

    In a representative sample of municipalities everything is kept (``keep_all``); elsewhere
    the files of a representative sample of people: those born on ``birth_days`` of a month.
    A child whose birth date is not known may belong to the sample and is kept.
    """

    keep_all: bool = False
    birth_days: frozenset[int] = frozenset({5, 15, 25})

    def keeps(self, birth_date: date | None) -> bool:
        """Return whether the file of a child born on ``birth_date`` is kept for research."""
        return self.keep_all or birth_date is None or birth_date.day in self.birth_days


@dataclass(frozen=True)
class FileFacts:
    """What retention depends on: the kind of one case file and the child's file as a whole.

    ``last_entry_on`` is the day of the last entry in the child's file (every case of the
    child in the municipality); ``birth_date`` the child's, if known.
    """

    kind: str
    last_entry_on: date
    birth_date: date | None


@dataclass(frozen=True)
class Verdict:
    """What retention says about one case file on one day."""

    rule: RetentionRule
    dispose: bool
    due_on: date | None
    reason_sv: str


_RULES: tuple[RetentionRule, ...] = (
    RetentionRule(
        id="placement/sol2001",
        kind=PLACEMENT,
        title_sv="Akt med placering utanför hemmet",
        legal_reference="12 kap. 2 § SoL (2001:453)",
        valid_from=SOL_2001,
        valid_to=SOL_2025,
        years_after_last_entry=None,
    ),
    RetentionRule(
        id="placement/sol2025",
        kind=PLACEMENT,
        title_sv="Akt med placering utanför hemmet",
        legal_reference="16 kap. 2 § första stycket 3 SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
        years_after_last_entry=None,
    ),
    RetentionRule(
        id="investigation/sol2001",
        kind=INVESTIGATION,
        title_sv="Akt med utredning av barns behov av skydd eller stöd",
        legal_reference="12 kap. 1 § SoL (2001:453)",
        valid_from=SOL_2001,
        valid_to=SOL_2025,
        years_after_last_entry=5,
    ),
    RetentionRule(
        id="investigation/sol2025",
        kind=INVESTIGATION,
        title_sv="Akt med utredning av barns behov av skydd eller stöd",
        legal_reference="16 kap. 1 § SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=KEPT_UNTIL_THIRTY,
        years_after_last_entry=5,
    ),
    RetentionRule(
        id="investigation/sol2025-30",
        kind=INVESTIGATION,
        title_sv="Akt med utredning av barns behov av skydd eller stöd",
        legal_reference="16 kap. 1 § och 2 a § första stycket SoL (2025:400), i lydelse enligt "
        "SFS 2025:1501",
        valid_from=KEPT_UNTIL_THIRTY,
        valid_to=None,
        years_after_last_entry=5,
        not_before_age=30,
        note_sv="Är barnets födelsedatum okänt bevaras akten.",
    ),
    RetentionRule(
        id="report_not_investigated/sol2001",
        kind=REPORT_NOT_INVESTIGATED,
        title_sv="Anmälan som inte ledde till utredning",
        legal_reference="12 kap. 1 § SoL (2001:453)",
        valid_from=SOL_2001,
        valid_to=SOL_2025,
        years_after_last_entry=5,
    ),
    RetentionRule(
        id="report_not_investigated/sol2025",
        kind=REPORT_NOT_INVESTIGATED,
        title_sv="Anmälan som inte ledde till utredning",
        legal_reference="16 kap. 1 § SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=KEPT_UNTIL_THIRTY,
        years_after_last_entry=5,
    ),
    RetentionRule(
        id="report_not_investigated/sol2025-2026",
        kind=REPORT_NOT_INVESTIGATED,
        title_sv="Anmälan som inte ledde till utredning",
        legal_reference="16 kap. 1 § och 2 a § andra stycket SoL (2025:400), i lydelse enligt "
        "SFS 2025:1501",
        valid_from=KEPT_UNTIL_THIRTY,
        valid_to=None,
        years_after_last_entry=5,
        note_sv="Fristen är lagens, inte kommunens inställning.",
    ),
    RetentionRule(
        id="other/plan",
        kind=OTHER,
        title_sv="Annan akt (t.ex. ärende överlämnat till annan kommun)",
        legal_reference="Kommunens informationshanteringsplan",
        valid_from=SOL_2001,
        valid_to=None,
        years_after_last_entry=None,
        by_plan=True,
    ),
)


def _check(rules: tuple[RetentionRule, ...]) -> tuple[RetentionRule, ...]:
    if len({rule.id for rule in rules}) != len(rules):
        raise ValueError("Retention rule ids must be unique.")
    for kind in KINDS:
        versions = sorted((r for r in rules if r.kind == kind), key=lambda r: r.valid_from)
        for earlier, later in pairwise(versions):
            if earlier.valid_to is None or earlier.valid_to > later.valid_from:
                raise ValueError(f"Retention versions of {kind} overlap: {earlier.id}.")
    return rules


RETENTION_RULES: tuple[RetentionRule, ...] = _check(_RULES)


def retention_rule(kind: str, on: date) -> RetentionRule:
    """Return the version of the retention of ``kind`` in force on ``on``."""
    for rule in RETENTION_RULES:
        if rule.kind == kind and rule.in_force_on(on):
            return rule
    raise LookupError(f"No retention rule for {kind} on {on}.")


def shortest_years(plan: RetentionPlan, on: date) -> int | None:
    """Return the shortest period in years after which any file may go on ``on``, or None."""
    years = [
        rule.years_after_last_entry
        for rule in RETENTION_RULES
        if rule.in_force_on(on) and rule.years_after_last_entry is not None
    ]
    years += [plan.years_after_last_entry[r.kind] for r in RETENTION_RULES if _planned(r, plan)]
    return min(years) if years else None


def _planned(rule: RetentionRule, plan: RetentionPlan) -> bool:
    return rule.by_plan and rule.kind in plan.years_after_last_entry


def assess(
    facts: FileFacts,
    as_of: date,
    plan: RetentionPlan | None = None,
    sample: ResearchSample | None = None,
) -> Verdict:
    """Return whether the case file described by ``facts`` is to be disposed of on ``as_of``."""
    plan = plan or RetentionPlan()
    sample = sample or ResearchSample()
    rule = retention_rule(facts.kind, as_of)
    years = rule.years_after_last_entry
    if rule.by_plan:
        years = plan.years_after_last_entry.get(rule.kind)
        if years is None:
            return Verdict(rule, False, None, "Bevaras: informationshanteringsplanen gallrar inte.")
    if years is None:
        return Verdict(rule, False, None, "Bevaras: får inte gallras enligt lag.")
    due = Period(years, "years").after(facts.last_entry_on)
    if rule.not_before_age is not None:
        if facts.birth_date is None:
            return Verdict(rule, False, None, "Bevaras: barnets födelsedatum är okänt.")
        due = max(due, Period(rule.not_before_age, "years").after(facts.birth_date))
    if sample.keeps(facts.birth_date):
        return Verdict(rule, False, due, "Bevaras för forskningens behov (16 kap. 4 § SoL).")
    if due > as_of:
        return Verdict(rule, False, due, f"Gallras tidigast {format_date(due)}.")
    return Verdict(rule, True, due, f"Ska gallras sedan {format_date(due)}.")
