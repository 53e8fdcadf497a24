"""Fields and widgets shared by the casework forms."""

from __future__ import annotations

from django import forms

from skyddsnat.web.forms.base import DateInput


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
