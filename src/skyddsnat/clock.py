"""The clock seam: services ask here for the time, tests freeze it here."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    """Return the current aware datetime."""
    return timezone.now()


def today() -> date:
    """Return today's date in Swedish local time (legal time limits count local dates)."""
    return timezone.localdate(now())
