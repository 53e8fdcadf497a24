"""The work list: for a set of cases, the next time limit of each, in a fixed number of queries.

Mina ärenden and Enhetens översikt both show one row per case with the case's next unmet
obligation. Obligations are derived, never stored, so the list runs the rules in Python: for
every case only what it sorts, filters and counts by (``rules.next_due``: the first unmet due
date and status, no explanations), and the obligations themselves only for the rows a page
shows (decision 0046). The next due date of each case is kept between requests with the facts
stamp it was worked out at (``cases.next_due_memo``, decision 0052): the rules run again only
for the cases whose facts changed since, or on a new day. The queries are fixed however many
cases there are (one for the cases' plain values with their stamps and kept dates; the facts'
statements for the stale cases, and one that keeps their dates; one for the cases of the page
shown and the facts' statements for them), and what they read grows with the caller's cases,
not with the database (decision 0020). They are separate reads, not one snapshot:
``work_items`` lists the cases the first read found, with the facts read for exactly those
cases.

A case is on the list while it is open, and for a while after it was closed when a duty is
still unmet (feedback to the reporter, the evaluation of an intervention): the next thing to do
must stay visible after the case itself is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property, lru_cache
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import Municipality, User
from skyddsnat.cases import next_due_memo
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.facts import facts_of_cases, settings_rolling_own_duties
from skyddsnat.cases.models import Case
from skyddsnat.idlists import IdIn
from skyddsnat.interventions.choices import PLACEMENT_KINDS
from skyddsnat.interventions.models import Intervention
from skyddsnat.rules import CaseFacts, Obligation, RuleSettings, evaluate
from skyddsnat.rules.next_due import NextDue, brief, next_due

#: How many cases a page of a work list shows.
PER_PAGE = 50
#: How long a closed case with an unmet duty stays on the list (the longest duty after closing,
#: the evaluation, is due three months after an intervention ends by default).
CLOSED_CASES_KEPT = timedelta(days=183)


#: The words every row of a work list repeats, by their name in the row templates.
ROW_LABELS = {
    "child": _("Barn"),
    "responsible": _("Ansvarig handläggare"),
    "phase": _("Fas"),
    "next": _("Nästa tidsfrist"),
    "due": _("Sista dag"),
    "status": _("Status"),
    "assign": _("Tilldela"),
    "why": _("Varför?"),
    "protected": _("Skyddade personuppgifter"),
    "none_due": _("Ingen tidsfrist löper"),
}


def row_labels() -> dict[str, str]:
    """Return the words every row repeats, translated once for the page (``labels`` in the row
    templates): a page of 50 rows would otherwise translate each of them again for every row."""
    return _row_labels(get_language() or "")


@lru_cache(maxsize=16)
def _row_labels(language: str) -> dict[str, str]:
    return {name: str(label) for name, label in ROW_LABELS.items()}


def phase_label(phase: str) -> str:
    """Return ``phase`` in words in the active language (kept per language and phase)."""
    return _phase_label(get_language() or "", phase)


@lru_cache(maxsize=64)
def _phase_label(language: str, phase: str) -> str:
    return str(Phase(phase).label)


@dataclass
class WorkItem:
    """One row of a work list: a case, its unmet obligations in brief, and (for a row shown) the
    obligations themselves, the earliest due first.

    What the list sorts, filters and counts by is read as plain values (``case_id``, ``phase``,
    ``responsible_id``, the child's name, whether an investigation is open) and ``due``, the
    brief of the case's unmet obligations (``rules.next_due``). The obligations
    (``open_obligations``) are evaluated from the case's facts when a row needs them, and the
    ``case`` as a model instance is loaded (``with_cases``): only for the rows a page shows.
    """

    case_id: int
    phase: str
    responsible_id: int | None
    child_first_name: str
    child_last_name: str
    has_open_investigation: bool
    due: NextDue
    #: What the obligations are evaluated from (``open_obligations``), and on which day; read
    #: with the row only when its next due date had to be worked out, else by ``with_cases``.
    facts: CaseFacts | None = field(compare=False, repr=False)
    rule_settings: RuleSettings = field(compare=False, repr=False)
    as_of: date = field(compare=False)
    #: The case with its child and responsible caseworker, once loaded (``with_cases``).
    case: Case | None = field(default=None, compare=False)
    #: The facts stamp read with the row (None for a case without one) and the key of the
    #: rules it is listed by: what a next obligation kept for it must match (``with_cases``).
    stamp: int | None = field(default=None, compare=False, repr=False)
    memo_key: str = field(default="", compare=False, repr=False)
    #: The unmet obligation due first in words, when it was kept (``with_cases``).
    kept_next: Obligation | None = field(default=None, compare=False, repr=False)

    @cached_property
    def open_obligations(self) -> tuple[Obligation, ...]:
        """Return the case's unmet obligations, the earliest due first (evaluated once, from
        the facts)."""
        if self.facts is None:
            raise ValueError("The item's facts are read by with_cases.")
        return unmet_obligations(self.facts, self.as_of, self.rule_settings)

    @property
    def next_obligation(self) -> Obligation | None:
        """Return the unmet obligation due first, or None when nothing is due: kept, or
        evaluated from the facts."""
        if not self.due.open_count:
            return None
        if self.kept_next is not None:
            return self.kept_next
        return self.open_obligations[0] if self.open_obligations else None

    @property
    def needs_words(self) -> bool:
        """Return whether showing the row needs its next obligation's words, not yet at hand."""
        return bool(self.due.open_count) and self.kept_next is None and self.facts is None

    @property
    def phase_label(self) -> str:
        """Return the case's phase in words (``get_phase_display`` without building the
        choices on every call)."""
        return phase_label(self.phase)

    @property
    def more_count(self) -> int:
        """Return how many more unmet obligations the case has after the next one."""
        return max(self.due.open_count - 1, 0)

    @property
    def is_overdue(self) -> bool:
        return self.due.overdue

    @property
    def is_due_soon(self) -> bool:
        """Return True when a time limit is close but none has passed."""
        return not self.due.overdue and self.due.due_soon

    @property
    def status_code(self) -> str:
        """Return the next obligation's status code, or ``none`` when nothing is due."""
        return str(self.due.status) if self.due.status is not None else "none"

    def sort_key(self) -> tuple:
        """Sort by the next due date; cases with nothing due last, then by the child's name."""
        name = (self.child_last_name.casefold(), self.child_first_name.casefold(), self.case_id)
        if self.due.due_date is None:
            return (1, date.max, *name)
        return (0, self.due.due_date, *name)


