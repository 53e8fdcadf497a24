"""``facts_of_cases`` reads the same facts as ``case_facts``, for every case, in fewer queries.

The two are separate code (plain values for statistics, model instances for the case page), so
this test compares them on a generated dataset that has every kind of fact in it.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skyddsnat.cases.facts import case_facts, cases_for_obligations, facts_of_cases
from skyddsnat.cases.models import Case

pytestmark = pytest.mark.django_db


def _generate(reports: int, seed: int = 3) -> None:
    args = ["--reports", str(reports), "--municipalities", "2", "--seed", str(seed), "-v", "0"]
    call_command("generate_dataset", *args, stdout=io.StringIO())


def test_bulk_facts_equal_the_case_pages_facts_for_every_case():
    _generate(600)
    bulk = {row.case_id: row for row in facts_of_cases(Case.objects.all())}
    by_model = {case.pk: case for case in cases_for_obligations()}
    assert set(bulk) == set(by_model) and len(bulk) >= 600  # siblings: a case each
    for case_id, case in by_model.items():
        assert bulk[case_id].facts == case_facts(case), case_id
        assert bulk[case_id].unit_id == case.unit_id
    facts = [row.facts for row in bulk.values()]
    # The dataset has every kind of fact, so the comparison covers each of them.
    interventions = [i for f in facts for i in f.interventions]
    assert any(f.investigation and f.investigation.extensions for f in facts)
    assert any(f.investigation and f.investigation.closed_on for f in facts)
    assert any(f.reporter_feedback_sent_on for f in facts)
    assert any(f.reporter_feedback_requested_on for f in facts)
    assert any(f.protective_assessment_made_at for f in facts)
    assert any(i.visits for i in interventions)
    assert any(i.reviews for i in interventions)
    assert any(i.evaluated_on for i in interventions)
    assert any(f.investigation_already_running for f in facts)
    assert any(f.emergency_custodies for f in facts)


def test_the_number_of_queries_is_fixed():
    _generate(50, seed=4)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            facts_of_cases(Case.objects.all())
        return len(ctx.captured_queries)

    few = queries()
    _generate(300, seed=5)
    # the signed plans (plans.facts), the LVU records (interventions.lvu_facts), the follow-ups
    # (followups.facts), the jourhem extensions, LUL statements, youth services and protected
    # housing without consent with its considerations (interventions.care_facts)
    assert queries() == few == 18
