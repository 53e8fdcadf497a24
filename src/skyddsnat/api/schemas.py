"""Shared schema pieces: code lists from the choices, strict input, the error document.

Field names and codes are those of docs/spec/process.md. Dates are ISO dates (``YYYY-MM-DD``)
and named ``*_at`` as in docs/spec/api.md (``decided_at``, ``held_at``); the services call them
``*_on``. The date-times ``received_at`` and ``made_at`` must carry an offset.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any, Literal

from django.db import models
from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, ConfigDict

#: A date-time with an offset (``2026-03-02T09:15:00+01:00``); a naive one is refused.
DateTime = AwareDatetime


def _swedish_time(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


#: An output date-time, in Swedish local time with its offset.
LocalDateTime = Annotated[datetime, AfterValidator(_swedish_time)]


def codes(choices: type[models.TextChoices] | Iterable[str]) -> Any:
    """Return a ``Literal`` of the codes, so that the OpenAPI document lists them."""
    values = choices.values if isinstance(choices, type) else list(choices)
    return Literal[tuple(values)]  # type: ignore[valid-type]


class In(Schema):
    """An input document: an unknown field is an error (it is usually a misspelt name)."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    """The error document of every 4xx answer; ``errors`` maps a field to its messages."""

    detail: str
    errors: dict[str, list[str]] = {}


#: The error answers to list in the OpenAPI document of a handler.
ERRORS: dict[int, type[Schema]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class CaseRef(Schema):
    id: int
    child_id: int