def unmet_obligations(
    facts: CaseFacts, as_of: date, settings: RuleSettings
) -> tuple[Obligation, ...]:
    """Return the case's unmet obligations on ``as_of`` in words, the earliest due first: what
    a row shows (the first) and what its next due date is the brief of (``brief``)."""
    return tuple(o for o in evaluate(facts, as_of, settings) if o.status.is_open)


def kept_from(today: date) -> datetime:
    """Return the moment from which a closed case may still be on a work list: the start of the
    day ``CLOSED_CASES_KEPT`` before ``today``, in the current time zone (a bound an index on
    ``closed_at`` can use)."""
    return timezone.make_aware(datetime.combine(today - CLOSED_CASES_KEPT, time.min))


def own_cases(user: User) -> QuerySet[Case]:
    """Return the cases of Mina ärenden: those ``user`` may read and is responsible for."""
    return policy.cases_visible_to(user).filter(responsible=user)


def unit_cases(manager: User) -> QuerySet[Case]:
    """Return the cases of Enhetens översikt: those of ``manager``'s units she may read."""
    return policy.cases_visible_to(manager).filter(unit__in=manager.units.all())


def on_the_list(cases: QuerySet[Case], as_of: date | None = None) -> QuerySet[Case]:
    """Return the cases of ``cases`` that may belong on a work list: open or recently closed."""
    today = as_of or clock.today()
    open_phases = [p for p in Phase.values if p != Phase.CLOSED]
    return cases.filter(Q(phase__in=open_phases) | Q(closed_at__gte=kept_from(today)))


