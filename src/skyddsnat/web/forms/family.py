"""The family panel's forms: the child's details, a person added, a person and relation changed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skyddsnat.people.family import PersonInput
from skyddsnat.people.models import Child, GuardianRelation
from skyddsnat.web.forms.base import DateInput, SkyddsnatForm, line_field


class PersonFields(SkyddsnatForm):
    """A person's name and contact details; without the contact fields when they are hidden
    (``contact=False``: a protected identity the user may not see)."""

    first_name = line_field(_("Förnamn"), required=True, max_length=100)
    last_name = line_field(_("Efternamn"), max_length=100)
    address = line_field(_("Adress"), max_length=200)
    phone = line_field(_("Telefon"), max_length=40)

    def __init__(self, *args: Any, contact: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not contact:
            del self.fields["address"]
            del self.fields["phone"]

    def person(self, data: dict[str, Any], kept: Any = None) -> PersonInput:
        """Return the typed person; hidden contact fields keep ``kept``'s values."""
        return PersonInput(
            first_name=data["first_name"],
            last_name=data["last_name"],
            address=data["address"] if "address" in data else getattr(kept, "address", ""),
            phone=data["phone"] if "phone" in data else getattr(kept, "phone", ""),
        )


class ChildForm(PersonFields):
    """The child's name and contact details."""

    @classmethod
    def for_child(cls, child: Child, *, contact: bool, data: Any = None) -> ChildForm:
        initial = {"first_name": child.first_name, "last_name": child.last_name}
        if contact:
            initial |= {"address": child.address, "phone": child.phone}
        return cls(data, prefix="family-child", initial=initial, contact=contact)


def _kind_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Relation till barnet"), choices=GuardianRelation.Kind.choices)


def _custody_field() -> forms.BooleanField:
    return forms.BooleanField(label=_("Har vårdnaden om barnet"), required=False)


class AddPersonForm(PersonFields):
    """A person around the child: by identity number (the register fills in the rest) or name."""

    kind = _kind_field()
    has_custody = _custody_field()
    personal_identity_number = line_field(
        _("Personnummer"),
        max_length=20,
        help_text=_("Finns personen i folkbokföringen hämtas namn och adress därifrån."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    field_order = ("kind", "has_custody", "personal_identity_number")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="family-add", **kwargs)
        self.fields["first_name"].required = False
        self.fields["first_name"].help_text = _("Behövs när personnumret inte är känt.")


class RelatedForm(PersonFields):
    """One person around the child and the relation, changed together."""

    kind = _kind_field()
    has_custody = _custody_field()
    ended_on = forms.DateField(
        label=_("Relationen upphörde"),
        required=False,
        widget=DateInput(),
        help_text=_("Till exempel när ett familjehem inte längre är aktuellt."),
    )

    @classmethod
    def for_relation(
        cls, relation: GuardianRelation, *, contact: bool, data: Any = None
    ) -> RelatedForm:
        person = relation.guardian
        initial: dict[str, Any] = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "kind": relation.kind,
            "has_custody": relation.has_custody,
            "ended_on": relation.ended_on,
        }
        if contact:
            initial |= {"address": person.address, "phone": person.phone}
        return cls(data, prefix=f"family-{relation.pk}", initial=initial, contact=contact)
