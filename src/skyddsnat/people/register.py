"""The population register (*folkbokföringen*): who a child is, where the child lives, the
guardians and the siblings, from the identity number.

Skyddsnät asks through one interface, ``PopulationRegister``; which adapter answers is the
setting ``SKYDDSNAT_POPULATION_REGISTER`` (a dotted path to a class taking no arguments):

- ``skyddsnat.people.register.SyntheticRegister`` (the default outside production): the
  synthetic register written with the demo data (``RegisterRecord``, the same families), so
  that the demo and the tests work offline;
- ``skyddsnat.people.register.NoRegister`` (the default in production until the
  municipality's adapter is configured): knows nobody, so every child is typed in by hand;
- the municipality's own adapter to its population-register service (e.g. Skatteverket's
  *Navet* through the municipality's integration platform), written to this interface:
  see ``docs/population-register.md``.

An adapter answers ``lookup(number)`` with a ``RegisterAnswer`` or ``None``. A person with a
protected identity (*skyddade personuppgifter*) is answered with ``protected_identity=True``
and without an address; Skyddsnät then hides the contact details as it does for every
protected person (``accounts.policy.can_see_contact``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from skyddsnat.people.models import RegisterRecord


@dataclass(frozen=True)
class RegisteredPerson:
    """One person as the register knows them."""

    personal_identity_number: str  # 12 digits
    first_name: str
    last_name: str
    birth_date: date
    sex: str
    address: str = ""
    protected_identity: bool = False


@dataclass(frozen=True)
class RegisteredGuardian:
    """A parent or guardian of the child asked about, and whether they have custody."""

    person: RegisteredPerson
    kind: str = "parent"
    has_custody: bool = True


@dataclass(frozen=True)
class RegisterAnswer:
    """What the register says about one child: the child, the guardians, the siblings."""

    person: RegisteredPerson
    guardians: tuple[RegisteredGuardian, ...] = field(default=())
    siblings: tuple[RegisteredPerson, ...] = field(default=())


class PopulationRegister(Protocol):
    """The interface every register adapter implements."""

    def lookup(self, personal_identity_number: str) -> RegisterAnswer | None:
        """Return what the register knows about the person with the 12-digit number, or None."""
        ...


class NoRegister:
    """No register: nobody is found (a deployment without a register adapter)."""

    def lookup(self, personal_identity_number: str) -> RegisterAnswer | None:
        return None


def _person(row: RegisterRecord) -> RegisteredPerson:
    return RegisteredPerson(
        personal_identity_number=row.personal_identity_number,
        first_name=row.first_name,
        last_name=row.last_name,
        birth_date=row.birth_date,
        sex=row.sex,
        address="" if row.protected_identity else row.address,
        protected_identity=row.protected_identity,
    )


class SyntheticRegister:
    """The synthetic register of the demo families (``RegisterRecord``), in the database."""

    def lookup(self, personal_identity_number: str) -> RegisterAnswer | None:
        row = RegisterRecord.objects.filter(
            personal_identity_number=personal_identity_number
        ).first()
        if row is None:
            return None
        family = list(
            RegisterRecord.objects.filter(household=row.household)
            .exclude(pk=row.pk)
            .order_by("birth_date", "pk")
        )
        if not row.is_child:
            return RegisterAnswer(person=_person(row))
        return RegisterAnswer(
            person=_person(row),
            guardians=tuple(
                RegisteredGuardian(_person(r), kind=r.kind, has_custody=r.has_custody)
                for r in family
                if not r.is_child
            ),
            siblings=tuple(_person(r) for r in family if r.is_child),
        )


@cache
def _adapter(path: str) -> PopulationRegister:
    adapter: PopulationRegister = import_string(path)()
    return adapter


def population_register() -> PopulationRegister:
    """Return the configured adapter (``SKYDDSNAT_POPULATION_REGISTER``)."""
    return _adapter(settings.SKYDDSNAT_POPULATION_REGISTER)
