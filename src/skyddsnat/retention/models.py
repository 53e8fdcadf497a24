"""The municipality's document management plan (*informationshanteringsplan*), as data.

Where the law names no retention period for a kind of case file (``rules.retention``, the rules
with ``by_plan``), the municipality decides; a kind without an entry is kept. The law's own
periods (a report that led to no investigation: five years) are never entries here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts.models import Municipality
from skyddsnat.rules.retention import OTHER


class PlanKind(models.TextChoices):
    """The kinds of case file whose retention the law leaves to the municipality."""

    OTHER = OTHER, _("Annan akt (t.ex. ärende överlämnat till annan kommun)")


class RetentionPlanEntry(models.Model):
    """One decision of the plan: files of ``kind`` are disposed of ``years`` after the last entry."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="retention_plan"
    )
    kind = models.CharField(_("typ av akt"), max_length=32, choices=PlanKind.choices)
    years = models.PositiveSmallIntegerField(_("gallras efter antal år"))
    #: Where the plan says so (e.g. "Informationshanteringsplan, SN 2026-03-01 § 12").
    reference = models.CharField(_("beslut"), max_length=200)
    decided_on = models.DateField(_("beslutad"))

    class Meta:
        verbose_name = _("gallringsbeslut i informationshanteringsplanen")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind"], name="one_plan_entry_per_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(years__gte=1, years__lte=110), name="plan_years_plausible"
            ),
        ]
