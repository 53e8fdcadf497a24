"""Journal drafts: saved as the author types, visible to the author only, signed in one step."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.errors import InvalidInput, NotFound, StateConflict
from skyddsnat.journal import services as journal
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import case_about

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    return case_about(cast.alice, local(2026, 3, 2), ANNA)


def test_it_creates_a_draft_then_updates_the_same_row(cast, case):
    first = journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="Ringde")
    second = journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="Ringde mamma")
    third = journal.save_draft(
        acting_user=cast.alice, case_id=case.pk, text="Ringde mamma i dag", draft_id=first.pk
    )
    assert first.pk == second.pk == third.pk
    assert not third.is_signed
    assert JournalEntry.objects.get(pk=first.pk).text == "Ringde mamma i dag"
    assert JournalEntry.objects.filter(kind="note").count() == 1


def test_it_keeps_one_draft_per_author(cast, case):
    mine = journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="Alice skriver")
    theirs = journal.save_draft(acting_user=cast.maja, case_id=case.pk, text="Bob skriver")
    assert mine.pk != theirs.pk
    assert journal.current_draft(author=cast.alice, case=case) == mine
    assert journal.current_draft(author=cast.maja, case=case) == theirs


def test_it_refuses_another_authors_draft(cast, case):
    mine = journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="Alice skriver")
    with pytest.raises(NotFound):
        journal.save_draft(acting_user=cast.maja, case_id=case.pk, text="Bob", draft_id=mine.pk)
    assert JournalEntry.objects.get(pk=mine.pk).text == "Alice skriver"


def test_it_never_touches_a_signed_entry(cast, case):
    signed = journal.write_note(acting_user=cast.alice, case_id=case.pk, text="Signerad")
    with pytest.raises(StateConflict):
        journal.save_draft(
            acting_user=cast.alice, case_id=case.pk, text="Ändrad", draft_id=signed.pk
        )
    fresh = journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="Ny anteckning")
    assert fresh.pk != signed.pk
    assert JournalEntry.objects.get(pk=signed.pk).text == "Signerad"


def test_it_removes_a_draft_emptied_by_its_author(cast, case):
    draft = journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="Ringde")
    assert journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="  ") is None
    assert not JournalEntry.objects.filter(pk=draft.pk).exists()
    assert journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="") is None


def test_it_signs_the_draft_with_its_last_text(cast, case):
    draft = journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="Halv")
    signed = journal.sign_draft(
        acting_user=cast.alice, case_id=case.pk, text="Hel anteckning", draft_id=draft.pk
    )
    assert signed.pk == draft.pk
    assert signed.is_signed
    assert signed.text == "Hel anteckning"
    assert journal.current_draft(author=cast.alice, case=case) is None


def test_it_signs_a_note_that_never_was_a_draft(cast, case):
    signed = journal.sign_draft(acting_user=cast.alice, case_id=case.pk, text="Direkt signerad")
    assert signed.is_signed


def test_it_refuses_to_sign_an_empty_note(cast, case):
    with pytest.raises(InvalidInput) as exc:
        journal.sign_draft(acting_user=cast.alice, case_id=case.pk, text=" ")
    assert list(exc.value.errors) == ["text"]
    assert not JournalEntry.objects.filter(kind="note").exists()
