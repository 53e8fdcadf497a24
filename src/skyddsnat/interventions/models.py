"""Decisions (*beslut*), interventions (*insatser*), placements and their follow-up."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.cases.choices import DecidedBy
from skyddsnat.cases.models import Case
from skyddsnat.interventions import choices as c
from skyddsnat.signing import SignedRecord

User = settings.AUTH_USER_MODEL


class Decision(SignedRecord):
    """A formal decision (*beslut*) with its legal basis; signed when made."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    decided_on = models.DateField()
    decided_by = models.CharField(max_length=16, choices=DecidedBy.choices)
    decision_maker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(max_length=20, choices=c.Basis.choices)
    kind = models.CharField(max_length=32, choices=c.Kind.choices)
    text = models.TextField(blank=True)
    #: Whose consent the decision rests on (LVU 1 § andra stycket): blank on decisions
    #: recorded before it was asked.
    guardian_consent = models.CharField(
        _("vårdnadshavarnas samtycke"), max_length=16, choices=c.GuardianConsent.choices, blank=True
    )
    child_consent = models.CharField(
        _("barnets samtycke"), max_length=16, choices=c.ChildConsent.choices, blank=True
    )
    child_view = models.TextField(_("barnets inställning"), blank=True)

    class Meta:
        ordering = ["decided_on", "pk"]


class Intervention(models.Model):
    """An intervention (*insats*) that a decision granted; a placement when its kind is one."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="interventions")
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="intervention")
    kind = models.CharField(max_length=32, choices=c.Kind.choices)
    basis = models.CharField(max_length=20, choices=c.Basis.choices)
    start_on = models.DateField(_("start"))
    planned_end_on = models.DateField(_("planerat slut"), null=True, blank=True)
    goals = models.TextField(_("mål (genomförande-/vårdplan)"), blank=True)
    foster_home_reference = models.CharField(max_length=100, blank=True)
    health_exam_before = models.BooleanField(null=True)
    health_exam_on = models.DateField(null=True, blank=True)
    school_arranged = models.BooleanField(null=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=24, choices=c.EndReason.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["start_on", "pk"]
        indexes = [models.Index(fields=["start_on"]), models.Index(fields=["ended_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("start_on")),
                name="intervention_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | ~models.Q(end_reason=""),
                name="ended_intervention_has_reason",
            ),
        ]

    @property
    def is_placement(self) -> bool:
        return self.kind in c.PLACEMENT_KINDS


class Visit(models.Model):
    """A visit to a placed child (*besök*), with whether the child was talked to alone."""

    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField()
    visited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    child_talked_alone = models.BooleanField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["visited_on", "pk"]


class Review(models.Model):
    """A review of a placement (*övervägande/omprövning*)."""

    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    outcome = models.CharField(max_length=16, choices=c.ReviewOutcome.choices)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "pk"]


class CustodyTransferConsideration(models.Model):
    """A consideration of custody transfer (*vårdnadsöverflyttning*) for a foster-home placement."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="custody_considerations"
    )
    considered_on = models.DateField()
    transfer_proposed = models.BooleanField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["considered_on", "pk"]


