"""The demo's running Barnbarometer: 290 synthetic municipalities, 168 answers."""

from __future__ import annotations

from skyddsnat.demo.survey import ANSWERED, INVITED, load_survey
from skyddsnat.surveys.models import Respondent
from skyddsnat.surveys.results import compute


def test_it_loads_a_running_edition_with_answers_from_synthetic_municipalities(olle):
    edition, token = load_survey(olle)
    assert edition.status == "open"
    # The synthetic municipalities, and the organiser's own, invited with a pre-filled link.
    assert Respondent.objects.filter(edition=edition).count() == INVITED + 1
    own = Respondent.objects.get(edition=edition, token_digest=Respondent.digest_of(token))
    assert own.municipality == olle.municipality
    assert not hasattr(own, "response")
    assert edition.responses.filter(submitted_at__isnull=False).count() == ANSWERED
    # How fast (290 municipalities, well under a second): bench/surveys.py, never a test.
    results = compute(edition)
    by_number = {r.number: r for r in results}
    assert 0 < by_number["1"].svarande <= ANSWERED
    assert sum(row.count for row in by_number["1"].rows) == by_number["1"].svarande
