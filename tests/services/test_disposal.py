"""Disposal (*gallring*) of case files: ``retention.services`` and ``manage.py dispose``.

Runs on both databases (``make test`` on SQLite; ``.ci/run``'s PostgreSQL pass, where the suite
connects as the tables' owner, so disposal's switch lets the deletes through).
"""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from skyddsnat.audit import services as audit
from skyddsnat.audit.models import Action, AuditEvent
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, InvalidInput
from skyddsnat.intake import services as intake
from skyddsnat.intake.models import Report
from skyddsnat.journal import services as journal
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.models import Child
from skyddsnat.retention import services as retention
from skyddsnat.retention.services import _case_records
from skyddsnat.rules.retention import OTHER
from tests.cast import local, pin_for
from tests.services.flow import (
    case_about,
    decide,
    decide_preliminary,
    end,
    investigated_case,
    report,
)

BORN = date(2012, 3, 3)  # not in the research sample (born the 5th, 15th or 25th)
NOT_OPENED = "report_not_investigated/sol2025-2026"


def _not_opened(cast, frozen_today, day: date, born: date = BORN, seed: int = 1) -> Case:
    """A report on ``day`` that led to no investigation, decided and closed the same day."""
    frozen_today(day)
    case = case_about(cast.ida, local(day.year, day.month, day.day, 9), pin_for(born, seed=seed))
    decide_preliminary(cast.ida, case, day, "not_opened", reason="no_concern_confirmed")
    case.refresh_from_db()
    if case.phase != "closed":
        intake.close_case(acting_user=cast.ida, case_id=case.pk)
        case.refresh_from_db()
    assert case.phase == "closed"
    return case


def test_the_dry_run_lists_a_report_that_led_to_no_investigation_five_years_on(cast, frozen_today):
    case = _not_opened(cast, frozen_today, date(2021, 3, 1))
    assert retention.disposal_preview(as_of=date(2026, 2, 28)).due == {}
    preview = retention.disposal_preview(as_of=date(2026, 3, 1))
    assert preview.due == {NOT_OPENED: [case.pk]}
    assert Case.objects.filter(pk=case.pk).exists()


def test_it_disposes_of_the_whole_file_and_audits_every_row_without_its_content(cast, frozen_today):
    case = _not_opened(cast, frozen_today, date(2021, 3, 1))
    journal.write_note(acting_user=cast.ida, case_id=case.pk, text="Samtal med skolan.")
    entries = list(JournalEntry.objects.filter(case=case).values_list("pk", flat=True))
    child, report_id = case.child_id, case.report_id
    frozen_today(date(2026, 6, 1))
    done = retention.dispose(as_of=date(2026, 6, 1))
    assert done.executed and done.due == {NOT_OPENED: [case.pk]}
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Report.objects.filter(pk=report_id).exists()
    assert not Child.objects.filter(pk=child).exists()
    assert not JournalEntry.objects.filter(pk__in=entries).exists()
    rows = AuditEvent.objects.filter(action=Action.DISPOSE)
    assert rows.count() == sum(done.deleted.values())
    assert {("journal.journalentry", str(pk)) for pk in entries} <= set(
        rows.values_list("object_type", "object_id")
    )
    assert set(rows.values_list("detail", flat=True)) == {f"command=dispose;rule={NOT_OPENED}"}
    assert set(rows.values_list("child_id", flat=True)) == {child}
    assert rows.filter(object_type="cases.case", case_id=case.pk).exists()


def test_a_later_entry_in_the_childs_file_postpones_disposal(cast, frozen_today):
    case = _not_opened(cast, frozen_today, date(2021, 3, 1))
    _not_opened(cast, frozen_today, date(2023, 5, 2))  # the same child again
    assert retention.disposal_preview(as_of=date(2026, 6, 1)).due == {}
    assert retention.disposal_preview(as_of=date(2028, 5, 2)).due == {
        NOT_OPENED: sorted([case.pk, case.pk + 1])
    }


def test_nothing_of_a_child_with_an_open_case_is_disposed_of(cast, frozen_today):
    case = _not_opened(cast, frozen_today, date(2019, 3, 1))
    frozen_today(date(2019, 4, 1))
    case_about(cast.ida, local(2019, 4, 1), pin_for(BORN))  # still open
    frozen_today(date(2026, 6, 1))
    assert retention.dispose(as_of=date(2026, 6, 1)).due == {}
    assert Case.objects.filter(pk=case.pk).exists()


