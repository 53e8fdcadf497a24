"""Synthetic families: children (with test identity numbers or reserve ids) and their guardians."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from skyddsnat.demo import names
from skyddsnat.people.identity import synthetic_identity_number
from skyddsnat.people.models import Child, Guardian, GuardianRelation, RegisterRecord
from skyddsnat.people.services import ChildInput


@dataclass
class Member:
    """A child of a family; ``child_id`` is set once the child is registered."""

    first_name: str
    last_name: str
    birth_date: date
    sex: str
    pin: str | None
    reserve_id: str | None = None
    child_id: int | None = None

    def age_on(self, day: date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def eighteen(self) -> date:
        b = self.birth_date
        return (
            b.replace(year=b.year + 18) if (b.month, b.day) != (2, 29) else date(b.year + 18, 3, 1)
        )

    def child_input(self, protected: bool) -> ChildInput:
        if self.pin:
            return ChildInput(
                personal_identity_number=f"{self.pin[:8]}-{self.pin[8:]}",
                first_name=self.first_name,
                last_name=self.last_name,
                sex=self.sex,
                protected_identity=protected,
            )
        if self.reserve_id:
            return ChildInput(reserve_id=self.reserve_id)
        return ChildInput(
            first_name=self.first_name,
            last_name=self.last_name,
            birth_date=self.birth_date,
            sex=self.sex,
            protected_identity=protected,
        )


@dataclass
class GuardianSpec:
    first_name: str
    last_name: str
    birth_date: date
    sex: str
    pin: str
    kind: str = GuardianRelation.Kind.PARENT
    has_custody: bool = True
    row: Guardian | None = None


@dataclass
class Family:
    number: int
    children: list[Member]
    guardians: list[GuardianSpec]
    protected: bool = False
    unaccompanied: bool = False
    reserved: bool = False  # a scripted family: random reports leave it alone
    address: str = ""
    related: set[int] = field(default_factory=set)

    def children_on(self, day: date) -> list[Member]:
        return [m for m in self.children if 0 <= m.age_on(day) <= 17]


AGE_GROUPS = ((0, 5, 25), (6, 12, 35), (13, 17, 40))


class NumbersUsedUp(Exception):
    """No free test identity number near a birth date: the synthetic series (serials 98x and
    99x, ten per sex and day) hold about 130,000 children per municipality."""


class Families:
    """The pool of families the reports are about, with the identity numbers already used."""

    def __init__(self, rng: random.Random, repeat_share: float = 0.27) -> None:
        self.rng = rng
        self.repeat_share = repeat_share
        self.families: list[Family] = []
        self.used: set[str] = set()

    def _pin(self, birth: date, sex: str) -> str:
        for shift in range(40):
            pin = synthetic_identity_number(birth - timedelta(days=shift), sex, self.rng)
            if pin not in self.used:
                self.used.add(pin)
                return pin
        raise NumbersUsedUp(birth, sex)

    def _birth(self, day: date, low: int, high: int) -> date:
        """Return a birth date aged ``low``–``high`` on ``day``, clear of the edges by more than
        the 40 days ``_pin`` may move it back (so the child is 0–17 on ``day`` whatever)."""
        return day - timedelta(days=self.rng.randint(low * 365 + 45, high * 365 + 320))

    def _age_band(self) -> tuple[int, int]:
        low, high, _ = self.rng.choices(AGE_GROUPS, [w for *_, w in AGE_GROUPS])[0]
        return low, high

    def new(
        self, day: date, *, unaccompanied: bool = False, ages: tuple[int, int] | None = None
    ) -> Family:
        """Create a family living in the municipality on ``day`` (every child 0–17 that day)."""
        rng = self.rng
        family_name = names.last_name(rng)
        count = 1 if unaccompanied else rng.choices((1, 2, 3, 4), (40, 35, 18, 7))[0]
        children = []
        for i in range(count):
            low, high = (15, 17) if unaccompanied else self._age_band()
            if i == 0 and ages is not None:
                low, high = ages
            birth = self._birth(day, low, high)
            sex = rng.choice(("girl", "boy"))
            no_number = unaccompanied or rng.random() < 0.03
            if no_number and rng.random() < 0.1:
                sex = "other_unknown"
            pin = None if no_number else self._pin(birth, sex)
            if pin:
                birth = date(int(pin[:4]), int(pin[4:6]), int(pin[6:8]))
            first = names.child_first_name(sex, rng)
            children.append(Member(first, family_name, birth, sex, pin))
        oldest = min(c.birth_date for c in children)
        guardians = []
        if unaccompanied:
            guardians.append(
                self._guardian(
                    oldest, rng.choice(("girl", "boy")), names.last_name(rng), kind="appointed"
                )
            )
        elif rng.random() < 0.06:
            guardians.append(self._guardian(oldest, "boy", family_name))  # a single father
        else:
            mother_name = family_name if rng.random() < 0.7 else names.last_name(rng)
            guardians.append(self._guardian(oldest, "girl", mother_name))
            if rng.random() < 0.6:
                custody = rng.random() < 0.9
                guardians.append(self._guardian(oldest, "boy", family_name, custody=custody))
        protected = rng.random() < 0.012
        family = Family(
            number=len(self.families) + 1,
            children=children,
            guardians=guardians,
            protected=protected,
            unaccompanied=unaccompanied,
            address="" if protected else names.address(rng),
        )
        self.families.append(family)
        return family

    def _guardian(
        self, oldest: date, sex: str, last: str, kind: str = "parent", custody: bool = True
    ) -> GuardianSpec:
        birth = oldest - timedelta(days=self.rng.randint(19 * 365, 42 * 365))
        pin = self._pin(birth, sex)
        birth = date(int(pin[:4]), int(pin[4:6]), int(pin[6:8]))
        return GuardianSpec(
            names.adult_first_name(sex, self.rng), last, birth, sex, pin, kind, custody
        )

    def pick(self, day: date) -> Family:
        """Return a family for a new report on ``day``: often one reported before, and always
        one once the test identity numbers are used up (a very large dataset: ``NumbersUsedUp``)."""
        recent = self.families[-400:]
        if recent and self.rng.random() < self.repeat_share:
            for _ in range(6):  # a few tries instead of a scan: the bulk generator calls this often
                family = self.rng.choice(recent)
                if self._may_report_again(family, day):
                    return family
        try:
            return self.new(day, unaccompanied=self.rng.random() < 0.012)
        except NumbersUsedUp:
            for _ in range(1000):
                family = self.rng.choice(self.families)
                if self._may_report_again(family, day):
                    return family
            raise

    @staticmethod
    def _may_report_again(family: Family, day: date) -> bool:
        return bool(family.children_on(day)) and not family.unaccompanied and not family.reserved


def register_people(
    municipality_id: int, family: Family, members: list[Member], child_ids: list[int]
) -> None:
    """Remember who the registered children are, and register the family's guardians (once)."""
    phone = "" if family.protected else names.mobile(family.number)
    for member, child_id in zip(members, child_ids, strict=True):
        member.child_id = child_id
        if member.pin is None and member.reserve_id is None:
            member.reserve_id = Child.objects.values_list("reserve_id", flat=True).get(pk=child_id)
    for spec in family.guardians:
        if spec.row is None:
            spec.row = Guardian.objects.create(
                municipality_id=municipality_id,
                personal_identity_number=spec.pin,
                first_name=spec.first_name,
                last_name=spec.last_name,
                birth_date=spec.birth_date,
                sex=spec.sex,
                protected_identity=family.protected,
                address=family.address,
                phone=phone,
            )
    new = [cid for cid in child_ids if cid not in family.related]
    if family.address:  # the register's address: where the family lives
        Child.objects.filter(pk__in=new, address="").update(address=family.address)
    GuardianRelation.objects.bulk_create(
        [
            GuardianRelation(
                child_id=cid, guardian=spec.row, kind=spec.kind, has_custody=spec.has_custody
            )
            for cid in new
            for spec in family.guardians
        ]
    )
    family.related.update(new)


