"""What the scale dataset's builders share: explicit ids, the organisation, the row buffer.

``Rows`` also registers the people: children (with a test identity number or a reserve id) and
their guardians, once per family.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.db.models import Max

from skyddsnat.accounts.models import Municipality, Unit, User
from skyddsnat.demo import names
from skyddsnat.demo.families import Family, Member
from skyddsnat.demo.reports import ReportSpec
from skyddsnat.demo.timeline import at
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.models import Child, Guardian, GuardianRelation

JOURNAL_TEXTS = {
    "report.registered": "Anmälan registrerad.",
    "protective_assessment.made": "Skyddsbedömning gjord.",
    "preliminary_assessment.decided": "Förhandsbedömning beslutad.",
    "investigation.closed": "Utredningen avslutad.",
    "intervention.decided": "Beslut om insats.",
    "placement.visit": "Besök hos barnet.",
    "plan.care_plan.signed": "Vårdplan signerad.",
    "plan.implementation_plan.signed": "Genomförandeplan signerad.",
    "intervention.ended": "Insatsen avslutad.",
    "case.closed": "Ärendet avslutat.",
    "follow_up.decided": "Uppföljning av barnets situation beslutad.",
    "follow_up.ended": "Uppföljningen avslutad.",
}


class Ids:
    """Explicit primary keys, handed out after the largest id already in each table."""

    def __init__(self) -> None:
        self._next: dict[type[models.Model], int] = {}

    def __call__(self, model: type[models.Model]) -> int:
        if model not in self._next:
            self._next[model] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        value = self._next[model]
        self._next[model] += 1
        return value


@dataclass
class Org:
    """One municipality's organisation, as the builder needs it."""

    municipality: Municipality
    intake_unit: Unit
    intake: list[User]
    caseworkers: list[User]
    foster: list[User]
    manager: User


@dataclass
class CaseDraft:
    """A case being drawn: its id, child, report and where it stands today."""

    id: int
    child_id: int
    report_id: int
    spec: ReportSpec
    member: Member
    responsible: User
    phase: str = "assessment"
    closed_at: datetime | None = None
    joined_to: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


class Rows:
    """Accumulates rows for one municipality; ``take()`` hands over a chunk to write."""

    def __init__(self, org: Org, ids: Ids, today: date, rng: random.Random, journal: bool) -> None:
        self.org, self.ids, self.today, self.rng, self.journal = org, ids, today, rng, journal
        self.horizon = at(today, 0)
        self.rows: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self.ongoing: dict[int, tuple[int, date, date | None]] = {}

    def take(self) -> dict[type[models.Model], list[models.Model]]:
        rows, self.rows = self.rows, defaultdict(list)
        return rows

    def add(self, obj: models.Model) -> None:
        self.rows[type(obj)].append(obj)

    def happened(self, day: date) -> bool:
        return day < self.today

    def event(self, case_id: int, moment: datetime, event: str, author: User) -> None:
        if self.journal:
            self.add(
                JournalEntry(
                    case_id=case_id,
                    kind="event",
                    event=event,
                    text=JOURNAL_TEXTS[event],
                    author_id=author.pk,
                    created_at=moment,
                    signed_at=moment,
                    signed_by_id=author.pk,
                )
            )

    def pick(self, users: list[User]) -> User:
        return self.rng.choice(users)

    def child(self, member: Member, family: Family) -> int:
        if member.child_id is None:
            pk = self.ids(Child)
            code = self.org.municipality.code
            self.add(
                Child(
                    id=pk,
                    municipality_id=self.org.municipality.pk,
                    personal_identity_number=member.pin,
                    reserve_id=None if member.pin else f"R{code}-{pk:08d}",
                    first_name=member.first_name,
                    last_name=member.last_name,
                    birth_date=member.birth_date,
                    sex=member.sex,
                    protected_identity=family.protected,
                )
            )
            member.child_id = pk
        return member.child_id

    def guardians(self, family: Family, child_ids: list[int]) -> None:
        for g in family.guardians:
            if g.row is None:
                g.row = Guardian(
                    id=self.ids(Guardian),
                    municipality_id=self.org.municipality.pk,
                    personal_identity_number=g.pin,
                    first_name=g.first_name,
                    last_name=g.last_name,
                    birth_date=g.birth_date,
                    sex=g.sex,
                    protected_identity=family.protected,
                    address=family.address,
                    phone="" if family.protected else names.mobile(family.number),
                )
                self.add(g.row)
        for child_id in child_ids:
            if child_id not in family.related:
                family.related.add(child_id)
                for g in family.guardians:
                    self.add(
                        GuardianRelation(
                            child_id=child_id,
                            guardian_id=g.row.pk,
                            kind=g.kind,
                            has_custody=g.has_custody,
                        )
                    )
