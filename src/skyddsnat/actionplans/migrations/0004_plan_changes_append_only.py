"""A recorded change of an action plan is never changed: a trigger rejects every UPDATE.

``PlanChange`` rows are the plan's history (decision 0041); ``actionplans.services`` only
appends them. Deleting stays possible (a plan removed with its goals, the test suite's flush),
as for ``TargetVersion`` (``0002``).
"""

from django.db import migrations

PG = """
CREATE OR REPLACE FUNCTION skyddsnat_reject_plan_change_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'a recorded change of an action plan is append-only'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER actionplans_planchange_append_only
    BEFORE UPDATE ON actionplans_planchange
    FOR EACH ROW EXECUTE FUNCTION skyddsnat_reject_plan_change_update();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER actionplans_planchange_append_only BEFORE UPDATE "
            "ON actionplans_planchange "
            "BEGIN SELECT RAISE(ABORT, 'a recorded change of an action plan is append-only'); END"
        )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS actionplans_planchange_append_only ON actionplans_planchange"
        )
        schema_editor.execute("DROP FUNCTION IF EXISTS skyddsnat_reject_plan_change_update()")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS actionplans_planchange_append_only")


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0003_measures_removed_and_plan_changes")]

    operations = [migrations.RunPython(install, uninstall)]
