"""An application (*ansökan*) is not a report of concern, as a table.

SoL (2025:400) 20 kap. 1 § (the protective assessment, *genast*) and 20 kap. 2 § (the
preliminary assessment, 14 days) are duties when "en anmälan" concerns a child; before
2025-07-01 the same held under 11 kap. 1 a § SoL (2001:453). An application starts an
investigation directly (14 kap. 2 § SoL 2025:400: the committee shall open an investigation at
once), and the investigation's 4 months (20 kap. 3 §) run from its opening as for any other.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import CaseFacts, InvestigationFacts, evaluate

D = date
STOCKHOLM = ZoneInfo("Europe/Stockholm")
BOTH = ["protective_assessment", "preliminary_assessment"]

# fmt: off
ROWS = [
    # why                                            application  received         opened          kinds owed
    ("a report of concern: both assessments",        False,       D(2026, 3, 2),   None,           BOTH),
    ("an application: neither",                      True,        D(2026, 3, 2),   None,           []),
    ("an application under SoL (2001:453): neither", True,        D(2024, 5, 2),   None,           []),
    ("an application on the day SoL 2025:400 began", True,        D(2025, 7, 1),   None,           []),
    ("an application's investigation: its 4 months", True,        D(2026, 3, 2),   D(2026, 3, 2),  ["investigation_information", "investigation"]),
]
# fmt: on


@pytest.mark.parametrize(
    ("why", "application", "received", "opened", "owed"), ROWS, ids=[r[0] for r in ROWS]
)
def test_an_application_starts_neither_assessment(
    why: str, application: bool, received: date, opened: date | None, owed: list[str]
):
    facts = CaseFacts(
        report_received_at=datetime.combine(received, datetime.min.time(), STOCKHOLM).replace(
            hour=9
        ),
        report_is_application=application,
        investigation=InvestigationFacts(opened_on=opened) if opened else None,
    )
    assert [o.kind for o in evaluate(facts, D(2026, 6, 1))] == owed
