"""``manage.py backup_check``: a dump restored into a fresh database is compared table by table.

The comparison itself is tested everywhere; the dump and restore on PostgreSQL, in ``.ci/run``'s
PostgreSQL pass (``SKYDDSNAT_REQUIRE_POSTGRES=1`` makes them fail rather than skip elsewhere).
``make backup-check`` runs the command on the demo, with its self-test.
"""

from __future__ import annotations

import io
import os

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from skyddsnat.management.commands import backup_check
from skyddsnat.management.commands.backup_check import TableSum, differences, trigger_differences


def postgres_only() -> None:
    if connection.vendor != "postgresql":
        if os.environ.get("SKYDDSNAT_REQUIRE_POSTGRES") == "1":
            pytest.fail("SKYDDSNAT_REQUIRE_POSTGRES=1 but the test database is not PostgreSQL")
        pytest.skip("needs PostgreSQL (runs in .ci/run's PostgreSQL pass)")


def test_the_comparison_names_every_table_that_differs_and_how():
    source = {
        "public.same": TableSum(3, 111),
        "public.fewer": TableSum(3, 111),
        "public.changed": TableSum(3, 111),
        "public.lost": TableSum(1, 5),
    }
    copy = {
        "public.same": TableSum(3, 111),
        "public.fewer": TableSum(2, 100),
        "public.changed": TableSum(3, 112),
        "public.extra": TableSum(0, 0),
    }
    assert differences(source, copy) == [
        "public.changed: the content of its 3 rows differs",
        "public.extra: only in the restored copy",
        "public.fewer: 3 rows, 2 in the restored copy",
        "public.lost: missing from the restored copy",
    ]
    assert differences(source, dict(source)) == []


def test_a_trigger_missing_from_the_copy_is_named():
    source = {("audit_auditevent", "audit_auditevent_append_only", "O")}
    assert trigger_differences(source, set()) == [
        "trigger audit_auditevent_append_only on audit_auditevent: missing from the restored copy"
    ]
    assert trigger_differences(source, set(source)) == []


@pytest.mark.django_db
def test_on_sqlite_it_says_what_to_do_instead():
    if connection.vendor != "sqlite":
        pytest.skip("the embedded SQLite only")
    with pytest.raises(CommandError, match="for PostgreSQL"):
        call_command("backup_check")


def test_a_restored_dump_is_the_same_and_the_self_test_finds_a_change(cast, transactional_db):
    postgres_only()
    out = io.StringIO()
    call_command("backup_check", "--self-test", stdout=out)
    text = out.getvalue()
    assert "public.accounts_user " in text
    assert "The restored copy is the same" in text
    assert "Self-test, a changed row in the copy" in text
    assert "Self-test, a deleted row in the copy" in text
    assert not _copies_left()


def test_a_restore_that_lost_a_row_fails_naming_the_table(cast, transactional_db, monkeypatch):
    postgres_only()
    real_tool = backup_check.Command.tool
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM accounts_user_units")
        rows = cursor.fetchone()[0]

    def restore_and_lose_a_row(self, *command):
        real_tool(self, *command)
        if command[0] == "pg_restore":
            real_tool(
                self,
                "psql",
                "-qc",
                # Lost, not deleted: the stamp the delete's trigger raises (decision 0053) is
                # lowered first, so that the row is the one difference.
                "UPDATE cases_municipalitystamp SET stamp = stamp - 1 WHERE municipality_id = "
                "(SELECT u.municipality_id FROM accounts_user_units m "
                "JOIN accounts_unit u ON u.id = m.unit_id "
                "WHERE m.id = (SELECT min(id) FROM accounts_user_units)); "
                "DELETE FROM accounts_user_units WHERE id = (SELECT min(id) FROM accounts_user_units)",
                self.conninfo(self.copy),
            )

    monkeypatch.setattr(backup_check.Command, "tool", restore_and_lose_a_row)
    with pytest.raises(CommandError) as failure:
        call_command("backup_check", stdout=io.StringIO())
    assert str(failure.value) == (
        "The restored copy differs from the database:\n"
        f"  public.accounts_user_units: {rows} rows, {rows - 1} in the restored copy"
    )
    assert not _copies_left()


def _copies_left() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE '%restore_check%'")
        return [row[0] for row in cursor.fetchall()]
