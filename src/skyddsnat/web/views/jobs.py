"""Jobb: the background jobs for the administrator — what runs when, and what failed.

The failures are django-q2's (``django_q.models.Failure``): a job that raised, with how many
times it was tried. Only the kind of error is shown, and the message of the project's own
``JobFailed`` (ids and counts by construction): another exception's message or traceback may
quote data the administrator must not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django_q.models import Failure, Schedule

from skyddsnat.accounts import policy
from skyddsnat.jobs.queue import JobFailed
from skyddsnat.jobs.schedules import label_of

#: How many failures the page lists, the latest first.
LIMIT = 100


@dataclass(frozen=True)
class FailedJob:
    """A failed job as the page shows it."""

    label: str
    started: datetime
    stopped: datetime
    attempts: int
    final: bool
    error: str


def error_of(result: object) -> str:
    """Return what the page may say of a failed job's error: its kind, and our own message."""
    text = str(result or "")
    last = next((line for line in reversed(text.splitlines()) if line.strip()), "")
    kind, _sep, message = last.partition(":")
    kind = kind.strip().rsplit(".", 1)[-1]
    if kind == JobFailed.__name__:
        return message.strip()
    return kind or _("Okänt fel")


@login_required
def jobs(request: HttpRequest) -> HttpResponse:
    """Render the scheduled jobs and the failed ones."""
    if not policy.can_view_jobs(request.user):
        raise PermissionDenied(_("Jobben är till för administratören."))
    max_attempts = settings.Q_CLUSTER["max_attempts"]
    failures = [
        FailedJob(
            label=label_of(f.func),
            started=f.started,
            stopped=f.stopped,
            attempts=f.attempt_count,
            final=bool(max_attempts) and f.attempt_count >= max_attempts,
            error=error_of(f.result),
        )
        for f in Failure.objects.order_by("-stopped")[:LIMIT]
    ]
    schedules = [
        {"label": label_of(s.func), "next_run": s.next_run}
        for s in Schedule.objects.order_by("next_run", "pk")
    ]
    return render(
        request,
        "web/jobs/page.html",
        {
            "failures": failures,
            "schedules": schedules,
            "max_attempts": max_attempts,
            "limit": LIMIT,
        },
    )


urlpatterns = [path("administration/jobb/", jobs, name="admin_jobs")]
