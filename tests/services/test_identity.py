"""Identity numbers and finding or registering a child in its municipality."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from skyddsnat.people.identity import parse_identity_number, synthetic_identity_number
from skyddsnat.people.models import Child
from skyddsnat.people.services import ChildInput, find_or_create_child
from tests.cast import pin_for

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.mark.parametrize(
    "written",
    [
        ANNA,
        f"{ANNA[:8]}-{ANNA[8:]}",
        ANNA[2:],
        f"{ANNA[2:8]}-{ANNA[8:]}",
        f" {ANNA[:8]} {ANNA[8:]} ",
    ],
)
def test_it_reads_a_number_written_in_any_usual_way(written):
    number = parse_identity_number(written)
    assert number.digits == ANNA
    assert number.birth_date == date(2015, 5, 17)
    assert number.formatted() == f"{ANNA[:8]}-{ANNA[8:]}"
    assert not number.coordination


def test_it_reads_the_legal_sex_from_the_second_last_digit():
    assert parse_identity_number(pin_for(date(2016, 1, 1), "boy")).legal_sex == "boy"
    assert parse_identity_number(pin_for(date(2016, 1, 1), "girl")).legal_sex == "girl"


def test_it_reads_a_coordination_number_with_its_birth_date():
    stem = "201505" + "77" + "988"  # day 17 + 60
    number = next(
        parse_identity_number(stem + str(check)) for check in range(10) if _valid(stem + str(check))
    )
    assert number.coordination
    assert number.birth_date == date(2015, 5, 17)


def _valid(value: str) -> bool:
    try:
        parse_identity_number(value)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ("", "required", "Ange ett personnummer"),
        ("hej", "format", "är inte ett personnummer"),
        ("2015-05-17", "format", "ÅÅÅÅMMDD-NNNN"),
        (ANNA[:-1] + str((int(ANNA[-1]) + 1) % 10), "invalid", "kontrollsiffran"),
        ("20150231-9880", "invalid", "datumet"),
    ],
)
def test_it_explains_what_is_wrong_in_swedish(value, code, words):
    with pytest.raises(ValidationError) as exc:
        parse_identity_number(value)
    assert exc.value.code == code
    assert words in exc.value.messages[0]


def test_it_makes_synthetic_numbers_that_validate():
    rng = random.Random(7)
    for day in (date(2010, 1, 1), date(2024, 2, 29), date(2008, 12, 31)):
        for sex in ("boy", "girl"):
            number = parse_identity_number(synthetic_identity_number(day, sex, rng))
            assert (number.birth_date, number.legal_sex) == (day, sex)
            assert number.digits[8] == "9"  # serial 98x/99x: reserved for tests


def test_it_registers_a_child_once_per_municipality(cast):
    first = find_or_create_child(
        cast.norrby, ChildInput(personal_identity_number=ANNA, first_name="Anna")
    )
    again = find_or_create_child(cast.norrby, ChildInput(personal_identity_number=ANNA[2:]))
    elsewhere = find_or_create_child(cast.soderby, ChildInput(personal_identity_number=ANNA))
    assert again == first
    assert elsewhere != first
    assert (first.first_name, first.birth_date, first.sex) == ("Anna", date(2015, 5, 17), "girl")
    assert Child.objects.filter(personal_identity_number=ANNA).count() == 2


def test_it_numbers_children_without_identity_number_per_municipality(cast):
    norrby = find_or_create_child(
        cast.norrby, ChildInput.from_name("Okänd", birth_date=date(2016, 1, 1))
    )
    soderby = find_or_create_child(
        cast.soderby, ChildInput.from_name("Okänd", birth_date=date(2016, 1, 1))
    )
    assert norrby.reserve_id.startswith("R9901-")
    assert soderby.reserve_id.startswith("R9902-")
    assert norrby.sex == "other_unknown"
    assert norrby.last_name == ""
