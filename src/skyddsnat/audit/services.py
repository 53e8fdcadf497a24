"""Write audit rows. The only writer of ``AuditEvent``."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from skyddsnat.audit.context import current
from skyddsnat.audit.models import AuditEvent


def record(
    *,
    actor: Any,
    action: str,
    obj: Any,
    case_id: int | None = None,
    ip: str | None = None,
    channel: str | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit row about ``obj`` (its type and id only, never its text).

    ``channel`` and ``ip`` default to the current request's (``audit.context``).
    """
    request_channel, request_ip = current.get()
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        municipality_id=getattr(actor, "municipality_id", None),
        action=action,
        object_type=obj._meta.label_lower,
        object_id="" if obj.pk is None else str(obj.pk),
        case_id=case_id,
        ip=ip or request_ip,
        channel=channel or request_channel,
        reason=reason,
    )
