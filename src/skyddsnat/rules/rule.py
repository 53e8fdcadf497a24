"""A time-limit rule: one version of the law for one kind of obligation, as data.

A ``Rule`` knows its legal reference, when it was in force, how its due date is computed and how
to explain itself (``help_text()``), in the manner of Django's password validators. The engine
(``engine.py``) finds the facts that start and meet an obligation (``triggers.py``) and asks the
rule for the due date and the words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from itertools import pairwise
from typing import Any, Literal

from .calendar import (
    Period,
    days_sv,
    format_date,
    is_swedish_non_working_day,
    next_working_day,
)
from .facts import RuleSettings

VersionBy = Literal["start", "due"]


@dataclass(frozen=True)
class Deadline:
    """A due date, and how it came about."""

    due_date: date
    rolled_from: date | None = None
    legal_last_day: date | None = None
    after_cutoff: bool = False


@dataclass(frozen=True)
class AtOnce:
    """A case in which the law says "at once" (*genast*) instead of the rule's period.

    ``name`` is what a trigger puts on the occurrence (``Occurrence.at_once``); ``when_sv`` says
    in Swedish when it applies (for the rule's help text); ``explanation_template`` explains one
    obligation and may use ``{start}`` and ``{start_event}``. Such an obligation is due on the day
    it starts.
    """

    name: str
    when_sv: str
    explanation_template: str


@dataclass(frozen=True)
class Rule:
    """One version of one time limit.

    ``valid_to`` is exclusive: the first day on which this version no longer applies (the
    2001:453 versions have ``valid_to=date(2025, 7, 1)``). The version that applies to an
    obligation is the one in force on its start date (``version_by="start"``), or, for the
    custody-transfer consideration, the one in force on the day the obligation falls due under it
    (``version_by="due"``).

    The due date is ``period`` after the start (``repeat_period`` for the second and later
    obligations of a recurring kind). When ``period_setting`` names a field of ``RuleSettings``,
    that field gives the amount and ``period`` only the unit and the default.
    ``next_day_after_cutoff`` adds one day when the start event came at or after the unit's
    cut-off time (``RuleSettings.protective_cutoff``).

    The explanation template may use ``{period}``, ``{start}``, ``{start_event}`` and
    ``{sequence}``. ``at_once`` lists the cases in which the same provision says "at once"
    instead (``AtOnce``): a trigger names the case, and the obligation is due on its start day.
    ``reference_checked`` is False while the legal reference is the project's reading, not yet
    checked against the text; such a rule is listed in ``docs/legal-open-questions.md``. The
    reference itself stays clean: it is shown to users.
    """

    id: str
    kind: str
    title_sv: str
    legal_reference: str
    valid_from: date
    valid_to: date | None
    period: Period
    explanation_template: str
    start_event_sv: str
    met_by_sv: str
    due_soon_days: int
    roll_forward: bool = False
    repeat_period: Period | None = None
    repeat_start_event_sv: str = ""
    period_setting: str | None = None
    next_day_after_cutoff: bool = False
    version_by: VersionBy = "start"
    note_sv: str = ""
    at_once: tuple[AtOnce, ...] = ()
    reference_checked: bool = True
    #: Who sets the due date when the law leaves it to someone else (the prosecutor's last day
    #: for the LUL statement): the help text says so instead of a period.
    due_set_by_sv: str = ""
    #: How an extension of this kind is told (``{decided}``, ``{new_due}``); the court's by
    #: default, the investigation's in ``engine.py``.
    extension_sv: str = ""
    #: How the law's own exception that meets the duty is told (``{recorded}``, ``{reason}``):
    #: the youth service's special reasons, the reporter feedback that would be inappropriate.
    exception_sv: str = ""

    def __post_init__(self) -> None:
        if self.valid_to is not None and self.valid_to <= self.valid_from:
            raise ValueError(f"{self.id}: valid_to must come after valid_from.")
        if len({case.name for case in self.at_once}) != len(self.at_once):
            raise ValueError(f"{self.id}: the at-once cases must have unique names.")

    def at_once_case(self, name: str) -> AtOnce:
        """Return the at-once case ``name``; raise ``KeyError`` if this rule has none by it."""
        for case in self.at_once:
            if case.name == name:
                return case
        raise KeyError(f"{self.id} has no at-once case {name!r}.")

    @property
    def is_recurring(self) -> bool:
        """Return True when each met obligation starts the next one."""
        return self.repeat_period is not None

    def in_force_on(self, d: date) -> bool:
        """Return True when this version applies to ``d`` (``valid_from <= d < valid_to``)."""
        return self.valid_from <= d and (self.valid_to is None or d < self.valid_to)

    def period_for(self, settings: RuleSettings, sequence: int = 1) -> Period:
        """Return the period of the ``sequence``-th obligation under ``settings``."""
        period = self.period if sequence == 1 or self.repeat_period is None else self.repeat_period
        if self.period_setting:
            period = period.with_amount(int(getattr(settings, self.period_setting)))
        return period

    def rolls_forward(self, settings: RuleSettings) -> bool:
        """Return whether a due date on a non-working day moves to the next working day."""
        return settings.roll_forward.get(self.kind, self.roll_forward)

    def due_soon_for(self, settings: RuleSettings) -> int:
        """Return how many days before the due date the obligation counts as due soon."""
        return settings.due_soon_days.get(self.kind, self.due_soon_days)

    def is_after_cutoff(self, start_time: time | None, settings: RuleSettings) -> bool:
        """Return True when the start event came at or after the unit's cut-off time."""
        if not self.next_day_after_cutoff or start_time is None:
            return False
        return start_time >= settings.protective_cutoff

    def unadjusted_due_date(
        self, start: date, settings: RuleSettings, sequence: int = 1, at_once: str | None = None
    ) -> date:
        """Return the due date by the period alone (no cut-off, no roll-forward).

        In an at-once case (``at_once`` names one) the due date is the start day itself.
        """
        if at_once is not None:
            self.at_once_case(at_once)
            return start
        return self.period_for(settings, sequence).after(start)

    def deadline(
        self,
        start: date,
        settings: RuleSettings,
        *,
        sequence: int = 1,
        start_time: time | None = None,
        due_date: date | None = None,
        at_once: str | None = None,
    ) -> Deadline:
        """Return the deadline for an obligation that started on ``start``.

        ``due_date`` replaces the computed date (a decided extension); ``at_once`` names the
        at-once case that applies, if any. Then the calendar rule is applied: a due date on a
        non-working day rolls forward when the rule is set to, and otherwise the later legal
        last day is reported.
        """
        after_cutoff = self.is_after_cutoff(start_time, settings)
        if due_date is None:
            due_date = self.unadjusted_due_date(start, settings, sequence, at_once)
            if after_cutoff:
                due_date += timedelta(days=1)
        if not is_swedish_non_working_day(due_date):
            return Deadline(due_date, after_cutoff=after_cutoff)
        legal = next_working_day(due_date)
        if self.rolls_forward(settings):
            return Deadline(legal, rolled_from=due_date, after_cutoff=after_cutoff)
        return Deadline(due_date, legal_last_day=legal, after_cutoff=after_cutoff)

    def explain(
        self, start: date, settings: RuleSettings, sequence: int = 1, at_once: str | None = None
    ) -> str:
        """Return the main sentence of the explanation of one obligation."""
        start_event = self.start_event_sv
        if sequence > 1 and self.repeat_start_event_sv:
            start_event = self.repeat_start_event_sv
        template = self.explanation_template
        if at_once is not None:
            template = self.at_once_case(at_once).explanation_template
        return template.format(
            period=self.period_for(settings, sequence).sv(),
            start=format_date(start),
            start_event=start_event,
            sequence=sequence,
        )

    def help_text(self, settings: RuleSettings | None = None) -> str:
        """Return a Swedish text that explains the rule itself."""
        settings = settings or RuleSettings()
        first = self.period_for(settings)
        if self.due_set_by_sv:
            parts = [f"{self.title_sv}: senast den dag som {self.due_set_by_sv}"]
        elif first.amount == 0:
            parts = [f"{self.title_sv}: samma dag som {self.start_event_sv}"]
        else:
            parts = [f"{self.title_sv}: inom {first.sv()} från att {self.start_event_sv}"]
        if self.repeat_period is not None:
            parts[0] += (
                f", därefter inom {self.period_for(settings, 2).sv()} från att "
                f"{self.repeat_start_event_sv}"
            )
        parts[0] += f"; uppfylls av: {self.met_by_sv}."
        if self.at_once:
            cases = " eller ".join(case.when_sv for case in self.at_once)
            parts.append(f"Genast, samma dag, om {cases}.")
        if self.next_day_after_cutoff:
            cutoff = settings.protective_cutoff.strftime("%H:%M")
            parts.append(f"Om {self.start_event_sv} kl. {cutoff} eller senare räcker nästa dag.")
        if self.rolls_forward(settings):
            parts.append(
                "Infaller sista dag på en lör-, sön- eller helgdag flyttas den till nästa "
                "arbetsdag."
            )
        else:
            parts.append("Sista dag flyttas inte när den infaller på en lör-, sön- eller helgdag.")
        warn = self.due_soon_for(settings)
        if warn == 0:
            parts.append("Visas som snart sista dag på själva sista dagen.")
        else:
            parts.append(f"Visas som snart sista dag från {days_sv(warn)} före.")
        until = (
            f" till och med {format_date(self.valid_to - timedelta(days=1))}"
            if self.valid_to
            else ""
        )
        basis = "löper ut" if self.version_by == "due" else "startar"
        parts.append(
            f"Gäller frister som {basis} från och med {format_date(self.valid_from)}{until}."
        )
        parts.append(f"Lagrum: {self.legal_reference}.")
        if self.note_sv:
            parts.append(self.note_sv)
        return " ".join(parts)

    def get_help_text(self) -> str:
        """Return ``help_text()`` with the default settings (Django's validator spelling)."""
        return self.help_text()

    def describe(self, settings: RuleSettings | None = None) -> dict[str, Any]:
        """Return the rule as plain data, for an API or a settings screen."""
        settings = settings or RuleSettings()
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title_sv,
            "legal_reference": self.legal_reference,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "period": self.period_for(settings).sv(),
            "repeat_period": self.period_for(settings, 2).sv() if self.repeat_period else None,
            "roll_forward": self.rolls_forward(settings),
            "due_soon_days": self.due_soon_for(settings),
            "at_once": [case.when_sv for case in self.at_once],
            "help_text": self.help_text(settings),
        }


