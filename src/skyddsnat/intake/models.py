"""Reports (*orosanmälningar*), applications and the first assessments of each case (*ärende*)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts.models import Municipality, Unit
from skyddsnat.cases.models import Case
from skyddsnat.intake import choices as c
from skyddsnat.people.models import Child, Guardian
from skyddsnat.signing import SignedRecord

User = settings.AUTH_USER_MODEL


class Report(models.Model):
    """A report of concern (*orosanmälan*) or an application (*ansökan*) about one or more children."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(
        max_length=16, choices=c.ReportKind.choices, default=c.ReportKind.REPORT
    )
    received_at = models.DateTimeField(_("inkom"))
    channel = models.CharField(_("kanal"), max_length=16, choices=c.Channel.choices)
    reporter_category = models.CharField(
        _("anmälarkategori"), max_length=24, choices=c.ReporterCategory.choices
    )
    reporter_mandatory = models.BooleanField(_("anmälningsskyldig"), default=False)
    reporter_name = models.CharField(_("anmälarens namn"), max_length=200, blank=True)
    reporter_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    reporter_contact = models.CharField(_("kontaktuppgift"), max_length=200, blank=True)
    applicant = models.CharField(
        _("sökande"), max_length=16, choices=c.Applicant.choices, blank=True
    )
    account = models.TextField(_("anmälarens berättelse"), blank=True)
    urgency = models.CharField(
        _("brådska"), max_length=8, choices=c.Urgency.choices, default=c.Urgency.NORMAL
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    #: Not stored: set on the report ``intake.services.register_report`` returns, the reasons
    #: and the cases it registered, in order (an answer then needs no second read).
    registered_reasons: list[str]
    registered_cases: list[Case]

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["municipality", "received_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class FeedbackRequest(models.Model):
    """The reporter asked for feedback (*återkoppling begärd*), and on which day.

    Only a mandatory reporter's request binds the committee (SoL 2025:400 19 kap. 6 § andra
    stycket). A record of its own, never changed: the report is registered once and not
    rewritten when the reporter asks later, by phone or letter.
    """

    report = models.OneToOneField(Report, on_delete=models.PROTECT, related_name="feedback_request")
    requested_on = models.DateField(_("återkoppling begärd"))
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Återkoppling begärd {self.requested_on:%Y-%m-%d}"


class ReportReason(models.Model):
    """One reason category of a report (several per report)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reasons")
    reason = models.CharField(max_length=40, choices=c.Reason.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "reason"], name="reason_once_per_report")
        ]


class ProtectiveAssessment(SignedRecord):
    """The protective assessment (*skyddsbedömning*): does the child need protection now?"""

    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="protective_assessment"
    )
    made_at = models.DateTimeField(_("gjord"))
    made_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=c.ProtectiveOutcome.choices)
    action = models.CharField(max_length=32, choices=c.ProtectiveAction.choices, blank=True)
    note = models.TextField(blank=True)


class PreliminaryAssessment(SignedRecord):
    """The preliminary assessment (*förhandsbedömning*): open an investigation or not."""

    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="preliminary_assessment"
    )
    decided_on = models.DateField(_("beslutsdatum"))
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=c.PreliminaryOutcome.choices)
    not_opened_reason = models.CharField(
        max_length=32, choices=c.NotOpenedReason.choices, blank=True
    )
    followup_planned = models.BooleanField(default=False)
    child_heard = models.BooleanField(_("barnet har kommit till tals"))
    child_not_heard_reason = models.TextField(blank=True)
    child_informed_of_rights = models.BooleanField(default=False)
    guardians_contacted = models.BooleanField(default=False)
    reporter_contacted = models.BooleanField(default=False)
    chronology_considered = models.BooleanField(default=False)
    transferred_to = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(child_heard=True) | ~models.Q(child_not_heard_reason=""),
                name="child_not_heard_needs_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="not_opened") | ~models.Q(not_opened_reason=""),
                name="not_opened_needs_reason",
            ),
        ]


class ReporterFeedback(models.Model):
    """Feedback to a mandatory reporter (*återkoppling till anmälare*).

    Or, when ``withheld_reason`` is set, the intake worker's finding that feedback is not given
    because it would be inappropriate with regard to the circumstances (SoL 2025:400 19 kap.
    6 § andra stycket): ``sent_on`` is then the day that was decided, and the duty is met by
    the law's exception, not overdue (decision 0042).
    """

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="reporter_feedback")
    sent_on = models.DateField()
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    investigation_opened = models.BooleanField()
    withheld_reason = models.TextField(_("skäl till att återkoppling inte lämnas"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class FollowUpContact(models.Model):
    """A follow-up contact (*uppföljande kontakt*) after a case closed without intervention."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="followup_contacts")
    contacted_on = models.DateField()
    contacted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class AdultTrigger(models.Model):
    """A trigger from an adult's case (LVM, LPT, violence) that the guardian's children must be assessed."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=c.AdultTriggerKind.choices)
    occurred_on = models.DateField()
    guardian = models.ForeignKey(Guardian, on_delete=models.PROTECT, related_name="triggers")
    adult_case_reference = models.CharField(max_length=100, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")


class AdultTriggerLink(models.Model):
    """The link from a trigger to the case of one child that covers it."""

    trigger = models.ForeignKey(AdultTrigger, on_delete=models.PROTECT, related_name="links")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="adult_triggers")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trigger", "child"], name="one_link_per_child")
        ]
