"""Fixtures shared by every test: the cast (see ``tests/cast.py``) and a frozen clock."""

from __future__ import annotations

from datetime import date

import pytest

from tests.cast import Cast, local


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
