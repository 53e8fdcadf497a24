"""Statuses exactly at their boundaries, and the words a screen shows for them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import (
    STATUS_DUE_SOON,
    STATUS_MET,
    STATUS_MET_LATE,
    STATUS_OPEN,
    STATUS_OVERDUE,
    CaseFacts,
    InvestigationFacts,
    Obligation,
    RuleSettings,
    Status,
    evaluate,
)

D = date
RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
# The preliminary assessment of a report received 2026-03-02 is due 2026-03-16 (due soon: 3 days).


def preliminary(as_of: date, decided_on: date | None = None, **settings: object) -> Obligation:
    facts = CaseFacts(report_received_at=RECEIVED, preliminary_assessment_decided_on=decided_on)
    obligations = evaluate(facts, as_of, RuleSettings(**settings))  # type: ignore[arg-type]
    return next(o for o in obligations if o.kind == "preliminary_assessment")


# fmt: off
STATUSES = [
    # as_of          decided on       status            days_left  days_late  text
    (D(2026, 3, 2),  None,            STATUS_OPEN,      14,        0,         "14 dagar kvar"),
    (D(2026, 3, 12), None,            STATUS_OPEN,      4,         0,         "4 dagar kvar"),
    (D(2026, 3, 13), None,            STATUS_DUE_SOON,  3,         0,         "3 dagar kvar"),
    (D(2026, 3, 15), None,            STATUS_DUE_SOON,  1,         0,         "1 dag kvar"),
    (D(2026, 3, 16), None,            STATUS_DUE_SOON,  0,         0,         "sista dag i dag"),
    (D(2026, 3, 17), None,            STATUS_OVERDUE,   -1,        1,         "1 dag sen"),
    (D(2026, 3, 21), None,            STATUS_OVERDUE,   -5,        5,         "5 dagar sen"),
    (D(2026, 3, 20), D(2026, 3, 2),   STATUS_MET,       -4,        0,         "klar i tid"),
    (D(2026, 3, 20), D(2026, 3, 16),  STATUS_MET,       -4,        0,         "klar i tid"),   # on the due date
    (D(2026, 3, 16), D(2026, 3, 16),  STATUS_MET,       0,         0,         "klar i tid"),
    (D(2026, 3, 20), D(2026, 3, 17),  STATUS_MET_LATE,  -4,        1,         "klar 1 dag sent"),
    (D(2026, 3, 20), D(2026, 3, 19),  STATUS_MET_LATE,  -4,        3,         "klar 3 dagar sent"),
    (D(2026, 3, 10), D(2026, 3, 9),   STATUS_MET,       6,         0,         "klar i tid"),
    # a decision registered for a later day does not meet the obligation yet
    (D(2026, 3, 19), D(2026, 3, 20),  STATUS_OVERDUE,   -3,        3,         "3 dagar sen"),
    (D(2026, 3, 14), D(2026, 3, 15),  STATUS_DUE_SOON,  2,         0,         "2 dagar kvar"),
]
# fmt: on


@pytest.mark.parametrize(
    ("as_of", "decided_on", "status", "days_left", "days_late", "text"), STATUSES
)
def test_it_gives_the_status_at_the_boundaries(
    as_of: date,
    decided_on: date | None,
    status: Status,
    days_left: int,
    days_late: int,
    text: str,
):
    """met ≤ due < met_late; overdue from the day after; due soon within the unit's days."""
    obligation = preliminary(as_of, decided_on)
    assert obligation.status == status
    assert (obligation.days_left, obligation.days_late, obligation.days_text) == (
        days_left,
        days_late,
        text,
    )
    assert obligation.met_at == (decided_on if decided_on and decided_on <= as_of else None)


def test_statuses_are_plain_strings():
    """Status values compare and serialise as the codes of docs/spec/process.md."""
    assert [s.value for s in Status] == ["open", "due_soon", "overdue", "met", "met_late"]
    assert Status.MET_LATE == "met_late"
    assert str(Status.DUE_SOON) == "due_soon"
    assert f"{Status.OVERDUE}" == "overdue"
    assert Status.OVERDUE.label_sv == "Försenad"


def test_it_lets_the_unit_widen_the_due_soon_window():
    """``RuleSettings.due_soon_days`` overrides a kind's default."""
    assert preliminary(D(2026, 3, 11)).status == STATUS_OPEN
    widened = preliminary(D(2026, 3, 11), due_soon_days={"preliminary_assessment": 5})
    assert widened.status == STATUS_DUE_SOON


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (D(2026, 6, 25), STATUS_OPEN),  # 15 days left
        (D(2026, 6, 26), STATUS_DUE_SOON),  # 14 days left
        (D(2026, 7, 10), STATUS_DUE_SOON),
        (D(2026, 7, 11), STATUS_OVERDUE),
    ],
)
def test_an_investigation_is_due_soon_two_weeks_ahead(as_of: date, status: Status):
    """The 4-month limit warns 14 days ahead (opened 2026-03-10, due 2026-07-10)."""
    facts = CaseFacts(
        report_received_at=RECEIVED, investigation=InvestigationFacts(opened_on=D(2026, 3, 10))
    )
    obligation = next(o for o in evaluate(facts, as_of) if o.kind == "investigation")
    assert obligation.status == status


def test_a_protective_assessment_is_due_soon_on_its_own_day():
    """The same-day limit is never merely open: on its day it is due soon, the next overdue."""
    facts = CaseFacts(report_received_at=RECEIVED)
    today = next(o for o in evaluate(facts, D(2026, 3, 2)) if o.kind == "protective_assessment")
    tomorrow = next(o for o in evaluate(facts, D(2026, 3, 3)) if o.kind == "protective_assessment")
    assert (today.status, tomorrow.status) == (STATUS_DUE_SOON, STATUS_OVERDUE)


def test_a_protective_assessment_is_met_on_the_local_date_it_was_made():
    """The time it was made is converted to the Swedish date before it is compared."""
    made = datetime(2026, 3, 2, 22, 30, tzinfo=ZoneInfo("UTC"))  # 23:30 in Stockholm
    facts = CaseFacts(report_received_at=RECEIVED, protective_assessment_made_at=made)
    obligation = next(
        o for o in evaluate(facts, D(2026, 3, 5)) if o.kind == "protective_assessment"
    )
    assert (obligation.met_at, obligation.status) == (D(2026, 3, 2), STATUS_MET)
