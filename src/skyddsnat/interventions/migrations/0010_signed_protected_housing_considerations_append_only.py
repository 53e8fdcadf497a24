"""Signed considerations of protected housing without consent (lag 2024:79) are append-only
in the database itself (decisions 0002 and 0043).

The same triggers as ``journal`` ``0002`` and ``0005`` install for the tables signed then:
PostgreSQL rejects UPDATE and DELETE of a signed row (the function
``skyddsnat_reject_signed_change``, which lets only the tables' owner dispose of it); SQLite
rejects UPDATE of a signed row, and DELETE unless ``skyddsnat_allows('disposal')``.

``SIGNED_TABLES`` is this migration's own frozen list (``tests/db/test_signed_triggers.py``
reads it).
"""

from django.db import migrations

SIGNED_TABLES = ("interventions_protectedhousingconsideration",)


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in SIGNED_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION skyddsnat_reject_signed_change()"
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                f"WHEN OLD.signed_at IS NOT NULL "
                f"BEGIN SELECT RAISE(ABORT, 'signed row in {table} is append-only'); END"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"WHEN OLD.signed_at IS NOT NULL AND skyddsnat_allows('disposal') = 0 "
                f"BEGIN SELECT RAISE(ABORT, 'signed row in {table} is append-only'); END"
            )


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in SIGNED_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")


class Migration(migrations.Migration):
    dependencies = [
        ("interventions", "0009_temporary_bans_protected_housing_2024"),
        ("journal", "0005_signed_rows_disposal_by_the_owner_only"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
