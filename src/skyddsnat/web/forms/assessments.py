"""The actions of a case in intake: protective and preliminary assessment, feedback, follow-up.

Each form knows when it applies to a case and which service it calls; a failed call puts the
service's Swedish messages next to the fields and the service stores nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.models import Case
from skyddsnat.intake import choices as c
from skyddsnat.intake import services as intake
from skyddsnat.journal import drafts
from skyddsnat.journal.models import FormDraft
from skyddsnat.web import form_drafts
from skyddsnat.web.forms.base import (
    DateInput,
    Groups,
    ServiceAction,
    SkyddsnatForm,
    TimeInput,
    aware,
    line_field,
    text_field,
    today,
    yes_no_field,
)
from skyddsnat.web.posting import Reply, no_longer_possible, post


class CaseActionForm(ServiceAction, SkyddsnatForm):
    """A form that does one thing to one case through one service (``ServiceAction``)."""

    key: ClassVar[str]
    title: ClassVar[object]
    submit_label: ClassVar[object]
    done_message: ClassVar[object]
    groups: ClassVar[Groups]
    #: The key of the drafts of the form's long texts ("": not drafted; ``journal.drafts``).
    draft_key: ClassVar[str] = ""

    def __init__(self, data=None, *, case: Case, draft: FormDraft | None = None, **kwargs) -> None:
        self.case = case
        kwargs.setdefault("prefix", f"{self.key}-{case.pk}")
        if self.draft_key:
            kwargs["initial"] = form_drafts.restore(kwargs.get("initial") or {}, draft)
        super().__init__(data, **kwargs)
        if self.draft_key:
            form_drafts.wire(self, case.pk, self.draft_key, draft)

    @classmethod
    def applies_to(cls, case: Case) -> bool:
        raise NotImplementedError

    def call(self, acting_user: User) -> Callable[[dict], object]:
        """Return the service call for ``web.posting``; the form's draft goes with the save."""
        return self.calling(
            acting_user, {"case_id": self.case.pk}, case=self.case, draft=self.draft_key
        )


class ProtectiveAssessmentForm(CaseActionForm):
    key = "protective"
    draft_key = "protective"
    service = intake.make_protective_assessment
    title = _("Skyddsbedömning")
    submit_label = _("Spara skyddsbedömning")
    done_message = _("Skyddsbedömningen är sparad.")
    service_fields = {"made_at": "made_date"}
    groups: ClassVar[Groups] = [(None, [("made_date", "made_time"), "outcome", "action", "note"])]

    made_date = forms.DateField(label=_("Datum"), widget=DateInput())
    made_time = forms.TimeField(label=_("Klockslag"), widget=TimeInput())
    outcome = forms.ChoiceField(
        label=_("Har barnet ett omedelbart skyddsbehov?"),
        choices=c.ProtectiveOutcome.choices,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "choices"}),
    )
    action = forms.ChoiceField(
        label=_("Vidtagen skyddsåtgärd"),
        choices=[("", _("Ingen")), *c.ProtectiveAction.choices],
        required=False,
        help_text=_("Anges bara vid omedelbart skyddsbehov."),
    )
    note = text_field(_("Motivering"), rows=3)

    def __init__(self, data=None, *, case: Case, **kwargs) -> None:
        now = timezone.localtime(clock.now())
        kwargs.setdefault(
            "initial", {"made_date": now.date(), "made_time": now.time().replace(second=0)}
        )
        super().__init__(data, case=case, **kwargs)

    @classmethod
    def applies_to(cls, case: Case) -> bool:
        return case.phase == Phase.ASSESSMENT and not hasattr(case, "protective_assessment")

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        rest = dict(data)
        made_at = aware(rest.pop("made_date"), rest.pop("made_time"))
        return {**rest, "made_at": made_at}


def _checkbox(label: object) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


