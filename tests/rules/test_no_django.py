"""The rules package stays free of Django: it is the law, not the web application."""

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import skyddsnat.rules

PACKAGE_DIR = Path(skyddsnat.rules.__file__).parent
MODULES = sorted(
    f"skyddsnat.rules.{info.name}" for info in pkgutil.iter_modules([str(PACKAGE_DIR)])
)
DJANGO_IMPORT = re.compile(r"^\s*(import\s+django\b|from\s+django\b)", re.MULTILINE)


def test_it_imports_every_module_without_loading_django():
    """A fresh interpreter imports the whole package and has no django in sys.modules."""
    code = (
        "import importlib, sys\n"
        f"for name in {['skyddsnat.rules', *MODULES]!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
        "print(len(sys.modules))\n"
    )
    src = str(PACKAGE_DIR.parent.parent)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": src, "PATH": ""},
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert len(MODULES) >= 7


def test_no_module_source_mentions_a_django_import():
    offenders = [
        path.name
        for path in PACKAGE_DIR.glob("*.py")
        if DJANGO_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
