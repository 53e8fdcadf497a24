"""The forms of the interventions page (*insatser*): decide, follow up, end and evaluate.

Each form is one action and declares all of it (``ActionForm``): its URL under the page, what it
is about (``subject``: an intervention, an emergency custody or the case), the service it calls,
its message, the part of the page it changes and whether the page offers it (``offered``). The
URL patterns, the view and the page's forms are driven from ``ACTIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from skyddsnat.cases.choices import DecidedBy
from skyddsnat.interventions import care, lvu
from skyddsnat.interventions import choices as c
from skyddsnat.interventions import protected_housing as ph
from skyddsnat.interventions import services as s
from skyddsnat.interventions.models import (
    EmergencyCustody,
    Intervention,
    LulStatement,
    LvuCourtCase,
    LvuMeasure,
    ProtectedHousingOrder,
    YouthService,
)
from skyddsnat.web.casework_forms.base import ActionForm, Section, date_field, radio_field
from skyddsnat.web.forms.base import line_field, text_field, yes_no_field

if TYPE_CHECKING:
    from skyddsnat.accounts.models import User
    from skyddsnat.cases.models import Case

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
LVU = Section("lvu-domstol", "_lvu.html")  # the court path and the LVU measures
YOUTH = Section("ungdom", "_youth.html")  # youth offending: LUL statements, youth service
#: Protected housing without the other guardian's consent, lag (2024:79) (decision 0043).
HOUSING = Section("skyddat-boende", "_protected_housing.html")


class InterventionAction(ActionForm):
    """An action of the interventions page (registered in ``ACTIONS`` by its ``action``)."""

    registry: ClassVar[dict[str, type[ActionForm]]] = {}
    page = "interventions"

    @classmethod
    def offered(cls, subject: Any) -> bool:
        """Return whether the page offers the action for ``subject`` (as it stands)."""
        return True

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        """Return what the form shows on ``case`` before anything is typed (drafts over it)."""
        return {}


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
    guardian_consent = radio_field(_("Vårdnadshavarnas samtycke"), c.GuardianConsent.choices)
    child_consent = radio_field(
        _("Barnets samtycke"),
        c.ChildConsent.choices,
        help_text=_("Barnets samtycke krävs från 15 år (1 § LVU)."),
    )
    child_view = text_field(_("Barnets inställning"), rows=2)

    placement_fields = (
        "health_exam_before",
        "health_exam_on",
        "school_arranged",
        "foster_home_reference",
    )

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        """The legal basis and kind the closed investigation proposed (decision 0037); the
        user may change them."""
        investigation = getattr(case, "investigation", None)
        if investigation is None or investigation.closed_on is None:
            return {}
        proposal = {"basis": investigation.proposed_basis, "kind": investigation.proposed_kind}
        return {name: value for name, value in proposal.items() if value}


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


class BestInterestsForm(InterventionFollowUp):
    """The best-interests assessment (*barnets bästa*, SoL 2025:400 3 kap. 1–2 §§) of the
    decision that granted the intervention: signed, once per decision."""

    action = "best_interests"
    route = "<int:key>/barnets-basta/"
    message = _("Bedömningen av barnets bästa är registrerad och signerad.")
    draft = "best_interests.{key}"
    service = s.record_best_interests
    record = s.BestInterestsInput

    @classmethod
    def offered(cls, subject: Intervention) -> bool:
        return not hasattr(subject.decision, "best_interests")

    child_view = text_field(
        _("Vad barnet har sagt"),
        rows=3,
        help_text=_("Barnets åsikter om beslutet, med barnets egna ord där det går."),
    )
    child_view_not_documented_reason = text_field(
        _("Om barnets åsikter inte är dokumenterade: varför"), rows=2
    )
    weighing = text_field(
        _("Hur barnets åsikter har vägts"),
        rows=3,
        help_text=_("Med hänsyn till barnets ålder och mognad."),
    )
    conclusion = text_field(
        _("Barnets bästa"),
        rows=3,
        help_text=_("Vad som bedöms vara barnets bästa och hur beslutet följer av det."),
    )

    def call(self, user: User, case: Case, key: str) -> Callable[[dict[str, Any]], object]:
        """The service acts on the intervention's decision."""
        intervention = cast(Intervention, self.subject(case, key))
        return self.calling(
            user, {"decision_id": intervention.decision_id}, case=case, draft=self.draft_key(key)
        )


