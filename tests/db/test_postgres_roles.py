"""On PostgreSQL the application runs as a role that cannot undo the append-only guarantees.

``.ci/with-postgres`` creates the roles of docs/security.md ("Database roles"): the suite runs
as the tables' owner (it creates and migrates its test database), and these tests connect the
application's connection as ``SKYDDSNAT_TEST_APP_ROLE`` (``skyddsnat_app``, with only the
rights of ``scripts/database-roles.sql``) to the same migrated database. As that role they do
what an attacker holding the application's database login would try — empty the audit log
with TRUNCATE, disable or drop a trigger, switch disposal on and then change signed rows,
rewrite the registered report — and check that each is refused and that the rows are as they
were; and that the application's own work (registering a report, signing a note, a draft
deleted, a login, an API token issued and used) goes through. They run in ``.ci/run``'s PostgreSQL pass
(``SKYDDSNAT_REQUIRE_POSTGRES=1`` makes them fail rather than skip elsewhere).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import Client

from skyddsnat.accounts.models import ApiToken
from skyddsnat.audit.models import AuditEvent
from skyddsnat.intake.models import Report
from skyddsnat.journal import services as journal
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import ACCOUNT, report

APP_ROLE = os.environ.get("SKYDDSNAT_TEST_APP_ROLE", "")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_with_an_application_role():
    required = os.environ.get("SKYDDSNAT_REQUIRE_POSTGRES") == "1"
    problem = None
    if connection.vendor != "postgresql":
        problem = "needs PostgreSQL (runs in .ci/run's PostgreSQL pass)"
    elif not APP_ROLE:
        problem = "needs SKYDDSNAT_TEST_APP_ROLE, the application's role (.ci/with-postgres)"
    if problem:
        if required:
            pytest.fail(f"SKYDDSNAT_REQUIRE_POSTGRES=1 but this {problem}")
        pytest.skip(problem)


@contextmanager
def as_application() -> Iterator[None]:
    """Connect the application's connection as the application's role for the block."""
    owner = connection.settings_dict["USER"]
    connection.close()
    connection.settings_dict["USER"] = APP_ROLE
    try:
        yield
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == APP_ROLE
    finally:
        connection.close()
        connection.settings_dict["USER"] = owner


def _execute(*statements: str, params: list | None = None) -> None:
    """Run ``statements`` in one transaction; ``params`` go to those with placeholders."""
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, params if "%s" in sql else None)


@pytest.fixture
def registered(cast, frozen_today):
    """A report registered and a note signed by the application, as the application's role."""
    frozen_today(date(2026, 3, 2))
    with as_application():
        registered = report(cast.ida, local(2026, 3, 2), [pin_for(date(2016, 4, 4))])
        case = registered.cases.get()
        note = journal.write_note(acting_user=cast.ida, case_id=case.pk, text="Samtal med skolan.")
    return registered, note


def test_the_application_role_does_the_applications_work(cast, registered):
    registered_report, note = registered
    case = registered_report.cases.get()
    with as_application():
        draft = journal.save_draft(acting_user=cast.ida, case_id=case.pk, text="Utkast")
        journal.save_draft(acting_user=cast.ida, case_id=case.pk, text="Utkast, längre")
        journal.save_draft(acting_user=cast.ida, case_id=case.pk, text="", draft_id=draft.pk)
        browser = Client()
        browser.force_login(cast.ida)
        assert browser.get(f"/arenden/{case.pk}/").status_code == 200
        browser.logout()
        token = ApiToken.issue(cast.ida)
        system = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        assert system.get(f"/api/v1/cases/{case.pk}").status_code == 200
    assert ApiToken.objects.get(digest=ApiToken.digest_of(token)).last_used_at is not None
    assert Report.objects.get(pk=registered_report.pk).account == ACCOUNT
    assert JournalEntry.objects.get(pk=note.pk).is_signed
    assert not JournalEntry.objects.filter(pk=draft.pk).exists()
    assert AuditEvent.objects.filter(case_id=case.pk).count() >= 2


def test_the_application_role_cannot_truncate(registered):
    rows = AuditEvent.objects.count()
    with as_application():
        for table in ("audit_auditevent", "journal_journalentry", "intake_report"):
            with pytest.raises(DatabaseError, match="permission denied"):
                _execute(f"TRUNCATE {table} CASCADE")
    assert AuditEvent.objects.count() == rows
    assert Report.objects.count() == 1 and JournalEntry.objects.exists()


