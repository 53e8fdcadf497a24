"""Run every rule over the facts of one case and collect the obligations.

``evaluate(facts, as_of)`` sees the case as it was on ``as_of``: facts dated later are ignored, so
an event registered later does not meet an obligation yet, and an extension decided later does
not apply yet. It returns every obligation that had started by ``as_of``, met or not.

``obligations_due(facts, as_of, first=…, last=…, kinds=…)`` is the counting path for statistics
over many cases: the same obligations (the same rule, due date and meeting day; the shared
``deadline_of`` decides both), but only those of ``kinds`` due from ``first`` to ``last``, as light
``Due`` items, unsorted, with no Swedish explanation and no ``Obligation`` built. Only the triggers
of ``kinds`` run, and an occurrence that starts after ``last`` with nothing replacing its due date
is skipped before any rule is asked (its due date can only be later: at once, a period of zero
or more, the next day after the cut-off, rolled forward, or the day a newer rule came into
force). ``tests/rules/test_counting_path.py`` checks with Hypothesis that it yields exactly what
``evaluate`` does, filtered.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .calendar import format_date, non_working_day_name
from .facts import CaseFacts, ExtensionFacts, RuleSettings
from .obligation import Obligation, status_at
from .registry import INVESTIGATION, RULES
from .rule import Deadline, Rule
from .triggers import TRIGGERS, Occurrence, latest_extension


def evaluate(
    facts: CaseFacts, as_of: date, settings: RuleSettings | None = None, *, explain: bool = True
) -> list[Obligation]:
    """Return every obligation of the case that had started by ``as_of``.

    The list is sorted by due date, then kind, subject and sequence. With ``explain=False`` the
    Swedish explanation is left empty (``""``), for a caller that shows no words (a count, the
    next due date of a list); everything else is the same.
    """
    _check_as_of(as_of)
    settings = settings or RuleSettings()
    obligations = [
        obligation
        for trigger in TRIGGERS.values()
        for occurrence in trigger(facts, as_of)
        if (obligation := build_obligation(occurrence, as_of, settings, explain=explain))
        is not None
    ]
    return sorted(
        obligations,
        key=lambda o: (o.due_date, o.kind, o.subject_id or "", o.sequence),
    )


@dataclass(frozen=True, slots=True)
class Due:
    """One obligation as the counting path gives it: what a statistic needs, no words.

    The fields are those of the ``Obligation`` that ``evaluate`` gives for the same occurrence.
    """

    kind: str
    subject_id: str | None
    sequence: int
    start_date: date
    due_date: date
    met_at: date | None
    #: True when the duty was met by the law's own exception (``Rule.exception_sv``).
    met_by_exception: bool = False

    @property
    def kept(self) -> bool:
        """Return True when it was met on or before its due date (``Status.MET``)."""
        return self.met_at is not None and self.met_at <= self.due_date


def obligations_due(
    facts: CaseFacts,
    as_of: date,
    settings: RuleSettings | None = None,
    *,
    first: date | None = None,
    last: date | None = None,
    kinds: Collection[str] | None = None,
) -> list[Due]:
    """Return the obligations of ``evaluate(facts, as_of, settings)`` due from ``first`` to
    ``last`` (both included; None: no bound) of ``kinds`` (None: every kind), unsorted.

    The counting path: no explanation, no ``Obligation``, only the triggers of ``kinds``, and an
    occurrence that starts after ``last`` without a due date set for it is not looked at.
    """
    _check_as_of(as_of)
    settings = settings or RuleSettings()
    triggers = TRIGGERS.values() if kinds is None else [TRIGGERS[k] for k in TRIGGERS if k in kinds]
    found: list[Due] = []
    for trigger in triggers:
        for occurrence in trigger(facts, as_of):
            if (
                last is not None
                and occurrence.start_date > last
                and occurrence.extension is None
                and occurrence.set_due_date is None
            ):
                continue  # due on its start day or later: after the window
            made = deadline_of(occurrence, settings)
            if made is None:
                continue
            due = made[1].due_date
            if (first is not None and due < first) or (last is not None and due > last):
                continue
            found.append(
                Due(
                    kind=made[0].kind,
                    subject_id=occurrence.subject_id,
                    sequence=occurrence.sequence,
                    start_date=occurrence.start_date,
                    due_date=due,
                    met_at=occurrence.met_at,
                    met_by_exception=occurrence.exception is not None,
                )
            )
    return found


def _check_as_of(as_of: date) -> None:
    if isinstance(as_of, datetime):
        raise TypeError("as_of must be a date; convert datetimes with local_date().")


def investigation_due_date(
    opened_on: date,
    extensions: Iterable[ExtensionFacts],
    as_of: date,
    settings: RuleSettings | None = None,
) -> date:
    """Return the investigation's due date on ``as_of``.

    Opened date + 4 months, replaced by the new due date of the extension decided last on or
    before ``as_of``. Pass the closing date as ``as_of`` to get the due date it was closed against.
    """
    settings = settings or RuleSettings()
    rule = RULES.in_force(INVESTIGATION, opened_on) or RULES.for_kind(INVESTIGATION)[-1]
    extension = latest_extension(extensions, as_of)
    override = extension.new_due_date if extension else None
    return rule.deadline(opened_on, settings, due_date=override).due_date


def select_rule(
    kind: str, start: date, settings: RuleSettings, sequence: int = 1
) -> tuple[Rule, date | None] | None:
    """Return the version of ``kind`` that applies, and a due date it imposes, if any.

    Most kinds take the version in force on the start date. A kind with ``version_by="due"``
    takes the version in force on the day the obligation falls due under it. When no version
    fits (the older rule's time ends after it was replaced, the newer rule's time ended before it
    came into force), the newer rule applies from the day it came into force: that day is the due
    date. A version without a repeat period asks for one obligation only: it never applies to a
    second or later one of a chain (the custody-transfer consideration before 2021-03-01).
    """
    versions = RULES.for_kind(kind)
    if not versions:
        return None
    if versions[0].version_by == "start":
        rule = RULES.in_force(kind, start)
        return (rule, None) if rule else None
    if sequence > 1:
        versions = tuple(rule for rule in versions if rule.is_recurring)
    for rule in versions:
        if rule.in_force_on(rule.unadjusted_due_date(start, settings, sequence)):
            return rule, None
    for rule in versions:
        if rule.unadjusted_due_date(start, settings, sequence) < rule.valid_from:
            return rule, rule.valid_from
    return None


def deadline_of(
    occurrence: Occurrence, settings: RuleSettings
) -> tuple[Rule, Deadline, date | None] | None:
    """Return the rule, the deadline and the entry-into-force due date (if any) of one
    occurrence, or None when no rule applies or it was dropped (unmet, due after ``until``)."""
    selected = select_rule(occurrence.kind, occurrence.start_date, settings, occurrence.sequence)
    if selected is None:
        return None
    rule, entry_into_force_due = selected
    override = entry_into_force_due
    if occurrence.set_due_date is not None:
        override = occurrence.set_due_date
    if occurrence.extension is not None:
        override = occurrence.extension.new_due_date
    deadline = rule.deadline(
        occurrence.start_date,
        settings,
        sequence=occurrence.sequence,
        start_time=occurrence.start_time,
        due_date=override,
        at_once=occurrence.at_once,
    )
    due = deadline.due_date
    if occurrence.until is not None and occurrence.met_at is None and due > occurrence.until:
        return None
    return rule, deadline, entry_into_force_due


def build_obligation(
    occurrence: Occurrence, as_of: date, settings: RuleSettings, *, explain: bool = True
) -> Obligation | None:
    """Return the obligation of one occurrence, or None when no rule applies or it was dropped.

    With ``explain=False`` the explanation is empty (the counting and listing paths).
    """
    made = deadline_of(occurrence, settings)
    if made is None:
        return None
    rule, deadline, entry_into_force_due = made
    due = deadline.due_date
    met_at = occurrence.met_at
    late_day = met_at or as_of
    return Obligation(
        kind=rule.kind,
        subject_id=occurrence.subject_id,
        sequence=occurrence.sequence,
        start_date=occurrence.start_date,
        due_date=due,
        status=status_at(
            due_date=due, met_at=met_at, as_of=as_of, due_soon_days=rule.due_soon_for(settings)
        ),
        met_at=met_at,
        legal_reference=rule.legal_reference,
        explanation=(
            explanation(rule, occurrence, deadline, settings, entry_into_force_due)
            if explain
            else ""
        ),
        rule_id=rule.id,
        title=rule.title_sv,
        as_of=as_of,
        days_left=(due - as_of).days,
        days_late=max(0, (late_day - due).days),
        legal_last_day=deadline.legal_last_day,
        rolled_from=deadline.rolled_from,
        met_by_exception=occurrence.exception is not None,
    )


def explanation(
    rule: Rule,
    occurrence: Occurrence,
    deadline: Deadline,
    settings: RuleSettings,
    entry_into_force_due: date | None = None,
) -> str:
    """Return the Swedish explanation of one obligation's due date."""
    parts = [rule.explain(occurrence.start_date, settings, occurrence.sequence, occurrence.at_once)]
    if deadline.after_cutoff and occurrence.start_time is not None:
        parts.append(
            f"{rule.start_event_sv[:1].upper()}{rule.start_event_sv[1:]} kl. "
            f"{occurrence.start_time:%H:%M}, vid eller efter brytpunkten kl. "
            f"{settings.protective_cutoff:%H:%M}, så fristen räknas till nästa dag."
        )
    if entry_into_force_due is not None and occurrence.extension is None:
        parts.append(
            f"Regeln trädde i kraft {format_date(entry_into_force_due)}, när den tiden redan "
            "hade gått, så fristen löper ut den dagen."
        )
    if occurrence.extension is not None:
        parts.append(_extension_note(occurrence, settings))
    if occurrence.exception is not None:
        parts.append(
            (rule.exception_sv or "Undantag registrerat {recorded}: {reason}").format(
                recorded=format_date(occurrence.exception.recorded_on),
                reason=occurrence.exception.reason.strip(),
            )
        )
    parts.append(f"Sista dag: {format_date(deadline.due_date)}{_calendar_clause(deadline)}.")
    return " ".join(parts)