#: What the list reads of each case in its first query (``WorkItem``'s plain values).
_ROW = (
    "pk",
    "phase",
    "roll_own_duties",
    "responsible_id",
    "child__first_name",
    "child__last_name",
    "investigation__pk",
    "investigation__closed_on",
)


def work_items(cases: QuerySet[Case], as_of: date | None = None) -> list[WorkItem]:
    """Return a work item for each open case of ``cases`` (and each recently closed case with a
    duty left), sorted by the next due date.

    The number of queries does not depend on the number of cases, and what they read grows with
    the cases of ``cases`` on the list, not with the database: the first query finds those
    cases by the indexed predicates of ``cases`` and ``on_the_list`` and reads plain values
    (one join to the child, one to the investigation) with each case's facts stamp and the next
    due date kept for it (decision 0052). Only for the cases whose kept date is stale are the
    facts read (for exactly those ids), the rules run and the dates kept again. No model
    instance is built here: ``with_cases`` loads the rows a page shows.
    """
    today = as_of or clock.today()
    found = _next_dues(cases, today)
    return sort_items(
        _items(found.rows, found.dues, found.facts, found.settings, found.keys, today)
    )


def keep_next_dues(cases: QuerySet[Case], as_of: date | None = None) -> int:
    """Work out and keep the next due date of each case of ``cases`` that may be on a work list
    and has none kept for the day, with its first unmet obligation in words (what a list
    showing the case reads); return how many were worked out (none when all were kept)."""
    return _next_dues(cases, as_of or clock.today(), words=True).worked


@dataclass(frozen=True)
class _NextDues:
    """The list's rows with each case's next due date, kept or just worked out."""

    rows: list[dict[str, Any]]
    dues: dict[int, NextDue]
    #: The facts read for the cases whose kept date was stale (only those).
    facts: dict[int, CaseFacts]
    settings: dict[bool, RuleSettings]
    #: The memo key of each roll-forward setting (``next_due_memo.key``).
    keys: dict[bool, str]
    #: How many next due dates were worked out (and kept) rather than read.
    worked: int


def _next_dues(cases: QuerySet[Case], today: date, *, words: bool = False) -> _NextDues:
    """Return the rows of ``cases`` on a list with their next due dates, the stale ones worked
    out and kept; with ``words``, a kept date whose first unmet obligation was not kept in
    words is stale too, and the obligations are evaluated in words (``evaluate``) rather than
    in brief (``next_due``)."""
    # The municipality's roll-forward setting as a subquery by its primary key (not a join, so
    # the cases are found as before; decision 0042).
    municipality = Municipality.objects.filter(pk=OuterRef("municipality_id"))
    found = on_the_list(cases, today).annotate(
        roll_own_duties=Subquery(municipality.values("roll_forward_own_duties")[:1])
    )
    fields = [*_ROW, *next_due_memo.ROW_FIELDS]
    if words:
        found = found.annotate(
            worded=ExpressionWrapper(
                Q(next_due_memo__next_obligation__isnull=False), output_field=BooleanField()
            )
        )
        fields.append("worded")
    rows = list(found.order_by().values(*fields))
    settings = {roll: settings_rolling_own_duties(roll) for roll in (False, True)}
    keys = {roll: next_due_memo.key(settings[roll]) for roll in (False, True)}
    dues: dict[int, NextDue] = {}
    stale = []
    for row in rows:
        due = next_due_memo.kept(row, today, keys[bool(row["roll_own_duties"])])
        if due is None or (words and due.open_count and not row["worded"]):
            stale.append(row)
        else:
            dues[row["pk"]] = due
    # The facts are read after the rows, in queries of their own, while others go on working:
    # they are read for the cases the rows found, so a case that joins the list meanwhile (a
    # report registered, a case handed over) waits for the next load, and one that leaves it
    # is listed as the rows found it. The stamp kept is the one read with the rows, before the
    # facts: what is kept is never newer than its stamp says.
    facts: dict[int, CaseFacts] = {}
    worked = []
    if stale:
        stale_cases = Case.objects.filter(IdIn("pk", [row["pk"] for row in stale]))
        facts = {row.case_id: row.facts for row in facts_of_cases(stale_cases)}
        for row in stale:
            if row["pk"] not in facts:  # deleted since (only the demo's reset deletes cases)
                continue
            roll = bool(row["roll_own_duties"])
            first = None
            if words:
                unmet = unmet_obligations(facts[row["pk"]], today, settings[roll])
                due, first = brief(unmet), (unmet[0] if unmet else None)
            else:
                due = next_due(facts[row["pk"]], today, settings[roll])
            dues[row["pk"]] = due
            if row["facts_stamp__stamp"] is not None:
                worked.append(
                    next_due_memo.Worked(
                        row["pk"], row["facts_stamp__stamp"], keys[roll], due, first
                    )
                )
        next_due_memo.keep(worked, today)
    return _NextDues(rows, dues, facts, settings, keys, len(worked))


