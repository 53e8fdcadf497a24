"""The forms of the interventions page (*insatser*): decide, follow up, end and evaluate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from skyddsnat.cases.choices import DecidedBy
from skyddsnat.interventions import choices as c
from skyddsnat.web.casework_forms.base import (
    CaseworkForm,
    date_field,
    radio_field,
    text_field,
)
from skyddsnat.web.forms.base import yes_no_field

OPEN_CARE = [(k.value, k.label) for k in c.Kind if k not in c.PLACEMENT_KINDS]
PLACEMENTS = [(k.value, k.label) for k in c.Kind if k in c.PLACEMENT_KINDS]
KIND_CHOICES = [
    ("", _("Välj insats …")),
    (_("Öppenvård"), OPEN_CARE),
    (_("Placering"), PLACEMENTS),
]


class DecideForm(CaseworkForm):
    decided_on = date_field(_("Beslutsdatum"))
    decided_by = radio_field(_("Beslutat av"), DecidedBy.choices, initial=DecidedBy.DELEGATE)
    basis = forms.ChoiceField(
        label=_("Lagrum"), choices=[("", _("Välj …")), *c.Basis.choices], required=False
    )
    kind = forms.ChoiceField(label=_("Insats"), choices=KIND_CHOICES, required=False)
    start = date_field(_("Start"))
    planned_end = date_field(_("Planerat slut"), required=False)
    goals = text_field(
        _("Mål"),
        rows=4,
        help_text=_("Målen i genomförandeplanen eller vårdplanen; de följs upp i utvärderingen."),
    )
    text = text_field(_("Beslutets motivering"), rows=3)
    health_exam_before = yes_no_field(
        _("Hälsoundersökt före placeringen?"), required=False, help_text=_("Gäller placeringar.")
    )
    health_exam_on = date_field(_("Datum för hälsoundersökningen"), required=False)
    school_arranged = yes_no_field(
        _("Är skolgången ordnad?"), required=False, help_text=_("Gäller placeringar.")
    )
    foster_home_reference = forms.CharField(
        label=_("Familjehem eller boende (referens)"),
        required=False,
        max_length=100,
        help_text=_("Ett referensnummer, inte namn eller adress."),
    )

    placement_fields = (
        "health_exam_before",
        "health_exam_on",
        "school_arranged",
        "foster_home_reference",
    )


class VisitForm(CaseworkForm):
    visited_on = date_field(_("Besöksdatum"))
    child_talked_alone = yes_no_field(_("Pratade du enskilt med barnet?"))
    note = text_field(_("Anteckning"), rows=2)


class ReviewForm(CaseworkForm):
    held_on = date_field(_("Datum"))
    outcome = radio_field(_("Resultat"), c.ReviewOutcome.choices)
    note = text_field(_("Anteckning"), rows=2)


class CustodyForm(CaseworkForm):
    considered_on = date_field(_("Datum"))
    transfer_proposed = yes_no_field(_("Föreslås vårdnadsöverflyttning?"))
    note = text_field(_("Anteckning"), rows=2)


class EndForm(CaseworkForm):
    ended_on = date_field(_("Slutdatum"))
    end_reason = radio_field(_("Varför insatsen avslutades"), c.EndReason.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EvaluationForm(CaseworkForm):
    evaluated_on = date_field(_("Datum för utvärderingen"))
    goals_met = radio_field(_("Uppnåddes målen?"), c.GoalsMet.choices)
    child_view = text_field(_("Barnets syn på insatsen"), rows=4)
    child_view_not_documented_reason = text_field(
        _("Om barnets syn inte är dokumenterad: varför"), rows=2
    )
    guardian_view = text_field(_("Vårdnadshavares syn"), rows=3)
    method = forms.CharField(
        label=_("Metod"),
        required=False,
        max_length=200,
        help_text=_("Till exempel ett strukturerat instrument eller en barnenkät."),
    )


class LvuStepForm(CaseworkForm):
    on = date_field(_("Datum"))
