"""What the investigation workspace shows: the investigation, its parts, and a form per action.

``workspace()`` builds the page's context; a form that was posted and failed is passed in
``bound`` (by its key) so that it is shown with its errors and what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms

from skyddsnat.cases.models import Case
from skyddsnat.investigations import bbic
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.choices import Informed
from skyddsnat.investigations.models import ExternalRequest, Investigation, TriangleAssessment
from skyddsnat.journal import drafts as journal_drafts
from skyddsnat.journal.models import FormDraft
from skyddsnat.web import form_drafts
from skyddsnat.web.casework_forms import investigation as f
from skyddsnat.web.casework_forms.base import prefix


def investigation_of(case: Case, *also: str) -> Investigation | None:
    """Return the case's investigation with its parts prefetched (``also``: more to prefetch).

    What the workspace and the investigation's document show: who closed and signed it, the
    triangle, the conversations, the requests, the communications, the extensions and the
    reasons for a delay.
    """
    return (
        Investigation.objects.select_related("closed_by", "signed_by")
        .prefetch_related(
            "triangle",
            "child_conversations",
            "external_requests",
            "communications",
            "extensions",
            "delay_reasons",
            "opening_information__recorded_by",
            *also,
        )
        .filter(case_id=case.pk)
        .first()
    )


def load(case: Case) -> Investigation | None:
    """Return the case's investigation with everything the workspace shows."""
    return investigation_of(case, "child_conversations__recorded_by")


def draft_key(kind: str, key: str = "") -> str:
    """Return the key of the drafts of the form ``kind`` ("" when its texts are not drafted)."""
    return f.ACTIONS[kind].draft_key(key)


def make_form(
    kind: str,
    key: str,
    investigation: Investigation,
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
    action = f.ACTIONS[kind]
    saved = action.initial_for(investigation, key)
    form = action(
        data,
        case_id=investigation.case_id,
        key=key,
        initial=form_drafts.restore(saved, draft),
    )
    if drafted:
        version = journal_drafts.current_version(investigation.case, drafted) if draft else None
        form_drafts.wire(form, investigation.case_id, drafted, draft, saved=saved, version=version)
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


def sections() -> list[f.Section]:
    """Return the sections of the page, in order (each holds one or more actions)."""
    return list(dict.fromkeys(a.section for a in f.ACTIONS.values()))


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
        return bound.get(prefix(kind, key)) or make_form(kind, key, investigation, drafts=drafts)

    sides = []
    for side in bbic.TRIANGLES[investigation.bbic_version]:
        areas = [
            AreaView(
                key=(key := f"{side.code}.{code}"),
                name=name,
                anchor=prefix("area", key),
                row=f.area_row(investigation, key),
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
        "missing_before_closing": []
        if closed
        else investigations.missing_before_closing(investigation),
        "days_left": (due - today).days,
        **{f"{kind}_form": form(kind) for kind, a in f.ACTIONS.items() if not a.keyed()},
        "sections": sections(),
        "sides": sides,
        "areas_by_key": {a.key: a for s in sides for a in s["areas"]},
        "conversations": investigation.child_conversations.all(),
        "requests": requests,
        "communications": investigation.communications.all(),
        "opening_information": investigation.opening_information.all(),
        "opening_information_done": len(investigation.opening_information.all())
        >= len(Informed.values),
        "extensions": investigation.extensions.all(),
        "delay_reasons": [d.get_reason_display() for d in investigation.delay_reasons.all()],
    }
