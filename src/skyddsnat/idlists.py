"""A column among a list of ids just read from the database: one condition, written for each
database (decision 0050).

A work list reads its cases' ids first, then the facts of exactly those cases: a dozen
statements, each with the same list of thousands of ids (8,989 for a manager of two units at
100,000 reports). Written as ``IN (%s, %s, …)``, every statement carries thousands of
parameters. On PostgreSQL that cost more than the statements themselves: the driver quotes every
value into the statement text and the server parses and plans the long list again, about
30–120 ms per statement whatever it reads. There the list goes as one array parameter,
``= ANY(%s)``, which PostgreSQL plans as it plans ``IN`` (it estimates the rows from the array's
values, so the plans do not change). SQLite has no arrays and reads the plain list cheaply.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db.models import BooleanField, Expression, F

#: Above this many ids, SQLite gets them as one JSON array (``json_each``) instead of a list.
SQLITE_LIST_MAX = 1000


class IdIn(Expression):
    """``column`` is one of ``ids``: a condition for ``QuerySet.filter``. ``ids`` must not be
    empty (nothing would match; say so before asking)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, column: str | Expression, ids: Iterable[int]) -> None:
        super().__init__()
        self.column = F(column) if isinstance(column, str) else column
        self.ids = [int(i) for i in ids]
        if not self.ids:
            raise ValueError("IdIn needs at least one id.")

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: list[Any]) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        # ``sql`` is the column as the ORM compiled it; the ids are parameters.
        sql, params = compiler.compile(self.column)
        if len(self.ids) > SQLITE_LIST_MAX:
            return (
                f"{sql} IN (SELECT value FROM json_each(%s))",  # nosec B608
                [*params, json.dumps(self.ids)],
            )
        return f"{sql} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.column)
        return f"{sql} = ANY(%s::bigint[])", [*params, self.ids]
