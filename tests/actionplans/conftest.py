"""An action plan of the investigation unit (Maja's) for 2026, one goal on one indicator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from skyddsnat.actionplans import services

TODAY = date(2026, 8, 20)
INDICATOR = "prelim_within_14d_share"


@pytest.fixture
def plan(cast, frozen_today):
    frozen_today(TODAY)
    return services.create_plan(
        acting_user=cast.maja,
        name="Handlingsplan 2026",
        unit_id=cast.inv_unit.pk,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )


@pytest.fixture
def goal(cast, plan):
    return services.add_goal(
        acting_user=cast.maja,
        plan_id=plan.pk,
        title="Fler förhandsbedömningar i tid",
        indicator_id=INDICATOR,
        baseline=Decimal("70"),
        target=Decimal("90"),
        target_on=date(2026, 12, 31),
    )
