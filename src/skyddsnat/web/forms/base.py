"""What every form of the web shares: the field template, service errors, the error summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skyddsnat.errors import ServiceError
from skyddsnat.limits import MAX_TEXT_CHARS, too_long
from skyddsnat.web.access import add_service_errors

FIELD_TEMPLATE = "web/case/_overview_field.html"


YES, NO = "yes", "no"
YES_NO = [(YES, gettext_lazy("Ja")), (NO, gettext_lazy("Nej"))]


class DateInput(forms.DateInput):
    """A native date picker that sends ISO dates (every date field of the web uses it)."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


def free_text_limit(value: str) -> None:
    """Refuse a free text longer than ``limits.MAX_TEXT_CHARS`` (the services refuse it too)."""
    if len(value) > MAX_TEXT_CHARS:
        raise ValidationError(too_long(len(value), MAX_TEXT_CHARS), code="max_length")


def limit_free_texts(form: forms.BaseForm) -> None:
    """Give every text field of ``form`` without a length of its own the free-text limit.

    A validator, not a ``maxlength`` attribute: a browser cuts a pasted text at ``maxlength``
    without a word; the form says how long the text is and keeps it to be shortened.
    """
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length is None:
            field.validators.append(free_text_limit)


class SkyddsnatForm(forms.Form):
    """A form whose fields render with label, help and errors tied together for screen readers."""

    #: Service field names that this form calls something else (``{"made_at": "made_date"}``).
    service_fields: Mapping[str, str] = {}
    #: What the error summary puts before the field's label (e.g. "Barn 2 – ").
    summary_prefix = ""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = FIELD_TEMPLATE
        limit_free_texts(self)

    @property
    def errors_id(self) -> str:
        return errors_id(self)

    def add_service_errors(self, exc: ServiceError) -> None:
        """Put the service's Swedish messages next to this form's fields."""
        add_service_errors(self, exc)


def yes_no_field(
    label: object, *, required: bool = True, attrs: dict | None = None, **kwargs
) -> forms.TypedChoiceField:
    """Return a yes/no radio group whose cleaned value is ``True``/``False`` (``None`` if empty)."""
    return forms.TypedChoiceField(
        label=label,
        required=required,
        choices=YES_NO,
        widget=forms.RadioSelect(attrs=attrs),
        coerce=lambda value: value == YES,
        empty_value=None,
        **kwargs,
    )


def yes_no(value: bool | None) -> str | None:
    """Return the radio value of a boolean (for ``initial``)."""
    if value is None:
        return None
    return YES if value else NO


def aware(day: date, at: time) -> datetime:
    """Return the Swedish local ``day`` and ``at`` as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, at))


def errors_id(form: forms.BaseForm) -> str:
    """Return the id of the element that shows ``form``'s non-field errors."""
    return f"{form.prefix or 'form'}-errors"


@dataclass(frozen=True)
class ErrorLink:
    href: str
    label: str
    message: str


def error_links(*forms_: forms.BaseForm) -> list[ErrorLink]:
    """Return one link per error, to the field it is about (the error summary at the top)."""
    links = []
    for form in forms_:
        if not form.is_bound:
            continue
        for name, errors in form.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                target, label = errors_id(form), _("Formuläret")
            else:
                bound = form[name]
                multiple = isinstance(
                    bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
                )
                target = f"{bound.auto_id}_0" if multiple else bound.auto_id
                label = f"{form.summary_prefix}{bound.label}"
            links.extend(ErrorLink(f"#{target}", label, str(e)) for e in errors)
    return links
