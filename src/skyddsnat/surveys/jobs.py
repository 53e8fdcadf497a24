"""The survey's schedule, run daily: invitations, reminders to those who have not answered,
and closing (issue 15; ``jobs/schedules.py``).

``send_survey_notices`` is idempotent: a respondent gets one invitation ever and at most one
reminder a day (``SurveyNotice``, written in the transaction that sends). The e-mail carries
the respondent's personal link, derived again from its salt (``services.link_token``), so a
reminder leads to the same saved answers. It names no child and no case.
"""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from skyddsnat import clock
from skyddsnat.audit import services as audit
from skyddsnat.jobs.queue import JobFailed
from skyddsnat.surveys.models import Edition, Respondent, SurveyNotice
from skyddsnat.surveys.services import link_token

logger = logging.getLogger(__name__)


def render_notice(respondent: Respondent, *, reminder: bool) -> tuple[str, str]:
    """Return the e-mail's subject and plain-text body, in Swedish."""
    link = settings.SKYDDSNAT_BASE_URL.rstrip("/") + reverse(
        "web:survey_answer", kwargs={"token": link_token(respondent)}
    )
    edition = respondent.edition
    organiser = edition.created_by.get_full_name() or edition.created_by.username
    context = {
        "respondent": respondent,
        "edition": edition,
        "link": link,
        "reminder": reminder,
        "organiser": organiser,
    }
    with translation.override("sv"):
        subject = render_to_string("surveys/notice_subject.txt", context).strip()
        body = render_to_string("surveys/notice_body.txt", context)
    return subject, body


def send_notice(respondent: Respondent, kind: str, today: date) -> bool:
    """Send ``respondent`` an invitation or a reminder unless it was sent; True if sent."""
    with transaction.atomic():
        if kind == SurveyNotice.Kind.INVITATION and respondent.notices.filter(kind=kind).exists():
            return False
        _notice, created = SurveyNotice.objects.get_or_create(
            respondent=respondent, kind=kind, day=today, defaults={"sent_at": clock.now()}
        )
        if not created:
            return False
        subject, body = render_notice(respondent, reminder=kind == SurveyNotice.Kind.REMINDER)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [respondent.email])
    return True


def _due(edition: Edition, today: date) -> str | None:
    """Return the notice ``edition`` sends ``today``, if any."""
    if today.isoformat() in edition.reminders_on:
        return SurveyNotice.Kind.REMINDER
    if edition.sent_on is not None and edition.sent_on <= today:
        return SurveyNotice.Kind.INVITATION
    return None


def send_survey_notices(day: str | None = None) -> str:
    """Close the editions past their last day; send today's invitations and reminders.

    Raise ``JobFailed`` after trying everyone if a send failed (the worker runs the job again;
    those sent are not sent again).
    """
    today = date.fromisoformat(day) if day else clock.today()
    closed = 0
    for edition in Edition.objects.filter(status=Edition.Status.OPEN, closes_on__lt=today).order_by(
        "pk"
    ):
        Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.CLOSED)
        audit.record(actor=None, action="update", obj=edition, channel="system", detail="stängd")
        closed += 1
    sent = 0
    failed: list[int] = []
    for edition in Edition.objects.filter(status=Edition.Status.OPEN).order_by("pk"):
        kind = _due(edition, today)
        if kind is None:
            continue
        waiting = (
            edition.respondents.exclude(email="")
            .exclude(response__submitted_at__isnull=False)
            .select_related("edition__created_by")
            .order_by("pk")
        )
        for respondent in waiting:
            this_kind = kind
            if kind == SurveyNotice.Kind.REMINDER and not respondent.notices.exists():
                this_kind = SurveyNotice.Kind.INVITATION  # added late: invited first
            if not respondent.link_salt:
                continue  # imported answers only: no link to send
            try:
                sent += send_notice(respondent, this_kind, today)
            except Exception:
                logger.exception("Survey notice to respondent %s failed.", respondent.pk)
                failed.append(respondent.pk)
    if failed:
        raise JobFailed(f"{len(failed)} utskick misslyckades (svarande {failed[:10]}).")
    return f"{sent} utskick, {closed} enkäter stängda."
