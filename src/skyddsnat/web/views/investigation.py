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
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.cases.models import Case
from skyddsnat.investigations import bbic
from skyddsnat.journal import drafts
from skyddsnat.web import form_drafts
from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.casework_forms import investigation as forms
from skyddsnat.web.casework_forms import investigation_page as page
from skyddsnat.web.casework_forms.base import action_urls
from skyddsnat.web.posting import Reply, post

ACTIONS = forms.ACTIONS


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
    call = form_drafts.discarding_draft(
        lambda data: form.perform(request.user, case, key, data),
        acting_user=request.user,
        case=case,
        form_key=action.draft_key(key),
    )
    section = action.changed_id(key, page.prefix(kind, key))
    area_key = key if kind == "area" else ""
    template = action.fragment_template()

    def fragment(reply: Reply) -> HttpResponse:
        return _render(request, case, reply, template=template, section=section, area_key=area_key)

    return post(
        request,
        form,
        call,
        message=str(action.message),
        redirect_url=reverse("web:investigation", args=[case.pk]) + f"#{section}",
        page=lambda reply: _render(request, case, reply, area_key=area_key),
        fragment=fragment if template else None,
    )


urlpatterns = [
    path("arenden/<int:case_id>/utredning/", investigation, name="investigation"),
    *action_urls("arenden/<int:case_id>/utredning/", "investigation", act, ACTIONS),
]
