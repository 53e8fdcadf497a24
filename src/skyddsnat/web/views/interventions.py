"""Insatser: decide interventions, follow up placements (visits, reviews, custody transfer),
end and evaluate them, and the court steps of an emergency custody (LVU 6 §).

Each form posts to its own endpoint, which calls the service. The actions are declared once, by
their forms (``casework_forms.interventions.ACTIONS``): the URL patterns below come from there.
With htmx a follow-up form answers with its intervention's card, swapped in place; without
JavaScript the endpoint redirects back to the page (or shows it again with the errors).
"""

from __future__ import annotations

from typing import Any

from django.forms import Form
from django.http import HttpRequest, QueryDict

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.cases.models import Case
from skyddsnat.journal import drafts
from skyddsnat.web.casework_forms import interventions as forms
from skyddsnat.web.casework_forms import interventions_page as page
from skyddsnat.web.casework_forms.base import page_urls

ACTIONS = forms.ACTIONS


def _context(
    request: HttpRequest, case: Case, bound: dict[str, Form], section: str
) -> dict[str, Any]:
    """Return what the page shows (an intervention's card alone when it is ``section``)."""
    can_write = policy.can_write_case(request.user, case)
    context = page.page(
        case,
        today=clock.today(),
        can_write=can_write,
        bound=bound,
        drafts=drafts.form_drafts(request.user, case) if can_write else {},
    )
    cards = {view.anchor: view for view in context["interventions"]}
    if section in cards:
        context["view"] = cards[section]
    return context


def _posted(case: Case, kind: str, key: str, data: QueryDict) -> forms.InterventionAction:
    """Return the posted form of the action ``kind`` (about ``key``)."""
    return page.make_form(kind, case, key, data)


urlpatterns = page_urls(
    "arenden/<int:case_id>/insatser/", "interventions", ACTIONS, context=_context, posted=_posted
)
