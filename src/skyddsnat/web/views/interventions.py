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
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.cases.models import Case
from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.casework_forms import interventions as forms
from skyddsnat.web.casework_forms import interventions_page as page
from skyddsnat.web.casework_forms.base import action_urls
from skyddsnat.web.posting import Reply, post

ACTIONS = forms.ACTIONS


def _render(
    request: HttpRequest,
    case: Case,
    reply: Reply | None = None,
    *,
    card: str = "",
) -> HttpResponse:
    """Render the page, or the intervention ``card`` alone (``reply``: after a post)."""
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
        "saved_section": card,
        "conflict_section": card,
    }
    template = "web/interventions/page.html"
    if card:
        context["view"] = next(v for v in context["interventions"] if v.anchor == card)
        template = "web/interventions/_intervention.html"
    return render(request, template, context, status=reply.status)


@login_required
def interventions(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show the case's decisions and interventions with their follow-up."""
    return _render(request, case_for(request, case_id))


@login_required
@require_POST
def act(request: HttpRequest, case_id: int, kind: str, key: int | str = "") -> HttpResponse:
    """Save one form of the page through its service."""
    key = str(key)
    case = case_for(request, case_id, write=True)
    action = ACTIONS[kind]
    subject = action.subject(case, key)
    form = page.make_form(kind, key, clock.today(), request.POST)
    section = action.changed_id(key, page.prefix(kind, key))
    card = section if action.htmx else ""
    return post(
        request,
        form,
        lambda data: form.perform(request.user, case, subject, data),
        message=str(action.message),
        redirect_url=reverse("web:interventions", args=[case.pk]) + f"#{section}",
        page=lambda reply: _render(request, case, reply),
        fragment=(lambda reply: _render(request, case, reply, card=card)) if action.htmx else None,
    )


urlpatterns = [
    path("arenden/<int:case_id>/insatser/", interventions, name="interventions"),
    *action_urls("arenden/<int:case_id>/insatser/", "interventions", act, ACTIONS),
]