class LvuFollowUpForm(InterventionFollowUp):
    """The follow-up after LVU care ended (21 b § LVU): started on the ended care's card."""

    action = "lvu_follow_up"
    route = "<int:key>/lvu-uppfoljning/"
    message = _("Uppföljningen efter LVU-vården är inledd.")
    draft = "lvu_follow_up.{key}"
    service = lvu.start_lvu_follow_up

    started_on = date_field(_("Inledd"), starts_today=True)
    note = text_field(
        _("Anteckning"),
        rows=3,
        help_text=_(
            "Hur uppföljningen ska göras; den avslutas senast sex månader efter vårdens "
            "slut (21 c § LVU)."
        ),
    )

    @classmethod
    def offered(cls, subject: Intervention) -> bool:
        return (
            subject.ended_on is not None
            and subject.basis in c.LVU_CARE_BASES
            and not hasattr(subject, "lvu_follow_up")
        )


class LvuFollowUpEndForm(InterventionFollowUp):
    """The end of the follow-up after LVU care (21 c § tredje stycket LVU)."""

    action = "lvu_follow_up_end"
    route = "<int:key>/lvu-uppfoljning/avslut/"
    message = _("Uppföljningen efter LVU-vården är avslutad.")
    service = lvu.end_lvu_follow_up

    ended_on = date_field(_("Avslutad"), starts_today=True)

    @classmethod
    def offered(cls, subject: Intervention) -> bool:
        follow_up = getattr(subject, "lvu_follow_up", None)
        return follow_up is not None and follow_up.ended_on is None

    def call(self, user: User, case: Case, key: str) -> Callable[[dict[str, Any]], object]:
        """The service acts on the intervention's follow-up."""
        intervention = cast(Intervention, self.subject(case, key))
        return self.calling(user, {"follow_up_id": intervention.lvu_follow_up.pk}, case=case)


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


class ExtensionForm(InterventionAction):
    """A court-granted extension of the time to apply for care (LVU 8 § andra stycket)."""

    action = "application_extension"
    route = "lvu/<int:key>/forlangning/"
    message = _("Förlängningen är registrerad.")
    section = CUSTODIES
    service = lvu.record_application_extension
    about = "custody_id"
    subject_model = EmergencyCustody

    granted_on = date_field(_("Förlängning medgiven"), starts_today=True)
    extended_to = date_field(_("Ny sista dag för ansökan"))

    @classmethod
    def offered(cls, subject: EmergencyCustody) -> bool:
        return (
            subject.carried_out_on is not None
            and subject.care_applied_on is None
            and subject.extension_granted_on is None
        )


class ApplyForCareForm(InterventionAction):
    """The application to the administrative court for care under LVU (4 §)."""

    action = "lvu_apply"
    route = "lvu/ansokan/"
    message = _("Ansökan om vård enligt LVU är registrerad.")
    section = LVU
    service = lvu.apply_for_lvu_care

    applied_on = date_field(_("Ansökan inlämnad"), starts_today=True)
    basis = radio_field(_("Grund"), [(b.value, b.label) for b in c.Basis if b in c.LVU_CARE_BASES])


class CourtCaseAction(InterventionAction):
    section = LVU
    about = "court_case_id"
    subject_model = LvuCourtCase


class JudgmentForm(CourtCaseAction):
    action = "lvu_judgment"
    route = "lvu/dom/<int:key>/"
    message = _("Domen är registrerad.")
    service = lvu.record_lvu_judgment

    judgment_on = date_field(_("Dom meddelad"), starts_today=True)
    granted = yes_no_field(_("Beslutade rätten om vård?"))
    appealed = yes_no_field(_("Är domen överklagad?"), required=False)
    final_on = date_field(_("Laga kraft"), required=False)

    @classmethod
    def offered(cls, subject: LvuCourtCase) -> bool:
        return subject.care_started_on is None and subject.final_on is None

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**super().arguments(data), "appealed": bool(data.get("appealed"))}


