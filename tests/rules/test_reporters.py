"""Who must report (*anmälningsskyldiga*), by the list in force on the day a report came in.

14 kap. 1 § SoL (2001:453) until 2025-06-30; 19 kap. 1 § SoL (2025:400) from 2025-07-01, widened
by SFS 2025:1501 from 2026-01-15 (among others Försäkringskassan, item 9; Migrationsverket, item
14; security guards, item 6). A report received before 2026-01-15 is judged by the old list.
"""

from datetime import date

import pytest

from skyddsnat.rules.reporters import is_mandatory_reporter, mandatory_reporters

D = date

# fmt: off
ROWS = [
    # category                  received          mandatory  list in force
    ("social_insurance_agency", D(2026, 1, 14),   False,     "sol2025"),
    ("social_insurance_agency", D(2026, 1, 15),   True,      "sol2025-2026"),
    ("migration_agency",        D(2026, 1, 14),   False,     "sol2025"),
    ("migration_agency",        D(2026, 1, 15),   True,      "sol2025-2026"),
    ("security_guard",          D(2026, 1, 14),   False,     "sol2025"),
    ("security_guard",          D(2026, 1, 15),   True,      "sol2025-2026"),
    ("school",                  D(2025, 6, 30),   True,      "sol2001"),
    ("school",                  D(2025, 7, 1),    True,      "sol2025"),
    ("police",                  D(2026, 1, 15),   True,      "sol2025-2026"),
    ("relative",                D(2026, 1, 15),   False,     "sol2025-2026"),
    ("other",                   D(2026, 1, 15),   False,     "sol2025-2026"),
]
# fmt: on


@pytest.mark.parametrize(("category", "received", "mandatory", "version"), ROWS)
def test_the_list_in_force_on_the_received_day_decides(
    category: str, received: date, mandatory: bool, version: str
):
    assert is_mandatory_reporter(category, received) is mandatory
    assert mandatory_reporters(received).id == version
