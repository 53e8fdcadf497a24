"""The two plans of a placement (SoL 2025:400 9 kap. 12 §), with their URL slugs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    CARE_PLAN = "care_plan", _("Vårdplan")
    IMPLEMENTATION_PLAN = "implementation_plan", _("Genomförandeplan")


#: The kind in a web address and back (``/planer/vardplan/``).
SLUGS = {PlanKind.CARE_PLAN: "vardplan", PlanKind.IMPLEMENTATION_PLAN: "genomforandeplan"}
KINDS_BY_SLUG = {slug: kind for kind, slug in SLUGS.items()}