class CareStartedForm(CourtCaseAction):
    action = "lvu_care_started"
    route = "lvu/vard/<int:key>/"
    message = _("Vårdens start är registrerad.")
    service = lvu.record_lvu_care_started

    started_on = date_field(_("Vården påbörjad"), starts_today=True)

    @classmethod
    def offered(cls, subject: LvuCourtCase) -> bool:
        return bool(subject.granted) and subject.care_started_on is None


class MeasureForm(InterventionAction):
    """An LVU measure: contact restriction, secret whereabouts, 22 § support, bans."""

    action = "lvu_measure"
    route = "lvu/atgard/"
    message = _("Åtgärden är registrerad.")
    section = LVU
    draft = "lvu_measure"
    service = lvu.decide_lvu_measure

    kind = radio_field(_("Åtgärd"), c.LvuMeasureKind.choices)
    decided_on = date_field(_("Beslutad"), starts_today=True)
    by_court = yes_no_field(
        _("Beslutad av förvaltningsrätten?"),
        required=False,
        help_text=_("Flyttningsförbud och utreseförbud beslutas av rätten."),
    )
    note = text_field(_("Anteckning"), rows=2)

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**super().arguments(data), "by_court": bool(data.get("by_court"))}


class MeasureReviewForm(InterventionAction):
    action = "lvu_measure_review"
    route = "lvu/atgard/<int:key>/overvagande/"
    message = _("Övervägandet är registrerat.")
    section = LVU
    draft = "lvu_measure_review.{key}"
    service = lvu.review_lvu_measure
    about = "measure_id"
    subject_model = LvuMeasure

    held_on = date_field(_("Datum"), starts_today=True)
    still_needed = yes_no_field(_("Behövs åtgärden fortfarande?"))
    note = text_field(_("Anteckning"), rows=2)

    @classmethod
    def offered(cls, subject: LvuMeasure) -> bool:
        return subject.ended_on is None


class TemporaryBanCourtForm(InterventionAction):
    """A temporary ban's court path: submitted within a week (28 § with 7 §, 31 e §), confirmed
    by the court, the application for the ban (29 §, 31 f §) and, for a travel ban, a
    court-granted extension of that time (31 f §). A day once recorded is not changed."""

    action = "lvu_temporary_ban_court"
    route = "lvu/atgard/<int:key>/forvaltningsratten/"
    message = _("Uppgifterna om förvaltningsrätten är registrerade.")
    section = LVU
    service = lvu.record_temporary_ban_court_steps
    about = "measure_id"
    subject_model = LvuMeasure

    court_submitted_on = date_field(_("Underställt förvaltningsrätten"), required=False)
    confirmed_on = date_field(_("Fastställt av förvaltningsrätten"), required=False)
    ban_applied_on = date_field(_("Ansökan om förbud gjord"), required=False)
    extension_granted_on = date_field(
        _("Förlängning medgiven"),
        required=False,
        help_text=_("Bara för utreseförbud: rätten kan förlänga tiden för ansökan (31 f §)."),
    )
    application_extended_to = date_field(_("Ny sista dag för ansökan"), required=False)

    @classmethod
    def offered(cls, subject: LvuMeasure) -> bool:
        return subject.is_temporary_ban and subject.ended_on is None


