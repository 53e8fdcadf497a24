"""The registry: every kind of docs/spec/process.md, defined once, each rule explaining itself."""

from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from skyddsnat.rules import RULES, Rule, RuleRegistry, RuleSettings
from skyddsnat.rules.registry import COURT_ACTIONS
from skyddsnat.rules.triggers import TRIGGERS

PROCESS_MD_KINDS = (
    "protective_assessment",
    "preliminary_assessment",
    "reporter_feedback",
    "investigation",
    "placement_visit",
    "placement_review",
    "custody_transfer_consideration",
    "lvu_court_submission",
    "lvu_care_application",
    "evaluation",
    "care_plan",
    "implementation_plan",
    "care_plan_revision",
    "implementation_plan_review",
    "lvu_care_start",
    "lvu_contact_restriction_review",
    "lvu_removal_ban_review",
    "lvu_travel_ban_review",
    "lvu_support_review",
    "lvu_follow_up",
    "lvu_follow_up_end",
    "investigation_information",
    "follow_up",
    "emergency_foster_home_stay",
    "protected_housing_review",
    "lvu_temporary_removal_ban_submission",
    "lvu_removal_ban_application",
    "lvu_temporary_travel_ban_submission",
    "lvu_travel_ban_application",
    "protected_housing_submission",
    "protected_housing_application",
    "protected_housing_start",
    "protected_housing_consideration",
    "lul_statement",
    "youth_service_start",
)


def test_it_has_every_kind_of_process_md_in_order():
    assert RULES.kinds == PROCESS_MD_KINDS


def test_every_kind_has_a_trigger_and_every_trigger_a_rule():
    assert set(TRIGGERS) == set(RULES.kinds)


@pytest.mark.parametrize("kind", PROCESS_MD_KINDS)
def test_the_versions_of_a_kind_follow_each_other_without_gaps(kind: str):
    versions = RULES.for_kind(kind)
    for earlier, later in pairwise(versions):
        assert earlier.valid_to == later.valid_from
    assert versions[-1].valid_to is None
    assert len({v.version_by for v in versions}) == 1


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.id)
def test_every_rule_explains_itself(rule: Rule):
    assert rule.id.startswith(f"{rule.kind}/")
    assert rule.legal_reference
    help_text = rule.help_text()
    assert rule.title_sv in help_text
    assert rule.legal_reference in help_text
    assert rule.get_help_text() == help_text
    assert rule.describe()["legal_reference"] == rule.legal_reference
    assert rule.roll_forward is (rule.kind in COURT_ACTIONS)


@pytest.mark.parametrize(
    ("day", "rule_id"),
    [
        (date(2025, 6, 30), "preliminary_assessment/sol2001"),
        (date(2025, 7, 1), "preliminary_assessment/sol2025"),
        (date(2012, 12, 31), None),  # before the 14-day rule
    ],
)
def test_it_finds_the_version_in_force(day: date, rule_id: str | None):
    rule = RULES.in_force("preliminary_assessment", day)
    assert (rule.id if rule else None) == rule_id


def test_the_due_soon_defaults_follow_process_md():
    assert RULES["preliminary_assessment/sol2025"].due_soon_days == 3
    assert RULES["investigation/sol2025"].due_soon_days == 14


def test_help_text_reflects_the_units_settings():
    rule = RULES["placement_visit/sol2025"]
    settings = RuleSettings(placement_visit_months=2, roll_forward={"placement_visit": True})
    text = rule.help_text(settings)
    assert "inom 2 månader" in text
    assert "flyttas den till nästa arbetsdag" in text


def test_it_refuses_overlapping_versions():
    rule = RULES["investigation/sol2001"]
    with pytest.raises(ValueError, match="overlap"):
        RuleRegistry([rule, replace(rule, id="investigation/x", valid_from=date(2020, 1, 1))])


def test_it_refuses_duplicate_ids():
    rule = RULES["investigation/sol2001"]
    with pytest.raises(ValueError, match="unique"):
        RuleRegistry([rule, rule])


OPEN_QUESTIONS = Path(__file__).parents[2] / "docs" / "legal-open-questions.md"


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.id)
def test_every_unverified_reference_is_an_open_question(rule: Rule):
    """A reference not yet checked is listed, by its rule's id, in the open questions; what is
    shown to users (reference, explanation, note) never carries an internal mark."""
    if not rule.reference_checked:
        assert f"`{rule.id}`" in OPEN_QUESTIONS.read_text(encoding="utf-8")
    shown = " ".join([rule.legal_reference, rule.note_sv, rule.explanation_template, rule.title_sv])
    assert "verifieras" not in shown.lower() and "todo" not in shown.lower()
