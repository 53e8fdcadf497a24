"""Every write that can change a case's facts raises the case's stamp (decision 0052).

The stamps are kept by triggers in the database (``cases.stamps``), so the tests write through
the services a caseworker uses and read the stamps back: the cases a write concerns get a new
stamp, the others keep theirs. The first test holds the list of watched tables to what
``facts_of_cases`` reads: a new source of facts that reads a table nobody watches fails it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.db import connection

from skyddsnat.cases.facts import facts_of_cases
from skyddsnat.cases.models import Case, FactsStamp
from skyddsnat.cases.stamps import WATCHED
from skyddsnat.interventions import services as interventions
from skyddsnat.people.models import Child
from tests.plans import Statement, recording
from tests.services.flow import open_investigation
from tests.web.builders import named_case, story

TODAY = date(2026, 3, 11)


def _stamps() -> dict[int, int]:
    return dict(FactsStamp.objects.values_list("case_id", "stamp"))


def _changed(before: dict[int, int], after: dict[int, int]) -> set[int]:
    return {case for case in before.keys() | after.keys() if before.get(case) != after.get(case)}


def _triggers_on(table: str) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE c.relname = %s AND NOT t.tgisinternal",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
        return [name for (name,) in cursor.fetchall()]


def test_every_table_the_facts_are_read_from_is_watched_by_a_trigger(cast):
    statements: list[Statement] = []
    with recording(statements):
        facts_of_cases(Case.objects.all())
    read = {t for s in statements for t in re.findall(r'(?:FROM|JOIN) "(\w+)"', s.sql)}
    watched = {w.table for w in WATCHED}
    assert read, "facts_of_cases read no table"
    assert read <= watched, f"not watched: {sorted(read - watched)}"
    for table in watched:
        assert any("facts_stamp" in name for name in _triggers_on(table)), table


def test_a_registered_case_has_a_stamp_and_a_visit_raises_only_its_case(cast, frozen_today):
    frozen_today(TODAY)
    s = story(cast, TODAY)
    before = _stamps()
    assert {s.late.pk, s.placement.pk, s.fresh.pk, s.unassigned.pk} <= before.keys()
    placement = s.placement.interventions.get()
    interventions.record_visit(
        acting_user=cast.alice,
        intervention_id=placement.pk,
        visited_on=TODAY - timedelta(days=1),
        child_talked_alone=True,
        note="Barnet trivs.",
    )
    assert _changed(before, _stamps()) == {s.placement.pk}


def test_an_investigation_raises_every_case_of_the_child(cast, frozen_today):
    # A case's facts say whether another case of the same child is being investigated.
    frozen_today(TODAY)
    first = named_case(cast.alice, TODAY - timedelta(days=20), "Ebba Lindqvist", seed=11)
    second = named_case(cast.alice, TODAY - timedelta(days=2), "Ebba Lindqvist", seed=11)
    other = named_case(cast.alice, TODAY - timedelta(days=3), "Noah Eriksson", sex="boy", seed=12)
    assert first.child_id == second.child_id != other.child_id
    before = _stamps()
    open_investigation(cast.alice, second, TODAY)
    changed = _changed(before, _stamps())
    assert {first.pk, second.pk} <= changed
    assert other.pk not in changed


def test_a_change_to_the_child_raises_the_childs_cases(cast, frozen_today):
    frozen_today(TODAY)
    case = named_case(cast.alice, TODAY - timedelta(days=4), "Saga Holm", seed=13)
    other = named_case(cast.alice, TODAY - timedelta(days=3), "Noah Eriksson", sex="boy", seed=12)
    before = _stamps()
    Child.objects.filter(pk=case.child_id).update(birth_date=date(2012, 5, 5))
    assert _changed(before, _stamps()) == {case.pk}
    before = _stamps()
    Case.objects.filter(pk=other.pk).update(responsible=cast.bob)
    assert _changed(before, _stamps()) == {other.pk}
