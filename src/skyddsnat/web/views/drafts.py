"""Drafts of the casework forms' long texts: one endpoint that every form's text fields post to.

The investigation plan, a BBIC sub-area, a child conversation, the investigation's closing
analysis and the preliminary assessment save what is being typed here (htmx, see
``web.form_drafts``); the page restores it for its author. The journal has its own drafts.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skyddsnat.errors import NotFound, ServiceError
from skyddsnat.journal import drafts
from skyddsnat.web import form_drafts
from skyddsnat.web.access import case_for

STATUS = "web/drafts/_status.html"


@require_POST
def save(request: HttpRequest, case_id: int, form_key: str) -> HttpResponse:
    """Save the author's draft of ``form_key``; answer with "Utkast sparat kl. …".

    A logged-out user gets a status line, not the login page, so the text stays in the form.
    """
    if not request.user.is_authenticated:
        error = _("Inte sparat: du är utloggad. Logga in i en ny flik; texten finns kvar här.")
        return render(request, STATUS, {"error": error})
    case = case_for(request, case_id, acting=[drafts.save_form_draft])
    try:
        texts = form_drafts.posted_texts(case.pk, form_key, request.POST)
        draft = drafts.save_form_draft(
            acting_user=request.user, case_id=case.pk, form_key=form_key, data=texts
        )
    except NotFound:
        raise Http404 from None
    except ServiceError as exc:
        return render(request, STATUS, {"error": exc.message})
    return render(request, STATUS, {"draft": draft, "removed": draft is None})


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """Extend the session while the user is writing (``web/static/web/drafts.js``).

    Other answers extend it at most once a minute (``accounts.sessions``); this one always
    does, and says nothing more, 204; a logged-out user gets 401 (not the login page), and the
    page sends her to log in.
    Nothing of a case is read, so nothing is audited.
    """
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    request.session.modified = True
    return HttpResponse(status=204)


urlpatterns = [
    path("arenden/<int:case_id>/utkast/<str:form_key>/", save, name="form_draft"),
    path("session/forlang/", keep_alive, name="session_keepalive"),
]
