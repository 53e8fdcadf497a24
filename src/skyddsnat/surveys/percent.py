"""Percentages as the Barnbarometer publication prints them (pure Python).

The percent of those who answered the question, one decimal, a decimal comma, a trailing ",0"
dropped, and ties rounded half to even: 54 of 160 is "33,8%", 56 of 160 "35%", 0 of 160 "0%",
18 of 160 (11.25) "11,2%". With nobody answering there is no percentage: "–".
"""

from __future__ import annotations

from fractions import Fraction

NO_PERCENT = "–"


def percent_sv(count: int, answered: int) -> str:
    """Return ``count`` of ``answered`` as the publication prints it ("33,8%")."""
    if answered <= 0:
        return NO_PERCENT
    # round() of a Fraction rounds ties to even, exactly (no binary floating point on the way).
    tenths = round(Fraction(count * 1000, answered))
    whole, decimal = divmod(tenths, 10)
    return f"{whole}%" if decimal == 0 else f"{whole},{decimal}%"
