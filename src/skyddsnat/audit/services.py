"""Write audit rows. The only writer of ``AuditEvent``."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from skyddsnat.audit.context import current
from skyddsnat.audit.models import Action, AuditEvent
from skyddsnat.cases.models import Case
from skyddsnat.people.models import Child


def record(
    *,
    actor: Any,
    action: str,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    case_id: int | None = None,
    child_id: int | None = None,
    ip: str | None = None,
    channel: str | None = None,
    reason: str = "",
    detail: str = "",
) -> AuditEvent:
    """Append one audit row about ``obj`` (its type and id only, never its text).

    Without a database object (an export of indicators) give ``object_type`` and ``object_id``
    instead, and what else identifies it in ``detail`` — never case text or personal data.
    ``channel`` and ``ip`` default to the current request's (``audit.context``); the API token
    that authenticated it, if any, is named too.

    The row names the child it is about: ``child_id`` if given, else the child ``obj`` is, or
    the child of ``obj`` when it is a case, or else the child of the case ``case_id`` (one
    query; callers holding the case pass ``child_id=case.child_id``).
    """
    event = _event(
        actor=actor,
        action=action,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        case_id=case_id,
        child_id=child_id,
        ip=ip,
        channel=channel,
        reason=reason,
        detail=detail,
    )
    event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class Audited:
    """One row of ``record_many``: what was done to ``obj``, on which case and child."""

    obj: Any
    action: str = Action.CREATE
    case_id: int | None = None
    child_id: int | None = None


def record_many(*, actor: Any, rows: Sequence[Audited]) -> list[AuditEvent]:
    """Append the audit rows of one action that wrote several objects, in one statement.

    Each row is the one ``record`` would write (the same fields, the same request's address,
    channel and token); give ``child_id`` for a row whose object is no child nor case but is
    about one (a row without it looks up its case's child, as ``record`` does).
    """
    events = [
        _event(
            actor=actor,
            action=row.action,
            obj=row.obj,
            case_id=row.case_id,
            child_id=row.child_id,
        )
        for row in rows
    ]
    return AuditEvent.objects.bulk_create(events)


def _event(
    *,
    actor: Any,
    action: str,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    case_id: int | None = None,
    child_id: int | None = None,
    ip: str | None = None,
    channel: str | None = None,
    reason: str = "",
    detail: str = "",
) -> AuditEvent:
    """Return the unsaved audit row ``record`` describes."""
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = "" if obj.pk is None else str(obj.pk)
    if not object_type:
        raise ValueError("An audit row names its object: give obj or object_type.")
    if child_id is None:
        child_id = _child_of(obj, case_id)
    request = current.get()
    return AuditEvent(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        municipality_id=getattr(actor, "municipality_id", None),
        action=action,
        object_type=object_type,
        object_id=object_id,
        case_id=case_id,
        child_id=child_id,
        ip=ip or request.ip,
        channel=channel or request.channel,
        api_token_id=request.api_token_id,
        reason=reason,
        detail=detail,
    )


@dataclass
class DisposedRow:
    """One row disposal deleted: its type and id, the case, child and municipality it belonged
    to, and the id of the retention rule that disposed of it."""

    object_type: str
    object_id: str
    case_id: int | None
    child_id: int | None
    municipality_id: int | None
    rule_id: str


def record_disposals(rows: Sequence[DisposedRow], *, using: str) -> None:
    """Append one ``dispose`` row per deleted row, through ``using`` (disposal's connection).

    Written in disposal's own transaction, so that rows and their audit stand or fall together.
    No actor (an operator at the server, channel ``system``); ``detail`` names the rule.
    """
    at = timezone.now()
    AuditEvent.objects.using(using).bulk_create(
        (
            AuditEvent(
                at=at,
                actor=None,
                municipality_id=row.municipality_id,
                action=Action.DISPOSE,
                object_type=row.object_type,
                object_id=row.object_id,
                case_id=row.case_id,
                child_id=row.child_id,
                channel="system",
                detail=f"command=dispose;rule={row.rule_id}",
            )
            for row in rows
        ),
        batch_size=500,
    )


def record_search(*, actor: Any, found: Sequence[Child], more: bool = False) -> None:
    """Append the rows of one search: one ``search`` row per child shown, naming the child.

    What was typed is never stored (a name or an identity number is personal data, and a hash
    of an identity number is undone by trying every date and serial number); the children
    found say what the search was for. ``detail`` holds how many were shown (``hits=3``, with
    ``;more`` when there were more than were shown). A search that found nobody writes one row
    without a child (``hits=0``), so that the search itself is still on record.
    """
    request = current.get()
    detail = f"hits={len(found)}{';more' if more else ''}"
    common = {
        "at": timezone.now(),
        "actor": actor,
        "municipality_id": actor.municipality_id,
        "action": Action.SEARCH,
        "ip": request.ip,
        "channel": request.channel,
        "api_token_id": request.api_token_id,
        "detail": detail,
    }
    if not found:
        AuditEvent.objects.create(object_type="search", object_id="", **common)
        return
    AuditEvent.objects.bulk_create(
        AuditEvent(
            object_type=child._meta.label_lower,
            object_id=str(child.pk),
            child_id=child.pk,
            **common,
        )
        for child in found
    )


def record_list(
    *,
    actor: Any,
    shown: Sequence[tuple[int, int]],
    break_glass: Collection[int] = (),
    object_type: str = "cases.case",
) -> None:
    """Append the rows of one page of a list read (the API's ``GET /cases``): one ``read`` row
    per case shown, naming the case and its child, in one statement.

    ``shown`` holds each case's id and its child's id. As for a search, the filters asked are
    never stored; the cases shown say what was read. ``detail`` is ``list`` (the case was shown
    in a list, with its summary), with the number shown; ``reason`` is ``break_glass`` for the
    cases in ``break_glass`` (read through an emergency access). A page that showed nothing
    writes one row without a case (``list;shown=0``), so that the read is still on record.
    """
    request = current.get()
    common = {
        "at": timezone.now(),
        "actor": actor,
        "municipality_id": actor.municipality_id,
        "action": Action.READ,
        "ip": request.ip,
        "channel": request.channel,
        "api_token_id": request.api_token_id,
        "detail": f"list;shown={len(shown)}",
    }
    if not shown:
        AuditEvent.objects.create(object_type=object_type, object_id="", **common)
        return
    AuditEvent.objects.bulk_create(
        AuditEvent(
            object_type=object_type,
            object_id=str(case_id),
            case_id=case_id,
            child_id=child_id,
            reason="break_glass" if case_id in break_glass else "",
            **common,
        )
        for case_id, child_id in shown
    )


def _child_of(obj: Any, case_id: int | None) -> int | None:
    """Return the id of the child ``obj`` or the case ``case_id`` is about, if any."""
    if isinstance(obj, Child):
        return obj.pk
    if isinstance(obj, Case):
        return obj.child_id
    if case_id is None:
        return None
    return Case.objects.filter(pk=case_id).values_list("child_id", flat=True).first()
