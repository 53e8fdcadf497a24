"""The investigation (*barnavårdsutredning*) along BBIC."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.cases.choices import Basis, DecidedBy, Kind
from skyddsnat.cases.models import Case
from skyddsnat.investigations import bbic
from skyddsnat.investigations import choices as c
from skyddsnat.investigations.bbic import CURRENT_VERSION
from skyddsnat.rules import RULES
from skyddsnat.rules.registry import INVESTIGATION
from skyddsnat.signing import SignedRecord

User = settings.AUTH_USER_MODEL


class Investigation(SignedRecord):
    """The investigation of one child's case; signed (and frozen) when it is closed."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="investigation")
    opened_on = models.DateField(_("inledd"))
    legal_basis = models.CharField(max_length=100, default="SoL (2025:400)")
    investigators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="investigations", blank=True
    )
    bbic_version = models.CharField(max_length=10, default=CURRENT_VERSION)
    plan_questions = models.TextField(_("frågor att utreda"), blank=True)
    plan_contacts = models.TextField(_("vilka som ska kontaktas"), blank=True)
    plan_child_participation = models.TextField(_("hur barnet ska delta"), blank=True)
    analysis = models.TextField(_("bedömning"), blank=True)
    communicated_on = models.DateField(_("kommunicerad"), null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=c.Outcome.choices, blank=True)
    closed_on = models.DateField(_("avslutad"), null=True, blank=True)
    closed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    support_person_offered = models.BooleanField(null=True)
    child_view_documented = models.BooleanField(null=True)
    child_view_not_documented_reason = models.TextField(blank=True)
    #: Why the investigation was closed with BBIC areas undocumented or the material not
    #: communicated to the parties (empty when it was complete).
    closed_incomplete_reason = models.TextField(blank=True)
    delay_other_text = models.TextField(blank=True)
    #: What the investigation proposes when it leads to an intervention (set when it is
    #: closed; NULL when it proposes none): the decision after it starts from these.
    proposed_basis = models.CharField(  # noqa: DJ001
        _("föreslaget lagrum"), max_length=32, choices=Basis.choices, null=True, blank=True
    )
    proposed_kind = models.CharField(  # noqa: DJ001
        _("föreslagen insats"), max_length=32, choices=Kind.choices, null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)

    @property
    def bbic_version_name(self) -> str:
        """The BBIC version it is documented in, as shown (``BBIC 2016``, ``BBIC före 2016``)."""
        return bbic.version_name(self.bbic_version)

    @property
    def legal_reference(self) -> str:
        """The provision the investigation runs under: the version of the law in force on the day
        it was opened (the rules registry), so that one opened in 2024 cites SoL (2001:453).

        ``legal_basis`` holds what was stored at opening; rows opened before the registry set it
        say "SoL (2025:400)" whatever their date, so it is shown only when no version applies.
        """
        rule = RULES.in_force(INVESTIGATION, self.opened_on)
        return rule.legal_reference if rule else self.legal_basis

    class Meta:
        indexes = [models.Index(fields=["opened_on"]), models.Index(fields=["closed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="investigation_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | ~models.Q(outcome=""),
                name="closed_investigation_has_outcome",
            ),
        ]


class DelayReasonEntry(models.Model):
    """One reason an investigation ran past its due date (several allowed)."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.PROTECT, related_name="delay_reasons"
    )
    reason = models.CharField(max_length=32, choices=c.DelayReason.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["investigation", "reason"], name="delay_reason_once")
        ]


class TriangleAssessment(models.Model):
    """The text and rating of one BBIC sub-area in one investigation."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.PROTECT, related_name="triangle"
    )
    area = models.CharField(max_length=60)
    text = models.TextField(blank=True)
    rating = models.CharField(
        max_length=20, choices=c.Rating.choices, default=c.Rating.NOT_INVESTIGATED
    )
    sources = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    #: The family's sub-area written once for the siblings of one report (decision 0037): the
    #: same text in each open sibling investigation, marked shared; saved alone it is the
    #: child's own again.
    shared = models.BooleanField(_("gemensam för syskonen"), default=False)
    #: The investigation the shared text was written in (NULL when not shared).
    written_in = models.ForeignKey(
        Investigation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["area"]
        constraints = [
            models.UniqueConstraint(fields=["investigation", "area"], name="one_rating_per_area")
        ]


class ChildConversation(SignedRecord):
    """A conversation with the child (*barnsamtal*) and the child's view (*barnets inställning*)."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.PROTECT, related_name="child_conversations"
    )
    held_on = models.DateField(_("datum"))
    alone = models.BooleanField(_("enskilt med barnet"))
    present = models.CharField(_("andra närvarande"), max_length=200, blank=True)
    child_view = models.TextField(_("barnets inställning"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_on", "pk"]


class ExternalRequest(models.Model):
    """A request to another actor (*begäran om uppgifter*), with the waiting time it caused."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.PROTECT, related_name="external_requests"
    )
    actor = models.CharField(max_length=20, choices=c.Actor.choices)
    sent_on = models.DateField()
    answered_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True)
                | models.Q(answered_on__gte=models.F("sent_on")),
                name="answer_after_request",
            )
        ]


class Extension(SignedRecord):
    """An extension of the investigation time (*förlängning*), decided before the due date."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.PROTECT, related_name="extensions"
    )
    decided_on = models.DateField()
    decided_by = models.CharField(max_length=16, choices=DecidedBy.choices)
    reason = models.TextField()
    new_due_date = models.DateField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["decided_on", "pk"]


class Communication(models.Model):
    """Communication of the material (*kommunicering*) to a party before the decision."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.PROTECT, related_name="communications"
    )
    communicated_on = models.DateField()
    party = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")


class OpeningInformation(SignedRecord):
    """That those concerned were told the investigation was opened (20 kap. 4 § SoL 2025:400).

    One row per recipient (the guardians, the child), signed when recorded. ``informed_on`` is
    the day they were told; or ``withheld_reason`` says why they were not (*särskilda skäl*),
    and ``informed_on`` is then the day that was decided.
    """

    investigation = models.ForeignKey(
        Investigation, on_delete=models.PROTECT, related_name="opening_information"
    )
    recipient = models.CharField(max_length=16, choices=c.Informed.choices)
    informed_on = models.DateField(_("informerad"))
    method = models.CharField(max_length=200, blank=True)
    withheld_reason = models.TextField(_("särskilda skäl mot att informera"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["informed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "recipient"], name="opening_information_once"
            )
        ]
