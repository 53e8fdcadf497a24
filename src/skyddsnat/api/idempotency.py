"""``Idempotency-Key``: the same key and body return the first result instead of a second object.

A writing handler is decorated with ``idempotent(status)``: it takes the optional header, and the
handler's body runs through ``run``. The work and the record of its answer are written in one
transaction, so a retry after a lost answer finds either both or neither. A failed request
records nothing, so it can be retried with the same key. The key belongs to the user; a key
reused for a different request (another path or body) is refused. Keys expire after
``KEY_LIFETIME``.

The transaction claims the key before it does the work: it inserts the record first and fills
in the answer at the end. Two requests with the same key at the same moment (a client that
retried too soon) are thereby put one after the other by the database's unique constraint — on
PostgreSQL the second insert waits until the first transaction ends, on SQLite the second
transaction waits for the write lock (``BEGIN IMMEDIATE``, decision 0013) — and the second
replays the first's answer instead of doing the work again (which for an action such as
closing an investigation would be refused as already done).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import typing
from collections.abc import Callable
from datetime import timedelta
from typing import Annotated, Any, TypeAlias

from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Header, Schema, Status

from skyddsnat.accounts.models import User
from skyddsnat.api.auth import current_user
from skyddsnat.api.models import IdempotencyRecord
from skyddsnat.errors import InvalidInput

HEADER = "Idempotency-Key"
KEY_LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 255

Key = Annotated[
    str | None,
    Header(
        alias=HEADER,
        description="Valfri unik nyckel (t.ex. ett UUID): samma nyckel och samma innehåll ger "
        "det första svaret i stället för ett nytt objekt. / Optional unique key: the same key "
        "and body return the first response instead of creating a second object.",
    ),
]

#: What a writing handler returns: its status and body, or the replayed first answer.
Answer: TypeAlias = Status[dict[str, Any]] | JsonResponse


def fingerprint(request: HttpRequest) -> str:
    """Return a digest of what the request asks for: method, path and JSON body."""
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        body = request.body.decode(errors="replace")
    canonical = json.dumps(
        [request.method, request.path, body], sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _stored(user: User, key: str) -> IdempotencyRecord | None:
    record = IdempotencyRecord.objects.filter(user=user, key=key).first()
    if record is not None and record.created_at < timezone.now() - KEY_LIFETIME:
        record.delete()
        return None
    return record


def _replay(record: IdempotencyRecord, digest: str) -> JsonResponse:
    if record.fingerprint != digest:
        raise InvalidInput.field(
            HEADER,
            "Nyckeln har redan använts för en annan begäran. Använd en ny nyckel för nya uppgifter.",
        )
    response = JsonResponse(
        record.body, status=record.status, json_dumps_params={"ensure_ascii": False}
    )
    response["Idempotent-Replayed"] = "true"
    return response


def run(request: HttpRequest, key: str | None, status: int, work: Callable[[], Schema]) -> Answer:
    """Do ``work`` in a transaction and answer ``status`` with its result, at most once per key."""
    if key is None:
        with transaction.atomic():
            return Status(status, work().model_dump(mode="json"))
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidInput.field(HEADER, f"Ange en nyckel på 1–{MAX_KEY_LENGTH} tecken.")
    user = current_user(request)
    digest = fingerprint(request)
    record = _stored(user, key)
    if record is not None:
        return _replay(record, digest)
    try:
        with transaction.atomic():
            claim = _claim(user, key, digest)
            body = work().model_dump(mode="json")
            claim.status, claim.body = status, body
            claim.save(update_fields=["status", "body"])
    except _Claimed:
        # A concurrent request with the same key came first and has committed its answer.
        record = _stored(user, key)
        if record is None:
            raise
        return _replay(record, digest)
    return Status(status, body)


class _Claimed(IntegrityError):
    """Another request holds the key (raised out of the transaction, which it rolls back)."""


def _claim(user: User, key: str, digest: str) -> IdempotencyRecord:
    """Insert the key's record, without its answer yet, or raise ``_Claimed``.

    Only this transaction sees the record until it commits with the answer filled in.
    """
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(
                user=user, key=key, fingerprint=digest, status=0, body={}
            )
    except IntegrityError as exc:
        raise _Claimed from exc


def idempotent(status: int) -> Callable[[Callable[..., Schema]], Callable[..., Answer]]:
    """Make a writing handler answer ``status`` with what it returns, at most once per key.

    The handler (``request`` and its path and body parameters, returning the answer's schema)
    gets the optional ``Idempotency-Key`` header added to its signature for ninja, and runs in a
    transaction through ``run``.
    """

    def decorate(handler: Callable[..., Schema]) -> Callable[..., Answer]:
        @functools.wraps(handler)
        def view(request: HttpRequest, *args: Any, idempotency_key: str | None = None, **kwargs):
            return run(request, idempotency_key, status, lambda: handler(request, *args, **kwargs))

        hints = typing.get_type_hints(handler, include_extras=True)
        params = [
            p.replace(annotation=hints.get(p.name, p.annotation))
            for p in inspect.signature(handler).parameters.values()
        ]
        key = inspect.Parameter(
            "idempotency_key", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Key
        )
        view.__signature__ = inspect.Signature([*params, key], return_annotation=Answer)  # type: ignore[attr-defined]
        return view

    return decorate
