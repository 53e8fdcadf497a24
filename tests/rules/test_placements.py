"""Recurring follow-up of placed children: visits, reviews, custody-transfer considerations."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from skyddsnat.rules import CaseFacts, InterventionFacts, evaluate

D = date
RECEIVED = datetime(2025, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def placement(**fields: object) -> CaseFacts:
    values: dict[str, object] = {
        "id": "p1",
        "kind": "foster_home",
        "started_on": D(2026, 1, 15),
        "is_placement": True,
        "in_foster_home": True,
    }
    values.update(fields)
    return CaseFacts(
        report_received_at=RECEIVED,
        interventions=(InterventionFacts(**values),),  # type: ignore[arg-type]
    )


def rows(facts: CaseFacts, as_of: date, kind: str) -> list[tuple[object, ...]]:
    """Return (sequence, start, due, met_at, status) of each obligation of ``kind``."""
    return [
        (o.sequence, o.start_date, o.due_date, o.met_at, o.status.value)
        for o in evaluate(facts, as_of)
        if o.kind == kind
    ]


def test_each_visit_starts_the_next_one_even_when_it_came_late():
    """Visit 1 in time, visit 2 late: visit 3 is counted from the late visit."""
    facts = placement(visits=(D(2026, 4, 10), D(2026, 8, 1)))
    assert rows(facts, D(2026, 9, 1), "placement_visit") == [
        # seq start           due              met at           status
        (1, D(2026, 1, 15), D(2026, 4, 15), D(2026, 4, 10), "met"),
        (2, D(2026, 4, 10), D(2026, 7, 10), D(2026, 8, 1), "met_late"),
        (3, D(2026, 8, 1), D(2026, 11, 1), None, "open"),
    ]


def test_a_visit_on_the_due_date_is_in_time():
    facts = placement(visits=(D(2026, 4, 15),))
    assert rows(facts, D(2026, 4, 15), "placement_visit")[0][-1] == "met"


def test_visits_registered_for_later_days_do_not_count_yet():
    """Seen on 2026-04-20, the visit of 2026-05-01 has not happened: visit 1 is overdue."""
    facts = placement(visits=(D(2026, 5, 1),))
    assert rows(facts, D(2026, 4, 20), "placement_visit") == [
        (1, D(2026, 1, 15), D(2026, 4, 15), None, "overdue"),
    ]


def test_the_next_obligation_starts_only_when_the_visit_has_happened():
    """No obligation has a start date after as_of."""
    facts = placement(visits=(D(2026, 4, 10),))
    assert [r[0] for r in rows(facts, D(2026, 4, 9), "placement_visit")] == [1]
    assert [r[0] for r in rows(facts, D(2026, 4, 10), "placement_visit")] == [1, 2]


def test_visits_before_the_placement_started_and_duplicates_are_ignored():
    facts = placement(visits=(D(2026, 1, 1), D(2026, 3, 1), D(2026, 3, 1)))
    assert rows(facts, D(2026, 4, 1), "placement_visit") == [
        (1, D(2026, 1, 15), D(2026, 4, 15), D(2026, 3, 1), "met"),
        (2, D(2026, 3, 1), D(2026, 6, 1), None, "open"),
    ]


def test_no_follow_up_is_due_when_the_placement_ended_before_it_fell_due():
    """The child left before the first visit and review fell due: nothing to do but evaluate.

    The plans (9 kap. 12 § SoL 2025:400) fell due while the child was placed, so they stay.
    """
    facts = placement(ended_on=D(2026, 3, 1))
    kinds = {o.kind for o in evaluate(facts, D(2026, 5, 1))}
    assert kinds == {
        "protective_assessment",
        "preliminary_assessment",
        "evaluation",
        "care_plan",
        "implementation_plan",
    }


def test_a_missed_visit_stays_overdue_after_the_placement_ended():
    """A visit that fell due while the child was placed and never came is still a breach."""
    facts = placement(ended_on=D(2026, 5, 1))
    assert rows(facts, D(2026, 6, 1), "placement_visit") == [
        (1, D(2026, 1, 15), D(2026, 4, 15), None, "overdue"),
    ]
    assert rows(facts, D(2026, 6, 1), "placement_review") == []


def test_a_met_visit_is_kept_and_the_next_dropped_when_the_placement_ends():
    facts = placement(visits=(D(2026, 2, 10), D(2026, 3, 5)), ended_on=D(2026, 3, 1))
    assert rows(facts, D(2026, 6, 1), "placement_visit") == [
        (1, D(2026, 1, 15), D(2026, 4, 15), D(2026, 2, 10), "met"),
    ]


def test_a_placement_that_ends_after_as_of_is_still_running():
    """Seen before the end date, the placement's obligations are open as usual."""
    facts = placement(ended_on=D(2026, 5, 1))
    assert rows(facts, D(2026, 3, 1), "placement_review") == [
        (1, D(2026, 1, 15), D(2026, 7, 15), None, "open"),
    ]


