"""The percent as the Barnbarometer publication prints it: a table (no database)."""

from __future__ import annotations

import pytest

from skyddsnat.surveys.percent import percent_sv


@pytest.mark.parametrize(
    ("count", "answered", "printed"),
    [
        (54, 160, "33,8%"),  # 33.75 → 33.8 (a tie, 8 is even)
        (18, 160, "11,2%"),  # 11.25 → 11.2 (a tie, half to even: down)
        (2, 160, "1,2%"),  # 1.25 → 1.2
        (6, 160, "3,8%"),  # 3.75 → 3.8
        (1, 16, "6,2%"),  # 6.25 → 6.2
        (3, 16, "18,8%"),  # 18.75 → 18.8
        (56, 160, "35%"),  # 35.0: the ",0" is dropped
        (0, 160, "0%"),
        (160, 160, "100%"),
        (1, 3, "33,3%"),
        (2, 3, "66,7%"),
        (1, 8, "12,5%"),  # exactly one decimal: no rounding
        (1, 2000, "0%"),  # 0.05 → 0.0 (a tie, 0 is even)
        (3, 2000, "0,2%"),  # 0.15 → 0.2 (a tie, 2 is even)
        (1999, 2000, "100%"),  # 99.95 → 100.0 (a tie, 0 is even)
        (0, 0, "–"),  # nobody answered: no percentage
    ],
)
def test_it_prints_the_percent_as_the_publication(count, answered, printed):
    assert percent_sv(count, answered) == printed
