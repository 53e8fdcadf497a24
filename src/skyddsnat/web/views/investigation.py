"""Web pages: case_id>/utredning/ (in progress)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header


@login_required
def investigation(request: HttpRequest, case_id: int) -> HttpResponse:
    """Render the page (placeholder until the page is built)."""
    case = case_for(request, case_id)
    return render(
        request,
        "web/case/placeholder.html",
        {**case_header(case, "Utredning:investigation"), "title": "case_id>/utredning/"},
    )


urlpatterns = [path("arenden/<int", investigation, name="investigation")]