#: Families in the synthetic register that no report is about yet: the intake worker can
#: register one of them by a child's number and be offered the siblings (``load_demo`` lists
#: them).
UNREPORTED_FAMILIES = 6


def unreported_families(families: Families, day: date) -> list[Family]:
    """Add the families with two children or more that no report is about (the last with a
    protected identity), for the register only."""
    added: list[Family] = []
    for _ in range(UNREPORTED_FAMILIES * 20):
        if len(added) == UNREPORTED_FAMILIES:
            break
        family = families.new(day)
        family.reserved = True
        if len(family.children) >= 2 and all(m.pin for m in family.children):
            added.append(family)
    if added:
        last = added[-1]
        last.protected = True
        last.address = ""
    return added


def write_register(families: Families) -> int:
    """Write the synthetic population register of ``families`` (every person with a number),
    replacing the one written before; return the number of people in it."""
    RegisterRecord.objects.all().delete()
    rows = []
    for family in families.families:
        address = "" if family.protected else family.address
        for member in family.children:
            if member.pin:
                rows.append(
                    RegisterRecord(
                        personal_identity_number=member.pin,
                        first_name=member.first_name,
                        last_name=member.last_name,
                        birth_date=member.birth_date,
                        sex=member.sex,
                        address=address,
                        protected_identity=family.protected,
                        household=family.number,
                        is_child=True,
                    )
                )
        for spec in family.guardians:
            rows.append(
                RegisterRecord(
                    personal_identity_number=spec.pin,
                    first_name=spec.first_name,
                    last_name=spec.last_name,
                    birth_date=spec.birth_date,
                    sex=spec.sex,
                    address=address,
                    protected_identity=family.protected,
                    household=family.number,
                    is_child=False,
                    kind=spec.kind,
                    has_custody=spec.has_custody,
                )
            )
    RegisterRecord.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
