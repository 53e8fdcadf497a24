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
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    case_id: int | None = None,
    ip: str | None = None,
    channel: str | None = None,
    reason: str = "",
    detail: str = "",
) -> AuditEvent:
    """Append one audit row about ``obj`` (its type and id only, never its text).

    Without a database object (an export of indicators) give ``object_type`` and ``object_id``
    instead, and what else identifies it in ``detail`` — never case text or personal data.
    ``channel`` and ``ip`` default to the current request's (``audit.context``).
    """
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = "" if obj.pk is None else str(obj.pk)
    if not object_type:
        raise ValueError("An audit row names its object: give obj or object_type.")
    request_channel, request_ip = current.get()
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        municipality_id=getattr(actor, "municipality_id", None),
        action=action,
        object_type=object_type,
        object_id=object_id,
        case_id=case_id,
        ip=ip or request_ip,
        channel=channel or request_channel,
        reason=reason,
        detail=detail,
    )
