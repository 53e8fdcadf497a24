"""The append-only audit log (*logg över åtkomst*): who read or wrote what, when, from where.

It never holds case text: only the object's type and id. A row about a child — a read or a
write of one of the child's cases, a read of the child's chronology, the child found by a search
— also names the child (``child_id``), so that the manager's log of one child
(``/enhet/logg/?barn=…``) lists every read of anything about the child. An export of aggregates that has no
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
    #: A child found by a search: the row names the child, never what was typed.
    SEARCH = "search", _("Sökning")
    #: A row deleted by disposal (*gallring*): names its type, id, case and child, and the
    #: retention rule in ``detail``; never its content.
    DISPOSE = "dispose", _("Gallring")


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
    #: The child the row is about (a plain id, like ``case_id``: the log outlives disposal).
    child_id = models.BigIntegerField(null=True, db_index=True)
    ip = models.GenericIPAddressField(null=True)
    channel = models.CharField(max_length=8, default="web")
    reason = models.CharField(max_length=200, blank=True)
    #: The API token that authenticated the request (a plain id, like ``case_id``: the log
    #: outlives the token); empty for the web, the commands and a browser's API session.
    api_token_id = models.BigIntegerField(null=True, db_index=True)
    #: What else was exported (unit, breakdown, format), or how many a search showed
    #: (``hits=3``); never case text or personal data.
    detail = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["-at", "-pk"]
