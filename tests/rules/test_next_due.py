"""``next_due`` gives what a work list needs of ``evaluate``'s open obligations, without them.

The work lists sort, filter and count every case by ``next_due`` and build the obligations
themselves only for the rows a page shows, so the two must agree on every case: the first unmet
obligation's due date and status, whether any is overdue or due soon, and how many are unmet.
``tests/web/test_worklist_order.py`` checks the same on a generated dataset, through the lists.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given

from skyddsnat.rules import CaseFacts, RuleSettings, evaluate
from skyddsnat.rules.next_due import NextDue, next_due
from skyddsnat.rules.next_due import brief as brief_of
from tests.rules.test_properties import FAST, case_facts, offsets, rule_settings


def brief(facts: CaseFacts, as_of: date, settings: RuleSettings | None = None) -> NextDue:
    """Return ``NextDue`` as read from the full evaluation (``next_due.brief``)."""
    return brief_of(evaluate(facts, as_of, settings))


@FAST
@given(case_facts(), offsets, rule_settings)
def test_next_due_agrees_with_the_full_evaluation(
    facts: CaseFacts, offset: int, unit: RuleSettings
):
    as_of = facts.report_received_at.date() + timedelta(days=offset)
    assert next_due(facts, as_of, unit) == brief(facts, as_of, unit)


@FAST
@given(case_facts(), offsets)
def test_next_due_agrees_with_the_default_settings(facts: CaseFacts, offset: int):
    as_of = facts.report_received_at.date() + timedelta(days=offset)
    assert next_due(facts, as_of) == brief(facts, as_of)
