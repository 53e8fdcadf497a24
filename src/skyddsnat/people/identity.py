"""Swedish personal identity and coordination numbers (*personnummer, samordningsnummer*).

Validation is the ``personnummer`` library's; this module only normalises to the 12-digit
form ``YYYYMMDDNNNN`` and turns the library's exceptions into Swedish messages.
"""

from __future__ import annotations

import random
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


def parse_identity_number(value: str) -> IdentityNumber:
    """Validate ``value`` and return it normalised, or raise a Swedish ``ValidationError``."""
    cleaned = (value or "").strip().replace(" ", "")
    if not cleaned:
        raise ValidationError(_("Ange ett personnummer eller samordningsnummer."), code="required")
    try:
        number = pnr.parse(cleaned)
    except pnr.PersonnummerParseException:
        raise ValidationError(
            _("%(value)s är inte ett personnummer. Skriv det som ÅÅÅÅMMDD-NNNN."),
            code="format",
            params={"value": cleaned},
        ) from None
    except pnr.PersonnummerInvalidException:
        raise ValidationError(
            _(
                "%(value)s är inte ett giltigt personnummer: kontrollsiffran eller datumet "
                "stämmer inte. Kontrollera numret."
            ),
            code="invalid",
            params={"value": cleaned},
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
