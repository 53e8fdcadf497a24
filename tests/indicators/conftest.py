"""Fixtures for the indicator tests: a manager who owns every unit, and the API client."""

from __future__ import annotations

import pytest

from skyddsnat.accounts.models import Role
from tests.api.conftest import api_as  # noqa: F401 - the API client fixture


@pytest.fixture
def chief(cast):
    """Vera manages both of Norrby's units, so she sees every figure unmasked."""
    vera = cast.user("vera", Role.MANAGER, cast.intake_unit)
    vera.units.add(cast.inv_unit)
    return vera
