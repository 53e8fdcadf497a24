"""The action plan's pages: the list, a plan's goals and measures, the follow-up."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from skyddsnat.actionplans import services
from skyddsnat.actionplans.models import ActionPlan, Measure, TargetVersion
from tests.actionplans.conftest import INDICATOR


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_manager_writes_a_plan_from_the_list(cast, frozen_today):
    frozen_today(date(2026, 8, 20))
    response = _client(cast.maja).post(
        "/handlingsplaner/",
        {
            "name": "Utredningsenhetens plan",
            "unit": str(cast.inv_unit.pk),
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    )
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and response.url == f"/handlingsplaner/{plan.pk}/"
    assert plan.unit == cast.inv_unit


def test_a_plan_with_bad_dates_is_refused_in_swedish(cast, frozen_today):
    frozen_today(date(2026, 8, 20))
    response = _client(cast.maja).post(
        "/handlingsplaner/",
        {"name": "Plan", "unit": "", "starts_on": "2026-12-31", "ends_on": "2026-01-01"},
    )
    assert response.status_code == 422
    assert "Planens sista dag måste vara efter den första." in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_the_goal_the_target_revision_and_the_measure_are_written_on_the_page(cast, plan):
    client = _client(cast.maja)
    url = f"/handlingsplaner/{plan.pk}/"
    response = client.post(
        url + "mal/",
        {
            "goal-title": "Förhandsbedömningar i tid",
            "goal-indicator_id": INDICATOR,
            "goal-baseline": "70",
            "goal-target": "90",
            "goal-target_on": "2026-12-31",
        },
    )
    assert response.status_code == 302
    goal = plan.goals.get()
    linked = goal.indicators.get()
    response = client.post(
        url + "malvarde/",
        {
            f"target-{linked.pk}-goal_indicator": linked.pk,
            f"target-{linked.pk}-version": 1,
            f"target-{linked.pk}-target": "85",
            f"target-{linked.pk}-target_on": "2027-03-31",
            f"target-{linked.pk}-reason": "Vakanser under hösten.",
        },
    )
    assert response.status_code == 302
    assert list(TargetVersion.objects.values_list("target", flat=True).order_by("number")) == [
        90,
        85,
    ]
    response = client.post(
        url + "atgard/",
        {
            f"measure-{goal.pk}-goal": goal.pk,
            f"measure-{goal.pk}-title": "Daglig genomgång av nya anmälningar",
            f"measure-{goal.pk}-owner": cast.alice.pk,
            f"measure-{goal.pk}-due_on": "2026-06-30",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get()
    response = client.post(
        url + "atgard/status/",
        {
            f"status-{measure.pk}-measure": measure.pk,
            f"status-{measure.pk}-seen": "planned",
            f"status-{measure.pk}-status": "ongoing",
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == "ongoing"
    page = client.get(url).content.decode()
    assert "Vakanser under hösten." in page and "(ersatt)" in page and "Försenad" in page


def test_a_goal_without_a_target_is_refused_and_the_form_kept(cast, plan):
    response = _client(cast.maja).post(
        f"/handlingsplaner/{plan.pk}/mal/",
        {"goal-title": "Mål", "goal-indicator_id": INDICATOR, "goal-target_on": "2026-12-31"},
    )
    assert response.status_code == 422
    assert "Målet kunde inte sparas" in response.content.decode()
    assert not plan.goals.exists()


@pytest.mark.parametrize("who", ["nils", "ana"])
def test_the_committee_and_the_analyst_read_without_forms(cast, goal, who):
    page = _client(getattr(cast, who)).get(f"/handlingsplaner/{goal.plan_id}/")
    assert page.status_code == 200
    assert "Spara mål" not in page.content.decode()


def test_the_follow_up_shows_a_chart_with_its_table_and_the_overdue_measure(cast, goal):
    services.add_measure(
        acting_user=cast.maja,
        goal_id=goal.pk,
        title="Rutin för förhandsbedömning",
        owner_id=cast.bob.pk,
        due_on=date(2026, 5, 1),
    )
    response = _client(cast.nils).get(f"/handlingsplaner/{goal.plan_id}/uppfoljning/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "<caption" in page
    assert "Första kvartalet 2026" in page and "Tredje kvartalet 2026" in page
    assert "1 åtgärd är försenad." in page
    yearly = _client(cast.nils).get(f"/handlingsplaner/{goal.plan_id}/uppfoljning/?steg=ar")
    assert "Per år" in yearly.content.decode()


def test_a_caseworker_is_refused_the_pages(cast, goal):
    client = _client(cast.alice)
    assert client.get("/handlingsplaner/").status_code == 403
    assert client.get(f"/handlingsplaner/{goal.plan_id}/").status_code == 403
    assert client.get(f"/handlingsplaner/{goal.plan_id}/uppfoljning/").status_code == 403


def test_the_charts_coordinates_are_never_localised(cast, goal):
    """A Swedish decimal comma in an SVG coordinate ("92,5") is read as a list of positions."""
    import re

    page = _client(cast.maja).get(f"/handlingsplaner/{goal.plan_id}/uppfoljning/")
    svg = page.content.decode().split("<svg", 1)[1].split("</svg>", 1)[0]
    coordinates = re.findall(r'\b(?:x|y|x1|x2|y1|y2|cx|cy)="([^"]*)"', svg)
    assert coordinates and not [c for c in coordinates if "," in c]
