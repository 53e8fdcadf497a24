"""The intake form (*mottagning*): one report, one or more children."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skyddsnat import clock
from skyddsnat.errors import ServiceError
from skyddsnat.intake import choices as c
from skyddsnat.intake.services import ReporterInput, ReportInput
from skyddsnat.limits import MAX_CHILDREN_PER_REPORT
from skyddsnat.people.identity import normalise_identity_number
from skyddsnat.people.services import ChildInput
from skyddsnat.web.forms.base import (
    DateInput,
    Groups,
    SkyddsnatForm,
    TimeInput,
    aware,
    line_field,
    text_field,
)

CHILDREN_PREFIX = "children"
MAX_CHILDREN = MAX_CHILDREN_PER_REPORT


def mandatory_for(category: str, received_on: date | None = None) -> bool:
    """Return whether reporters of ``category`` are mandatory reporters by the law's list in
    force on ``received_on`` (default today)."""
    return c.is_mandatory_reporter(category, received_on or clock.today())


def day_or_none(query) -> date | None:
    """Return the report's received date typed so far (``received_date``), or None."""
    try:
        return date.fromisoformat(query.get("received_date", ""))
    except ValueError:
        return None


class ReportForm(SkyddsnatForm):
    """The report: when, how, from whom, why. Defaults do most of the work."""

    #: The key of the author's draft of its texts; it has no case yet (``journal.drafts``).
    draft: ClassVar[str] = "intake.report"

    service_fields = {
        "received_at": "received_date",
        "reporter.category": "reporter_category",
        "reporter.feedback_requested": "reporter_feedback_requested",
    }
    groups: ClassVar[Groups] = [
        (
            _("Anmälaren"),
            [
                ("reporter_category", "reporter_mandatory"),
                ("reporter_name", "reporter_organisation", "reporter_contact"),
            ],
        ),
        (_("Oron"), ["reasons", "account", "urgency"]),
        (_("Mottagen"), [("received_date", "received_time", "channel"), "confirm_unusual_date"]),
    ]

    received_date = forms.DateField(label=_("Datum då anmälan kom in"), widget=DateInput())
    received_time = forms.TimeField(
        label=_("Klockslag"),
        widget=TimeInput(),
        help_text=_("Svensk tid. Tidsfristerna räknas från när anmälan kom in."),
    )
    channel = forms.ChoiceField(
        label=_("Hur kom anmälan in?"), choices=c.Channel.choices, initial=c.Channel.PHONE
    )
    #: Shown with the service's question when the date is implausible (before the child was
    #: born, or years back): a historical report is registered on purpose once ticked.
    confirm_unusual_date = forms.BooleanField(
        label=_("Jag bekräftar datumet"),
        required=False,
        template_name="web/intake/_confirm_date.html",
    )
    reporter_category = forms.ChoiceField(
        label=_("Vem anmäler?"),
        choices=[("", _("Välj anmälarens kategori")), *c.ReporterCategory.choices],
        required=False,
    )
    reporter_mandatory = forms.BooleanField(
        label=_("Anmälningsskyldig (myndighet eller yrkesperson)"),
        required=False,
        help_text=_(
            "Förvalt efter kategori och dagen anmälan kom in. Anmälningsskyldiga som begär det "
            "ska få återkoppling."
        ),
        template_name="web/intake/_mandatory.html",  # with its preset, swapped by htmx
    )
    #: The category the checkbox was preset for; when it differs, the category decides.
    mandatory_preset_for = forms.CharField(required=False, widget=forms.HiddenInput)
    #: Shown for mandatory reporters only (the stylesheet hides it while the box above is empty);
    #: rendered with the checkbox by its template.
    reporter_feedback_requested = forms.BooleanField(
        label=_("Anmälaren begär återkoppling"),
        required=False,
        help_text=_(
            "Besked om utredning inleds ska då lämnas senast en vecka efter beslutet "
            "(19 kap. 6 § SoL)."
        ),
    )
    reporter_name = line_field(_("Anmälarens namn"))
    reporter_organisation = line_field(_("Organisation"))
    reporter_contact = line_field(
        _("Kontaktuppgift till anmälaren"),
        help_text=_("Telefon eller e-post, för frågor och återkoppling."),
    )
    reasons = forms.MultipleChoiceField(
        label=_("Skäl till oron"),
        choices=c.Reason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices grid"}),
        help_text=_("Välj ett eller flera."),
    )
    account = text_field(
        _("Anmälarens berättelse"), rows=5, help_text=_("Med anmälarens egna ord.")
    )
    urgency = forms.ChoiceField(
        label=_("Brådska"),
        choices=c.Urgency.choices,
        initial=c.Urgency.NORMAL,
        widget=forms.RadioSelect(attrs={"class": "choices"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        now = timezone.localtime(clock.now())
        kwargs.setdefault(
            "initial", {"received_date": now.date(), "received_time": now.time().replace(second=0)}
        )
        super().__init__(*args, **kwargs)
        self.fields["reporter_category"].widget.attrs.update(
            {
                "hx-get": reverse("web:intake_mandatory"),
                "hx-trigger": "change",
                "hx-target": "#mandatory-field",
                "hx-swap": "outerHTML",
                "hx-include": "[name=received_date],[name=reporter_feedback_requested]",
            }
        )

    def mandatory(self) -> bool | None:
        """Return whether the reporter is a mandatory reporter, or None to let the category say.

        The checkbox counts as it stands when it was preset for the chosen category (htmx);
        otherwise (no JS, or a stale preset) a tick means yes and no tick lets the category decide.
        """
        data = self.cleaned_data
        if data["mandatory_preset_for"] == data["reporter_category"]:
            return data["reporter_mandatory"]
        return True if data["reporter_mandatory"] else None


class ChildForm(SkyddsnatForm):
    """One child of the report: an identity number, or a name and a birth date."""

    personal_identity_number = line_field(
        _("Personnummer"),
        max_length=20,
        help_text=_("ÅÅÅÅMMDD-NNNN. Utan personnummer: ange namn och födelsedatum."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    name = line_field(
        _("Namn"),
        help_text=_("Behövs när personnumret inte är känt eller barnet är nytt i kommunen."),
    )
    birth_date = forms.DateField(
        label=_("Födelsedatum"),
        required=False,
        widget=DateInput(),
        help_text=_("Behövs när personnumret inte är känt."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        number = self["personal_identity_number"]
        number.field.widget.attrs.update(
            {
                # Posted (CSRF in the layout's hx-headers), only this field: a number never
                # travels in an address, where every access log would keep it.
                "hx-post": reverse("web:intake_child"),
                "hx-params": number.html_name,
                "hx-trigger": "input changed delay:400ms, change",
                "hx-target": f"#{number.auto_id}_lookup",
                "hx-sync": "this:replace",
            }
        )

    @property
    def summary_prefix(self) -> str:  # type: ignore[override]
        index = int(self.prefix.rsplit("-", 1)[-1]) if self.prefix else 0
        return _("Barn %(n)d – ") % {"n": index + 1}

    def child_input(self) -> ChildInput:
        data = self.cleaned_data
        return ChildInput.from_name(
            data["name"],
            personal_identity_number=data["personal_identity_number"].strip(),
            birth_date=data["birth_date"],
        )


class BaseChildFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _(
            "En anmälan kan gälla högst %(num)d barn. Registrera övriga barn i en ny anmälan."
        ),
    }

    def filled_forms(self) -> list[ChildForm]:
        """Return the rows that name a child (an empty extra row does not count)."""
        return [f for f in self.forms if f.cleaned_data and any(f.cleaned_data.values())] or (
            self.forms[:1]
        )


ChildFormSet = forms.formset_factory(
    ChildForm,
    formset=BaseChildFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_CHILDREN,
    absolute_max=MAX_CHILDREN,
)


def children_formset(data=None) -> BaseChildFormSet:
    return ChildFormSet(data, prefix=CHILDREN_PREFIX)


def typed_values(form: forms.BaseForm) -> dict:
    """Return what was typed into ``form``, to show it again without judging it."""
    return {name: form[name].value() for name in form.fields}


def _same_number(value: str) -> str:
    """Return the last ten digits of a typed number (how two typings of one number compare)."""
    return "".join(ch for ch in normalise_identity_number(value) if ch.isdigit())[-10:]


def with_one_more_child(data, number: str = "") -> tuple[ReportForm, BaseChildFormSet]:
    """Return unbound forms holding what was typed, with one more child row: empty, or the
    sibling with ``number`` (offered from the population register; an empty last row takes it,
    and a number already in the form is not added twice)."""
    rows = [typed_values(child) for child in children_formset(data).forms]
    if not number:
        rows = [*rows, {}]
    elif _same_number(number) not in {
        _same_number(str(r.get("personal_identity_number") or "")) for r in rows
    }:
        sibling = {"personal_identity_number": number}
        last = rows[-1] if rows else None
        if last is not None and not any(last.values()):
            rows[-1] = sibling
        else:
            rows.append(sibling)
    rows = rows[:MAX_CHILDREN]
    form = ReportForm(initial=typed_values(ReportForm(data)))
    return form, ChildFormSet(initial=rows, prefix=CHILDREN_PREFIX)


def report_input(form: ReportForm, children: list[ChildForm]) -> ReportInput:
    """Return the service input of the valid ``form`` and ``children``."""
    data = form.cleaned_data
    return ReportInput(
        received_at=aware(data["received_date"], data["received_time"]),
        channel=data["channel"],
        reporter=ReporterInput(
            category=data["reporter_category"],
            mandatory=form.mandatory(),
            name=data["reporter_name"],
            organisation=data["reporter_organisation"],
            contact=data["reporter_contact"],
            feedback_requested=data["reporter_feedback_requested"],
        ),
        reasons=data["reasons"],
        children=[child.child_input() for child in children],
        account=data["account"],
        urgency=data["urgency"],
        confirm_unusual_date=data["confirm_unusual_date"],
    )


def place_report_errors(
    exc: ServiceError, form: ReportForm, children: list[ChildForm]
) -> list[str]:
    """Put the service's messages next to the fields; return those about the children as a whole."""
    about_children: list[str] = []
    rest: dict[str, list[str]] = {}
    for key, messages in exc.errors.items():
        parts = key.split(".")
        if key == "children":
            about_children.extend(messages)
        elif parts[0] == "children" and len(parts) == 3 and int(parts[1]) < len(children):
            child = children[int(parts[1])]
            for message in messages:
                child.add_error(parts[2] if parts[2] in child.fields else None, message)
        else:
            rest[key] = messages
    if rest or not exc.errors:
        form.add_service_errors(ServiceError(exc.message, rest))
    return about_children
