"""The remembered local-date function on SQLite gives Django's answers (decision 0045)."""

import pytest
from django.db import connection
from django.db.backends.sqlite3._functions import _sqlite_datetime_cast_date

from skyddsnat import sqlitedates

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own function")
@pytest.mark.parametrize(
    "value",
    [
        "2026-03-28 23:30:00",  # 00:30 the next day in winter time
        "2026-03-29 00:59:59",  # the night the clocks go forward
        "2026-10-24 22:00:00",  # midnight in summer time
        "2026-06-30 21:59:59",
        "2026-12-31 23:00:00",
        None,
        "not a date",
    ],
)
def test_the_remembered_local_date_is_djangos(value):
    with connection.cursor() as cursor:
        for _ in range(2):
            cursor.execute(
                "SELECT django_datetime_cast_date(%s, 'Europe/Stockholm', 'UTC')", [value]
            )
            assert cursor.fetchone()[0] == _sqlite_datetime_cast_date(
                value, "Europe/Stockholm", "UTC"
            )
    assert sqlitedates.cast_date.cache_info().hits > 0
