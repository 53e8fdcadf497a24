"""The child's people (*barnet och familjen*), through one of the child's cases: read them with
their history, change the child, add and change a person, ask the population register.

The same services as the web's family panel (``people.family``); address and phone are
``null`` where an identity is protected and the caller may not see it.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router

from skyddsnat.accounts import policy
from skyddsnat.api.access import act, readable_case
from skyddsnat.api.auth import current_user
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, LocalDateTime, Out, codes
from skyddsnat.people import family
from skyddsnat.people.family_view import family_view
from skyddsnat.people.models import GuardianRelation

router = Router(tags=["Barnet och familjen / Family"])

Kind = codes(GuardianRelation.Kind)


class PersonOut(Out):
    id: int
    first_name: str
    last_name: str
    birth_date: date | None
    protected_identity: bool
    address: str | None
    phone: str | None


class RelatedOut(Out):
    relation_id: int
    kind: Kind
    kind_label: str
    has_custody: bool
    ended_on: date | None
    person: PersonOut
    case_id: int | None  # the person's own case, when a sibling's the caller may read


class ChangeOut(Out):
    changed_at: LocalDateTime
    about: str
    field: str
    old_value: str
    new_value: str
    changed_by: str


class FamilyOut(Out):
    case_id: int
    child: PersonOut
    people: list[RelatedOut]
    history: list[ChangeOut]


class PersonIn(In):
    first_name: str
    last_name: str = ""
    address: str | None = None
    phone: str | None = None


class AddPersonIn(In):
    kind: Kind
    has_custody: bool = False
    personal_identity_number: str = ""
    first_name: str = ""
    last_name: str = ""
    address: str = ""
    phone: str = ""
    protected_identity: bool = False


class RelatedIn(PersonIn):
    kind: Kind
    has_custody: bool
    ended_on: date | None = None


def _person(person: object, contact: bool) -> PersonOut:
    return PersonOut.of(
        person,
        address=getattr(person, "address", "") if contact else None,
        phone=getattr(person, "phone", "") if contact else None,
    )


def _read(request: HttpRequest, case_id: int) -> FamilyOut:
    case = readable_case(request, case_id)
    panel = family_view(current_user(request), case)
    return FamilyOut(
        case_id=case.pk,
        child=_person(panel.child, panel.show_child_contact),
        people=[
            RelatedOut(
                relation_id=p.relation.pk,
                kind=p.relation.kind,
                kind_label=p.relation.get_kind_display(),
                has_custody=p.relation.has_custody,
                ended_on=p.relation.ended_on,
                person=_person(p.person, p.show_contact),
                case_id=p.case.pk if p.case else None,
            )
            for p in panel.people
        ],
        history=[
            ChangeOut(
                changed_at=h.change.changed_at,
                about=h.about,
                field=h.change.field,
                old_value=h.old,
                new_value=h.new,
                changed_by=h.by,
            )
            for h in panel.history
        ],
    )


def _typed(payload: PersonIn, kept: object) -> family.PersonInput:
    """Return the typed person; contact fields left out (``null``) keep ``kept``'s values."""
    return family.PersonInput(
        first_name=payload.first_name,
        last_name=payload.last_name,
        address=payload.address if payload.address is not None else getattr(kept, "address", ""),
        phone=payload.phone if payload.phone is not None else getattr(kept, "phone", ""),
    )


@router.get("/cases/{case_id}/family", response={200: FamilyOut, **ERRORS})
def get_family(request: HttpRequest, case_id: int) -> FamilyOut:
    """Return the case's child, the people around the child and the history of changes."""
    return _read(request, case_id)


@router.post("/cases/{case_id}/family/child", response={200: FamilyOut, **ERRORS})
@idempotent(200)
def change_family_child(request: HttpRequest, case_id: int, payload: PersonIn) -> FamilyOut:
    """Change the child's name and contact details (the earlier values stay in the history)."""
    user = current_user(request)
    case = policy.require_case(user, case_id, may=policy.can_edit_people)
    act(request, family.change_child, case_id=case_id, data=_typed(payload, case.child))
    return _read(request, case_id)


@router.post("/cases/{case_id}/family/people", response={201: FamilyOut, **ERRORS})
@idempotent(201)
def add_family_person(request: HttpRequest, case_id: int, payload: AddPersonIn) -> FamilyOut:
    """Add a person around the child (by identity number the register fills in the rest)."""
    act(
        request,
        family.add_person,
        case_id=case_id,
        kind=payload.kind,
        has_custody=payload.has_custody,
        personal_identity_number=payload.personal_identity_number,
        protected_identity=payload.protected_identity,
        data=family.PersonInput(
            first_name=payload.first_name,
            last_name=payload.last_name,
            address=payload.address,
            phone=payload.phone,
        ),
    )
    return _read(request, case_id)


@router.post("/cases/{case_id}/family/people/{relation_id}", response={200: FamilyOut, **ERRORS})
@idempotent(200)
def change_family_person(
    request: HttpRequest, case_id: int, relation_id: int, payload: RelatedIn
) -> FamilyOut:
    """Change one of the child's people and the relation (kind, custody, the day it ended)."""
    user = current_user(request)
    case = policy.require_case(user, case_id, may=policy.can_edit_people)
    kept = (
        GuardianRelation.objects.select_related("guardian")
        .filter(pk=relation_id, child_id=case.child_id)
        .first()
    )
    act(
        request,
        family.change_related,
        case_id=case_id,
        relation_id=relation_id,
        data=_typed(payload, kept.guardian if kept else None),
        kind=payload.kind,
        has_custody=payload.has_custody,
        ended_on=payload.ended_on,
    )
    return _read(request, case_id)


@router.post("/cases/{case_id}/family/register", response={200: FamilyOut, **ERRORS})
@idempotent(200)
def family_from_register(request: HttpRequest, case_id: int) -> FamilyOut:
    """Fetch the child's name, address, guardians and siblings from the population register."""
    act(request, family.fill_from_register, case_id=case_id)
    return _read(request, case_id)
