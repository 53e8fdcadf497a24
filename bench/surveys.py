"""Benchmark (never part of the test run): a survey's results for 290 municipalities.

Run with ``make bench-surveys`` (a fresh SQLite file in a temporary directory) or
``.ci/with-postgres .venv/bin/python bench/surveys.py``. It migrates, loads the demo's running
Barnbarometer (290 synthetic municipalities invited, 168 answers to the 17 questions) and
computes the results per question (``surveys.results.compute``: counts, percents as the
publication prints them, the response rate) in rounds, printing the median, minimum and
maximum and the target of issue 15: well under a second. No assertion on timing; it exits
non-zero only if the results are not whole.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TARGET_SECONDS = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="skyddsnat-bench-surveys-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skyddsnat.settings")
    os.environ["SKYDDSNAT_DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    from skyddsnat.accounts.models import Municipality, Role, User
    from skyddsnat.demo.survey import ANSWERED, load_survey
    from skyddsnat.surveys.results import compute

    call_command("migrate", verbosity=0)
    municipality, _ = Municipality.objects.get_or_create(
        code="9999", defaults={"name": "Bänkby kommun"}
    )
    organiser = User.objects.create_user(
        "bench-organiser", municipality=municipality, role=Role.ORGANISER
    )
    edition, _token = load_survey(organiser)
    times = []
    results = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        results = compute(edition)
        times.append(time.perf_counter() - started)
    first = next(r for r in results if r.number == "1")
    whole = 0 < first.svarande <= ANSWERED and sum(r.count for r in first.rows) == first.svarande
    print(
        f"survey results, {len(results)} questions, {ANSWERED} answers of 290 invited, "
        f"{args.rounds} rounds: median {statistics.median(times) * 1000:.1f} ms "
        f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}); "
        f"target under {TARGET_SECONDS:.0f} s"
    )
    return 0 if whole else 1


if __name__ == "__main__":
    sys.exit(main())
