"""Settings of the bare comparison: Skyddsnät's database (and SQLite options), nothing else."""

from __future__ import annotations

from skyddsnat.settings import DATABASES as _SKYDDSNAT_DATABASES

DATABASES = {"default": _SKYDDSNAT_DATABASES["default"]}
INSTALLED_APPS = ["bare_insert"]
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bare_insert.urls"
SECRET_KEY = "bench-only-bare-insert"  # nosec B105 - never served beyond loopback
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
