"""The custody-transfer consideration (*övervägande av vårdnadsöverflyttning*), as a table.

The version is the one in force on the day the consideration falls due (``version_by="due"``):

- from 2003-07-01 (SFS 2003:406 for LVU): once, three years after the placement began (6 kap. 8 §
  andra stycket SoL (2001:453), 13 § tredje stycket LVU);
- from 2021-03-01 (SFS 2020:1259 for LVU): three years, then yearly;
- from 2022-07-01 (SFS 2022:664 for LVU): two years, then yearly (6 kap. 8 b § SoL (2001:453),
  13 c § LVU: 13 b § is the consideration of a removal ban, *flyttningsförbud*);
- from 2025-07-01: 22 kap. 14 § SoL (2025:400) and 13 c § LVU.

When a rule's time had already run out on the day it came into force, the obligation is due on
that day (the engine's rule for transitions, ``engine.select_rule``).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import CaseFacts, InterventionFacts, evaluate

D = date
RECEIVED = datetime(1999, 1, 4, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
KIND = "custody_transfer_consideration"

# fmt: off
ROWS = [
    # why                                          placed            considered               seq  due               version           the reference names
    ("once, three years (2003 rule)",              D(2017, 6, 1),    (),                      1,   D(2020, 6, 1),    "sol2001-3y-once", "13 § tredje stycket LVU"),
    ("no yearly repeat before 2021-03-01: a year after 2019-06-01 is due when it came in",
                                                   D(2016, 6, 1),    (D(2019, 6, 1),),        2,   D(2021, 3, 1),    "sol2001-3y",      "SFS 2020:1259"),
    ("a year after 2020-06-01 falls under the 2021 rule: counted from the last one",
                                                   D(2017, 6, 1),    (D(2020, 6, 1),),        2,   D(2021, 6, 1),    "sol2001-3y",      "SFS 2020:1259"),
    ("three years had passed before the 2003 rule: due on its first day",
                                                   D(2000, 1, 1),    (),                      1,   D(2003, 7, 1),    "sol2001-3y-once", "SFS 2003:406"),
    ("yearly after a 2021-rule one, 2022 rule",    D(2019, 1, 1),    (D(2022, 1, 1),),        2,   D(2023, 1, 1),    "sol2001-2y",      "13 c § LVU"),
    ("two years (2022 rule): 13 c § LVU",          D(2021, 3, 1),    (),                      1,   D(2023, 3, 1),    "sol2001-2y",      "13 c § LVU"),
    ("two years under SoL 2025:400: 22 kap. 14 §", D(2024, 2, 29),   (),                      1,   D(2026, 2, 28),   "sol2025",         "22 kap. 14 § SoL (2025:400)"),
    ("yearly under SoL 2025:400",                  D(2024, 2, 29),   (D(2026, 2, 1),),        2,   D(2027, 2, 1),    "sol2025",         "22 kap. 14 § SoL (2025:400)"),
]
# fmt: on


@pytest.mark.parametrize(
    ("why", "placed", "considered", "sequence", "due", "version", "cites"),
    ROWS,
    ids=[r[0] for r in ROWS],
)
def test_each_version_of_the_custody_transfer_consideration(
    why: str,
    placed: date,
    considered: tuple[date, ...],
    sequence: int,
    due: date,
    version: str,
    cites: str,
):
    facts = CaseFacts(
        report_received_at=RECEIVED,
        interventions=(
            InterventionFacts(
                id="p1",
                kind="foster_home",
                started_on=placed,
                is_placement=True,
                in_foster_home=True,
                custody_transfer_considerations=considered,
            ),
        ),
    )
    as_of = considered[-1] if considered else placed
    (obligation,) = [o for o in evaluate(facts, as_of) if o.kind == KIND and o.sequence == sequence]
    assert (obligation.due_date, obligation.rule_id) == (due, f"{KIND}/{version}")
    assert cites in obligation.legal_reference
    assert "13 b §" not in obligation.legal_reference
