"""The demo municipality, its units and its staff (including the fixed demo logins)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from skyddsnat.accounts.models import (
    ChildPopulation,
    EmploymentPeriod,
    Municipality,
    Role,
    Unit,
    User,
)
from skyddsnat.demo.logins import DEMO_LOGINS, DEMO_PASSWORD

#: No real Swedish municipality has a code above 2584 (the county part is 01–25).
DEMO_CODE = "9999"
DEMO_NAME = "Exempelby kommun"

UNITS: tuple[tuple[str, str], ...] = (
    ("intake", "Mottagning"),
    ("investigation", "Utredning barn och unga"),
    ("foster_care", "Familjehem och placering"),
    ("open_care", "Öppenvård"),
)


@dataclass(frozen=True)
class Position:
    """One member of staff: login, name, role, units, employment (days before today)."""

    username: str
    first_name: str
    last_name: str
    role: str
    units: tuple[str, ...]
    started_days_ago: int
    ended_days_ago: int | None = None
    weight: float = 1.0


ROSTER: tuple[Position, ...] = (
    Position("admin1", "Anders", "Lundgren", Role.ADMIN, (), 2400),
    Position("namnd1", "Margareta", "Öberg", Role.COMMITTEE, (), 1500),
    Position("analytiker1", "Amir", "Haddad", Role.ANALYST, (), 1100),
    Position("enkat1", "Elin", "Sundqvist", Role.ORGANISER, (), 600),
    Position("enhetschef1", "Eva", "Lindqvist", Role.MANAGER, ("investigation", "intake"), 2900),
    Position("enhetschef2", "Göran", "Sandberg", Role.MANAGER, ("foster_care", "open_care"), 2200),
    Position("mottagning1", "Maria", "Holmberg", Role.INTAKE, ("intake",), 1500, weight=1.3),
    Position("mottagning2", "Jonas", "Ekström", Role.INTAKE, ("intake",), 1100),
    Position("mottagning3", "Camilla", "Åberg", Role.INTAKE, ("intake",), 3000, 240),
    Position("handlaggare1", "Hanna", "Berglund", Role.CASEWORKER, ("investigation",), 1200),
    Position("handlaggare2", "Henrik", "Dahlberg", Role.CASEWORKER, ("investigation",), 950),
    Position("handlaggare3", "Sofia", "Nyström", Role.CASEWORKER, ("investigation",), 2500),
    Position("handlaggare4", "Peter", "Wallin", Role.CASEWORKER, ("investigation",), 3300, 455),
    Position("handlaggare5", "Amanda", "Strand", Role.CASEWORKER, ("investigation",), 430),
    Position("handlaggare6", "Omar", "Hassan", Role.CASEWORKER, ("investigation",), 1600),
    Position("familjehem1", "Karin", "Hedlund", Role.CASEWORKER, ("foster_care",), 1800),
    Position("familjehem2", "Mikael", "Sjöberg", Role.CASEWORKER, ("foster_care",), 700),
    Position("oppenvard1", "Linda", "Forsberg", Role.CASEWORKER, ("open_care",), 1300),
)


@dataclass
class Staff:
    """The demo staff, with who was employed when (events are done by staff employed then)."""

    today: date
    users: dict[str, User] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)

    def employed(self, username: str, day: date) -> bool:
        p = self.positions[username]
        start = self.today - timedelta(days=p.started_days_ago)
        end = (
            self.today - timedelta(days=p.ended_days_ago) if p.ended_days_ago is not None else None
        )
        return start <= day and (end is None or day <= end)

    def pick(self, role: str, unit: str, day: date, rng: random.Random) -> User:
        """Return a member of staff with ``role`` in ``unit``, employed on ``day``."""
        names = [
            p.username
            for p in self.positions.values()
            if p.role == role and unit in p.units and self.employed(p.username, day)
        ]
        weights = [self.positions[n].weight for n in names]
        return self.users[rng.choices(names, weights)[0]]

    def manager(self) -> User:
        return self.users["enhetschef1"]

    def departures(self) -> list[tuple[User, date]]:
        return [
            (self.users[p.username], self.today - timedelta(days=p.ended_days_ago))
            for p in self.positions.values()
            if p.ended_days_ago is not None
        ]


def set_up_municipality(
    today: date, children_per_year: int
) -> tuple[Municipality, dict[str, Unit]]:
    """Create (or update in place) the demo municipality, its population and units."""
    municipality, _ = Municipality.objects.update_or_create(
        code=DEMO_CODE, defaults={"name": DEMO_NAME, "municipality_group": "Demokommun"}
    )
    for offset, year in enumerate(range(today.year - 3, today.year + 1)):
        ChildPopulation.objects.update_or_create(
            municipality=municipality,
            year=year,
            defaults={"children": children_per_year + offset * children_per_year // 100},
        )
    units = {}
    for kind, name in UNITS:
        units[kind], _ = Unit.objects.update_or_create(
            municipality=municipality, name=name, defaults={"kind": kind}
        )
    return municipality, units


def set_up_staff(municipality: Municipality, units: dict[str, Unit], today: date) -> Staff:
    """Create (or update in place) the staff; the demo logins get the password ``demo``."""
    staff = Staff(today=today)
    demo_names = {username for username, _ in DEMO_LOGINS}
    for p in ROSTER:
        user = User.objects.filter(username=p.username).first() or User(username=p.username)
        if user.pk and user.municipality_id not in (None, municipality.pk):
            raise ValueError(f"Användaren {p.username} finns redan i en annan kommun.")
        user.first_name, user.last_name, user.role = p.first_name, p.last_name, p.role
        user.municipality = municipality
        user.email = f"{p.username}@exempelby.invalid"
        user.employment_started_on = today - timedelta(days=p.started_days_ago)
        user.employment_ended_on = (
            today - timedelta(days=p.ended_days_ago) if p.ended_days_ago is not None else None
        )
        user.is_active = True  # deactivated after the history is loaded, if employment ended
        if p.username in demo_names:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        user.units.set([units[k] for k in p.units])
        keep_employment(user, [units[k] for k in p.units])
        staff.users[p.username] = user
        staff.positions[p.username] = p
    return staff


#: The reason the demo's leavers give, in turn.
LEAVING_REASONS = (
    EmploymentPeriod.Reason.RESIGNED,
    EmploymentPeriod.Reason.TEMPORARY_ENDED,
    EmploymentPeriod.Reason.RETIRED,
)


def keep_employment(user: User, units: list[Unit]) -> None:
    """Give ``user`` one employment period per unit from her account's dates (the HR history
    the staff turnover is counted from); a reload replaces them."""
    EmploymentPeriod.objects.filter(user=user).delete()
    if user.role not in (Role.CASEWORKER, Role.INTAKE, Role.MANAGER) or not units:
        return
    start = user.employment_started_on or user.date_joined.date()
    end = user.employment_ended_on
    reason = LEAVING_REASONS[user.pk % len(LEAVING_REASONS)] if end else ""
    EmploymentPeriod.objects.bulk_create(
        EmploymentPeriod(
            user=user,
            unit=unit,
            role=user.role,
            started_on=start,
            ended_on=end,
            reason_for_leaving=reason,
        )
        for unit in units
    )


def deactivate_departed(staff: Staff) -> None:
    for user, _ in staff.departures():
        user.is_active = False
        user.save(update_fields=["is_active"])  # as an administrator would: tokens are revoked
