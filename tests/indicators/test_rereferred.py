"""Children re-referred within a year of an investigation closed without intervention (KKiK),
ages 0–12 and 13–20 on the closing day: a small dataset worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.cast import local, pin_for
from tests.indicators.helpers import fraction, value
from tests.services.flow import case_about, investigated_case

D = date.fromisoformat


@pytest.fixture
def closed(cast, frozen_today):
    """Five children's investigations, the figures looked at on 2027-03-01.

    A  born 2016, closed 2026-01-10 without intervention, reported again 2026-06-01: re-referred
    B  born 2015, closed 2026-02-01 without intervention, reported again 2027-02-02: a year and
       a day later, not re-referred
    C  born 2017, closed 2026-06-01 with an intervention: not counted
    D  born 2010 (16), closed 2026-01-15 without intervention, reported again 2026-03-01
    E  born 2016, closed 2026-05-01 without intervention: its year runs until 2027-05-01, not
       counted yet
    """
    frozen_today(D("2027-03-01"))
    a = cast.alice

    def child(seed: int, born: str, closed_on: str, outcome="no_intervention", again=None):
        number = pin_for(D(born), "girl", seed=seed)
        closed_day = D(closed_on)
        investigated_case(a, number, closed_day - timedelta(days=60), closed_day, outcome)
        if again:
            day = D(again)
            case_about(a, local(day.year, day.month, day.day), number)

    child(1, "2016-04-04", "2026-01-10", again="2026-06-01")
    child(2, "2015-04-04", "2026-02-01", again="2027-02-02")
    child(3, "2017-04-04", "2026-06-01", outcome="intervention")
    child(4, "2010-04-04", "2026-01-15", again="2026-03-01")
    child(5, "2016-05-05", "2026-05-01")


def test_children_0_to_12_re_referred_within_a_year(chief, closed):
    assert fraction(value(chief, "rereferred_within_year_0_12_share")) == (1, 2)


def test_children_13_to_20_re_referred_within_a_year(chief, closed):
    assert fraction(value(chief, "rereferred_within_year_13_20_share")) == (1, 1)


def test_a_year_not_yet_passed_is_not_counted(chief, closed, frozen_today):
    frozen_today(D("2027-01-20"))  # A's and D's years have passed, B's not yet
    assert fraction(value(chief, "rereferred_within_year_0_12_share")) == (1, 1)
