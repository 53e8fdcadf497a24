"""The codes of docs/spec/process.md for investigations (contract: keep the values)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    STRENGTH = "strength", _("Styrka")
    CONCERN = "concern", _("Oro")
    NOT_INVESTIGATED = "not_investigated", _("Inte utrett")


class Actor(models.TextChoices):
    SCHOOL = "school", _("Skola")
    HEALTH_CARE = "health_care", _("Hälso- och sjukvård")
    CHILD_PSYCHIATRY = "child_psychiatry", _("BUP")
    POLICE = "police", _("Polis")
    OTHER = "other", _("Annan")


class Outcome(models.TextChoices):
    INTERVENTION = "intervention", _("Insats")
    NO_INTERVENTION = "no_intervention", _("Ingen insats")
    LVU_APPLICATION = "lvu_application", _("Ansökan om vård enligt LVU")
    CLOSED_OTHER = "closed_other", _("Avslutad av annat skäl")


class DelayReason(models.TextChoices):
    HIGH_WORKLOAD = "high_workload", _("Hög arbetsbelastning")
    WAITING_FOR_OTHERS = "waiting_for_others", _("Väntan på andra aktörer")
    FAMILY_NOT_COOPERATING = "family_not_cooperating", _("Familjen medverkade inte")
    MORE_URGENT_CASES = "more_urgent_cases", _("Mer brådskande ärenden")
    OTHER = "other", _("Annat")


class Informed(models.TextChoices):
    """Who was told that the investigation was opened (20 kap. 4 § SoL 2025:400)."""

    GUARDIANS = "guardians", _("Vårdnadshavarna")
    CHILD = "child", _("Barnet")
