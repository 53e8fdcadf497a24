"""Which obligations a case has on a given day, and how they are listed and explained."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import (
    CaseFacts,
    EmergencyCustodyFacts,
    InterventionFacts,
    evaluate,
)

D = date
STOCKHOLM = ZoneInfo("Europe/Stockholm")
RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=STOCKHOLM)


def kinds(facts: CaseFacts, as_of: date) -> list[str]:
    return [o.kind for o in evaluate(facts, as_of)]


def test_a_new_report_starts_a_protective_and_a_preliminary_assessment():
    facts = CaseFacts(report_received_at=RECEIVED)
    assert kinds(facts, D(2026, 3, 2)) == ["protective_assessment", "preliminary_assessment"]


def test_nothing_is_due_before_the_report_came_in():
    assert evaluate(CaseFacts(report_received_at=RECEIVED), D(2026, 3, 1)) == []


def test_no_preliminary_assessment_when_the_report_joins_a_running_investigation():
    facts = CaseFacts(report_received_at=RECEIVED, investigation_already_running=True)
    assert kinds(facts, D(2026, 3, 20)) == ["protective_assessment"]


def test_reporter_feedback_is_met_when_sent():
    facts = CaseFacts(
        report_received_at=RECEIVED,
        mandatory_reporter=True,
        reporter_feedback_requested_on=D(2026, 3, 2),
        preliminary_assessment_decided_on=D(2026, 3, 10),
        reporter_feedback_sent_on=D(2026, 3, 18),
    )
    feedback = next(o for o in evaluate(facts, D(2026, 3, 20)) if o.kind == "reporter_feedback")
    assert (feedback.due_date, feedback.status) == (D(2026, 3, 17), "met_late")


def test_each_emergency_custody_has_its_own_lvu_limits():
    facts = CaseFacts(
        report_received_at=RECEIVED,
        emergency_custodies=(
            EmergencyCustodyFacts(
                id="c1",
                decided_on=D(2026, 3, 2),
                carried_out_on=D(2026, 3, 2),
                court_submitted_on=D(2026, 3, 6),
            ),
            EmergencyCustodyFacts(id="c2", decided_on=D(2026, 3, 4)),  # not carried out
        ),
    )
    lvu = [
        (o.kind, o.subject_id, o.due_date, o.status.value)
        for o in evaluate(facts, D(2026, 3, 8))
        if o.kind.startswith("lvu")
    ]
    assert lvu == [
        ("lvu_court_submission", "c1", D(2026, 3, 9), "met"),
        ("lvu_court_submission", "c2", D(2026, 3, 11), "open"),
        ("lvu_care_application", "c1", D(2026, 3, 30), "open"),
    ]


def test_each_ended_intervention_is_evaluated():
    facts = CaseFacts(
        report_received_at=RECEIVED,
        interventions=(
            InterventionFacts(
                id="i1",
                kind="contact_person",
                started_on=D(2025, 1, 1),
                ended_on=D(2026, 1, 31),
                evaluated_on=D(2026, 4, 30),
            ),
            InterventionFacts(id="i2", kind="family_treatment", started_on=D(2025, 6, 1)),
            InterventionFacts(
                id="i3", kind="parenting_support", started_on=D(2025, 6, 1), ended_on=D(2026, 6, 1)
            ),
        ),
    )
    evaluations = [
        (o.subject_id, o.due_date, o.status.value)
        for o in evaluate(facts, D(2026, 5, 1))
        if o.kind == "evaluation"
    ]
    assert evaluations == [("i1", D(2026, 4, 30), "met")]


def test_obligations_are_sorted_by_due_date_then_kind():
    facts = CaseFacts(
        report_received_at=RECEIVED,
        emergency_custodies=(
            EmergencyCustodyFacts(id="c1", decided_on=D(2026, 3, 2), carried_out_on=D(2026, 3, 2)),
        ),
        interventions=(
            InterventionFacts(
                id="x", kind="contact_person", started_on=D(2025, 1, 1), ended_on=D(2025, 12, 16)
            ),
        ),
    )
    obligations = evaluate(facts, D(2026, 3, 2))
    assert [(o.due_date, o.kind) for o in obligations] == [
        (D(2026, 3, 2), "protective_assessment"),
        (D(2026, 3, 9), "lvu_court_submission"),
        (D(2026, 3, 16), "evaluation"),
        (D(2026, 3, 16), "preliminary_assessment"),
        (D(2026, 3, 30), "lvu_care_application"),
    ]


def test_every_obligation_explains_itself_in_swedish():
    facts = CaseFacts(report_received_at=RECEIVED)
    preliminary = evaluate(facts, D(2026, 3, 2))[1]
    assert preliminary.explanation == (
        "Beslut om att inleda utredning ska fattas inom 14 dagar från att anmälan kom in "
        "(2026-03-02). Sista dag: 2026-03-16."
    )
    assert preliminary.legal_reference == "SoL (2025:400) 20 kap. 2 §"
    assert preliminary.title == "Förhandsbedömning"
    assert str(preliminary) == "Förhandsbedömning: 2026-03-16 (14 dagar kvar)"


def test_a_due_date_on_a_holiday_names_the_later_legal_last_day():
    facts = CaseFacts(report_received_at=datetime(2026, 3, 20, 10, 0, tzinfo=STOCKHOLM))
    preliminary = evaluate(facts, D(2026, 3, 20))[1]
    assert preliminary.explanation.endswith(
        "Sista dag: 2026-04-03 (långfredagen; enligt lagen (1930:173) om beräkning av "
        "lagstadgad tid: 2026-04-07)."
    )


def test_the_law_switch_changes_the_reference_not_the_time():
    """Reports on each side of 2025-07-01 cite different acts, both with 14 days."""
    before = CaseFacts(report_received_at=datetime(2025, 6, 30, 12, 0, tzinfo=STOCKHOLM))
    after = CaseFacts(report_received_at=datetime(2025, 7, 1, 12, 0, tzinfo=STOCKHOLM))
    old = evaluate(before, D(2025, 7, 1))[1]
    new = evaluate(after, D(2025, 7, 1))[1]
    assert old.legal_reference == "SoL (2001:453) 11 kap. 1 a §"
    assert new.legal_reference == "SoL (2025:400) 20 kap. 2 §"
    assert (new.due_date - new.start_date) == (old.due_date - old.start_date)


def test_it_refuses_a_datetime_as_the_day_to_evaluate():
    with pytest.raises(TypeError):
        evaluate(CaseFacts(report_received_at=RECEIVED), datetime(2026, 3, 2, tzinfo=STOCKHOLM))
