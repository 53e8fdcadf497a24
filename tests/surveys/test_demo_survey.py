"""The demo's running Barnbarometer: 290 synthetic municipalities, 168 answers."""

from __future__ import annotations

import time

from skyddsnat.demo.survey import ANSWERED, INVITED, load_survey
from skyddsnat.surveys.models import Respondent
from skyddsnat.surveys.results import compute


def test_it_loads_a_running_edition_with_answers_from_synthetic_municipalities(olle):
    started = time.perf_counter()
    edition, token = load_survey(olle)
    loaded = time.perf_counter() - started
    assert edition.status == "open"
    # The synthetic municipalities, and the organiser's own, invited with a pre-filled link.
    assert Respondent.objects.filter(edition=edition).count() == INVITED + 1
    own = Respondent.objects.get(edition=edition, token_digest=Respondent.digest_of(token))
    assert own.municipality == olle.municipality
    assert not hasattr(own, "response")
    assert edition.responses.filter(submitted_at__isnull=False).count() == ANSWERED
    started = time.perf_counter()
    results = compute(edition)
    assert time.perf_counter() - started < 1.0
    by_number = {r.number: r for r in results}
    assert 0 < by_number["1"].svarande <= ANSWERED
    assert sum(row.count for row in by_number["1"].rows) == by_number["1"].svarande
    print(f"loaded in {loaded:.1f} s")
