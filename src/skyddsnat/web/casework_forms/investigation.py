"""The forms of the investigation workspace (*utredning*), one per thing the caseworker records.

Each form is one action and declares all of it (``ActionForm``): its URL under the workspace, the
service it calls, its message, the section of the page it changes, the date that starts as
today and the key of its drafts. The URL patterns, the view, the page's sections and the draft
endpoint are driven from ``ACTIONS``; the forms are declared in the order of the page.
"""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from skyddsnat.cases.choices import Basis, DecidedBy, Kind
from skyddsnat.investigations import bbic
from skyddsnat.investigations import choices as c
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import Investigation, TriangleAssessment
from skyddsnat.web.casework_forms.base import (
    ActionForm,
    Section,
    checkboxes_field,
    date_field,
    radio_field,
)
from skyddsnat.web.casework_forms.interventions import KIND_CHOICES
from skyddsnat.web.forms.base import YES, line_field, text_field, yes_no, yes_no_field

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


#: The kinds of intervention an investigation may propose: the decision's, grouped as there,
#: but help without an individual needs assessment, which no investigation precedes.
PROPOSED_KINDS = [
    ("", _("Inget förslag")),
    *(
        (group, [(code, name) for code, name in kinds if code != Kind.HELP_WITHOUT_ASSESSMENT])
        for group, kinds in KIND_CHOICES[1:]
    ),
]


class InvestigationAction(ActionForm):
    """An action of the investigation workspace (registered in ``ACTIONS`` by its ``action``)."""

    registry: ClassVar[dict[str, type[ActionForm]]] = {}
    page = "investigation"

    @classmethod
    def initial_for(cls, investigation: Investigation, key: str) -> dict:
        """Return what the form shows before anything is typed (but the dates that start as
        today, ``date_field(starts_today=True)``)."""
        return {}


INFORMATION = Section(
    "information", "_opening_information.html", _("Information om utredningen"), swapped=True
)
PLAN = Section("plan", "_plan.html", _("Plan"), swapped=True)
CONVERSATIONS = Section("barnsamtal", "_conversations.html", _("Barnsamtal"), swapped=True)
TRIANGLE = Section("triangel", "_triangle.html", _("BBIC-triangeln"))
REQUESTS = Section("begaran", "_requests.html", _("Uppgifter från andra"), swapped=True)
COMMUNICATIONS = Section("kommunicering", "_communications.html", _("Kommunicering"), swapped=True)
EXTENSION = Section("forlangning", "_extension.html", _("Förlängning"))
CLOSE = Section("avslut", "_close.html", _("Avsluta"), _("Bedömning och beslut"))


def area_row(investigation: Investigation, area: str) -> TriangleAssessment | None:
    return next((row for row in investigation.triangle.all() if row.area == area), None)


class OpeningInformationForm(InvestigationAction):
    """That the guardians or the child were told the investigation was opened (20 kap. 4 § SoL
    2025:400), or the special reasons why they were not."""

    action = "information"
    route = "information/"
    message = _("Informationen är registrerad och signerad.")
    section = INFORMATION
    draft = "investigation.opening_information"
    service = investigations.record_opening_information

    recipient = radio_field(_("Vem informerades"), c.Informed.choices)
    informed_on = date_field(
        _("Datum"),
        starts_today=True,
        help_text=_(
            "Dagen då informationen lämnades, eller då det bedömdes att den inte ska lämnas."
        ),
    )
    method = line_field(
        _("Hur informationen lämnades"),
        help_text=_("Till exempel telefonsamtal, brev eller samtal med barnet."),
    )
    withheld_reason = text_field(
        _("Särskilda skäl mot att informera"),
        rows=3,
        help_text=_("Fyll i i stället för hur, när informationen inte lämnas."),
    )

    @classmethod
    def initial_for(cls, investigation: Investigation, key: str) -> dict:
        told = {row.recipient for row in investigation.opening_information.all()}
        missing = [code for code in c.Informed.values if code not in told]
        return {"recipient": missing[0]} if missing else {}


