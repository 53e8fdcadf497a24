"""The search keys of a child (*Sök barn*, decision 0048): what a name is found by, kept in an
indexed column beside the name so that a search reads an index, not every child.

A name is found by any part of any of its words, whatever case it is typed in and in whichever
Unicode form (``Å`` as one character or as ``A`` and a combining ring): the key is the first
and last names in Unicode NFKC, case-folded, hyphens read as spaces, the words separated by
single spaces with one before and one after. Letters keep their marks: ``å``, ``ä``, ``ö`` and
``é`` are letters of their own, as a caseworker reads them, so ``Asa`` does not find ``Åsa``.

The identity number needs no key of its own: it is stored normalised already
(``people.identity``), 12 ASCII digits.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import models

#: Read as a space between two words: white space and every kind of dash.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
#: The longest key: both names at their longest, the spaces around and between.
MAX_LENGTH = 203


def normalised_words(text: str) -> list[str]:
    """Return the words of ``text`` as a key holds them (NFKC, case-folded, split at white
    space and dashes)."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text or "").casefold())
    return [word for word in _SEPARATORS.split(folded) if word]


def name_key(first_name: str, last_name: str) -> str:
    """Return the search key of a child named ``first_name`` ``last_name``."""
    words = normalised_words(f"{first_name} {last_name}")
    return f" {' '.join(words)} "[:MAX_LENGTH] if words else ""


class NameKeyField(models.CharField):
    """The name's search key, computed from the record's names whenever it is saved (also by
    ``bulk_create``, which asks every field for its value through ``pre_save``)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = name_key(model_instance.first_name, model_instance.last_name)  # type: ignore[attr-defined]
        setattr(model_instance, self.attname, value)
        return value
