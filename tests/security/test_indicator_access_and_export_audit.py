"""Indicators in the policy module; every export of indicators is an audit row without personal
data; the manager's menu reaches the break-glass review list and the audit log."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from skyddsnat.accounts import policy
from skyddsnat.audit.models import AuditEvent
from skyddsnat.indicators import service
from tests.web.builders import named_case


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- who may see indicators: the policy module --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("maja", True),
        ("ana", True),
        ("nils", True),
        ("alice", False),
        ("carl", False),
        ("ida", False),
        ("adam", False),
    ],
)
def test_managers_analysts_and_the_committee_may_see_indicators(cast, name, allowed):
    assert policy.can_view_indicators(getattr(cast, name)) is allowed


def test_an_inactive_or_anonymous_user_may_not_see_indicators(cast):
    from django.contrib.auth.models import AnonymousUser

    cast.ana.is_active = False
    assert not policy.can_view_indicators(cast.ana)
    assert not policy.can_view_indicators(AnonymousUser())


def test_only_members_of_a_unit_see_its_figures_unmasked(cast):
    assert policy.indicator_owned_units(cast.maja) == frozenset({cast.inv_unit.pk})
    assert policy.indicator_owned_units(cast.ana) == frozenset()
    assert policy.indicator_owned_units(cast.nils) == frozenset()


def test_the_indicators_service_re_exports_the_policy_question():
    assert service.can_view_indicators is policy.can_view_indicators


# --- exports are audited -----------------------------------------------------------------------


@pytest.fixture
def reports(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    return [
        named_case(cast.alice, date(2026, 3, 10), "Ebba Lindqvist", seed=11),
        named_case(cast.alice, date(2026, 3, 11), "Liam Ahmed", sex="boy", seed=12),
    ]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_export_of_indicators_writes_one_audit_row_without_personal_data(
    cast, reports, extension
):
    maja = client_for(cast.maja)  # logging in is an audit row of its own
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    query = f"?period=2026Q1&unit={cast.inv_unit.pk}&breakdown=sex"
    answer = maja.get(f"/uppfoljning/export.{extension}{query}")
    assert answer.status_code == 200
    [row] = AuditEvent.objects.exclude(pk__in=before).values()
    assert {k: row[k] for k in ("action", "actor_id", "object_type", "object_id")} == {
        "action": "export",
        "actor_id": cast.maja.pk,
        "object_type": "indicators",
        "object_id": "2026Q1",
    }
    assert row["detail"] == f"format={extension};unit={cast.inv_unit.pk};breakdown=sex"
    assert row["case_id"] is None
    assert row["municipality_id"] == cast.maja.municipality_id
    assert (row["channel"], row["ip"]) == ("web", "127.0.0.1")
    text = str(row)
    for case in reports:
        assert case.child.first_name not in text
        assert case.child.last_name not in text
        assert case.child.personal_identity_number not in text


def test_an_export_of_the_whole_municipality_is_audited_as_such(cast, reports):
    client_for(cast.ana).get("/uppfoljning/export.csv?period=2026")
    row = AuditEvent.objects.get(action="export")
    assert (row.object_type, row.object_id, row.detail) == (
        "indicators",
        "2026",
        "format=csv;unit=all",
    )


def test_a_refused_or_invalid_export_writes_no_row(cast, reports):
    assert client_for(cast.alice).get("/uppfoljning/export.csv?period=2026").status_code == 403
    assert client_for(cast.ana).get("/uppfoljning/export.csv?period=2026Q9").status_code == 400
    assert not AuditEvent.objects.filter(action="export").exists()


def test_looking_at_the_follow_up_page_is_not_an_export(cast, reports):
    assert client_for(cast.ana).get("/uppfoljning/?period=2026").status_code == 200
    assert not AuditEvent.objects.filter(action="export").exists()


# --- the manager's menu ------------------------------------------------------------------------


def _menu(html: str) -> str:
    start = html.index('<nav aria-label="Huvudmeny">')
    return html[start : html.index("</nav>", start)]


def test_the_managers_menu_links_to_the_break_glass_review_and_the_audit_log(cast):
    client = client_for(cast.maja)
    menu = _menu(client.get("/enhet/").content.decode())
    assert '<a href="/enhet/nodatkomst/">Nödåtkomst</a>' in menu
    assert '<a href="/enhet/logg/">Åtkomstlogg</a>' in menu
    on_review = _menu(client.get("/enhet/nodatkomst/").content.decode())
    assert '<a href="/enhet/nodatkomst/" aria-current="page">Nödåtkomst</a>' in on_review


@pytest.mark.parametrize("name", ["alice", "ida", "ana", "nils"])
def test_other_roles_have_no_such_links(cast, name):
    html = client_for(getattr(cast, name)).get("/", follow=True).content.decode()
    assert "/enhet/nodatkomst/" not in _menu(html)
    assert "/enhet/logg/" not in _menu(html)
