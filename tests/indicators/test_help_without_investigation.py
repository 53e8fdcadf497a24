"""Help without investigation and referral elsewhere, counted apart (SoL 2025:400 11 kap. 5 §):
the preliminary assessments' outcomes and the help's own count of started interventions."""

from __future__ import annotations

from datetime import date

from tests.cast import local, pin_for
from tests.indicators.helpers import fraction, value
from tests.services.flow import case_about, decide, decide_preliminary

D = date


def test_the_indicators_count_them_apart(cast, chief, frozen_today):
    """Three reports: early help (then the help starts), referred, opened."""
    frozen_today(D(2026, 6, 1))
    a = cast.alice
    cases = [
        case_about(a, local(2026, 3, 2, 9), pin_for(D(2014, 2, n), "boy", seed=n))
        for n in (1, 2, 3)
    ]
    decide_preliminary(a, cases[0], D(2026, 3, 10), "early_help")
    decide(a, cases[0], D(2026, 3, 12), "help_without_assessment")
    decide_preliminary(a, cases[1], D(2026, 3, 10), "referred", transferred_to="BUP")
    decide_preliminary(a, cases[2], D(2026, 3, 10), "opened")
    assert fraction(value(chief, "prelim_early_help_share")) == (1, 3)
    assert fraction(value(chief, "prelim_referred_share")) == (1, 3)
    assert value(chief, "help_without_assessment_started").value == 1
    assert fraction(value(chief, "reports_investigated_share")) == (1, 3)