def _extension_note(occurrence: Occurrence, settings: RuleSettings) -> str:
    """Return the sentence about the extension that replaced the due date."""
    extension = occurrence.extension
    assert extension is not None
    if occurrence.kind != INVESTIGATION:
        rule = RULES.in_force(occurrence.kind, occurrence.start_date)
        previous = rule.deadline(occurrence.start_date, settings).due_date if rule else None
        template = (
            rule.extension_sv
            if rule and rule.extension_sv
            else "Rätten medgav förlängning {decided}: ny sista dag {new_due}."
        )
        note = template.format(
            decided=format_date(extension.decided_on),
            new_due=format_date(extension.new_due_date),
        )
        if previous is not None and extension.decided_on > previous:
            note += (
                f" Förlängningen medgavs efter att den tidigare sista dagen "
                f"({format_date(previous)}) hade passerat."
            )
        return note
    note = (
        f"Förlängning beslutad {format_date(extension.decided_on)}: ny sista dag "
        f"{format_date(extension.new_due_date)}."
    )
    previous = investigation_due_date(
        occurrence.start_date, occurrence.earlier_extensions, extension.decided_on, settings
    )
    if extension.decided_on > previous:
        note += (
            f" Förlängningen beslutades efter att den tidigare sista dagen "
            f"({format_date(previous)}) hade passerat."
        )
    return note


def _calendar_clause(deadline: Deadline) -> str:
    """Return the clause about a due date on a non-working day, or an empty string."""
    if deadline.rolled_from is not None:
        name = (non_working_day_name(deadline.rolled_from) or "").lower()
        return f" (flyttad från {format_date(deadline.rolled_from)}, {name}, till nästa arbetsdag)"
    if deadline.legal_last_day is not None:
        name = (non_working_day_name(deadline.due_date) or "").lower()
        return (
            f" ({name}; enligt lagen (1930:173) om beräkning av lagstadgad tid: "
            f"{format_date(deadline.legal_last_day)})"
        )
    return ""
