"""Swedish personal identity and coordination numbers (*personnummer, samordningsnummer*).

Validation is the ``personnummer`` library's; this module only normalises to the 12-digit
form ``YYYYMMDDNNNN`` and turns the library's exceptions into Swedish messages.

One child, one record: a number is normalised before anything else looks at it
(``normalise_identity_number``), so that ``２０１５…`` (fullwidth) or ``٢٠١٥…`` (Arabic-Indic
digits), with an en dash for the dash, is the same number as ``2015…`` and is stored in ASCII.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from personnummer import personnummer as pnr


@dataclass(frozen=True)
class IdentityNumber:
    """A validated identity number in its 12-digit form."""

    digits: str
    birth_date: date
    coordination: bool
    legal_sex: str  # "boy" or "girl", as the second-to-last digit says

    def formatted(self) -> str:
        """Return the number as ``YYYYMMDD-NNNN``."""
        return f"{self.digits[:8]}-{self.digits[8:]}"


#: What a written number may be once normalised: ``[CC]YYMMDD[-+]NNNN`` in ASCII.
_WRITTEN = re.compile(r"(?:[0-9]{2})?[0-9]{6}[-+]?[0-9]{4}")
#: Written for the dash: a hyphen, en or em dash, or a minus sign.
_DASHES = {"\N{MINUS SIGN}"}
#: How much of what was typed a message repeats.
_SHOWN = 20


def normalise_identity_number(value: str) -> str:
    """Return ``value`` as the ASCII a number is written in: Unicode NFKC, then every decimal
    digit of any script as its ASCII digit, any dash as ``-``, and no white space.

    What is left is not checked here: anything else stays as it was, for
    ``parse_identity_number`` to refuse.
    """
    written = []
    for ch in unicodedata.normalize("NFKC", value or ""):
        if ch.isspace():
            continue
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            written.append(str(digit))
        elif unicodedata.category(ch) == "Pd" or ch in _DASHES:
            written.append("-")
        else:
            written.append(ch)
    return "".join(written)


def _not_a_number(shown: str) -> ValidationError:
    return ValidationError(
        _("%(value)s är inte ett personnummer. Skriv det som ÅÅÅÅMMDD-NNNN."),
        code="format",
        params={"value": shown},
    )


def parse_identity_number(value: str) -> IdentityNumber:
    """Validate ``value`` and return it normalised, or raise a Swedish ``ValidationError``.

    The number may be written with or without century and dash, in any script's digits
    (``normalise_identity_number``); it is returned as 12 ASCII digits.
    """
    cleaned = normalise_identity_number(value)
    if not cleaned:
        raise ValidationError(_("Ange ett personnummer eller samordningsnummer."), code="required")
    shown = cleaned if len(cleaned) <= _SHOWN else f"{cleaned[:_SHOWN]}…"
    if not _WRITTEN.fullmatch(cleaned):
        raise _not_a_number(shown)
    try:
        number = pnr.parse(cleaned)
    except pnr.PersonnummerParseException:
        raise _not_a_number(shown) from None
    except pnr.PersonnummerInvalidException:
        raise ValidationError(
            _(
                "%(value)s är inte ett giltigt personnummer: kontrollsiffran eller datumet "
                "stämmer inte. Kontrollera numret."
            ),
            code="invalid",
            params={"value": shown},
        ) from None
    digits = number.format(long_format=True)
    return IdentityNumber(
        digits=digits,
        birth_date=number.get_date(),
        coordination=number.is_coordination_number(),
        legal_sex="boy" if number.is_male() else "girl",
    )


def synthetic_identity_number(birth_date: date, sex: str, rng: random.Random) -> str:
    """Return a valid 12-digit test number for ``birth_date`` (serial 98x/99x, synthetic).

    The check digit is found by asking the library which digit validates, so the checksum is
    never written by hand here.
    """
    first_two = rng.choice(["98", "99"])
    sex_digit = rng.choice([1, 3, 5, 7, 9] if sex == "boy" else [0, 2, 4, 6, 8])
    stem = f"{birth_date:%Y%m%d}{first_two}{sex_digit}"
    for check in range(10):
        if pnr.valid(stem + str(check)):
            return stem + str(check)
    raise AssertionError("no check digit validates")  # pragma: no cover
