"""Drafts of the casework forms' long texts: the author's only, text fields only, while open."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import InvalidInput, NotFound, StateConflict
from skyddsnat.journal import drafts
from skyddsnat.journal.models import FormDraft, JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import case_about, close_investigation, decide_preliminary
from tests.web.casework import investigation_case

TODAY = date(2026, 3, 2)
PLAN = "investigation.plan"
BERTIL = pin_for(date(2016, 2, 3), "boy", seed=5)


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(TODAY)
    return investigation_case(cast.alice, TODAY)


def save(user, case, form_key=PLAN, **data):
    return drafts.save_form_draft(acting_user=user, case_id=case.pk, form_key=form_key, data=data)


def test_it_creates_one_draft_per_form_and_updates_it(cast, case):
    first = save(cast.alice, case, questions="Hur")
    second = save(cast.alice, case, questions="Hur mår", contacts="Skolan")
    assert first.pk == second.pk
    draft = drafts.form_draft(cast.alice, case, PLAN)
    assert draft.data == {"questions": "Hur mår", "contacts": "Skolan", "child_participation": ""}
    assert draft.saved_at == local(2026, 3, 2, 12)
    save(cast.alice, case, "triangle.child_development.health", text="Frisk")
    assert set(drafts.form_drafts(cast.alice, case)) == {PLAN, "triangle.child_development.health"}


def test_it_keeps_only_the_forms_text_fields(cast, case):
    draft = save(cast.alice, case, "investigation.close", analysis="Analys", outcome="closed")
    assert draft.data == {
        "analysis": "Analys",
        "child_view_not_documented_reason": "",
        "incomplete_reason": "",
    }


def test_drafts_are_their_authors_own(cast, case):
    save(cast.alice, case, questions="Alices")
    assert drafts.form_draft(cast.maja, case, PLAN) is None
    save(cast.maja, case, questions="Majas")
    assert drafts.form_draft(cast.alice, case, PLAN).data["questions"] == "Alices"
    assert FormDraft.objects.count() == 2


def test_a_draft_is_never_documentation(cast, case):
    before = JournalEntry.objects.count()
    save(cast.alice, case, questions="Halv plan")
    assert JournalEntry.objects.count() == before
    assert case.investigation.plan_questions == ""


def test_it_audits_the_creation_only(cast, case):
    def audited():
        return AuditEvent.objects.filter(object_type="journal.formdraft").count()

    save(cast.alice, case, questions="H")
    save(cast.alice, case, questions="Hu")
    save(cast.alice, case, questions="Hur")
    assert audited() == 1


def test_it_removes_an_emptied_draft(cast, case):
    save(cast.alice, case, questions="Hur")
    assert save(cast.alice, case, questions="  ", contacts="") is None
    assert drafts.form_draft(cast.alice, case, PLAN) is None


def test_it_limits_the_size(cast, case):
    with pytest.raises(InvalidInput) as exc:
        save(cast.alice, case, questions="x" * (drafts.MAX_CHARS + 1))
    assert list(exc.value.errors) == ["questions"]
    assert not FormDraft.objects.exists()


@pytest.mark.parametrize("form_key", ["investigation.secret", "triangle.nothing", "triangle."])
def test_it_refuses_unknown_forms(cast, case, form_key):
    with pytest.raises(NotFound):
        save(cast.alice, case, form_key, text="x")


def test_it_discards_the_draft(cast, case):
    save(cast.alice, case, questions="Alices")
    save(cast.maja, case, questions="Majas")
    drafts.discard_form_draft(acting_user=cast.alice, case=case, form_key=PLAN)
    assert drafts.form_draft(cast.alice, case, PLAN) is None
    assert drafts.form_draft(cast.maja, case, PLAN) is not None


def test_it_saves_no_draft_of_a_closed_investigation(cast, case):
    close_investigation(cast.alice, case, TODAY)
    with pytest.raises(StateConflict):
        save(cast.alice, case, "investigation.close", analysis="Sent")
    assert not FormDraft.objects.exists()


def test_it_saves_no_draft_of_a_decided_preliminary_assessment(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.ida, local(2026, 3, 18), BERTIL)
    assert save(cast.ida, case, "preliminary", note="Motivering").data["note"] == "Motivering"
    decide_preliminary(
        cast.ida, case, date(2026, 3, 20), "not_opened", reason="no_concern_confirmed"
    )
    with pytest.raises(StateConflict):
        save(cast.ida, case, "preliminary", note="Sent")