def test_reviews_follow_the_same_chain_every_six_months():
    facts = placement(reviews=(D(2026, 7, 1), D(2027, 2, 1)))
    assert rows(facts, D(2027, 2, 1), "placement_review") == [
        (1, D(2026, 1, 15), D(2026, 7, 15), D(2026, 7, 1), "met"),
        (2, D(2026, 7, 1), D(2027, 1, 1), D(2027, 2, 1), "met_late"),
        (3, D(2027, 2, 1), D(2027, 8, 1), None, "open"),
    ]


def test_custody_transfer_is_considered_after_two_years_then_yearly():
    facts = placement(
        started_on=D(2023, 1, 10),
        custody_transfer_considerations=(D(2024, 12, 1),),
    )
    obligations = [
        o for o in evaluate(facts, D(2025, 12, 1)) if o.kind == "custody_transfer_consideration"
    ]
    assert [(o.sequence, o.start_date, o.due_date, o.status.value) for o in obligations] == [
        (1, D(2023, 1, 10), D(2025, 1, 10), "met"),
        (2, D(2024, 12, 1), D(2025, 12, 1), "due_soon"),
    ]
    assert [o.rule_id for o in obligations] == [
        "custody_transfer_consideration/sol2001-2y",
        "custody_transfer_consideration/sol2025",
    ]


def test_custody_transfer_takes_the_rule_in_force_on_the_due_date():
    """Started 2021-03-01 under the 3-year rule, due 2023-03-01 under the 2-year rule."""
    facts = placement(started_on=D(2021, 3, 1))
    obligation = next(
        o for o in evaluate(facts, D(2023, 1, 1)) if o.kind == "custody_transfer_consideration"
    )
    assert obligation.due_date == D(2023, 3, 1)
    assert "8 b §" in obligation.legal_reference
    assert "2 år" in obligation.explanation


def test_custody_transfer_due_when_the_two_year_rule_came_into_force():
    """Placed 2020-01-01: two years had passed on 2022-07-01, three had not."""
    facts = placement(started_on=D(2020, 1, 1))
    obligation = next(
        o for o in evaluate(facts, D(2022, 1, 1)) if o.kind == "custody_transfer_consideration"
    )
    assert obligation.due_date == D(2022, 7, 1)
    assert "trädde i kraft 2022-07-01" in obligation.explanation


def test_custody_transfer_is_only_for_foster_homes():
    facts = placement(kind="residential_care_home", in_foster_home=False, started_on=D(2022, 1, 1))
    kinds = {o.kind for o in evaluate(facts, D(2026, 1, 1))}
    assert "custody_transfer_consideration" not in kinds
    assert {"placement_visit", "placement_review"} <= kinds


def test_open_care_has_no_placement_follow_up():
    facts = placement(kind="contact_person", is_placement=False, in_foster_home=False)
    assert {o.kind for o in evaluate(facts, D(2026, 12, 1))} == {
        "protective_assessment",
        "preliminary_assessment",
    }


def test_each_placement_has_its_own_chain():
    facts = CaseFacts(
        report_received_at=RECEIVED,
        interventions=(
            InterventionFacts(
                id="a", kind="emergency_foster_home", started_on=D(2026, 1, 15), is_placement=True
            ),
            InterventionFacts(
                id="b", kind="residential_care_home", started_on=D(2026, 2, 1), is_placement=True
            ),
        ),
    )
    visits = [o for o in evaluate(facts, D(2026, 3, 1)) if o.kind == "placement_visit"]
    assert [(o.subject_id, o.due_date) for o in visits] == [
        ("a", D(2026, 4, 15)),
        ("b", D(2026, 5, 1)),
    ]
