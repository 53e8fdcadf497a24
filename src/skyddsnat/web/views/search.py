"""Web pages: Sök barn (in progress)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Render the page (placeholder until the page is built)."""
    return render(request, "web/placeholder.html", {"title": "Sök barn"})


urlpatterns = [path("sok/", search, name="search")]
