"""Add ``Investigation.closed_incomplete_reason``: why it was closed although BBIC areas were
undocumented or the material was not communicated.

On PostgreSQL the column is added in place and the trigger stays. On SQLite a NOT NULL column
rebuilds the table, which drops its triggers: both append-only triggers (``journal`` ``0002``'s
UPDATE, ``0005``'s DELETE) are installed again at both ends (decision 0002;
``tests/db/test_signed_triggers.py`` fails without them).
"""

from django.db import migrations, models

TABLE = "investigations_investigation"
SQLITE_TRIGGERS = {
    f"{TABLE}_append_only": (
        f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE ON {TABLE} "
        f"WHEN OLD.signed_at IS NOT NULL "
        f"BEGIN SELECT RAISE(ABORT, 'signed row in {TABLE} is append-only'); END"
    ),
    f"{TABLE}_no_delete": (
        f"CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
        f"WHEN OLD.signed_at IS NOT NULL AND skyddsnat_allows('disposal') = 0 "
        f"BEGIN SELECT RAISE(ABORT, 'signed row in {TABLE} is append-only'); END"
    ),
}


def reinstall_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name, sql in SQLITE_TRIGGERS.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("investigations", "0002_case_moves_to_cases_app"),
        ("journal", "0005_signed_rows_disposal_by_the_owner_only"),
    ]

    operations = [
        # Reversed last: removing the column rebuilds the table on SQLite too.
        migrations.RunPython(migrations.RunPython.noop, reinstall_sqlite_triggers),
        migrations.AddField(
            model_name="investigation",
            name="closed_incomplete_reason",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(reinstall_sqlite_triggers, migrations.RunPython.noop),
    ]
