"""Utredning: the investigation workspace along BBIC, and one POST endpoint per action.

Every form posts to its own endpoint, which calls the service. The actions are declared once, by
their forms (``casework_forms.investigation.ACTIONS``): the URL patterns below come from there.
With htmx the endpoint answers with the section it changed (a triangle sub-area, the
conversations …), swapped in place; without JavaScript it redirects back to the page (or shows it
again with the errors).
"""

from __future__ import annotations

from typing import Any

from django.forms import Form
from django.http import Http404, HttpRequest, QueryDict

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.cases.models import Case
from skyddsnat.investigations import bbic
from skyddsnat.journal import drafts
from skyddsnat.web.casework_forms import investigation as forms
from skyddsnat.web.casework_forms import investigation_page as page
from skyddsnat.web.casework_forms.base import page_urls

ACTIONS = forms.ACTIONS


def _context(
    request: HttpRequest, case: Case, bound: dict[str, Form], section: str
) -> dict[str, Any]:
    """Return what the workspace shows (a sub-area of the triangle alone when it is ``section``)."""
    investigation = page.load(case)
    if investigation is None:
        return {}
    can_write = policy.can_write_case(request.user, case)
    context = page.workspace(
        case,
        investigation,
        today=clock.today(),
        can_write=can_write,
        bound=bound,
        drafts=drafts.form_drafts(request.user, case) if can_write else {},
        reader=request.user,
    )
    areas = {area.anchor: area for area in context["areas_by_key"].values()}
    if section in areas:
        context["area"] = areas[section]
    return context


def _posted(case: Case, kind: str, key: str, data: QueryDict) -> forms.InvestigationAction:
    """Return the posted form of the action ``kind`` (about ``key``) of the case's investigation."""
    investigation = page.load(case)
    if investigation is None:
        raise Http404
    if kind == "area" and key not in bbic.area_codes(investigation.bbic_version):
        raise Http404
    return page.make_form(kind, key, investigation, data)


urlpatterns = page_urls(
    "arenden/<int:case_id>/utredning/", "investigation", ACTIONS, context=_context, posted=_posted
)