class EmergencyCustody(models.Model):
    """Emergency custody under LVU 6 § (*omedelbart omhändertagande*) and its court deadlines."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="emergency_custodies")
    decided_on = models.DateField()
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    carried_out_on = models.DateField(null=True, blank=True)
    court_submitted_on = models.DateField(null=True, blank=True)
    care_applied_on = models.DateField(null=True, blank=True)
    #: A court-granted extension of the time to apply for care (LVU 8 § andra stycket).
    extension_granted_on = models.DateField(null=True, blank=True)
    application_extended_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    extension_granted_on__isnull=True, application_extended_to__isnull=True
                )
                | models.Q(
                    extension_granted_on__isnull=False, application_extended_to__isnull=False
                ),
                name="custody_extension_granted_with_date",
            )
        ]


class LvuCourtCase(models.Model):
    """An application to the administrative court for care under LVU (4 §) and its judgment.

    ``final_on`` is the day a judgment granting care became final (*laga kraft*); care must
    start within four weeks of it (5 §, ``care_started_on``). ``appealed`` records an appeal of
    the judgment: then the final day is the higher court's.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="lvu_court_cases")
    emergency_custody = models.ForeignKey(
        EmergencyCustody, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    basis = models.CharField(max_length=20, choices=c.Basis.choices)
    applied_on = models.DateField(_("ansökan inlämnad"))
    applied_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    judgment_on = models.DateField(_("dom meddelad"), null=True, blank=True)
    granted = models.BooleanField(_("vård beslutad"), null=True)
    appealed = models.BooleanField(_("överklagad"), default=False)
    final_on = models.DateField(_("laga kraft"), null=True, blank=True)
    care_started_on = models.DateField(_("vården påbörjad"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["applied_on", "pk"]


class LvuMeasure(models.Model):
    """An LVU measure (umgängesbegränsning, flyttningsförbud, utreseförbud, 22 §-insats)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="lvu_measures")
    kind = models.CharField(max_length=24, choices=c.LvuMeasureKind.choices)
    decided_on = models.DateField(_("beslutat"))
    by_court = models.BooleanField(_("beslutat av förvaltningsrätten"), default=False)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    ended_on = models.DateField(_("upphört"), null=True, blank=True)
    #: A temporary ban the committee decided (27 §, 31 d §): submitted to the administrative
    #: court (28 §, 31 e §), confirmed by it, the application for the ban itself (29 §, 31 f §)
    #: and a court-granted extension of that time (31 f §, the travel ban only).
    court_submitted_on = models.DateField(
        _("underställt förvaltningsrätten"), null=True, blank=True
    )
    confirmed_on = models.DateField(_("fastställt av förvaltningsrätten"), null=True, blank=True)
    ban_applied_on = models.DateField(_("ansökan om förbud gjord"), null=True, blank=True)
    extension_granted_on = models.DateField(_("förlängning medgiven"), null=True, blank=True)
    application_extended_to = models.DateField(
        _("förlängd ansökningstid till"), null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("decided_on")),
                name="lvu_measure_ends_after_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    extension_granted_on__isnull=True, application_extended_to__isnull=True
                )
                | models.Q(
                    extension_granted_on__isnull=False, application_extended_to__isnull=False
                ),
                name="lvu_measure_extension_granted_with_date",
            ),
        ]

    @property
    def is_temporary_ban(self) -> bool:
        return self.kind in c.TEMPORARY_BANS


class LvuMeasureReview(models.Model):
    """A consideration or review of an LVU measure (14, 22, 26, 31 c §§)."""

    measure = models.ForeignKey(LvuMeasure, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    still_needed = models.BooleanField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "pk"]


class LvuFollowUp(models.Model):
    """The follow-up after LVU care ended (21 b §), at most six months (21 c §)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="lvu_follow_ups")
    intervention = models.OneToOneField(
        Intervention, on_delete=models.PROTECT, related_name="lvu_follow_up"
    )
    started_on = models.DateField(_("inledd"))
    ended_on = models.DateField(_("avslutad"), null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="lvu_follow_up_ends_after_start",
            )
        ]


class ProtectedHousingOrder(models.Model):
    """A child's placement in protected housing without the other guardian's consent, under lag
    (2024:79) om placering av barn i skyddat boende.

    The child goes with the guardian granted protected housing (3 kap. 1–2 §§); the other
    guardian, ``non_consenting_guardian``, did not consent. Either the committee took an
    immediate decision (``immediate_decided_on``, 4 kap. 1 §), submitted to the administrative
    court within a week (``court_submitted_on``, 4 kap. 3 §) and confirmed by it
    (``confirmed_on``), after which it applies within six weeks of the placement's start
    (``applied_on``, 4 kap. 6 §, which the court may extend); or it applied to the court directly
    (3 kap. 3 §). The court's decision (``court_decided_on``, ``granted``) and the day it became
    final (``final_on``): the placement must start within four weeks of it (3 kap. 4 §).
    ``placement_started_on`` is the day the child came to the protected housing (5 kap. 2 §);
    ``ended_on`` the day it ended (7 kap. 1 §). A register updated as the court answers, like
    ``LvuCourtCase``; the guardian and the decision are never changed after they were recorded.
    Its considerations (5 kap. 3 §) are signed records.
    """

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="protected_housing_orders"
    )
    intervention = models.OneToOneField(
        Intervention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="protected_housing_order",
    )
    non_consenting_guardian = models.ForeignKey(
        "people.Guardian",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vårdnadshavare som inte samtycker"),
    )
    immediate_decided_on = models.DateField(_("beslut om omedelbar insats"), null=True, blank=True)
    court_submitted_on = models.DateField(
        _("underställt förvaltningsrätten"), null=True, blank=True
    )
    confirmed_on = models.DateField(_("fastställt av förvaltningsrätten"), null=True, blank=True)
    applied_on = models.DateField(_("ansökan till förvaltningsrätten"), null=True, blank=True)
    extension_granted_on = models.DateField(_("förlängning medgiven"), null=True, blank=True)
    application_extended_to = models.DateField(
        _("förlängd ansökningstid till"), null=True, blank=True
    )
    court_decided_on = models.DateField(_("rättens beslut"), null=True, blank=True)
    granted = models.BooleanField(_("skyddat boende beviljat"), null=True)
    final_on = models.DateField(_("laga kraft"), null=True, blank=True)
    placement_started_on = models.DateField(_("placeringen påbörjad"), null=True, blank=True)
    ended_on = models.DateField(_("upphört"), null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(immediate_decided_on__isnull=False)
                | models.Q(applied_on__isnull=False),
                name="protected_housing_order_immediate_or_applied",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    extension_granted_on__isnull=True, application_extended_to__isnull=True
                )
                | models.Q(
                    extension_granted_on__isnull=False, application_extended_to__isnull=False
                ),
                name="protected_housing_extension_granted_with_date",
            ),
        ]

    @property
    def decided_on(self) -> date | None:
        """The decision the placement rests on: the committee's immediate one, else the court's."""
        return self.immediate_decided_on or self.court_decided_on


