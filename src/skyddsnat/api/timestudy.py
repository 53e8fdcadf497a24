"""The time study (*tidsmätning*): a participant's own blocks, and nobody else's.

``GET /timestudy/day?day=2026-03-18``: the caller's blocks of one day of the open study they
take part in, with the gaps and overlaps flagged (403 for someone who takes part in none).
``GET /timestudy/blocks/{id}``: one of the caller's own blocks; anyone else's is 404, whoever
asks (``timestudy.services``). Both reads are audited.
``POST /timestudy/blocks``: register a block (start and end) in the open study; the phone's
``client_id`` makes it idempotent (the same one sent again answers the stored block).
``PATCH`` and ``DELETE /timestudy/blocks/{id}``: correct or remove one of the caller's own blocks
while the study is open (409 once it is closed; anyone else's block: 404).
``GET /timestudy/category-sets``: the built-in sets and the municipality's own (a manager or the
administrator); ``POST`` defines an own set or copies one (``copy_of``); ``PUT
/timestudy/category-sets/{id}`` replaces an own set's categories, 409 once a study using it has
started.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Status

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
def timestudy_add_block(request: HttpRequest, payload: TimeBlockIn) -> Status[BlockOut]:
    """Register one of the caller's blocks afterwards (idempotent by ``client_id``)."""
    block = services.add_block(
        acting_user=current_user(request),
        client_id=payload.client_id,
        category_code=payload.category,
        started_at=payload.started_at,
        ended_at=payload.ended_at,
    )
    return Status(201, _block(block))


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
def timestudy_delete_block(request: HttpRequest, block_id: int) -> Status[None]:
    """Remove one of the caller's own blocks while the study is open."""
    services.delete_block(acting_user=current_user(request), block_id=block_id)
    return Status(204, None)


# --- the municipality's own category sets ----------------------------------------------------


class CategoryOut(Out):
    code: str
    name: str
    definition: str
    headline: str


class CategorySetOut(Out):
    id: int
    code: str
    name: str
    builtin: bool
    frozen: bool
    categories: list[CategoryOut]


class CategorySetsOut(Out):
    items: list[CategorySetOut]


class CategoryIn(In):
    code: str = Field(max_length=40)
    name: str = Field(max_length=80)
    definition: str = Field("", max_length=300)
    headline: str = ""


class CategorySetIn(In):
    code: str = Field(max_length=40)
    name: str = Field(max_length=120)
    categories: list[CategoryIn] = Field(default_factory=list, max_length=40)
    copy_of: int | None = None


class CategorySetChangeIn(In):
    code: str = Field(max_length=40)
    name: str = Field(max_length=120)
    categories: list[CategoryIn] = Field(max_length=40)


def _set(category_set: object) -> CategorySetOut:
    return CategorySetOut.of(
        category_set,
        frozen=services.is_frozen(category_set),  # type: ignore[arg-type]
        categories=[CategoryOut.of(c) for c in category_set.categories.all()],  # type: ignore[attr-defined]
    )


def _categories(payload: CategorySetIn | CategorySetChangeIn) -> list[services.CategoryIn]:
    return [services.CategoryIn(**c.model_dump()) for c in payload.categories]


@router.get("/timestudy/category-sets", response={200: CategorySetsOut, **ERRORS})
def timestudy_category_sets(request: HttpRequest) -> CategorySetsOut:
    """Return the sets a study may use: the two built-in and the municipality's own."""
    user = current_user(request)
    services.category_sets_of(acting_user=user)  # who may: a manager or the administrator
    return CategorySetsOut(items=[_set(s) for s in services.usable_category_sets(acting_user=user)])


@router.post("/timestudy/category-sets", response={201: CategorySetOut, **ERRORS})
def timestudy_create_category_set(
    request: HttpRequest, payload: CategorySetIn
) -> Status[CategorySetOut]:
    """Define an own set, or copy one (``copy_of``: a built-in set's or an own set's id)."""
    user = current_user(request)
    if payload.copy_of is not None:
        created = services.copy_category_set(
            acting_user=user, source_id=payload.copy_of, code=payload.code, name=payload.name
        )
    else:
        created = services.create_category_set(
            acting_user=user,
            code=payload.code,
            name=payload.name,
            categories=_categories(payload),
        )
    return Status(201, _set(created))


@router.put("/timestudy/category-sets/{set_id}", response={200: CategorySetOut, **ERRORS})
def timestudy_change_category_set(
    request: HttpRequest, set_id: int, payload: CategorySetChangeIn
) -> CategorySetOut:
    """Replace an own set's name, code and categories (409 once a study using it started)."""
    changed = services.update_category_set(
        acting_user=current_user(request),
        set_id=set_id,
        code=payload.code,
        name=payload.name,
        categories=_categories(payload),
    )
    return _set(changed)
