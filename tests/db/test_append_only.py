"""Nothing signed, registered or audited is changed or lost, whatever SQL reaches the database.

Runs on both databases (``make test`` on SQLite, ``.ci/run``'s PostgreSQL pass, where the suite
connects as the tables' owner): what someone who can send SQL through the application's own
connection would try — delete a signed journal entry, delete an audit row, rewrite or delete the
registered report or its reasons — is refused by the database, with the rows unchanged
afterwards; only disposal (``skyddsnat.disposal.disposal()``) deletes signed rows and reports.
What the application's role on PostgreSQL cannot do beyond this (TRUNCATE, disabling the
triggers, switching disposal on) is ``tests/db/test_postgres_roles.py``.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from skyddsnat.audit.models import AuditEvent
from skyddsnat.demo.reset import delete_case_data
from skyddsnat.disposal import disposal
from skyddsnat.intake.models import Report, ReportReason
from skyddsnat.journal import services as journal
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import ACCOUNT, report


def _execute(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def registered(cast, frozen_today):
    """A registered report with its case, and a signed journal note on the case."""
    frozen_today(date(2026, 3, 2))
    registered = report(cast.ida, local(2026, 3, 2), [pin_for(date(2016, 4, 4))])
    case = registered.cases.get()
    note = journal.write_note(acting_user=cast.ida, case_id=case.pk, text="Samtal med skolan.")
    return registered, note


def test_a_signed_journal_entry_cannot_be_deleted(registered):
    _, note = registered
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM journal_journalentry WHERE id = %s", [note.pk])
    assert JournalEntry.objects.get(pk=note.pk).text == "Samtal med skolan."


def test_an_audit_row_cannot_be_deleted(registered):
    rows = AuditEvent.objects.count()
    first = AuditEvent.objects.order_by("pk").first()
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM audit_auditevent WHERE id = %s", [first.pk])
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM audit_auditevent", [])
    assert AuditEvent.objects.count() == rows


def test_the_registered_report_cannot_be_rewritten(registered):
    registered_report, _ = registered
    with pytest.raises(IntegrityError, match="append-only"):
        _execute(
            "UPDATE intake_report SET account = %s WHERE id = %s",
            ["Inget att oroa sig för.", registered_report.pk],
        )
    with pytest.raises(IntegrityError, match="append-only"):
        _execute(
            "UPDATE intake_report SET reporter_name = %s, received_at = %s WHERE id = %s",
            ["Någon annan", local(2026, 2, 1), registered_report.pk],
        )
    with pytest.raises(IntegrityError, match="append-only"):
        _execute(
            "UPDATE intake_reportreason SET reason = %s WHERE report_id = %s",
            ["other", registered_report.pk],
        )
    stored = Report.objects.get(pk=registered_report.pk)
    assert (stored.account, stored.reporter_name, stored.received_at) == (
        ACCOUNT,
        "Rektor Testsson",
        local(2026, 3, 2),
    )
    assert list(stored.reasons.values_list("reason", flat=True)) == ["neglect"]


def test_the_registered_report_cannot_be_deleted(registered):
    registered_report, _ = registered
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM intake_reportreason WHERE report_id = %s", [registered_report.pk])
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM intake_report WHERE id = %s", [registered_report.pk])
    assert ReportReason.objects.filter(report=registered_report).count() == 1
    assert Report.objects.filter(pk=registered_report.pk).exists()


def test_the_orm_cannot_rewrite_the_report_either(registered):
    registered_report, _ = registered
    registered_report.account = "Ändrad i efterhand."
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        registered_report.save()
    assert Report.objects.get(pk=registered_report.pk).account == ACCOUNT


def test_disposal_deletes_signed_rows_and_the_report_but_never_the_audit_log(cast, registered):
    registered_report, note = registered
    rows = AuditEvent.objects.count()
    deleted = delete_case_data(cast.norrby)  # the demo's reset: through ``disposal()``
    assert deleted["intake.Report"] == 1 and deleted["journal.JournalEntry"] >= 1
    assert not JournalEntry.objects.filter(pk=note.pk).exists()
    assert not Report.objects.filter(pk=registered_report.pk).exists()
    with pytest.raises(IntegrityError, match="append-only"), disposal() as using:
        AuditEvent.objects.using(using).all().delete()
    assert AuditEvent.objects.count() == rows
    # Disposal ends with its transaction: the triggers are in force again.
    again = report(cast.ida, local(2026, 3, 2), [pin_for(date(2017, 5, 5))])
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM intake_reportreason WHERE report_id = %s", [again.pk])
