"""With two database URLs, ``migrate`` and disposal connect as the tables' owner, the rest not.

docs/security.md ("Database roles"): the application runs as ``DATABASE_URL``'s role, which only
reads and writes rows; ``SKYDDSNAT_MIGRATION_DATABASE_URL`` names the owner, through which
``manage.py migrate`` (without ``--database``) and ``skyddsnat.disposal.disposal()`` connect.
Without it everything connects through ``DATABASE_URL``, as before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SHOW = """
import django
django.setup()
from django.conf import settings
from django.core.management import get_commands, load_command_class
from skyddsnat.disposal import owner_alias
migrate = load_command_class(get_commands()["migrate"], "migrate")
parser = migrate.create_parser("manage.py", "migrate")
print(
    settings.DATABASES["default"]["USER"] or "-",
    settings.DATABASES.get("owner", {}).get("USER", "-"),
    owner_alias(),
    parser.parse_args([]).database,
    parser.parse_args(["--database", "default"]).database,
)
"""


def _show(**env: str) -> list[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SKYDDSNAT_", "DATABASE_URL"))
    }
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        env={
            **clean,
            "PYTHONPATH": str(ROOT / "src"),
            "DJANGO_SETTINGS_MODULE": "skyddsnat.settings",
            "SKYDDSNAT_VAR_DIR": "/tmp/skyddsnat-settings-test",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_migrate_and_disposal_connect_as_the_owner_when_it_is_configured():
    assert _show(
        DATABASE_URL="postgres://skyddsnat_app@127.0.0.1:1/skyddsnat",
        SKYDDSNAT_MIGRATION_DATABASE_URL="postgres://skyddsnat_owner@127.0.0.1:1/skyddsnat",
    ) == ["skyddsnat_app", "skyddsnat_owner", "owner", "owner", "default"]


def test_with_one_url_everything_connects_through_it():
    assert _show(DATABASE_URL="postgres://skyddsnat@127.0.0.1:1/skyddsnat") == [
        "skyddsnat",
        "-",
        "default",
        "default",
        "default",
    ]