class ProtectedHousingConsideration(SignedRecord):
    """The committee's consideration whether a placement in protected housing without consent
    should continue (5 kap. 3 § lag 2024:79, at least every six months); when it should not, the
    committee decides that it ends (7 kap. 1 §). Signed when recorded: append-only."""

    order = models.ForeignKey(
        ProtectedHousingOrder, on_delete=models.PROTECT, related_name="considerations"
    )
    held_on = models.DateField(_("övervägt"))
    continues = models.BooleanField(_("insatsen ska fortsätta"))
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        ordering = ["held_on", "pk"]


class Evaluation(SignedRecord):
    """The evaluation (*utvärdering*) of an ended intervention, with the child's view."""

    intervention = models.OneToOneField(
        Intervention, on_delete=models.PROTECT, related_name="evaluation"
    )
    evaluated_on = models.DateField()
    goals_met = models.CharField(max_length=8, choices=c.GoalsMet.choices)
    child_view = models.TextField(blank=True)
    child_view_not_documented_reason = models.TextField(blank=True)
    guardian_view = models.TextField(blank=True)
    method = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(child_view="") | ~models.Q(child_view_not_documented_reason=""),
                name="evaluation_child_view_or_reason",
            )
        ]

    @property
    def child_view_documented(self) -> bool:
        return bool(self.child_view)


