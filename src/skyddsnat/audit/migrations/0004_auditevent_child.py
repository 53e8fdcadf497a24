"""Add ``AuditEvent.child_id`` (the child a row is about) and the action ``search``.

Rows written before this migration keep ``child_id`` empty: the log is append-only and is not
filled in afterwards. Their case reads and writes still carry ``case_id``.

On PostgreSQL the column is added in place and the append-only trigger of
``0002_append_only`` stays. On SQLite a nullable column is added in place too, but removing an
indexed column (reversing) rebuilds the table and drops its triggers: as in ``0003``, the
trigger is installed again at both ends, so the log is append-only whichever way this runs.
"""

from django.db import migrations, models

SQLITE_TRIGGER = (
    "CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE ON audit_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
)


def reinstall_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditevent_append_only")
        schema_editor.execute(SQLITE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_auditevent_detail")]

    operations = [
        # Reversed last: the column's removal rebuilds the table on SQLite.
        migrations.RunPython(migrations.RunPython.noop, reinstall_sqlite_trigger),
        migrations.AddField(
            model_name="auditevent",
            name="child_id",
            field=models.BigIntegerField(db_index=True, null=True),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("read", "Läsning"),
                    ("create", "Registrering"),
                    ("update", "Ändring"),
                    ("export", "Export"),
                    ("login", "Inloggning"),
                    ("login_failed", "Misslyckad inloggning"),
                    ("break_glass", "Nödåtkomst"),
                    ("search", "Sökning"),
                ],
                max_length=16,
            ),
        ),
        migrations.RunPython(reinstall_sqlite_trigger, migrations.RunPython.noop),
    ]