class PreliminaryAssessmentForm(CaseActionForm):
    key = "preliminary"
    title = _("Förhandsbedömning")
    submit_label = _("Besluta förhandsbedömning")
    done_message = _("Förhandsbedömningen är beslutad.")
    draft_key = "preliminary"
    service = intake.decide_preliminary_assessment
    record = intake.PreliminaryInput
    groups: ClassVar[Groups] = [
        (None, ["decided_on", "outcome"]),
        (
            _("Barnets delaktighet"),
            ["child_heard", "child_not_heard_reason", "child_informed_of_rights"],
        ),
        (
            _("Underlag"),
            ["chronology_considered", "guardians_contacted", "reporter_contacted"],
        ),
        (_("Om utredning inleds"), ["caseworker"]),
        (_("Om utredning inte inleds"), ["reason", "followup_planned"]),
        (_("Om ärendet överlämnas eller hänvisas"), ["transferred_to"]),
        (None, ["note"]),
    ]

    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DateInput(), initial=today)
    outcome = forms.ChoiceField(
        label=_("Beslut"),
        choices=c.PreliminaryOutcome.choices,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "choices"}),
    )
    child_heard = yes_no_field(
        _("Har barnet kommit till tals?"),
        attrs={"class": "choices"},
        error_messages={"required": _("Ange om barnet har kommit till tals.")},
    )
    child_not_heard_reason = text_field(
        _("Varför inte?"),
        rows=2,
        help_text=_("Måste fyllas i när barnet inte har kommit till tals."),
    )
    child_informed_of_rights = _checkbox(
        _("Barnet har informerats om sina rättigheter och om socialtjänstens uppgifter")
    )
    chronology_considered = _checkbox(_("Tidigare anmälningar om barnet har lästs"))
    guardians_contacted = _checkbox(_("Vårdnadshavarna har kontaktats"))
    reporter_contacted = _checkbox(_("Anmälaren har kontaktats"))
    reason = forms.ChoiceField(
        label=_("Skäl"),
        choices=[("", _("Välj skäl")), *c.NotOpenedReason.choices],
        required=False,
    )
    followup_planned = _checkbox(_("Uppföljande kontakt planeras"))
    caseworker = forms.ModelChoiceField(
        label=_("Handläggare som utreder"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Ingen vald: till enhetens kö Att fördela"),
        help_text=_(
            "Välj en handläggare om det redan är bestämt vem som utreder. Annars fördelar "
            "enhetschefen ärendet."
        ),
        error_messages={"invalid_choice": _("Välj en handläggare i en utredningsenhet.")},
    )
    transferred_to = line_field(_("Kommun eller verksamhet"), max_length=100)
    note = text_field(_("Motivering"), rows=3)

    def __init__(self, data=None, *, case: Case, **kwargs) -> None:
        super().__init__(data, case=case, **kwargs)
        field = self.fields["caseworker"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = policy.handover_caseworkers(case).order_by("first_name", "last_name")
        field.label_from_instance = lambda u: u.get_full_name() or u.username

    @classmethod
    def applies_to(cls, case: Case) -> bool:
        return case.phase == Phase.ASSESSMENT and not hasattr(case, "preliminary_assessment")

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        rest = dict(data)
        caseworker = rest.pop("caseworker", None)
        return super().arguments({**rest, "caseworker_id": caseworker.pk if caseworker else None})


class FeedbackRequestForm(CaseActionForm):
    key = "feedback_request"
    service = intake.record_feedback_request
    title = _("Anmälaren begär återkoppling")
    submit_label = _("Registrera begäran")
    done_message = _("Begäran om återkoppling är registrerad.")
    groups: ClassVar[Groups] = [(None, ["requested_on"])]

    requested_on = forms.DateField(
        label=_("Datum då anmälaren begärde återkoppling"),
        widget=DateInput(),
        initial=today,
        help_text=_(
            "Begär en anmälningsskyldig anmälare återkoppling efter beslutet om utredning, "
            "eller pågår redan en utredning, ska den lämnas genast (19 kap. 6 § SoL)."
        ),
    )

    @classmethod
    def applies_to(cls, case: Case) -> bool:
        return (
            case.report.reporter_mandatory
            and not hasattr(case.report, "feedback_request")
            and not hasattr(case, "reporter_feedback")
        )


class ReporterFeedbackForm(CaseActionForm):
    key = "feedback"
    service = intake.send_reporter_feedback
    title = _("Återkoppling till anmälaren")
    submit_label = _("Registrera återkoppling")
    done_message = _("Återkopplingen är registrerad.")
    groups: ClassVar[Groups] = [(None, ["sent_on"])]

    sent_on = forms.DateField(
        label=_("Datum då återkoppling lämnades"),
        widget=DateInput(),
        initial=today,
        help_text=_(
            "Anmälaren är anmälningsskyldig och ska, på begäran, få veta om utredning inleds."
        ),
    )

    @classmethod
    def applies_to(cls, case: Case) -> bool:
        return (
            case.report.reporter_mandatory
            and hasattr(case, "preliminary_assessment")
            and not hasattr(case, "reporter_feedback")
        )


class ReporterFeedbackWithheldForm(CaseActionForm):
    """Feedback not given because it would be inappropriate (19 kap. 6 § andra stycket SoL)."""

    key = "feedback_withheld"
    draft_key = "feedback_withheld"
    service = intake.withhold_reporter_feedback
    title = _("Återkoppling lämnas inte – olämplig")
    submit_label = _("Registrera att återkoppling inte lämnas")
    done_message = _("Det är registrerat att återkoppling inte lämnas.")
    groups: ClassVar[Groups] = [(None, ["decided_on", "withheld_reason"])]

    decided_on = forms.DateField(
        label=_("Datum för bedömningen"), widget=DateInput(), initial=today
    )
    withheld_reason = text_field(
        _("Varför återkoppling vore olämplig"),
        rows=3,
        help_text=_(
            "Återkoppling lämnas inte om det är olämpligt med hänsyn till omständigheterna "
            "(19 kap. 6 § andra stycket SoL). Skälet krävs."
        ),
    )

    @classmethod
    def applies_to(cls, case: Case) -> bool:
        return (
            case.report.reporter_mandatory
            and hasattr(case.report, "feedback_request")
            and hasattr(case, "preliminary_assessment")
            and not hasattr(case, "reporter_feedback")
        )


class FollowUpContactForm(CaseActionForm):
    key = "followup"
    draft_key = "followup"
    service = intake.record_followup_contact
    title = _("Uppföljande kontakt")
    submit_label = _("Registrera uppföljande kontakt")
    done_message = _("Den uppföljande kontakten är registrerad.")
    groups: ClassVar[Groups] = [(None, ["contacted_on", "note"])]

    contacted_on = forms.DateField(
        label=_("Datum för kontakten"), widget=DateInput(), initial=today
    )
    note = text_field(_("Anteckning"), rows=3)

    @classmethod
    def applies_to(cls, case: Case) -> bool:
        return case.phase == Phase.CLOSED


ACTION_FORMS: tuple[type[CaseActionForm], ...] = (
    ProtectiveAssessmentForm,
    PreliminaryAssessmentForm,
    FeedbackRequestForm,
    ReporterFeedbackForm,
    ReporterFeedbackWithheldForm,
    FollowUpContactForm,
)


def action_forms(
    case: Case, bound: CaseActionForm | None = None, user: User | None = None
) -> list[CaseActionForm]:
    """Return the forms that apply to ``case`` now; ``bound`` (a failed post) replaces its own.

    A form with long texts shows ``user``'s draft of them (drafts are their author's only).
    """
    result = []
    for form_class in ACTION_FORMS:
        if bound is not None and isinstance(bound, form_class):
            result.append(bound)
        elif form_class.applies_to(case):
            draft = None
            if user is not None and form_class.draft_key:
                draft = drafts.form_draft(user, case, form_class.draft_key)
            result.append(form_class(case=case, draft=draft))
    return result


def posted_services(data) -> list[Callable[..., object]]:
    """Return the service of the action posted in ``data`` (by ``form_key``), for
    ``web.access.case_for(acting=…)``; a post that names none is let in (to be told the action
    no longer applies) by any of the page's services."""
    named = [f.service for f in ACTION_FORMS if data.get("form_key") == f.key]
    return named or [f.service for f in ACTION_FORMS]


def bound_action_form(data, case: Case) -> CaseActionForm | None:
    """Return the posted form named by ``form_key`` in ``data``, if it applies to ``case``."""
    for form_class in ACTION_FORMS:
        if data.get("form_key") == form_class.key and form_class.applies_to(case):
            return form_class(data, case=case)
    return None


def post_action(
    request: HttpRequest,
    case: Case,
    *,
    redirect_url: str,
    page: Callable[[Reply], HttpResponse],
) -> HttpResponse:
    """Save the action posted on ``case`` through ``web.posting.post``.

    An action that no longer applies to the case (decided meanwhile, in another tab) is a 409.
    """
    form = bound_action_form(request.POST, case)
    if form is None:
        return no_longer_possible(page, _("Åtgärden går inte längre att göra i ärendet."))
    return post(
        request,
        form,
        form.call(request.user),
        message=str(form.done_message),
        redirect_url=redirect_url,
        page=page,
    )
