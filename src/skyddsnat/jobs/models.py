"""What was sent: a notice goes to one person once per kind and day (idempotent jobs)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    """The kinds of notice the jobs send (one row of ``SentNotice`` per person and day)."""

    DAILY_DIGEST = "daily_digest", _("Daglig sammanställning")


class SentNotice(models.Model):
    """A notice sent to a member of staff: the job that sends it again the same day sends none.

    The row is written in the transaction that sends the e-mail, before it is sent: a second
    run waits for the first's row and then finds it; a send that fails rolls the row back, so
    the retry sends it. It holds no content, only who, what kind and which day.
    """

    kind = models.CharField(_("slag"), max_length=40, choices=NoticeKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("till")
    )
    day = models.DateField(_("dag"))
    sent_at = models.DateTimeField(_("skickad"))

    class Meta:
        verbose_name = _("skickat meddelande")
        verbose_name_plural = _("skickade meddelanden")
        constraints = [
            models.UniqueConstraint(fields=["kind", "user", "day"], name="one_notice_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id} {self.day}"
