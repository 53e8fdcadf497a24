"""A case's facts stamp, kept by the database itself (decision 0052).

A case's facts (``cases.facts``) are read from some thirty tables: the case and its child, the
report, the assessments, the investigation, every intervention with its visits, reviews and
evaluations, the LVU measures, the plans and the follow-ups, and the investigations of the
child's other cases. Whatever is worked out from the facts (a case's next due date) may be kept
only while none of them has changed. Rather than trust every service, present and future, to
say so, a trigger on each of those tables raises the stamp of the cases a changed row belongs
to (``FactsStamp``): on insert, update and delete, whoever writes.

``WATCHED`` names each table with the SQL that finds the cases of a row (``{row}``: ``NEW`` or
``OLD``). ``tests/services/test_facts_stamps.py`` checks that every table ``facts_of_cases``
reads is watched, and that each kind of write raises the stamp of exactly the cases it
concerns. A migration installs the triggers for a frozen copy of the list; a new source of
facts needs a migration that watches its tables too.

The indicators keep their tables per municipality while nothing they were counted from changed
(decision 0053): ``WATCHED`` names what they read of a case too, and ``MUNICIPALITY_WATCHED``
what they read outside the cases (raising ``MunicipalityStamp``);
``tests/indicators/test_kept_tables.py`` holds both lists to what the indicators read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any


@dataclass(frozen=True)
class Watched:
    """A table the facts are read from, and how a row of it leads to its cases."""

    table: str
    #: A SELECT of the ids of the cases the row ``{row}`` belongs to.
    cases: str


def _own(table: str) -> Watched:
    return Watched(table, "SELECT {row}.case_id")


def _via(table: str, column: str, parent: str) -> Watched:
    # Names from WATCHED below, never user text (as every SQL of this module).
    return Watched(table, f"SELECT case_id FROM {parent} WHERE id = {{row}}.{column}")  # nosec B608


WATCHED: tuple[Watched, ...] = (
    # The case itself (its phase, dates, unit), and the cases of its child: a case's facts
    # include whether another case of the same child has an open investigation.
    Watched("cases_case", "SELECT id FROM cases_case WHERE child_id = {row}.child_id"),
    Watched("people_child", "SELECT id FROM cases_case WHERE child_id = {row}.id"),
    Watched("intake_report", "SELECT id FROM cases_case WHERE report_id = {row}.id"),
    Watched(
        "intake_feedbackrequest", "SELECT id FROM cases_case WHERE report_id = {row}.report_id"
    ),
    _own("intake_protectiveassessment"),
    _own("intake_preliminaryassessment"),
    _own("intake_reporterfeedback"),
    Watched(
        "investigations_investigation",
        "SELECT id FROM cases_case WHERE child_id = "
        "(SELECT child_id FROM cases_case WHERE id = {row}.case_id)",
    ),
    _via("investigations_openinginformation", "investigation_id", "investigations_investigation"),
    _via("investigations_extension", "investigation_id", "investigations_investigation"),
    _own("interventions_decision"),
    _own("interventions_intervention"),
    _via("interventions_visit", "intervention_id", "interventions_intervention"),
    _via("interventions_review", "intervention_id", "interventions_intervention"),
    _via(
        "interventions_custodytransferconsideration",
        "intervention_id",
        "interventions_intervention",
    ),
    _via("interventions_evaluation", "intervention_id", "interventions_intervention"),
    _via("interventions_stayextension", "intervention_id", "interventions_intervention"),
    _own("interventions_emergencycustody"),
    _own("interventions_lvucourtcase"),
    _own("interventions_lvumeasure"),
    _via("interventions_lvumeasurereview", "measure_id", "interventions_lvumeasure"),
    _own("interventions_lvufollowup"),
    _own("interventions_lulstatement"),
    _own("interventions_youthservice"),
    _own("interventions_protectedhousingorder"),
    _via(
        "interventions_protectedhousingconsideration",
        "order_id",
        "interventions_protectedhousingorder",
    ),
    _own("plans_plan"),
    _own("followups_followup"),
    _via("followups_followupend", "follow_up_id", "followups_followup"),
    # Not read by the facts, but by the indicators (decision 0053): what else is recorded of a
    # case, so that a municipality's case stamps change whenever its statistics may.
    _own("cases_caseworkerassignment"),
    Watched("intake_reportreason", "SELECT id FROM cases_case WHERE report_id = {row}.report_id"),
    _own("intake_followupcontact"),
    _own("intake_adulttriggerlink"),
    # An adult's trigger counts through its links to the children's cases: a change to it
    # raises theirs (a new one has no links yet; each link raises its case).
    Watched(
        "intake_adulttrigger",
        "SELECT case_id FROM intake_adulttriggerlink WHERE trigger_id = {row}.id",
    ),
    _via("investigations_delayreasonentry", "investigation_id", "investigations_investigation"),
    _via("investigations_childconversation", "investigation_id", "investigations_investigation"),
)


@dataclass(frozen=True)
class MunicipalityWatched:
    """A table the indicators read outside the cases, and how a row leads to its municipality."""

    table: str
    #: A SELECT of the ids of the municipalities the row ``{row}`` belongs to.
    municipalities: str
    #: Only an update of these columns changes the indicators (empty: any update).
    columns: tuple[str, ...] = ()


def _in_unit(table: str) -> MunicipalityWatched:
    return MunicipalityWatched(
        table, "SELECT municipality_id FROM accounts_unit WHERE id = {row}.unit_id"
    )


#: What the indicators read of a municipality besides its cases (``cases.MunicipalityStamp``):
#: its settings and population, its units and staff, its time studies.
#: A built-in category set (no municipality) belongs to every municipality.
MUNICIPALITY_WATCHED: tuple[MunicipalityWatched, ...] = (
    MunicipalityWatched("accounts_municipality", "SELECT {row}.id"),
    MunicipalityWatched("accounts_childpopulation", "SELECT {row}.municipality_id"),
    MunicipalityWatched("accounts_unit", "SELECT {row}.municipality_id"),
    MunicipalityWatched(
        "accounts_user",
        "SELECT {row}.municipality_id",
        ("municipality_id", "role", "is_active"),
    ),
    _in_unit("accounts_user_units"),
    _in_unit("accounts_employmentperiod"),
    MunicipalityWatched(
        "timestudy_categoryset",
        "SELECT id FROM accounts_municipality "
        "WHERE {row}.municipality_id IS NULL OR id = {row}.municipality_id",
    ),
    MunicipalityWatched(
        "timestudy_category",
        "SELECT m.id FROM accounts_municipality m JOIN timestudy_categoryset s "
        "ON s.id = {row}.category_set_id "
        "WHERE s.municipality_id IS NULL OR m.id = s.municipality_id",
    ),
    MunicipalityWatched("timestudy_study", "SELECT {row}.municipality_id"),
    MunicipalityWatched(
        "timestudy_study_units",
        "SELECT municipality_id FROM timestudy_study WHERE id = {row}.study_id",
    ),
    MunicipalityWatched(
        "timestudy_participant",
        "SELECT municipality_id FROM timestudy_study WHERE id = {row}.study_id",
    ),
    MunicipalityWatched(
        "timestudy_timeblock",
        "SELECT s.municipality_id FROM timestudy_participant p "
        "JOIN timestudy_study s ON s.id = p.study_id WHERE p.id = {row}.participant_id",
    ),
)


def _bump(watched: Watched, row: str) -> str:
    """Return the statement that raises the stamp of the cases of ``row`` (those that exist)."""
    return (
        "INSERT INTO cases_factsstamp (case_id, stamp) "  # nosec B608
        f"SELECT c.id, 1 FROM cases_case c WHERE c.id IN ({watched.cases.format(row=row)}) "
        "ON CONFLICT (case_id) DO UPDATE SET stamp = cases_factsstamp.stamp + 1"
    )


def _name(watched: Watched) -> str:
    return f"{watched.table}_facts_stamp"


def _install_one(
    schema_editor: Any, name: str, table: str, bump: Callable[[str], str], columns: tuple[str, ...]
) -> None:
    """Create the trigger ``name`` on ``table`` that runs ``bump(row)`` for the new row and the
    old (``columns``: only an update of those)."""
    vendor = schema_editor.connection.vendor
    of = f" OF {', '.join(columns)}" if columns else ""
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$\n"
            "BEGIN\n"
            "    IF TG_OP IN ('INSERT', 'UPDATE') THEN\n"
            f"        {bump('NEW')};\n"
            "    END IF;\n"
            "    IF TG_OP IN ('UPDATE', 'DELETE') THEN\n"
            f"        {bump('OLD')};\n"
            "    END IF;\n"
            "    RETURN NULL;\n"
            "END;\n"
            "$$ LANGUAGE plpgsql",
            params=None,
        )
        schema_editor.execute(
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE{of} OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {bump('NEW')}; END"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {name}_update AFTER UPDATE{of} ON {table} "
            f"BEGIN {bump('NEW')}; {bump('OLD')}; END"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {bump('OLD')}; END"
        )


def _drop_one(schema_editor: Any, name: str, table: str) -> None:
    """Drop what ``_install_one`` created."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")
    elif vendor == "sqlite":
        for op in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_{op}")


