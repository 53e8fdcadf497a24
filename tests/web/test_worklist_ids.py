"""The work lists read the facts of the cases they found by a list of ids (``idlists.IdIn``,
decision 0050).

The condition selects exactly the cases named, on either database. On PostgreSQL the ids go as
one array parameter: the statements of Enhetens översikt carry as many parameters for a unit of
160 cases as for a unit of 60 (they carried one per case, and at 8,989 cases the quoting and
planning of the lists cost more than the reading). Both units fill the first page (50 rows),
whose cases are loaded by their ids.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client

from skyddsnat.cases.models import Case
from skyddsnat.idlists import IdIn
from tests.plans import Statement, recording
from tests.web.builders import bulk_cases

TODAY = date(2026, 3, 11)


def test_it_selects_exactly_the_cases_named(cast, frozen_today):
    frozen_today(TODAY)
    cases = bulk_cases(cast, 8, responsible=cast.alice, unit=cast.inv_unit, today=TODAY)
    named = [cases[1].pk, cases[4].pk, cases[6].pk]
    found = Case.objects.filter(IdIn("pk", named)).order_by("pk")
    assert [c.pk for c in found] == sorted(named)
    excluded = Case.objects.exclude(IdIn("pk", named)).values_list("pk", flat=True)
    assert set(excluded) == {c.pk for c in cases} - set(named)


def test_an_empty_list_is_refused_before_any_query():
    with pytest.raises(ValueError):
        IdIn("pk", [])


def _most_parameters_of_the_unit_view(user) -> int:
    """The most parameters of a statement that reads (the dates it keeps are one row each)."""
    client = Client()
    client.force_login(user)
    statements: list[Statement] = []
    with recording(statements):
        response = client.get("/enhet/")
    assert response.status_code == 200
    reads = [s for s in statements if s.sql.lstrip().startswith("SELECT")]
    return max(len(s.params or ()) for s in reads)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no array parameters")
def test_on_postgresql_the_unit_view_does_not_send_a_parameter_per_case(cast, frozen_today):
    frozen_today(TODAY)
    bulk_cases(cast, 60, responsible=cast.alice, unit=cast.inv_unit, today=TODAY)
    few = _most_parameters_of_the_unit_view(cast.maja)
    bulk_cases(cast, 100, responsible=cast.bob, unit=cast.inv_unit, today=TODAY, offset=100)
    many = _most_parameters_of_the_unit_view(cast.maja)
    assert many == few


def test_a_long_list_selects_exactly_the_cases_named(cast, frozen_today, monkeypatch):
    # Long lists go to SQLite as one JSON array (its limit on parameters); fewer ids here.
    monkeypatch.setattr("skyddsnat.idlists.SQLITE_LIST_MAX", 3)
    frozen_today(TODAY)
    cases = bulk_cases(cast, 8, responsible=cast.alice, unit=cast.inv_unit, today=TODAY)
    named = [cases[0].pk, cases[2].pk, cases[5].pk, cases[7].pk]
    found = Case.objects.filter(IdIn("pk", named)).order_by("pk")
    assert [c.pk for c in found] == sorted(named)
