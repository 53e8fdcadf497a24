"""A case's next due date, kept between requests while nothing it depends on changed (decision
0052).

A work list sorts, filters and counts every case on it by ``rules.next_due``: at 100,000
reports a manager's list has 8,989 cases, whose facts take some twenty statements and the
engine a few hundred milliseconds to work through, on every request, while hardly any of them
changed since the last one. ``NextDueMemo`` keeps the answer per case with what it depends on:

- the case's facts stamp (``FactsStamp``, raised by the database whenever any table the facts
  are read from changes for the case), read *before* the facts, so that what is kept is never
  newer than its stamp says;
- the day (an obligation becomes due soon, or overdue, as days pass);
- ``key``: a digest of the rules' code and the modules the facts are built by, and the rule
  settings (the protective cut-off, whether the municipality's own duties roll forward). A new
  release or a changed setting makes every memo stale.

A memo that does not match is worked out again from the facts and written back (one statement
for all of them). It is derived, not a record of the case: written without audit, as the list
that reads it is audited as it always was.

A list shows the first unmet obligation of each row on its page in words (its title, the
rule's explanation, the legal reference), which ``next_due`` does not build. The first time in
a day a row is shown, its facts are read and evaluated, and that obligation is kept with the
memo (``next_obligation``, ``encode``); later pages read it (``kept_obligations``, one
statement) instead of the facts of their rows. It is current under the same three conditions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from skyddsnat import codedigest, rules
from skyddsnat.cases import facts as case_facts
from skyddsnat.cases.models import NextDueMemo
from skyddsnat.rules import Obligation, RuleSettings, Status
from skyddsnat.rules.next_due import NextDue

#: The ``values()`` paths from ``Case`` that a list reads with its rows to find its memos.
ROW_FIELDS = (
    "facts_stamp__stamp",
    "next_due_memo__stamp",
    "next_due_memo__as_of",
    "next_due_memo__key",
    "next_due_memo__due_date",
    "next_due_memo__status",
    "next_due_memo__overdue",
    "next_due_memo__due_soon",
    "next_due_memo__open_count",
)


@cache
def code_digest() -> str:
    """Return a digest of the source of the rules package and of every module that builds the
    facts (``cases.facts`` and the registered sources), with every Skyddsnät module they import
    (``codedigest.closure``): what a next due date is worked out by."""
    return codedigest.digest(codedigest.closure(worked_out_by()))


def worked_out_by() -> set[Path]:
    """Return the modules a next due date is worked out from: the rules package, ``cases.facts``
    and the modules of the registered facts sources (``code_digest`` follows their imports)."""
    files = set(Path(inspect.getfile(rules)).parent.glob("*.py"))
    files.add(Path(inspect.getfile(case_facts)))
    for source in case_facts.sources():
        files.add(Path(inspect.getfile(source.of_row)))
        files.add(Path(inspect.getfile(source.load)))
    return files


def key(settings: RuleSettings) -> str:
    """Return the memo key for ``settings`` with the current code (40 characters)."""
    digest = hashlib.sha256(code_digest().encode())
    digest.update(repr(settings).encode())
    return digest.hexdigest()[:40]


def current(row: dict[str, Any], memo: str, as_of: date, memo_key: str) -> bool:
    """Return whether the memo ``memo`` (its ``values()`` prefix) read with ``row`` is current:
    worked out at the case's facts stamp, on ``as_of``, with the rules of ``memo_key``."""
    stamp = row["facts_stamp__stamp"]
    return (
        stamp is not None
        and row[f"{memo}__stamp"] == stamp
        and row[f"{memo}__as_of"] == as_of
        and row[f"{memo}__key"] == memo_key
    )


def kept(row: dict[str, Any], as_of: date, memo_key: str) -> NextDue | None:
    """Return the next due date kept for the case of ``row`` (read with ``ROW_FIELDS``), or None
    when there is none or it is stale."""
    if not current(row, "next_due_memo", as_of, memo_key):
        return None
    status = row["next_due_memo__status"]
    return NextDue(
        due_date=row["next_due_memo__due_date"],
        status=Status(status) if status else None,
        overdue=row["next_due_memo__overdue"],
        due_soon=row["next_due_memo__due_soon"],
        open_count=row["next_due_memo__open_count"],
    )