def install(schema_editor: Any, watched: tuple[Watched, ...]) -> None:
    """Create the triggers that keep the stamps for ``watched`` (a migration's frozen list)."""
    for w in watched:
        _install_one(schema_editor, _name(w), w.table, partial(_bump, w), ())
    install_gone(schema_editor, ("cases_factsstamp",))


def install_gone(schema_editor: Any, tables: tuple[str, ...]) -> None:
    """(Re)create the trigger that removes a deleted case's rows from ``tables`` (its stamp, and
    what was kept with it), after the triggers above have stamped it one last time."""
    vendor = schema_editor.connection.vendor
    deletes = " ".join(f"DELETE FROM {t} WHERE case_id = OLD.id;" for t in tables)  # nosec B608
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION cases_case_facts_stamp_gone() RETURNS trigger AS $$\n"
            f"BEGIN {deletes} RETURN NULL; END;\n"
            "$$ LANGUAGE plpgsql",
            params=None,
        )
        schema_editor.execute("DROP TRIGGER IF EXISTS cases_case_facts_stamp_gone ON cases_case")
        schema_editor.execute(
            "CREATE TRIGGER cases_case_facts_stamp_gone AFTER DELETE ON cases_case "
            "FOR EACH ROW EXECUTE FUNCTION cases_case_facts_stamp_gone()"
        )
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS cases_case_facts_stamp_gone")
        schema_editor.execute(
            "CREATE TRIGGER cases_case_facts_stamp_gone AFTER DELETE ON cases_case "
            f"BEGIN {deletes} END"
        )