class ProtectedHousingOrderForm(InterventionAction):
    """That the child's protected housing rests on lag (2024:79), without one guardian's
    consent: the committee's immediate decision (4 kap. 1 §) or its application (3 kap. 3 §)."""

    action = "protected_housing"
    route = "skyddat-boende/"
    message = _("Skyddat boende utan samtycke är registrerat.")
    section = HOUSING
    draft = "protected_housing"
    service = ph.record_protected_housing_order

    non_consenting_guardian_id = forms.TypedChoiceField(
        label=_("Vårdnadshavare som inte samtycker"), coerce=int, choices=()
    )
    immediate_decided_on = date_field(
        _("Nämndens beslut om omedelbar insats (4 kap. 1 §)"), required=False
    )
    applied_on = date_field(
        _("Ansökan till förvaltningsrätten (3 kap. 3 §)"),
        required=False,
        help_text=_("När nämnden ansökte direkt, utan omedelbar insats."),
    )
    intervention_id = forms.TypedChoiceField(
        label=_("Placeringen i skyddat boende"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=(),
    )
    placement_started_on = date_field(
        _("Placeringen påbörjad"),
        required=False,
        help_text=_("Dagen barnet kom till boendet (5 kap. 2 §); annars placeringens start."),
    )
    note = text_field(_("Anteckning"), rows=2)

    def __init__(self, data=None, *, case_id: int, key: str = "", **kwargs) -> None:
        super().__init__(data, case_id=case_id, key=key, **kwargs)
        from skyddsnat.cases.models import Case as CaseModel

        case = CaseModel.objects.get(pk=case_id)
        guardians = ph.custodial_guardians(case)
        self.fields["non_consenting_guardian_id"].choices = [  # type: ignore[attr-defined]
            ("", _("Välj …")),
            *((r.guardian_id, str(r.guardian)) for r in guardians),
        ]
        placements = Intervention.objects.filter(
            case_id=case_id, kind=c.Kind.PROTECTED_HOUSING, protected_housing_order__isnull=True
        )
        self.fields["intervention_id"].choices = [  # type: ignore[attr-defined]
            ("", _("Ingen placering registrerad ännu")),
            *(
                (p.pk, _("Skyddat boende från %(on)s") % {"on": f"{p.start_on:%Y-%m-%d}"})
                for p in placements
            ),
        ]


class HousingOrderAction(InterventionAction):
    section = HOUSING
    about = "order_id"
    subject_model = ProtectedHousingOrder

    @classmethod
    def offered(cls, subject: ProtectedHousingOrder) -> bool:
        return subject.ended_on is None


class ProtectedHousingCourtForm(HousingOrderAction):
    """The court path: submitted (4 kap. 3 §), confirmed, the application (3 kap. 3 §, 4 kap.
    6 §) and its extension, the court's decision and the day it became final (3 kap. 4 §), the
    placement's start (5 kap. 2 §). A day once recorded is not changed."""

    action = "protected_housing_court"
    route = "skyddat-boende/<int:key>/forvaltningsratten/"
    message = _("Uppgifterna om förvaltningsrätten är registrerade.")
    service = ph.record_protected_housing_court_steps

    court_submitted_on = date_field(_("Underställt förvaltningsrätten"), required=False)
    confirmed_on = date_field(_("Fastställt av förvaltningsrätten"), required=False)
    applied_on = date_field(_("Ansökan till förvaltningsrätten"), required=False)
    extension_granted_on = date_field(_("Förlängning av ansökningstiden medgiven"), required=False)
    application_extended_to = date_field(_("Ny sista dag för ansökan"), required=False)
    court_decided_on = date_field(_("Rättens beslut"), required=False)
    granted = yes_no_field(_("Beviljade rätten skyddat boende?"), required=False)
    final_on = date_field(_("Laga kraft"), required=False)
    placement_started_on = date_field(_("Placeringen påbörjad"), required=False)


class ProtectedHousingConsiderationForm(HousingOrderAction):
    """The committee's consideration whether the insats should continue (5 kap. 3 §); signed
    when registered. Not continuing ends it (7 kap. 1 §)."""

    action = "protected_housing_consideration"
    route = "skyddat-boende/<int:key>/overvagande/"
    message = _("Övervägandet är registrerat och signerat.")
    draft = "protected_housing_consideration.{key}"
    service = ph.consider_protected_housing

    held_on = date_field(_("Datum"), starts_today=True)
    continues = yes_no_field(_("Ska insatsen fortsätta?"))
    note = text_field(_("Anteckning"), rows=2)

    @classmethod
    def offered(cls, subject: ProtectedHousingOrder) -> bool:
        return subject.ended_on is None and subject.placement_started_on is not None


class JourhemExtensionForm(InterventionFollowUp):
    """The committee's decision that the child may stay longer in the jourhem than two months
    after the investigation closed, for special reasons (22 kap. 4 § andra stycket SoL)."""

    action = "jourhem_extension"
    route = "<int:key>/jourhem/"
    message = _("Beslutet om längre vård i jourhemmet är registrerat.")
    draft = "jourhem.{key}"
    service = care.extend_jourhem_stay

    decided_on = date_field(_("Beslutat"), starts_today=True)
    extended_to = date_field(_("Ny sista dag i jourhemmet"))
    reasons = text_field(_("Särskilda skäl"), rows=3)

    @classmethod
    def offered(cls, subject: Intervention) -> bool:
        return subject.ended_on is None and subject.kind == c.Kind.EMERGENCY_FOSTER_HOME


class LulRequestForm(InterventionAction):
    """The prosecutor's request for a statement about a young suspect (11 § LUL)."""

    action = "lul_request"
    route = "ungdom/lul/"
    message = _("Begäran om yttrande är registrerad.")
    section = YOUTH
    service = care.register_lul_request

    requested_on = date_field(_("Begäran inkom"), starts_today=True)
    due_on = date_field(_("Sista dag enligt åklagaren"))
    prosecutor_reference = line_field(_("Åklagarens diarienummer"), max_length=40)


class LulSubmittedForm(InterventionAction):
    action = "lul_submitted"
    route = "ungdom/lul/<int:key>/"
    message = _("Yttrandet är registrerat som skickat.")
    section = YOUTH
    draft = "lul.{key}"
    service = care.submit_lul_statement
    about = "statement_id"
    subject_model = LulStatement

    submitted_on = date_field(_("Yttrandet skickat"), starts_today=True)
    planned_measures = text_field(
        _("Planerade åtgärder"),
        rows=4,
        help_text=_("Vilka åtgärder nämnden avser att vidta, deras art, omfattning och längd."),
    )

    @classmethod
    def offered(cls, subject: LulStatement) -> bool:
        return subject.submitted_on is None


class YouthServiceForm(InterventionAction):
    """A judgment of youth community service that became final (18 kap. 8 § SoL)."""

    action = "youth_service"
    route = "ungdom/ungdomstjanst/"
    message = _("Domen på ungdomstjänst är registrerad.")
    section = YOUTH
    service = care.register_youth_service

    final_on = date_field(_("Domen fick laga kraft"), starts_today=True)
    hours = forms.IntegerField(label=_("Timmar"), min_value=1, max_value=1000)


class YouthServiceStartForm(InterventionAction):
    action = "youth_service_started"
    route = "ungdom/ungdomstjanst/<int:key>/"
    message = _("Ungdomstjänstens start är registrerad.")
    section = YOUTH
    draft = "youth_service.{key}"
    service = care.start_youth_service
    about = "service_id"
    subject_model = YouthService

    started_on = date_field(_("Påbörjad"), starts_today=True)
    supervisor = line_field(_("Handledare"), max_length=100)
    work_plan = text_field(_("Arbetsplan"), rows=4)

    @classmethod
    def offered(cls, subject: YouthService) -> bool:
        return subject.started_on is None


class YouthServiceReasonsForm(InterventionAction):
    """The special reasons against starting the service within two months (18 kap. 8 § första
    stycket SoL): they meet the duty to start."""

    action = "youth_service_reasons"
    route = "ungdom/ungdomstjanst/<int:key>/sarskilda-skal/"
    message = _("De särskilda skälen för en senare start är registrerade.")
    section = YOUTH
    draft = "youth_service_reasons.{key}"
    service = care.record_youth_service_special_reasons
    about = "service_id"
    subject_model = YouthService

    recorded_on = date_field(_("Registrerade"), starts_today=True)
    special_reasons = text_field(
        _("Särskilda skäl"),
        rows=3,
        help_text=_(
            "Varför ungdomstjänsten inte kan påbörjas inom två månader från att domen "
            "fick laga kraft."
        ),
    )

    @classmethod
    def offered(cls, subject: YouthService) -> bool:
        return subject.started_on is None and subject.special_reasons_on is None


#: Every action of the page by its name.
ACTIONS = cast(dict[str, type[InterventionAction]], InterventionAction.registry)
