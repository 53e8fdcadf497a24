"""Signed records: append-only once signed (*nothing signed is changed or lost*).

A model that inherits ``SignedRecord`` gets ``signed_at``/``signed_by``. Once ``signed_at`` is
set the row can no longer be changed or deleted: the services refuse it
(``ensure_unsigned``), and the database refuses it too: a trigger per table, installed by the
``journal`` app's migration ``0002_signed_rows_append_only`` for the tables in its frozen
``SIGNED_TABLES`` (decision 0002). A new subclass needs a migration that installs its trigger;
``tests/db/test_signed_triggers.py`` fails until it has one.
A correction is a new record that points at the one it corrects.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

from skyddsnat.errors import StateConflict


class SignedRecordError(StateConflict):
    """Raised when code tries to change a signed record (a 409, like every state conflict)."""


class SignedRecord(models.Model):
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


def ensure_unsigned(record: SignedRecord) -> None:
    """Raise ``SignedRecordError`` if ``record`` is signed."""
    if record.is_signed:
        raise SignedRecordError(
            _("Uppgiften är signerad och kan inte ändras. Skriv en rättelse i stället.")
        )
