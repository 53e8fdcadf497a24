"""Tidsmätning on a phone: one tap starts the current activity, blocks are added afterwards, the
day is a timeline with its gaps and overlaps, and a block is corrected until the study closes.

Every registration carries a ``client_id`` (a hidden field, or the phone's script): the same
one sent twice is stored once, so the offline queue of ``web/timestudy.js`` can resend safely
through ``sync``. A participant reads only their own blocks (``timestudy.services``): any other
block is *not found*.
"""

from __future__ import annotations

import io
import json
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.audit import services as audit
from skyddsnat.audit.models import Action
from skyddsnat.errors import Forbidden, NotFound, ServiceError
from skyddsnat.indicators.masking import MASK_REASONS_SV, MASK_SYMBOL, SMALL
from skyddsnat.rules.calendar import STOCKHOLM, local_datetime
from skyddsnat.timestudy import services
from skyddsnat.timestudy.models import Participant, TimeBlock
from skyddsnat.web.forms.base import DateInput, TimeInput

#: The most registrations the phone sends in one go (its offline queue).
MAX_SYNC = 200
#: Changed when the service worker's caching changes (its cache is named by it).
SW_VERSION = "ts-1"


def _at(day: date, hhmm: Any) -> datetime:
    return datetime.combine(day, hhmm, tzinfo=STOCKHOLM)


