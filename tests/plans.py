"""Helpers for the tests that read PostgreSQL's plans: the statements a piece of code runs, and
the rows each plan node read from a table (``EXPLAIN (ANALYZE, FORMAT JSON)``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection


@dataclass(frozen=True)
class Statement:
    sql: str
    params: Any


@contextmanager
def recording(into: list[Statement]) -> Iterator[None]:
    """Record every statement the connection executes, with its parameters."""

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any):
        into.append(Statement(sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


def rows_read(plan: dict, table: str) -> Iterator[int]:
    """Yield, for each node of the plan on ``table``, the rows it read (returned or filtered
    out) over all its loops."""
    if plan.get("Relation Name") == table:
        per_loop = (
            plan.get("Actual Rows", 0)
            + plan.get("Rows Removed by Filter", 0)
            + plan.get("Rows Removed by Index Recheck", 0)
        )
        yield per_loop * plan.get("Actual Loops", 1)
    for child in plan.get("Plans", ()):
        yield from rows_read(child, table)
