"""The test cast, used across service, API and web tests.

Two municipalities. In Norrby: an intake unit and an investigation unit; ``ida`` works intake,
``alice`` is a caseworker in the investigation unit, ``bob`` a caseworker in the same unit,
``carl`` a caseworker in the intake unit only, ``maja`` the investigation unit's manager,
``nils`` sits on the committee, ``ana`` is an analyst, ``adam`` the administrator. In Söderby:
``sara``, a caseworker, who must never see anything of Norrby's.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

from skyddsnat.accounts.models import Municipality, Role, Unit, User
from skyddsnat.people.identity import synthetic_identity_number

STHLM = ZoneInfo("Europe/Stockholm")


def local(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    """Return an aware datetime in Swedish local time."""
    return datetime(y, m, d, hh, mm, tzinfo=STHLM)


def pin_for(birth: date, sex: str = "girl", seed: int = 1) -> str:
    """Return a valid synthetic identity number for ``birth``."""
    return synthetic_identity_number(birth, sex, random.Random(seed))


class Cast:
    def __init__(self) -> None:
        self.norrby = Municipality.objects.create(
            code="9901", name="Norrby", municipality_group="B3"
        )
        self.soderby = Municipality.objects.create(code="9902", name="Söderby")
        self.intake_unit = Unit.objects.create(
            municipality=self.norrby, name="Mottagningen", kind="intake"
        )
        self.inv_unit = Unit.objects.create(
            municipality=self.norrby, name="Utredning barn", kind="investigation"
        )
        self.soderby_unit = Unit.objects.create(
            municipality=self.soderby, name="Barn och unga", kind="intake"
        )
        self.ida = self.user("ida", Role.INTAKE, self.intake_unit)
        self.alice = self.user("alice", Role.CASEWORKER, self.inv_unit)
        self.bob = self.user("bob", Role.CASEWORKER, self.inv_unit)
        self.carl = self.user("carl", Role.CASEWORKER, self.intake_unit)
        self.maja = self.user("maja", Role.MANAGER, self.inv_unit)
        self.nils = self.user("nils", Role.COMMITTEE, None)
        self.ana = self.user("ana", Role.ANALYST, None)
        self.adam = self.user("adam", Role.ADMIN, None)
        self.sara = self.user("sara", Role.CASEWORKER, self.soderby_unit, self.soderby)

    def user(
        self, username: str, role: str, unit: Unit | None, municipality: Municipality | None = None
    ) -> User:
        user = User.objects.create_user(
            username=username,
            password="test-password-long",
            first_name=username.capitalize(),
            last_name="Testsson",
            role=role,
            municipality=municipality or self.norrby,
        )
        if unit is not None:
            user.units.add(unit)
        return user
