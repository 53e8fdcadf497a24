"""Every signed model has its append-only trigger in the database (decision 0002).

The trigger migration keeps its own frozen list of tables (a migration must not change meaning
when the code does). These tests compare that list with the models that inherit
``skyddsnat.signing.SignedRecord``, found through Django's app registry, and look for each
model's trigger in the database itself: ``sqlite_master`` on SQLite (one for UPDATE, one for
DELETE), ``pg_trigger`` on PostgreSQL (one for both). They run on both (``make test`` and
``.ci/run``'s PostgreSQL pass).

A new signed model fails here until a migration installs its triggers; add that migration's
list to ``TRIGGER_MIGRATIONS`` and ``DELETE_TRIGGER_MIGRATIONS``.
"""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from skyddsnat.signing import SignedRecord

#: The migrations that install append-only triggers, each with its frozen ``SIGNED_TABLES``.
TRIGGER_MIGRATIONS = (
    "skyddsnat.journal.migrations.0002_signed_rows_append_only",
    "skyddsnat.plans.migrations.0002_signed_rows_append_only",
    "skyddsnat.followups.migrations.0002_signed_rows_append_only",
    "skyddsnat.interventions.migrations.0005_signed_best_interests_append_only",
    "skyddsnat.interventions.migrations.0010_signed_protected_housing_considerations_append_only",
    "skyddsnat.investigations.migrations.0005_signed_opening_information_append_only",
)
#: The migrations that install SQLite's DELETE triggers (PostgreSQL's refuse DELETE already).
DELETE_TRIGGER_MIGRATIONS = (
    "skyddsnat.journal.migrations.0005_signed_rows_disposal_by_the_owner_only",
    "skyddsnat.plans.migrations.0002_signed_rows_append_only",
    "skyddsnat.followups.migrations.0002_signed_rows_append_only",
    "skyddsnat.interventions.migrations.0005_signed_best_interests_append_only",
    "skyddsnat.interventions.migrations.0010_signed_protected_housing_considerations_append_only",
    "skyddsnat.investigations.migrations.0005_signed_opening_information_append_only",
)


def tables_in_trigger_migrations(migrations: tuple[str, ...] = TRIGGER_MIGRATIONS) -> set[str]:
    """Return the tables the trigger migrations in force name (their literal lists)."""
    return {table for name in migrations for table in import_module(name).SIGNED_TABLES}


def signed_models() -> list[type[SignedRecord]]:
    """Return every concrete model with its own table that inherits ``SignedRecord``."""
    found = [
        model
        for model in apps.get_models()
        if issubclass(model, SignedRecord) and not model._meta.proxy and model._meta.managed
    ]
    return sorted(found, key=lambda model: model._meta.label)


def triggers_on(table: str) -> dict[str, str]:
    """Return the triggers on ``table`` as the database holds them: name → definition."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [table],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND c.relname = %s",
                [table],
            )
        else:
            pytest.fail(f"no trigger check for {connection.vendor}")
        return dict(cursor.fetchall())


def test_the_registry_finds_the_signed_models():
    labels = {model._meta.label for model in signed_models()}
    assert {"journal.JournalEntry", "interventions.Decision"} <= labels


def test_the_trigger_migrations_name_exactly_the_signed_models():
    signed = {model._meta.db_table for model in signed_models()}
    for migrations in (TRIGGER_MIGRATIONS, DELETE_TRIGGER_MIGRATIONS):
        listed = tables_in_trigger_migrations(migrations)
        assert sorted(signed - listed) == [], f"signed tables without a trigger in {migrations}"
        assert sorted(listed - signed) == [], f"{migrations} name tables that are not signed"


@pytest.mark.django_db
@pytest.mark.parametrize("model", signed_models(), ids=lambda model: model._meta.label)
def test_the_database_has_the_append_only_trigger_of_every_signed_model(model):
    table = model._meta.db_table
    triggers = triggers_on(table)
    name = f"{table}_append_only"
    assert name in triggers, f"{model._meta.label}: no trigger on {table} in the database"
    definition = " ".join(triggers[name].split()).upper()
    if connection.vendor == "postgresql":
        assert re.search(r"BEFORE (UPDATE OR DELETE|DELETE OR UPDATE) ON", definition)
        assert "SKYDDSNAT_REJECT_SIGNED_CHANGE()" in definition
    else:
        assert "BEFORE UPDATE" in definition
        assert "WHEN OLD.SIGNED_AT IS NOT NULL" in definition
        no_delete = f"{table}_no_delete"
        assert no_delete in triggers, f"{model._meta.label}: no DELETE trigger on {table}"
        definition = " ".join(triggers[no_delete].split()).upper()
        assert "BEFORE DELETE" in definition
        assert "WHEN OLD.SIGNED_AT IS NOT NULL AND SKYDDSNAT_ALLOWS('DISPOSAL') = 0" in definition
