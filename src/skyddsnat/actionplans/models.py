"""The municipality's action plan (*handlingsplan*): goals followed up against the indicators.

A plan belongs to a municipality, or to one of its units, for a period. Each goal is tied to one
or more indicators of the registry (``indicators.definitions``) through a ``GoalIndicator``,
whose baseline, target value and target date are ``TargetVersion`` rows: a revised target is a
new version (who, when, why), never an update, so the old target stays visible (the rows are
append-only, a trigger of migration ``0002_targets_append_only``). Measures (*åtgärder*) have
an owner, a due date and a status.

Values of a share are kept in per cent (0–100), as people write them; the other units as the
indicator gives them (days, a count, per 1 000 children).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts.models import Municipality, Unit

User = settings.AUTH_USER_MODEL


class ActionPlan(models.Model):
    """A plan for a period: the whole municipality's (``unit`` empty) or one unit's."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("namn"), max_length=160)
    starts_on = models.DateField(_("gäller från"))
    ends_on = models.DateField(_("gäller till"))
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-starts_on", "name", "pk"]
        verbose_name = _("handlingsplan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="action_plan_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Goal(models.Model):
    """One goal of a plan, followed up through its indicators."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("mål"), max_length=300)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["plan_id", "pk"]
        verbose_name = _("mål i handlingsplan")

    def __str__(self) -> str:
        return self.title


class GoalIndicator(models.Model):
    """An indicator of the registry (by its id) that a goal is followed up by."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    indicator_id = models.CharField(_("indikator"), max_length=80)

    class Meta:
        ordering = ["goal_id", "pk"]
        verbose_name = _("indikator för mål")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "indicator_id"], name="goal_indicator_once_per_goal"
            )
        ]


class TargetVersion(models.Model):
    """One version of a goal indicator's baseline, target value and target date (append-only).

    Version 1 is the target first set; each revision is the next number, with its reason.
    """

    goal_indicator = models.ForeignKey(
        GoalIndicator, on_delete=models.CASCADE, related_name="targets"
    )
    number = models.PositiveIntegerField(_("version"))
    baseline = models.DecimalField(_("utgångsvärde"), max_digits=10, decimal_places=2)
    target = models.DecimalField(_("målvärde"), max_digits=10, decimal_places=2)
    target_on = models.DateField(_("målet nås senast"))
    reason = models.CharField(_("skäl till ändringen"), max_length=300, blank=True)
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["goal_indicator_id", "number"]
        verbose_name = _("målvärde")
        constraints = [
            models.UniqueConstraint(
                fields=["goal_indicator", "number"], name="target_version_unique"
            )
        ]


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    ONGOING = "ongoing", _("Pågår")
    DONE = "done", _("Genomförd")
    CANCELLED = "cancelled", _("Avbruten")


#: The statuses of a measure still to be carried out (overdue once its due date has passed).
OPEN_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.ONGOING)


class Measure(models.Model):
    """Something to be done for a goal: by whom, by when, and how far it has come."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("åtgärd"), max_length=300)
    owner = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarig")
    )
    due_on = models.DateField(_("klar senast"))
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    #: A removed measure stays (the plan's history, what a follow-up showed), marked removed.
    removed_at = models.DateTimeField(_("borttagen"), null=True, blank=True)
    removed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_reason = models.CharField(_("skäl att ta bort"), max_length=300, blank=True)

    class Meta:
        ordering = ["goal_id", "due_on", "pk"]
        verbose_name = _("åtgärd i handlingsplan")

    def __str__(self) -> str:
        return self.title

    def overdue_on(self, today: date) -> bool:
        """Return True if the measure is still to be done and its due date has passed."""
        return self.removed_at is None and self.status in OPEN_STATUSES and self.due_on < today

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class PlanChange(models.Model):
    """One edited field of a goal or a measure: what it was, what it became, who, when.

    Appended by ``services`` on every edit (never updated), so an edited plan keeps its earlier
    texts visible, as a revised target keeps the earlier target (``TargetVersion``).
    """

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="changes")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    field = models.CharField(_("uppgift"), max_length=40)
    before = models.CharField(_("före"), max_length=300, blank=True)
    after = models.CharField(_("efter"), max_length=300, blank=True)
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["plan_id", "changed_at", "pk"]
        verbose_name = _("ändring i handlingsplan")

    #: How the plan's page names each field.
    LABELS = {
        "title": _("Text"),
        "owner": _("Ansvarig"),
        "due_on": _("Klar senast"),
        "status": _("Status"),
        "removed": _("Borttagen"),
    }

    @property
    def field_label(self) -> str:
        return str(self.LABELS.get(self.field, self.field))
