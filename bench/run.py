"""Benchmarks (never part of the test run): time the rules engine on synthetic cases.

Run with ``make bench``. Prints the median of several rounds; no assertion on timing.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from skyddsnat.rules import (
    CaseFacts,
    ExtensionFacts,
    InterventionFacts,
    InvestigationFacts,
    evaluate,
)

STHLM = ZoneInfo("Europe/Stockholm")


def synthetic_facts(n: int, seed: int = 1) -> list[CaseFacts]:
    """Return ``n`` cases with investigations and placements spread over two years."""
    rng = random.Random(seed)
    facts = []
    for _ in range(n):
        received = datetime(2025, 1, 1, 9, tzinfo=STHLM) + timedelta(days=rng.randrange(700))
        opened = received.date() + timedelta(days=rng.randrange(1, 20))
        start = opened + timedelta(days=rng.randrange(60, 150))
        visits = tuple(start + timedelta(days=90 * k + rng.randrange(-10, 20)) for k in range(1, 4))
        facts.append(
            CaseFacts(
                report_received_at=received,
                protective_assessment_made_at=received + timedelta(hours=2),
                preliminary_assessment_decided_on=opened,
                mandatory_reporter=rng.random() < 0.7,
                investigation=InvestigationFacts(
                    opened_on=opened,
                    closed_on=start,
                    extensions=(
                        ExtensionFacts(opened + timedelta(days=100), opened + timedelta(days=180)),
                    )
                    if rng.random() < 0.1
                    else (),
                ),
                interventions=(
                    InterventionFacts(
                        id="1",
                        kind="foster_home",
                        started_on=start,
                        is_placement=True,
                        in_foster_home=True,
                        visits=visits,
                        reviews=(start + timedelta(days=182),),
                    ),
                ),
            )
        )
    return facts


def main() -> None:
    facts = synthetic_facts(10_000)
    as_of = date(2026, 11, 27)
    rounds = []
    for _ in range(5):
        t0 = time.perf_counter()
        obligations = sum(len(evaluate(f, as_of)) for f in facts)
        rounds.append(time.perf_counter() - t0)
    median = statistics.median(rounds)
    print(
        f"rules: {len(facts)} cases, {obligations} obligations, median {median:.3f} s "
        f"({median / len(facts) * 1e6:.0f} µs per case)"
    )


if __name__ == "__main__":
    main()
