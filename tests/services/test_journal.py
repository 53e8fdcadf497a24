"""The journal: notes, drafts, signing, corrections, and signed rows that never change."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from skyddsnat.errors import InvalidInput, StateConflict
from skyddsnat.intake.models import PreliminaryAssessment
from skyddsnat.investigations.models import Investigation
from skyddsnat.journal import services as journal
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import case_about, close_investigation, open_investigation

ANNA = pin_for(date(2015, 5, 17), "girl")

needs_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite trigger; PostgreSQL has its own tests"
)


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    return case_about(cast.alice, local(2026, 3, 2), ANNA)


def _refused_update(model, pk, **values) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=pk).update(**values)


def test_it_writes_a_signed_note(cast, case):
    entry = journal.write_note(acting_user=cast.alice, case_id=case.pk, text="Ringde mamma.")
    assert (entry.kind, entry.author, entry.signed_by) == ("note", cast.alice, cast.alice)
    assert entry.is_signed


def test_it_refuses_an_empty_note(cast, case):
    with pytest.raises(InvalidInput) as exc:
        journal.write_note(acting_user=cast.alice, case_id=case.pk, text="  \n")
    assert list(exc.value.errors) == ["text"]


def test_it_keeps_a_draft_until_its_author_signs_it(cast, case):
    draft = journal.write_note(acting_user=cast.alice, case_id=case.pk, text="Utkast", sign=False)
    assert not draft.is_signed
    with pytest.raises(StateConflict):
        journal.sign_entry(acting_user=cast.maja, entry_id=draft.pk)
    signed = journal.sign_entry(acting_user=cast.alice, entry_id=draft.pk)
    assert signed.is_signed
    assert JournalEntry.objects.get(pk=draft.pk).signed_by == cast.alice
    with pytest.raises(StateConflict):
        journal.sign_entry(acting_user=cast.alice, entry_id=draft.pk)


def test_it_corrects_a_signed_entry_with_a_new_one(cast, case):
    original = journal.write_note(
        acting_user=cast.alice, case_id=case.pk, text="Pappa var närvarande."
    )
    correction = journal.correct_entry(
        acting_user=cast.maja, entry_id=original.pk, text="Rättelse: det var morfar, inte pappa."
    )
    assert (correction.kind, correction.corrects, correction.case) == ("correction", original, case)
    assert correction.is_signed
    original.refresh_from_db()
    assert original.text == "Pappa var närvarande."
    assert list(original.corrections.all()) == [correction]


def test_it_corrects_a_draft_by_changing_it_not_with_a_correction(cast, case):
    draft = journal.write_note(acting_user=cast.alice, case_id=case.pk, text="Utkast", sign=False)
    with pytest.raises(StateConflict):
        journal.correct_entry(acting_user=cast.alice, entry_id=draft.pk, text="Rättelse")
    original = journal.write_note(acting_user=cast.alice, case_id=case.pk, text="Klart")
    with pytest.raises(InvalidInput):
        journal.correct_entry(acting_user=cast.alice, entry_id=original.pk, text=" ")
    assert not JournalEntry.objects.filter(kind="correction").exists()


def test_it_journals_every_step_as_a_signed_event(cast, case):
    open_investigation(cast.alice, case, date(2026, 3, 10))
    events = JournalEntry.objects.filter(case=case).order_by("created_at", "pk")
    assert list(events.values_list("event", flat=True)) == [
        "report.registered",
        "preliminary_assessment.decided",
    ]
    assert all(e.is_signed and e.kind == "event" for e in events)


@needs_sqlite
def test_it_makes_the_database_refuse_changes_to_a_signed_entry(cast, case):
    entry = journal.write_note(acting_user=cast.alice, case_id=case.pk, text="Ringde mamma.")
    _refused_update(JournalEntry, entry.pk, text="x")
    _refused_update(JournalEntry, entry.pk, signed_at=None)
    entry.refresh_from_db()
    assert entry.text == "Ringde mamma."


@needs_sqlite
def test_it_lets_the_database_change_an_unsigned_draft(cast, case):
    draft = journal.write_note(acting_user=cast.alice, case_id=case.pk, text="Utkast", sign=False)
    JournalEntry.objects.filter(pk=draft.pk).update(text="Utkast, omskrivet")
    draft.refresh_from_db()
    assert draft.text == "Utkast, omskrivet"


@needs_sqlite
def test_it_makes_the_database_refuse_changes_to_a_signed_preliminary_assessment(cast, case):
    assessment = open_investigation(cast.alice, case, date(2026, 3, 10))
    _refused_update(PreliminaryAssessment, assessment.pk, outcome="not_opened")
    assert PreliminaryAssessment.objects.get(pk=assessment.pk).outcome == "opened"


@needs_sqlite
def test_it_makes_the_database_refuse_changes_to_a_closed_investigation(cast, case):
    open_investigation(cast.alice, case, date(2026, 3, 10))
    investigation = Investigation.objects.get(case=case)
    Investigation.objects.filter(pk=investigation.pk).update(analysis="Utkast till bedömning")
    close_investigation(cast.alice, case, date(2026, 3, 20), "no_intervention")
    _refused_update(Investigation, investigation.pk, analysis="Ändrad i efterhand")
    _refused_update(Investigation, investigation.pk, outcome="intervention")
    investigation.refresh_from_db()
    assert (investigation.analysis, investigation.outcome) == (
        "Utkast till bedömning",
        "no_intervention",
    )