#: The dates of an ``Obligation`` (kept as ISO text).
_DATES = ("start_date", "due_date", "met_at", "as_of", "legal_last_day", "rolled_from")


def encode(obligation: Obligation) -> str:
    """Return ``obligation`` as JSON text, every field kept (``decode`` gives it back equal)."""
    data = dataclasses.asdict(obligation)
    for name in _DATES:
        data[name] = data[name].isoformat() if data[name] is not None else None
    data["status"] = str(obligation.status)
    return json.dumps(data, ensure_ascii=False)


def decode(kept: str | dict[str, Any]) -> Obligation:
    """Return the obligation ``encode`` kept (text, or already read as a dict)."""
    data = dict(json.loads(kept) if isinstance(kept, str) else kept)
    for name in _DATES:
        data[name] = date.fromisoformat(data[name]) if data[name] is not None else None
    data["status"] = Status(data["status"])
    return Obligation(**data)


def kept_obligations(
    stamps: dict[int, int], as_of: date, keys: dict[int, str]
) -> dict[int, Obligation]:
    """Return the first unmet obligation kept for each case of ``stamps`` (case id: the facts
    stamp read with its row) whose memo is current with that stamp, ``as_of`` and its key in
    ``keys`` (one statement); the others are left out."""
    if not stamps:
        return {}
    rows = NextDueMemo.objects.filter(
        case_id__in=list(stamps), as_of=as_of, next_obligation__isnull=False
    ).values_list("case_id", "stamp", "key", "next_obligation")
    return {
        case_id: decode(kept)
        for case_id, stamp, memo_key, kept in rows
        if kept is not None and stamps[case_id] == stamp and keys[case_id] == memo_key
    }


@dataclass(frozen=True)
class Worked:
    """A next due date just worked out, with the stamp read before the facts it came from, and
    the first unmet obligation in words when it was built (``evaluate``)."""

    case_id: int
    stamp: int
    key: str
    due: NextDue
    obligation: Obligation | None = None


#: The memo's columns, with their PostgreSQL types (for ``upsert``).
_COLUMNS = (
    ("case_id", "bigint"),
    ("stamp", "bigint"),
    ("as_of", "date"),
    ("key", "text"),
    ("due_date", "date"),
    ("status", "text"),
    ("overdue", "boolean"),
    ("due_soon", "boolean"),
    ("open_count", "integer"),
    ("next_obligation", "jsonb"),
)


def upsert(table: str, columns: tuple[tuple[str, str], ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` into the memo table ``table``, replacing a case's row (one statement).

    On PostgreSQL the rows go as one array per column (``unnest``): one statement executed
    once, where a statement per row cost half a second for 9,000 cases. SQLite runs the one
    statement for every row inside itself (``executemany``), in one transaction (row by row,
    autocommitted, 9,000 cases took 2 s).
    """
    if not rows:
        return
    names = ", ".join(f'"{name}"' for name, _type in columns)
    updates = ", ".join(f'"{name}" = excluded."{name}"' for name, _type in columns[1:])
    # Table and column names are this module's and dues_memo's constants; the values are
    # parameters.
    conflict = f'ON CONFLICT ("{columns[0][0]}") DO UPDATE SET {updates}'  # nosec B608
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{type_}[]" for _name, type_ in columns)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}) {conflict}",  # nosec B608
                [list(column) for column in zip(*rows, strict=True)],
            )
            return
    # One transaction: SQLite would otherwise commit every row of ``executemany`` on its own.
    values = ", ".join(["%s"] * len(columns))
    with transaction.atomic(), connection.cursor() as cursor:
        sql = f"INSERT INTO {table} ({names}) VALUES ({values}) {conflict}"  # nosec B608
        cursor.executemany(sql, rows)


def keep(worked: Iterable[Worked], as_of: date) -> None:
    """Write the memos of ``worked`` (one statement; in the order of the cases, so that two
    lists writing at once take their rows in the same order)."""
    rows = [
        (
            w.case_id,
            w.stamp,
            as_of,
            w.key,
            w.due.due_date,
            str(w.due.status) if w.due.status is not None else "",
            w.due.overdue,
            w.due.due_soon,
            w.due.open_count,
            encode(w.obligation) if w.obligation is not None else None,
        )
        for w in sorted(worked, key=lambda w: w.case_id)
    ]
    upsert("cases_nextduememo", _COLUMNS, rows)
