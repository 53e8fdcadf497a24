"""The Barnbarometer from data: each question's proposal worked out by hand from given figures."""

from __future__ import annotations

import pytest

from skyddsnat.indicators import barnbarometer as bb
from skyddsnat.indicators.barnbarometer import Figure, answers, frequency
from skyddsnat.indicators.definitions import INDICATORS


def _by_number(figures) -> dict[int, bb.Answer]:
    return {a.number: a for a in answers(figures)}


@pytest.mark.parametrize(
    ("numerator", "denominator", "option"),
    [
        (41, 41, "Alltid"),
        (38, 41, "I de flesta fall"),
        (5, 10, "I de flesta fall"),  # exactly 50 %
        (4, 9, "Sällan"),  # 44 %
        (1, 100, "Sällan"),
        (0, 12, "Aldrig"),
        (0, 0, "Vet ej"),  # nothing registered
    ],
)
def test_a_share_maps_to_the_frequency_scale(numerator, denominator, option):
    assert frequency(Figure(numerator, denominator)) == option


def test_a_masked_or_missing_share_is_vet_ej():
    assert frequency(Figure(masked=True)) == "Vet ej"
    assert frequency(None) == "Vet ej"


def test_the_child_heard_question_shows_the_figure_behind_it():
    answer = _by_number({("prelim_child_heard_share", None): Figure(38, 41)})[2]
    assert answer.proposed == ("I de flesta fall",)
    assert answer.summary == "38 av 41 förhandsbedömningar: barnet kom till tals → I de flesta fall"


def test_every_question_with_a_data_source_is_answered_and_vet_ej_without_data():
    result = answers({})
    assert [a.number for a in result] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    for a in result:
        if a.number == 9:
            assert a.proposed == ()
        else:
            assert a.proposed == ("Vet ej",), a.number
    assert result[0].basis == "Inga förhandsbedömningar registrerade under året"


def test_the_indicators_it_reads_exist():
    for indicator_id in bb.INDICATOR_IDS:
        assert indicator_id in INDICATORS


def test_triggers_always_followed_up_is_either_else_no():
    figures = {
        ("adult_trigger_covered_share", "lvm"): Figure(6, 6),
        ("adult_trigger_covered_share", "lpt"): Figure(5, 7),
        ("adult_trigger_covered_share", "violence"): Figure(masked=True),
    }
    result = _by_number(figures)
    assert result[3].proposed == ("Ja, alltid antingen barnutredning eller förhandsbedömning",)
    assert result[3].basis.startswith("6 av 6 barn till vårdnadshavare som vårdas enligt LVM")
    assert result[4].proposed == ("Nej",)
    assert result[5].proposed == ("Vet ej",)


def test_follow_up_contacts_add_both_kinds():
    # 3 of 4 not-opened assessments and 2 of 6 investigations without intervention: 5 of 10.
    figures = {
        ("followup_after_not_opened_share", None): Figure(3, 4),
        ("no_intervention_followup_share", None): Figure(2, 6),
    }
    answer = _by_number(figures)[6]
    assert answer.basis.startswith("5 av 10 ")
    assert answer.proposed == ("I de flesta fall",)


@pytest.mark.parametrize(
    ("left", "employed", "band"),
    [
        (1, 10, "0-10 procent"),  # 10 %
        (1.05, 10, "11-20 procent"),  # 10,5 % is 11 % in whole percent, rounded half up
        (2, 10, "11-20 procent"),
        (3, 10, "21-30 procent"),
        (31, 100, "31 procent eller mer"),
        (0, 8, "0-10 procent"),
    ],
)
def test_staff_turnover_bands(left, employed, band):
    assert bb.turnover_option(Figure(left, employed)) == band


@pytest.mark.parametrize(
    ("figure", "band"),
    [
        (Figure(0), bb.LATE_NONE),
        (Figure(masked=True), "1-5 gånger"),  # a masked count is 1–4
        (Figure(5), "1-5 gånger"),
        (Figure(6), "6-10 gånger"),
        (Figure(10), "6-10 gånger"),
        (Figure(11), "11 gånger eller fler"),
    ],
)
def test_late_investigations_bands(figure, band):
    assert bb.late_option(figure) == band


def test_delay_reasons_propose_every_reason_given():
    figures = {
        ("investigation_delay_reasons", "high_workload"): Figure(7, 9),
        ("investigation_delay_reasons", "waiting_for_others"): Figure(0, 9),
        ("investigation_delay_reasons", "more_urgent_cases"): Figure(masked=True),
    }
    answer = _by_number(figures)[9]
    assert answer.many
    assert answer.proposed == ("Hög arbetsbelastning", "Mer akuta ärenden får företräde")
    assert "Hög arbetsbelastning: 7 av 9 försenade utredningar" in answer.basis