def uninstall(schema_editor: Any, watched: tuple[Watched, ...]) -> None:
    """Drop the triggers ``install`` created for ``watched``."""
    vendor = schema_editor.connection.vendor
    for w in watched:
        _drop_one(schema_editor, _name(w), w.table)
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS cases_case_facts_stamp_gone ON cases_case")
        schema_editor.execute("DROP FUNCTION IF EXISTS cases_case_facts_stamp_gone()")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS cases_case_facts_stamp_gone")


def _bump_municipality(watched: MunicipalityWatched, row: str) -> str:
    """Return the statement that raises the stamp of the municipalities of ``row``."""
    return (
        "INSERT INTO cases_municipalitystamp (municipality_id, stamp) "  # nosec B608
        "SELECT m.id, 1 FROM accounts_municipality m "
        f"WHERE m.id IN ({watched.municipalities.format(row=row)}) "
        "ON CONFLICT (municipality_id) DO UPDATE SET stamp = cases_municipalitystamp.stamp + 1"
    )


def _municipality_name(watched: MunicipalityWatched) -> str:
    return f"{watched.table}_municipality_stamp"


def install_municipal(schema_editor: Any, watched: tuple[MunicipalityWatched, ...]) -> None:
    """Create the triggers that keep the municipality stamps for ``watched`` (frozen list)."""
    for w in watched:
        _install_one(
            schema_editor,
            _municipality_name(w),
            w.table,
            partial(_bump_municipality, w),
            w.columns,
        )


def uninstall_municipal(schema_editor: Any, watched: tuple[MunicipalityWatched, ...]) -> None:
    """Drop the triggers ``install_municipal`` created for ``watched``."""
    for w in watched:
        _drop_one(schema_editor, _municipality_name(w), w.table)
