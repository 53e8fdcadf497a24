"""The deployment guide lists every setting read from the environment (docs/deploy.md).

``settings.py`` and gunicorn's configuration read their settings from environment variables;
the guide's table "Every setting read from the environment" must name each of them, with its
meaning and default, or an operator cannot know it exists.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS = ("src/skyddsnat/settings.py", "src/skyddsnat/gunicorn_conf.py")
#: os.environ.get("X" …), os.environ["X"], "X" in os.environ
READ = re.compile(
    r'os\.environ(?:\.get\(\s*|\[\s*)"(?P<a>[A-Z0-9_]+)"|"(?P<b>[A-Z0-9_]+)"\s+(?:not\s+)?in\s+os\.environ'
)
TABLE_ROW = re.compile(r"^\| `(?P<name>[A-Z0-9_]+)` \|", re.MULTILINE)


def variables_read() -> set[str]:
    found = set()
    for path in READERS:
        for match in READ.finditer((ROOT / path).read_text(encoding="utf-8")):
            found.add(match.group("a") or match.group("b"))
    return found


def test_the_guide_lists_every_setting_read_from_the_environment():
    read = variables_read()
    assert {"SKYDDSNAT_SECRET_KEY", "DATABASE_URL", "SKYDDSNAT_BIND"} <= read  # the scan works
    listed = set(TABLE_ROW.findall((ROOT / "docs/deploy.md").read_text(encoding="utf-8")))
    assert sorted(read - listed) == []
    assert sorted(listed - read) == []
