"""A quarter's follow-up of the action plans goes into the committee's quarterly report."""

from __future__ import annotations

from datetime import date

from django.test import Client

from skyddsnat.actionplans import services
from skyddsnat.indicators.committee import committee_report


def test_the_report_lists_the_plans_that_ran_in_the_quarter(cast, goal):
    services.add_measure(
        acting_user=cast.maja,
        goal_id=goal.pk,
        title="Åtgärd",
        owner_id=cast.alice.pk,
        due_on=date(2026, 5, 1),
    )
    report = committee_report(acting_user=cast.nils, year=2026, quarter=2)
    (plan,) = report.action_plans
    assert plan.plan.pk == goal.plan_id
    assert [p.code for p in plan.periods] == ["2026Q2"]
    assert plan.overdue_count == 1
    assert committee_report(acting_user=cast.nils, year=2025, quarter=4).action_plans == ()


def test_the_report_page_shows_goal_value_target_and_measures(cast, goal):
    services.add_measure(
        acting_user=cast.maja,
        goal_id=goal.pk,
        title="Åtgärd",
        owner_id=cast.alice.pk,
        due_on=date(2026, 5, 1),
    )
    client = Client()
    client.force_login(cast.nils)
    page = client.get("/uppfoljning/namndrapport/?year=2026&quarter=2").content.decode()
    assert "Handlingsplaner" in page and goal.title in page
    assert "90\u00a0% senast 2026-12-31" in page
    assert "planerad 1" in page and "1 försenad" in page


def test_a_quarter_without_plans_says_so(cast, frozen_today):
    frozen_today(date(2026, 8, 20))
    client = Client()
    client.force_login(cast.nils)
    page = client.get("/uppfoljning/namndrapport/?year=2026&quarter=2").content.decode()
    assert "Ingen handlingsplan gällde under andra kvartalet 2026." in page
