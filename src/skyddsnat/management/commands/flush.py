"""``manage.py flush``: Django's, allowed past the append-only triggers of the SQLite database.

Flush empties every table (the test suite does it after each test that commits). On SQLite it
deletes row by row, which the triggers on signed rows, the registered report and the audit log
refuse; this lets exactly this command through (``disposal.allowing``). On PostgreSQL it is a
``TRUNCATE``, which only the tables' owner may run: the application's role is refused.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush

from skyddsnat.disposal import allowing


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with allowing("disposal", "flush", using=options["database"]):
            super().handle(**options)
