"""The append-only audit log (*logg över åtkomst*): who read or wrote what, when, from where.

It never holds case text: only the object's type and id. An export of aggregates that has no
database object (the indicators) names its kind as the type, its period as the id, and its unit,
breakdown and format in ``detail``; never personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("Läsning")
    CREATE = "create", _("Registrering")
    UPDATE = "update", _("Ändring")
    EXPORT = "export", _("Export")
    LOGIN = "login", _("Inloggning")
    LOGIN_FAILED = "login_failed", _("Misslyckad inloggning")
    BREAK_GLASS = "break_glass", _("Nödåtkomst")


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    municipality_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=40)
    case_id = models.BigIntegerField(null=True, db_index=True)
    ip = models.GenericIPAddressField(null=True)
    channel = models.CharField(max_length=8, default="web")
    reason = models.CharField(max_length=200, blank=True)
    #: What else was exported (unit, breakdown, format); never case text or personal data.
    detail = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["-at", "-pk"]