def _items(
    rows: Iterable[dict[str, Any]],
    dues: dict[int, NextDue],
    facts: dict[int, CaseFacts],
    settings: dict[bool, RuleSettings],
    keys: dict[bool, str],
    today: date,
) -> Iterable[WorkItem]:
    for row in rows:
        due = dues.get(row["pk"])
        if due is None:  # deleted since
            continue
        if row["phase"] == Phase.CLOSED and not due.open_count:
            continue
        yield WorkItem(
            case_id=row["pk"],
            phase=row["phase"],
            responsible_id=row["responsible_id"],
            child_first_name=row["child__first_name"],
            child_last_name=row["child__last_name"],
            has_open_investigation=(
                row["investigation__pk"] is not None and row["investigation__closed_on"] is None
            ),
            due=due,
            facts=facts.get(row["pk"]),
            rule_settings=settings[bool(row["roll_own_duties"])],
            as_of=today,
            stamp=row["facts_stamp__stamp"],
            memo_key=keys[bool(row["roll_own_duties"])],
        )


def with_cases(items: Iterable[WorkItem]) -> list[WorkItem]:
    """Return ``items`` with each one's ``case`` loaded (with its child and responsible
    caseworker), in one query for all of them, and each one's next obligation in words; an
    item whose case is gone is left out.

    The words are read from the next due dates kept (``next_due_memo.kept_obligations``, one
    query) where a list showed the row before that day with nothing changed since; otherwise
    the facts of those items are read (the facts' fixed number of queries, for these cases
    only), evaluated, and the first unmet obligation kept with the date (one statement).
    """
    items = list(items)
    missing = [i.case_id for i in items if i.case is None]
    if missing:
        cases = Case.objects.select_related("child", "responsible").order_by().in_bulk(missing)
        for item in items:
            if item.case is None:
                item.case = cases.get(item.case_id)
    unread = [i for i in items if i.needs_words and i.case is not None]
    if unread:
        kept = next_due_memo.kept_obligations(
            {i.case_id: i.stamp for i in unread if i.stamp is not None},
            unread[0].as_of,
            {i.case_id: i.memo_key for i in unread},
        )
        for item in unread:
            item.kept_next = kept.get(item.case_id)
        words = [i for i in unread if i.kept_next is None]
        if words:
            found = facts_of_cases(Case.objects.filter(IdIn("pk", [i.case_id for i in words])))
            facts = {row.case_id: row.facts for row in found}
            for item in words:
                item.facts = facts.get(item.case_id)
    _keep_words([i for i in items if i.case is not None and i.facts is not None])
    return [i for i in items if loaded(i)]


