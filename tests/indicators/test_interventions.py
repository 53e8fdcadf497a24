"""Interventions and placements: each indicator on a small dataset worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.interventions import services as interventions
from tests.cast import pin_for
from tests.indicators.helpers import fraction, value, values
from tests.services.flow import decide, end, investigated_case

D = date.fromisoformat


def _evaluate(user, intervention, on: str, child_view: str = ""):
    interventions.record_evaluation(
        acting_user=user,
        intervention_id=intervention.pk,
        data=interventions.EvaluationInput(
            evaluated_on=D(on),
            goals_met="partly",
            child_view=child_view,
            child_view_not_documented_reason="" if child_view else "Barnet ville inte.",
        ),
    )


@pytest.fixture
def care(cast, frozen_today):
    """Six interventions, each in a case of its own (investigated in 2025).

    N1 foster home, SoL, girl       2026-01-01 → 2026-06-30 breakdown; health exam; evaluated
                                    2026-07-15 with the child's view
    N2 HVB, LVU 3 §, boy            2025-12-31 → 2026-03-01 as planned; health exam
    N3 contact person, SoL, girl    2026-12-31 →
    N4 emergency foster home, LVU 2 §, boy  2026-05-01 → 2027-01-05 breakdown; no health exam
    N5 family treatment, SoL, girl  2026-02-01 → 2026-10-01 as planned; evaluated 2026-11-01
                                    without the child's view
    N6 kinship foster home, SoL     2027-01-01 →
    """
    frozen_today(D("2027-03-01"))
    a = cast.alice

    def case(seed: int, sex: str):
        number = pin_for(D(f"2012-03-{seed:02d}"), sex, seed=seed)
        return investigated_case(a, number, D("2025-06-01"), D("2025-09-01"))

    n1 = decide(a, case(1, "girl"), D("2026-01-01"), "foster_home", school_arranged=True)
    for visited_on, alone in (("2026-02-01", True), ("2026-04-01", False)):
        interventions.record_visit(
            acting_user=a, intervention_id=n1.pk, visited_on=D(visited_on), child_talked_alone=alone
        )
    end(a, n1, D("2026-06-30"), "breakdown")
    _evaluate(a, n1, "2026-07-15", child_view="Jag vill flytta hem.")
    n2 = decide(a, case(2, "boy"), D("2025-12-31"), "residential_care_home", "lvu_3")
    end(a, n2, D("2026-03-01"))
    decide(a, case(3, "girl"), D("2026-12-31"), "contact_person")
    n4 = decide(
        a,
        case(4, "boy"),
        D("2026-05-01"),
        "emergency_foster_home",
        "lvu_2",
        health_exam_before=False,
    )
    end(a, n4, D("2027-01-05"), "breakdown")
    n5 = decide(a, case(5, "girl"), D("2026-02-01"), "family_treatment")
    end(a, n5, D("2026-10-01"))
    _evaluate(a, n5, "2026-11-01")
    decide(a, case(6, "girl"), D("2027-01-01"), "kinship_foster_home")


def test_interventions_started_by_kind_and_legal_basis(chief, care):
    # Started in 2026: N1, N3, N4, N5 = 4 (N2 started 2025-12-31, N6 2027-01-01).
    assert value(chief, "interventions_started").value == 4
    assert value(chief, "interventions_started", period="2025").value == 1
    assert value(chief, "interventions_started", period="2027").value == 1
    by_kind = values(chief, ids=["interventions_started"], breakdown="intervention_kind")
    started = {k: v.value for (_, k), v in by_kind.items() if k and v.value}
    assert started == {
        "foster_home": 1,
        "contact_person": 1,
        "emergency_foster_home": 1,
        "family_treatment": 1,
    }
    by_basis = values(chief, ids=["interventions_started"], breakdown="legal_basis")
    assert by_basis[("interventions_started", "sol_voluntary")].value == 3  # N1, N3, N5
    assert by_basis[("interventions_started", "lvu_2")].value == 1  # N4


def test_placements_started_lists_only_placement_kinds(chief, care):
    # N1 and N4; N3 and N5 are open care.
    assert value(chief, "placements_started").value == 2
    by_kind = values(chief, ids=["placements_started"], breakdown="intervention_kind")
    assert ("placements_started", "contact_person") not in by_kind
    assert by_kind[("placements_started", "emergency_foster_home")].value == 1


def test_health_exam_before_placement_share(chief, care):
    # N1 ✓, N4 ✗: 1 / 2.
    assert fraction(value(chief, "health_exam_before_placement_share")) == (1, 2)


def test_placement_breakdown_and_completed_shares_add_up_to_one(chief, care):
    # Placements ended in 2026: N1 (breakdown), N2 (as planned): 1 / 2 each.
    assert fraction(value(chief, "placement_breakdown_share")) == (1, 2)
    assert fraction(value(chief, "placement_completed_share")) == (1, 2)
    # 2027: N4 ended in a breakdown: 1 / 1, and 0 / 1 completed.
    assert fraction(value(chief, "placement_breakdown_share", period="2027")) == (1, 1)
    assert fraction(value(chief, "placement_completed_share", period="2027")) == (0, 1)


def test_evaluation_after_intervention_share(chief, care):
    # Ended in 2026: N1 ✓, N2 ✗, N5 ✓: 2 / 3.
    assert fraction(value(chief, "evaluation_after_intervention_share")) == (2, 3)


def test_evaluation_child_view_share(chief, care):
    # Evaluated in 2026: N1 with the child's view ✓, N5 without ✗: 1 / 2.
    assert fraction(value(chief, "evaluation_child_view_share")) == (1, 2)
    by_kind = values(chief, ids=["evaluation_child_view_share"], breakdown="intervention_kind")
    assert fraction(by_kind[("evaluation_child_view_share", "foster_home")]) == (1, 1)
    assert fraction(by_kind[("evaluation_child_view_share", "family_treatment")]) == (0, 1)


def test_placement_school_arranged_share(chief, care):
    # N1 ✓ (schooling arranged), N4 not recorded: 1 / 2.
    assert fraction(value(chief, "placement_school_arranged_share")) == (1, 2)


def test_placement_visit_child_alone_share(chief, care):
    # N1's two visits in 2026, one with a private conversation with the child: 1 / 2.
    assert fraction(value(chief, "placement_visit_child_alone_share")) == (1, 2)


def test_plan_child_participated_share(cast, chief, care):
    """Signed plans drawn up in 2026 that say whether the child took part: N1's care plan (yes)
    and implementation plan (no), N4's care plan (yes); N4's unsigned draft, N5's plan drawn
    up in 2027 and N2's plan signed before the question was asked do not count: 2 / 3."""
    from skyddsnat import clock
    from skyddsnat.interventions.models import Intervention
    from skyddsnat.plans.models import Plan

    n1, n2, n4, n5 = (
        Intervention.objects.get(kind=kind)
        for kind in (
            "foster_home",
            "residential_care_home",
            "emergency_foster_home",
            "family_treatment",
        )
    )

    def plan(intervention, kind: str, drawn_up: str, participated: bool | None, sign=True):
        day = D(drawn_up)
        Plan.objects.create(
            case=intervention.case,
            intervention=intervention,
            kind=kind,
            number=1,
            drawn_up_on=day,
            bbic_version="2018",
            review_on=day.replace(year=day.year + 1),
            written_by=cast.alice,
            updated_at=clock.now(),
            child_participated=participated,
            signed_at=clock.now() if sign else None,
            signed_by=cast.alice if sign else None,
        )

    plan(n1, "care_plan", "2026-01-10", True)
    plan(n1, "implementation_plan", "2026-01-20", False)
    plan(n4, "care_plan", "2026-05-10", True)
    plan(n4, "implementation_plan", "2026-05-20", False, sign=False)
    plan(n5, "care_plan", "2027-01-10", False)
    plan(n2, "care_plan", "2026-01-05", None)
    assert fraction(value(chief, "plan_child_participated_share")) == (2, 3)
    assert fraction(value(chief, "plan_child_participated_share", period="2027")) == (0, 1)
