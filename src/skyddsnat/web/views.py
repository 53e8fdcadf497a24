"""The start page: what Skyddsnät is and where to go (the full UI comes with the web issue)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """Render the start page, with the demo logins when demo data is enabled."""
    demo_users = []
    if settings.DEMO_ENABLED:
        from skyddsnat.demo.logins import DEMO_LOGINS

        demo_users = DEMO_LOGINS
    return render(request, "web/home.html", {"demo_users": demo_users})
