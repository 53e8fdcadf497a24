"""Collections of the API: one page at a time, in a stable order, behind an opaque cursor.

A collection (``GET /cases``, ``GET /cases/{id}/journal``) answers ``{"items": […],
"limit": n, "next_cursor": "…" | null, "next": "/api/v1/…?…&cursor=…" | null}``. The order is
fixed by each collection (a key that never changes, the id last), and a page continues after
the last item of the one before it (keyset pagination): an item added or removed meanwhile
moves nothing, so a client walking the pages meets every item that stayed once.

The cursor is the last item's key and the query's filters, signed (``django.core.signing``
with a salt per collection): a cursor that was changed, or is used with other filters or for
another collection, is refused with 400 and a Swedish message (``InvalidCursor``). It is opaque
to the client, not secret: it holds ids, never personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic, TypeVar

from django.core import signing
from django.http import HttpRequest
from django.utils.http import urlencode
from pydantic import BaseModel

from skyddsnat.errors import ServiceError

#: How many items a page holds when the client does not say, and at most.
DEFAULT_LIMIT = 50
MAX_LIMIT = 200

T = TypeVar("T")


class InvalidCursor(ServiceError):
    """A cursor this server did not give for this query (changed, or from another query)."""

    status = 400

    def __init__(self) -> None:
        message = (
            "Markören (cursor) är ogiltig. Använd värdet av next_cursor eller länken next "
            "från föregående sida, med samma filter."
        )
        super().__init__(message, {"cursor": [message]})


class Page(BaseModel, Generic[T]):
    """One page of a collection; ``next`` is the address of the following page, if any."""

    items: list[T]
    limit: int
    next_cursor: str | None
    next: str | None


def _salt(collection: str) -> str:
    return f"skyddsnat.api.cursor.{collection}"


def _filters(filters: Mapping[str, Any]) -> list[list[str]]:
    """Return the filters in a stable form (the ones given, sorted by name)."""
    return sorted([name, str(value)] for name, value in filters.items() if value is not None)


def make_cursor(collection: str, key: list[Any], filters: Mapping[str, Any]) -> str:
    """Return the cursor that continues ``collection`` after ``key`` for the same ``filters``."""
    return signing.dumps({"k": key, "f": _filters(filters)}, salt=_salt(collection), compress=True)


def read_cursor(
    collection: str, cursor: str | None, filters: Mapping[str, Any]
) -> list[Any] | None:
    """Return the key ``cursor`` continues after (None: the first page).

    Raise ``InvalidCursor`` when the cursor was not made by ``make_cursor`` for this
    collection and these filters.
    """
    if not cursor:
        return None
    try:
        value = signing.loads(cursor, salt=_salt(collection))
    except signing.BadSignature as exc:
        raise InvalidCursor from exc
    if not isinstance(value, dict) or value.get("f") != _filters(filters):
        raise InvalidCursor
    key = value.get("k")
    if not isinstance(key, list):
        raise InvalidCursor
    return key


def page(
    request: HttpRequest,
    collection: str,
    items: list[T],
    *,
    limit: int,
    more: bool,
    last_key: list[Any] | None,
    filters: Mapping[str, Any],
) -> Page[T]:
    """Return the page of ``items`` (at most ``limit``), with the cursor and address of the
    next page when ``more`` items follow the one whose key is ``last_key``."""
    if not more or last_key is None:
        return Page[T](items=items, limit=limit, next_cursor=None, next=None)
    cursor = make_cursor(collection, last_key, filters)
    query = {name: _query_value(value) for name, value in filters.items() if value is not None}
    query |= {"limit": limit, "cursor": cursor}
    return Page[T](
        items=items,
        limit=limit,
        next_cursor=cursor,
        next=f"{request.path}?{urlencode(query)}",
    )


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
