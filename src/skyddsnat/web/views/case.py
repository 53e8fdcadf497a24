"""Ärende – översikt: the report, the child, what happened, and what to do now.

The actions of intake (protective and preliminary assessment, reporter feedback, follow-up
contact) are posted to this page; a refused save shows the page again with the messages next to
the fields and what was typed.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.cases.continuity import child_continuity
from skyddsnat.cases.models import Case
from skyddsnat.journal.models import JournalEntry
from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.family_panel import family_panel
from skyddsnat.web.forms.assessments import action_forms, post_action, posted_services
from skyddsnat.web.forms.base import error_links
from skyddsnat.web.posting import Reply


def timeline(case: Case) -> list[JournalEntry]:
    """Return the case's signed journal entries, newest first (drafts are never documentation)."""
    return list(
        JournalEntry.objects.filter(case=case, signed_at__isnull=False)
        .select_related("author", "corrects")
        .order_by("-created_at", "-pk")
    )


def siblings(request: HttpRequest, case: Case) -> list[tuple[Case, bool]]:
    """Return the other children's cases from the same report, and whether the user may open them."""
    others = case.report.cases.exclude(pk=case.pk).select_related("child").order_by("pk")
    return [(other, policy.can_read_case(request.user, other)) for other in others]


def render_overview(request: HttpRequest, case: Case, reply: Reply | None = None) -> HttpResponse:
    reply = reply or Reply()
    writable = policy.can_write_case(request.user, case)
    context = {
        **case_header(case, "overview"),
        "family": family_panel(request, case, reply.bound),
        "report": case.report,
        "reasons": [r.get_reason_display() for r in case.report.reasons.all()],
        "siblings": siblings(request, case),
        "continuity": child_continuity(case.child_id, clock.today()),
        "timeline": timeline(case),
        "followups": case.followup_contacts.select_related("contacted_by").order_by(
            "-contacted_on"
        ),
        "forms": action_forms(case, reply.form, request.user) if writable else [],
        "writable": writable,
        "error_links": error_links(reply.form) if reply.form is not None else [],
        "conflict": reply.conflict,
    }
    return render(request, "web/case/overview.html", context, status=reply.status)


@login_required
def case(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show the case overview, or save one of its actions."""
    if request.method != "POST":
        return render_overview(request, case_for(request, case_id))
    case = case_for(request, case_id, acting=posted_services(request.POST))
    return post_action(
        request,
        case,
        redirect_url=reverse("web:case", args=[case.pk]),
        page=lambda reply: render_overview(request, case, reply),
    )


urlpatterns = [path("arenden/<int:case_id>/", case, name="case")]
