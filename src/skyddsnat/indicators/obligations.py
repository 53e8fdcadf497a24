"""The obligation indicators: time limits kept, counted from the rules engine's own obligations.

A time limit's due date is law: calendar months clamped to the month's end, rules that changed
on a given date, extensions that replace a due date, recurring visits and reviews. It is written
once, in ``skyddsnat.rules``, and the case page, the worklists and these indicators all read it
from there; writing it a second time in SQL would let the figure and the case disagree.

So this measure loads the facts of the municipality's cases with a fixed number of queries
(``cases.facts.facts_of_cases``: one query per table, however many cases) and runs the
pure rules engine over them on its counting path (``rules.engine.obligations_due``: no Swedish
explanation, only the window's due dates, decision 0045), once per computation for all three
indicators, and the obligations alike in everything counted are counted together. The work in Python grows with the number of cases, the
number of queries does not (decision 0007; ``bench/indicators.py`` times it on 100,000 reports).

An obligation counts in the period its due date falls in, once that day has passed (before
then it has not *fallen due*, met or not). It was kept when it was met on or before its due
date.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q

from skyddsnat.cases import dues_memo, next_due_memo
from skyddsnat.cases.facts import facts_of_cases, rule_settings
from skyddsnat.cases.models import Case
from skyddsnat.idlists import IdIn
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.dimensions import Breakdown
from skyddsnat.indicators.measures import Cell, Context, Key, Measure, Table, table_keys
from skyddsnat.indicators.periods import Period
from skyddsnat.rules import STOCKHOLM, obligations_due
from skyddsnat.rules.registry import PLACEMENT_REVIEW, PLACEMENT_VISIT

#: How long after its case was closed an obligation can still fall due. The latest is the
#: evaluation of an intervention that ended on the closing day (3 months); a year is ample.
AFTER_CLOSING = timedelta(days=366)


@dataclass(frozen=True, slots=True)
class Counted:
    """Obligations that have fallen due, alike in everything counted: where they belong, when,
    whether they were kept, and how many there are (``n``)."""

    unit_id: int
    kind: str
    due_date: date
    kept: bool
    #: The child's sex, and age group on the due date (the counting date).
    sex: str
    age_group: str
    n: int = 1

    def key(self, breakdown: str) -> str:
        """Return the category of these obligations in ``breakdown``."""
        if breakdown == d.OBLIGATION_KIND:
            return self.kind
        if breakdown == d.SEX:
            return self.sex
        if breakdown == d.AGE_GROUP:
            return self.age_group
        raise KeyError(breakdown)


@dataclass(frozen=True)
class Ledger:
    """Every obligation of a municipality's cases due from ``first`` to ``last`` that had fallen
    due by ``today``, counted: ``items`` are sorted by due date (``due_dates`` the same dates, for
    finding a period's part by bisection).

    Only the cases that can have one are evaluated: those received by ``last`` and not closed
    long before ``first`` (``AFTER_CLOSING``).
    """

    municipality_id: int
    today: date
    first: date
    last: date
    items: tuple[Counted, ...]
    due_dates: tuple[date, ...]

    def covers(self, ctx: Context) -> bool:
        return (
            self.municipality_id == ctx.municipality_id
            and self.today == ctx.span.today
            and self.first <= ctx.span.start
            and ctx.span.end <= self.last
        )

    def between(self, start: date, end: date) -> tuple[Counted, ...]:
        """Return the items due from ``start`` to ``end`` (both included)."""
        return self.items[bisect_left(self.due_dates, start) : bisect_right(self.due_dates, end)]


#: The memo key under which a caller announces the days its periods span (``window``).
WINDOW = "obligations_window"


def window(periods: Iterable[Period]) -> dict[str, Any]:
    """Return a memo for ``compute_indicators`` over ``periods``: one evaluation serves them all."""
    chosen = list(periods)
    return {WINDOW: (min(p.start for p in chosen), max(p.end for p in chosen))}


def counted_obligations(ctx: Context, kinds: frozenset[str] | None = None) -> list[Counted]:
    """Return the obligations of the municipality's cases that fell due in the span, counted.

    An obligation falls due in the period its due date is in, once that day has passed.
    ``kinds`` restricts them to some kinds of time limit (None: every kind). The engine looks
    at each case as of today, so everything registered so far counts, including a visit
    registered afterwards with its real (earlier) date. The cases are evaluated once per
    ``ctx.memo``: for every obligation indicator of a computation, and for every period of a
    trend when the caller passes the same memo (made by ``window``).
    """
    ledger = ctx.memo.get("obligations")
    if ledger is None or not ledger.covers(ctx):
        ledger = ctx.memo["obligations"] = _ledger(ctx)
    span = ctx.span
    found = ledger.between(span.start, span.end)
    if kinds is None:
        return list(found)
    return [c for c in found if c.kind in kinds]


def _ledger(ctx: Context) -> Ledger:
    """Evaluate the cases that can have an obligation due in the window, on the counting path
    of the rules engine (``rules.engine.obligations_due``: no explanations, only the window).

    What the engine gave a case is kept with its facts stamp (``cases.dues_memo``, decision
    0052): the engine runs again only for the cases changed since, or on a new day.
    """
    span = ctx.span
    today = span.today
    first, last = ctx.memo.get(WINDOW, (span.start, span.end))
    first, last = min(first, span.start), max(last, span.end)
    first_at = datetime.combine(first, time.min, tzinfo=STOCKHOLM)
    after_last = datetime.combine(last + timedelta(days=1), time.min, tzinfo=STOCKHOLM)
    cases = Case.objects.filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=first_at - AFTER_CLOSING),
        municipality_id=ctx.municipality_id,
        # The report's own municipality too (always the case's): PostgreSQL then reads the
        # municipality's reports by its index, not every report (decision 0049).
        report__municipality_id=ctx.municipality_id,
        report__received_at__lt=after_last,
    )
    settings = rule_settings()
    memo_key = next_due_memo.key(settings)
    fallen_due_by = min(last, today - timedelta(days=1))  # due before today: it has passed
    # What is kept covers due dates from the memos' first day to yesterday; a window that starts
    # earlier is worked out without them.
    memo_first = dues_memo.default_first(today)
    use_memos = first >= memo_first
    counts: Counter[tuple[date, int, str, bool, str, str]] = Counter()

    def count(fell: Iterable[dues_memo.Fell], unit_id: int, sex: str, born: date | None) -> None:
        for f in fell:
            if first <= f.due_date <= fallen_due_by:
                age_group = d.age_group_of(d.age_on(born, f.due_date)).code
                counts[(f.due_date, unit_id, f.kind, f.kept, sex, age_group)] += 1

    rows = list(
        cases.order_by().values(
            "pk", "unit_id", "child__sex", "child__birth_date", *dues_memo.ROW_FIELDS
        )
    )
    stale: dict[int, int | None] = {}
    for row in rows:
        fell = dues_memo.kept(row, today, memo_key, first) if use_memos else None
        if fell is None:
            stale[row["pk"]] = row["facts_stamp__stamp"]
        else:
            count(fell, row["unit_id"], row["child__sex"], row["child__birth_date"])
    if stale:
        # Most stale (a new day): the facts of the window's cases as before; a few: theirs only.
        some = cases if len(stale) * 2 > len(rows) else Case.objects.filter(IdIn("pk", stale))
        window = (memo_first, today - timedelta(days=1)) if use_memos else (first, fallen_due_by)
        worked = []
        for facts in facts_of_cases(some):
            if facts.case_id not in stale:
                continue  # joined the window since the rows were read, or kept already
            fell = [
                dues_memo.Fell(due.kind, due.due_date, due.kept)
                for due in obligations_due(
                    facts.facts, today, settings, first=window[0], last=window[1]
                )
            ]
            count(fell, facts.unit_id, facts.child_sex, facts.child_birth_date)
            stamp = stale[facts.case_id]
            if use_memos and stamp is not None:
                worked.append(dues_memo.Worked(facts.case_id, stamp, fell))
        dues_memo.keep(worked, today, memo_key, memo_first)
    items = tuple(
        Counted(unit, kind, due_date, kept, sex, age_group, n)
        for (due_date, unit, kind, kept, sex, age_group), n in sorted(counts.items())
    )
    return Ledger(ctx.municipality_id, today, first, last, items, tuple(c.due_date for c in items))


class ObligationMeasure(Measure):
    """Obligations kept on time / obligations that fell due, by unit, and by kind of time limit,
    the child's sex or age group on the due date.

    ``kinds`` are the kinds counted (None: every kind): ``placement_visit`` alone for the
    visits indicator, say.
    """

    def __init__(self, kinds: frozenset[str] | None = None):
        self.kinds = kinds
        self.restrict = {d.OBLIGATION_KIND: kinds} if kinds is not None else {}

    def applies_to(self, breakdown: Breakdown) -> bool:
        return breakdown.id in (d.OBLIGATION_KIND, d.SEX, d.AGE_GROUP)

    def table(self, ctx: Context, breakdown: Breakdown | None) -> Table:
        categories = self.categories(breakdown) if breakdown is not None else None
        kept: Counter[Key] = Counter()
        due: Counter[Key] = Counter()
        for item in counted_obligations(ctx, self.kinds):
            keys: list[Key] = [(item.unit_id, None), (None, None)]
            if breakdown is not None:
                code = item.key(breakdown.id)
                keys += [(item.unit_id, code), (None, code)]
            for key in keys:
                due[key] += item.n
                if item.kept:
                    kept[key] += item.n
        cells = {}
        for key in table_keys(ctx.units, categories):
            num, den = kept[key], due[key]
            cells[key] = Cell(
                value=num / den if den else None,
                numerator=num,
                denominator=den,
                size=den,
                is_share=True,
            )
        return Table(cells, ctx.units, categories)


VISITS = ObligationMeasure(frozenset({PLACEMENT_VISIT}))
REVIEWS = ObligationMeasure(frozenset({PLACEMENT_REVIEW}))
ALL_KINDS = ObligationMeasure()
