"""Signed rows: disposal only by the tables' owner (PostgreSQL), no DELETE on SQLite.

PostgreSQL: ``0002`` let any session that set ``skyddsnat.disposal = 'on'`` change or delete a
signed row, and anyone may set a variable of that kind. The trigger function now also asks that
the role running the statement be the owner of the table (or a member of the owner role): the
application's role, which does not own the tables (docs/security.md, "Database roles"), is
refused whatever it sets. Every name in the function is qualified with ``pg_catalog`` so that a
temporary table or a changed ``search_path`` cannot stand in for the catalogue.

SQLite: ``0002`` left DELETE open. A trigger per signed table now refuses to delete a signed row
unless the connection says ``skyddsnat_allows('disposal')``, a function that the application
registers on its own connections and switches on only inside ``skyddsnat.disposal.disposal()``
(``manage.py flush`` too). UPDATE stays refused as in ``0002``.

``SIGNED_TABLES`` is this migration's own frozen list (the same tables as ``0002``'s). A table
that SQLite rebuilds later loses its triggers: install them again afterwards (decision 0002).
"""

from django.db import migrations

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
    IF OLD.signed_at IS NOT NULL AND NOT (
        pg_catalog.current_setting('skyddsnat.disposal', true) IS NOT DISTINCT FROM 'on'
        AND pg_catalog.pg_has_role(
            current_user,
            (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID),
            'MEMBER'
        )
    ) THEN
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

#: ``0002``'s function, put back when this migration is reversed.
PG_FUNCTION_0002 = """
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


def sqlite_delete_trigger(table):
    return (
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"WHEN OLD.signed_at IS NOT NULL AND skyddsnat_allows('disposal') = 0 "
        f"BEGIN SELECT RAISE(ABORT, 'signed row in {table} is append-only'); END"
    )


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
    elif vendor == "sqlite":
        for table in SIGNED_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
            schema_editor.execute(sqlite_delete_trigger(table))


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION_0002, params=None)
    elif vendor == "sqlite":
        for table in SIGNED_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0004_case_moves_to_cases_app"),
        ("intake", "0002_case_moves_to_cases_app"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
