"""Add ``AuditEvent.api_token_id``: the API token that authenticated the request.

Rows written before this migration keep it empty (the log is append-only). On PostgreSQL the
column is added in place and the triggers stay. On SQLite too, but removing an indexed column
(reversing) rebuilds the table and drops its triggers: as in ``0003`` and ``0004``, both
append-only triggers (``0002``'s UPDATE, ``0005``'s DELETE) are installed again at both ends.
"""

from django.db import migrations, models

SQLITE_TRIGGERS = {
    "audit_auditevent_append_only": (
        "CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE ON audit_auditevent "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    ),
    "audit_auditevent_no_delete": (
        "CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent "
        "WHEN skyddsnat_allows('flush') = 0 "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    ),
}


def reinstall_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name, sql in SQLITE_TRIGGERS.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_no_delete_on_sqlite")]

    operations = [
        # Reversed last: the column's removal rebuilds the table on SQLite.
        migrations.RunPython(migrations.RunPython.noop, reinstall_sqlite_triggers),
        migrations.AddField(
            model_name="auditevent",
            name="api_token_id",
            field=models.BigIntegerField(db_index=True, null=True),
        ),
        migrations.RunPython(reinstall_sqlite_triggers, migrations.RunPython.noop),
    ]
