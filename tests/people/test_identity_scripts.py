"""One child, one record: an identity number typed in another script's digits is the same number.

A number typed with fullwidth digits (``２０１５…``, a Japanese or Chinese keyboard), Arabic-Indic
digits (``٢٠١٥…``) or any other decimal digits, with a dash that is not a hyphen-minus, is
stored as its 12 ASCII digits: the child keeps one record, and the earlier reports stay in the
concern chronology. Whatever is typed, either a refusal or 12 ASCII digits is what comes out.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import cache

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from skyddsnat.accounts.models import ApiToken
from skyddsnat.people.identity import parse_identity_number
from skyddsnat.people.models import Child, Guardian
from skyddsnat.people.services import register_guardian
from tests.api.conftest import Api
from tests.api.test_errors import report_body
from tests.cast import local, pin_for
from tests.services.flow import case_about
from tests.web.test_intake_pages import client_for, intake_data

FAST = settings(max_examples=200, deadline=None)
ANNA = pin_for(date(2015, 5, 17), "girl")

FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DASHES = ["", "-", "－", "‐", "‑", "–", "—", "−"]  # none, hyphen-minus, fullwidth, …, minus
SPACES = ["", " ", "\N{NO-BREAK SPACE}", "\N{IDEOGRAPHIC SPACE}", "\N{THIN SPACE}"]


def forms_of(digit: int) -> tuple[str, ...]:
    """Every character that is ``digit``: decimal digits of every script, and the characters
    that Unicode normalises (NFKC) to it (superscript, circled, mathematical …)."""
    return _digit_forms()[digit]


@cache
def _digit_forms() -> dict[int, tuple[str, ...]]:
    forms: dict[int, list[str]] = {d: [] for d in range(10)}
    for ch in map(chr, range(0x110000)):
        digit = unicodedata.decimal(ch, None)
        if digit is None and not unicodedata.category(ch).startswith("N"):
            continue
        written = unicodedata.normalize("NFKC", ch)
        if digit is None and len(written) == 1 and written.isascii() and written.isdigit():
            digit = int(written)
        if digit is not None:
            forms[digit].append(ch)
    return {d: tuple(chars) for d, chars in forms.items()}


def test_the_digit_forms_cover_several_scripts():
    assert {"٣", "３", "३", "໓", "𝟑", "³"} <= set(forms_of(3))


@st.composite
def written_numbers(draw) -> tuple[str, str]:
    """Draw a valid number and a way of typing it: any digit forms, any dash, stray spaces."""
    birth = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 12, 31)))
    number = pin_for(birth, draw(st.sampled_from(["girl", "boy"])), draw(st.integers(0, 99)))
    shown = number if draw(st.booleans()) else number[2:]  # with or without the century
    date_part, serial = shown[:-4], shown[-4:]
    digits = [draw(st.sampled_from(forms_of(int(d)))) for d in date_part + serial]
    typed = (
        draw(st.sampled_from(SPACES))
        + "".join(digits[: len(date_part)])
        + draw(st.sampled_from(DASHES))
        + "".join(digits[len(date_part) :])
        + draw(st.sampled_from(SPACES))
    )
    return number, typed


@FAST
@given(written_numbers())
def test_a_number_in_any_digits_is_read_as_its_ascii_digits(written):
    number, typed = written
    assert parse_identity_number(typed).digits == number


#: Anything at all, and numbers typed in any digits with a character changed, added or dropped.
ANYTHING = st.one_of(
    st.text(),
    st.builds(
        lambda typed, at, ch, how: {
            "change": typed[:at] + ch + typed[at + 1 :],
            "add": typed[:at] + ch + typed[at:],
            "drop": typed[:at] + typed[at + 1 :],
        }[how],
        written_numbers().map(lambda written: written[1]),
        st.integers(0, 16),
        st.characters(),
        st.sampled_from(["change", "add", "drop"]),
    ),
)


@FAST
@given(ANYTHING)
def test_whatever_is_typed_comes_out_as_twelve_ascii_digits_or_is_refused(typed):
    try:
        digits = parse_identity_number(typed).digits
    except ValidationError as exc:
        assert exc.messages[0]
    else:
        assert len(digits) == 12
        assert digits.isascii()
        assert digits.isdigit()


def test_digits_of_several_scripts_in_one_number_are_still_the_number():
    typed = ANNA[:4] + ANNA[4:8].translate(FULLWIDTH) + ANNA[8:].translate(ARABIC_INDIC)
    assert parse_identity_number(typed).digits == ANNA


@pytest.mark.parametrize("separators", ["--", "–-", "+-", "－－"])
def test_more_than_one_separator_is_refused(separators):
    with pytest.raises(ValidationError) as exc:
        parse_identity_number(f"{ANNA[:8]}{separators}{ANNA[8:]}")
    assert "ÅÅÅÅMMDD-NNNN" in exc.value.messages[0]


# --- every door: one record --------------------------------------------------------------------


@pytest.fixture
def today(frozen_today):
    frozen_today(date(2026, 3, 20))


def web_intake(user, number: str):
    return client_for(user).post("/mottagning/", intake_data(number))


def api_report(api, number: str):
    body = report_body(
        received_at="2026-03-20T09:15:00+01:00", children=[{"personal_identity_number": number}]
    )
    return api.post("/reports", body)


def test_the_same_child_typed_three_ways_has_one_record_and_one_chronology(cast, today):
    case_about(cast.ida, local(2026, 1, 10), ANNA)
    api = Api(ApiToken.issue(cast.ida))
    assert api_report(api, ANNA.translate(FULLWIDTH)).status_code == 201
    assert web_intake(cast.ida, ANNA.translate(ARABIC_INDIC)).status_code == 302
    typed_with_en_dash = f"{ANNA[:8]}–{ANNA[8:]}".translate(FULLWIDTH)
    assert api_report(api, typed_with_en_dash).status_code == 201

    child = Child.objects.get()
    assert child.personal_identity_number == ANNA
    chronology = api.get(f"/children/{child.pk}/chronology").json()
    assert len(chronology["entries"]) == 4


@pytest.mark.parametrize(
    "typed", [ANNA.translate(FULLWIDTH), f"{ANNA[2:8]}–{ANNA[8:]}".translate(ARABIC_INDIC)]
)
def test_search_finds_the_child_by_a_number_in_other_digits(cast, today, typed):
    case_about(cast.ida, local(2026, 3, 2), ANNA)
    html = client_for(cast.ida).post("/sok/", {"q": typed}, follow=True).content.decode()
    assert "1 barn hittades" in html
    assert f"{ANNA[:8]}-{ANNA[8:]}" in html


def test_the_intake_lookup_knows_the_child_typed_in_other_digits(cast, today):
    case_about(cast.ida, local(2026, 3, 2), ANNA)
    typed = ANNA.translate(ARABIC_INDIC)
    html = (
        client_for(cast.ida)
        .post("/mottagning/barn/", {"children-0-personal_identity_number": typed})
        .content.decode()
    )
    assert "Känt barn" in html
    assert "1 tidigare anmälan" in html


def test_a_guardian_typed_in_other_digits_is_the_same_guardian(cast, today):
    first = case_about(cast.ida, local(2026, 3, 2), ANNA).child
    second = case_about(cast.ida, local(2026, 3, 2), pin_for(date(2017, 9, 3), "boy", seed=2)).child
    mother = pin_for(date(1988, 4, 1), "girl", seed=5)
    register_guardian(acting_user=cast.ida, child=first, personal_identity_number=mother)
    register_guardian(
        acting_user=cast.ida, child=second, personal_identity_number=mother.translate(FULLWIDTH)
    )
    assert list(Guardian.objects.values_list("personal_identity_number", flat=True)) == [mother]
