"""The obligations that fell due in a case, as the statistics count them, kept between
requests while nothing they depend on changed (decision 0052).

The time-limit indicators (``indicators.obligations``) count every obligation of a
municipality's cases that fell due in a window: at 100,000 reports the follow-up page's
five-year trend reads the facts of 21,724 cases and runs the engine's counting path over each
(about 2 s), on every request. ``DuesMemo`` keeps, per case, what the counting path gave (kind,
due date, kept or not) for due dates from ``first`` to the day before ``as_of``, with the facts
stamp read before the facts, the day and the key of the rules (``next_due_memo.key``). A
request whose window starts on or after the kept ``first`` takes its part of them; the others,
and the stale ones, are worked out again and kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from skyddsnat.cases.next_due_memo import current, upsert

#: The ``values()`` paths from ``Case`` that a count reads with its cases to find their memos.
ROW_FIELDS = (
    "facts_stamp__stamp",
    "dues_memo__stamp",
    "dues_memo__as_of",
    "dues_memo__key",
    "dues_memo__first",
    "dues_memo__dues",
)


@dataclass(frozen=True, slots=True)
class Fell:
    """An obligation that fell due: its kind, due date and whether it was kept."""

    kind: str
    due_date: date
    kept: bool


def default_first(today: date) -> date:
    """Return the first day a memo covers: the first of January five years back, the start of
    the follow-up page's trend (a window starting earlier is worked out without memos)."""
    return date(today.year - 5, 1, 1)


def kept(row: dict[str, Any], as_of: date, memo_key: str, first: date) -> list[Fell] | None:
    """Return the obligations kept for the case of ``row`` (read with ``ROW_FIELDS``) due from
    ``first`` on, or None when there are none kept, they are stale or start too late."""
    if not current(row, "dues_memo", as_of, memo_key) or row["dues_memo__first"] > first:
        return None
    dues = row["dues_memo__dues"]
    if isinstance(dues, str):  # a backend that hands JSON back as text
        dues = json.loads(dues)
    return [Fell(kind, date.fromisoformat(day), bool(k)) for kind, day, k in dues]


@dataclass(frozen=True)
class Worked:
    """A case's obligations just worked out, with the stamp read before its facts."""

    case_id: int
    stamp: int
    dues: list[Fell]


#: The memo's columns, with their PostgreSQL types (``next_due_memo.upsert``).
_COLUMNS = (
    ("case_id", "bigint"),
    ("stamp", "bigint"),
    ("as_of", "date"),
    ("key", "text"),
    ("first", "date"),
    ("dues", "jsonb"),
)


def keep(worked: Iterable[Worked], as_of: date, memo_key: str, first: date) -> None:
    """Write the memos of ``worked`` (one statement, in the order of the cases)."""
    rows = [
        (
            w.case_id,
            w.stamp,
            as_of,
            memo_key,
            first,
            json.dumps([[f.kind, f.due_date.isoformat(), int(f.kept)] for f in w.dues]),
        )
        for w in sorted(worked, key=lambda w: w.case_id)
    ]
    upsert("cases_duesmemo", _COLUMNS, rows)
