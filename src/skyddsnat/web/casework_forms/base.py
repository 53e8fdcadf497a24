"""Fields and widgets shared by the casework forms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

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


@dataclass(frozen=True)
class Section:
    """A part of a casework page: its element id, its template, its name in the page's contents."""

    id: str
    template: str
    toc: str
    toc_closed: str = ""  # its name once the investigation is closed, when another


class ActionForm(CaseworkForm):
    """A casework form that is one action of a page, declared once, here.

    A subclass with a ``kind`` is registered in its page's ``registry``; the page's URL patterns,
    its view, its sections and the drafts are driven from there.
    """

    registry: ClassVar[dict[str, type[ActionForm]]]
    kind: ClassVar[str] = ""
    #: The URL under the page's; ``<int:key>`` or ``<str:key>`` names what the action is about.
    route: ClassVar[str] = ""
    message: ClassVar[object] = ""  # said when it is saved
    section: ClassVar[Section]
    #: htmx gets the section back (its template, swapped in place); else the page reloads.
    htmx: ClassVar[bool] = False
    fragment: ClassVar[str] = ""  # another template htmx gets back
    changes: ClassVar[str] = ""  # the element id it changes ("{key}": the form's prefix)
    today: ClassVar[str] = ""  # the date field that starts as today
    draft: ClassVar[str] = ""  # the key of the drafts of its texts ("{key}" filled in)

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            cls.registry[cls.kind] = cls

    @classmethod
    def keyed(cls) -> bool:
        return "<" in cls.route

    @classmethod
    def fragment_template(cls) -> str:
        return cls.fragment or (cls.section.template if cls.htmx else "")

    @classmethod
    def changed_id(cls, prefix: str) -> str:
        return (cls.changes or cls.section.id).format(key=prefix)

    @classmethod
    def draft_key(cls, key: str = "") -> str:
        return cls.draft.format(key=key)

    def perform(self, user, case, key: str, data: dict) -> object:
        """Call the service with the cleaned ``data``; return what it made."""
        raise NotImplementedError
