"""The forms of the interventions page (*insatser*): decide, follow up, end and evaluate.

Each form is one action and declares all of it (``ActionForm``): its URL under the page, what it
is about (``subject``: an intervention, an emergency custody or the case), the service it calls,
its message, the part of the page it changes and whether the page offers it (``offered``). The
URL patterns, the view and the page's forms are driven from ``ACTIONS``.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from skyddsnat.cases.choices import DecidedBy
from skyddsnat.interventions import choices as c
from skyddsnat.interventions import services as s
from skyddsnat.interventions.models import EmergencyCustody, Intervention
from skyddsnat.web.casework_forms.base import ActionForm, Section, date_field, radio_field
from skyddsnat.web.forms.base import line_field, text_field, yes_no_field

OPEN_CARE = [(k.value, k.label) for k in c.Kind if k not in c.PLACEMENT_KINDS]
PLACEMENTS = [(k.value, k.label) for k in c.Kind if k in c.PLACEMENT_KINDS]
KIND_CHOICES = [
    ("", _("Välj insats …")),
    (_("Öppenvård"), OPEN_CARE),
    (_("Placering"), PLACEMENTS),
]

DECIDE = Section("beslut", "_decide.html")
INTERVENTION = Section("insats-{key}", "_intervention.html", swapped=True)  # an intervention's card
CUSTODIES = Section("lvu", "_custodies.html")


class InterventionAction(ActionForm):
    """An action of the interventions page (registered in ``ACTIONS`` by its ``action``)."""

    registry: ClassVar[dict[str, type[ActionForm]]] = {}
    page = "interventions"

    @classmethod
    def offered(cls, subject: Any) -> bool:
        """Return whether the page offers the action for ``subject`` (as it stands)."""
        return True


class InterventionFollowUp(InterventionAction):
    """An action about one of the case's interventions; htmx gets its card back."""

    section = INTERVENTION
    about = "intervention_id"
    subject_model = Intervention

    @classmethod
    def offered(cls, subject: Intervention) -> bool:
        return subject.ended_on is None and subject.is_placement


class DecideForm(InterventionAction):
    action = "decide"
    route = "beslut/"
    message = _("Beslutet är registrerat och signerat.")
    section = DECIDE
    draft = "decision"
    service = s.decide_intervention
    record = s.InterventionInput

    decided_on = date_field(_("Beslutsdatum"), starts_today=True)
    decided_by = radio_field(_("Beslutat av"), DecidedBy.choices, initial=DecidedBy.DELEGATE)
    basis = forms.ChoiceField(
        label=_("Lagrum"), choices=[("", _("Välj …")), *c.Basis.choices], required=False
    )
    kind = forms.ChoiceField(label=_("Insats"), choices=KIND_CHOICES, required=False)
    start = date_field(_("Start"), starts_today=True)
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
    foster_home_reference = line_field(
        _("Familjehem eller boende (referens)"),
        max_length=100,
        help_text=_("Ett referensnummer, inte namn eller adress."),
    )

    placement_fields = (
        "health_exam_before",
        "health_exam_on",
        "school_arranged",
        "foster_home_reference",
    )


class VisitForm(InterventionFollowUp):
    action = "visit"
    route = "<int:key>/besok/"
    message = _("Besöket är registrerat.")
    draft = "visit.{key}"
    service = s.record_visit

    visited_on = date_field(_("Besöksdatum"), starts_today=True)
    child_talked_alone = yes_no_field(_("Pratade du enskilt med barnet?"))
    note = text_field(_("Anteckning"), rows=2)


class ReviewForm(InterventionFollowUp):
    action = "review"
    route = "<int:key>/overvagande/"
    message = _("Övervägandet är registrerat.")
    draft = "review.{key}"
    service = s.record_review

    held_on = date_field(_("Datum"), starts_today=True)
    outcome = radio_field(_("Resultat"), c.ReviewOutcome.choices)
    note = text_field(_("Anteckning"), rows=2)


class CustodyForm(InterventionFollowUp):
    action = "custody"
    route = "<int:key>/vardnadsoverflyttning/"
    message = _("Övervägandet om vårdnadsöverflyttning är registrerat.")
    draft = "custody.{key}"
    service = s.record_custody_consideration

    considered_on = date_field(_("Datum"), starts_today=True)
    transfer_proposed = yes_no_field(_("Föreslås vårdnadsöverflyttning?"))
    note = text_field(_("Anteckning"), rows=2)

    @classmethod
    def offered(cls, subject: Intervention) -> bool:
        return super().offered(subject) and subject.kind in c.FOSTER_HOME_KINDS


class EndForm(InterventionFollowUp):
    action = "end"
    route = "<int:key>/avslut/"
    message = _("Insatsen är avslutad.")
    service = s.end_intervention

    @classmethod
    def offered(cls, subject: Intervention) -> bool:
        return subject.ended_on is None

    ended_on = date_field(_("Slutdatum"), starts_today=True)
    end_reason = radio_field(_("Varför insatsen avslutades"), c.EndReason.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EvaluationForm(InterventionFollowUp):
    action = "evaluation"
    route = "<int:key>/utvardering/"
    message = _("Utvärderingen är registrerad och signerad.")
    draft = "evaluation.{key}"
    service = s.record_evaluation
    record = s.EvaluationInput

    @classmethod
    def offered(cls, subject: Intervention) -> bool:
        return subject.ended_on is not None and not hasattr(subject, "evaluation")

    evaluated_on = date_field(_("Datum för utvärderingen"), starts_today=True)
    goals_met = radio_field(_("Uppnåddes målen?"), c.GoalsMet.choices)
    child_view = text_field(_("Barnets syn på insatsen"), rows=4)
    child_view_not_documented_reason = text_field(
        _("Om barnets syn inte är dokumenterad: varför"), rows=2
    )
    guardian_view = text_field(_("Vårdnadshavares syn"), rows=3)
    method = line_field(
        _("Metod"), help_text=_("Till exempel ett strukturerat instrument eller en barnenkät.")
    )


class LvuStepForm(InterventionAction):
    """A court step of an emergency custody (LVU 6 §): its date; the step is the action."""

    section = CUSTODIES
    service = s.record_lvu_step
    about = "custody_id"
    subject_model = EmergencyCustody

    on = date_field(_("Datum"), starts_today=True)

    @classmethod
    def offered(cls, subject: EmergencyCustody) -> bool:
        return getattr(subject, f"{cls.action}_on") is None

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**super().arguments(data), "step": self.action}


class CourtSubmittedForm(LvuStepForm):
    action = "court_submitted"
    route = "lvu/<int:key>/understallning/"
    message = _("Underställningen är registrerad.")


class CareAppliedForm(LvuStepForm):
    action = "care_applied"
    route = "lvu/<int:key>/ansokan/"
    message = _("Ansökan om vård är registrerad.")


#: Every action of the page by its name.
ACTIONS = cast(dict[str, type[InterventionAction]], InterventionAction.registry)