class BlockForm(forms.Form):
    """A block registered afterwards, or corrected: category, day, from and to."""

    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    category = forms.ChoiceField(label=gettext_lazy("Aktivitet"))
    day = forms.DateField(label=gettext_lazy("Dag"), widget=DateInput)
    start = forms.TimeField(label=gettext_lazy("Från"), widget=TimeInput)
    end = forms.TimeField(label=gettext_lazy("Till"), widget=TimeInput, required=False)

    def __init__(self, *args: Any, participant: Participant, running: bool = False, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["category"].choices = [
            (c.code, c.name) for c in services.categories_of(participant)
        ]
        self.fields["end"].required = not running
        for name in ("day", "start", "end"):
            self.fields[name].error_messages["required"] = _("Fyll i %(field)s.") % {
                "field": str(self.fields[name].label).lower()
            }

    def times(self) -> tuple[datetime, datetime | None]:
        data = self.cleaned_data
        end = data.get("end")
        return _at(data["day"], data["start"]), _at(data["day"], end) if end else None


def duration(minutes: int) -> str:
    """Return ``minutes`` in Swedish: "45 min", "1 tim 5 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(m)d min") % {"m": rest}
    if not rest:
        return _("%(h)d tim") % {"h": hours}
    return _("%(h)d tim %(m)d min") % {"h": hours, "m": rest}


def _participation(request: HttpRequest) -> Participant | None:
    if not policy.takes_part_in_time_studies(request.user):
        raise PermissionDenied(_("Tidsmätningen är för socialsekreterare och chefer."))
    return services.participation_of(request.user)


def _day(request: HttpRequest, participant: Participant) -> date:
    study = participant.study
    today = clock.today()
    fallback = min(max(today, study.starts_on), study.ends_on)
    try:
        chosen = date.fromisoformat(request.GET.get("dag", ""))
    except ValueError:
        return fallback
    return chosen if study.starts_on <= chosen <= study.ends_on else fallback


def _study_days(participant: Participant) -> list[date]:
    study = participant.study
    days, day = [], study.starts_on
    while day <= study.ends_on:
        days.append(day)
        day += timedelta(days=1)
    return days


def _page(
    request: HttpRequest,
    participant: Participant | None,
    *,
    form: BlockForm | None = None,
    day: date | None = None,
    status: int = 200,
    offline_shell: bool = False,
) -> HttpResponse:
    context: dict[str, Any] = {"participant": participant, "shell": offline_shell}
    if participant is not None and offline_shell:
        # The offline shell (``service_worker``): the taps and the add form, no registrations.
        day = _day(request, participant)
        context.update(
            study=participant.study,
            day=day,
            days=_study_days(participant),
            taps=[(c, uuid.uuid4()) for c in services.categories_of(participant)],
            form=BlockForm(participant=participant, initial={"day": day}),
        )
    elif participant is not None:
        day = day or _day(request, participant)
        timeline = services.day_of(acting_user=request.user, day=day)
        context.update(
            study=participant.study,
            day=day,
            days=_study_days(participant),
            timeline=_merged(timeline),
            running=timeline.running,
            registered=duration(timeline.registered_minutes),
            taps=[(c, uuid.uuid4()) for c in services.categories_of(participant)],
            now=local_datetime(clock.now()),
            form=form
            or BlockForm(
                participant=participant,
                initial={"client_id": uuid.uuid4(), "day": day},
            ),
        )
    return render(request, "web/timestudy/page.html", context, status=status)


def _merged(day: services.Day) -> list[dict[str, Any]]:
    """Return the blocks and the flags in one list by time (a flag just before the block it
    concerns)."""
    rows: list[tuple[datetime, int, dict[str, Any]]] = []
    for entry in day.entries:
        rows.append(
            (entry.block.started_at, 1, {"entry": entry, "duration": duration(entry.minutes)})
        )
    for flag in day.flags:
        rows.append((flag.start, 0, {"flag": flag, "duration": duration(flag.minutes)}))
    return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))]


@login_required
def timestudy(request: HttpRequest) -> HttpResponse:
    """Render the participant's phone page (or say that there is no study to take part in)."""
    return _page(request, _participation(request))


@login_required
def shell(request: HttpRequest) -> HttpResponse:
    """Render the page without the day's registrations: the service worker keeps it and shows
    it when the phone page is opened without a connection (the queue on the phone is shown by
    ``web/timestudy.js``)."""
    return _page(request, _participation(request), offline_shell=True)


def service_worker(request: HttpRequest) -> HttpResponse:
    """Serve the service worker from ``/tidsmatning/`` so that its scope covers the phone page.

    It holds no personal data (the shell's address and the static files' addresses, which
    carry a hash in production), so it is served to anyone."""
    assets = [
        static("web/skyddsnat.css"),
        static("web/favicon.svg"),
        static("django_htmx/htmx-2.min.js"),
        static("web/drafts.js"),
        static("web/timestudy.js"),
    ]
    body = render_to_string(
        "web/timestudy/sw.js",
        {
            "version": json.dumps(SW_VERSION + "-" + "-".join(assets)),
            "shell": json.dumps(reverse("web:timestudy_shell")),
            "page": json.dumps(reverse("web:timestudy")),
            "assets": json.dumps(assets),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("web:timestudy")
    return response


def _refused(request: HttpRequest, exc: ServiceError) -> None:
    if isinstance(exc, NotFound):
        raise Http404
    if isinstance(exc, Forbidden):
        raise PermissionDenied(exc.message)
    for errors in exc.errors.values() or [[exc.message]]:
        for message in errors:
            messages.error(request, message)
    if not exc.errors:
        messages.error(request, exc.message)


def _client_id(value: str | None) -> uuid.UUID:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return uuid.uuid4()


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Start the tapped activity now (the running one ends)."""
    _participation(request)
    try:
        block = services.start_activity(
            acting_user=request.user,
            client_id=_client_id(request.POST.get("client_id")),
            category_code=request.POST.get("category", ""),
        )
    except ServiceError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("%(name)s pågår.") % {"name": block.category.name})
    return redirect("web:timestudy")


@login_required
@require_POST
def stop(request: HttpRequest) -> HttpResponse:
    """End the running activity now."""
    _participation(request)
    try:
        block = services.stop_activity(acting_user=request.user)
    except ServiceError as exc:
        _refused(request, exc)
    else:
        if block is not None:
            messages.success(request, _("%(name)s avslutad.") % {"name": block.category.name})
    return redirect("web:timestudy")


@login_required
@require_POST
def add(request: HttpRequest) -> HttpResponse:
    """Register a block afterwards."""
    participant = _participation(request)
    if participant is None:
        raise PermissionDenied(services.NO_STUDY)
    form = BlockForm(request.POST, participant=participant)
    if form.is_valid():
        started_at, ended_at = form.times()
        try:
            services.add_block(
                acting_user=request.user,
                client_id=form.cleaned_data["client_id"] or uuid.uuid4(),
                category_code=form.cleaned_data["category"],
                started_at=started_at,
                ended_at=ended_at or started_at,
            )
        except ServiceError as exc:
            if isinstance(exc, (NotFound, Forbidden)):
                _refused(request, exc)
            _form_errors(form, exc)
        else:
            messages.success(request, _("Tidsblocket är sparat."))
            return redirect(_day_url(form.cleaned_data["day"]))
    day = form.cleaned_data.get("day") if hasattr(form, "cleaned_data") else None
    return _page(request, participant, form=form, day=day, status=422)


def _form_errors(form: forms.Form, exc: ServiceError) -> None:
    names = {"started_at": "start", "ended_at": "end", "category": "category"}
    if not exc.errors:
        form.add_error(None, exc.message)
    for field, errors in exc.errors.items():
        for message in errors:
            form.add_error(names.get(field), message)


def _day_url(day: date) -> str:
    return f"{reverse('web:timestudy')}?dag={day.isoformat()}"


@login_required
def block(request: HttpRequest, block_id: int) -> HttpResponse:
    """Show one of the participant's own blocks to correct it (anyone else's: not found)."""
    try:
        found = services.block_of(acting_user=request.user, block_id=block_id)
    except ServiceError as exc:
        _refused(request, exc)
        raise  # pragma: no cover - _refused raised
    participant = found.participant
    status = 200
    if request.method == "POST":
        form = BlockForm(request.POST, participant=participant, running=found.ended_at is None)
        if form.is_valid():
            started_at, ended_at = form.times()
            try:
                services.correct_block(
                    acting_user=request.user,
                    block_id=found.pk,
                    category_code=form.cleaned_data["category"],
                    started_at=started_at,
                    ended_at=ended_at,
                )
            except ServiceError as exc:
                if isinstance(exc, (NotFound, Forbidden)):
                    _refused(request, exc)
                _form_errors(form, exc)
            else:
                messages.success(request, _("Tidsblocket är ändrat."))
                return redirect(_day_url(form.cleaned_data["day"]))
        status = 422
    else:
        start_at = local_datetime(found.started_at)
        end_at = local_datetime(found.ended_at) if found.ended_at else None
        form = BlockForm(
            participant=participant,
            running=end_at is None,
            initial={
                "category": found.category.code,
                "day": start_at.date(),
                "start": start_at.time(),
                "end": end_at.time() if end_at else None,
            },
        )
    return render(
        request,
        "web/timestudy/block.html",
        {"block": found, "form": form, "study": participant.study},
        status=status,
    )


@login_required
@require_POST
def sync(request: HttpRequest) -> JsonResponse:
    """Store the phone's queued registrations (JSON: ``{"items": [...]}``) in order.

    Each item: ``client_id``, ``kind`` (``start``, ``stop`` or ``block``), ``category``, ``at``
    (start, stop) or ``started_at`` and ``ended_at`` (a block), ISO 8601 with offset. An item
    already stored is answered ``saved`` again (idempotent). Answers each item's result.
    """
    _participation(request)
    try:
        items = json.loads(request.body or b"{}").get("items", [])
    except (ValueError, AttributeError):
        return JsonResponse({"message": _("Registreringarna kunde inte läsas.")}, status=400)
    if not isinstance(items, list) or len(items) > MAX_SYNC:
        return JsonResponse({"message": _("Registreringarna kunde inte läsas.")}, status=400)
    results = [_sync_one(request, item) for item in items]
    return JsonResponse({"results": results})


def _when(value: Any) -> datetime | None:
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None or parsed.tzinfo is None:
        return None
    return parsed


def _sync_one(request: HttpRequest, item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        return {"status": "error", "message": _("Registreringen kunde inte läsas.")}
    client_id = str(item.get("client_id", ""))
    result: dict[str, Any] = {"client_id": client_id}
    try:
        key = uuid.UUID(client_id)
    except ValueError:
        return result | {"status": "error", "message": _("Registreringen saknar id.")}
    kind = item.get("kind")
    category = str(item.get("category", ""))
    try:
        saved: TimeBlock | None
        if kind == "start" and (at := _when(item.get("at"))):
            saved = services.start_activity(
                acting_user=request.user, client_id=key, category_code=category, at=at
            )
        elif kind == "stop" and (at := _when(item.get("at"))):
            saved = services.stop_activity(acting_user=request.user, at=at)
        elif (
            kind == "block"
            and (started := _when(item.get("started_at")))
            and (ended := _when(item.get("ended_at")))
        ):
            saved = services.add_block(
                acting_user=request.user,
                client_id=key,
                category_code=category,
                started_at=started,
                ended_at=ended,
            )
        else:
            return result | {"status": "error", "message": _("Registreringen är ofullständig.")}
    except ServiceError as exc:
        text = "; ".join(m for errors in exc.errors.values() for m in errors) or exc.message
        return result | {"status": "error", "message": text}
    return result | {"status": "saved", "id": saved.pk if saved else None}


def percent(share: float | None) -> str:
    """Return a share as whole per cent ("13 %"), or the mask symbol when hidden or empty."""
    if share is None:
        return MASK_SYMBOL
    return f"{round(share * 100)} %"


@login_required
def results(request: HttpRequest) -> HttpResponse:
    """Render a study's results beside the national result (groups of at least 5 only)."""
    try:
        studies = services.studies_with_results(acting_user=request.user)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    chosen = next((s for s in studies if str(s.pk) == request.GET.get("studie")), None)
    chosen = chosen or next((s for s in studies if s.is_closed), None)
    found = None
    if chosen is not None:
        found = services.study_results(acting_user=request.user, study_id=chosen.pk)
    return render(
        request,
        "web/timestudy/results.html",
        {
            "studies": studies,
            "chosen": chosen,
            "results": found,
            "kinds": _kind_tables(found) if found else [],
            "mask_reason": MASK_REASONS_SV[SMALL],
        },
    )


def _kind_tables(found: services.StudyResults) -> list[dict[str, Any]]:
    tables = []
    for kind in found.kinds:
        headlines = [_display(row) for row in kind.headlines]
        tables.append(
            {
                "kind": kind,
                "rows": [_display(row) for row in kind.rows],
                "headlines": headlines,
                "chart": _chart(kind.headlines),
                "chart_height": len(kind.headlines) * 56,
            }
        )
    return tables


def _display(row: services.Row) -> dict[str, Any]:
    national = "" if row.national is None else f"{row.national} %"
    return {"label": row.label, "shares": [percent(s) for s in row.shares], "national": national}


def _chart(rows: list[services.Row]) -> list[dict[str, Any]]:
    """Return the bars of the headline chart: the municipality's share beside the nation's
    (widths in per cent of the drawing; SVG attributes, no inline styles)."""
    bars = []
    for i, row in enumerate(rows):
        own = row.shares[0]
        bars.append(
            {
                "label": row.label,
                "y": i * 56,
                "own": None if own is None else round(own * 100),
                "national": row.national,
            }
        )
    return bars


def change(value: float | None) -> str:
    """Return a change in percentage points ("+3 procentenheter"), or the mask symbol."""
    if value is None:
        return MASK_SYMBOL
    points = round(value * 100)
    sign = "+" if points > 0 else ("−" if points < 0 else "±")
    return _("%(sign)s%(n)d procentenheter") % {"sign": sign, "n": abs(points)}


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    """Render two or more closed studies of the municipality side by side: the municipality's
    share per headline and category in each, and the change (groups under 5 hidden)."""
    try:
        studies = services.studies_with_results(acting_user=request.user)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    closed = [s for s in studies if s.is_closed]
    chosen = [int(v) for v in request.GET.getlist("studie") if v.isdigit()]
    found, error = None, ""
    if chosen:
        try:
            found = services.compare_studies(acting_user=request.user, study_ids=chosen)
        except ServiceError as exc:
            error = "; ".join(m for ms in exc.errors.values() for m in ms) or exc.message
    tables = []
    for kind in found.kinds if found else []:
        bars, y = [], 0
        for row in kind.headlines:
            group = {"label": row.label, "y": y, "bars": []}
            for i, (study, share) in enumerate(zip(found.studies, row.shares, strict=True)):
                group["bars"].append(
                    {
                        "y": 16 + i * 18,
                        "share": None if share is None else round(share * 100),
                        "study": study.name,
                        "odd": i % 2,
                    }
                )
            y += 22 + 18 * len(found.studies)
            bars.append(group)
        tables.append(
            {
                "kind": kind,
                "chart": bars,
                "chart_height": y,
                "headlines": [_compare_display(r) for r in kind.headlines],
                "rows": [_compare_display(r) for r in kind.rows],
            }
        )
    return render(
        request,
        "web/timestudy/compare.html",
        {
            "closed": closed,
            "chosen": chosen,
            "comparison": found,
            "tables": tables,
            "export_query": urlencode([("studie", s.pk) for s in found.studies] if found else []),
            "error": error,
            "mask_reason": MASK_REASONS_SV[SMALL],
        },
        status=422 if error else 200,
    )


def _compare_display(row: services.CompareRow) -> dict[str, Any]:
    return {
        "label": row.label,
        "shares": [percent(s) for s in row.shares],
        "change": change(row.change),
    }


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def results_xlsx(request: HttpRequest) -> HttpResponse:
    """Return a study's results as an Excel workbook: one sheet per role, shares as numbers
    (hidden groups empty, as on the page); the export is audited."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    try:
        studies = services.studies_with_results(acting_user=request.user)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    chosen = next((s for s in studies if str(s.pk) == request.GET.get("studie")), None)
    if chosen is None:
        raise Http404
    found = services.study_results(acting_user=request.user, study_id=chosen.pk)
    audit.record(actor=request.user, action=Action.EXPORT, obj=chosen, detail="format=xlsx")
    book = Workbook()
    book.remove(book.active)
    for kind in found.kinds:
        sheet = book.create_sheet(kind.label[:31])
        sheet.append(["Kategori", *(c.label for c in kind.columns), "Riket"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in [*kind.headlines, *kind.rows]:
            national = None if row.national is None else row.national / 100
            sheet.append([row.label, *map(_cell, row.shares), national])
        sheet.append(["Deltagare", *map(_cell, kind.participants)])
        for line in sheet.iter_rows(min_row=2, min_col=2):
            for cell in line:
                if isinstance(cell.value, float | int) and cell.row <= sheet.max_row - 1:
                    cell.number_format = "0%"
        sheet.column_dimensions["A"].width = 34
    about = book.create_sheet("Om underlaget")
    about.append(("Tidsmätning", chosen.name))
    about.append(("Från", chosen.starts_on))
    about.append(("Till", chosen.ends_on))
    about.append(("Avslutad", "ja" if chosen.is_closed else "nej, preliminärt"))
    about.append(("Små grupper", MASK_REASONS_SV[SMALL]))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="tidsmatning-{chosen.pk}.xlsx"'
    return response


def _cell(value: float | None) -> float | str:
    """Return a share (or a count) for a cell, or the mask symbol the page shows for a group
    that is hidden or empty: the file masks exactly what the page masks."""
    return MASK_SYMBOL if value is None else value


@login_required
def compare_xlsx(request: HttpRequest) -> HttpResponse:
    """Return the comparison of the chosen closed studies as an Excel workbook: one sheet per
    role, the municipality's shares per study and the change in percentage points (hidden
    groups as the mask symbol, as on the page); the export is audited per study."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    try:
        services.studies_with_results(acting_user=request.user)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    chosen = [int(v) for v in request.GET.getlist("studie") if v.isdigit()]
    try:
        found = services.compare_studies(acting_user=request.user, study_ids=chosen)
    except ServiceError:
        raise Http404 from None
    for study in found.studies:
        audit.record(actor=request.user, action=Action.EXPORT, obj=study, detail="compare;xlsx")
    book = Workbook()
    book.remove(book.active)
    for kind in found.kinds:
        sheet = book.create_sheet(kind.label[:31])
        sheet.append(["Kategori", *(s.name for s in found.studies), "Förändring (procentenheter)"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in [*kind.headlines, *kind.rows]:
            points = None if row.change is None else round(row.change * 100)
            sheet.append([row.label, *map(_cell, row.shares), _cell(points)])
            for cell in sheet[sheet.max_row][1 : 1 + len(found.studies)]:
                if isinstance(cell.value, float):
                    cell.number_format = "0%"
        sheet.append(["Deltagare", *map(_cell, kind.participants)])
        sheet.column_dimensions["A"].width = 34
    about = book.create_sheet("Om underlaget")
    for study in found.studies:
        about.append((study.name, study.starts_on, study.ends_on))
    about.append(("Små grupper", MASK_REASONS_SV[SMALL]))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="tidsmatningar-jamforelse.xlsx"'
    return response


urlpatterns = [
    path("tidsmatning/", timestudy, name="timestudy"),
    path("tidsmatning/starta/", start, name="timestudy_start"),
    path("tidsmatning/avsluta/", stop, name="timestudy_stop"),
    path("tidsmatning/block/", add, name="timestudy_add"),
    path("tidsmatning/block/<int:block_id>/", block, name="timestudy_block"),
    path("tidsmatning/synk/", sync, name="timestudy_sync"),
    path("tidsmatning/offline/", shell, name="timestudy_shell"),
    path("tidsmatning/sw.js", service_worker, name="timestudy_sw"),
    path("tidsmatning/resultat/", results, name="timestudy_results"),
    path("tidsmatning/jamfor/", compare, name="timestudy_compare"),
    path("tidsmatning/resultat/export.xlsx", results_xlsx, name="timestudy_results_xlsx"),
    path("tidsmatning/jamfor/export.xlsx", compare_xlsx, name="timestudy_compare_xlsx"),
]
