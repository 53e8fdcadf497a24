"""Fields and widgets shared by the casework forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

YES, NO = "yes", "no"
YES_NO = [(YES, _("Ja")), (NO, _("Nej"))]


class DateInput(forms.DateInput):
    """A native date picker that sends ISO dates."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """Return a date field with a date picker."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
    )


def text_field(label: str, *, required: bool = False, rows: int = 4, **kwargs) -> forms.CharField:
    """Return a free-text field (a textarea)."""
    return forms.CharField(
        label=label,
        required=required,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def yes_no_field(label: str, *, required: bool = True, help_text: str = "") -> forms.Field:
    """Return a yes/no radio group whose cleaned value is ``True``/``False`` (``None`` if empty)."""
    return forms.TypedChoiceField(
        label=label,
        required=required,
        help_text=help_text,
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda value: value == YES,
        empty_value=None,
    )


def yes_no(value: bool | None) -> str | None:
    """Return the radio value of a boolean (for ``initial``)."""
    if value is None:
        return None
    return YES if value else NO


def radio_field(label: str, choices, *, required: bool = False, **kwargs) -> forms.ChoiceField:
    """Return a radio group (rendered as a fieldset with a legend).

    Not required by default: the service says, in its own words, what is missing.
    """
    return forms.ChoiceField(
        label=label, choices=choices, required=required, widget=forms.RadioSelect, **kwargs
    )


def checkboxes_field(label: str, choices, *, required: bool = False) -> forms.MultipleChoiceField:
    """Return a group of checkboxes (rendered as a fieldset with a legend)."""
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
    )


class CaseworkForm(forms.Form):
    """A form whose fields render through ``web/investigation/_field.html``."""

    template_name = "web/investigation/_form_fields.html"

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
