"""Retention (*gallring*) of case files as data: one row per legal edge case.

16 kap. 1 § SoL (2025:400): five years after the last entry in the child's file (12 kap. 1 §
SoL (2001:453) before 2025-07-01). 16 kap. 2 §: a placement's documents are kept. 16 kap. 2 a §
(from 2026-01-15): an investigation's documents not before the child is thirty; a report that
led to no investigation after five years. 16 kap. 4 §: the research sample is kept.
"""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.rules.retention import (
    INVESTIGATION,
    KINDS,
    OTHER,
    PLACEMENT,
    REPORT_NOT_INVESTIGATED,
    RETENTION_RULES,
    FileFacts,
    ResearchSample,
    RetentionPlan,
    assess,
    retention_rule,
    shortest_years,
)

NOT_IN_SAMPLE = ResearchSample(birth_days=frozenset({5, 15, 25}))
BORN = date(2010, 3, 3)  # not the 5th, 15th or 25th


@pytest.mark.parametrize(
    ("kind", "last_entry", "born", "as_of", "dispose", "due"),
    [
        # 16 kap. 2 a § andra stycket: five years after the last entry, to the day.
        (REPORT_NOT_INVESTIGATED, date(2021, 6, 1), BORN, date(2026, 6, 1), True, date(2026, 6, 1)),
        (
            REPORT_NOT_INVESTIGATED,
            date(2021, 6, 1),
            BORN,
            date(2026, 5, 31),
            False,
            date(2026, 6, 1),
        ),
        # Under SoL (2001:453) 12 kap. 1 § the same five years.
        (
            REPORT_NOT_INVESTIGATED,
            date(2019, 1, 10),
            BORN,
            date(2025, 1, 1),
            True,
            date(2024, 1, 10),
        ),
        # 16 kap. 1 § before 2026-01-15: an investigation after five years like any file.
        (INVESTIGATION, date(2020, 1, 1), BORN, date(2025, 12, 31), True, date(2025, 1, 1)),
        # 16 kap. 2 a § första stycket from 2026-01-15: not before the child is thirty.
        (INVESTIGATION, date(2020, 1, 1), BORN, date(2026, 1, 15), False, date(2040, 3, 3)),
        (INVESTIGATION, date(2020, 1, 1), BORN, date(2040, 3, 3), True, date(2040, 3, 3)),
        # ... and never before five years after the last entry.
        (INVESTIGATION, date(2038, 1, 1), BORN, date(2040, 3, 3), False, date(2043, 1, 1)),
        # The birth date unknown: kept.
        (INVESTIGATION, date(2020, 1, 1), None, date(2060, 1, 1), False, None),
        # 16 kap. 2 § första stycket 3: a placement's file is kept.
        (PLACEMENT, date(2000, 1, 1), BORN, date(2060, 1, 1), False, None),
        (PLACEMENT, date(2000, 1, 1), BORN, date(2024, 1, 1), False, None),
        # The law names no period: the plan decides, and without it the file is kept.
        (OTHER, date(2000, 1, 1), BORN, date(2060, 1, 1), False, None),
    ],
)
def test_it_disposes_of_a_file_when_the_law_says(kind, last_entry, born, as_of, dispose, due):
    verdict = assess(FileFacts(kind, last_entry, born), as_of, sample=NOT_IN_SAMPLE)
    assert (verdict.dispose, verdict.due_on) == (dispose, due)


def test_the_plan_may_dispose_of_what_the_law_leaves_to_it():
    plan = RetentionPlan(years_after_last_entry={OTHER: 10})
    facts = FileFacts(OTHER, date(2010, 1, 1), BORN)
    assert assess(facts, date(2020, 1, 1), plan, NOT_IN_SAMPLE).dispose
    assert not assess(facts, date(2019, 12, 31), plan, NOT_IN_SAMPLE).dispose


def test_the_plan_never_changes_a_period_of_the_law():
    plan = RetentionPlan(years_after_last_entry={REPORT_NOT_INVESTIGATED: 1, PLACEMENT: 1})
    report = FileFacts(REPORT_NOT_INVESTIGATED, date(2021, 1, 1), BORN)
    assert not assess(report, date(2023, 1, 1), plan, NOT_IN_SAMPLE).dispose
    placement = FileFacts(PLACEMENT, date(2000, 1, 1), BORN)
    assert not assess(placement, date(2060, 1, 1), plan, NOT_IN_SAMPLE).dispose


@pytest.mark.parametrize(
    ("sample", "born", "kept"),
    [
        (ResearchSample(), date(2010, 3, 5), True),
        (ResearchSample(), date(2010, 3, 15), True),
        (ResearchSample(), date(2010, 3, 25), True),
        (ResearchSample(), date(2010, 3, 26), False),
        (ResearchSample(), None, True),
        (ResearchSample(keep_all=True), date(2010, 3, 26), True),
        (ResearchSample(birth_days=frozenset()), date(2010, 3, 5), False),
    ],
)
def test_it_keeps_the_research_sample(sample, born, kept):
    """16 kap. 4 § SoL (2025:400): a sample of municipalities, elsewhere a sample of people."""
    verdict = assess(
        FileFacts(REPORT_NOT_INVESTIGATED, date(2015, 1, 1), born), date(2026, 6, 1), sample=sample
    )
    assert verdict.dispose is not kept


def test_every_kind_has_one_version_in_force_on_every_day_since_2002():
    for kind in KINDS:
        for day in (
            date(2002, 1, 1),
            date(2025, 6, 30),
            date(2025, 7, 1),
            date(2026, 1, 14),
            date(2026, 1, 15),
            date(2090, 1, 1),
        ):
            assert retention_rule(kind, day).kind == kind


def test_every_rule_explains_itself_with_its_legal_reference():
    for rule in RETENTION_RULES:
        text = rule.help_text()
        assert rule.legal_reference in text
        assert "Gäller gallring från och med" in text


def test_the_report_rule_cites_chapter_16():
    rule = retention_rule(REPORT_NOT_INVESTIGATED, date(2026, 12, 1))
    assert rule.legal_reference.startswith("16 kap. 1 § och 2 a § andra stycket SoL (2025:400)")
    assert "inte kommunens inställning" in rule.help_text()


def test_the_shortest_period_follows_the_law_and_the_plan():
    assert shortest_years(RetentionPlan(), date(2026, 6, 1)) == 5
    assert shortest_years(RetentionPlan({OTHER: 2}), date(2026, 6, 1)) == 2
