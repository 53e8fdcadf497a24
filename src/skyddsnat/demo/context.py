"""What every demo story shares: the simulation, the staff, the families and who is responsible."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from skyddsnat import clock
from skyddsnat.accounts.models import Municipality, Role, User
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.models import Case
from skyddsnat.demo.families import Families
from skyddsnat.demo.staff import Staff
from skyddsnat.demo.timeline import Simulation
from skyddsnat.intake import services as intake


@dataclass
class Context:
    sim: Simulation
    staff: Staff
    municipality: Municipality
    families: Families
    today: date
    responsible: dict[int, User] = field(default_factory=dict)
    #: Open investigations per child id (to ask the database only when one may be running).
    investigating: Counter[int] = field(default_factory=Counter)
    tally: Counter[str] = field(default_factory=Counter)

    def intake_worker(self, rng: random.Random) -> User:
        return self.staff.pick(Role.INTAKE, "intake", clock.today(), rng)

    def caseworker(self, rng: random.Random, unit: str = "investigation") -> User:
        return self.staff.pick(Role.CASEWORKER, unit, clock.today(), rng)

    def actor(self, case: Case, rng: random.Random) -> User:
        """Return the case's responsible caseworker; if they have left, the manager first hands
        the case to someone on duty (the services let only the responsible write a case).

        A closed case is not handed over (the service refuses): what is left to do on it (a
        follow-up contact) falls to the unit's manager.
        """
        user = self.responsible.get(case.pk)
        if user is not None and self.staff.employed(user.username, clock.today()):
            return user
        if Case.objects.filter(pk=case.pk, phase=Phase.CLOSED).exists():
            return self.staff.manager()
        successor = self.caseworker(rng)
        self.reassign(case, successor, "Ansvarig handläggare har slutat.")
        return successor

    def intake_actor(self, case: Case, rng: random.Random) -> User:
        """Return the case's responsible intake worker, or an intake worker on duty."""
        user = self.responsible.get(case.pk)
        if (
            user is not None
            and user.role == Role.INTAKE
            and self.staff.employed(user.username, clock.today())
        ):
            return user
        return self.intake_worker(rng)

    def reassign(self, case: Case, caseworker: User, reason: str) -> None:
        """Make ``caseworker`` responsible, through the service (as the unit's manager)."""
        if self.responsible.get(case.pk) == caseworker:
            return
        intake.reassign_caseworker(
            acting_user=self.staff.manager(), case_id=case.pk, caseworker=caseworker, reason=reason
        )
        self.responsible[case.pk] = caseworker
        self.tally["reassignments"] += 1
