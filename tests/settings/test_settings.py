"""Settings come from the environment; production refuses to start without a real secret key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: A key as ``secrets.token_urlsafe(50)`` makes one (docs/deploy.md).
REAL_KEY = "vN3q8Zr1kT0pYw5Hc7LmA2sXe9BdF4gJ6uQiO-_RtPzWyKaEhUoMnVbCx1lSjGf"
HOST = "skyddsnat.norrby.example.se"


def _load_settings(
    show: str = "s.TIME_ZONE, s.LANGUAGE_CODE, s.DEBUG, s.DEMO_ENABLED", **env: str
) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SKYDDSNAT_", "DATABASE_URL"))
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import skyddsnat.settings as s; print({show})",
        ],
        env={**clean, "PYTHONPATH": str(ROOT / "src"), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = _load_settings(
        SKYDDSNAT_ENV="production", SKYDDSNAT_VAR_DIR="/tmp/skyddsnat-settings-test"
    )
    assert result.returncode != 0
    assert "SKYDDSNAT_SECRET_KEY must be set in production" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "x" * 60,  # long, but one character
        "k9Qz-short",
        "django-insecure-" + REAL_KEY,
        "local-development-key-not-for-production",
    ],
)
def test_it_refuses_a_placeholder_secret_key_in_production(key):
    result = _load_settings(
        SKYDDSNAT_ENV="production",
        SKYDDSNAT_SECRET_KEY=key,
        DATABASE_URL="postgres://u@127.0.0.1:1/db",
    )
    assert result.returncode != 0
    assert "SKYDDSNAT_SECRET_KEY must be a real secret in production" in result.stderr


def test_it_starts_in_production_with_a_key_without_debug_or_demo():
    result = _load_settings(
        SKYDDSNAT_ENV="production",
        SKYDDSNAT_SECRET_KEY=REAL_KEY,
        SKYDDSNAT_ALLOWED_HOSTS=HOST,
        DATABASE_URL="postgres://u@127.0.0.1:1/db",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Europe/Stockholm", "sv", "False", "False"]


@pytest.mark.parametrize("hosts", [None, "", " , "])
def test_it_refuses_to_start_in_production_without_allowed_hosts(hosts):
    env = {"SKYDDSNAT_ALLOWED_HOSTS": hosts} if hosts is not None else {}
    result = _load_settings(
        SKYDDSNAT_ENV="production",
        SKYDDSNAT_SECRET_KEY=REAL_KEY,
        DATABASE_URL="postgres://u@127.0.0.1:1/db",
        **env,
    )
    assert result.returncode != 0
    assert "SKYDDSNAT_ALLOWED_HOSTS must be set in production" in result.stderr


def test_production_answers_to_the_allowed_hosts_given():
    result = _load_settings(
        "s.ALLOWED_HOSTS",
        SKYDDSNAT_ENV="production",
        SKYDDSNAT_SECRET_KEY=REAL_KEY,
        SKYDDSNAT_ALLOWED_HOSTS=f"{HOST}, skyddsnat.internal",
        DATABASE_URL="postgres://u@127.0.0.1:1/db",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str([HOST, "skyddsnat.internal"])


@pytest.mark.parametrize("days", ["5,x", "0", "32"])
def test_it_refuses_a_research_sample_that_is_not_days_of_the_month(days):
    result = _load_settings(
        SKYDDSNAT_VAR_DIR="/tmp/skyddsnat-settings-test", SKYDDSNAT_DISPOSAL_KEEP_BIRTH_DAYS=days
    )
    assert result.returncode != 0
    assert "SKYDDSNAT_DISPOSAL_KEEP_BIRTH_DAYS must be days" in result.stderr


def test_local_defaults_are_swedish_time_and_language_with_demo():
    result = _load_settings(SKYDDSNAT_VAR_DIR="/tmp/skyddsnat-settings-test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Europe/Stockholm", "sv", "True", "True"]


def test_in_production_the_api_docs_need_a_login_and_locally_they_are_open():
    show = "s.SKYDDSNAT_API_DOCS_PUBLIC"
    production = _load_settings(
        show,
        SKYDDSNAT_ENV="production",
        SKYDDSNAT_SECRET_KEY=REAL_KEY,
        SKYDDSNAT_ALLOWED_HOSTS=HOST,
        DATABASE_URL="postgres://u@127.0.0.1:1/db",
    )
    local = _load_settings(show, SKYDDSNAT_VAR_DIR="/tmp/skyddsnat-settings-test")
    assert (production.stdout.strip(), local.stdout.strip()) == ("False", "True")


def test_production_serves_static_files_with_whitenoise_and_hashed_names():
    show = (
        "'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE, "
        "s.STORAGES['staticfiles']['BACKEND'], s.STATIC_ROOT"
    )
    production = _load_settings(
        show,
        SKYDDSNAT_ENV="production",
        SKYDDSNAT_SECRET_KEY=REAL_KEY,
        SKYDDSNAT_ALLOWED_HOSTS=HOST,
        SKYDDSNAT_STATIC_ROOT="/srv/skyddsnat/static",
        DATABASE_URL="postgres://u@127.0.0.1:1/db",
    )
    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == [
        "True",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "/srv/skyddsnat/static",
    ]
    local = _load_settings(
        "'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE",
        SKYDDSNAT_VAR_DIR="/tmp/skyddsnat-settings-test",
    )
    assert local.stdout.strip() == "False"  # runserver serves them in development


def test_an_unknown_log_format_is_refused():
    result = _load_settings(
        SKYDDSNAT_VAR_DIR="/tmp/skyddsnat-settings-test", SKYDDSNAT_LOG_FORMAT="xml"
    )
    assert result.returncode != 0
    assert "SKYDDSNAT_LOG_FORMAT must be text or json" in result.stderr


def test_a_worker_keeps_its_database_connection_and_checks_it_before_reuse():
    """Decision 0050: kept 60 s by default, tested at the next request; 0 gives one per request."""
    show = "s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS']"
    production = {
        "SKYDDSNAT_ENV": "production",
        "SKYDDSNAT_SECRET_KEY": REAL_KEY,
        "SKYDDSNAT_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": "postgres://u@127.0.0.1:1/db",
    }
    kept = _load_settings(show, **production)
    assert kept.returncode == 0, kept.stderr
    assert kept.stdout.split() == ["60", "True"]
    each = _load_settings(show, **production, SKYDDSNAT_DB_CONN_MAX_AGE="0")
    assert each.returncode == 0, each.stderr
    assert each.stdout.split() == ["0", "True"]