def _keep_words(items: list[WorkItem]) -> None:
    """Keep the first unmet obligation of each of ``items`` evaluated from its facts with its
    next due date (one statement), at the stamp read with its row: never newer than what it
    was worked out from."""
    worked = {  # by case: a row may be shown twice (the unit view's queue and its list)
        i.case_id: next_due_memo.Worked(i.case_id, i.stamp, i.memo_key, i.due, i.next_obligation)
        for i in items
        if i.stamp is not None and i.due.open_count and i.next_obligation is not None
    }
    if worked:
        next_due_memo.keep(worked.values(), items[0].as_of)


def sort_items(items: Iterable[WorkItem]) -> list[WorkItem]:
    """Return ``items`` sorted by the next due date, cases with nothing due last."""
    return sorted(items, key=WorkItem.sort_key)


@dataclass(frozen=True)
class Counts:
    """How many cases of a list have a passed time limit, and how many one close at hand."""

    total: int
    overdue: int
    due_soon: int


def count(items: Iterable[WorkItem]) -> Counts:
    """Return the overdue and due-soon counts of ``items``."""
    items = list(items)
    return Counts(
        total=len(items),
        overdue=sum(1 for i in items if i.is_overdue),
        due_soon=sum(1 for i in items if i.is_due_soon),
    )


def due_this_week(item: WorkItem, today: date) -> bool:
    """Return True when the next obligation is due from today to this week's Sunday."""
    due = item.due.due_date
    if due is None:
        return False
    sunday = today + timedelta(days=6 - today.weekday())
    return today <= due <= sunday


@dataclass(frozen=True)
class Filter:
    """A way to narrow a work list by its time limits: its value in the query string, its name,
    and which items it keeps (given today)."""

    value: str
    label: str | Promise
    keeps: Callable[[WorkItem, date], bool]


#: The filters by time limit, by their value (each list offers some of them).
FILTERS = {
    f.value: f
    for f in (
        Filter("overdue", _("Försenade"), lambda item, today: item.is_overdue),
        Filter("due_soon", _("Snart sista dag"), lambda item, today: item.is_due_soon),
        Filter("week", _("Sista dag denna vecka"), due_this_week),
        Filter("open", _("Tidsfrist löper"), lambda item, today: item.status_code == "open"),
        Filter("none", _("Ingen tidsfrist löper"), lambda item, today: item.status_code == "none"),
    )
}


def chosen(value: str | None, offered: Iterable[str]) -> str:
    """Return ``value`` if it is one of the ``offered`` choices, else "" (all)."""
    return value if value in set(offered) else ""


def keeps(item: WorkItem, filter_value: str, today: date) -> bool:
    """Return whether ``item`` is on the list filtered by the time-limit filter ``filter_value``
    ("": all)."""
    return not filter_value or FILTERS[filter_value].keeps(item, today)


def page_of(items: list[WorkItem], number: str | None, also: Iterable[WorkItem] = ()) -> Page:
    """Return the page ``number`` of ``items`` (the first when it is not a page), with the
    cases and facts of that page's items loaded (``with_cases``), and those of ``also`` (other
    rows the page shows) in the same queries."""
    page = Paginator(items, PER_PAGE).get_page(number)
    with_cases([*page.object_list, *also])
    page.object_list = [i for i in page.object_list if loaded(i)]
    return page


def loaded(item: WorkItem) -> bool:
    """Return whether ``item``'s case and next obligation are loaded (``with_cases``; not when
    the case was deleted meanwhile)."""
    return item.case is not None and not item.needs_words


def placed_children_by_responsible(case_ids: list[int], today: date) -> dict[int, int]:
    """Return, per responsible caseworker of ``case_ids``, the children with a placement going
    on ``today`` in those cases (one query; a child in two of her cases counts once)."""
    if not case_ids:
        return {}
    rows = (
        Intervention.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=today),
            IdIn("case_id", case_ids),
            kind__in=PLACEMENT_KINDS,
            start_on__lte=today,
            case__responsible__isnull=False,
        )
        .order_by()
        .values("case__responsible")
        .annotate(children=Count("case__child", distinct=True))
    )
    return {row["case__responsible"]: row["children"] for row in rows}
