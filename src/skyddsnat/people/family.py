"""The child's people (*närstående*), changed through one of the child's cases.

Every service here is behind ``cases.actions.case_action``: the caller passes ``case_id``, and
the child is the case's child; the case's writer (``policy.can_edit_people``) may change the
child's name and address and the people around the child. Nothing is overwritten without a
trace: each changed field appends a ``PersonChange`` row (the earlier and the new value, when
and by whom), and each write a journal event and an audit row on the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.models import Case
from skyddsnat.errors import Collector, InvalidInput, NotFound, StateConflict
from skyddsnat.journal.services import record_action
from skyddsnat.people.identity import parse_identity_number
from skyddsnat.people.models import Child, Guardian, GuardianRelation, PersonChange
from skyddsnat.people.register import population_register
from skyddsnat.people.services import NO_NAME, _birth_date_problem, import_family

#: The fields of a person that can be changed, as the history names them.
PERSON_FIELDS = ("first_name", "last_name", "address", "phone")
#: The fields of a relation that can be changed.
RELATION_FIELDS = ("kind", "has_custody", "ended_on")


@dataclass(frozen=True)
class PersonInput:
    """A person's name and contact details as typed."""

    first_name: str = ""
    last_name: str = ""
    address: str = ""
    phone: str = ""


def _shown(value: object) -> str:
    """Return a value as the history row keeps it."""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return "" if value is None else str(value)


def _change(
    *,
    acting_user: User | None,
    child: Child,
    record: str,
    record_id: int,
    changes: dict[str, tuple[object, object]],
    source: str = PersonChange.Source.MANUAL,
) -> list[PersonChange]:
    at = clock.now()
    return PersonChange.objects.bulk_create(
        [
            PersonChange(
                child=child,
                record=record,
                record_id=record_id,
                field=name,
                old_value=_shown(old),
                new_value=_shown(new),
                source=source,
                changed_at=at,
                changed_by=acting_user,
            )
            for name, (old, new) in changes.items()
        ]
    )


def _validate_person(data: PersonInput, errors: Collector) -> None:
    errors.check(bool(data.first_name.strip()), "first_name", "Ange förnamnet.")
    for name in PERSON_FIELDS:
        field = Guardian._meta.get_field(name)
        longest = getattr(field, "max_length", None) or 0
        errors.check(len(getattr(data, name)) <= longest, name, f"Högst {longest} tecken i fältet.")


def _apply(row: Child | Guardian, data: PersonInput) -> dict[str, tuple[object, object]]:
    changes = {}
    for name in PERSON_FIELDS:
        new = getattr(data, name).strip()
        old = getattr(row, name)
        if new != old:
            changes[name] = (old, new)
            setattr(row, name, new)
    if changes:
        row.save(update_fields=list(changes))
    return changes


@case_action(may=policy.can_edit_people)
def change_child(*, acting_user: User, case: Case, data: PersonInput) -> Child:
    """Change the child's name, address or phone (the earlier values kept in the history)."""
    errors = Collector()
    _validate_person(data, errors)
    errors.raise_if_any()
    child = Child.objects.select_for_update().get(pk=case.child_id)
    changes = _apply(child, data)
    if changes:
        _change(
            acting_user=acting_user,
            child=child,
            record=PersonChange.Record.CHILD,
            record_id=child.pk,
            changes=changes,
        )
        record_action(
            acting_user=acting_user,
            case=case,
            event="people.child_changed",
            text="Barnets uppgifter har ändrats.",
            obj=child,
            action="update",
        )
    return child


def _relation(case: Case, relation_id: int) -> GuardianRelation:
    relation = (
        GuardianRelation.objects.select_for_update()
        .select_related("guardian")
        .filter(pk=relation_id, child_id=case.child_id)
        .first()
    )
    if relation is None:
        raise NotFound("Personen finns inte bland barnets närstående.")
    return relation


@case_action(may=policy.can_edit_people)
def add_person(
    *,
    acting_user: User,
    case: Case,
    kind: str,
    has_custody: bool = False,
    personal_identity_number: str = "",
    data: PersonInput | None = None,
    protected_identity: bool = False,
) -> GuardianRelation:
    """Add a person around the child with their relation (a person known by number is reused;
    a number the register knows fills in the name and address when none was typed)."""
    data = data or PersonInput()
    errors = Collector()
    errors.check(kind in GuardianRelation.Kind.values, "kind", "Välj en relation i listan.")
    number = None
    if personal_identity_number.strip():
        try:
            number = parse_identity_number(personal_identity_number)
        except ValidationError as exc:
            errors.add("personal_identity_number", exc.messages[0])
        else:
            problem = _birth_date_problem(number.birth_date)
            if problem:
                errors.add("personal_identity_number", problem)
    known = population_register().lookup(number.digits) if number is not None else None
    if known is not None and not data.first_name.strip():
        data = PersonInput(
            first_name=known.person.first_name,
            last_name=known.person.last_name,
            address=known.person.address,
            phone=data.phone,
        )
        protected_identity = protected_identity or known.person.protected_identity
    if not personal_identity_number.strip() or data.first_name.strip():
        _validate_person(data, errors)
    errors.raise_if_any()
    child = case.child
    person = None
    if number is not None:
        person = Guardian.objects.filter(
            municipality_id=child.municipality_id, personal_identity_number=number.digits
        ).first()
    if person is None:
        person = Guardian.objects.create(
            municipality_id=child.municipality_id,
            personal_identity_number=number.digits if number else None,
            first_name=data.first_name.strip() or NO_NAME,
            last_name=data.last_name.strip(),
            address=data.address.strip(),
            phone=data.phone.strip(),
            birth_date=number.birth_date if number else None,
            sex=number.legal_sex if number else "other_unknown",
            protected_identity=protected_identity,
        )
    if GuardianRelation.objects.filter(child=child, guardian=person).exists():
        raise StateConflict("Personen finns redan bland barnets närstående.")
    relation = GuardianRelation.objects.create(
        child=child, guardian=person, kind=kind, has_custody=has_custody
    )
    _change(
        acting_user=acting_user,
        child=child,
        record=PersonChange.Record.RELATION,
        record_id=relation.pk,
        changes={"created": ("", relation.get_kind_display())},
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="people.added",
        text=f"En närstående har lagts till ({relation.get_kind_display().lower()}).",
        obj=relation,
    )
    return relation