class PlanForm(InvestigationAction):
    action = "plan"
    route = "plan/"
    message = _("Utredningsplanen är sparad.")
    section = PLAN
    draft = "investigation.plan"
    service = investigations.update_plan

    questions = text_field(_("Frågor att utreda"))
    contacts = text_field(_("Vilka som ska kontaktas"))
    child_participation = text_field(
        _("Hur barnet ska delta"),
        help_text=_("Till exempel samtal med barnet, hur och var, och vem som är med."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, investigation: Investigation, key: str) -> dict:
        return {
            "questions": investigation.plan_questions,
            "contacts": investigation.plan_contacts,
            "child_participation": investigation.plan_child_participation,
        }


class ConversationForm(InvestigationAction):
    action = "conversation"
    route = "barnsamtal/"
    message = _("Barnsamtalet är sparat.")
    section = CONVERSATIONS
    draft = "conversation.new"
    service = investigations.record_child_conversation

    held_on = date_field(_("Datum för samtalet"), starts_today=True)
    alone = yes_no_field(_("Pratade du enskilt med barnet?"))
    present = line_field(
        _("Andra närvarande"), help_text=_("Fyll i när samtalet inte var enskilt.")
    )
    child_view = text_field(
        _("Barnets inställning"),
        rows=5,
        help_text=_("Vad barnet berättade och vill, med barnets egna ord där det går."),
    )


class TriangleAreaForm(InvestigationAction):
    action = "area"
    route = "triangel/<str:key>/"
    message = _("Området är sparat.")
    section = TRIANGLE
    fragment = "_area.html"  # htmx gets the sub-area back, the element ``{key}``
    changes = "{prefix}"
    draft = "triangle.{key}"
    service = investigations.assess_triangle_area
    about = "area"

    text = text_field(_("Beskrivning"), rows=4)
    rating = radio_field(_("Bedömning"), c.Rating.choices)
    sources = checkboxes_field(_("Källor"), SOURCES)
    #: Only on the family's sub-areas (``bbic.is_family_area``), and shown only when the
    #: report has other children with an open investigation (decision 0037).
    for_siblings = forms.BooleanField(label=_("Gäller alla syskon i anmälan"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, case_id: int, key: str = "", **kwargs) -> None:
        super().__init__(data, case_id=case_id, key=key, **kwargs)
        if not bbic.is_family_area(key):
            del self.fields["for_siblings"]

    @classmethod
    def initial_for(cls, investigation: Investigation, key: str) -> dict:
        """The family's sub-area is for all the siblings by default, unless the child has an
        own text in it (decision 0037)."""
        row = area_row(investigation, key)
        if row is None:
            return {"rating": "not_investigated", "for_siblings": bbic.is_family_area(key)}
        return {
            "text": row.text,
            "rating": row.rating,
            "sources": source_codes(row.sources),
            "for_siblings": row.shared or not row.text.strip(),
        }


class ExternalRequestForm(InvestigationAction):
    action = "request"
    route = "begaran/"
    message = _("Begäran är registrerad.")
    section = REQUESTS
    service = investigations.record_external_request

    actor = forms.ChoiceField(
        label=_("Begäran till"), choices=[("", _("Välj …")), *c.Actor.choices], required=False
    )
    sent_on = date_field(_("Skickad"), starts_today=True)
    note = line_field(_("Vad som efterfrågades"))


class RequestAnswerForm(InvestigationAction):
    action = "answer"
    route = "begaran/<int:key>/svar/"
    message = _("Svaret är registrerat.")
    section = REQUESTS
    service = investigations.record_request_answer
    about = "request_id"

    answered_on = date_field(_("Svar kom"), starts_today=True)


class CommunicationForm(InvestigationAction):
    action = "communication"
    route = "kommunicering/"
    message = _("Kommuniceringen är registrerad.")
    section = COMMUNICATIONS
    service = investigations.record_communication

    communicated_on = date_field(_("Kommunicerad"), starts_today=True)
    party = line_field(
        _("Med vem"), help_text=_("Till exempel vårdnadshavare, barnet eller ombud.")
    )


class ExtensionForm(InvestigationAction):
    action = "extension"
    route = "forlangning/"
    message = _("Förlängningen är registrerad.")
    section = EXTENSION
    draft = "investigation.extension"
    service = investigations.extend_investigation

    decided_on = date_field(_("Beslutsdatum"), starts_today=True)
    decided_by = radio_field(_("Beslutat av"), DecidedBy.choices)
    reason = text_field(_("Skäl till förlängningen"), rows=3)
    new_due_date = date_field(_("Ny sista dag"))


class CloseForm(InvestigationAction):
    action = "close"
    route = "avslut/"
    message = _("Utredningen är avslutad och signerad.")
    section = CLOSE
    draft = "investigation.close"
    service = investigations.close_investigation
    record = investigations.CloseInput

    closed_on = date_field(_("Avslutad"), starts_today=True)
    outcome = radio_field(_("Utredningens resultat"), c.Outcome.choices)
    proposed_basis = forms.ChoiceField(
        label=_("Föreslaget lagrum"),
        choices=[("", _("Inget förslag")), *Basis.choices],
        required=False,
        help_text=_("När resultatet är insats: beslutet om insats börjar med förslaget."),
    )
    proposed_kind = forms.ChoiceField(
        label=_("Föreslagen insats"), choices=PROPOSED_KINDS, required=False
    )
    analysis = text_field(
        _("Bedömning och analys"),
        rows=8,
        help_text=_("Sammanvägd bedömning av barnets behov utifrån triangelns tre sidor."),
    )
    delay_reasons = checkboxes_field(_("Skäl till förseningen"), c.DelayReason.choices)
    delay_other_text = line_field(_("Annat skäl"), max_length=None)
    support_person_offered = yes_no_field(_("Har barnet erbjudits barnombud?"))
    child_view_documented = yes_no_field(_("Är barnets inställning dokumenterad?"))
    child_view_not_documented_reason = text_field(
        _("Om barnets inställning inte är dokumenterad: varför"), rows=2
    )
    incomplete_reason = text_field(
        _("Varför utredningen avslutas ändå"),
        rows=3,
        help_text=_("Krävs när något i listan ovan saknas."),
    )
    confirm = forms.BooleanField(
        label=_("Jag vill avsluta och signera utredningen. Den kan inte ändras efteråt."),
        error_messages={"required": _("Bekräfta att du vill avsluta och signera utredningen.")},
    )

    def arguments(self, data: dict) -> dict:
        values = dict(data)
        values.pop("confirm", None)
        return super().arguments(values)

    @classmethod
    def initial_for(cls, investigation: Investigation, key: str) -> dict:
        has_conversation = bool(investigation.child_conversations.all())
        return {
            "analysis": investigation.analysis,
            "child_view_documented": YES if has_conversation else None,
            "support_person_offered": yes_no(investigation.support_person_offered),
        }


#: Every action of the workspace by its kind, in the order of the page.
ACTIONS = InvestigationAction.registry