def test_the_application_role_cannot_disable_or_replace_the_triggers(registered):
    _, note = registered
    with as_application():
        for statement in (
            "ALTER TABLE journal_journalentry DISABLE TRIGGER journal_journalentry_append_only",
            "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
            "DROP TRIGGER intake_report_append_only ON intake_report",
            "CREATE OR REPLACE FUNCTION skyddsnat_reject_signed_change() RETURNS trigger "
            "AS $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql",
            "SET session_replication_role = replica",
        ):
            with pytest.raises(DatabaseError, match=r"must be owner|permission denied"):
                _execute(statement)
        with pytest.raises(IntegrityError, match="append-only"):
            _execute(
                "UPDATE journal_journalentry SET text = %s WHERE id = %s",
                params=["ändrad", note.pk],
            )
    assert JournalEntry.objects.get(pk=note.pk).text == "Samtal med skolan."


def test_the_application_role_cannot_switch_disposal_on(registered):
    registered_report, note = registered
    rows = AuditEvent.objects.count()
    with as_application():
        # Anyone may set the variable, for the session or the transaction; it changes nothing.
        with connection.cursor() as cursor:
            cursor.execute("SET skyddsnat.disposal = 'on'")
        for sql, params in (
            ("UPDATE journal_journalentry SET text = %s WHERE id = %s", ["ändrad", note.pk]),
            ("DELETE FROM journal_journalentry WHERE id = %s", [note.pk]),
            ("UPDATE intake_report SET account = %s WHERE id = %s", ["", registered_report.pk]),
            ("DELETE FROM intake_reportreason WHERE report_id = %s", [registered_report.pk]),
            ("DELETE FROM audit_auditevent", []),
        ):
            with pytest.raises(IntegrityError, match="append-only"):
                _execute(sql, params=params)
            with pytest.raises(IntegrityError, match="append-only"):
                _execute("SET LOCAL skyddsnat.disposal = 'on'", sql, params=params)
        # Nor can a temporary table pose as the catalogue the triggers ask who owns the table.
        with pytest.raises(IntegrityError, match="append-only"):
            _execute(
                "CREATE TEMP TABLE pg_class AS "
                "SELECT oid, (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user) "
                "AS relowner FROM pg_catalog.pg_class",
                "SET LOCAL search_path = pg_temp, public",
                "SET LOCAL skyddsnat.disposal = 'on'",
                "DELETE FROM journal_journalentry WHERE id = %s",
                params=[note.pk],
            )
    assert JournalEntry.objects.get(pk=note.pk).text == "Samtal med skolan."
    stored = Report.objects.get(pk=registered_report.pk)
    assert stored.account == ACCOUNT and stored.reasons.count() == 1
    assert AuditEvent.objects.count() == rows


def test_the_application_role_cannot_rewrite_the_registered_report(registered):
    registered_report, _ = registered
    with as_application(), pytest.raises(IntegrityError, match="append-only"):
        _execute(
            "UPDATE intake_report SET account = %s, reporter_name = %s WHERE id = %s",
            params=["Inget att oroa sig för.", "Någon annan", registered_report.pk],
        )
    stored = Report.objects.get(pk=registered_report.pk)
    assert (stored.account, stored.reporter_name) == (ACCOUNT, "Rektor Testsson")


def test_the_application_role_cannot_dispose_and_nothing_is_disposed(cast, frozen_today):
    """``manage.py dispose --execute`` with the application's login: refused, all rolled back."""
    from skyddsnat.cases.models import Case
    from skyddsnat.intake import services as intake
    from skyddsnat.retention import services as retention
    from tests.services.flow import decide_preliminary

    frozen_today(date(2019, 3, 1))
    case = report(cast.ida, local(2019, 3, 1, 9), [pin_for(date(2012, 3, 3))]).cases.get()
    decide_preliminary(
        cast.ida, case, date(2019, 3, 1), "not_opened", reason="no_concern_confirmed"
    )
    case.refresh_from_db()
    if case.phase != "closed":
        intake.close_case(acting_user=cast.ida, case_id=case.pk)
    frozen_today(date(2026, 6, 1))
    assert retention.disposal_preview(as_of=date(2026, 6, 1)).due
    with as_application(), pytest.raises(DatabaseError, match="append-only"):
        retention.dispose(as_of=date(2026, 6, 1))
    assert Case.objects.filter(pk=case.pk).exists()
    assert JournalEntry.objects.filter(case_id=case.pk).exists()
    assert not AuditEvent.objects.filter(action="dispose").exists()
