"""A study of the investigation unit (Alice, Bob and Maja take part), 16–20 March 2026."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.timestudy import services

MONDAY = date(2026, 3, 16)


@pytest.fixture
def study(cast, frozen_today):
    frozen_today(date(2026, 3, 18), hh=15)
    return services.create_study(
        acting_user=cast.maja, name="Vårens mätning", unit_ids=[cast.inv_unit.pk], starts_on=MONDAY
    )
