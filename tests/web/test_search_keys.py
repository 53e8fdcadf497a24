"""Sök barn reads indexed keys (issue 13 item 6, decision 0048): the same children as the
search that compared every child's names, for a table of queries; more where the old one missed
a name typed in another case or Unicode form; and on PostgreSQL the plan reads the index, not
every child of the municipality."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from django.db import connection, transaction
from django.db.models import Prefetch, Q, QuerySet

from skyddsnat.accounts import policy
from skyddsnat.cases.models import Case
from skyddsnat.people.identity import normalise_identity_number
from skyddsnat.people.models import Child
from skyddsnat.web.views.search import NUMBER_SEPARATORS, find_children
from tests.cast import Cast
from tests.plans import rows_read
from tests.web.builders import named_case

TODAY = date(2026, 3, 11)
NAMES = (
    "Ebba Lindqvist",
    "Otto Lindqvist",
    "Anna-Karin Öberg",
    "Åsa Ekelund",
    "José Müller",
    "Ebba Maria Ström",
)


def _old_matching(query: str) -> Q:
    """The search before decision 0048: every child's names compared, part of a word anywhere."""
    compact = NUMBER_SEPARATORS.sub("", normalise_identity_number(query))
    if compact.isascii() and compact.isdigit():
        if len(compact) == 12:
            return Q(personal_identity_number=compact)
        if len(compact) == 10:
            return Q(personal_identity_number__endswith=compact)
        return Q(personal_identity_number__contains=compact)
    words = Q()
    for word in query.split():
        words &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return words | Q(reserve_id__iexact=query)


def _old_find(user, query: str) -> QuerySet[Child]:
    visible = Case.objects.filter(pk__in=policy.cases_visible_to(user).values("pk"))
    return (
        Child.objects.filter(municipality_id=user.municipality_id, cases__in=visible)
        .filter(_old_matching(query))
        .distinct()
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(
            Prefetch("cases", queryset=visible.order_by("-pk"), to_attr="visible_cases")
        )
    )


def _shown(children) -> list[tuple[str, list[int]]]:
    return [(str(c), sorted(case.pk for case in c.visible_cases)) for c in children]


@pytest.fixture
def children(cast: Cast, frozen_today) -> dict[str, Child]:
    frozen_today(TODAY)
    found = {}
    for seed, name in enumerate(NAMES, start=40):
        # Otto's case is the intake unit's only: Ida reads it, Alice does not.
        user = cast.carl if name.startswith("Otto") else cast.alice
        found[name] = named_case(user, date(2026, 3, 1), name, seed=seed).child
    # Ebba Lindqvist has a second case, registered by intake.
    named_case(cast.ida, date(2026, 3, 5), "Ebba Lindqvist", seed=40)
    return found


def _table(children: dict[str, Child]) -> list[str]:
    pin = children["Ebba Lindqvist"].personal_identity_number
    return [
        # identity numbers: with and without century and dash, and parts of one
        pin,
        f"{pin[:8]}-{pin[8:]}",
        pin[2:],
        f"{pin[2:8]}-{pin[8:]}",
        f"{pin[2:8]}+{pin[8:]}",
        pin[:8],
        pin[4:8],
        f"{pin[6:8]}-{pin[8:]}",
        "190101011234",
        # names, whole and in part, in any order, with diacritics as typed
        "ebba",
        "Lindqvist Ebba",
        "LINDQVIST",
        "lind",
        "qvist",
        "Anna-Karin",
        "karin",
        "Öberg",
        "Åsa",
        "ÅSA",
        "José",
        "Müller",
        "Jose",
        "Maria Ström",
        "ebba ström",
        "Ebba Nobody",
        "zz",
    ]


@pytest.mark.parametrize("max_matched", [1000, 1])
@pytest.mark.parametrize("who", ["alice", "ida", "maja", "sara"])
def test_the_same_children_as_before_for_a_table_of_queries(
    cast, children, who, max_matched, monkeypatch
):
    """For the children's ids looked up, and for a query matching too many for that."""
    monkeypatch.setattr("skyddsnat.web.views.search.MAX_MATCHED", max_matched)
    user = getattr(cast, who)
    for query in _table(children):
        assert _shown(find_children(user, query)) == _shown(_old_find(user, query)), query


@pytest.mark.parametrize(
    "query",
    [
        "åsa",  # a lower-case Å: SQLite's LIKE folds only ASCII letters
        "öberg",
        unicodedata.normalize("NFD", "Åsa"),  # Å as A and a combining ring
        "ｅｂｂａ",  # fullwidth
        "anna–karin",  # an en dash
    ],
)
def test_a_name_in_another_case_or_unicode_form_is_found(cast, children, query):
    found = [str(c) for c in find_children(cast.alice, query)]
    expected = {
        "åsa": "Åsa Ekelund",
        "öberg": "Anna-Karin Öberg",
        "ｅｂｂａ": "Ebba Lindqvist",
        "anna–karin": "Anna-Karin Öberg",
    }.get(query, "Åsa Ekelund")
    assert expected in found


def test_a_renamed_child_is_found_by_the_new_name(cast, children):
    child = children["José Müller"]
    child.last_name = "Östlund"
    child.save(update_fields=["last_name"])
    assert [str(c) for c in find_children(cast.alice, "östlund")] == ["José Östlund"]
    assert list(find_children(cast.alice, "Müller")) == []


def test_children_created_together_get_their_keys(cast):
    Child.objects.bulk_create(
        [Child(municipality=cast.norrby, reserve_id="R-1", first_name="Ölof", last_name="Å-Berg")]
    )
    assert Child.objects.get(reserve_id="R-1").name_key == " ölof å berg "


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN of PostgreSQL's planner")
def test_on_postgresql_the_search_reads_the_index_not_every_child(cast, children):
    """Every statement of the search that reads the children can be answered by the indexes on
    the name's key and the number (trigram, equality), reading only the children that match.

    At a test's size the planner rightly prefers the index on the municipality (a few thousand
    rows, a few milliseconds); it is dropped inside the transaction that explains, so that the
    plan shows what the search's own indexes answer, as at 100,000 children of a municipality.
    """
    Child.objects.bulk_create(
        Child(
            municipality=cast.norrby,
            reserve_id=f"R-{n}",
            first_name=f"Barn{n}",
            last_name=f"Efternamn{n}",
        )
        for n in range(2000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    pin = children["Ebba Lindqvist"].personal_identity_number
    statements: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    for query in ("lindqvist", "Ebba Lindqvist", pin, pin[2:], pin[:8]):
        statements.clear()
        with connection.execute_wrapper(record):
            list(find_children(cast.ida, query))
        reading = [(q, p) for q, p in statements if '"people_child"' in q]
        assert reading
        for sql, params in reading:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'people_child' "
                    "AND indexdef LIKE '%%(municipality_id%%' AND indexdef NOT LIKE '%%UNIQUE%%'"
                )
                for (name,) in cursor.fetchall():
                    cursor.execute(f'DROP INDEX "{name}"')
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
                (result,) = cursor.fetchone()
                transaction.set_rollback(True)
            plan = (json.loads(result) if isinstance(result, str) else result)[0]["Plan"]
            reads = list(rows_read(plan, "people_child"))
            assert max(reads, default=0) <= 10, f"{query}: {reads} child rows read: {sql}"
