"""On PostgreSQL the database itself refuses to change signed rows and audit rows.

These run in ``.ci/run``'s PostgreSQL pass (``SKYDDSNAT_REQUIRE_POSTGRES=1`` makes them fail
rather than skip when the database is not PostgreSQL). A plain ``make test`` on SQLite skips
them and says why.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from skyddsnat.audit.models import AuditEvent
from skyddsnat.journal import services as journal
from tests.cast import local, pin_for
from tests.services.flow import open_investigation, report


@pytest.fixture(autouse=True)
def _postgres_only(db):
    if connection.vendor != "postgresql":
        if os.environ.get("SKYDDSNAT_REQUIRE_POSTGRES") == "1":
            pytest.fail("SKYDDSNAT_REQUIRE_POSTGRES=1 but the test database is not PostgreSQL")
        pytest.skip("needs PostgreSQL (runs in .ci/run's PostgreSQL pass)")


def _execute(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_it_rejects_an_sql_update_of_a_signed_journal_entry(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    case = report(cast.ida, local(2026, 3, 2), [pin_for(date(2016, 4, 4))]).cases.get()
    entry = journal.write_note(acting_user=cast.ida, case_id=case.pk, text="Samtal med skolan.")
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("UPDATE journal_journalentry SET text = %s WHERE id = %s", ["ändrad", entry.pk])
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM journal_journalentry WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.text == "Samtal med skolan."


def test_it_allows_the_author_to_edit_an_unsigned_draft(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    case = report(cast.ida, local(2026, 3, 2), [pin_for(date(2016, 4, 4))]).cases.get()
    draft = journal.write_note(acting_user=cast.ida, case_id=case.pk, text="Utkast", sign=False)
    _execute(
        "UPDATE journal_journalentry SET text = %s WHERE id = %s", ["Utkast, längre", draft.pk]
    )
    draft.refresh_from_db()
    assert draft.text == "Utkast, längre"


def test_it_rejects_an_sql_update_of_a_signed_preliminary_assessment(cast, frozen_today):
    frozen_today(date(2026, 3, 10))
    case = report(cast.ida, local(2026, 3, 2), [pin_for(date(2016, 4, 4))]).cases.get()
    assessment = open_investigation(cast.ida, case, date(2026, 3, 10))
    with pytest.raises(IntegrityError, match="append-only"):
        _execute(
            "UPDATE intake_preliminaryassessment SET outcome = %s WHERE id = %s",
            ["not_opened", assessment.pk],
        )


def test_it_rejects_any_change_to_the_audit_log(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    report(cast.ida, local(2026, 3, 2), [pin_for(date(2016, 4, 4))])
    row = AuditEvent.objects.first()
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["x", row.pk])
    with pytest.raises(IntegrityError, match="append-only"):
        _execute("DELETE FROM audit_auditevent WHERE id = %s", [row.pk])


def test_disposal_may_delete_signed_rows_when_it_says_so(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    case = report(cast.ida, local(2026, 3, 2), [pin_for(date(2016, 4, 4))]).cases.get()
    entry = journal.write_note(acting_user=cast.ida, case_id=case.pk, text="Gallras.")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL skyddsnat.disposal = 'on'")
        cursor.execute("DELETE FROM journal_journalentry WHERE id = %s", [entry.pk])
    assert not type(entry).objects.filter(pk=entry.pk).exists()
