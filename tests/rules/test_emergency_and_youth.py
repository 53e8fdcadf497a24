"""Jourhem, protected housing and youth offending (decision 0034), as tables: one row per edge.

- ``emergency_foster_home_stay``: 22 kap. 4 § andra stycket SoL (2025:400): a child may be cared
  for in an emergency foster home at most two months after the investigation closed; longer for
  special reasons (the committee's decision replaces the last day).
- ``protected_housing_review``: 22 kap. 13 § andra stycket SoL (2025:400): consideration at least
  every six months when a child has been granted protected housing.
- ``lul_statement``: 11 § LUL (1964:167): the statement to the prosecutor, by the prosecutor's day.
- ``youth_service_start``: 18 kap. 8 § första stycket SoL (2025:400): youth community service
  starts at the latest two months after the judgment became final.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import (
    RULES,
    CaseFacts,
    InterventionFacts,
    InvestigationFacts,
    LulStatementFacts,
    StayExtensionFacts,
    YouthServiceFacts,
    evaluate,
)

D = date
RECEIVED = datetime(2025, 8, 1, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
PLACED = D(2025, 8, 5)


def rows(facts: CaseFacts, as_of: date, kind: str) -> list[tuple[object, ...]]:
    """Return (sequence, start, due, met_at, status) of each obligation of ``kind``."""
    return [
        (o.sequence, o.start_date, o.due_date, o.met_at, o.status.value)
        for o in evaluate(facts, as_of)
        if o.kind == kind
    ]


def jourhem(
    *,
    closed: date | None,
    started: date = PLACED,
    ended: date | None = None,
    kind: str = "emergency_foster_home",
    extensions: tuple[StayExtensionFacts, ...] = (),
) -> CaseFacts:
    return CaseFacts(
        report_received_at=RECEIVED,
        investigation=InvestigationFacts(opened_on=D(2025, 8, 10), closed_on=closed),
        interventions=(
            InterventionFacts(
                id="j1", kind=kind, started_on=started, ended_on=ended, is_placement=True
            ),
        ),
        stay_extensions=extensions,
    )


EXTENDED = StayExtensionFacts("j1", D(2026, 1, 20), D(2026, 3, 31))

JOURHEM_ROWS = [
    # (why, facts, as_of, expected rows)
    (
        "22 kap. 4 § st. 2: investigation still running, no limit yet",
        jourhem(closed=None),
        D(2025, 12, 1),
        [],
    ),
    (
        "22 kap. 4 § st. 2: two months from the day the investigation closed",
        jourhem(closed=D(2025, 11, 30)),
        D(2025, 12, 1),
        [(1, D(2025, 11, 30), D(2026, 1, 30), None, "open")],
    ),
    (
        "22 kap. 4 § st. 2: a month-end start is clamped (30 Dec + 2 months = 28 Feb)",
        jourhem(closed=D(2025, 12, 30)),
        D(2026, 1, 1),
        [(1, D(2025, 12, 30), D(2026, 2, 28), None, "open")],
    ),
    (
        "22 kap. 4 § st. 2: the child leaves on the last day: in time",
        jourhem(closed=D(2025, 11, 30), ended=D(2026, 1, 30)),
        D(2026, 2, 1),
        [(1, D(2025, 11, 30), D(2026, 1, 30), D(2026, 1, 30), "met")],
    ),
    (
        "22 kap. 4 § st. 2: still in the jourhem the day after: overdue",
        jourhem(closed=D(2025, 11, 30)),
        D(2026, 1, 31),
        [(1, D(2025, 11, 30), D(2026, 1, 30), None, "overdue")],
    ),
    (
        "22 kap. 4 § st. 2: special reasons decided: the new last day applies from the decision",
        jourhem(closed=D(2025, 11, 30), extensions=(EXTENDED,)),
        D(2026, 2, 15),
        [(1, D(2025, 11, 30), D(2026, 3, 31), None, "open")],
    ),
    (
        "22 kap. 4 § st. 2: the extension decided later does not apply before its day",
        jourhem(closed=D(2025, 11, 30), extensions=(EXTENDED,)),
        D(2026, 1, 19),
        [(1, D(2025, 11, 30), D(2026, 1, 30), None, "due_soon")],
    ),
    (
        "22 kap. 4 § st. 2: the placement ended before the investigation closed: nothing owed",
        jourhem(closed=D(2025, 11, 30), ended=D(2025, 11, 1)),
        D(2026, 2, 1),
        [],
    ),
    (
        "22 kap. 4 § st. 2: a jourhem placement after the investigation still counts from its end",
        jourhem(closed=D(2025, 11, 30), started=D(2025, 12, 20)),
        D(2026, 1, 2),
        [(1, D(2025, 11, 30), D(2026, 1, 30), None, "open")],
    ),
    (
        "22 kap. 4 §: a foster home (22 kap. 2 §) is not a jourhem: no limit",
        jourhem(closed=D(2025, 11, 30), kind="foster_home"),
        D(2026, 3, 1),
        [],
    ),
    (
        "no version before SoL (2025:400): an investigation closed in June 2025 shows none",
        jourhem(closed=D(2025, 6, 30), started=D(2025, 5, 1)),
        D(2025, 9, 1),
        [],
    ),
]


@pytest.mark.parametrize(("why", "facts", "as_of", "expected"), JOURHEM_ROWS, ids=lambda r: "")
def test_the_jourhem_stay_ends_two_months_after_the_investigation(
    why: str, facts: CaseFacts, as_of: date, expected: list[tuple[object, ...]]
):
    """22 kap. 4 § andra stycket SoL (2025:400), one row per edge case (``why``)."""
    assert rows(facts, as_of, "emergency_foster_home_stay") == expected, why


def test_the_extension_is_the_committees_in_the_explanation():
    """22 kap. 4 § andra stycket: the longer stay is the committee's decision, not a court's."""
    facts = jourhem(closed=D(2025, 11, 30), extensions=(EXTENDED,))
    (obligation,) = [
        o for o in evaluate(facts, D(2026, 2, 1)) if o.kind == "emergency_foster_home_stay"
    ]
    assert "Nämnden beslutade 2026-01-20" in obligation.explanation
    assert "Rätten" not in obligation.explanation
    assert obligation.legal_reference == "22 kap. 4 § andra stycket SoL (2025:400)"


def housing(*, reviews: tuple[date, ...] = (), ended: date | None = None) -> CaseFacts:
    return CaseFacts(
        report_received_at=RECEIVED,
        interventions=(
            InterventionFacts(
                id="s1",
                kind="protected_housing",
                started_on=D(2025, 9, 1),
                ended_on=ended,
                is_placement=True,
                reviews=reviews,
            ),
        ),
    )


HOUSING_ROWS = [
    (
        "22 kap. 13 § st. 2: the first consideration six months from the start",
        housing(),
        D(2025, 10, 1),
        [(1, D(2025, 9, 1), D(2026, 3, 1), None, "open")],
    ),
    (
        "22 kap. 13 § st. 2: each consideration starts the next six months",
        housing(reviews=(D(2026, 2, 20),)),
        D(2026, 3, 1),
        [
            (1, D(2025, 9, 1), D(2026, 3, 1), D(2026, 2, 20), "met"),
            (2, D(2026, 2, 20), D(2026, 8, 20), None, "open"),
        ],
    ),
    (
        "22 kap. 13 § st. 2: no consideration by the day: overdue",
        housing(),
        D(2026, 3, 2),
        [(1, D(2025, 9, 1), D(2026, 3, 1), None, "overdue")],
    ),
    (
        "22 kap. 13 § st. 2: the stay ended before the day: nothing left to consider",
        housing(ended=D(2025, 12, 1)),
        D(2026, 4, 1),
        [],
    ),
]


@pytest.mark.parametrize(("why", "facts", "as_of", "expected"), HOUSING_ROWS, ids=lambda r: "")
def test_protected_housing_is_considered_every_six_months(
    why: str, facts: CaseFacts, as_of: date, expected: list[tuple[object, ...]]
):
    """22 kap. 13 § andra stycket SoL (2025:400), one row per edge case (``why``)."""
    assert rows(facts, as_of, "protected_housing_review") == expected, why


def test_protected_housing_has_no_ordinary_placement_review():
    """22 kap. 13 §: the second paragraph is protected housing's own; not reviewed twice."""
    assert rows(housing(), D(2026, 4, 1), "placement_review") == []
    assert rows(housing(), D(2026, 4, 1), "placement_visit")  # 22 kap. 11 § still applies