def _change_person(
    acting_user: User, case: Case, relation: GuardianRelation, data: PersonInput
) -> Guardian:
    person = Guardian.objects.select_for_update().get(pk=relation.guardian_id)
    changes = _apply(person, data)
    if changes:
        _change(
            acting_user=acting_user,
            child=case.child,
            record=PersonChange.Record.PERSON,
            record_id=person.pk,
            changes=changes,
        )
        record_action(
            acting_user=acting_user,
            case=case,
            event="people.person_changed",
            text="En närståendes uppgifter har ändrats.",
            obj=person,
            action="update",
        )
    return person


def _validate_relation(kind: str, ended_on: date | None, errors: Collector) -> None:
    errors.check(kind in GuardianRelation.Kind.values, "kind", "Välj en relation i listan.")
    if ended_on is not None:
        errors.check(ended_on <= clock.today(), "ended_on", "Datumet kan inte ligga i framtiden.")


def _change_relation(
    acting_user: User,
    case: Case,
    relation: GuardianRelation,
    kind: str,
    has_custody: bool,
    ended_on: date | None,
) -> GuardianRelation:
    changes: dict[str, tuple[object, object]] = {}
    for name, new in (("kind", kind), ("has_custody", has_custody), ("ended_on", ended_on)):
        old = getattr(relation, name)
        if old != new:
            changes[name] = (
                relation.get_kind_display() if name == "kind" else old,
                GuardianRelation.Kind(str(new)).label if name == "kind" else new,
            )
            setattr(relation, name, new)
    if changes:
        relation.save(update_fields=list(changes))
        _change(
            acting_user=acting_user,
            child=case.child,
            record=PersonChange.Record.RELATION,
            record_id=relation.pk,
            changes=changes,
        )
        record_action(
            acting_user=acting_user,
            case=case,
            event="people.relation_changed",
            text="En relation till en närstående har ändrats.",
            obj=relation,
            action="update",
        )
    return relation


@case_action(may=policy.can_edit_people)
def change_person(
    *, acting_user: User, case: Case, relation_id: int, data: PersonInput
) -> Guardian:
    """Change the name, address or phone of one of the child's people."""
    relation = _relation(case, relation_id)
    errors = Collector()
    _validate_person(data, errors)
    errors.raise_if_any()
    return _change_person(acting_user, case, relation, data)


@case_action(may=policy.can_edit_people)
def change_relation(
    *,
    acting_user: User,
    case: Case,
    relation_id: int,
    kind: str,
    has_custody: bool,
    ended_on: date | None = None,
) -> GuardianRelation:
    """Change what a person is to the child: the relation, the custody, the day it ended."""
    relation = _relation(case, relation_id)
    errors = Collector()
    _validate_relation(kind, ended_on, errors)
    errors.raise_if_any()
    return _change_relation(acting_user, case, relation, kind, has_custody, ended_on)


@case_action(may=policy.can_edit_people)
def change_related(
    *,
    acting_user: User,
    case: Case,
    relation_id: int,
    data: PersonInput,
    kind: str,
    has_custody: bool,
    ended_on: date | None = None,
) -> GuardianRelation:
    """Change one of the child's people and the relation together (the family panel's form):
    both or neither."""
    relation = _relation(case, relation_id)
    errors = Collector()
    _validate_person(data, errors)
    _validate_relation(kind, ended_on, errors)
    errors.raise_if_any()
    _change_person(acting_user, case, relation, data)
    return _change_relation(acting_user, case, relation, kind, has_custody, ended_on)


@case_action(may=policy.can_edit_people)
def fill_from_register(*, acting_user: User, case: Case) -> list[GuardianRelation]:
    """Fetch the child from the population register: the name when it is missing, the
    address, and the guardians and siblings not yet among the child's people."""
    child = Child.objects.select_for_update().get(pk=case.child_id)
    if not child.personal_identity_number:
        raise InvalidInput.field(
            "personal_identity_number", "Barnet har inget personnummer att söka på."
        )
    answer = population_register().lookup(child.personal_identity_number)
    if answer is None:
        raise StateConflict("Barnet finns inte i folkbokföringen.")
    known = answer.person
    changes: dict[str, tuple[object, object]] = {}
    if child.first_name == NO_NAME and known.first_name:
        changes["first_name"] = (child.first_name, known.first_name)
        changes["last_name"] = (child.last_name, known.last_name)
    if known.address and known.address != child.address:
        changes["address"] = (child.address, known.address)
    if known.protected_identity and not child.protected_identity:
        changes["protected_identity"] = (False, True)
    for name, (_old, new) in changes.items():
        setattr(child, name, new)
    if changes:
        child.save(update_fields=list(changes))
        _change(
            acting_user=acting_user,
            child=child,
            record=PersonChange.Record.CHILD,
            record_id=child.pk,
            changes=changes,
            source=PersonChange.Source.REGISTER,
        )
    added = import_family(child, answer, acting_user=acting_user)
    record_action(
        acting_user=acting_user,
        case=case,
        event="people.register",
        text="Uppgifter har hämtats från folkbokföringen.",
        obj=child,
        action="update",
    )
    return added
