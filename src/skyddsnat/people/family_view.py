"""What a user sees of a child's people (the web's family panel, the API's ``/family``): the
child, the people around the child, the siblings the system knows, and the history of every
change; contact details hidden where an identity is protected (``policy.can_see_contact``),
a sibling's case named only when the user may read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts import policy
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden
from skyddsnat.people.models import (
    GUARDIAN_KINDS,
    Child,
    Guardian,
    GuardianRelation,
    PersonChange,
)

#: The history's names of the fields.
FIELD_NAMES = {
    "first_name": _("Förnamn"),
    "last_name": _("Efternamn"),
    "address": _("Adress"),
    "phone": _("Telefon"),
    "kind": _("Relation"),
    "has_custody": _("Vårdnad"),
    "ended_on": _("Upphörde"),
    "created": _("Tillagd som"),
    "protected_identity": _("Skyddade personuppgifter"),
}
#: The fields whose values are contact details (hidden with a protected identity).
CONTACT_FIELDS = frozenset({"address", "phone"})


@dataclass
class Related:
    relation: GuardianRelation
    person: Guardian
    show_contact: bool
    case: Case | None = None  # the person's own case, when the person is a child the user reads


@dataclass
class HistoryRow:
    change: PersonChange
    about: str
    field: str
    old: str
    new: str
    by: str


@dataclass
class FamilyView:
    child: Child
    show_child_contact: bool
    people: list[Related]
    siblings: list[tuple[Child, Case]]
    history: list[HistoryRow]
    writable: bool


def _readable_case_of(user: Any, children: list[Child]) -> dict[int, Case]:
    """Return, per child, the newest case of the child that ``user`` may read."""
    found: dict[int, Case] = {}
    cases = policy.cases_visible_to(user).filter(child__in=children).order_by("-pk")
    for case in cases.select_related("child"):
        found.setdefault(case.child_id, case)
    return found


def family_view(user: Any, case: Case) -> FamilyView:
    """Return what ``user`` sees of the people of ``case``'s child (the case's read is the
    caller's to audit). ``Forbidden`` for a user who may not read the case."""
    if not policy.can_read_people(user, case):
        raise Forbidden("Du har inte behörighet till barnet.")
    child = case.child
    writable = policy.can_edit_people(user, case)
    child_contact = policy.can_see_contact(user, child)
    # Guardians first, then the other parents, siblings and the rest; ended relations last.
    order = list(GuardianRelation.Kind.values)
    relations = sorted(
        child.guardian_relations.select_related("guardian"),
        key=lambda r: (r.ended_on is not None, not r.has_custody, order.index(r.kind), r.pk),
    )
    numbers = [r.guardian.personal_identity_number for r in relations if r.kind == "sibling"]
    as_children = {
        c.personal_identity_number: c
        for c in Child.objects.filter(
            municipality_id=child.municipality_id, personal_identity_number__in=numbers
        )
    }
    # Siblings the system knows: other children of the child's parents and guardians.
    parents = [r.guardian_id for r in relations if r.kind in GUARDIAN_KINDS]
    others = list(
        Child.objects.filter(
            Q(guardian_relations__guardian_id__in=parents)
            | Q(pk__in=[c.pk for c in as_children.values()])
        )
        .exclude(pk=child.pk)
        .distinct()
    )
    readable = _readable_case_of(user, others)
    people = []
    for r in relations:
        show = policy.can_see_contact(user, child, r.guardian)
        sibling = as_children.get(r.guardian.personal_identity_number or "")
        people.append(Related(r, r.guardian, show, readable.get(sibling.pk) if sibling else None))
    listed = {p.case.child_id for p in people if p.case is not None}
    siblings = [(c, readable[c.pk]) for c in others if c.pk in readable and c.pk not in listed]
    return FamilyView(
        child=child,
        show_child_contact=child_contact,
        people=people,
        siblings=siblings,
        history=history(user, child, relations),
        writable=writable,
    )


def history(user: Any, child: Child, relations: list[GuardianRelation]) -> list[HistoryRow]:
    """Return the changes to the child's people, newest first, contact details hidden where the
    person's identity is protected and the user may not see it."""
    changes = list(PersonChange.objects.filter(child=child).select_related("changed_by")[:200])
    people = {
        p.pk: p
        for p in Guardian.objects.filter(
            pk__in=[c.record_id for c in changes if c.record == PersonChange.Record.PERSON]
        )
    }
    by_relation = {r.pk: r.guardian for r in relations}
    rows = []
    for c in changes:
        if c.record == PersonChange.Record.CHILD:
            who: Any = child
        elif c.record == PersonChange.Record.PERSON:
            who = people.get(c.record_id)
        else:
            who = by_relation.get(c.record_id)
        hidden = (
            c.field in CONTACT_FIELDS
            and who is not None
            and not policy.can_see_contact(user, child, who)
        )
        hide = str(_("Visas inte"))
        rows.append(
            HistoryRow(
                change=c,
                about=str(who) if who is not None else "–",
                field=str(FIELD_NAMES.get(c.field, c.field)),
                old=hide if hidden and c.old_value else c.old_value,
                new=hide if hidden and c.new_value else c.new_value,
                by=(
                    str(_("Folkbokföringen"))
                    if c.source == PersonChange.Source.REGISTER
                    else (str(c.changed_by) if c.changed_by else "–")
                ),
            )
        )
    return rows
