"""The registry: every indicator of docs/spec/indicators.md, defined once, and computable as
promised.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import skyddsnat.indicators
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.catalogue import COMPUTATIONS
from skyddsnat.indicators.dimensions import breakdown

#: The ids of docs/spec/indicators.md, in its order: the contract (never rename one).
SPEC_IDS = [
    "reports_count",
    "reports_per_1000",
    "children_reported",
    "repeat_reported_children",
    "reports_investigated_share",
    "protective_same_day_share",
    "prelim_within_14d_share",
    "prelim_median_days",
    "prelim_child_heard_share",
    "child_informed_rights_share",
    "followup_after_not_opened_share",
    "reporter_feedback_share",
    "prelim_early_help_share",
    "prelim_referred_share",
    "investigations_opened",
    "investigation_within_4m_share",
    "investigation_within_due_share",
    "investigation_median_days",
    "investigations_late_count",
    "investigation_delay_reasons",
    "investigations_overdue_open",
    "investigation_child_talked_alone_share",
    "investigation_child_view_share",
    "support_person_offered_share",
    "no_intervention_followup_share",
    "rereferred_within_year_0_12_share",
    "rereferred_within_year_13_20_share",
    "adult_trigger_covered_share",
    "interventions_started",
    "placements_started",
    "help_without_assessment_started",
    "health_exam_before_placement_share",
    "placement_school_arranged_share",
    "placement_breakdown_share",
    "placement_completed_share",
    "placement_visits_on_time_share",
    "placement_reviews_on_time_share",
    "evaluation_after_intervention_share",
    "evaluation_child_view_share",
    "placement_visit_child_alone_share",
    "plan_child_participated_share",
    "caseload_open_investigations",
    "caseworkers_per_child",
    "caseworkers_since_first_report",
    "staff_turnover",
    "timestudy_child_time_share",
    "timestudy_direct_time_share",
    "timestudy_documentation_admin_share",
    "obligations_met_on_time_share",
]
#: Indicators that wait for a module (none since the time study came).
NOT_YET: set[str] = set()
PURE = ["definitions", "periods", "masking"]


def test_the_registry_holds_the_ids_of_the_spec_in_its_order():
    assert d.INDICATORS.ids() == SPEC_IDS


def test_no_indicator_waits_and_one_that_did_would_say_why():
    waiting = {i.id for i in d.INDICATORS if not i.available}
    assert waiting == NOT_YET
    for indicator in d.INDICATORS:
        if not indicator.available:
            assert indicator.note.startswith("Inte beräknad ännu")


def test_every_available_indicator_has_a_computation_and_nothing_else_does():
    assert set(COMPUTATIONS) == {i.id for i in d.INDICATORS.available()}


@pytest.mark.parametrize("indicator", d.INDICATORS.available(), ids=lambda i: i.id)
def test_every_promised_breakdown_can_be_computed(indicator):
    measure = COMPUTATIONS[indicator.id]
    for dimension in indicator.breakdowns:
        split = breakdown(dimension)
        assert split is None or measure.applies_to(split), dimension


@pytest.mark.parametrize("indicator", list(d.INDICATORS), ids=lambda i: i.id)
def test_every_indicator_explains_itself_in_swedish(indicator):
    text = indicator.help_text()
    assert indicator.name in text
    assert "Räknas på:" in text
    if indicator.unit in (d.Measure.SHARE, d.Measure.MEAN):
        assert indicator.numerator and indicator.denominator
        assert "Täljare" in text


def test_a_registry_refuses_an_id_used_twice_and_an_unknown_breakdown():
    one = d.INDICATORS.get("reports_count")
    with pytest.raises(ValueError, match="twice"):
        d.IndicatorRegistry((one, one))
    with pytest.raises(ValueError, match="unknown breakdowns"):
        d.Indicator(
            "x",
            d.Group.REPORTS,
            "X",
            "",
            "",
            "",
            d.Measure.COUNT,
            d.Direction.NEUTRAL,
            "",
            ("colour",),
        )


def test_an_unsupported_breakdown_falls_back_to_the_indicators_own():
    delays = d.INDICATORS.get("investigation_delay_reasons")
    assert delays.breakdown_for("sex") == d.DELAY_REASON
    assert delays.breakdown_for(None) == d.DELAY_REASON
    assert d.INDICATORS.get("reports_count").breakdown_for("delay_reason") is None


def test_age_groups_cover_0_to_20_and_nothing_else():
    assert [d.age_group_of(a).code for a in (0, 5, 6, 12, 13, 17, 18, 20)] == [
        "0-5",
        "0-5",
        "6-12",
        "6-12",
        "13-17",
        "13-17",
        "18-20",
        "18-20",
    ]
    assert d.age_group_of(21) is d.AGE_UNKNOWN
    assert d.age_group_of(None) is d.AGE_UNKNOWN


def test_the_pure_modules_import_without_django():
    """A fresh interpreter imports definitions, periods and masking and has no django loaded."""
    names = [f"skyddsnat.indicators.{m}" for m in PURE]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
    )
    src = str(Path(skyddsnat.indicators.__file__).parent.parent.parent)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": src, "PATH": ""},
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
