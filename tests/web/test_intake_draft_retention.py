"""Old drafts of the new report are removed every night (decision 0036)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django_q.models import Schedule

from skyddsnat.audit.models import AuditEvent
from skyddsnat.journal.jobs import CASELESS_DRAFT_DAYS, remove_old_caseless_drafts
from skyddsnat.journal.models import FormDraft
from tests.cast import local, pin_for
from tests.services.flow import case_about


def test_a_caseless_draft_not_saved_for_30_days_is_removed_and_audited(cast):
    now = timezone.now()
    old = FormDraft.objects.create(
        author=cast.ida,
        form_key="intake.report",
        data={"account": "Gammal"},
        saved_at=now - timedelta(days=CASELESS_DRAFT_DAYS, minutes=1),
    )
    fresh = FormDraft.objects.create(
        author=cast.carl,
        form_key="intake.report",
        data={"account": "Ny"},
        saved_at=now - timedelta(days=CASELESS_DRAFT_DAYS - 1),
    )
    case = case_about(cast.ida, local(2026, 3, 18), pin_for(date(2016, 2, 3), "boy", seed=5))
    of_a_case = FormDraft.objects.create(
        author=cast.ida,
        case=case,
        form_key="protective",
        data={"note": "Gammal men med ärende"},
        saved_at=now - timedelta(days=400),
    )
    assert remove_old_caseless_drafts() == "1 gamla utkast utan ärende borttagna."
    assert set(FormDraft.objects.values_list("pk", flat=True)) == {fresh.pk, of_a_case.pk}
    row = AuditEvent.objects.get(action="dispose", object_id=str(old.pk))
    assert row.object_type == "journal.formdraft" and row.channel == "system"
    assert row.municipality_id == cast.ida.municipality_id and "Gammal" not in row.detail
    assert remove_old_caseless_drafts() == "0 gamla utkast utan ärende borttagna."


def test_the_removal_runs_every_night(db):
    schedule = Schedule.objects.get(name="caseless_drafts")
    assert schedule.func == "skyddsnat.journal.jobs.remove_old_caseless_drafts"
