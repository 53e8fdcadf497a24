"""Utredning: the investigation workspace along BBIC, and one POST endpoint per action.

Every form posts to its own endpoint, which calls the service. The actions are declared once, by
their forms (``casework_forms.investigation.ACTIONS``): the URL patterns below come from there.
With htmx the endpoint answers with the section it changed (a triangle sub-area, the
conversations …), swapped in place; without JavaScript it redirects back to the page (or shows it
again with the errors).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.cases.models import Case
from skyddsnat.investigations import bbic
from skyddsnat.journal import drafts
from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.casework_forms import investigation as forms
from skyddsnat.web.casework_forms import investigation_page as page
from skyddsnat.web.casework_forms.base import action_urls, save_action
from skyddsnat.web.posting import Reply

ACTIONS = forms.ACTIONS


def _render(
    request: HttpRequest,
    case: Case,
    reply: Reply | None = None,
    *,
    template: str = "page.html",
    section: str = "",
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
        areas = {area.anchor: area for area in context["areas_by_key"].values()}
        if section in areas:  # a sub-area of the triangle, alone
            context["area"] = areas[section]
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
    case = case_for(request, case_id, acting=[ACTIONS[kind].service])
    investigation = page.load(case)
    if investigation is None:
        raise Http404
    if kind == "area" and key not in bbic.area_codes(investigation.bbic_version):
        raise Http404
    form = page.make_form(kind, key, investigation, clock.today(), request.POST)
    return save_action(
        request,
        case,
        form,
        key,
        page="web:investigation",
        render=lambda reply, **part: _render(request, case, reply, **part),
    )


urlpatterns = [
    path("arenden/<int:case_id>/utredning/", investigation, name="investigation"),
    *action_urls("arenden/<int:case_id>/utredning/", "investigation", act, ACTIONS),
]
