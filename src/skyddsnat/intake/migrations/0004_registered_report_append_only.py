"""The registered report is append-only, like the signed records, in the database itself.

A report (*orosanmälan*, ``intake_report``) and its reasons (``intake_reportreason``) are
written once, when the report is registered (``intake.services.register_report``); nothing in
the application changes them afterwards, and a correction is written as a journal entry of the
case. The database now refuses:

- PostgreSQL: every UPDATE and DELETE, unless the transaction set ``skyddsnat.disposal = 'on'``
  and its role owns the table (disposal, *gallring*; the same test as the signed rows' in
  ``journal/migrations/0005``, every name qualified with ``pg_catalog``).
- SQLite: every UPDATE; a DELETE unless the application's own connection is inside
  ``skyddsnat.disposal.disposal()`` (``skyddsnat_allows('disposal')``).

A table that SQLite rebuilds later loses its triggers: install them again afterwards.
"""

from django.db import migrations

#: The tables of the registered report, as of this migration. Frozen.
REPORT_TABLES = ("intake_report", "intake_reportreason")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION skyddsnat_reject_report_change() RETURNS trigger AS $$
BEGIN
    IF NOT (
        pg_catalog.current_setting('skyddsnat.disposal', true) IS NOT DISTINCT FROM 'on'
        AND pg_catalog.pg_has_role(
            current_user,
            (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID),
            'MEMBER'
        )
    ) THEN
        RAISE EXCEPTION 'the registered report in % is append-only (id %)', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table in REPORT_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION skyddsnat_reject_report_change()"
            )
    elif vendor == "sqlite":
        for table in REPORT_TABLES:
            message = f"the registered report in {table} is append-only"
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"WHEN skyddsnat_allows('disposal') = 0 "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in REPORT_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS skyddsnat_reject_report_change()")


class Migration(migrations.Migration):
    dependencies = [("intake", "0003_feedback_request_and_2026_reporter_categories")]

    operations = [migrations.RunPython(install, uninstall)]
