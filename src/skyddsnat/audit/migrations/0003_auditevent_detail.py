"""Add ``AuditEvent.detail`` (what an export of indicators held: unit, breakdown, format).

On SQLite adding a column with a default rebuilds the table, which drops its triggers: the
append-only trigger of ``0002_append_only`` is installed again afterwards (and before, when the
migration is reversed, since removing the column rebuilds the table too). On PostgreSQL the
column is added in place and the trigger stays.
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
    dependencies = [("audit", "0002_append_only")]

    operations = [
        # Reversed last: the column's removal rebuilds the table on SQLite.
        migrations.RunPython(migrations.RunPython.noop, reinstall_sqlite_trigger),
        migrations.AddField(
            model_name="auditevent",
            name="detail",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(reinstall_sqlite_trigger, migrations.RunPython.noop),
    ]
