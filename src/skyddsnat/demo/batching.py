"""Make the service calls of the demo loader cheaper without changing what they write.

Loading two years of history calls the services tens of thousands of times. Two things here cut
the SQL statements per call without changing a single row: the audit rows and the journal
*event* entries the services create are queued and inserted in bulk at the end of each batch
(nobody reads them back while loading), and the services' per-call savepoints are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, models

from skyddsnat.audit.models import AuditEvent
from skyddsnat.journal.models import EntryKind, JournalEntry


@contextmanager
def deferred_inserts() -> Iterator[Callable[[], None]]:
    """Queue the audit rows and journal events the services create; yield the flush.

    The rows are exactly those the services build (``audit.services.record``,
    ``journal.services.append_event``); only the INSERT is deferred to ``flush()``, one per table
    and batch instead of one per service call. Notes and corrections are written at once: a
    correction points at the note it corrects.
    """
    pending: dict[type[models.Model], list[models.Model]] = {AuditEvent: [], JournalEntry: []}
    audit, journal = AuditEvent.objects, JournalEntry.objects
    write_now = journal.create

    def create_audit(**fields: object) -> AuditEvent:
        row = AuditEvent(**fields)
        pending[AuditEvent].append(row)
        return row

    def create_entry(**fields: object) -> JournalEntry:
        if fields.get("kind") != EntryKind.EVENT:
            return write_now(**fields)
        row = JournalEntry(**fields)
        pending[JournalEntry].append(row)
        return row

    def flush() -> None:
        for model, rows in pending.items():
            model.objects.bulk_create(rows, batch_size=500)
            rows.clear()

    audit.create, journal.create = create_audit, create_entry  # type: ignore[method-assign]
    try:
        yield flush
    finally:
        del audit.create, journal.create


@contextmanager
def lean_transactions() -> Iterator[None]:
    """Run the services without per-call savepoints and without keeping every SQL statement.

    Each service is ``@transaction.atomic``; inside the batch's transaction that is a savepoint
    and its release. Without savepoints an error in a service marks the whole batch for
    rollback, which is what the loader wants anyway (it stops on any error). Django keeps every
    statement in memory when ``DEBUG`` is on; that is switched off too.
    """
    features, debug = connection.features, settings.DEBUG
    saved = features.uses_savepoints
    features.uses_savepoints, settings.DEBUG = False, False
    try:
        yield
    finally:
        features.uses_savepoints, settings.DEBUG = saved, debug
