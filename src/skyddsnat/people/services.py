"""Find or register children and the people around them; the population register fills in
what it knows about a child registered by identity number (``people.register``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction

from skyddsnat import clock, storedtext
from skyddsnat.accounts.models import Municipality, User
from skyddsnat.audit import services as audit
from skyddsnat.errors import Collector, StateConflict
from skyddsnat.limits import EARLIEST_BIRTH_DATE, bad_character
from skyddsnat.people.identity import parse_identity_number
from skyddsnat.people.models import Child, Guardian, GuardianRelation, PersonChange, Sex
from skyddsnat.people.register import (
    RegisterAnswer,
    RegisteredPerson,
    population_register,
)

#: What a child or person is called when nobody knows the name yet.
NO_NAME = "Namn saknas"


@dataclass(frozen=True)
class ChildInput:
    """A child named in a report: an identity number, or a name and birth date, or a reserve id."""

    personal_identity_number: str = ""
    first_name: str = ""
    last_name: str = ""
    birth_date: date | None = None
    reserve_id: str = ""
    sex: str = ""
    protected_identity: bool = False

    @classmethod
    def from_name(cls, name: str, **kwargs: object) -> ChildInput:
        first, _, last = (name or "").strip().partition(" ")
        return cls(first_name=first, last_name=last.strip(), **kwargs)  # type: ignore[arg-type]


_BORN_IN_THE_FUTURE = "Födelsedatumet ligger i framtiden. Kontrollera numret eller datumet."
_BORN_TOO_EARLY = (
    f"Födelsedatumet kan inte vara före {EARLIEST_BIRTH_DATE:%Y-%m-%d}. "
    "Kontrollera numret eller datumet."
)


def _birth_date_problem(born: date) -> str | None:
    """Return what is implausible about a birth date: before 1900, or in the future."""
    if born < EARLIEST_BIRTH_DATE:
        return _BORN_TOO_EARLY
    if born > clock.today():
        return _BORN_IN_THE_FUTURE
    return None


def _name_length(name: str) -> int:
    """Return the most characters a first or last name may have (the register's columns)."""
    field = Child._meta.get_field(name)
    assert isinstance(field, models.CharField) and field.max_length is not None
    return field.max_length


def validate_child(child: ChildInput, field: str, errors: Collector) -> None:
    """Add the Swedish messages for what is wrong with ``child`` to ``errors``."""
    for part in ("first_name", "last_name"):
        longest = _name_length(part)
        errors.check(
            len(getattr(child, part)) <= longest,
            f"{field}.name",
            f"Namnet är för långt: högst {longest} tecken för förnamn och för efternamn.",
        )
        unstorable = bad_character(getattr(child, part), "Namnet")
        if unstorable is not None:
            errors.add(f"{field}.name", unstorable)
    if child.personal_identity_number:
        try:
            number = parse_identity_number(child.personal_identity_number)
        except ValidationError as exc:
            errors.add(f"{field}.personal_identity_number", exc.messages[0])
        else:
            problem = _birth_date_problem(number.birth_date)
            if problem:
                errors.add(f"{field}.personal_identity_number", problem)
        return
    if child.reserve_id:
        return
    if not child.first_name:
        errors.add(f"{field}.name", "Ange barnets namn när personnumret inte är känt.")
    if child.birth_date is None:
        errors.add(
            f"{field}.birth_date", "Ange barnets födelsedatum när personnumret inte är känt."
        )
    else:
        problem = _birth_date_problem(child.birth_date)
        if problem:
            errors.add(f"{field}.birth_date", problem)


def find_or_create_child(
    municipality: Municipality, child: ChildInput, acting_user: User | None = None
) -> Child:
    """Return the municipality's child with this number (or reserve id), registering it if new.

    A new child with an identity number is looked up in the population register: its name
    (unless one was typed), address and protected identity, and its guardians and siblings as
    the child's people (``import_family``). Call ``validate_child`` first; this assumes valid
    input.
    """
    if child.personal_identity_number:
        number = parse_identity_number(child.personal_identity_number)
        identity = {"municipality": municipality, "personal_identity_number": number.digits}
        existing = Child.objects.filter(**identity).first()
        if existing is not None:
            return existing
        answer = population_register().lookup(number.digits)
        known = answer.person if answer is not None else None
        typed = bool(child.first_name)
        created = _find_or_create(
            identity,
            first_name=child.first_name if typed else (known.first_name if known else NO_NAME),
            last_name=child.last_name if typed else (known.last_name if known else ""),
            birth_date=number.birth_date,
            sex=child.sex or number.legal_sex,
            protected_identity=child.protected_identity or bool(known and known.protected_identity),
            address=known.address if known else "",
        )
        if answer is not None and not created.guardian_relations.exists():
            import_family(created, answer, acting_user=acting_user)
        return created
    if child.reserve_id:
        return _find_or_create(
            {"municipality": municipality, "reserve_id": child.reserve_id}, **_child_fields(child)
        )
    return _register_without_number(municipality, [child])[0]


def find_or_create_children(
    municipality: Municipality, children: Sequence[ChildInput], acting_user: User | None = None
) -> list[Child]:
    """Return ``find_or_create_child`` of each of ``children``, in order.

    The children known by neither identity number nor reserve id are new: they are registered
    together, in one statement, each with its reserve id (``_register_without_number``).
    """
    found: list[Child | None] = [
        None if _unknown(child) else find_or_create_child(municipality, child, acting_user)
        for child in children
    ]
    new = iter(_register_without_number(municipality, [ch for ch in children if _unknown(ch)]))
    return [child if child is not None else next(new) for child in found]


def _unknown(child: ChildInput) -> bool:
    """Return whether ``child`` names no identity number nor reserve id (a new child)."""
    return not child.personal_identity_number and not child.reserve_id


def _child_fields(child: ChildInput) -> dict[str, object]:
    return {
        "first_name": child.first_name or NO_NAME,
        "last_name": child.last_name,
        "birth_date": child.birth_date,
        "sex": child.sex or Sex.OTHER_UNKNOWN,
        "protected_identity": child.protected_identity,
    }


def _register_without_number(municipality: Municipality, children: list[ChildInput]) -> list[Child]:
    """Register ``children`` (none with an identity number) with new reserve ids, in order.

    A reserve id names the municipality and the row (``R0180-00012345``): unique without a
    counter table. The rows' ids are taken first (``_reserve_ids``), so each row is written
    once, whole; where the database cannot give them, each row is written and then given its
    reserve id.
    """
    if not children:
        return []
    ids = _reserve_ids(Child, len(children))
    if ids is None:
        created = []
        for child in children:
            row = Child.objects.create(
                municipality=municipality, reserve_id=f"tmp-{uuid.uuid4()}", **_child_fields(child)
            )
            row.reserve_id = f"R{municipality.code}-{row.pk:08d}"
            row.save(update_fields=["reserve_id"])
            created.append(row)
        return created
    rows = [
        Child(
            pk=pk,
            municipality=municipality,
            reserve_id=f"R{municipality.code}-{pk:08d}",
            **_child_fields(child),
        )
        for pk, child in zip(ids, children, strict=True)
    ]
    storedtext.refuse(rows)
    return Child.objects.bulk_create(rows)


def _reserve_ids(model: type[models.Model], count: int) -> list[int] | None:
    """Return ``count`` new ids of ``model``'s table that no other row can take, in one read;
    None where that cannot be done (another database, or outside a transaction on SQLite).

    PostgreSQL takes them from the id's sequence (``nextval``), as an insert would. On SQLite
    the transaction holds the write lock from its ``BEGIN IMMEDIATE`` (decision 0013), so no
    other writer inserts before it commits: the next ids are those after the table's highest
    ever given (``sqlite_sequence``, kept by ``AUTOINCREMENT``, so a deleted row's id is never
    given again) and its highest present.
    """
    table = model._meta.db_table
    column = model._meta.pk.column
    assert column is not None  # a concrete model's primary key has its column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [int(pk) for (pk,) in cursor.fetchall()]
        if connection.vendor == "sqlite" and connection.in_atomic_block:
            quoted = connection.ops.quote_name
            sql = (
                "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
                f"COALESCE((SELECT MAX({quoted(column)}) FROM {quoted(table)}), 0))"  # nosec B608 - the model's own names
            )
            cursor.execute(sql, [table])
            (last,) = cursor.fetchone()
            return list(range(int(last) + 1, int(last) + 1 + count))
    return None


def _find_or_create(identity: dict[str, object], **fields: object) -> Child:
    """Return the child with ``identity``, registering it with ``fields`` if there is none.

    Two reports about the same new child may arrive at the same moment: on PostgreSQL the
    second insert then waits for the first and meets the unique constraint, and the child the
    first registered is returned (on SQLite transactions take turns, decision 0013).
    """
    existing = Child.objects.filter(**identity).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Child.objects.create(**identity, **fields)
    except IntegrityError:
        existing = Child.objects.filter(**identity).first()
        if existing is None:
            raise
        return existing


def _find_person(municipality_id: int, person: RegisteredPerson) -> Guardian:
    """Return the municipality's person with the register's number, registering them if new."""
    existing = Guardian.objects.filter(
        municipality_id=municipality_id,
        personal_identity_number=person.personal_identity_number,
    ).first()
    if existing is not None:
        return existing
    return Guardian.objects.create(
        municipality_id=municipality_id,
        personal_identity_number=person.personal_identity_number,
        first_name=person.first_name,
        last_name=person.last_name,
        birth_date=person.birth_date,
        sex=person.sex,
        address=person.address,
        protected_identity=person.protected_identity,
    )


def import_family(
    child: Child, answer: RegisterAnswer, *, acting_user: User | None = None
) -> list[GuardianRelation]:
    """Add the register's guardians and siblings of ``child`` as the child's people (those not
    related already), each with a history row (source: the register) and an audit row."""
    added = []
    related = set(
        child.guardian_relations.values_list("guardian__personal_identity_number", flat=True)
    )
    people = [(g.person, g.kind, g.has_custody) for g in answer.guardians] + [
        (s, GuardianRelation.Kind.SIBLING, False) for s in answer.siblings
    ]
    for person, kind, custody in people:
        if person.personal_identity_number in related:
            continue
        row = _find_person(child.municipality_id, person)
        relation = GuardianRelation.objects.create(
            child=child, guardian=row, kind=kind, has_custody=custody
        )
        related.add(person.personal_identity_number)
        PersonChange.objects.create(
            child=child,
            record=PersonChange.Record.RELATION,
            record_id=relation.pk,
            field="created",
            new_value=relation.get_kind_display(),
            source=PersonChange.Source.REGISTER,
            changed_at=clock.now(),
            changed_by=acting_user,
        )
        if acting_user is not None:
            audit.record(actor=acting_user, action="create", obj=relation, child_id=child.pk)
        added.append(relation)
    return added


def register_guardian(
    *,
    acting_user: User,
    child: Child,
    personal_identity_number: str = "",
    first_name: str = "",
    last_name: str = "",
    has_custody: bool = True,
    kind: str = GuardianRelation.Kind.PARENT,
    protected_identity: bool = False,
) -> GuardianRelation:
    """Register a guardian (*vårdnadshavare*) of ``child``, reusing a known one by number."""
    errors = Collector()
    number = None
    if personal_identity_number:
        try:
            number = parse_identity_number(personal_identity_number)
        except ValidationError as exc:
            errors.add("personal_identity_number", exc.messages[0])
        else:
            problem = _birth_date_problem(number.birth_date)
            if problem:
                errors.add("personal_identity_number", problem)
    else:
        errors.check(bool(first_name.strip()), "name", "Ange vårdnadshavarens namn.")
    errors.check(kind in GuardianRelation.Kind.values, "kind", "Ogiltig relation.")
    errors.check(
        child.municipality_id == acting_user.municipality_id, "child", "Barnet finns inte."
    )
    errors.raise_if_any()
    with transaction.atomic():
        guardian = None
        if number is not None:
            guardian = Guardian.objects.filter(
                municipality_id=child.municipality_id, personal_identity_number=number.digits
            ).first()
        if guardian is None:
            guardian = Guardian.objects.create(
                municipality_id=child.municipality_id,
                personal_identity_number=number.digits if number else None,
                first_name=first_name or NO_NAME,
                last_name=last_name,
                birth_date=number.birth_date if number else None,
                sex=number.legal_sex if number else Sex.OTHER_UNKNOWN,
                protected_identity=protected_identity,
            )
        relation, created = GuardianRelation.objects.get_or_create(
            child=child, guardian=guardian, defaults={"kind": kind, "has_custody": has_custody}
        )
        if not created:
            raise StateConflict("Vårdnadshavaren är redan registrerad för barnet.")
        audit.record(actor=acting_user, action="create", obj=guardian)
    return relation
