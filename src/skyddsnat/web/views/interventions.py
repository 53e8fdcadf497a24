"""Insatser: decide interventions, follow up placements (visits, reviews, custody transfer),
end and evaluate them, and the court steps of an emergency custody (LVU 6 §).

Each form posts to its own endpoint, which calls the service. The actions are declared once, by
their forms (``casework_forms.interventions.ACTIONS``): the URL patterns below come from there.
With htmx a follow-up form answers with its intervention's card, swapped in place; without
JavaScript the endpoint redirects back to the page (or shows it again with the errors).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.cases.models import Case
from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.casework_forms import interventions as forms
from skyddsnat.web.casework_forms import interventions_page as page
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
    """Render the page, or the fragment ``template`` of ``section`` (an intervention's card;
    ``reply``: after a post)."""
    reply = reply or Reply()
    context: dict[str, Any] = {
        **case_header(case, "interventions"),
        **page.page(
            case,
            today=clock.today(),
            can_write=policy.can_write_case(request.user, case),
            bound=reply.bound,
        ),
        "conflict": reply.conflict,
        "saved": reply.saved,
        "saved_section": section,
        "conflict_section": section,
    }
    cards = {view.anchor: view for view in context["interventions"]}
    if section in cards:  # an intervention's card, alone
        context["view"] = cards[section]
    return render(request, f"web/interventions/{template}", context, status=reply.status)


@login_required
def interventions(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show the case's decisions and interventions with their follow-up."""
    return _render(request, case_for(request, case_id))


@login_required
@require_POST
def act(request: HttpRequest, case_id: int, kind: str, key: int | str = "") -> HttpResponse:
    """Save one form of the page through its service."""
    key = str(key)
    case = case_for(request, case_id, acting=[ACTIONS[kind].service])
    form = page.make_form(kind, key, clock.today(), request.POST)
    return save_action(
        request,
        case,
        form,
        key,
        page="web:interventions",
        render=lambda reply, **part: _render(request, case, reply, **part),
    )


urlpatterns = [
    path("arenden/<int:case_id>/insatser/", interventions, name="interventions"),
    *action_urls("arenden/<int:case_id>/insatser/", "interventions", act, ACTIONS),
]