def test_an_investigated_childs_file_is_kept_until_thirty(cast, frozen_today):
    frozen_today(date(2015, 6, 1))
    case = investigated_case(
        cast.alice, pin_for(BORN), date(2015, 3, 2), date(2015, 6, 1), "no_intervention"
    )
    if case.phase != "closed":
        intake.close_case(acting_user=cast.alice, case_id=case.pk)
    preview = retention.disposal_preview(as_of=date(2026, 6, 1))
    assert preview.due == {}
    assert preview.kept == {"investigation/sol2025-30": 1}
    assert retention.disposal_preview(as_of=date(2042, 3, 3)).due == {
        "investigation/sol2025-30": [case.pk]
    }


def test_a_placed_childs_file_is_kept(cast, frozen_today):
    frozen_today(date(2010, 5, 1))
    case = investigated_case(
        cast.alice, pin_for(date(2005, 3, 3)), date(2010, 3, 2), date(2010, 5, 1)
    )
    placement = decide(cast.alice, case, date(2010, 5, 1))
    frozen_today(date(2011, 5, 1))
    end(cast.alice, placement, date(2011, 5, 1))
    case.refresh_from_db()
    if case.phase != "closed":
        intake.close_case(acting_user=cast.alice, case_id=case.pk)
    preview = retention.disposal_preview(as_of=date(2070, 1, 1))
    assert preview.due == {}
    assert preview.kept == {"placement/sol2025": 1}


@pytest.mark.parametrize("born", [date(2012, 3, 5), date(2012, 3, 15), date(2012, 3, 25)])
def test_it_keeps_the_research_sample_of_people(cast, frozen_today, born):
    _not_opened(cast, frozen_today, date(2019, 3, 1), born=born)
    preview = retention.disposal_preview(as_of=date(2026, 6, 1))
    assert preview.due == {}
    assert preview.kept == {NOT_OPENED: 1}


def test_it_keeps_everything_in_a_municipality_of_the_research_sample(cast, frozen_today):
    _not_opened(cast, frozen_today, date(2019, 3, 1))
    with override_settings(SKYDDSNAT_DISPOSAL_KEEP_MUNICIPALITIES=frozenset({"9901"})):
        assert retention.disposal_preview(as_of=date(2026, 6, 1)).due == {}
    with override_settings(SKYDDSNAT_DISPOSAL_KEEP_MUNICIPALITIES=frozenset({"9902"})):
        assert retention.disposal_preview(as_of=date(2026, 6, 1)).due != {}


def test_a_report_about_siblings_stays_while_one_of_their_cases_is_left(cast, frozen_today):
    frozen_today(date(2019, 3, 1))
    registered = report(cast.ida, local(2019, 3, 1), [pin_for(BORN), pin_for(date(2014, 7, 7))])
    first, second = registered.cases.order_by("pk")
    decide_preliminary(
        cast.ida, first, date(2019, 3, 1), "not_opened", reason="no_concern_confirmed"
    )
    first.refresh_from_db()
    if first.phase != "closed":
        intake.close_case(acting_user=cast.ida, case_id=first.pk)
    frozen_today(date(2026, 6, 1))
    assert retention.dispose(as_of=date(2026, 6, 1)).due == {NOT_OPENED: [first.pk]}
    assert Report.objects.filter(pk=registered.pk).exists()
    assert Case.objects.filter(pk=second.pk).exists()


def test_a_failure_disposes_of_nothing(cast, frozen_today, monkeypatch):
    case = _not_opened(cast, frozen_today, date(2019, 3, 1))

    def fail(*args, **kwargs):
        raise RuntimeError("the audit log is full")

    monkeypatch.setattr(audit, "record_disposals", fail)
    frozen_today(date(2026, 6, 1))
    with pytest.raises(RuntimeError):
        retention.dispose(as_of=date(2026, 6, 1))
    assert Case.objects.filter(pk=case.pk).exists()
    assert JournalEntry.objects.filter(case=case).exists()
    assert not AuditEvent.objects.filter(action=Action.DISPOSE).exists()


