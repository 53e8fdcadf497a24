"""Add ``Plan.child_participated``: whether the child took part in the planning (asked before a
plan is signed; NULL on the versions signed before it was asked).

On PostgreSQL the column is added in place and the trigger stays. On SQLite, whenever Django's
schema editor rebuilds the table (a column that is not plain nullable, or a reversal), the
table's triggers are dropped: both append-only triggers (``0002``'s UPDATE and DELETE) are
installed again at both ends (decision 0002; harmless when the column was added in place;
``tests/db/test_signed_triggers.py`` fails without them).
"""

from django.db import migrations, models

TABLE = "plans_plan"
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
        ("plans", "0002_signed_rows_append_only"),
    ]

    operations = [
        # Reversed last: removing the column rebuilds the table on SQLite too.
        migrations.RunPython(migrations.RunPython.noop, reinstall_sqlite_triggers),
        migrations.AddField(
            model_name="plan",
            name="child_participated",
            field=models.BooleanField(null=True, verbose_name="barnet har deltagit i planeringen"),
        ),
        migrations.RunPython(reinstall_sqlite_triggers, migrations.RunPython.noop),
    ]
