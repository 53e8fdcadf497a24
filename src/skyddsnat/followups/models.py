"""The follow-up of a child's situation (*uppföljning*, SoL 2025:400 23 kap.).

A ``FollowUp`` is the committee's decision to follow up the child's situation after an
investigation closed without an intervention (23 kap. 1 §) or a placement ended (2 §). It is
signed when it is decided; ``FollowUpEnd`` is the signed record of its ending, with the outcome.
Both are append-only (decision 0002, the triggers of ``0002_signed_rows_append_only``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.cases.models import Case
from skyddsnat.followups import choices as c
from skyddsnat.interventions.models import Intervention
from skyddsnat.signing import SignedRecord

User = settings.AUTH_USER_MODEL


class FollowUp(SignedRecord):
    """The decision to follow up the child's situation, with its consent and its last day.

    ``started_from`` is the day the investigation closed or the placement ended (the six months
    of 23 kap. 5 § run from it). ``planned_end_on`` is the day the committee plans to end it, at
    the latest on the rule's due date. ``guardians_informed_on``/``child_informed_on`` record the
    information of 23 kap. 3 § (the child from 15).
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="follow_ups")
    basis = models.CharField(max_length=24, choices=c.Basis.choices)
    placement = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    started_from = models.DateField(_("räknas från"))
    decided_on = models.DateField(_("beslutad"))
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    consent = models.CharField(max_length=16, choices=c.Consent.choices)
    special_need_reason = models.TextField(
        _("barnets särskilda behov av skydd eller stöd"), blank=True
    )
    purpose = models.TextField(_("vad som följs upp"))
    planned_end_on = models.DateField(_("planerat slut"))
    guardians_informed_on = models.DateField(null=True, blank=True)
    child_informed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(consent="without_consent") | ~models.Q(special_need_reason=""),
                name="follow_up_without_consent_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end_on__gte=models.F("decided_on")),
                name="follow_up_ends_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"Uppföljning {self.pk}"


class FollowUpEnd(SignedRecord):
    """The end of a follow-up (23 kap. 5 §), with its outcome; signed when recorded."""

    follow_up = models.OneToOneField(FollowUp, on_delete=models.PROTECT, related_name="end")
    ended_on = models.DateField(_("avslutad"))
    outcome = models.CharField(max_length=24, choices=c.Outcome.choices)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    guardians_informed_on = models.DateField(null=True, blank=True)
    child_informed_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Uppföljning {self.follow_up_id} avslutad"
