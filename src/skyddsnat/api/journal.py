"""The journal of a case (*journal*): its signed entries, oldest first, a page at a time.

``GET /cases/{id}/journal`` has the shape of every collection of the API
(``api/pagination.py``): ``items``, ``limit``, ``next_cursor``, ``next``. Only signed entries
are listed, as on the journal page: an unsigned note is its author's draft, never the record.
The order is the entry's time, then its id; the read is the case's, audited once per page.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router

from skyddsnat.api.access import readable_case
from skyddsnat.api.pagination import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    InvalidCursor,
    Page,
    page,
    read_cursor,
)
from skyddsnat.api.schemas import ERRORS, ErrorOut, LocalDateTime, Out, codes
from skyddsnat.journal.models import EntryKind, JournalEntry

router = Router(tags=["Journal"])

Kind = codes(EntryKind)
JOURNAL = "journal"


class JournalEntryOut(Out):
    """One signed journal entry: a note, a service's event, or a correction of an entry."""

    id: int
    case_id: int
    kind: Kind
    event: str
    title: str
    text: str
    author_id: int
    author_name: str = Field(validation_alias="author.get_full_name")
    created_at: LocalDateTime
    signed_at: LocalDateTime
    signed_by_id: int | None
    corrects_id: int | None


@router.get(
    "/cases/{case_id}/journal", response={200: Page[JournalEntryOut], 400: ErrorOut, **ERRORS}
)
def list_journal(
    request: HttpRequest,
    case_id: int,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = None,
) -> Page[JournalEntryOut]:
    """Return a page of the case's signed journal entries, oldest first."""
    case = readable_case(request, case_id)
    filters = {"case": case.pk}
    key = read_cursor(JOURNAL, cursor, filters)
    entries = (
        JournalEntry.objects.filter(case_id=case.pk, signed_at__isnull=False)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    if key is not None:
        entries = entries.filter(_after(key))
    rows = list(entries[: limit + 1])
    items = [JournalEntryOut.of(e) for e in rows[:limit]]
    last = rows[limit - 1] if len(rows) > limit else None
    return page(
        request,
        JOURNAL,
        items,
        limit=limit,
        more=last is not None,
        last_key=[last.created_at.isoformat(), last.pk] if last else None,
        filters=filters,
    )


def _after(key: list) -> Q:
    """Return the condition for the entries after the one whose key is ``key``."""
    try:
        moment, pk = datetime.fromisoformat(key[0]), int(key[1])
    except (TypeError, ValueError, IndexError) as exc:
        raise InvalidCursor from exc
    return Q(created_at__gt=moment) | Q(created_at=moment, pk__gt=pk)
