"""Children: the concern chronology (*orosanmälningar över tid*) with its pattern flags."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router

from skyddsnat.accounts.policy import require_child
from skyddsnat.api.access import record_read
from skyddsnat.api.auth import current_user
from skyddsnat.api.schemas import ERRORS, LocalDateTime, Out, as_of_day
from skyddsnat.cases import chronology as chrono

router = Router(tags=["Barn / Children"])


class EntryOut(Out):
    case_id: int
    report_id: int
    received_at: LocalDateTime
    reporter_category: str
    reporter_category_label: str
    reasons: list[str]
    outcome: str
    outcome_label: str


class FlagOut(Out):
    code: str
    text: str


class ChronologyOut(Out):
    child_id: int
    as_of: date
    entries: list[EntryOut]
    flags: list[FlagOut]


@router.get("/children/{child_id}/chronology", response={200: ChronologyOut, **ERRORS})
def chronology(request: HttpRequest, child_id: int, as_of: date | None = None) -> ChronologyOut:
    """Return every report about the child, oldest first, and the patterns flagged on ``as_of``."""
    user = current_user(request)
    child = require_child(user, child_id)
    record_read(request, user, child)
    day = as_of_day(as_of)
    entries = chrono.chronology(child)
    return ChronologyOut(
        child_id=child.pk,
        as_of=day,
        entries=[EntryOut.of(e) for e in entries],
        flags=[FlagOut.of(f) for f in chrono.flags(entries, day)],
    )
