"""The forms of the investigation workspace (*utredning*), one per thing the caseworker records."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from skyddsnat.investigations import choices as c
from skyddsnat.web.casework_forms.base import (
    CaseworkForm,
    checkboxes_field,
    date_field,
    radio_field,
    text_field,
)
from skyddsnat.web.forms.base import yes_no_field

#: Where what is known about a sub-area comes from (stored as these codes).
SOURCES = [
    ("child", _("Barnet")),
    ("guardian", _("Vårdnadshavare")),
    ("school", _("Skola")),
    ("health_care", _("Hälso- och sjukvård")),
    ("child_psychiatry", _("BUP")),
    ("police", _("Polis")),
    ("other", _("Annan")),
]


def source_codes(stored: list[str]) -> list[str]:
    """Return the codes of ``stored`` sources; older data that stored the Swedish names is mapped."""
    by_name = {str(label).lower(): code for code, label in SOURCES}
    return [
        value if value in dict(SOURCES) else by_name.get(value.lower(), value) for value in stored
    ]


def source_labels(stored: list[str]) -> list[str]:
    """Return the Swedish names of ``stored`` sources, in the order of ``SOURCES``."""
    codes = source_codes(stored)
    known = [str(label) for code, label in SOURCES if code in codes]
    return known + [value for value in codes if value not in dict(SOURCES)]


class PlanForm(CaseworkForm):
    questions = text_field(_("Frågor att utreda"))
    contacts = text_field(_("Vilka som ska kontaktas"))
    child_participation = text_field(
        _("Hur barnet ska delta"),
        help_text=_("Till exempel samtal med barnet, hur och var, och vem som är med."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TriangleAreaForm(CaseworkForm):
    text = text_field(_("Beskrivning"), rows=4)
    rating = radio_field(_("Bedömning"), c.Rating.choices)
    sources = checkboxes_field(_("Källor"), SOURCES)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ConversationForm(CaseworkForm):
    held_on = date_field(_("Datum för samtalet"))
    alone = yes_no_field(_("Pratade du enskilt med barnet?"))
    present = forms.CharField(
        label=_("Andra närvarande"),
        required=False,
        max_length=200,
        help_text=_("Fyll i när samtalet inte var enskilt."),
    )
    child_view = text_field(
        _("Barnets inställning"),
        rows=5,
        help_text=_("Vad barnet berättade och vill, med barnets egna ord där det går."),
    )


class ExternalRequestForm(CaseworkForm):
    actor = forms.ChoiceField(
        label=_("Begäran till"), choices=[("", _("Välj …")), *c.Actor.choices], required=False
    )
    sent_on = date_field(_("Skickad"))
    note = forms.CharField(label=_("Vad som efterfrågades"), required=False, max_length=200)


class RequestAnswerForm(CaseworkForm):
    answered_on = date_field(_("Svar kom"))


class CommunicationForm(CaseworkForm):
    communicated_on = date_field(_("Kommunicerad"))
    party = forms.CharField(
        label=_("Med vem"),
        required=False,
        max_length=200,
        help_text=_("Till exempel vårdnadshavare, barnet eller ombud."),
    )


class ExtensionForm(CaseworkForm):
    decided_on = date_field(_("Beslutsdatum"))
    decided_by = radio_field(_("Beslutat av"), c.DecidedBy.choices)
    reason = text_field(_("Skäl till förlängningen"), rows=3)
    new_due_date = date_field(_("Ny sista dag"))


class CloseForm(CaseworkForm):
    closed_on = date_field(_("Avslutad"))
    outcome = radio_field(_("Utredningens resultat"), c.Outcome.choices)
    analysis = text_field(
        _("Bedömning och analys"),
        rows=8,
        help_text=_("Sammanvägd bedömning av barnets behov utifrån triangelns tre sidor."),
    )
    delay_reasons = checkboxes_field(_("Skäl till förseningen"), c.DelayReason.choices)
    delay_other_text = forms.CharField(label=_("Annat skäl"), required=False)
    support_person_offered = yes_no_field(_("Har barnet erbjudits barnombud?"))
    child_view_documented = yes_no_field(_("Är barnets inställning dokumenterad?"))
    child_view_not_documented_reason = text_field(
        _("Om barnets inställning inte är dokumenterad: varför"), rows=2
    )
