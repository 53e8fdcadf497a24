"""Care plans and implementation plans of placed children, as tables of legal edge cases.

SoL (2025:400) 9 kap. 12 § (the care plan, *vårdplan*, when a child is to be cared for outside
the home; the implementation plan, *genomförandeplan*, for children; what other principals are
responsible for) and 9 kap. 13 § (the first revision of a child's care plan at the latest when
the child has been placed for two years; the implementation plan reviewed when the care plan is
revised). Before 2025-07-01: SoL (2001:453) 11 kap. 3 § (the two-year revision from 2022-07-01,
SFS 2022:664). The periods the law leaves open are Skyddsnät's readings, listed in
docs/legal-open-questions.md.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import RULES, CaseFacts, InterventionFacts, PlanFacts, evaluate

D = date
RECEIVED = datetime(2025, 8, 1, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
STARTED, DECIDED = D(2025, 9, 1), D(2025, 8, 28)


def facts(
    plans: tuple[tuple[str, int, date], ...] = (),
    started: date = STARTED,
    decided: date | None = DECIDED,
    ended: date | None = None,
    kind: str = "foster_home",
) -> CaseFacts:
    placement = InterventionFacts(
        id="p1",
        kind=kind,
        started_on=started,
        decided_on=decided,
        ended_on=ended,
        is_placement=kind in {"foster_home", "residential_care_home"},
        in_foster_home=kind == "foster_home",
    )
    return CaseFacts(
        report_received_at=RECEIVED,
        interventions=(placement,),
        care_plans=tuple(PlanFacts("p1", k, n, d) for k, n, d in plans),
    )


def row(f: CaseFacts, as_of: date, kind: str) -> list[tuple[object, ...]]:
    return [
        (o.start_date, o.due_date, o.met_at, o.status.value, o.rule_id)
        for o in evaluate(f, as_of)
        if o.kind == kind
    ]


@pytest.mark.parametrize(
    ("plans", "as_of", "expected"),
    [
        # signed on the day the placement was decided: in time
        (
            (("care_plan", 1, D(2025, 8, 28)),),
            D(2025, 9, 10),
            [(D(2025, 8, 28), D(2025, 8, 28), D(2025, 8, 28), "met", "care_plan/sol2025")],
        ),
        # signed later: met late
        (
            (("care_plan", 1, D(2025, 9, 2)),),
            D(2025, 9, 10),
            [(D(2025, 8, 28), D(2025, 8, 28), D(2025, 9, 2), "met_late", "care_plan/sol2025")],
        ),
        # none: overdue the day after the decision
        (
            (),
            D(2025, 8, 29),
            [(D(2025, 8, 28), D(2025, 8, 28), None, "overdue", "care_plan/sol2025")],
        ),
        # an implementation plan does not meet the care plan
        (
            (("implementation_plan", 1, D(2025, 8, 28)),),
            D(2025, 8, 28),
            [(D(2025, 8, 28), D(2025, 8, 28), None, "due_soon", "care_plan/sol2025")],
        ),
        # a plan dated after as_of has not happened yet
        (
            (("care_plan", 1, D(2025, 9, 20)),),
            D(2025, 9, 10),
            [(D(2025, 8, 28), D(2025, 8, 28), None, "overdue", "care_plan/sol2025")],
        ),
    ],
)
def test_the_care_plan_is_due_when_the_placement_is_decided(plans, as_of, expected):
    """9 kap. 12 § första stycket SoL (2025:400): a care plan for the child cared for outside
    the home, from the day the placement is decided (Skyddsnät's reading of "ska upprätta")."""
    assert row(facts(plans), as_of, "care_plan") == expected


@pytest.mark.parametrize(
    ("decided", "rule_id"),
    [
        (D(2025, 6, 30), "care_plan/sol2001"),  # 11 kap. 3 § SoL (2001:453)
        (D(2025, 7, 1), "care_plan/sol2025"),  # 9 kap. 12 § SoL (2025:400)
        (D(2001, 12, 31), None),  # before SoL (2001:453): no rule
    ],
)
def test_the_care_plan_cites_the_law_in_force_on_the_decision(decided, rule_id):
    """11 kap. 3 § SoL (2001:453) until 2025-06-30; 9 kap. 12 § SoL (2025:400) from 2025-07-01."""
    found = [
        o.rule_id
        for o in evaluate(facts(decided=decided, started=decided), decided)
        if o.kind == "care_plan"
    ]
    assert found == ([rule_id] if rule_id else [])


def test_an_open_care_plan_is_not_owed_for_open_care():
    """9 kap. 12 §: only care in a foster home, supported housing, protected housing or HVB."""
    f = facts(kind="contact_person")
    assert row(f, D(2025, 10, 1), "care_plan") == []
    assert row(f, D(2025, 10, 1), "implementation_plan") == []


def test_without_a_decision_date_the_care_plan_counts_from_the_start():
    f = facts(decided=None)
    assert row(f, D(2025, 9, 1), "care_plan")[0][:2] == (D(2025, 9, 1), D(2025, 9, 1))


@pytest.mark.parametrize(
    ("plans", "as_of", "ended", "expected"),
    [
        # within a month of the start: met
        (
            (("implementation_plan", 1, D(2025, 9, 20)),),
            D(2025, 10, 1),
            None,
            [(D(2025, 9, 1), D(2025, 10, 1), D(2025, 9, 20), "met")],
        ),
        # on the due day: in time
        (
            (("implementation_plan", 1, D(2025, 10, 1)),),
            D(2025, 10, 1),
            None,
            [(D(2025, 9, 1), D(2025, 10, 1), D(2025, 10, 1), "met")],
        ),
        # missing after the month: overdue
        ((), D(2025, 10, 2), None, [(D(2025, 9, 1), D(2025, 10, 1), None, "overdue")]),
        # the placement ended before it was due: nothing left to plan
        ((), D(2025, 10, 2), D(2025, 9, 15), []),
    ],
)
def test_the_implementation_plan_follows_the_start_of_the_placement(plans, as_of, ended, expected):
    """9 kap. 12 § andra stycket SoL (2025:400): an implementation plan for children in care;
    one month from the start is Skyddsnät's reading (the law gives no period)."""
    got = row(facts(plans, ended=ended), as_of, "implementation_plan")
    assert [r[:4] for r in got] == expected


@pytest.mark.parametrize(
    ("started", "plans", "as_of", "expected"),
    [
        # revised within two years: met
        (
            D(2025, 9, 1),
            (("care_plan", 1, D(2025, 8, 28)), ("care_plan", 2, D(2027, 3, 1))),
            D(2027, 9, 2),
            [(D(2025, 9, 1), D(2027, 9, 1), D(2027, 3, 1), "met", "care_plan_revision/sol2025")],
        ),
        # only the first plan: overdue after two years
        (
            D(2025, 9, 1),
            (("care_plan", 1, D(2025, 8, 28)),),
            D(2027, 9, 2),
            [(D(2025, 9, 1), D(2027, 9, 1), None, "overdue", "care_plan_revision/sol2025")],
        ),
        # due on a day in the 2001:453 window (from 2022-07-01, SFS 2022:664)
        (
            D(2021, 3, 1),
            (),
            D(2023, 3, 2),
            [(D(2021, 3, 1), D(2023, 3, 1), None, "overdue", "care_plan_revision/sol2001")],
        ),
        # two years passed before 2022-07-01: due when the rule came into force (as the
        # engine does for every rule versioned by its due date)
        (
            D(2020, 3, 1),
            (),
            D(2022, 3, 2),
            [(D(2020, 3, 1), D(2022, 7, 1), None, "open", "care_plan_revision/sol2001")],
        ),
    ],
)
def test_the_care_plan_is_revised_within_two_years(started, plans, as_of, expected):
    """9 kap. 13 § andra stycket SoL (2025:400); 11 kap. 3 § SoL (2001:453) from 2022-07-01:
    the version in force on the due date applies (as for the custody-transfer consideration)."""
    assert row(facts(plans, started=started, decided=started), as_of, "care_plan_revision") == (
        expected
    )


def test_the_revision_is_dropped_when_the_placement_ends_first():
    """9 kap. 13 §: nothing to revise once the child has left the placement."""
    f = facts(started=D(2025, 9, 1), ended=D(2026, 5, 1))
    assert row(f, D(2027, 9, 2), "care_plan_revision") == []


@pytest.mark.parametrize(
    ("plans", "as_of", "expected"),
    [
        # the care plan revised while an implementation plan existed: review due in a month
        (
            (
                ("care_plan", 1, D(2025, 8, 28)),
                ("implementation_plan", 1, D(2025, 9, 10)),
                ("care_plan", 2, D(2026, 3, 2)),
            ),
            D(2026, 4, 3),
            [(D(2026, 3, 2), D(2026, 4, 2), None, "overdue")],
        ),
        # a new implementation plan after the revision meets it
        (
            (
                ("care_plan", 1, D(2025, 8, 28)),
                ("implementation_plan", 1, D(2025, 9, 10)),
                ("care_plan", 2, D(2026, 3, 2)),
                ("implementation_plan", 2, D(2026, 3, 20)),
            ),
            D(2026, 4, 3),
            [(D(2026, 3, 2), D(2026, 4, 2), D(2026, 3, 20), "met")],
        ),
        # no implementation plan before the revision: nothing to review (its own duty applies)
        (
            (("care_plan", 1, D(2025, 8, 28)), ("care_plan", 2, D(2025, 8, 30))),
            D(2025, 9, 5),
            [],
        ),
    ],
)
def test_the_implementation_plan_is_reviewed_when_the_care_plan_is_revised(plans, as_of, expected):
    """9 kap. 13 § första stycket SoL (2025:400): when a care plan is revised and there is an
    implementation plan, it is reviewed too (one month: Skyddsnät's reading)."""
    got = row(facts(plans), as_of, "implementation_plan_review")
    assert [r[:4] for r in got] == expected


def test_every_plan_rule_names_its_law_and_explains_itself():
    for kind in ("care_plan", "implementation_plan", "care_plan_revision"):
        for rule in RULES.for_kind(kind):
            assert "SoL" in rule.legal_reference
            assert rule.title_sv in rule.help_text()
