"""Fixtures shared by every test: the cast (see ``tests/cast.py``) and a frozen clock."""

from __future__ import annotations

from datetime import date

import pytest

from tests.cast import Cast, local


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Test on SQLite in a file, as the application runs, not in memory.

    Django would put an SQLite test database in shared-cache memory, where a second connection
    is refused ("database table is locked") instead of waiting its turn: the threads of
    ``tests/api/test_concurrency.py`` need the file that the settings' write-ahead log,
    ``BEGIN IMMEDIATE`` and busy timeout are for (decision 0013). One directory per test run.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_lockout(settings):
    """Turn django-axes off (``Client.login`` gives it no request); the lockout tests turn it on."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _jobs_run_at_once(monkeypatch):
    """Run a queued job at once, in the test's transaction (django-q2's ``sync``), not in a
    worker; ``tests/jobs/worker.py`` drives the queue itself where a test needs the worker."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)


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
