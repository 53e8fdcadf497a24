"""The migrations that move the case from ``intake`` to ``cases`` keep every row and link.

Runs on both databases (``make test`` on SQLite, ``.ci/run``'s PostgreSQL pass): the schema is
migrated back to just before the move, a case with its chain is written through the historical
models of that time, and the schema is migrated forward again. The same rows must then be read
through today's models, with the foreign keys of every stage still pointing at them, and the
append-only guard on signed rows still in force.

The move was also checked by hand on the full demo data (``load_demo`` on the code before the
move, then ``migrate`` on the code after it), on SQLite and PostgreSQL: every table kept its row
count (the closing note of issue 9 has the commands).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from skyddsnat.cases.models import Case, CaseworkerAssignment
from skyddsnat.intake.models import ProtectiveAssessment
from skyddsnat.investigations.models import Investigation
from skyddsnat.journal.models import JournalEntry
from tests.cast import local

BEFORE_THE_MOVE = [
    ("accounts", "0002_break_glass_and_protected_address"),
    ("people", "0001_initial"),
    ("intake", "0001_initial"),
    ("investigations", "0001_initial"),
    ("interventions", "0001_initial"),
    ("journal", "0003_formdraft"),
    ("cases", None),
]


def _migrate(targets) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_the_case_its_chain_and_the_append_only_guard(cast):
    old = _migrate(BEFORE_THE_MOVE)
    try:
        OldCase = old.get_model("intake", "Case")
        user_id, unit_id = cast.alice.pk, cast.inv_unit.pk
        municipality_id = cast.norrby.pk
        report = old.get_model("intake", "Report").objects.create(
            municipality_id=municipality_id,
            unit_id=unit_id,
            received_at=local(2026, 3, 2),
            channel="phone",
            reporter_category="school",
            registered_by_id=user_id,
        )
        child = old.get_model("people", "Child").objects.create(
            municipality_id=municipality_id, reserve_id="R-MOVE-1", first_name="Testa"
        )
        case = OldCase.objects.create(
            municipality_id=municipality_id,
            unit_id=unit_id,
            child_id=child.pk,
            report_id=report.pk,
            responsible_id=user_id,
            phase="investigation",
            version=3,
        )
        old.get_model("intake", "CaseworkerAssignment").objects.create(
            case_id=case.pk,
            caseworker_id=user_id,
            assigned_at=local(2026, 3, 3),
            assigned_by_id=user_id,
        )
        old.get_model("intake", "ProtectiveAssessment").objects.create(
            case_id=case.pk,
            made_at=local(2026, 3, 2, 11),
            made_by_id=user_id,
            outcome="no_immediate_need",
            signed_at=local(2026, 3, 2, 11),
            signed_by_id=user_id,
        )
        old.get_model("investigations", "Investigation").objects.create(
            case_id=case.pk, opened_on=date(2026, 3, 9)
        )
        old.get_model("journal", "JournalEntry").objects.create(
            case_id=case.pk,
            kind="note",
            text="Anteckning före flytten.",
            author_id=user_id,
            created_at=local(2026, 3, 4),
        )
    finally:
        _migrate(_latest())

    moved = Case.objects.select_related("report", "investigation").get(pk=case.pk)
    assert (moved.phase, moved.version, moved.report_id) == ("investigation", 3, report.pk)
    assert moved.investigation.opened_on == date(2026, 3, 9)
    assert CaseworkerAssignment.objects.get(case=moved).caseworker_id == user_id
    assert ProtectiveAssessment.objects.get(case=moved).outcome == "no_immediate_need"
    assert JournalEntry.objects.get(case=moved).text == "Anteckning före flytten."
    assert Case._meta.db_table in connection.introspection.table_names()
    assert "intake_case" not in connection.introspection.table_names()
    # A link to a case that does not exist is still refused by the moved foreign keys.
    with pytest.raises(DatabaseError), transaction.atomic():
        Investigation.objects.create(case_id=moved.pk + 1000, opened_on=date(2026, 3, 9))
        connection.check_constraints()
    # The signed protective assessment is still append-only in the database itself.
    with pytest.raises(DatabaseError), transaction.atomic():
        ProtectiveAssessment.objects.filter(case=moved).update(note="ändrad")