class BestInterestsAssessment(SignedRecord):
    """The assessment of the child's best interests in a decision (*barnets bästa*).

    SoL (2025:400) 3 kap. 1 § (the child's best interests first; decisive for care and treatment;
    the child's views taken into account) and 2 § (the child's views given weight by age and
    maturity). ``child_view`` is what the child said (or ``child_view_not_documented_reason``
    why it is not recorded); ``weighing`` how it was weighed; ``conclusion`` what is best for
    the child and how the decision follows from it. Signed when recorded: append-only.
    """

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="best_interests"
    )
    child_view = models.TextField(_("vad barnet har sagt"), blank=True)
    child_view_not_documented_reason = models.TextField(blank=True)
    weighing = models.TextField(_("hur barnets åsikter har vägts"))
    conclusion = models.TextField(_("barnets bästa i beslutet"))
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(child_view="") | ~models.Q(child_view_not_documented_reason=""),
                name="best_interests_child_view_or_reason",
            )
        ]


class StayExtension(models.Model):
    """The committee's decision that a child may stay longer in an emergency foster home
    (*jourhem*) than two months after the investigation closed, for special reasons (22 kap.
    4 § andra stycket SoL 2025:400). Each decision is a row of its own, never changed: the
    latest decided gives the last day (``rules``: ``emergency_foster_home_stay``)."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="stay_extensions"
    )
    decided_on = models.DateField(_("beslutat"))
    extended_to = models.DateField(_("ny sista dag"))
    reasons = models.TextField(_("särskilda skäl"))
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extended_to__gt=models.F("decided_on")),
                name="stay_extension_after_decision",
            )
        ]


class LulStatement(models.Model):
    """The prosecutor's request for the committee's statement about a young suspect and the
    statement sent (11 § lagen (1964:167) med särskilda bestämmelser om unga lagöverträdare).

    ``due_on`` is the last day the prosecutor set; ``submitted_on`` the day it was sent, with
    the planned measures it proposed (``planned_measures``).
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="lul_statements")
    requested_on = models.DateField(_("begäran inkom"))
    due_on = models.DateField(_("sista dag enligt åklagaren"))
    prosecutor_reference = models.CharField(_("åklagarens diarienummer"), max_length=40, blank=True)
    planned_measures = models.TextField(_("planerade åtgärder"), blank=True)
    submitted_on = models.DateField(_("yttrandet skickat"), null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["requested_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("requested_on")),
                name="lul_statement_due_after_request",
            ),
            models.CheckConstraint(
                condition=models.Q(submitted_on__isnull=True)
                | models.Q(submitted_on__gte=models.F("requested_on")),
                name="lul_statement_sent_after_request",
            ),
        ]


class YouthService(models.Model):
    """A sentence of youth community service (*ungdomstjänst*) the committee carries out
    (18 kap. 8 § SoL 2025:400): the day the judgment became final, the hours, the work plan and
    the supervisor (andra stycket), and the day it started (at the latest two months after the
    judgment became final, första stycket) and ended. ``special_reasons`` (recorded on
    ``special_reasons_on``) are the special reasons against starting within two months (första
    stycket): they meet the duty, so it is not shown overdue."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="youth_services")
    final_on = models.DateField(_("domen fick laga kraft"))
    hours = models.PositiveSmallIntegerField(_("timmar"))
    work_plan = models.TextField(_("arbetsplan"), blank=True)
    supervisor = models.CharField(_("handledare"), max_length=100, blank=True)
    started_on = models.DateField(_("påbörjad"), null=True, blank=True)
    ended_on = models.DateField(_("avslutad"), null=True, blank=True)
    special_reasons = models.TextField(_("särskilda skäl för senare start"), blank=True)
    special_reasons_on = models.DateField(_("särskilda skäl registrerade"), null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["final_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(started_on__isnull=True)
                | models.Q(started_on__gte=models.F("final_on")),
                name="youth_service_starts_after_judgment",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | (
                    models.Q(started_on__isnull=False)
                    & models.Q(ended_on__gte=models.F("started_on"))
                ),
                name="youth_service_ends_after_start",
            ),
        ]
