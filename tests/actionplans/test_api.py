"""The action plans through the API: read only, the indicator roles, another municipality 404."""

from __future__ import annotations

from datetime import date

from django.test import Client

from skyddsnat.accounts.models import ApiToken
from skyddsnat.actionplans import services
from skyddsnat.audit.models import AuditEvent


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")


def test_the_list_holds_the_municipalitys_plans(cast, plan):
    response = _api(cast.ana).get("/api/v1/action-plans")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["items"]] == [plan.pk]
    assert response.json()["items"][0]["unit_name"] == cast.inv_unit.name


def test_a_plan_has_its_goals_targets_figures_and_measures(cast, goal):
    services.add_measure(
        acting_user=cast.maja,
        goal_id=goal.pk,
        title="Åtgärd",
        owner_id=cast.alice.pk,
        due_on=date(2026, 5, 1),
    )
    response = _api(cast.nils).get(f"/api/v1/action-plans/{goal.plan_id}")
    assert response.status_code == 200
    body = response.json()
    (indicator,) = body["goals"][0]["indicators"]
    assert [t["version"] for t in indicator["targets"]] == [1]
    assert [p["period"] for p in indicator["points"]] == ["2026Q1", "2026Q2", "2026Q3"]
    assert body["goals"][0]["measures"][0]["overdue"] is True
    assert body["goals"][0]["measures"][0]["status_label"] == "Planerad"
    yearly = _api(cast.nils).get(f"/api/v1/action-plans/{goal.plan_id}?step=year").json()
    assert [p["period"] for p in yearly["goals"][0]["indicators"][0]["points"]] == ["2026"]
    assert AuditEvent.objects.filter(actor=cast.nils, object_type="actionplans.actionplan").exists()


def test_a_caseworker_is_refused_and_another_municipality_does_not_find_it(cast, plan):
    assert _api(cast.alice).get("/api/v1/action-plans").status_code == 403
    assert _api(cast.alice).get(f"/api/v1/action-plans/{plan.pk}").status_code == 403
    assert _api(cast.sara).get(f"/api/v1/action-plans/{plan.pk}").status_code == 404
