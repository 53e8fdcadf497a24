"""Web pages: Mottagning (in progress)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    """Render the page (placeholder until the page is built)."""
    return render(request, "web/placeholder.html", {"title": "Mottagning"})


urlpatterns = [path("mottagning/", intake, name="intake")]
