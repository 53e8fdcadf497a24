"""The concern chronology of a child: every report in time order, and the pattern flags."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.cases.chronology import chronology, flags
from tests.cast import local, pin_for
from tests.services.flow import case_about, decide_preliminary, open_investigation

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.fixture
def today(frozen_today):
    frozen_today(date(2026, 3, 2))


def _reports(user, *received: tuple, number: str = ANNA):
    """Register one report per ``(datetime, reporter category)`` and return the cases."""
    return [case_about(user, at, number, category=category) for at, category in received]


def _flag_codes(child, as_of: date) -> set[str]:
    return {f.code for f in flags(chronology(child), as_of)}


def test_it_lists_every_report_about_the_child_in_time_order_with_its_outcome(cast, today):
    march, january, february = _reports(
        cast.ida,
        (local(2026, 2, 28), "police"),
        (local(2026, 1, 10), "school"),
        (local(2026, 2, 1), "relative"),
    )
    decide_preliminary(
        cast.ida, january, date(2026, 1, 20), "not_opened", reason="no_concern_confirmed"
    )
    open_investigation(cast.ida, february, date(2026, 2, 10))
    entries = chronology(march.child)
    assert [e.case_id for e in entries] == [january.pk, february.pk, march.pk]
    assert [e.outcome for e in entries] == ["not_opened", "opened", "pending"]
    assert [e.outcome_label for e in entries] == [
        "Utredning inleds inte",
        "Utredning inleds",
        "Ej beslutad",
    ]
    assert [e.reporter_category_label for e in entries] == ["Skola", "Anhörig", "Polis"]
    assert entries[0].reasons == ("neglect",)


def test_it_keeps_other_childrens_and_other_municipalities_reports_out(cast, today):
    anna = case_about(cast.ida, local(2026, 2, 1), ANNA)
    case_about(cast.ida, local(2026, 2, 2), pin_for(date(2017, 8, 3), "boy"))
    case_about(cast.sara, local(2026, 2, 3), ANNA)
    assert [e.case_id for e in chronology(anna.child)] == [anna.pk]


def test_it_flags_three_reports_within_twelve_months(cast, today):
    cases = _reports(
        cast.ida,
        (local(2025, 3, 3), "school"),
        (local(2025, 9, 1), "school"),
        (local(2026, 3, 1), "school"),
    )
    assert "three_reports_12_months" in _flag_codes(cases[0].child, date(2026, 3, 2))


def test_it_does_not_flag_three_reports_spread_over_thirteen_months(cast, today):
    cases = _reports(
        cast.ida,
        (local(2025, 2, 1), "school"),
        (local(2025, 8, 1), "school"),
        (local(2026, 3, 1), "school"),
    )
    assert "three_reports_12_months" not in _flag_codes(cases[0].child, date(2026, 3, 2))


def test_it_flags_reports_from_two_sources_within_six_months(cast, today):
    cases = _reports(cast.ida, (local(2025, 10, 1), "school"), (local(2026, 3, 1), "police"))
    codes = _flag_codes(cases[0].child, date(2026, 3, 2))
    assert codes == {"two_sources_6_months"}


def test_it_does_not_flag_one_source_reporting_twice(cast, today):
    cases = _reports(cast.ida, (local(2025, 10, 1), "school"), (local(2026, 3, 1), "school"))
    assert _flag_codes(cases[0].child, date(2026, 3, 2)) == set()


def test_it_does_not_flag_two_sources_more_than_six_months_apart(cast, today):
    cases = _reports(cast.ida, (local(2025, 8, 1), "school"), (local(2026, 3, 1), "police"))
    assert _flag_codes(cases[0].child, date(2026, 3, 2)) == set()


def test_it_explains_each_flag_in_swedish(cast, today):
    cases = _reports(
        cast.ida,
        (local(2026, 1, 1), "school"),
        (local(2026, 2, 1), "police"),
        (local(2026, 3, 1), "relative"),
    )
    texts = {f.code: f.text for f in flags(chronology(cases[0].child), date(2026, 3, 2))}
    assert texts == {
        "three_reports_12_months": "Tre eller fler anmälningar om barnet de senaste 12 månaderna.",
        "two_sources_6_months": "Anmälningar från två eller fler olika håll de senaste 6 månaderna.",
    }


def test_it_counts_only_reports_received_by_the_day_it_looks_from(cast, today):
    cases = _reports(
        cast.ida,
        (local(2025, 6, 1), "school"),
        (local(2025, 7, 1), "school"),
        (local(2026, 3, 1), "school"),
    )
    assert _flag_codes(cases[0].child, date(2026, 2, 28)) == set()
