"""Where a benchmark's generated dataset lives when no ``DATABASE_URL`` is given.

Imported before ``django.setup()`` by the benchmarks that work on ``generate_dataset``'s data
(``pages.py``, ``indicators.py``): on the embedded SQLite each size gets a file of its own,
``var/bench-<reports>.sqlite3``, generated once and reused by every later run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def reports_argument(default: int) -> int:
    """Return the ``--reports`` given on the command line (before argparse runs), or ``default``."""
    for i, arg in enumerate(sys.argv):
        if arg == "--reports" and i + 1 < len(sys.argv):
            return int(sys.argv[i + 1])
        if arg.startswith("--reports="):
            return int(arg.split("=", 1)[1])
    return default


def use_dataset_file(default_reports: int) -> None:
    """Point ``DATABASE_URL`` at the size's own SQLite file unless one is set already."""
    if "DATABASE_URL" not in os.environ:
        (ROOT / "var").mkdir(exist_ok=True)
        name = f"bench-{reports_argument(default_reports)}.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / name}"
