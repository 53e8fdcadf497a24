"""Utredning: the investigation workspace along BBIC, and one POST endpoint per action.

Every form posts to its own endpoint, which calls the service. With htmx the endpoint answers
with the section it changed (a triangle sub-area, the conversations …), swapped in place; without
JavaScript it redirects back to the page (or shows it again with the errors).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.intake.models import Case
from skyddsnat.investigations import bbic
from skyddsnat.investigations import services as investigations
from skyddsnat.journal import drafts
from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.casework_forms import investigation_page as page
from skyddsnat.web.posting import Reply, post

Data = dict[str, Any]


def _plan(user: User, case: Case, key: str, d: Data) -> None:
    investigations.update_plan(
        acting_user=user,
        case=case,
        questions=d["questions"],
        contacts=d["contacts"],
        child_participation=d["child_participation"],
        expected_version=d["version"],
    )


def _area(user: User, case: Case, key: str, d: Data) -> None:
    investigations.assess_triangle_area(
        acting_user=user,
        case=case,
        area=key,
        text=d["text"],
        rating=d["rating"],
        sources=d["sources"],
        expected_version=d["version"],
    )


def _conversation(user: User, case: Case, key: str, d: Data) -> None:
    investigations.record_child_conversation(
        acting_user=user,
        case=case,
        held_on=d["held_on"],
        alone=d["alone"],
        child_view=d["child_view"],
        present=d["present"],
    )


def _request(user: User, case: Case, key: str, d: Data) -> None:
    investigations.record_external_request(
        acting_user=user, case=case, actor=d["actor"], sent_on=d["sent_on"], note=d["note"]
    )


def _answer(user: User, case: Case, key: str, d: Data) -> None:
    investigations.record_request_answer(
        acting_user=user, case=case, request_id=int(key), answered_on=d["answered_on"]
    )


def _communication(user: User, case: Case, key: str, d: Data) -> None:
    investigations.record_communication(
        acting_user=user, case=case, communicated_on=d["communicated_on"], party=d["party"]
    )


def _extension(user: User, case: Case, key: str, d: Data) -> None:
    investigations.extend_investigation(acting_user=user, case=case, **d)


def _close(user: User, case: Case, key: str, d: Data) -> None:
    investigations.close_investigation(
        acting_user=user, case=case, data=investigations.CloseInput(**d)
    )


@dataclass(frozen=True)
class Action:
    call: Callable[[User, Case, str, Data], None]
    message: str  # lazily translated
    section: str  # the element id the action changes (``{key}`` is the form's prefix)
    fragment: str = ""  # the template htmx gets back; none: the whole page


ACTIONS: dict[str, Action] = {
    "plan": Action(_plan, _("Utredningsplanen är sparad."), "plan", "_plan.html"),
    "area": Action(_area, _("Området är sparat."), "{key}", "_area.html"),
    "conversation": Action(
        _conversation, _("Barnsamtalet är sparat."), "barnsamtal", "_conversations.html"
    ),
    "request": Action(_request, _("Begäran är registrerad."), "begaran", "_requests.html"),
    "answer": Action(_answer, _("Svaret är registrerat."), "begaran", "_requests.html"),
    "communication": Action(
        _communication,
        _("Kommuniceringen är registrerad."),
        "kommunicering",
        "_communications.html",
    ),
    "extension": Action(_extension, _("Förlängningen är registrerad."), "forlangning"),
    "close": Action(_close, _("Utredningen är avslutad och signerad."), "avslut"),
}


def _render(
    request: HttpRequest,
    case: Case,
    reply: Reply | None = None,
    *,
    template: str = "page.html",
    section: str = "",
    area_key: str = "",
) -> HttpResponse:
    """Render the page, or the fragment ``template`` of ``section`` (``reply``: after a post)."""
    reply = reply or Reply()
    investigation = page.load(case)
    can_write = policy.can_write_case(request.user, case)
    context: dict[str, Any] = {
        **case_header(case, "investigation"),
        "conflict": reply.conflict,
        "conflict_section": section,
        "saved": reply.saved,
        "saved_section": section,
    }
    if investigation is not None:
        context.update(
            page.workspace(
                case,
                investigation,
                today=clock.today(),
                can_write=can_write,
                bound=reply.bound,
                drafts=drafts.form_drafts(request.user, case) if can_write else {},
            )
        )
        if area_key:
            context["area"] = context["areas_by_key"][area_key]
    return render(request, f"web/investigation/{template}", context, status=reply.status)


@login_required
def investigation(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show the investigation workspace."""
    return _render(request, case_for(request, case_id))


@login_required
@require_POST
def act(request: HttpRequest, case_id: int, kind: str, key: str | int = "") -> HttpResponse:
    """Save one form of the workspace through its service."""
    key = str(key)
    case = case_for(request, case_id, write=True)
    investigation = page.load(case)
    action = ACTIONS[kind]
    if investigation is None:
        raise Http404
    if kind == "area" and key not in bbic.area_codes(investigation.bbic_version):
        raise Http404
    form = page.make_form(kind, key, investigation, clock.today(), request.POST)

    def call(data: Data) -> None:
        with transaction.atomic():  # the saved form's draft goes with the save, or neither
            action.call(request.user, case, key, data)
            if draft_key := page.draft_key(kind, key):
                drafts.discard_form_draft(acting_user=request.user, case=case, form_key=draft_key)

    section = action.section.format(key=page.prefix(kind, key))
    area_key = key if kind == "area" else ""

    def fragment(reply: Reply) -> HttpResponse:
        return _render(
            request, case, reply, template=action.fragment, section=section, area_key=area_key
        )

    return post(
        request,
        form,
        call,
        message=str(action.message),
        redirect_url=reverse("web:investigation", args=[case.pk]) + f"#{section}",
        page=lambda reply: _render(request, case, reply, area_key=area_key),
        fragment=fragment if action.fragment else None,
    )


def _post(route: str, kind: str) -> Any:
    return path(
        f"arenden/<int:case_id>/utredning/{route}",
        act,
        {"kind": kind},
        name=f"investigation_{kind}",
    )


urlpatterns = [
    path("arenden/<int:case_id>/utredning/", investigation, name="investigation"),
    _post("plan/", "plan"),
    _post("triangel/<str:key>/", "area"),
    _post("barnsamtal/", "conversation"),
    _post("begaran/", "request"),
    _post("begaran/<int:key>/svar/", "answer"),
    _post("kommunicering/", "communication"),
    _post("forlangning/", "extension"),
    _post("avslut/", "close"),
]
