"""The action plan's services: who may write, what is checked, targets never overwritten."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from skyddsnat.actionplans import followup, services
from skyddsnat.actionplans.models import MeasureStatus, TargetVersion
from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StaleEdit
from skyddsnat.indicators.periods import Kind, Period
from tests.actionplans.conftest import INDICATOR, TODAY


def test_it_creates_a_plan_for_the_managers_unit_and_audits_it(cast, plan):
    assert plan.unit_id == cast.inv_unit.pk
    assert AuditEvent.objects.filter(
        object_type="actionplans.actionplan", object_id=str(plan.pk), action="create"
    ).exists()


def test_a_manager_writes_the_municipalitys_plan_too(cast, frozen_today):
    frozen_today(TODAY)
    plan = services.create_plan(
        acting_user=cast.maja,
        name="Kommunens plan",
        unit_id=None,
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
    )
    assert plan.unit_id is None and plan.municipality_id == cast.norrby.pk


@pytest.mark.parametrize("who", ["alice", "nils", "ana", "adam", "ida"])
def test_others_may_not_write_a_plan(cast, frozen_today, who):
    frozen_today(TODAY)
    with pytest.raises(Forbidden):
        services.create_plan(
            acting_user=getattr(cast, who),
            name="Plan",
            unit_id=None,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
        )


def test_a_manager_may_not_write_another_units_plan(cast, frozen_today):
    frozen_today(TODAY)
    with pytest.raises(Forbidden):
        services.create_plan(
            acting_user=cast.maja,
            name="Plan",
            unit_id=cast.intake_unit.pk,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
        )


def test_another_municipalitys_plan_is_not_found(cast, plan):
    with pytest.raises(NotFound):
        services.plan_of(acting_user=cast.sara, plan_id=plan.pk)
    with pytest.raises(NotFound):
        services.add_goal(
            acting_user=cast.sara,
            plan_id=plan.pk,
            title="x",
            indicator_id=INDICATOR,
            baseline=Decimal(1),
            target=Decimal(2),
            target_on=date(2026, 6, 1),
        )


def test_a_caseworker_may_not_read_a_plan(cast, plan):
    with pytest.raises(Forbidden):
        services.plan_of(acting_user=cast.alice, plan_id=plan.pk)


@pytest.mark.parametrize("who", ["maja", "nils", "ana"])
def test_the_indicator_roles_read_the_plan_and_the_read_is_audited(cast, plan, who):
    user = getattr(cast, who)
    assert services.plan_of(acting_user=user, plan_id=plan.pk) == plan
    assert AuditEvent.objects.filter(
        actor=user, object_type="actionplans.actionplan", action="read"
    ).exists()


def test_bad_input_gets_every_error_in_swedish(cast, plan):
    with pytest.raises(InvalidInput) as refused:
        services.add_goal(
            acting_user=cast.maja,
            plan_id=plan.pk,
            title=" ",
            indicator_id="no_such_indicator",
            baseline=None,
            target=Decimal("-1"),
            target_on=date(2025, 1, 1),
        )
    assert set(refused.value.errors) == {"title", "indicator_id", "baseline", "target", "target_on"}
    assert refused.value.errors["title"] == ["Skriv målet."]


def test_a_share_target_is_in_per_cent(cast, plan):
    with pytest.raises(InvalidInput) as refused:
        services.add_goal(
            acting_user=cast.maja,
            plan_id=plan.pk,
            title="Mål",
            indicator_id=INDICATOR,
            baseline=Decimal("70"),
            target=Decimal("120"),
            target_on=date(2026, 12, 31),
        )
    assert "0 och 100 (procent)" in refused.value.errors["target"][0]


def test_an_unavailable_indicator_is_refused(cast, plan, monkeypatch):
    """Every indicator of the registry is computed today: one is made unavailable for the test,
    as a new indicator is when its data has no home yet."""
    import dataclasses

    from skyddsnat.indicators import definitions as d

    real_get = d.INDICATORS.get
    stand_in = dataclasses.replace(real_get(INDICATOR), available=False)
    monkeypatch.setattr(
        d.INDICATORS,
        "get",
        lambda key, *rest: stand_in if key == INDICATOR else real_get(key, *rest),
    )
    with pytest.raises(InvalidInput) as refused:
        services.add_goal(
            acting_user=cast.maja,
            plan_id=plan.pk,
            title="Mål",
            indicator_id=INDICATOR,
            baseline=Decimal(1),
            target=Decimal(2),
            target_on=date(2026, 12, 31),
        )
    assert refused.value.errors["indicator_id"] == ["Indikatorn beräknas inte ännu. Välj en annan."]


def test_a_revised_target_is_a_new_version_and_the_old_stays(cast, goal, frozen_today):
    linked = goal.indicators.get()
    frozen_today(date(2026, 9, 1))
    revised = services.revise_target(
        acting_user=cast.maja,
        goal_indicator_id=linked.pk,
        target=Decimal("85"),
        target_on=date(2027, 6, 30),
        reason="Personalbrist under hösten.",
        expected_version=1,
    )
    versions = list(linked.targets.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].target == Decimal("90") and versions[1] == revised
    assert revised.baseline == Decimal("70") and revised.set_by == cast.maja


def test_a_revision_needs_a_reason(cast, goal):
    with pytest.raises(InvalidInput) as refused:
        services.revise_target(
            acting_user=cast.maja,
            goal_indicator_id=goal.indicators.get().pk,
            target=Decimal("80"),
            target_on=date(2026, 12, 31),
            reason="",
        )
    assert "reason" in refused.value.errors


def test_a_revision_on_a_stale_page_is_refused(cast, goal):
    linked = goal.indicators.get()
    with pytest.raises(StaleEdit):
        services.revise_target(
            acting_user=cast.maja,
            goal_indicator_id=linked.pk,
            target=Decimal("80"),
            target_on=date(2026, 12, 31),
            reason="x",
            expected_version=3,
        )


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_change_a_target(cast, goal):
    version = TargetVersion.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetVersion.objects.filter(pk=version.pk).update(target=Decimal("10"))


def test_a_measure_has_an_owner_a_due_date_and_a_status(cast, goal):
    measure = services.add_measure(
        acting_user=cast.maja,
        goal_id=goal.pk,
        title="Veckovis genomgång av inkomna anmälningar",
        owner_id=cast.alice.pk,
        due_on=date(2026, 6, 30),
    )
    assert measure.status == MeasureStatus.PLANNED
    assert measure.overdue_on(TODAY)
    services.set_measure_status(
        acting_user=cast.maja, measure_id=measure.pk, status="done", expected_status="planned"
    )
    measure.refresh_from_db()
    assert measure.status == "done" and not measure.overdue_on(TODAY)
    with pytest.raises(StaleEdit):
        services.set_measure_status(
            acting_user=cast.maja,
            measure_id=measure.pk,
            status="ongoing",
            expected_status="planned",
        )


def test_a_measures_owner_is_someone_of_the_municipality(cast, goal):
    with pytest.raises(InvalidInput) as refused:
        services.add_measure(
            acting_user=cast.maja,
            goal_id=goal.pk,
            title="Åtgärd",
            owner_id=cast.sara.pk,
            due_on=date(2026, 6, 30),
        )
    assert "owner_id" in refused.value.errors


def test_the_follow_up_has_one_point_per_quarter_up_to_today(cast, goal):
    plan = services.plan_of(acting_user=cast.maja, plan_id=goal.plan_id)
    found = followup.follow_up(acting_user=cast.maja, plan=plan)
    assert found.periods == tuple(Period(Kind.QUARTER, 2026, n) for n in (1, 2, 3))
    (row,) = found.goals[0].indicators
    assert [p.target.number for p in row.points] == [1, 1, 1]
    yearly = followup.follow_up(acting_user=cast.maja, plan=plan, step=Kind.YEAR)
    assert yearly.periods == (Period(Kind.YEAR, 2026),)


def test_the_target_of_a_period_is_the_one_in_force_at_its_end(cast, goal, frozen_today):
    linked = goal.indicators.get()
    frozen_today(date(2026, 8, 25))
    services.revise_target(
        acting_user=cast.maja,
        goal_indicator_id=linked.pk,
        target=Decimal("80"),
        target_on=date(2026, 12, 31),
        reason="Omprioritering.",
    )
    plan = services.plan_of(acting_user=cast.maja, plan_id=goal.plan_id)
    (row,) = followup.follow_up(acting_user=cast.maja, plan=plan).goals[0].indicators
    assert [p.target.number for p in row.points] == [1, 1, 2]
    assert row.current.number == 2 and len(row.targets) == 2


@pytest.mark.parametrize(
    ("direction", "number", "target", "met"),
    [
        ("higher_is_better", 90.0, "90", True),
        ("higher_is_better", 89.9, "90", False),
        ("lower_is_better", 30.0, "30", True),
        ("lower_is_better", 31.0, "30", False),
        ("neutral", 31.0, "30", None),
    ],
)
def test_a_figure_meets_its_target_in_the_indicators_direction(direction, number, target, met):
    from types import SimpleNamespace

    from skyddsnat.indicators import definitions as d

    indicator = SimpleNamespace(direction=d.Direction(direction))
    assert followup.meets(indicator, number, Decimal(target)) is met  # type: ignore[arg-type]
