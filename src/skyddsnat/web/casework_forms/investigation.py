"""The forms of the investigation workspace (*utredning*), one per thing the caseworker records.

Each form is one action and declares all of it (``ActionForm``): its URL under the workspace, the
service it calls, its message, the section of the page it changes, the date that starts as
today and the key of its drafts. The URL patterns, the view, the page's sections and the draft
endpoint are driven from ``ACTIONS``; the forms are declared in the order of the page.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts.models import User
from skyddsnat.cases.choices import DecidedBy
from skyddsnat.cases.models import Case
from skyddsnat.investigations import choices as c
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import Investigation, TriangleAssessment
from skyddsnat.web.casework_forms.base import (
    ActionForm,
    Section,
    checkboxes_field,
    date_field,
    radio_field,
    text_field,
)
from skyddsnat.web.forms.base import YES, yes_no, yes_no_field

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


class InvestigationAction(ActionForm):
    """An action of the investigation workspace (registered in ``ACTIONS`` by its ``action``)."""

    registry: ClassVar[dict[str, type[ActionForm]]] = {}

    @classmethod
    def initial_for(cls, investigation: Investigation, key: str, today: date) -> dict:
        """Return what the form shows before anything is typed."""
        return cls.starts_today(today)


PLAN = Section("plan", "_plan.html", _("Plan"))
CONVERSATIONS = Section("barnsamtal", "_conversations.html", _("Barnsamtal"))
TRIANGLE = Section("triangel", "_triangle.html", _("BBIC-triangeln"))
REQUESTS = Section("begaran", "_requests.html", _("Uppgifter från andra"))
COMMUNICATIONS = Section("kommunicering", "_communications.html", _("Kommunicering"))
EXTENSION = Section("forlangning", "_extension.html", _("Förlängning"))
CLOSE = Section("avslut", "_close.html", _("Avsluta"), _("Bedömning och beslut"))


def area_row(investigation: Investigation, area: str) -> TriangleAssessment | None:
    return next((row for row in investigation.triangle.all() if row.area == area), None)


class PlanForm(InvestigationAction):
    action = "plan"
    route = "plan/"
    message = _("Utredningsplanen är sparad.")
    section = PLAN
    htmx = True
    draft = "investigation.plan"

    questions = text_field(_("Frågor att utreda"))
    contacts = text_field(_("Vilka som ska kontaktas"))
    child_participation = text_field(
        _("Hur barnet ska delta"),
        help_text=_("Till exempel samtal med barnet, hur och var, och vem som är med."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, investigation: Investigation, key: str, today: date) -> dict:
        return {
            "questions": investigation.plan_questions,
            "contacts": investigation.plan_contacts,
            "child_participation": investigation.plan_child_participation,
        }

    def perform(self, user: User, case: Case, key: str, d: dict) -> object:
        return investigations.update_plan(
            acting_user=user,
            case=case,
            questions=d["questions"],
            contacts=d["contacts"],
            child_participation=d["child_participation"],
            expected_version=d["version"],
        )


class ConversationForm(InvestigationAction):
    action = "conversation"
    route = "barnsamtal/"
    message = _("Barnsamtalet är sparat.")
    section = CONVERSATIONS
    htmx = True
    today = "held_on"
    draft = "conversation.new"

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

    def perform(self, user: User, case: Case, key: str, d: dict) -> object:
        return investigations.record_child_conversation(
            acting_user=user,
            case=case,
            held_on=d["held_on"],
            alone=d["alone"],
            child_view=d["child_view"],
            present=d["present"],
        )


class TriangleAreaForm(InvestigationAction):
    action = "area"
    route = "triangel/<str:key>/"
    message = _("Området är sparat.")
    section = TRIANGLE
    fragment = "_area.html"  # htmx gets the sub-area back, the element ``{key}``
    changes = "{prefix}"
    draft = "triangle.{key}"

    text = text_field(_("Beskrivning"), rows=4)
    rating = radio_field(_("Bedömning"), c.Rating.choices)
    sources = checkboxes_field(_("Källor"), SOURCES)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, investigation: Investigation, key: str, today: date) -> dict:
        row = area_row(investigation, key)
        if row is None:
            return {"rating": "not_investigated"}
        return {"text": row.text, "rating": row.rating, "sources": source_codes(row.sources)}

    def perform(self, user: User, case: Case, key: str, d: dict) -> object:
        return investigations.assess_triangle_area(
            acting_user=user,
            case=case,
            area=key,
            text=d["text"],
            rating=d["rating"],
            sources=d["sources"],
            expected_version=d["version"],
        )


class ExternalRequestForm(InvestigationAction):
    action = "request"
    route = "begaran/"
    message = _("Begäran är registrerad.")
    section = REQUESTS
    htmx = True
    today = "sent_on"

    actor = forms.ChoiceField(
        label=_("Begäran till"), choices=[("", _("Välj …")), *c.Actor.choices], required=False
    )
    sent_on = date_field(_("Skickad"))
    note = forms.CharField(label=_("Vad som efterfrågades"), required=False, max_length=200)

    def perform(self, user: User, case: Case, key: str, d: dict) -> object:
        return investigations.record_external_request(
            acting_user=user, case=case, actor=d["actor"], sent_on=d["sent_on"], note=d["note"]
        )


class RequestAnswerForm(InvestigationAction):
    action = "answer"
    route = "begaran/<int:key>/svar/"
    message = _("Svaret är registrerat.")
    section = REQUESTS
    htmx = True
    today = "answered_on"

    answered_on = date_field(_("Svar kom"))

    def perform(self, user: User, case: Case, key: str, d: dict) -> object:
        return investigations.record_request_answer(
            acting_user=user, case=case, request_id=int(key), answered_on=d["answered_on"]
        )


class CommunicationForm(InvestigationAction):
    action = "communication"
    route = "kommunicering/"
    message = _("Kommuniceringen är registrerad.")
    section = COMMUNICATIONS
    htmx = True
    today = "communicated_on"

    communicated_on = date_field(_("Kommunicerad"))
    party = forms.CharField(
        label=_("Med vem"),
        required=False,
        max_length=200,
        help_text=_("Till exempel vårdnadshavare, barnet eller ombud."),
    )

    def perform(self, user: User, case: Case, key: str, d: dict) -> object:
        return investigations.record_communication(
            acting_user=user, case=case, communicated_on=d["communicated_on"], party=d["party"]
        )


class ExtensionForm(InvestigationAction):
    action = "extension"
    route = "forlangning/"
    message = _("Förlängningen är registrerad.")
    section = EXTENSION
    today = "decided_on"

    decided_on = date_field(_("Beslutsdatum"))
    decided_by = radio_field(_("Beslutat av"), DecidedBy.choices)
    reason = text_field(_("Skäl till förlängningen"), rows=3)
    new_due_date = date_field(_("Ny sista dag"))

    def perform(self, user: User, case: Case, key: str, d: dict) -> object:
        return investigations.extend_investigation(acting_user=user, case=case, **d)


class CloseForm(InvestigationAction):
    action = "close"
    route = "avslut/"
    message = _("Utredningen är avslutad och signerad.")
    section = CLOSE
    draft = "investigation.close"

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

    @classmethod
    def initial_for(cls, investigation: Investigation, key: str, today: date) -> dict:
        has_conversation = bool(investigation.child_conversations.all())
        return {
            "closed_on": today,
            "analysis": investigation.analysis,
            "child_view_documented": YES if has_conversation else None,
            "support_person_offered": yes_no(investigation.support_person_offered),
        }

    def perform(self, user: User, case: Case, key: str, d: dict) -> object:
        return investigations.close_investigation(
            acting_user=user, case=case, data=investigations.CloseInput(**d)
        )


#: Every action of the workspace by its kind, in the order of the page.
ACTIONS = InvestigationAction.registry
