"""Cases registered or handed over while a work list is read: the list still loads, whole.

Mina ärenden and Enhetens översikt read the cases and their facts (what the time limits are
computed from) in separate queries, while others go on working. A report registered or a case
handed over in between must not break the page: a case that joins the list is on it with its
time limit or appears at the next load, one that leaves it is gone at the latest then, and
every other case is listed as before.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from skyddsnat.intake import services as intake
from skyddsnat.web import worklist
from tests.web.builders import named_case, story

TODAY = date(2026, 3, 11)
NEWCOMERS = ("Nora Lind", "Olle Strand")
ALICES_CASES = [
    "Ebba Lindqvist",
    "Noah Eriksson",
    "Elias Berg",
    "Saga Holm",
    "Hugo Åberg",
    "Vilma Sandberg",
    "Alma Nyström",
]


@pytest.fixture
def alices_story(cast, frozen_today):
    frozen_today(TODAY)
    return story(cast, TODAY)


@pytest.fixture
def during_the_load(monkeypatch):
    """``during_the_load(before, after)``: others work while the next work list is read —
    ``before`` just before it reads the facts and ``after`` just after (whichever of its two
    reads comes first). Returns the list of what was done, to check that it happened."""
    done: list[object] = []

    def arrange(before, after) -> list[object]:
        read_facts = worklist.facts_of_cases

        def read_facts_while_others_work(cases):
            if done:
                return read_facts(cases)
            done.append(before())
            facts = read_facts(cases)
            done.append(after())
            return facts

        monkeypatch.setattr(worklist, "facts_of_cases", read_facts_while_others_work)
        return done

    return arrange


@pytest.fixture
def cases_arrive_during_the_load(cast, alices_story, during_the_load):
    """Reports about two new children, for Alice, come in while a work list is read."""
    return during_the_load(
        lambda: named_case(cast.alice, TODAY, NEWCOMERS[0], seed=21),
        lambda: named_case(cast.alice, TODAY, NEWCOMERS[1], seed=22),
    )


def _load(user, url: str) -> tuple[int, list[str]]:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    response = client.get(url)
    html = response.content.decode()
    if 'aria-labelledby="cases-heading"' in html:  # the unit view: its list, not the queue
        html = html.split('aria-labelledby="cases-heading"', 1)[1].split("</section>", 1)[0]
    return response.status_code, re.findall(
        r'<th scope="row"[^>]*><a href="/arenden/\d+/">([^<]+)</a>', html
    )


def test_my_cases_loads_whole_while_cases_are_registered(cast, cases_arrive_during_the_load):
    status, names = _load(cast.alice, "/arenden/")
    assert len(cases_arrive_during_the_load) == 2, "the reports did not come in during the load"
    assert status == 200
    assert [n for n in names if n not in NEWCOMERS] == ALICES_CASES
    status, names = _load(cast.alice, "/arenden/")
    assert status == 200
    assert sorted(names) == sorted(ALICES_CASES + list(NEWCOMERS))


def test_the_unit_view_loads_whole_while_cases_are_registered(cast, cases_arrive_during_the_load):
    unit_cases = [*ALICES_CASES, "Liam Ahmed", "Tyra Wikström"]
    status, names = _load(cast.maja, "/enhet/")
    assert len(cases_arrive_during_the_load) == 2, "the reports did not come in during the load"
    assert status == 200
    assert sorted(n for n in names if n not in NEWCOMERS) == sorted(unit_cases)
    status, names = _load(cast.maja, "/enhet/")
    assert status == 200
    assert sorted(names) == sorted(unit_cases + list(NEWCOMERS))


def test_my_cases_loads_whole_while_cases_are_handed_over(cast, alices_story, during_the_load):
    """The manager hands two of Alice's cases to Bob while Alice's list is read: the page
    loads, and the next load shows her cases without them."""

    def hand_over(case):
        return lambda: intake.reassign_caseworker(
            acting_user=cast.maja, case_id=case.pk, caseworker=cast.bob
        )

    handed = during_the_load(hand_over(alices_story.fresh), hand_over(alices_story.due_soon))
    status, names = _load(cast.alice, "/arenden/")
    assert len(handed) == 2, "the cases were not handed over during the load"
    assert status == 200
    remaining = [n for n in ALICES_CASES if n not in ("Hugo Åberg", "Noah Eriksson")]
    assert [n for n in names if n in remaining] == remaining
    status, names = _load(cast.alice, "/arenden/")
    assert status == 200
    assert names == remaining
