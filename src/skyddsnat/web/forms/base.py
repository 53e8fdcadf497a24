"""What every form of the web shares: the field template, service errors, the error summary,
the fields they are made of, and how a form that is one action on a case calls its service."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skyddsnat import clock
from skyddsnat.errors import ServiceError
from skyddsnat.journal import drafts
from skyddsnat.limits import MAX_TEXT_CHARS, too_long
from skyddsnat.web.access import add_service_errors

if TYPE_CHECKING:
    from skyddsnat.accounts.models import User
    from skyddsnat.cases.models import Case

FIELD_TEMPLATE = "web/case/_overview_field.html"


YES, NO = "yes", "no"
YES_NO = [(YES, gettext_lazy("Ja")), (NO, gettext_lazy("Nej"))]


def today() -> date:
    """Return today, when a form is shown: the ``initial`` of a date field that starts as today."""
    return clock.today()


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


#: A form's layout: (legend or None, rows); a row is a field's name, or a tuple of names that
#: stand side by side. ``web/case/_groups.html`` renders it.
Groups = list[tuple[object, list[str | tuple[str, ...]]]]


class SkyddsnatForm(forms.Form):
    """A form whose fields render with label, help and errors tied together for screen readers."""

    #: Service field names that this form calls something else (``{"made_at": "made_date"}``).
    service_fields: Mapping[str, str] = {}
    #: What the error summary puts before the field's label (e.g. "Barn 2 – ").
    summary_prefix = ""
    #: How its fields are laid out, when it says (``grouped``).
    groups: ClassVar[Groups] = []

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = field.template_name or FIELD_TEMPLATE
        limit_free_texts(self)

    def grouped(self) -> list[tuple[object, list[list[forms.BoundField]]]]:
        """Return the groups of ``groups`` as rows of bound fields."""
        return [
            (legend, [[self[n] for n in ((r,) if isinstance(r, str) else r)] for r in rows])
            for legend, rows in self.groups
        ]

    @property
    def errors_id(self) -> str:
        return errors_id(self)

    def add_service_errors(self, exc: ServiceError) -> None:
        """Put the service's Swedish messages next to this form's fields."""
        add_service_errors(self, exc)


class ServiceAction:
    """A form that is one action on a case, done by one service behind ``case_action``.

    The service is called with the acting user, the ids of what it acts on (``case_id=…``, or
    ``intervention_id=…`` for a record of the case) and the form's cleaned data as its other
    keyword arguments: ``version`` as ``expected_version``, and all of them as one ``record``
    when the service takes its input so (``data=PreliminaryInput(…)``). A form whose fields are
    not the service's arguments says how they become them (``arguments``).
    """

    service: ClassVar[Callable[..., object]]
    record: ClassVar[Callable[..., object] | None] = None

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        """Return the service's keyword arguments (but the ids) from the cleaned ``data``."""
        values = dict(data)
        if "version" in values:
            values["expected_version"] = values.pop("version")
        record = type(self).record
        return {"data": record(**values)} if record is not None else values

    def calling(
        self, acting_user: User, ids: dict[str, Any], *, case: Case, draft: str = ""
    ) -> Callable[[dict[str, Any]], object]:
        """Return the call ``web.posting`` makes with the cleaned data.

        ``draft``: the key of the author's draft of the form's texts, removed with the save
        (both or neither).
        """
        service = type(self).service

        def call(data: dict[str, Any]) -> object:
            with transaction.atomic():
                value = service(acting_user=acting_user, **ids, **self.arguments(data))
                if draft:
                    drafts.discard_form_draft(acting_user=acting_user, case=case, form_key=draft)
            return value

        return call


def text_field(
    label: object, *, required: bool = False, rows: int = 4, **kwargs
) -> forms.CharField:
    """Return a free-text field (a textarea)."""
    return forms.CharField(
        label=label,
        required=required,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def line_field(
    label: object, *, required: bool = False, max_length: int | None = 200, **kwargs
) -> forms.CharField:
    """Return a line of text, not required unless said (a name, a reference, who was there)."""
    return forms.CharField(label=label, required=required, max_length=max_length, **kwargs)


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
