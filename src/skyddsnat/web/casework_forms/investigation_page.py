"""What the investigation workspace shows: the investigation, its parts, and a form per action.

``workspace()`` builds the page's context; a form that was posted and failed is passed in
``bound`` (by its key) so that it is shown with its errors and what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
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
    return investigation_of(
        case, "child_conversations__recorded_by", "triangle__written_in__case__child"
    )


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
    shared_note: str = ""  # "Gemensam för syskonen (skriven i …)" when it is shared

    @property
    def sources(self) -> list[str]:
        return f.source_labels(self.row.sources) if self.row else []


@dataclass(frozen=True)
class Sibling:
    """Another child of the report with an open investigation, as the reader may know it."""

    name: str  # "" when the reader may not read the sibling's case
    writable: bool  # whether a shared sub-area is written into it


def siblings_of(user: User, case: Case) -> list[Sibling]:
    """Return the open sibling investigations of ``case`` (decision 0037) as ``user`` sees them."""
    return [
        Sibling(
            name=str(other.case.child).strip() if policy.can_read_case(user, other.case) else "",
            writable=policy.can_write_case(user, other.case),
        )
        for other in investigations.sibling_investigations(case)
    ]


def sharing_help(siblings: list[Sibling]) -> str:
    """Return what "Gäller alla syskon i anmälan" does here: which siblings' investigations get
    the text, and which are left alone because the user may not change them."""
    written = [s.name for s in siblings if s.writable]
    named = [s.name for s in siblings if not s.writable and s.name]
    unnamed = sum(1 for s in siblings if not s.writable and not s.name)
    parts = []
    if written:
        parts.append(
            _("Texten skrivs också i utredningen om %(names)s.") % {"names": ", ".join(written)}
        )
    if named:
        parts.append(
            _("Utredningen om %(names)s lämnas som den är: du kan inte ändra den.")
            % {"names": ", ".join(named)}
        )
    if unnamed:
        parts.append(
            ngettext(
                "%(count)d syskons utredning lämnas som den är: du kan inte ändra den.",
                "%(count)d syskons utredningar lämnas som de är: du kan inte ändra dem.",
                unnamed,
            )
            % {"count": unnamed}
        )
    return " ".join(str(part) for part in parts)


def shared_note(
    row: TriangleAssessment | None, investigation: Investigation, reader: User | None
) -> str:
    """Return "Gemensam för syskonen (skriven i …)" for a shared sub-area: where it was written
    (the sibling named only to a reader of the sibling's case) and when."""
    if row is None or not row.shared:
        return ""
    when = timezone.localdate(row.updated_at).isoformat()
    origin = row.written_in
    if origin is None or origin.pk == investigation.pk:
        return str(_("Gemensam för syskonen (skriven här %(date)s)") % {"date": when})
    if reader is not None and policy.can_read_case(reader, origin.case):
        where = _("utredningen om %(name)s") % {"name": str(origin.case.child).strip()}
    else:
        where = _("ett syskons utredning")
    return str(
        _("Gemensam för syskonen (skriven i %(where)s %(date)s)") % {"where": where, "date": when}
    )


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
    reader: User | None = None,
) -> dict:
    """Return the context of the investigation workspace (``drafts``: the user's, by key;
    ``reader``: who reads it, for the siblings the family's sub-areas are shared with)."""
    bound = bound or {}
    siblings = siblings_of(reader, case) if reader is not None and can_write else []
    sharing = sharing_help(siblings)

    def form(kind: str, key: str = "") -> forms.Form:
        made = bound.get(prefix(kind, key)) or make_form(kind, key, investigation, drafts=drafts)
        if "for_siblings" in made.fields:
            if siblings:
                made.fields["for_siblings"].help_text = sharing
            else:
                del made.fields["for_siblings"]  # no sibling investigation to share with
        return made

    sides = []
    for side in bbic.TRIANGLES[investigation.bbic_version]:
        areas = [
            AreaView(
                key=(key := f"{side.code}.{code}"),
                name=name,
                anchor=prefix("area", key),
                row=(row := f.area_row(investigation, key)),
                form=form("area", key),
                shared_note=shared_note(row, investigation, reader),
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
