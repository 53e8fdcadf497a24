"""The daily digest (*daglig sammanställning*): each caseworker's and manager's time limits.

Every working morning each member of staff who works with cases gets an e-mail with how many
of their cases have a time limit that has passed, and how many one that falls due this week,
with links to the work list that shows exactly those cases. The counts are the work lists' own
(``web/worklist.py``: Mina ärenden, and for a manager Enhetens översikt), so the e-mail and the
list agree. The e-mail holds no personal data: no names, no identity numbers, no case details,
only counts and links behind the login.

The job (``send_daily_digests``) is idempotent: a ``SentNotice`` per person and day is written
in the transaction that sends, so a second run the same day, or a retry after a failure, sends
to nobody twice. A member of staff without an e-mail address is skipped and logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.jobs.models import NoticeKind, SentNotice
from skyddsnat.jobs.queue import JobFailed
from skyddsnat.web import worklist

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ListCounts:
    """One work list's cases with a passed time limit and with one due this week, and its links."""

    overdue: int
    due_this_week: int
    overdue_url: str
    week_url: str


@dataclass(frozen=True)
class Digest:
    """What one person's digest says: their own cases, and for a manager the unit's."""

    day: date
    own: ListCounts | None
    unit: ListCounts | None

    @property
    def is_empty(self) -> bool:
        return not any(c and (c.overdue or c.due_this_week) for c in (self.own, self.unit))


def _counts(items: list[worklist.WorkItem], today: date, url: str, key: str) -> ListCounts:
    overdue, week = worklist.FILTERS["overdue"], worklist.FILTERS["week"]
    base = settings.SKYDDSNAT_BASE_URL.rstrip("/") + url
    return ListCounts(
        overdue=sum(1 for i in items if overdue.keeps(i, today)),
        due_this_week=sum(1 for i in items if week.keeps(i, today)),
        overdue_url=f"{base}?{key}=overdue",
        week_url=f"{base}?{key}=week",
    )


def digest_for(user: User, today: date) -> Digest:
    """Return ``user``'s digest for ``today``, counted as their work lists count."""
    own = None
    if policy.has_own_cases(user):
        items = worklist.work_items(worklist.own_cases(user), today)
        own = _counts(items, today, reverse("web:my_cases"), "show")
    unit = None
    if policy.can_view_unit(user):
        items = worklist.work_items(worklist.unit_cases(user), today)
        unit = _counts(items, today, reverse("web:unit"), "status")
    return Digest(day=today, own=own, unit=unit)


def render_digest(digest: Digest) -> tuple[str, str]:
    """Return the e-mail's subject and plain-text body, in Swedish."""
    context = {"digest": digest, "base_url": settings.SKYDDSNAT_BASE_URL.rstrip("/")}
    with translation.override("sv"):
        subject = render_to_string("jobs/digest_subject.txt", context).strip()
        body = render_to_string("jobs/digest_body.txt", context)
    return subject, body


def send_digest(user: User, today: date) -> bool:
    """Send ``user``'s digest for ``today`` unless it was sent already; return True if sent.

    The ``SentNotice`` row is written first, in the transaction that sends: a run alongside
    waits for it and then sends nothing; a failed send rolls it back, so a retry sends.
    """
    with transaction.atomic():
        _notice, created = SentNotice.objects.get_or_create(
            kind=NoticeKind.DAILY_DIGEST,
            user=user,
            day=today,
            defaults={"sent_at": clock.now()},
        )
        if not created:
            return False
        subject, body = render_digest(digest_for(user, today))
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True


def send_daily_digests(day: str | None = None) -> str:
    """Send today's digest (or ``day``'s, an ISO date) to everyone who gets one.

    Saturdays and Sundays send nothing. Raise ``JobFailed`` after trying everyone if a send
    failed, so that the worker runs the job again; those already sent are not sent again.
    """
    today = date.fromisoformat(day) if day else clock.today()
    if today.weekday() >= 5:
        return "Helg: ingen sammanställning."
    sent = skipped = already = 0
    failed: list[int] = []
    for user in policy.digest_recipients().order_by("pk"):
        if not policy.receives_digest(user, today):
            continue
        if not user.email:
            skipped += 1
            logger.warning("Daily digest: user %s has no e-mail address; skipped.", user.pk)
            continue
        try:
            if send_digest(user, today):
                sent += 1
            else:
                already += 1
        except Exception:
            failed.append(user.pk)
            logger.exception("Daily digest: sending to user %s failed.", user.pk)
    summary = (
        f"{today.isoformat()}: {sent} skickade, {already} redan skickade, "
        f"{skipped} utan e-postadress, {len(failed)} misslyckade"
    )
    logger.info("Daily digest %s.", summary)
    if failed:
        ids = ", ".join(str(pk) for pk in failed)
        raise JobFailed(f"Daglig sammanställning {summary} (användare {ids}).")
    return summary
