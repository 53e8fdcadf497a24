"""Web pages: case_id>/insatser/ (in progress)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header


@login_required
def interventions(request: HttpRequest, case_id: int) -> HttpResponse:
    """Render the page (placeholder until the page is built)."""
    case = case_for(request, case_id)
    return render(
        request,
        "web/case/placeholder.html",
        {**case_header(case, "Insatser:interventions"), "title": "case_id>/insatser/"},
    )


urlpatterns = [path("arenden/<int", interventions, name="interventions")]
