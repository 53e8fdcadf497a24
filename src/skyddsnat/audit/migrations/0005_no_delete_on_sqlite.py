"""The audit log: no DELETE on SQLite either.

PostgreSQL's trigger (``0002_append_only``) refuses UPDATE and DELETE; SQLite's refused only
UPDATE. A second SQLite trigger now refuses DELETE, unless the application's own connection is
running ``manage.py flush`` (``skyddsnat_allows('flush')``, see ``skyddsnat/disposal.py``), which
empties every table for the test suite. Disposal (*gallring*) never deletes audit rows.

A rebuild of the table on SQLite drops its triggers: a later migration that rebuilds it installs
both again (as ``0003`` and ``0004`` do for the first).
"""

from django.db import migrations

SQLITE_TRIGGER = (
    "CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent "
    "WHEN skyddsnat_allows('flush') = 0 "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
)


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_delete")
        schema_editor.execute(SQLITE_TRIGGER)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_delete")


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_auditevent_child")]

    operations = [migrations.RunPython(install, uninstall)]
