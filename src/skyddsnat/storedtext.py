"""Every text the project stores fits its field: checked as it is saved, for every model at once.

A service validates what it is about; what every text field needs is checked here, once, for
every model of the project and every door (web, API, commands), in a ``pre_save`` receiver
(connected in ``skyddsnat/apps.py``):

- a ``CharField`` holds at most its ``max_length`` characters (PostgreSQL answered a longer
  one with a 500, SQLite stored it);
- a ``TextField`` holds at most ``limits.MAX_TEXT_CHARS`` characters (or its own
  ``max_length``);
- no text holds a character that cannot be stored (``limits.bad_character``: NUL, a lone
  surrogate).

A text that does not fit raises ``InvalidInput`` with the field's Swedish name: the service's
transaction is rolled back, so nothing is stored, and each door answers 422 with the message
next to the field (``web/posting.py``, ``api/errors.py``). Rows written in bulk
(``bulk_create``) do not pass here: a service that writes texts that way checks them first
with ``refuse``, which raises the same error.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from skyddsnat.errors import InvalidInput
from skyddsnat.limits import MAX_TEXT_CHARS, bad_character, too_long

PROJECT = "skyddsnat."


def limit_of(field: models.Field) -> int | None:
    """Return the most characters ``field`` may hold, or None when it holds no text."""
    if isinstance(field, models.TextField):
        return field.max_length or MAX_TEXT_CHARS
    if isinstance(field, models.CharField):
        return field.max_length
    return None


def problems(instance: models.Model, only: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Return each text field of ``instance`` (of ``only`` those, when given) that cannot be
    stored, with the Swedish reason."""
    found: dict[str, list[str]] = {}
    names = None if only is None else set(only)
    for field in instance._meta.concrete_fields:
        if names is not None and field.name not in names and field.attname not in names:
            continue
        limit = limit_of(field)
        value = getattr(instance, field.attname, None)
        if limit is None or not isinstance(value, str):
            continue
        subject = _subject(field)
        reason = bad_character(value, subject)
        if reason is None and len(value) > limit:
            reason = too_long(len(value), limit, subject)
        if reason is not None:
            found[field.name] = [reason]
    return found


def _subject(field: models.Field) -> str:
    """Return what a message calls the field's text: by its Swedish name, when it has one."""
    named = str(field.verbose_name)
    if named == field.name.replace("_", " "):  # Django's default: the English attribute name
        return "Texten"
    return f"Texten i ”{named}”"


def check_texts(
    sender: type[models.Model],
    instance: models.Model,
    raw: bool = False,
    update_fields: Iterable[str] | None = None,
    **kwargs: Any,
) -> None:
    """``pre_save``: refuse a row of the project whose texts do not fit their fields.

    Only the fields being written are checked (``update_fields``), so a row stored before a
    limit existed can still have its other fields changed; fixtures (``raw``) are loaded as
    they are.
    """
    if raw or not sender.__module__.startswith(PROJECT):
        return
    _raise_if(problems(instance, update_fields))


def refuse(instances: Iterable[models.Model]) -> None:
    """Raise ``InvalidInput`` as ``check_texts`` does when a text of ``instances`` (about to be
    written with ``bulk_create``, which sends no ``pre_save``) does not fit its field."""
    for instance in instances:
        _raise_if(problems(instance))


def _raise_if(found: dict[str, list[str]]) -> None:
    if found:
        raise InvalidInput("Uppgifterna kunde inte sparas. Rätta fälten nedan.", found)
