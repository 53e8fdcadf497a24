"""The action plan is edited: a goal's text, a measure's text, owner, due date and status, and a
measure removed; every change kept (``PlanChange``), a removed measure marked, never deleted."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from skyddsnat.actionplans import followup, services
from skyddsnat.actionplans.models import Measure, PlanChange
from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict


@pytest.fixture
def measure(cast, goal):
    return services.add_measure(
        acting_user=cast.maja,
        goal_id=goal.pk,
        title="Checklista för förhandsbedömning",
        owner_id=cast.maja.pk,
        due_on=date(2026, 6, 30),
    )


def web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_rewrite_a_recorded_change(cast, goal):
    services.edit_goal(acting_user=cast.maja, goal_id=goal.pk, title="Alla bedömningar i tid")
    change = PlanChange.objects.get(goal=goal)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanChange.objects.filter(pk=change.pk).update(before="Något annat")
    change.refresh_from_db()
    assert change.before == "Fler förhandsbedömningar i tid"


def test_a_goals_text_is_edited_and_the_old_text_kept(cast, goal):
    services.edit_goal(acting_user=cast.maja, goal_id=goal.pk, title="Alla bedömningar i tid")
    goal.refresh_from_db()
    assert goal.title == "Alla bedömningar i tid"
    (change,) = PlanChange.objects.filter(goal=goal)
    assert (change.field, change.before, change.after) == (
        "title",
        "Fler förhandsbedömningar i tid",
        "Alla bedömningar i tid",
    )
    assert AuditEvent.objects.filter(action="update", object_id=str(goal.pk)).exists()
    with pytest.raises(InvalidInput):
        services.edit_goal(acting_user=cast.maja, goal_id=goal.pk, title="  ")


def test_a_measure_is_edited_field_by_field(cast, measure):
    services.edit_measure(
        acting_user=cast.maja,
        measure_id=measure.pk,
        title="Checklista och mall",
        owner_id=cast.maja.pk,
        due_on=date(2026, 9, 30),
        status="ongoing",
    )
    measure.refresh_from_db()
    assert (measure.title, measure.due_on, measure.status) == (
        "Checklista och mall",
        date(2026, 9, 30),
        "ongoing",
    )
    changes = list(
        PlanChange.objects.filter(measure=measure).values_list("field", "before", "after")
    )
    assert changes == [
        ("title", "Checklista för förhandsbedömning", "Checklista och mall"),
        ("due_on", "2026-06-30", "2026-09-30"),
        ("status", "Planerad", "Pågår"),
    ]
    assert AuditEvent.objects.filter(
        action="update", object_id=str(measure.pk), detail="title,due_on,status"
    ).exists()
    services.edit_measure(
        acting_user=cast.maja,
        measure_id=measure.pk,
        title="Checklista och mall",
        owner_id=cast.alice.pk,
        due_on=date(2026, 9, 30),
        status="ongoing",
    )
    last = PlanChange.objects.filter(measure=measure).last()
    assert (last.field, last.before, last.after) == (
        "owner",
        cast.maja.get_full_name() or "maja",
        cast.alice.get_full_name() or "alice",
    )


def test_a_removed_measure_is_kept_marked_and_leaves_the_follow_up(cast, plan, measure):
    def goal_follow_up():
        read = services.plan_of(acting_user=cast.maja, plan_id=plan.pk)
        (found,) = followup.follow_up(acting_user=cast.maja, plan=read).goals
        return found

    assert goal_follow_up().overdue_count == 1  # due 30 June, today 20 August
    with pytest.raises(InvalidInput):
        services.remove_measure(acting_user=cast.maja, measure_id=measure.pk, reason=" ")
    services.remove_measure(acting_user=cast.maja, measure_id=measure.pk, reason="Ersatt")
    kept = Measure.objects.get(pk=measure.pk)
    assert kept.is_removed and kept.removed_reason == "Ersatt" and kept.removed_by == cast.maja
    assert not kept.overdue_on(date(2026, 8, 20))
    assert goal_follow_up().measures == ()
    with pytest.raises(StateConflict):
        services.edit_measure(
            acting_user=cast.maja,
            measure_id=measure.pk,
            title="X",
            owner_id=cast.maja.pk,
            due_on=date(2026, 9, 30),
            status="done",
        )
    with pytest.raises(StateConflict):
        services.set_measure_status(acting_user=cast.maja, measure_id=measure.pk, status="done")
    with pytest.raises(StateConflict):
        services.remove_measure(acting_user=cast.maja, measure_id=measure.pk, reason="Igen")


def test_only_a_writer_edits_and_another_municipality_finds_nothing(cast, goal, measure):
    for user in (cast.alice, cast.ana, cast.nils):
        with pytest.raises(Forbidden):
            services.edit_goal(acting_user=user, goal_id=goal.pk, title="X")
        with pytest.raises(Forbidden):
            services.remove_measure(acting_user=user, measure_id=measure.pk, reason="X")
    with pytest.raises((NotFound, Forbidden)):
        services.remove_measure(acting_user=cast.sara, measure_id=measure.pk, reason="X")
    assert not PlanChange.objects.exists()


def test_the_page_edits_removes_and_shows_the_history(cast, plan, goal, measure):
    client = web(cast.maja)
    page = client.get(f"/handlingsplaner/{plan.pk}/").content.decode()
    assert "Ändra målets text" in page and "Ta bort åtgärden" in page
    response = client.post(
        f"/handlingsplaner/{plan.pk}/mal/andra/",
        {f"goaltext-{goal.pk}-goal": goal.pk, f"goaltext-{goal.pk}-title": "Nytt mål"},
    )
    assert response.status_code == 302
    prefix = f"edit-{measure.pk}"
    response = client.post(
        f"/handlingsplaner/{plan.pk}/atgard/andra/",
        {
            f"{prefix}-measure": measure.pk,
            f"{prefix}-goal": goal.pk,
            f"{prefix}-title": "Ny mall",
            f"{prefix}-owner": cast.maja.pk,
            f"{prefix}-due_on": "2026-10-01",
            f"{prefix}-status": "done",
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/handlingsplaner/{plan.pk}/atgard/ta-bort/",
        {f"remove-{measure.pk}-measure": measure.pk, f"remove-{measure.pk}-reason": "Klar"},
    )
    assert response.status_code == 302
    page = client.get(f"/handlingsplaner/{plan.pk}/").content.decode()
    assert "Borttagna åtgärder" in page and "<del>Ny mall</del>" in page
    assert "Ändringar i planen" in page and "Fler förhandsbedömningar i tid" in page
    assert "Checklista för förhandsbedömning" in page  # the earlier text, in the history
    for user in (cast.ana, cast.alice):
        refused = web(user).post(
            f"/handlingsplaner/{plan.pk}/mal/andra/",
            {f"goaltext-{goal.pk}-goal": goal.pk, f"goaltext-{goal.pk}-title": "Hack"},
        )
        assert refused.status_code == 403


def test_a_refused_edit_shows_the_page_again_with_what_was_typed(cast, plan, goal, measure):
    """Nothing typed is lost: a measure edit without a due date, or a removal without a reason,
    comes back with the text as typed, the error beside its field and the form open."""
    client = web(cast.maja)
    prefix = f"edit-{measure.pk}"
    typed = "Ny mall för förhandsbedömningen,\n  med checklista"
    response = client.post(
        f"/handlingsplaner/{plan.pk}/atgard/andra/",
        {
            f"{prefix}-measure": measure.pk,
            f"{prefix}-goal": goal.pk,
            f"{prefix}-title": typed,
            f"{prefix}-owner": cast.maja.pk,
            f"{prefix}-due_on": "",
            f"{prefix}-status": "done",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Uppgifterna kunde inte sparas" in page
    assert 'value="Ny mall för förhandsbedömningen,' in page or typed in page
    assert "<details open>" in page
    measure.refresh_from_db()
    assert measure.title == "Checklista för förhandsbedömning" and measure.status != "done"
    response = client.post(
        f"/handlingsplaner/{plan.pk}/atgard/ta-bort/",
        {f"remove-{measure.pk}-measure": measure.pk, f"remove-{measure.pk}-reason": ""},
    )
    assert response.status_code == 422
    assert "<details open>" in response.content.decode()
    measure.refresh_from_db()
    assert not measure.is_removed


def api(user) -> Client:
    from skyddsnat.accounts.models import ApiToken

    return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")


def test_the_api_shows_a_removed_measure_and_every_change(cast, plan, goal, measure):
    services.edit_goal(acting_user=cast.maja, goal_id=goal.pk, title="Nytt mål")
    services.remove_measure(acting_user=cast.maja, measure_id=measure.pk, reason="Ersatt")
    found = api(cast.ana).get(f"/api/v1/action-plans/{plan.pk}").json()
    (g,) = found["goals"]
    assert g["measures"] == []
    assert [(m["id"], m["removed_reason"]) for m in g["removed_measures"]] == [
        (measure.pk, "Ersatt")
    ]
    assert [(c["field"], c["before"], c["after"]) for c in found["changes"]] == [
        ("title", "Fler förhandsbedömningar i tid", "Nytt mål"),
        ("removed", "", "Ersatt"),
    ]


def test_the_api_lists_plans_a_page_at_a_time(cast, plan):
    for year in (2024, 2025):
        services.create_plan(
            acting_user=cast.maja,
            name=f"Handlingsplan {year}",
            unit_id=cast.inv_unit.pk,
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
        )
    client = api(cast.ana)
    first = client.get("/api/v1/action-plans?limit=2").json()
    assert [p["name"] for p in first["items"]] == ["Handlingsplan 2026", "Handlingsplan 2025"]
    assert first["limit"] == 2 and first["next_cursor"]
    second = client.get(first["next"]).json()
    assert [p["name"] for p in second["items"]] == ["Handlingsplan 2024"]
    assert second["next"] is None
    assert client.get("/api/v1/action-plans?cursor=nonsense").status_code == 400
