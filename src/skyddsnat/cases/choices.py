"""Codes shared by every stage of a case (contract: keep the values)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """Where a case is in the process (BBIC: aktualisera, utreda, genomföra, avslutat).

    ``follow_up`` is the follow-up of the child's situation that the committee may decide after
    an investigation closed without an intervention or a placement ended (23 kap. SoL
    2025:400): the case is open again until the follow-up is ended.

    Only ``skyddsnat.cases.lifecycle`` changes a case's phase.
    """

    ASSESSMENT = "assessment", _("Aktualisering")
    INVESTIGATION = "investigation", _("Utredning")
    INTERVENTION = "intervention", _("Insats")
    FOLLOW_UP = "follow_up", _("Uppföljning")
    CLOSED = "closed", _("Avslutat")


class DecidedBy(models.TextChoices):
    """Who decides (*beslutsfattare*): the committee itself or a delegate."""

    COMMITTEE = "committee", _("Nämnden")
    DELEGATE = "delegate", _("Delegat")
