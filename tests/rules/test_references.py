"""Every obligation cites the provision in force on its own date, as a table.

SoL (2025:400) replaced SoL (2001:453) on 2025-07-01. A time limit that started before cites the
old act, one that started on or after cites the new act's chapter and section: 20 kap. 1 § (the
protective assessment), 20 kap. 2 § (the preliminary assessment), 20 kap. 3 § (the
investigation), 22 kap. 11–12 §§ (visits to placed children), 22 kap. 13 § (the six-monthly
review; 13 § LVU for care under LVU).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import RULES, CaseFacts, InterventionFacts, InvestigationFacts, evaluate

D = date
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def case(day: D) -> CaseFacts:
    """A report received on ``day``, the investigation opened and a placement started that day."""
    return CaseFacts(
        report_received_at=datetime(day.year, day.month, day.day, 9, tzinfo=STOCKHOLM),
        investigation=InvestigationFacts(opened_on=day),
        interventions=(
            InterventionFacts(
                id="p1",
                kind="residential_care_home",
                started_on=day,
                is_placement=True,
            ),
        ),
    )


# fmt: off
ROWS = [
    # kind                      started          cites
    ("protective_assessment",   D(2025, 6, 30),  "11 kap. 1 a § första stycket SoL (2001:453)"),
    ("protective_assessment",   D(2025, 7, 1),   "20 kap. 1 § SoL (2025:400)"),
    ("preliminary_assessment",  D(2025, 6, 30),  "SoL (2001:453) 11 kap. 1 a §"),
    ("preliminary_assessment",  D(2025, 7, 1),   "SoL (2025:400) 20 kap. 2 §"),
    ("investigation",           D(2024, 5, 2),   "11 kap. 2 § SoL (2001:453)"),
    ("investigation",           D(2025, 6, 30),  "11 kap. 2 § SoL (2001:453)"),
    ("investigation",           D(2025, 7, 1),   "20 kap. 3 § SoL (2025:400)"),
    ("placement_review",        D(2025, 6, 30),  "6 kap. 8 § första stycket SoL (2001:453); 13 § LVU (1990:52)"),
    ("placement_review",        D(2025, 7, 1),   "22 kap. 13 § SoL (2025:400); 13 § LVU (1990:52)"),
    ("placement_visit",         D(2025, 7, 1),   "22 kap. 11 § första stycket 1–2 och 12 § andra stycket SoL (2025:400); 13 a § LVU (1990:52)"),
]
# fmt: on


@pytest.mark.parametrize(("kind", "started", "cites"), ROWS)
def test_an_obligation_cites_the_law_in_force_when_it_started(kind: str, started: date, cites: str):
    (obligation,) = [o for o in evaluate(case(started), started) if o.kind == kind]
    assert obligation.legal_reference == cites


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.id)
def test_no_reference_points_at_the_old_act_for_the_new_one(rule):
    """A SoL (2025:400) version names its own chapter and section, never "motsvarande …"."""
    assert "motsvarande" not in rule.legal_reference
