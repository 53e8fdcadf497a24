"""The family panel of the case page (``web/case/_overview_child.html``): what the user sees of
the child's people (``people.family_view``) with the forms to change them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms

from skyddsnat.cases.models import Case
from skyddsnat.people.family_view import FamilyView, Related, family_view
from skyddsnat.web.forms.family import AddPersonForm, ChildForm, RelatedForm


@dataclass
class Panel:
    view: FamilyView
    people: list[tuple[Related, forms.Form | None]]
    child_form: forms.Form | None = None
    add_form: forms.Form | None = None
    register: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def family_panel(request: Any, case: Case, bound: dict[str, forms.Form] | None = None) -> Panel:
    """Return the panel of ``case``'s child for ``request.user`` (``bound``: a form that failed,
    by its prefix, shown again with what was typed)."""
    bound = bound or {}
    view = family_view(request.user, case)
    child = view.child
    if not view.writable:
        return Panel(view, [(p, None) for p in view.people])
    return Panel(
        view,
        [
            (
                p,
                bound.get(f"family-{p.relation.pk}")
                or RelatedForm.for_relation(p.relation, contact=p.show_contact),
            )
            for p in view.people
        ],
        child_form=bound.get("family-child")
        or ChildForm.for_child(child, contact=view.show_child_contact),
        add_form=bound.get("family-add") or AddPersonForm(),
        register=bool(child.personal_identity_number),
    )
