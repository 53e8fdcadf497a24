"""A target version is never changed: a trigger rejects every UPDATE of its rows.

A revised target is a new row (``actionplans.services.revise_target``). Deleting stays possible
(a plan removed with its goals, the test suite's flush), as for other rows that are not signed.
"""

from django.db import migrations

PG = """
CREATE OR REPLACE FUNCTION skyddsnat_reject_target_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'a target version is append-only'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER actionplans_targetversion_append_only
    BEFORE UPDATE ON actionplans_targetversion
    FOR EACH ROW EXECUTE FUNCTION skyddsnat_reject_target_change();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER actionplans_targetversion_append_only BEFORE UPDATE "
            "ON actionplans_targetversion "
            "BEGIN SELECT RAISE(ABORT, 'a target version is append-only'); END"
        )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS actionplans_targetversion_append_only "
            "ON actionplans_targetversion"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS actionplans_targetversion_append_only")


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
