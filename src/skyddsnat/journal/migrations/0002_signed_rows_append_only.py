"""Make signed rows append-only in the database itself.

PostgreSQL: a trigger rejects UPDATE and DELETE of any row whose ``signed_at`` is set, unless
the transaction set ``skyddsnat.disposal = 'on'`` (the logged disposal command, *gallring*).
SQLite: a trigger rejects UPDATE of signed rows (DELETE stays possible there so that test
databases can be flushed; the services never delete).

``SIGNED_TABLES`` is this migration's own frozen list: a migration must mean the same thing
whatever the code says later, so it imports no list from the application. A signed model added
later gets its trigger from a migration of its own, and that migration's list joins this one in
``tests/db/test_signed_triggers.py``, which fails while a model that inherits
``skyddsnat.signing.SignedRecord`` has no trigger.
"""

from django.db import migrations

#: The tables (``app_model``) whose signed rows the database refuses to change, as of this
#: migration. Frozen: do not edit; add a migration for a new signed table.
SIGNED_TABLES = (
    "journal_journalentry",
    "intake_protectiveassessment",
    "intake_preliminaryassessment",
    "investigations_investigation",
    "investigations_childconversation",
    "investigations_extension",
    "interventions_decision",
    "interventions_evaluation",
)

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION skyddsnat_reject_signed_change() RETURNS trigger AS $$
BEGIN
    IF OLD.signed_at IS NOT NULL
       AND coalesce(current_setting('skyddsnat.disposal', true), '') <> 'on' THEN
        RAISE EXCEPTION 'signed row in % is append-only (id %)', TG_TABLE_NAME, OLD.id
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
        for table in SIGNED_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION skyddsnat_reject_signed_change()"
            )
    elif vendor == "sqlite":
        for table in SIGNED_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                f"WHEN OLD.signed_at IS NOT NULL "
                f"BEGIN SELECT RAISE(ABORT, 'signed row in {table} is append-only'); END"
            )


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in SIGNED_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only")


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0001_initial"),
        ("intake", "0001_initial"),
        ("investigations", "0001_initial"),
        ("interventions", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
