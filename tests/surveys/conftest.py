"""The survey tests' cast: ``olle`` organises surveys from Norrby, ``otto`` from Söderby."""

from __future__ import annotations

import pytest

from skyddsnat.accounts.models import Role
from tests.api.conftest import api_as  # noqa: F401


@pytest.fixture
def olle(cast):
    return cast.user("olle", Role.ORGANISER, None)


@pytest.fixture
def otto(cast):
    return cast.user("otto", Role.ORGANISER, None, cast.soderby)


@pytest.fixture
def edition(olle):
    from skyddsnat.surveys.services import create_from_template

    return create_from_template(
        acting_user=olle, template="barnbarometer-2014", title="Barnbarometern 2026"
    )
