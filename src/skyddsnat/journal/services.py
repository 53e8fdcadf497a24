"""Journal services: notes, signing, corrections, and the events other services append."""

from __future__ import annotations

from django.db import transaction

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.errors import InvalidInput, StateConflict
from skyddsnat.intake.models import Case
from skyddsnat.journal.models import EntryKind, JournalEntry


def append_event(*, acting_user: User, case: Case, event: str, text: str) -> JournalEntry:
    """Append a signed event entry that a service wrote (e.g. "Förhandsbedömning beslutad")."""
    at = clock.now()
    return JournalEntry.objects.create(
        case=case,
        kind=EntryKind.EVENT,
        event=event,
        text=text,
        author=acting_user,
        created_at=at,
        signed_at=at,
        signed_by=acting_user,
    )


@transaction.atomic
def write_note(*, acting_user: User, case: Case, text: str, sign: bool = True) -> JournalEntry:
    """Write a journal note; unsigned it is the author's draft."""
    if not text.strip():
        raise InvalidInput.field("text", "Skriv anteckningen innan du sparar.")
    at = clock.now()
    entry = JournalEntry.objects.create(
        case=case,
        kind=EntryKind.NOTE,
        text=text,
        author=acting_user,
        created_at=at,
        signed_at=at if sign else None,
        signed_by=acting_user if sign else None,
    )
    audit.record(actor=acting_user, action="create", obj=entry, case_id=case.pk)
    return entry


@transaction.atomic
def sign_entry(*, acting_user: User, entry: JournalEntry) -> JournalEntry:
    """Sign the author's draft: from now on it cannot change."""
    entry = JournalEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.is_signed:
        raise StateConflict("Anteckningen är redan signerad.")
    if entry.author_id != acting_user.pk:
        raise StateConflict("Bara den som skrev anteckningen kan signera den.")
    entry.signed_at = clock.now()
    entry.signed_by = acting_user
    entry.save(update_fields=["signed_at", "signed_by"])
    audit.record(actor=acting_user, action="update", obj=entry, case_id=entry.case_id)
    return entry


@transaction.atomic
def correct_entry(*, acting_user: User, entry: JournalEntry, text: str) -> JournalEntry:
    """Write a signed correction that points at ``entry``; the original stays as it was."""
    if not entry.is_signed:
        raise StateConflict("Ett utkast rättas genom att det ändras, inte med en rättelse.")
    if not text.strip():
        raise InvalidInput.field("text", "Skriv vad som rättas.")
    at = clock.now()
    correction = JournalEntry.objects.create(
        case_id=entry.case_id,
        kind=EntryKind.CORRECTION,
        text=text,
        author=acting_user,
        created_at=at,
        signed_at=at,
        signed_by=acting_user,
        corrects=entry,
    )
    audit.record(actor=acting_user, action="create", obj=correction, case_id=entry.case_id)
    return correction