def lul(*, due: date, submitted: date | None = None) -> CaseFacts:
    return CaseFacts(
        report_received_at=RECEIVED,
        lul_statements=(LulStatementFacts("l1", D(2026, 2, 2), due, submitted),),
    )


LUL_ROWS = [
    (
        "11 § LUL: due on the prosecutor's day",
        lul(due=D(2026, 2, 23)),
        D(2026, 2, 10),
        [(1, D(2026, 2, 2), D(2026, 2, 23), None, "open")],
    ),
    (
        "11 § LUL: sent on the day: in time",
        lul(due=D(2026, 2, 23), submitted=D(2026, 2, 23)),
        D(2026, 3, 1),
        [(1, D(2026, 2, 2), D(2026, 2, 23), D(2026, 2, 23), "met")],
    ),
    (
        "11 § LUL: sent a day after the prosecutor's day: late",
        lul(due=D(2026, 2, 23), submitted=D(2026, 2, 24)),
        D(2026, 3, 1),
        [(1, D(2026, 2, 2), D(2026, 2, 23), D(2026, 2, 24), "met_late")],
    ),
    (
        "11 § LUL: not before the request came in",
        lul(due=D(2026, 2, 23)),
        D(2026, 2, 1),
        [],
    ),
]


@pytest.mark.parametrize(("why", "facts", "as_of", "expected"), LUL_ROWS, ids=lambda r: "")
def test_the_lul_statement_is_due_on_the_prosecutors_day(
    why: str, facts: CaseFacts, as_of: date, expected: list[tuple[object, ...]]
):
    """11 § LUL (1964:167), one row per edge case (``why``)."""
    assert rows(facts, as_of, "lul_statement") == expected, why


