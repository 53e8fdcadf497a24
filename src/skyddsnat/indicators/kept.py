"""Indicator tables kept between requests while nothing they were counted from changed (decision
0053).

Uppföljning is the start page of managers and analysts: every indicator for the chosen period
and the four before it, some 120 statements over the municipality's whole history (3 s at
100,000 reports), while hardly anything of it changed since the last time anyone looked. A
table (one indicator, one period, one breakdown, before masking) is kept in
``cases.IndicatorMemo`` with what it depends on:

- ``fingerprint``: the municipality's case stamps (count, sum of stamps and sum of case ids
  of ``FactsStamp``: a change to anything recorded of a case raises its stamp, a new case adds
  one, a deleted case takes its own away, and ids are never reused) and its municipality stamp
  (``MunicipalityStamp``: units, staff, population, time studies), read *before* counting, so
  that what is kept is never newer than its fingerprint says;
- ``key``: what was asked (indicator, period, breakdown, the day, the municipality's units) and
  what it was counted with (a digest of the indicators' and rules' code, the rule settings, the
  time zone and the language of the labels).

A table whose memo does not match is counted again and written back (one statement for all of
them); memos of earlier days are removed then. The masking is the viewer's and is applied after,
to a kept table as to a counted one. Derived, not a record: written without audit, as the page
that reads it is audited as it always was.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import get_language

from skyddsnat import clock, codedigest
from skyddsnat.cases import next_due_memo
from skyddsnat.cases.models import IndicatorMemo
from skyddsnat.indicators.measures import Cell, Context, Table


def counted_by() -> list[Path]:
    """Return the source files a count runs: the indicators package's, and every Skyddsnät
    module it imports, followed to the end (``codedigest.closure``: ``timestudy.services`` and
    what it imports, ``actionplans.followup``, the models and choices it filters by …), found
    by reading the imports so that a new one is not left out."""
    return codedigest.closure(Path(inspect.getfile(Table)).parent.glob("*.py"))


@cache
def code_digest() -> str:
    """Return a digest of the source a count runs (``counted_by``) and of what the rules are
    worked out by (``next_due_memo.code_digest``): a release that changes a count makes every
    memo stale."""
    digest = hashlib.sha256(next_due_memo.code_digest().encode())
    digest.update(codedigest.digest(counted_by()).encode())
    return digest.hexdigest()


def fingerprint(municipality_id: int) -> str:
    """Return what the municipality's indicators are counted from, as it stands (one statement).

    Read before counting: a table kept with it is never newer than it says.
    """
    with connection.cursor() as cur:
        cur.execute(
            "SELECT COUNT(*), COALESCE(SUM(s.stamp), 0), COALESCE(SUM(s.case_id), 0), "
            "(SELECT stamp FROM cases_municipalitystamp WHERE municipality_id = %s) "
            "FROM cases_factsstamp s JOIN cases_case c ON c.id = s.case_id "
            "WHERE c.municipality_id = %s",
            [municipality_id, municipality_id],
        )
        count, stamps, ids, municipal = cur.fetchone()
    return f"{count}:{stamps}:{ids}:{municipal or 0}"


def key(indicator_id: str, ctx: Context, dimension: str | None) -> str:
    """Return the memo key of one indicator's table for ``ctx`` split by ``dimension``."""
    digest = hashlib.sha256(code_digest().encode())
    for part in (
        indicator_id,
        ctx.span.period.code,
        ctx.span.today.isoformat(),
        dimension or "",
        ",".join(map(str, ctx.units)),
        repr(settings.SKYDDSNAT_RULE_SETTINGS),
        settings.TIME_ZONE,
        get_language() or "",
    ):
        digest.update(b"\x00" + str(part).encode())
    return digest.hexdigest()


# --- the table as JSON -----------------------------------------------------------------------


def _number(value: Any) -> Any:
    """Return a number as JSON keeps it exactly (a Decimal as its text, tagged)."""
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return value


def _read_number(value: Any) -> Any:
    if isinstance(value, dict):
        return Decimal(value["decimal"])
    return value


def encode(table: Table) -> dict[str, Any]:
    """Return ``table`` as JSON that ``decode`` turns back into the same table."""
    return {
        "units": list(table.units),
        "categories": (
            None
            if table.categories is None
            else [[code, str(label)] for code, label in table.categories]
        ),
        "cells": [
            [
                unit,
                code,
                _number(cell.value),
                _number(cell.numerator),
                _number(cell.denominator),
                cell.size,
                cell.is_share,
                cell.reported,
                cell.extra,
                cell.note,
            ]
            for (unit, code), cell in table.cells.items()
        ],
    }


def decode(data: dict[str, Any]) -> Table:
    """Return the table ``encode`` gave ``data`` for."""
    cells = {}
    for unit, code, value, numerator, denominator, size, share, reported, extra, note in data[
        "cells"
    ]:
        cells[(unit, code)] = Cell(
            value=_read_number(value),
            numerator=_read_number(numerator),
            denominator=_read_number(denominator),
            size=size,
            is_share=share,
            reported=reported,
            extra=extra,
            note=note,
        )
    categories = data["categories"]
    return Table(
        cells=cells,
        units=tuple(data["units"]),
        categories=None if categories is None else tuple((c, label) for c, label in categories),
    )


