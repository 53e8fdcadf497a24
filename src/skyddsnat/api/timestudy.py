"""The time study (*tidsmätning*): a participant's own blocks, and nobody else's.

``GET /timestudy/day?day=2026-03-18``: the caller's blocks of one day of the open study they
take part in, with the gaps and overlaps flagged (403 for someone who takes part in none).
``GET /timestudy/blocks/{id}``: one of the caller's own blocks; anyone else's is 404, whoever
asks (``timestudy.services``). Both reads are audited.
``POST /timestudy/blocks``: register a block (start and end) in the open study; the phone's
``client_id`` makes it idempotent (the same one sent again answers the stored block).
``PATCH`` and ``DELETE /timestudy/blocks/{id}``: correct or remove one of the caller's own blocks
while the study is open (409 once it is closed; anyone else's block: 404).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router

from skyddsnat import clock
from skyddsnat.api.auth import current_user
from skyddsnat.api.schemas import ERRORS, In, Out
from skyddsnat.timestudy import services

router = Router(tags=["Tidsmätning / Time study"])


class BlockOut(Out):
    id: int
    client_id: str
    category: str = Field(validation_alias="category.code")
    category_name: str = Field(validation_alias="category.name")
    started_at: datetime
    ended_at: datetime | None


class TimeFlagOut(Out):
    kind: str
    start: datetime
    end: datetime
    minutes: int


class DayOut(Out):
    day: date
    study: str
    blocks: list[BlockOut]
    flags: list[TimeFlagOut]


def _block(block: object) -> BlockOut:
    return BlockOut.of(block, client_id=str(block.client_id))  # type: ignore[attr-defined]


@router.get("/timestudy/day", response={200: DayOut, **ERRORS})
def timestudy_day(request: HttpRequest, day: date | None = None) -> DayOut:
    """Return the caller's own blocks of ``day`` (default today) with gaps and overlaps."""
    found = services.day_of(acting_user=current_user(request), day=day or clock.today())
    return DayOut(
        day=found.day,
        study=found.participant.study.name,
        blocks=[_block(e.block) for e in found.entries],
        flags=[TimeFlagOut.of(f) for f in found.flags],
    )


@router.get("/timestudy/blocks/{block_id}", response={200: BlockOut, **ERRORS})
def timestudy_block(request: HttpRequest, block_id: int) -> BlockOut:
    """Return one of the caller's own blocks (anyone else's: 404)."""
    return _block(services.block_of(acting_user=current_user(request), block_id=block_id))


class TimeBlockIn(In):
    client_id: uuid.UUID
    category: str
    started_at: datetime
    ended_at: datetime


class TimeBlockChangeIn(In):
    category: str
    started_at: datetime
    ended_at: datetime | None = None


@router.post("/timestudy/blocks", response={201: BlockOut, **ERRORS})
def timestudy_add_block(request: HttpRequest, payload: TimeBlockIn) -> tuple[int, BlockOut]:
    """Register one of the caller's blocks afterwards (idempotent by ``client_id``)."""
    block = services.add_block(
        acting_user=current_user(request),
        client_id=payload.client_id,
        category_code=payload.category,
        started_at=payload.started_at,
        ended_at=payload.ended_at,
    )
    return 201, _block(block)


@router.patch("/timestudy/blocks/{block_id}", response={200: BlockOut, **ERRORS})
def timestudy_correct_block(
    request: HttpRequest, block_id: int, payload: TimeBlockChangeIn
) -> BlockOut:
    """Correct one of the caller's own blocks while the study is open."""
    block = services.correct_block(
        acting_user=current_user(request),
        block_id=block_id,
        category_code=payload.category,
        started_at=payload.started_at,
        ended_at=payload.ended_at,
    )
    return _block(block)


@router.delete("/timestudy/blocks/{block_id}", response={204: None, **ERRORS})
def timestudy_delete_block(request: HttpRequest, block_id: int) -> tuple[int, None]:
    """Remove one of the caller's own blocks while the study is open."""
    services.delete_block(acting_user=current_user(request), block_id=block_id)
    return 204, None