def test_the_lul_rule_says_who_sets_the_day():
    text = RULES["lul_statement/lul1995"].help_text()
    assert "senast den dag som åklagaren har bestämt" in text
    assert "inom 0" not in text


def service(
    *, final: date, started: date | None = None, reasons_on: date | None = None
) -> CaseFacts:
    reasons = "Den unge ligger på sjukhus." if reasons_on else ""
    return CaseFacts(
        report_received_at=RECEIVED,
        youth_services=(YouthServiceFacts("u1", final, started, reasons_on, reasons),),
    )


SERVICE_ROWS = [
    (
        "18 kap. 8 § st. 1: two months from the day the judgment became final",
        service(final=D(2026, 1, 14)),
        D(2026, 1, 20),
        [(1, D(2026, 1, 14), D(2026, 3, 14), None, "open")],
    ),
    (
        "18 kap. 8 § st. 1: started on the last day: in time",
        service(final=D(2026, 1, 14), started=D(2026, 3, 14)),
        D(2026, 4, 1),
        [(1, D(2026, 1, 14), D(2026, 3, 14), D(2026, 3, 14), "met")],
    ),
    (
        "18 kap. 8 § st. 1: a last day on a Saturday is not moved (the committee's own duty)",
        service(final=D(2026, 1, 14)),
        D(2026, 3, 16),
        [(1, D(2026, 1, 14), D(2026, 3, 14), None, "overdue")],
    ),
    (
        "18 kap. 8 § st. 1: special reasons recorded in time meet the duty (not overdue)",
        service(final=D(2026, 1, 14), reasons_on=D(2026, 3, 1)),
        D(2026, 4, 1),
        [(1, D(2026, 1, 14), D(2026, 3, 14), D(2026, 3, 1), "met")],
    ),
    (
        "18 kap. 8 § st. 1: special reasons recorded after the last day: met late",
        service(final=D(2026, 1, 14), reasons_on=D(2026, 3, 20)),
        D(2026, 4, 1),
        [(1, D(2026, 1, 14), D(2026, 3, 14), D(2026, 3, 20), "met_late")],
    ),
    (
        "18 kap. 8 § st. 1: reasons recorded after the look-up day are not yet known",
        service(final=D(2026, 1, 14), reasons_on=D(2026, 3, 20)),
        D(2026, 3, 16),
        [(1, D(2026, 1, 14), D(2026, 3, 14), None, "overdue")],
    ),
    (
        "18 kap. 8 § st. 1: started in time, reasons recorded later change nothing",
        service(final=D(2026, 1, 14), started=D(2026, 2, 1), reasons_on=D(2026, 2, 10)),
        D(2026, 4, 1),
        [(1, D(2026, 1, 14), D(2026, 3, 14), D(2026, 2, 1), "met")],
    ),
    (
        "18 kap. 8 §: a judgment final before 2025-07-01 has no rule here",
        service(final=D(2025, 6, 1)),
        D(2025, 9, 1),
        [],
    ),
]


@pytest.mark.parametrize(("why", "facts", "as_of", "expected"), SERVICE_ROWS, ids=lambda r: "")
def test_youth_service_starts_within_two_months(
    why: str, facts: CaseFacts, as_of: date, expected: list[tuple[object, ...]]
):
    """18 kap. 8 § första stycket SoL (2025:400), one row per edge case (``why``)."""
    assert rows(facts, as_of, "youth_service_start") == expected, why


def test_the_special_reasons_are_shown_in_the_explanation():
    """18 kap. 8 § första stycket SoL (2025:400): the duty met by special reasons says so."""
    facts = service(final=D(2026, 1, 14), reasons_on=D(2026, 3, 1))
    (obligation,) = [o for o in evaluate(facts, D(2026, 4, 1)) if o.kind == "youth_service_start"]
    assert obligation.met_by_exception
    assert obligation.days_text == "undantag registrerat"
    assert "särskilda skäl" in obligation.explanation
    assert "Den unge ligger på sjukhus." in obligation.explanation