# --- the store of one computation -------------------------------------------------------------


class Store:
    """The kept tables of one computation (a page's indicators over its periods).

    ``load`` reads the fingerprint and then every memo asked for that matches it (two
    statements); ``tables`` returns each indicator's tables, counting only the periods not
    kept; ``save`` writes what was counted (one statement, and one removing earlier days').

    With ``stale_ok`` (Uppföljning, decision 0054) ``load`` also reads the memos of the day that
    no longer match, and ``show_stale`` takes them as kept when every table asked for is kept
    today; ``queue_count`` marks them queued for the fingerprint (one statement, one row).
    """

    def __init__(self, municipality_id: int, today: date, *, stale_ok: bool = False) -> None:
        self.municipality_id = municipality_id
        self.today = today
        self.stale_ok = stale_ok
        self.fingerprint = ""
        #: When the oldest stale table taken by ``show_stale`` was counted (None: unknown).
        self.shown_counted_at: datetime | None = None
        self._found: dict[str, Table] = {}
        self._stale: dict[str, tuple[Any, datetime | None]] = {}
        self._shown_stale: list[str] = []
        self._counted: dict[str, Table] = {}

    def load(self, keys: Sequence[str]) -> None:
        self.fingerprint = fingerprint(self.municipality_id)
        rows = IndicatorMemo.objects.filter(
            municipality_id=self.municipality_id,
            key__in=list(dict.fromkeys(keys)),
            made_on=self.today,
        )
        if not self.stale_ok:
            rows = rows.filter(fingerprint=self.fingerprint)
        for k, kept_from, table, counted_at in rows.values_list(
            "key", "fingerprint", "table", "counted_at"
        ):
            if kept_from == self.fingerprint:
                self._found[k] = decode(table)
            else:
                self._stale[k] = (table, counted_at)

    def show_stale(self, keys: Sequence[str]) -> bool:
        """Take the stale tables of ``keys`` as kept if every one of ``keys`` is kept today, and
        some are stale; return whether it did."""
        stale = sorted({k for k in keys if k not in self._found})
        if not stale or any(k not in self._stale for k in stale):
            return False
        times = [self._stale[k][1] for k in stale]
        for k in stale:
            self._found[k] = decode(self._stale[k][0])
        self._shown_stale = stale
        self.shown_counted_at = None if None in times else min(t for t in times if t)
        return True

    def queue_count(self) -> bool:
        """Mark the stale tables shown as queued for a count from the fingerprint read; return
        whether this was the first to (and so is to queue it).

        The mark is on the first of them by key, one row: a row already marked for the
        fingerprint is left, and of two requests at once the second waits for the first's row
        lock and then finds it marked. One row, so two requests never lock rows in opposite
        orders; the worker's count writes its tables back unmarked.
        """
        return (
            IndicatorMemo.objects.filter(
                municipality_id=self.municipality_id,
                key=self._shown_stale[0],
                made_on=self.today,
            )
            .exclude(queued_for=self.fingerprint)
            .update(queued_for=self.fingerprint)
            > 0
        )

    def tables(
        self,
        keys: Sequence[str],
        ctxs: Sequence[Context],
        count: Callable[[Sequence[Context]], list[Table]],
    ) -> list[Table]:
        """Return the table of each context (``keys`` in the same order), those not kept
        counted by ``count`` (for the contexts missing, in their order)."""
        missing = [i for i, k in enumerate(keys) if k not in self._found and k not in self._counted]
        if missing:
            counted = count([ctxs[i] for i in missing])
            for i, table in zip(missing, counted, strict=True):
                self._counted[keys[i]] = table
        return [self._found.get(k) or self._counted[k] for k in keys]

    def none_kept(self, keys: Sequence[str]) -> bool:
        """Return whether none of ``keys`` is kept (all are to be counted)."""
        return not any(k in self._found for k in keys)

    def add(self, keys: Sequence[str], tables: Sequence[Table]) -> None:
        """Take ``tables``, counted for ``keys`` (in the same order), to keep with the others."""
        for k, table in zip(keys, tables, strict=True):
            self._counted[k] = table

    @property
    def counted(self) -> int:
        """How many tables this computation counted (not kept)."""
        return len(self._counted)

    def save(self) -> None:
        if not self._counted:
            return
        counted_at = clock.now()
        rows = [
            IndicatorMemo(
                municipality_id=self.municipality_id,
                key=k,
                fingerprint=self.fingerprint,
                made_on=self.today,
                counted_at=counted_at,
                queued_for="",
                table=encode(table),
            )
            # In the order of the key, so that two requests writing the same memos lock them
            # in the same order.
            for k, table in sorted(self._counted.items())
        ]
        with transaction.atomic():
            IndicatorMemo.objects.filter(
                municipality_id=self.municipality_id, made_on__lt=self.today
            ).delete()
            IndicatorMemo.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["municipality", "key"],
                update_fields=["fingerprint", "made_on", "counted_at", "queued_for", "table"],
            )
        self._found.update(self._counted)
        self._counted = {}
