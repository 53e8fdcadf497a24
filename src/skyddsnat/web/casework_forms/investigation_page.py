"""What the investigation workspace shows: the investigation, its parts, and a form per action.

``workspace()`` builds the page's context; a form that was posted and failed is passed in
``bound`` (by its key) so that it is shown with its errors and what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms

from skyddsnat.intake.models import Case
from skyddsnat.investigations import bbic
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import ExternalRequest, Investigation, TriangleAssessment
from skyddsnat.journal.models import FormDraft
from skyddsnat.web import form_drafts
from skyddsnat.web.casework_forms import investigation as f
from skyddsnat.web.forms.base import YES, yes_no

FORMS: dict[str, type[forms.Form]] = {
    "plan": f.PlanForm,
    "area": f.TriangleAreaForm,
    "conversation": f.ConversationForm,
    "request": f.ExternalRequestForm,
    "answer": f.RequestAnswerForm,
    "communication": f.CommunicationForm,
    "extension": f.ExtensionForm,
    "close": f.CloseForm,
}


def load(case: Case) -> Investigation | None:
    """Return the case's investigation with everything the workspace shows."""
    return (
        Investigation.objects.select_related("closed_by", "signed_by")
        .prefetch_related(
            "triangle",
            "child_conversations__recorded_by",
            "external_requests",
            "communications",
            "extensions",
            "delay_reasons",
        )
        .filter(case_id=case.pk)
        .first()
    )


def prefix(kind: str, key: str = "") -> str:
    """Return the HTML-safe form prefix (and element id) of the form ``kind`` for ``key``."""
    return f"{kind}-{key.replace('.', '-')}" if key else kind


def _area_row(investigation: Investigation, area: str) -> TriangleAssessment | None:
    return next((row for row in investigation.triangle.all() if row.area == area), None)


def initial(kind: str, key: str, investigation: Investigation, today: date) -> dict:
    """Return what the form ``kind`` shows before anything is typed."""
    if kind == "plan":
        return {
            "questions": investigation.plan_questions,
            "contacts": investigation.plan_contacts,
            "child_participation": investigation.plan_child_participation,
        }
    if kind == "area":
        row = _area_row(investigation, key)
        if row is None:
            return {"rating": "not_investigated"}
        return {"text": row.text, "rating": row.rating, "sources": f.source_codes(row.sources)}
    if kind == "close":
        has_conversation = bool(investigation.child_conversations.all())
        return {
            "closed_on": today,
            "analysis": investigation.analysis,
            "child_view_documented": YES if has_conversation else None,
            "support_person_offered": yes_no(investigation.support_person_offered),
        }
    dates = {
        "conversation": "held_on",
        "request": "sent_on",
        "answer": "answered_on",
        "communication": "communicated_on",
        "extension": "decided_on",
    }
    return {dates[kind]: today} if kind in dates else {}


def draft_key(kind: str, key: str = "") -> str:
    """Return the key of the drafts of the form ``kind`` ("" when its texts are not drafted)."""
    return {
        "plan": "investigation.plan",
        "area": f"triangle.{key}",
        "conversation": "conversation.new",
        "close": "investigation.close",
    }.get(kind, "")


def make_form(
    kind: str,
    key: str,
    investigation: Investigation,
    today: date,
    data=None,
    *,
    drafts: dict[str, FormDraft] | None = None,
) -> forms.Form:
    """Return the form ``kind`` (bound to ``data`` when given).

    A form with long texts saves them as drafts while they are typed; unbound, it shows the
    author's draft (from ``drafts``, by draft key) over what was saved.
    """
    drafted = draft_key(kind, key)
    draft = (drafts or {}).get(drafted) if drafted else None
    form = FORMS[kind](
        data,
        prefix=prefix(kind, key),
        initial=form_drafts.restore(initial(kind, key, investigation, today), draft),
    )
    if drafted:
        form_drafts.wire(form, investigation.case_id, drafted, draft)
    return form


@dataclass
class AreaView:
    key: str
    name: str
    anchor: str
    row: TriangleAssessment | None
    form: forms.Form

    @property
    def sources(self) -> list[str]:
        return f.source_labels(self.row.sources) if self.row else []


@dataclass
class RequestView:
    request: ExternalRequest
    days: int  # waiting so far, or until the answer came
    form: forms.Form


def workspace(
    case: Case,
    investigation: Investigation,
    *,
    today: date,
    can_write: bool,
    bound: dict[str, forms.Form] | None = None,
    drafts: dict[str, FormDraft] | None = None,
) -> dict:
    """Return the context of the investigation workspace (``drafts``: the user's, by key)."""
    bound = bound or {}

    def form(kind: str, key: str = "") -> forms.Form:
        return bound.get(prefix(kind, key)) or make_form(
            kind, key, investigation, today, drafts=drafts
        )

    sides = []
    for side in bbic.TRIANGLES[investigation.bbic_version]:
        areas = [
            AreaView(
                key=(key := f"{side.code}.{code}"),
                name=name,
                anchor=prefix("area", key),
                row=_area_row(investigation, key),
                form=form("area", key),
            )
            for code, name in side.areas
        ]
        sides.append({"code": side.code, "name": side.name, "areas": areas})
    requests = [
        RequestView(
            request=r,
            days=((r.answered_on or today) - r.sent_on).days,
            form=form("answer", str(r.pk)),
        )
        for r in investigation.external_requests.all()
    ]
    due = investigations.current_due_date(investigation, investigation.closed_on or today)
    closed = investigation.closed_on is not None
    return {
        "investigation": investigation,
        "closed": closed,
        "can_write": can_write,
        "editable": can_write and not closed,
        "today": today,
        "due_date": due,
        "late_today": today > due,
        "days_late_today": (today - due).days,
        "days_left": (due - today).days,
        "plan_form": form("plan"),
        "sides": sides,
        "areas_by_key": {a.key: a for s in sides for a in s["areas"]},
        "conversations": investigation.child_conversations.all(),
        "conversation_form": form("conversation"),
        "requests": requests,
        "request_form": form("request"),
        "communications": investigation.communications.all(),
        "communication_form": form("communication"),
        "extensions": investigation.extensions.all(),
        "extension_form": form("extension"),
        "close_form": form("close"),
        "delay_reasons": [d.get_reason_display() for d in investigation.delay_reasons.all()],
    }