class RuleRegistry:
    """The rules, looked up by id or by kind and date."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules = tuple(rules)
        self._by_id = {rule.id: rule for rule in self._rules}
        if len(self._by_id) != len(self._rules):
            raise ValueError("Rule ids must be unique.")
        self._by_kind: dict[str, tuple[Rule, ...]] = {}
        for rule in self._rules:
            versions = (*self._by_kind.get(rule.kind, ()), rule)
            self._by_kind[rule.kind] = tuple(sorted(versions, key=lambda r: r.valid_from))
        for kind, versions in self._by_kind.items():
            for earlier, later in pairwise(versions):
                if earlier.valid_to is None or earlier.valid_to > later.valid_from:
                    raise ValueError(f"Versions of {kind} overlap: {earlier.id}, {later.id}.")

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __getitem__(self, rule_id: str) -> Rule:
        return self._by_id[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    @property
    def kinds(self) -> tuple[str, ...]:
        """Return every kind, in the order of docs/spec/process.md."""
        return tuple(self._by_kind)

    def for_kind(self, kind: str) -> tuple[Rule, ...]:
        """Return every version of ``kind``, oldest first."""
        return self._by_kind.get(kind, ())

    def in_force(self, kind: str, on: date) -> Rule | None:
        """Return the version of ``kind`` in force on ``on``, or None."""
        for rule in self.for_kind(kind):
            if rule.in_force_on(on):
                return rule
        return None
