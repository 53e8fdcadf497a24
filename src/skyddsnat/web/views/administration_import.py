"""Administration: the CSV import of users (upload, preview, confirm) and the administration log.

The import: ``/administration/import/`` takes the file and shows a preview that checks every
row (``accounts.csv_import.preview``, nothing written); the preview carries the file's text in a
hidden field to ``/administration/import/bekrafta/``, which checks it again and saves every row
or none (``csv_import.import_users``). The log: ``/administration/logg/`` lists the audit rows
of the administration of the administrator's municipality (``detail`` ``admin=…``) in Swedish
words — who, what, when, which user or unit; never case data, which these rows do not name.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skyddsnat.accounts import csv_import, policy
from skyddsnat.accounts.administration import EVENTS
from skyddsnat.accounts.models import Unit, User
from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import InvalidInput
from skyddsnat.retention.models import PlanKind
from skyddsnat.web.forms.base import SkyddsnatForm
from skyddsnat.web.views.administration import require_admin

PER_PAGE = 50


class UploadForm(SkyddsnatForm):
    file = forms.FileField(
        label=gettext_lazy("CSV-fil från HR eller AD"),
        help_text=gettext_lazy(
            "UTF-8, semikolon eller komma mellan fälten, en rubrikrad. Kolumnerna beskrivs i "
            "dokumentationen (docs/administration.md)."
        ),
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Take the file and show the preview of every row; nothing is saved yet."""
    admin = require_admin(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = csv_import.decode(form.cleaned_data["file"].read())
        except InvalidInput as exc:
            form.add_service_errors(exc)
        else:
            result = csv_import.preview(acting_user=admin, text=text)
            context = {"preview": result, "text": text}
            return render(request, "web/administration/import_preview.html", context)
    status = 422 if request.method == "POST" else 200
    return render(request, "web/administration/import.html", {"form": form}, status=status)


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Save every row of the previewed file, or none."""
    admin = require_admin(request)
    text = request.POST.get("text", "")
    try:
        result = csv_import.import_users(acting_user=admin, text=text)
    except InvalidInput:
        result = csv_import.preview(acting_user=admin, text=text)
        context = {"preview": result, "text": text, "failed": True}
        return render(request, "web/administration/import_preview.html", context, status=422)
    messages.success(
        request,
        _("Importen är klar: %(new)d nya och %(updated)d uppdaterade användare.")
        % {"new": result.new, "updated": result.updated},
    )
    return redirect("web:admin_users")


@login_required
def log(request: HttpRequest) -> HttpResponse:
    """List the administration events of the municipality, the latest first."""
    admin = require_admin(request)
    rows = AuditEvent.objects.filter(
        municipality_id=admin.municipality_id, detail__startswith="admin="
    ).order_by("-at", "-pk")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("sida"))
    events = list(page.object_list)
    parts = [_parts(r.detail) for r in events]
    user_ids = {int(p["user"]) for p in parts if p.get("user", "").isdigit()}
    user_ids |= {r.actor_id for r in events if r.actor_id}
    unit_ids = {int(p["unit"]) for p in parts if p.get("unit", "").isdigit()}
    people = {u.pk: u for u in policy.administered_users(admin).filter(pk__in=user_ids)}
    units = {u.pk: u for u in policy.administered_units(admin).filter(pk__in=unit_ids)}
    lines = [
        (
            r,
            _name(people.get(r.actor_id or 0)),
            EVENTS.get(p.get("admin", ""), r.get_action_display()),
            _about(p, people, units),
        )
        for r, p in zip(events, parts, strict=True)
    ]
    return render(request, "web/administration/log.html", {"page": page, "lines": lines})


def _parts(detail: str) -> dict[str, str]:
    return dict(part.partition("=")[::2] for part in detail.split(";") if part)


def _name(user: User | None) -> str:
    if user is None:
        return "–"
    return f"{user.get_full_name() or user.username} ({user.username})"


def _about(parts: dict[str, str], people: dict[int, User], units: dict[int, Unit]) -> str:
    """Return which user or unit the event was about, and what else it counted, in Swedish."""
    words = []
    if parts.get("user", "").isdigit():
        words.append(_("Användare: %(who)s") % {"who": _name(people.get(int(parts["user"])))})
    if parts.get("unit", "").isdigit():
        the_unit = units.get(int(parts["unit"]))
        words.append(_("Enhet: %(name)s") % {"name": the_unit.name if the_unit else "–"})
    if parts.get("token", "").isdigit():
        words.append(_("API-nyckel %(id)s") % {"id": parts["token"]})
    if parts.get("tokens", "").isdigit() and parts["tokens"] != "0":
        words.append(_("%(n)s API-nycklar återkallade") % {"n": parts["tokens"]})
    if parts.get("sessions", "").isdigit() and parts["sessions"] != "0":
        words.append(_("%(n)s inloggningar avslutade") % {"n": parts["sessions"]})
    if "created" in parts:
        words.append(
            _("%(new)s nya, %(updated)s uppdaterade")
            % {"new": parts["created"], "updated": parts.get("updated", "0")}
        )
    if parts.get("year", "").isdigit() and parts.get("children", "").isdigit():
        words.append(
            _("%(year)s: %(n)s barn 0–17 år") % {"year": parts["year"], "n": parts["children"]}
        )
        if parts.get("was", "").isdigit():
            words.append(_("tidigare %(n)s") % {"n": parts["was"]})
    if parts.get("kind") in PlanKind.values:
        kind = PlanKind(parts["kind"]).label
        if parts.get("years", "").isdigit():
            words.append(
                _("%(kind)s: gallras efter %(n)s år") % {"kind": kind, "n": parts["years"]}
            )
        else:
            words.append(_("%(kind)s: bevaras") % {"kind": kind})
    return "; ".join(words)


urlpatterns = [
    path("administration/import/", upload, name="admin_import"),
    path("administration/import/bekrafta/", confirm, name="admin_import_confirm"),
    path("administration/logg/", log, name="admin_log"),
]
