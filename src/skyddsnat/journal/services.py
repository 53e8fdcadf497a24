"""Journal services: notes, signing, corrections, and the events other services append."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Model

from skyddsnat import clock, storedtext
from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.models import Case
from skyddsnat.errors import InvalidInput, NotFound, StateConflict
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


def append_events(
    *, acting_user: User, events: Sequence[tuple[Case, str, str]]
) -> list[JournalEntry]:
    """Append one signed event entry per ``(case, event, text)``, in one statement.

    The entries ``append_event`` would write one at a time, for an action that touches several
    cases at once (a report about two children opens two). The texts are the services' own
    (codes and their Swedish names), checked as ``storedtext`` checks a saved row.
    """
    at = clock.now()
    entries = [
        JournalEntry(
            case=case,
            kind=EntryKind.EVENT,
            event=event,
            text=text,
            author=acting_user,
            created_at=at,
            signed_at=at,
            signed_by=acting_user,
        )
        for case, event, text in events
    ]
    storedtext.refuse(entries)
    return JournalEntry.objects.bulk_create(entries)


def record_action(
    *,
    acting_user: User,
    case: Case,
    event: str,
    text: str,
    obj: Model,
    action: str = "create",
) -> JournalEntry:
    """Append a signed event entry on ``case``, then an audit row for ``obj`` on the same case.

    The ending of most service writes: ``append_event`` followed by ``audit.record`` with
    ``actor=acting_user`` and ``case_id=case.pk``. Returns the journal entry.
    """
    entry = append_event(acting_user=acting_user, case=case, event=event, text=text)
    audit.record(actor=acting_user, action=action, obj=obj, case_id=case.pk, child_id=case.child_id)
    return entry


@case_action()
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
    audit.record(
        actor=acting_user, action="create", obj=entry, case_id=case.pk, child_id=case.child_id
    )
    return entry


@case_action(subject=("entry", JournalEntry, "Anteckningen finns inte."))
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


@case_action(subject=("entry", JournalEntry, "Anteckningen finns inte."))
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


def current_draft(*, author: User, case: Case) -> JournalEntry | None:
    """Return ``author``'s open draft note on ``case`` (the latest), or None.

    Drafts are visible only to their author: never call this with another user than the one
    asking.
    """
    return (
        JournalEntry.objects.filter(
            case=case, author=author, kind=EntryKind.NOTE, signed_at__isnull=True
        )
        .order_by("-created_at", "-pk")
        .first()
    )


@case_action()
def save_draft(
    *, acting_user: User, case: Case, text: str, draft_id: int | None = None
) -> JournalEntry | None:
    """Create or update the author's unsigned note on ``case``; never touch a signed row.

    One draft per author and case: without ``draft_id`` the author's open draft is updated if
    there is one. A draft's ``created_at`` is the time it was last saved (shown next to the
    form). An empty text removes the draft and returns None.
    """
    if draft_id is not None:
        entry = (
            JournalEntry.objects.select_for_update()
            .filter(pk=draft_id, case=case, author=acting_user, kind=EntryKind.NOTE)
            .first()
        )
        if entry is None:
            raise NotFound("Utkastet finns inte.")
        if entry.is_signed:
            raise StateConflict("Anteckningen är redan signerad. Skriv en ny anteckning.")
    else:
        entry = current_draft(author=acting_user, case=case)
        if entry is not None:
            entry = JournalEntry.objects.select_for_update().get(pk=entry.pk)
            if entry.is_signed:  # signed between the two reads
                entry = None
    if not text.strip():
        if entry is not None:
            audit.record(
                actor=acting_user,
                action="delete",
                obj=entry,
                case_id=case.pk,
                child_id=case.child_id,
            )
            entry.delete()
        return None
    if entry is None:
        entry = JournalEntry.objects.create(
            case=case, kind=EntryKind.NOTE, text=text, author=acting_user, created_at=clock.now()
        )
        audit.record(
            actor=acting_user, action="create", obj=entry, case_id=case.pk, child_id=case.child_id
        )
        return entry
    entry.text = text
    entry.created_at = clock.now()
    entry.save(update_fields=["text", "created_at"])
    audit.record(
        actor=acting_user, action="update", obj=entry, case_id=case.pk, child_id=case.child_id
    )
    return entry


@case_action()
def sign_draft(
    *, acting_user: User, case: Case, text: str, draft_id: int | None = None
) -> JournalEntry:
    """Save ``text`` as the author's draft and sign it, in one step (*signera*)."""
    if not text.strip():
        raise InvalidInput.field("text", "Skriv anteckningen innan du signerar.")
    entry = save_draft(acting_user=acting_user, case_id=case.pk, text=text, draft_id=draft_id)
    assert entry is not None
    return sign_entry(acting_user=acting_user, entry_id=entry.pk)
