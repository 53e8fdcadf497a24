"""A family in the synthetic population register, for the tests (``people.RegisterRecord``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from skyddsnat.people.models import RegisterRecord
from tests.cast import pin_for


@dataclass
class RegisterFamily:
    children: list[str]  # 12-digit numbers, oldest first
    mother: str
    father: str


def register_family(
    *, household: int = 1, last_name: str = "Lind", protected: bool = False, children: int = 2
) -> RegisterFamily:
    """Write a family of two parents (the father without custody) and ``children`` children."""
    address = "" if protected else f"Storgatan {household}, 123 45 Norrby"
    kids = []
    for i in range(children):
        born = date(2012 + i * 2, 3 + i, 10 + household % 10)
        pin = pin_for(born, "girl" if i % 2 == 0 else "boy", seed=household * 10 + i)
        kids.append(pin.replace("-", ""))
        RegisterRecord.objects.create(
            personal_identity_number=kids[-1],
            first_name=["Alva", "Elis", "Saga", "Noah"][i],
            last_name=last_name,
            birth_date=born,
            sex="girl" if i % 2 == 0 else "boy",
            address=address,
            protected_identity=protected,
            household=household,
            is_child=True,
        )
    parents = []
    for sex, first, custody in (("girl", "Karin", True), ("boy", "Johan", False)):
        born = date(1984, 5, 5 + household % 20)
        pin = pin_for(born, sex, seed=household * 10 + 7).replace("-", "")
        parents.append(pin)
        RegisterRecord.objects.create(
            personal_identity_number=pin,
            first_name=first,
            last_name=last_name,
            birth_date=born,
            sex=sex,
            address=address,
            protected_identity=protected,
            household=household,
            is_child=False,
            has_custody=custody,
        )
    return RegisterFamily(kids, *parents)
