"""The manager's audit page: who has read this child's file, when, and why (docs/spec/security.md).

``/enhet/logg/?barn=<child id>`` lists the audit rows about a child who has a case in the
manager's units: every row of those cases, and every row that names the child (a read of the
child's chronology, the child found by a search, a read or write of the child's case in another
unit — all of them show something about the child). Without ``barn``, the latest such rows of
all the units' children. It shows who, when, what happened, to which record of which child and
why (break-glass), in words (*Förhandsbedömning 267*, *Webben*) — never any case text, which the
log does not hold. The child is named: the manager may see every child the page lists, since each
has a case in the manager's units.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.audit.labels import channel_label, object_label
from skyddsnat.audit.models import Action, AuditEvent
from skyddsnat.people.models import Child

LIMIT = 200


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not policy.can_view_unit(request.user):
        raise PermissionDenied(_("Loggen är till för enhetschefer."))
    cases = policy.audit_cases_for(request.user)
    child_id = request.GET.get("barn", "")
    if child_id.isdigit():
        cases = cases.filter(child_id=int(child_id))
    about = Q(case_id__in=cases.values("pk")) | Q(child_id__in=cases.values("child_id"))
    rows = list(AuditEvent.objects.filter(about).order_by("-at", "-pk")[:LIMIT])
    names = {
        u.pk: u.get_full_name() or u.username
        for u in User.objects.filter(pk__in={r.actor_id for r in rows if r.actor_id})
    }
    children = {
        c.pk: c for c in Child.objects.filter(pk__in={r.child_id for r in rows if r.child_id})
    }
    context = {
        "rows": [
            {
                "event": r,
                "who": names.get(r.actor_id, "") if r.actor_id else _("Systemet"),
                "what": what(r),
                "child": children.get(r.child_id) if r.child_id else None,
                "record": record(r),
                "channel": channel_label(r.channel),
            }
            for r in rows
        ],
        "child_id": child_id if child_id.isdigit() else "",
        "limit": LIMIT,
    }
    return render(request, "web/unit/audit_log.html", context)


def what(row: AuditEvent) -> str:
    """Return what the row records, in Swedish: the action, for a search how many it found,
    and for a read in a list (the API's case list, ``detail`` ``list;…``) that it was one."""
    if row.action == Action.READ and row.detail.split(";", 1)[0] == "list":
        return _("Läsning (i en lista)")
    if row.action != Action.SEARCH:
        return row.get_action_display()
    hits = dict(part.partition("=")[::2] for part in row.detail.split(";")).get("hits", "")
    if not hits.isdigit():
        return row.get_action_display()
    n = int(hits)
    return ngettext("Sökning (%(n)d barn visades)", "Sökning (%(n)d barn visades)", n) % {"n": n}


def record(row: AuditEvent) -> str:
    """Return the record the row is about in words: *Förhandsbedömning 267*, *Sökning*."""
    label = object_label(row.object_type)
    return f"{label} {row.object_id}" if row.object_id else label


urlpatterns = [path("enhet/logg/", audit_log, name="unit_audit_log")]
