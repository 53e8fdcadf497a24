"""The investigation's 4 months, and the extensions that replace its due date."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import (
    CaseFacts,
    ExtensionFacts,
    InvestigationFacts,
    Obligation,
    evaluate,
    investigation_due_date,
)

D = date
X = ExtensionFacts
RECEIVED = datetime(2026, 1, 20, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
OPENED = D(2026, 1, 31)  # due 2026-05-31 without extensions


def investigation(
    as_of: date, *extensions: ExtensionFacts, closed_on: date | None = None
) -> Obligation:
    facts = CaseFacts(
        report_received_at=RECEIVED,
        investigation=InvestigationFacts(
            opened_on=OPENED, closed_on=closed_on, extensions=tuple(extensions)
        ),
    )
    return next(o for o in evaluate(facts, as_of) if o.kind == "investigation")


# fmt: off
EXTENSIONS = [
    # as_of          extensions (decided on → new due date)                              closed on        due
    (D(2026, 5, 25), [],                                                                  None,            D(2026, 5, 31)),
    (D(2026, 5, 25), [X(D(2026, 5, 20), D(2026, 7, 15))],                                 None,            D(2026, 7, 15)),
    (D(2026, 5, 20), [X(D(2026, 5, 20), D(2026, 7, 15))],                                 None,            D(2026, 7, 15)),  # applies the day it is decided
    (D(2026, 5, 19), [X(D(2026, 5, 20), D(2026, 7, 15))],                                 None,            D(2026, 5, 31)),  # not decided yet
    (D(2026, 8, 1),  [X(D(2026, 5, 20), D(2026, 7, 15)), X(D(2026, 7, 10), D(2026, 8, 31))], None,         D(2026, 8, 31)),  # latest decided wins
    (D(2026, 7, 9),  [X(D(2026, 5, 20), D(2026, 7, 15)), X(D(2026, 7, 10), D(2026, 8, 31))], None,         D(2026, 7, 15)),
    (D(2026, 8, 1),  [X(D(2026, 7, 10), D(2026, 8, 31)), X(D(2026, 5, 20), D(2026, 7, 15))], None,         D(2026, 8, 31)),  # registration order does not matter
    (D(2026, 8, 1),  [X(D(2026, 5, 20), D(2026, 7, 15)), X(D(2026, 5, 20), D(2026, 6, 30))], None,         D(2026, 6, 30)),  # same day: the last registered
    (D(2026, 8, 1),  [X(D(2026, 5, 20), D(2026, 7, 15))],                                 D(2026, 7, 1),   D(2026, 7, 15)),
    (D(2026, 8, 1),  [X(D(2026, 5, 20), D(2026, 7, 15))],                                 D(2026, 5, 10),  D(2026, 5, 31)),  # closed before it was decided
]
# fmt: on


@pytest.mark.parametrize(("as_of", "extensions", "closed_on", "due"), EXTENSIONS)
def test_an_extension_replaces_the_due_date(
    as_of: date, extensions: list[ExtensionFacts], closed_on: date | None, due: date
):
    """The extension decided last, on or before as_of and the closing, gives the due date."""
    assert investigation(as_of, *extensions, closed_on=closed_on).due_date == due
    effective = min(as_of, closed_on) if closed_on else as_of
    assert investigation_due_date(OPENED, extensions, effective) == due


def test_the_explanation_mentions_the_extension():
    """The caseworker sees why the due date is not opened + 4 months."""
    obligation = investigation(D(2026, 5, 25), X(D(2026, 5, 20), D(2026, 7, 15)))
    assert obligation.explanation == (
        "Utredningen ska vara klar inom 4 månader från att utredningen inleddes (2026-01-31). "
        "Förlängning beslutad 2026-05-20: ny sista dag 2026-07-15. Sista dag: 2026-07-15."
    )


def test_it_says_when_an_extension_came_too_late():
    """An extension must be decided before the due date passes; a late one is pointed out."""
    obligation = investigation(D(2026, 6, 10), X(D(2026, 6, 5), D(2026, 7, 15)))
    assert obligation.due_date == D(2026, 7, 15)
    assert "efter att den tidigare sista dagen (2026-05-31) hade passerat" in obligation.explanation


def test_a_second_extension_is_measured_against_the_first():
    """The earlier extension's date, not the original one, is what the next must beat."""
    obligation = investigation(
        D(2026, 7, 10), X(D(2026, 5, 20), D(2026, 7, 15)), X(D(2026, 7, 1), D(2026, 8, 31))
    )
    assert obligation.due_date == D(2026, 8, 31)
    assert "hade passerat" not in obligation.explanation


@pytest.mark.parametrize(
    ("closed_on", "as_of", "status"),
    [
        (D(2026, 7, 15), D(2026, 8, 1), "met"),
        (D(2026, 7, 16), D(2026, 8, 1), "met_late"),
        (None, D(2026, 7, 16), "overdue"),
    ],
)
def test_closing_is_measured_against_the_extended_date(
    closed_on: date | None, as_of: date, status: str
):
    """With an extension to 2026-07-15, closing that day is in time."""
    obligation = investigation(as_of, X(D(2026, 5, 20), D(2026, 7, 15)), closed_on=closed_on)
    assert obligation.status == status


def test_it_is_not_generated_before_it_was_opened():
    """An investigation opened after as_of does not exist yet."""
    facts = CaseFacts(
        report_received_at=RECEIVED, investigation=InvestigationFacts(opened_on=OPENED)
    )
    assert "investigation" not in {o.kind for o in evaluate(facts, D(2026, 1, 30))}
