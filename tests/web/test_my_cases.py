"""Mina ärenden: the user's own cases, the next time limit of each, sorted and filtered."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from tests.web.builders import story

TODAY = date(2026, 3, 11)  # a Wednesday
URL = "/arenden/"


@pytest.fixture
def alice_story(cast, frozen_today):
    frozen_today(TODAY)
    return story(cast, TODAY)


def _page(user, query: str = "") -> str:
    client = Client()
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


def _children_in_order(html: str) -> list[str]:
    return re.findall(r'<th scope="row"[^>]*><a href="/arenden/\d+/">([^<]+)</a>', html)


def test_it_lists_the_users_cases_the_next_due_first(cast, alice_story):
    html = _page(cast.alice)
    assert _children_in_order(html) == [
        "Ebba Lindqvist",  # preliminary assessment, 6 days late
        "Noah Eriksson",  # 2 days left
        "Elias Berg",  # investigation, 7 days left
        "Saga Holm",  # 9 days left
        "Hugo Åberg",  # 13 days left
        "Vilma Sandberg",  # placement: the next visit in about 3 months
        "Alma Nyström",  # investigation, about 4 months
    ]


def test_it_shows_status_by_text_days_and_the_rules_explanation(cast, alice_story):
    html = _page(cast.alice)
    assert '<span class="status status-overdue">Försenad</span>' in html
    assert "6 dagar sen" in html
    assert '<span class="status status-due_soon">Snart sista dag</span>' in html
    assert "2 dagar kvar" in html
    assert 'role="tooltip"' in html
    assert "20 kap. 2 §" in html  # the legal reference of the preliminary assessment


def test_it_counts_overdue_and_due_soon_cases(cast, alice_story):
    html = _page(cast.alice)
    counts = re.search(r'<ul class="counts">(.*?)</ul>', html, re.S).group(1)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", counts)).strip()
    assert text == "1 försenat 2 snart sista dag 7 ärenden"


def test_it_marks_protected_identity(cast, alice_story):
    html = _page(cast.alice)
    row = re.search(r"Saga Holm</a>(.*?)</th>", html, re.S).group(1)
    assert "Skyddade personuppgifter" in row


def test_it_filters_overdue_this_week_and_by_phase(cast, alice_story):
    assert _children_in_order(_page(cast.alice, "?show=overdue")) == ["Ebba Lindqvist"]
    # Wednesday 11 March: the week runs to Sunday 15 March.
    assert _children_in_order(_page(cast.alice, "?show=week")) == ["Noah Eriksson"]
    assert _children_in_order(_page(cast.alice, "?phase=investigation")) == [
        "Elias Berg",
        "Alma Nyström",
    ]
    assert _children_in_order(_page(cast.alice, "?phase=intervention&show=overdue")) == []


def test_the_filter_links_keep_the_other_filter(cast, alice_story):
    html = _page(cast.alice, "?phase=investigation")
    assert 'href="?phase=investigation&amp;show=overdue"' in html
    assert '<a href="?phase=investigation" aria-current="true">Alla</a>' in html
    assert 'aria-current="true">Utredning</a>' in html


def test_it_says_so_when_a_filter_matches_nothing(cast, alice_story):
    html = _page(cast.alice, "?phase=intervention&show=overdue")
    assert "Inga av dina ärenden matchar filtret." in html


def test_a_caseworker_sees_only_the_cases_they_are_responsible_for(cast, alice_story):
    bobs = _children_in_order(_page(cast.bob))
    assert bobs == ["Liam Ahmed"]
    assert "Liam Ahmed" not in _page(cast.alice)


def test_another_municipalitys_caseworker_sees_nothing_of_norrby(cast, alice_story):
    html = _page(cast.sara)
    assert _children_in_order(html) == []
    assert "Du är inte ansvarig för något öppet ärende just nu." in html


def test_closed_cases_with_nothing_left_to_do_are_not_listed(cast, alice_story, frozen_today):
    from tests.services.flow import decide_preliminary

    decide_preliminary(cast.alice, alice_story.fresh, TODAY, "not_opened", reason="moved")
    html = _page(cast.alice)
    # The school must still get its feedback: the closed case stays until that is done.
    assert "Hugo Åberg" in html
    assert "Återkoppling" in html


def test_it_pages_after_fifty_cases(cast, frozen_today):
    from tests.web.builders import bulk_cases

    frozen_today(TODAY)
    bulk_cases(cast, 60, responsible=cast.alice, unit=cast.inv_unit, today=TODAY)
    first = _page(cast.alice)
    assert len(_children_in_order(first)) == 50
    assert "Sida 1 av 2" in first
    second = _page(cast.alice, "?page=2")
    assert len(_children_in_order(second)) == 10


@pytest.mark.parametrize("user", ["nils", "ana", "adam"])
def test_it_requires_a_case_role(cast, user):
    client = Client()
    client.force_login(getattr(cast, user))
    assert client.get(URL).status_code == 403


def test_it_requires_login(db):
    response = Client().get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
