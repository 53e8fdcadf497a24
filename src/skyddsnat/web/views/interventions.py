"""Insatser: decide interventions, follow up placements (visits, reviews, custody transfer),
end and evaluate them, and the court steps of an emergency custody (LVU 6 §).

Each form posts to its own endpoint, which calls the service. With htmx a follow-up form
answers with its intervention's card, swapped in place; without JavaScript the endpoint
redirects back to the page (or shows it again with the errors).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.cases.models import Case
from skyddsnat.interventions import services as interventions_services
from skyddsnat.interventions.models import EmergencyCustody, Intervention
from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.casework_forms import interventions_page as page
from skyddsnat.web.posting import Reply, post

Data = dict[str, Any]
s = interventions_services


def _decide(user: User, case: Case, obj: Any, d: Data) -> None:
    s.decide_intervention(acting_user=user, case=case, data=s.InterventionInput(**d))


def _visit(user: User, case: Case, obj: Intervention, d: Data) -> None:
    s.record_visit(acting_user=user, intervention=obj, **d)


def _review(user: User, case: Case, obj: Intervention, d: Data) -> None:
    s.record_review(acting_user=user, intervention=obj, **d)


def _custody(user: User, case: Case, obj: Intervention, d: Data) -> None:
    s.record_custody_consideration(acting_user=user, intervention=obj, **d)


def _end(user: User, case: Case, obj: Intervention, d: Data) -> None:
    s.end_intervention(
        acting_user=user,
        intervention=obj,
        ended_on=d["ended_on"],
        end_reason=d["end_reason"],
        expected_version=d["version"],
    )


def _evaluation(user: User, case: Case, obj: Intervention, d: Data) -> None:
    s.record_evaluation(acting_user=user, intervention=obj, data=s.EvaluationInput(**d))


def _lvu_step(step: str) -> Callable[[User, Case, EmergencyCustody, Data], None]:
    def call(user: User, case: Case, obj: EmergencyCustody, d: Data) -> None:
        s.record_lvu_step(acting_user=user, custody=obj, step=step, on=d["on"])

    return call


@dataclass(frozen=True)
class Action:
    call: Callable[[User, Case, Any, Data], None]
    message: str  # lazily translated
    target: str  # "": none, "intervention" or "custody": what ``key`` names
    htmx: bool = True  # answer htmx with the intervention's card


ACTIONS: dict[str, Action] = {
    "decide": Action(_decide, _("Beslutet är registrerat och signerat."), "", htmx=False),
    "visit": Action(_visit, _("Besöket är registrerat."), "intervention"),
    "review": Action(_review, _("Övervägandet är registrerat."), "intervention"),
    "custody": Action(
        _custody, _("Övervägandet om vårdnadsöverflyttning är registrerat."), "intervention"
    ),
    "end": Action(_end, _("Insatsen är avslutad."), "intervention"),
    "evaluation": Action(
        _evaluation, _("Utvärderingen är registrerad och signerad."), "intervention"
    ),
    "court_submitted": Action(
        _lvu_step("court_submitted"), _("Underställningen är registrerad."), "custody", htmx=False
    ),
    "care_applied": Action(
        _lvu_step("care_applied"), _("Ansökan om vård är registrerad."), "custody", htmx=False
    ),
}


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


def _target(case: Case, action: Action, key: str) -> Any:
    if action.target == "intervention":
        found = Intervention.objects.filter(case_id=case.pk, pk=key).first()
    elif action.target == "custody":
        found = EmergencyCustody.objects.filter(case_id=case.pk, pk=key).first()
    else:
        return None
    if found is None:
        raise Http404
    return found


@login_required
@require_POST
def act(request: HttpRequest, case_id: int, kind: str, key: int | str = "") -> HttpResponse:
    """Save one form of the page through its service."""
    key = str(key)
    case = case_for(request, case_id, write=True)
    action = ACTIONS[kind]
    obj = _target(case, action, key)
    form = page.make_form(kind, key, clock.today(), request.POST)
    card = f"insats-{key}" if action.target == "intervention" else ""
    anchor = card or ("lvu" if action.target == "custody" else "beslut")
    return post(
        request,
        form,
        lambda data: action.call(request.user, case, obj, data),
        message=str(action.message),
        redirect_url=reverse("web:interventions", args=[case.pk]) + f"#{anchor}",
        page=lambda reply: _render(request, case, reply),
        fragment=(lambda reply: _render(request, case, reply, card=card)) if action.htmx else None,
    )


def _post(route: str, kind: str) -> Any:
    return path(
        f"arenden/<int:case_id>/insatser/{route}", act, {"kind": kind}, name=f"interventions_{kind}"
    )


urlpatterns = [
    path("arenden/<int:case_id>/insatser/", interventions, name="interventions"),
    _post("beslut/", "decide"),
    _post("<int:key>/besok/", "visit"),
    _post("<int:key>/overvagande/", "review"),
    _post("<int:key>/vardnadsoverflyttning/", "custody"),
    _post("<int:key>/avslut/", "end"),
    _post("<int:key>/utvardering/", "evaluation"),
    _post("lvu/<int:key>/understallning/", "court_submitted"),
    _post("lvu/<int:key>/ansokan/", "care_applied"),
]
