"""The journal (*journal*): chronological, signed, append-only entries of a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skyddsnat.cases.models import Case
from skyddsnat.journal.events import event_title
from skyddsnat.signing import SignedRecord


class EntryKind(models.TextChoices):
    NOTE = "note", _("Anteckning")
    EVENT = "event", _("Händelse")
    CORRECTION = "correction", _("Rättelse")


class JournalEntry(SignedRecord):
    """One journal entry (*journalanteckning*). Events are written and signed by the services.

    An unsigned note is a draft, visible only to its author and never counted as documentation.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="journal")
    kind = models.CharField(max_length=16, choices=EntryKind.choices)
    event = models.CharField(max_length=60, blank=True)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="correction") | models.Q(corrects__isnull=False),
                name="correction_points_at_entry",
            )
        ]

    @property
    def title(self) -> str:
        """Return what happened, as the heading of the entry (*Förhandsbedömning beslutad*)."""
        if self.kind == EntryKind.EVENT:
            return event_title(self.event)
        return str(self.get_kind_display())


class FormDraft(models.Model):
    """The text a user is writing in a casework form, saved as they type (*utkast*).

    One row per author, case and form (``form_key``, e.g. ``"investigation.plan"``); a form that
    has no case yet (the new report) has one row per author and form, without a case. A draft is
    visible only to its author, is never documentation, and is removed when the form is saved.
    ``data`` maps the form's text fields to what was typed; ``saved_at`` is shown by the form.
    """

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    #: None: a form that has no case yet (the new report; decision 0036).
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    form_key = models.CharField(max_length=80)
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField()
    #: The version of the record the form edits when the draft was begun (None: the form makes a
    #: new record). Restored after someone else saved, the form shows both (decision 0026).
    base_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["author", "case", "form_key"], name="one_form_draft_per_author"
            ),
            # NULL cases are distinct to the constraint above: one case-less draft per form.
            models.UniqueConstraint(
                fields=["author", "form_key"],
                condition=models.Q(case__isnull=True),
                name="one_caseless_form_draft_per_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form_key} ({timezone.localtime(self.saved_at):%Y-%m-%d %H:%M})"
