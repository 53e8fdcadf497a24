"""SQLite only: Django's local-date function, remembered (a ``connection_created`` receiver).

On SQLite, ``TruncDate(field, tzinfo=Europe/Stockholm)`` (the Swedish local date of a
date-time, ``indicators.expressions.local_date``) is ``django_datetime_cast_date``, a Python
function called once per row *and per mention*: an indicator's due date names the report's
local date in every branch of its ``CASE``, and the follow-up page computes five periods, so the
same few thousand values were parsed and converted tens of thousands of times (a quarter of the
page's time at 10,000 reports). The function is deterministic, so this registers the same
function behind a bounded cache: the same answers, each worked out once. PostgreSQL computes
the local date natively and is not touched (decision 0045).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.sqlite3._functions import _sqlite_datetime_cast_date

#: Distinct (value, zone, zone) triples kept; more than the date-times of a large municipality.
CACHED = 1 << 16

cast_date = lru_cache(maxsize=CACHED)(_sqlite_datetime_cast_date)


def register(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Replace ``django_datetime_cast_date`` on a new SQLite connection by the remembered one."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        "django_datetime_cast_date", 3, cast_date, deterministic=True
    )
