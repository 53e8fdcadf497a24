"""Care plans (*vårdplan*) and implementation plans (*genomförandeplan*) of a placement.

One row per version. A version is written and saved as a draft, then signed; once signed it is
append-only (decision 0002, the trigger of migration ``0002_signed_rows_append_only``). A
revision is a new version (``number`` one higher) that starts from the last signed one; the
history is every signed version, oldest first.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.cases.models import Case
from skyddsnat.interventions.models import Intervention
from skyddsnat.plans.choices import PlanKind
from skyddsnat.signing import SignedRecord

User = settings.AUTH_USER_MODEL


class Plan(SignedRecord):
    """One version of a placement's care plan or implementation plan.

    ``goals`` maps a BBIC sub-area code (``side.area`` of ``bbic_version``) to the goal and what
    is to be done in that area. ``responsibilities`` says who does what, including what other
    principals (school, region) are responsible for (9 kap. 12 § tredje stycket SoL 2025:400).
    ``review_on`` is the day the plan is to be followed up. ``long_term_housing`` is the care
    plan's account of the child's long-term housing, asked for at the first revision after two
    years (9 kap. 13 § andra stycket). ``child_participated`` records the child's part in the
    planning (the indicator ``plan_child_participated_share``).
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="plans")
    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=24, choices=PlanKind.choices)
    number = models.PositiveIntegerField(_("version"))
    drawn_up_on = models.DateField(_("upprättad"))
    bbic_version = models.CharField(max_length=8)
    goals = models.JSONField(default=dict)
    child_view = models.TextField(_("barnets synpunkter"), blank=True)
    child_view_not_documented_reason = models.TextField(blank=True)
    guardian_view = models.TextField(_("vårdnadshavarnas synpunkter"), blank=True)
    responsibilities = models.TextField(_("vem gör vad"), blank=True)
    long_term_housing = models.TextField(_("barnets långsiktiga boende"), blank=True)
    #: Whether the child took part in drawing up the plan (*Barnet har deltagit i
    #: planeringen*): asked before a plan is signed; NULL on a draft not yet answered and on the
    #: versions signed before it was asked.
    child_participated = models.BooleanField(_("barnet har deltagit i planeringen"), null=True)
    review_on = models.DateField(_("följs upp senast"))
    written_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["intervention_id", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "kind", "number"], name="plan_unique_version"
            ),
            models.CheckConstraint(
                condition=models.Q(review_on__gt=models.F("drawn_up_on")),
                name="plan_review_after_drawn_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} version {self.number}"
