"""Shared schema pieces: code lists from the choices, strict input, answers read from objects.

Field names and codes are those of docs/spec/process.md. Dates are ISO dates (``YYYY-MM-DD``)
and named ``*_at`` as in docs/spec/api.md (``decided_at``, ``held_at``); the services and models
call them ``*_on``, and ``In.arguments()`` and ``Out`` translate. The date-times ``received_at``
and ``made_at`` must carry an offset.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Annotated, Any, Literal, Self, get_args

from django.db import models
from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, AliasChoices, AliasGenerator, AwareDatetime, ConfigDict
from pydantic.fields import FieldInfo

from skyddsnat import clock
from skyddsnat.errors import InvalidInput

#: A date-time with an offset (``2026-03-02T09:15:00+01:00``); a naive one is refused.
DateTime = AwareDatetime


def _swedish_time(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


#: An output date-time, in Swedish local time with its offset.
LocalDateTime = Annotated[datetime, AfterValidator(_swedish_time)]


def _service_name(name: str, field: FieldInfo) -> str:
    """Return the services' name of an input field: ``held_on`` for the date ``held_at``."""
    day = field.annotation is date or set(get_args(field.annotation)) == {date, type(None)}
    return name.removesuffix("_at") + "_on" if day and name.endswith("_at") else name


def _read_as(name: str) -> str | AliasChoices:
    """Return where an answer's field is read from: ``held_at`` from ``held_at`` or ``held_on``."""
    return AliasChoices(name, name.removesuffix("_at") + "_on") if name.endswith("_at") else name


def codes(choices: type[models.TextChoices] | Iterable[str]) -> Any:
    """Return a ``Literal`` of the codes, so that the OpenAPI document lists them."""
    values = choices.values if isinstance(choices, type) else list(choices)
    return Literal[tuple(values)]  # type: ignore[valid-type]


class In(Schema):
    """An input document: an unknown field is an error (it is usually a misspelt name)."""

    model_config = ConfigDict(extra="forbid")

    def arguments(self, **converted: Any) -> dict[str, Any]:
        """Return the fields as the service's keyword arguments, under the services' names.

        A date named ``*_at`` is the services' ``*_on``. ``converted``: the fields the caller
        converts itself (``reason=payload.reason or ""``).
        """
        fields = type(self).model_fields
        dumped = self.model_dump().items()
        return {_service_name(name, fields[name]): value for name, value in dumped} | converted


class _With:
    """An object's attributes, with ``more`` in front."""

    def __init__(self, obj: object, more: Mapping[str, Any]) -> None:
        self._obj, self._more = obj, more

    def __getattr__(self, name: str) -> Any:
        return self._more[name] if name in self._more else getattr(self._obj, name)


class Out(Schema):
    """An answer, read from the object it shows: ``VisitOut.of(visit)``.

    A field ``held_at`` is read from ``held_at``, or else ``held_on``; another field that shows
    an attribute of another name says so with ``Field(validation_alias=…)`` (a dotted path reads
    through: ``status.label_sv``). What the object does not hold is given to ``of`` by name. An
    answer also validates by its own field names: ninja validates a handler's answer again.
    """

    model_config = ConfigDict(
        alias_generator=AliasGenerator(validation_alias=_read_as), validate_by_name=True
    )

    @classmethod
    def of(cls, obj: object, **more: Any) -> Self:
        """Return the answer showing ``obj``, with ``more`` for the fields it does not hold."""
        return cls.model_validate(_With(obj, more) if more else obj)


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


class CaseRef(Out):
    id: int
    child_id: int


#: The first day an ``as_of`` may name: the calendar counts months and years back from it.
FIRST_DAY = date(1900, 1, 1)


def as_of_day(as_of: date | None) -> date:
    """The day a status is asked for: today by default, never before 1900 (422 ``as_of``)."""
    if as_of is None:
        return clock.today()
    if as_of < FIRST_DAY:
        raise InvalidInput.field("as_of", "Ange ett datum från 1900-01-01 och framåt.")
    return as_of