def _execute(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_append_only_triggers_still_refuse_deletes_outside_disposal(cast, frozen_today):
    kept = _not_opened(cast, frozen_today, date(2025, 3, 1), born=date(2012, 4, 4), seed=2)
    _not_opened(cast, frozen_today, date(2019, 3, 1))
    frozen_today(date(2026, 6, 1))
    assert retention.dispose(as_of=date(2026, 6, 1)).due
    entry = JournalEntry.objects.filter(case=kept).first()
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM journal_journalentry WHERE id = %s", [entry.pk])
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM intake_report WHERE id = %s", [kept.report_id])
    row = AuditEvent.objects.filter(action=Action.DISPOSE).first()
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM audit_auditevent WHERE id = %s", [row.pk])
    assert JournalEntry.objects.filter(pk=entry.pk).exists()


def test_every_record_of_a_case_is_disposed_of_with_it():
    """A model added to a case later is found from the relations, not a list kept by hand."""
    found = {model._meta.label for model, _ in _case_records()}
    assert {
        "journal.JournalEntry",
        "journal.FormDraft",
        "intake.PreliminaryAssessment",
        "investigations.Investigation",
        "investigations.ChildConversation",
        "investigations.Investigation_investigators",
        "interventions.Intervention",
        "interventions.Visit",
        "interventions.Evaluation",
        "accounts.BreakGlassAccess",
        "cases.CaseworkerAssignment",
        "intake.AdultTriggerLink",
    } <= found


def test_the_command_is_a_dry_run_unless_told_and_prints_no_personal_data(cast, frozen_today):
    case = _not_opened(cast, frozen_today, date(2019, 3, 1))
    child = Child.objects.get(pk=case.child_id)
    out = StringIO()
    call_command("dispose", "--as-of", "2026-06-01", stdout=out)
    text = out.getvalue()
    assert "Torrkörning" in text
    assert f"{NOT_OPENED}: 1" in text and str(case.pk) in text
    assert child.first_name not in text and child.personal_identity_number not in text
    assert Case.objects.filter(pk=case.pk).exists()
    frozen_today(date(2026, 6, 1))
    out = StringIO()
    call_command("dispose", "--execute", stdout=out)
    assert "Gallrade: 1 ärenden." in out.getvalue()
    assert not Case.objects.filter(pk=case.pk).exists()


def test_it_refuses_to_dispose_as_of_a_day_still_to_come(cast, frozen_today):
    frozen_today(date(2026, 6, 1))
    with pytest.raises(InvalidInput):
        retention.dispose(as_of=date(2026, 6, 2))


def test_the_command_refuses_an_unknown_municipality(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Kommunkoden 1234 finns inte"):
        call_command("dispose", "--municipality", "1234", stdout=StringIO())


def test_the_administrator_sets_the_plan_for_what_the_law_leaves_open(cast):
    entry = retention.set_plan_entry(
        acting_user=cast.adam,
        kind=OTHER,
        years=10,
        reference="Informationshanteringsplan, SN 2026-03-01 § 12",
        decided_on=date(2026, 3, 1),
    )
    assert entry.years == 10 and entry.municipality_id == cast.norrby.pk
    with pytest.raises(InvalidInput):
        retention.set_plan_entry(
            acting_user=cast.adam,
            kind="report_not_investigated",
            years=1,
            reference="x",
            decided_on=date(2026, 3, 1),
        )
    with pytest.raises(Forbidden):
        retention.set_plan_entry(
            acting_user=cast.maja, kind=OTHER, years=10, reference="x", decided_on=date(2026, 3, 1)
        )
    assert (
        retention.set_plan_entry(
            acting_user=cast.adam, kind=OTHER, years=None, reference="", decided_on=date(2026, 4, 1)
        )
        is None
    )


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("ida", False),
        ("alice", False),
        ("maja", False),
        ("nils", False),
        ("ana", False),
        ("adam", True),
        ("sara", False),
    ],
)
def test_only_the_administrator_manages_the_plan(cast, name, allowed):
    from skyddsnat.accounts import policy

    assert policy.can_manage_retention_plan(getattr(cast, name)) is allowed


def test_a_deactivated_administrator_does_not_manage_the_plan(cast):
    from django.contrib.auth.models import AnonymousUser

    from skyddsnat.accounts import policy

    cast.adam.is_active = False
    assert not policy.can_manage_retention_plan(cast.adam)
    assert not policy.can_manage_retention_plan(AnonymousUser())
