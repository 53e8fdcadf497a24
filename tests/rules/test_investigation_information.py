"""The information that an investigation was opened, as a table of legal edge cases.

SoL (2025:400) 20 kap. 4 §: whoever the investigation concerns is to be told at once that it was
opened, unless special reasons speak against it. Skyddsnät reads "at once" as the same day, and
"whoever it concerns" as the guardians and the child (docs/legal-open-questions.md); a recorded
special reason meets it as the information does. Under SoL (2001:453) there is no rule yet.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import CaseFacts, InvestigationFacts, evaluate

D = date


def rows(opened: date, guardians: date | None, child: date | None, as_of: date):
    facts = CaseFacts(
        report_received_at=datetime(
            opened.year, opened.month, 1, 9, tzinfo=ZoneInfo("Europe/Stockholm")
        ),
        investigation=InvestigationFacts(
            opened_on=opened, guardians_informed_on=guardians, child_informed_on=child
        ),
    )
    return [
        (o.due_date, o.met_at, o.status.value)
        for o in evaluate(facts, as_of)
        if o.kind == "investigation_information"
    ]


# fmt: off
ROWS = [
    # opened          guardians        child            as_of            expected (due, met, status)
    # both told on the day it opened: in time
    (D(2026, 3, 2),   D(2026, 3, 2),   D(2026, 3, 2),   D(2026, 3, 5),   [(D(2026, 3, 2), D(2026, 3, 2), "met")]),
    # the child told a day later: late, met on the later day
    (D(2026, 3, 2),   D(2026, 3, 2),   D(2026, 3, 3),   D(2026, 3, 5),   [(D(2026, 3, 2), D(2026, 3, 3), "met_late")]),
    # only the guardians told: still owed, overdue after the day
    (D(2026, 3, 2),   D(2026, 3, 2),   None,            D(2026, 3, 3),   [(D(2026, 3, 2), None, "overdue")]),
    # nobody told yet on the opening day: due today (due soon)
    (D(2026, 3, 2),   None,            None,            D(2026, 3, 2),   [(D(2026, 3, 2), None, "due_soon")]),
    # the first day of SoL (2025:400)
    (D(2025, 7, 1),   None,            None,            D(2025, 7, 1),   [(D(2025, 7, 1), None, "due_soon")]),
    # opened under SoL (2001:453): no rule (not checked: docs/legal-open-questions.md)
    (D(2025, 6, 30),  None,            None,            D(2025, 7, 5),   []),
]
# fmt: on


@pytest.mark.parametrize(("opened", "guardians", "child", "as_of", "expected"), ROWS)
def test_those_concerned_are_told_at_once(opened, guardians, child, as_of, expected):
    """20 kap. 4 § SoL (2025:400)."""
    assert rows(opened, guardians, child, as_of) == expected
