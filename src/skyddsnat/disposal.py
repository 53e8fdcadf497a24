"""Disposal (*gallring*): the one way signed rows and registered reports leave the database.

Signed rows, the registered report (with its reasons) and the audit log are append-only in the
database itself (decisions 0002 and 0014). A signed row or a report is deleted only inside
``disposal()``:

- **PostgreSQL**: the block is one transaction that sets ``skyddsnat.disposal = 'on'``, and the
  triggers let it through only when the role running it is the tables' owner (or a member of
  it; ``journal/migrations/0005``). Anyone may set the variable; the application's role, which
  does not own the tables (docs/security.md, "Database roles"), is refused all the same. So
  ``disposal()`` runs on the owner's connection: the ``owner`` database alias when
  ``SKYDDSNAT_MIGRATION_DATABASE_URL`` configures it (``settings.py``), else ``default``.
- **SQLite**: the triggers ask the function ``skyddsnat_allows('disposal')``, which this module
  registers on every connection the application opens; it says yes only inside this block, in
  this process. SQL alone cannot switch it on. Whoever holds the database file can still do
  anything (drop the triggers), and the documentation says so.

The audit log is never disposed of: its rows are refused under ``disposal()`` too. Only
``manage.py flush`` (which empties every table, for the test suite) goes further on SQLite, with
``allowing("flush")``; on PostgreSQL flush is a ``TRUNCATE`` only the owner may run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

#: The database alias of the role that owns the tables, when it is configured apart.
OWNER_ALIAS = "owner"

#: What a SQLite connection lets through at the moment (``skyddsnat_allows(what)``).
_ALLOWED = "skyddsnat_allowed"


def owner_alias() -> str:
    """Return the alias that connects as the tables' owner: ``owner`` if configured, else default."""
    return OWNER_ALIAS if OWNER_ALIAS in settings.DATABASES else DEFAULT_DB_ALIAS


@contextmanager
def allowing(*what: str, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Let this process's SQLite connection ``using`` pass the triggers that ask for ``what``."""
    connection = connections[using]
    before = getattr(connection, _ALLOWED, frozenset())
    setattr(connection, _ALLOWED, before | set(what))
    try:
        yield
    finally:
        setattr(connection, _ALLOWED, before)


@contextmanager
def disposal(using: str | None = None) -> Iterator[str]:
    """Open a transaction in which signed rows and registered reports may be deleted.

    Yields the alias to delete through (the owner's, see ``owner_alias``). On PostgreSQL the
    triggers refuse it all the same unless that connection's role owns the tables.
    """
    alias = using or owner_alias()
    connection = connections[alias]
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql":
            # SET LOCAL lasts to the end of the outermost transaction, not of this block's
            # savepoint: the value before is put back on the way out (a rollback undoes it).
            with connection.cursor() as cursor:
                cursor.execute("SELECT coalesce(current_setting('skyddsnat.disposal', true), '')")
                before = cursor.fetchone()[0]
                cursor.execute("SET LOCAL skyddsnat.disposal = 'on'")
            yield alias
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('skyddsnat.disposal', %s, true)", [before])
        else:
            with allowing("disposal", using=alias):
                yield alias


def register_sqlite_functions(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Give a new SQLite connection ``skyddsnat_allows(what)`` (a ``connection_created`` receiver)."""
    if connection.vendor != "sqlite":
        return

    def allows(what: str) -> int:
        return int(what in getattr(connection, _ALLOWED, frozenset()))

    connection.connection.create_function("skyddsnat_allows", 1, allows)
