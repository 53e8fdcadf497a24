"""Enhetens översikt: the unit's cases, caseload, and assigning cases to caseworkers."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from skyddsnat.cases.models import CaseworkerAssignment
from tests.cast import local, pin_for
from tests.web.builders import story

TODAY = date(2026, 3, 11)
URL = "/enhet/"


@pytest.fixture
def unit_story(cast, frozen_today):
    frozen_today(TODAY)
    return story(cast, TODAY)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(user, query: str = "") -> str:
    response = _client(user).get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


def _children_in_order(html: str, section: str = "cases-heading") -> list[str]:
    """Return the children of the section headed ``section`` (the unit's cases; the queue
    "Att fördela" is ``queue-heading``), in the order listed."""
    part = html.split(f'aria-labelledby="{section}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<th scope="row"[^>]*><a href="/arenden/\d+/">([^<]+)</a>', part)


def _caseload(html: str) -> dict[str, tuple[str, ...]]:
    section = re.search(r'<section id="caseload".*?</section>', html, re.S).group(0)
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>(.*?)</tr>', section, re.S)
    return {
        name: tuple(
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", rest, re.S)
        )
        for name, rest in rows
    }


def _assign(client: Client, case, caseworker, version=None, htmx: bool = False, back: str = ""):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        f"/enhet/arenden/{case.pk}/ansvarig/",
        {
            "caseworker": caseworker.pk if caseworker else "",
            "version": version or case.version,
            "back": back,
        },
        **headers,
    )


def test_it_lists_every_case_of_the_unit_with_the_responsible_caseworker(cast, unit_story):
    html = _page(cast.maja)
    children = _children_in_order(html)
    assert children[0] == "Ebba Lindqvist"
    assert set(children) == {
        "Ebba Lindqvist",
        "Noah Eriksson",
        "Saga Holm",
        "Elias Berg",
        "Alma Nyström",
        "Vilma Sandberg",
        "Hugo Åberg",
        "Liam Ahmed",
        "Tyra Wikström",
    }
    assert "1 ärende saknar ansvarig handläggare." in html


def test_it_shows_the_caseload_per_caseworker(cast, unit_story):
    caseload = _caseload(_page(cast.maja))
    # open cases, open investigations, overdue, placed children, against the target
    assert caseload["Alice Testsson"] == ("7", "2", "1", "1", "Inget mål")
    assert caseload["Bob Testsson"] == ("1", "0", "0", "0", "Inget mål")


def test_it_shows_the_caseload_against_the_units_target_and_the_placed_children(cast, unit_story):
    from skyddsnat.accounts.models import Unit
    from tests.services.flow import decide

    Unit.objects.filter(pk=cast.inv_unit.pk).update(caseload_target=5)
    placed = next(
        c for c in unit_story.__dict__.values() if getattr(c, "responsible", 0) == cast.bob
    )
    decide(cast.bob, placed, TODAY, basis="lvu_6_emergency")
    caseload = _caseload(_page(cast.maja))
    assert caseload["Alice Testsson"] == ("7", "2", "1", "1", "Över målet: 7 av 5")
    assert caseload["Bob Testsson"] == ("1", "0", "0", "1", "1 av 5")


def test_it_filters_by_caseworker_and_by_status(cast, unit_story):
    assert _children_in_order(_page(cast.maja, f"?caseworker={cast.bob.pk}")) == ["Liam Ahmed"]
    assert _children_in_order(_page(cast.maja, "?caseworker=none")) == ["Tyra Wikström"]
    assert _children_in_order(_page(cast.maja, "?status=overdue")) == ["Ebba Lindqvist"]
    due_soon = _children_in_order(_page(cast.maja, "?status=due_soon"))
    assert due_soon == ["Noah Eriksson", "Elias Berg"]


def test_the_queue_att_fordela_comes_first_with_each_cases_due_date(cast, unit_story):
    html = _page(cast.maja)
    assert html.index('id="queue-heading"') < html.index('id="cases-heading"')
    assert _children_in_order(html, "queue-heading") == ["Tyra Wikström"]
    queue = html.split('aria-labelledby="queue-heading"', 1)[1].split("</section>", 1)[0]
    due = unit_story.unassigned  # the protective assessment is due the day the report came in
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', queue)
    assert f'id="queue-assign-{due.pk}"' in queue


def test_a_case_handed_over_from_intake_waits_in_the_queue(cast, unit_story):
    from tests.services.flow import case_about, open_investigation

    case = case_about(cast.ida, local(2026, 3, 9, 9), pin_for(date(2016, 2, 3), "boy", seed=7))
    open_investigation(cast.ida, case, TODAY)
    html = _page(cast.maja)
    queue = html.split('aria-labelledby="queue-heading"', 1)[1].split("</section>", 1)[0]
    assert f'id="queue-row-{case.pk}"' in queue
    row = queue.split(f'id="queue-row-{case.pk}"', 1)[1].split("</tr>", 1)[0]
    # Its next time limit: the protective assessment, never made, due the day the report came.
    assert '<time datetime="2026-03-09">2026-03-09</time>' in row and "Försenad" in row


def test_a_manager_assigns_from_the_queue_and_the_case_leaves_it(cast, unit_story):
    case = unit_story.unassigned
    client = _client(cast.maja)
    response = _assign(client, case, cast.bob)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Bob Testsson är nu ansvarig för Tyra Wikström." in html
    assert _children_in_order(html, "queue-heading") == []
    assert "Inga ärenden väntar på att fördelas." in html


@pytest.mark.parametrize("user", ["alice", "ida", "nils", "ana", "adam", "sara"])
def test_it_is_for_managers_only(cast, user):
    assert _client(getattr(cast, user)).get(URL).status_code == 403


def test_a_manager_reassigns_a_case_without_javascript(cast, unit_story):
    case = unit_story.late
    client = _client(cast.maja)
    response = _assign(client, case, cast.bob, back="status=overdue")
    assert response.status_code == 302
    assert response["Location"] == "/enhet/?status=overdue"
    assignment = CaseworkerAssignment.objects.get(case=case)
    assert (assignment.caseworker, assignment.previous, assignment.assigned_by) == (
        cast.bob,
        cast.alice,
        cast.maja,
    )
    html = client.get(response["Location"]).content.decode()
    assert "Bob Testsson är nu ansvarig för Ebba Lindqvist." in html
    assert _caseload(html)["Bob Testsson"][:3] == ("2", "0", "1")


def test_a_manager_reassigns_a_case_with_htmx_and_gets_the_row_back(cast, unit_story):
    case = unit_story.unassigned
    response = _assign(_client(cast.maja), case, cast.alice, htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="case-row-{case.pk}"')
    assert "Alice Testsson" in html
    assert 'hx-swap-oob="true"' in html  # the counts and the caseload follow
    assert "Alice Testsson är nu ansvarig för Tyra Wikström." in html
    case.refresh_from_db()
    assert case.responsible == cast.alice


def test_a_stale_version_shows_the_conflict_next_to_the_field(cast, unit_story):
    case = unit_story.late
    stale = case.version
    _assign(_client(cast.maja), case, cast.bob)
    response = _assign(_client(cast.maja), case, cast.alice, version=stale, htmx=True)
    html = response.content.decode()
    assert "Ärendet har ändrats av någon annan sedan du öppnade det." in html
    assert f'aria-describedby="assign-error-{case.pk}"' in html
    case.refresh_from_db()
    assert case.responsible == cast.bob
    assert CaseworkerAssignment.objects.filter(case=case).count() == 1


def test_without_javascript_an_error_renders_the_page_with_the_message(cast, unit_story):
    case = unit_story.late
    response = _assign(_client(cast.maja), case, cast.alice)  # already responsible
    assert response.status_code == 409
    html = response.content.decode()
    assert "Handläggaren är redan ansvarig för ärendet." in html
    assert f'<p class="field-error" id="assign-error-{case.pk}">' in html


def test_it_refuses_a_caseworker_outside_the_unit(cast, unit_story):
    response = _assign(_client(cast.maja), unit_story.late, cast.carl, htmx=True)
    assert "Välj en handläggare i enheten." in response.content.decode()
    assert not CaseworkerAssignment.objects.exists()


def test_it_asks_for_a_caseworker(cast, unit_story):
    response = _assign(_client(cast.maja), unit_story.late, None, htmx=True)
    assert "Välj en handläggare." in response.content.decode()


def test_only_a_manager_may_assign(cast, unit_story):
    response = _assign(_client(cast.alice), unit_story.unassigned, cast.alice)
    assert response.status_code == 403
    assert not CaseworkerAssignment.objects.exists()


def test_another_municipality_cannot_assign_norrbys_cases(cast, unit_story):
    from skyddsnat.accounts.models import Role
    from tests.cast import Cast

    soderby_manager = Cast.user(cast, "stina", Role.MANAGER, cast.soderby_unit, cast.soderby)
    response = _assign(_client(soderby_manager), unit_story.unassigned, cast.alice)
    assert response.status_code == 404
    assert "Tyra" not in _page(soderby_manager)


def test_the_caseload_names_someone_outside_the_unit_who_holds_its_cases(cast, unit_story):
    """A case of the unit whose responsible caseworker is not (or no longer) in the unit still
    counts, under that person's name: the list reads them apart, only when there is anyone."""
    outsider = cast.user("olle", "caseworker", None)
    unit_story.fresh.responsible = outsider
    unit_story.fresh.save(update_fields=["responsible"])
    caseload = _caseload(_page(cast.maja))
    assert caseload["Olle Testsson"][:3] == ("1", "0", "0")
    assert caseload["Alice Testsson"][:3] == ("6", "2", "1")
