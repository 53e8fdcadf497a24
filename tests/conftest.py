"""Fixtures shared by every test: the cast (see ``tests/cast.py``) and a frozen clock."""

from __future__ import annotations

import os
import sys
from datetime import date

import pytest

from tests.cast import Cast, local


def pytest_addoption(parser):
    parser.addoption(
        "--strict-ids",
        action="store_true",
        help="refuse case=/intervention=/custody=/entry= an object in calls of a case action "
        "(TypeError), as the entry will once the transition of decision 0010 is over",
    )


def _take_id_strictly(kwargs: dict, name: str) -> int:
    """``cases.actions._take_id`` without the transition: only ``<name>_id`` is taken."""
    if name in kwargs:
        raise TypeError(f"pass {name}_id=, not {name}= (an object), in {_caller()}")
    if f"{name}_id" not in kwargs:
        raise TypeError(f"missing keyword argument {name}_id")
    return int(kwargs.pop(f"{name}_id"))


def _caller() -> str:
    """Where the case action was called from: the first frame outside the entry and this file."""
    frame = sys._getframe(1)
    while frame.f_back and frame.f_code.co_filename.endswith(
        ("cases/actions.py", "tests/conftest.py")
    ):
        frame = frame.f_back
    return f"{os.path.relpath(frame.f_code.co_filename)}:{frame.f_lineno}"


@pytest.fixture(autouse=True, scope="session")
def _strict_ids(request):
    """With ``--strict-ids``, a caller that still passes an object to a case action fails."""
    if not request.config.getoption("strict_ids"):
        yield
        return
    from skyddsnat.cases import actions

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(actions, "_take_id", _take_id_strictly)
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_lockout(settings):
    """Turn django-axes off (``Client.login`` gives it no request); the lockout tests turn it on."""
    settings.AXES_ENABLED = False


@pytest.fixture
def cast(db) -> Cast:
    return Cast()


@pytest.fixture
def frozen_today(monkeypatch):
    """Freeze the services' clock: ``frozen_today(date)`` sets today (at 12:00 local time)."""
    from skyddsnat import clock

    def freeze(day: date, hh: int = 12) -> None:
        moment = local(day.year, day.month, day.day, hh)
        monkeypatch.setattr(clock, "now", lambda: moment)
        monkeypatch.setattr(clock, "today", lambda: day)

    return freeze
