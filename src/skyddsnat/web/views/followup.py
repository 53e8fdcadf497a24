"""Uppföljning: the indicators for a chosen period and unit, with trends, definitions and exports.

For managers, analysts and the committee (``accounts.policy.can_view_indicators``); the figures
come from the indicator service, so the masking of small numbers is the service's. The page may
show the tables counted earlier today while the worker counts the latest changes in (it says
so, and when they were counted: ``service.page_trend``, decision 0054); the exports are always
counted from everything registered (``compute_indicators``). Every export
writes an audit row (action ``export``, object type ``indicators``, the period as its id and the
unit, breakdown and format as detail). The trend of each indicator is the same computation
for the last ``TREND_LENGTH`` periods of the same kind: the number of queries depends on the
number of periods, never on the number of cases.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.indicators import barnbarometer, obligations
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.periods import (
    MONTHS_SV,
    TREND_LENGTH,
    Kind,
    Period,
    PeriodError,
    trend,
)
from skyddsnat.indicators.service import (
    IndicatorValue,
    compute_indicators,
    page_trend,
    totals,
    units_of,
)
from skyddsnat.web import indicator_display as show

KIND_LABELS = (
    (Kind.YEAR.value, "År"),
    (Kind.HALF.value, "Halvår"),
    (Kind.QUARTER.value, "Kvartal"),
    (Kind.MONTH.value, "Månad"),
    (Kind.ROLLING_12.value, "Rullande 12 månader"),
)
PART_GROUPS = (
    ("Halvår", (("H1", "Första halvåret"), ("H2", "Andra halvåret"))),
    (
        "Kvartal",
        tuple(
            (f"Q{n}", f"{o.capitalize()} kvartalet")
            for n, o in enumerate(("första", "andra", "tredje", "fjärde"), 1)
        ),
    ),
    (
        "Månad (eller sista månaden av rullande 12)",
        tuple((f"{n:02d}", m.capitalize()) for n, m in enumerate(MONTHS_SV, 1)),
    ),
)
#: The last month of each choice of ``part``.
_PART_MONTH = {
    "H1": 6,
    "H2": 12,
    **{f"Q{n}": 3 * n for n in range(1, 5)},
    **{f"{n:02d}": n for n in range(1, 13)},
}


@dataclass
class Choice:
    """What the user asked for, read from the query string; ``errors`` by field, in Swedish."""

    period: Period
    unit_id: int | None = None
    unit_name: str = ""
    breakdown: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] = field(default_factory=dict)


def read_period(query: Mapping[str, str]) -> Period:
    """Return the period of the form (``kind``, ``year``, ``part``) or of ``period`` (a code).

    Raise ``PeriodError`` with a Swedish message.
    """
    code = (query.get("period") or "").strip()
    if code:
        return Period.parse(code)
    kind_text = query.get("kind") or Kind.YEAR.value
    if kind_text not in Kind._value2member_map_:
        raise PeriodError(
            "Välj en periodtyp: år, halvår, kvartal, månad eller rullande 12 månader."
        )
    kind = Kind(kind_text)
    year_text = (query.get("year") or "").strip() or str(clock.today().year)
    if not (year_text.isdigit() and len(year_text) == 4):
        raise PeriodError("Ange året med fyra siffror, till exempel 2026.")
    year = int(year_text)
    if kind is Kind.YEAR:
        return Period(kind, year)
    part = (query.get("part") or "").strip().upper()
    if part not in _PART_MONTH:
        raise PeriodError("Välj vilket halvår, kvartal eller vilken månad perioden gäller.")
    if kind is Kind.HALF and not part.startswith("H"):
        raise PeriodError("Välj första eller andra halvåret.")
    if kind is Kind.QUARTER and not part.startswith("Q"):
        raise PeriodError("Välj ett kvartal.")
    if kind in (Kind.MONTH, Kind.ROLLING_12) and not part.isdigit():
        raise PeriodError("Välj en månad.")
    last_month = _PART_MONTH[part]
    if kind is Kind.ROLLING_12:
        return Period(kind, year, last_month)
    return Period.containing(date(year, last_month, 1), kind)


def _form_of(period: Period) -> dict[str, str]:
    part = ""
    if period.kind is Kind.HALF:
        part = f"H{period.number}"
    elif period.kind is Kind.QUARTER:
        part = f"Q{period.number}"
    elif period.kind in (Kind.MONTH, Kind.ROLLING_12):
        part = f"{period.number:02d}"
    return {"kind": period.kind.value, "year": str(period.year), "part": part}


def read_choice(query: Mapping[str, str], units: dict[int, str]) -> Choice:
    """Return the period, unit and breakdown asked for, with Swedish errors for what is wrong."""
    errors: dict[str, str] = {}
    try:
        period = read_period(query)
    except PeriodError as exc:
        errors["period"] = str(exc)
        period = Period.calendar_year(clock.today().year)
    unit_text = (query.get("unit") or "").strip()
    unit_id = None
    if unit_text:
        if unit_text.isdigit() and int(unit_text) in units:
            unit_id = int(unit_text)
        else:
            errors["unit"] = "Välj hela kommunen eller en av kommunens enheter."
    breakdown = (query.get("breakdown") or "").strip() or None
    if breakdown is not None and breakdown not in d.DIMENSIONS:
        errors["breakdown"] = "Välj en uppdelning i listan."
        breakdown = None
    form = (
        _form_of(period)
        if "period" not in errors
        else {
            "kind": query.get("kind", ""),
            "year": query.get("year", ""),
            "part": query.get("part", ""),
        }
    )
    form["unit"] = str(unit_id) if unit_id else ""
    form["breakdown"] = breakdown or ""
    return Choice(
        period=period,
        unit_id=unit_id,
        unit_name=units[unit_id] if unit_id else "",
        breakdown=breakdown,
        errors=errors,
        form=form,
    )


def _units(user: User) -> dict[int, str]:
    """The user's municipality's units, as the indicator service lists them (``units_of``)."""
    return units_of(user.municipality_id)


def _allowed(user: User) -> None:
    if not policy.can_view_indicators(user):
        raise PermissionDenied(_("Uppföljningen är till för chefer, analytiker och nämnden."))


# --- the page ------------------------------------------------------------------------------------


@dataclass
class Item:
    """One indicator on the page: its figure now, its parts, its trend and its definition."""

    indicator: d.Indicator
    main: IndicatorValue | None
    parts: list[IndicatorValue]
    chart: show.Chart | None

    @property
    def direction(self) -> str:
        return show.DIRECTION_SV[self.indicator.direction.value]


def _shown(value: IndicatorValue) -> dict:
    return {
        "value": value,
        "text": show.value_text(value),
        "basis": show.basis_text(value),
        "reason": show.reason_text(value),
        "max": value.extra.get("max") if value.extra else None,
    }


@dataclass(frozen=True)
class Recount:
    """The page shows tables counted earlier today, before the latest changes, while the worker
    counts them again (decision 0054): when the oldest of them was counted (None: unknown)."""

    counted_at: datetime | None


def _items(user: User, choice: Choice) -> tuple[list[dict], Recount | None]:
    """Return the groups of items to show, and whether they are being counted again."""
    periods = trend(choice.period, TREND_LENGTH)
    memo = obligations.window(periods)  # the time limits are evaluated once for all periods
    # One statement per SQL indicator for all the periods, grouped by period (decision 0045).
    shown = [page_trend(acting_user=user, periods=periods, unit_id=choice.unit_id, memo=memo)]
    computed = shown[0].values
    per_period = {p: totals(values) for p, values in computed.items()}
    current = computed[choice.period]
    if choice.breakdown is not None:
        shown.append(
            page_trend(
                acting_user=user,
                periods=[choice.period],
                unit_id=choice.unit_id,
                breakdown=choice.breakdown,
                memo=memo,
            )
        )
        current = shown[1].values[choice.period]
    recount = None
    if any(s.stale for s in shown):
        times = [s.counted_at for s in shown if s.stale]
        recount = Recount(None if None in times else min(t for t in times if t))
    by_id: dict[str, list[IndicatorValue]] = {}
    for value in current:
        by_id.setdefault(value.id, []).append(value)
    groups: dict[d.Group, list[Item]] = {}
    for indicator in d.INDICATORS:
        values = by_id.get(indicator.id, [])
        main = next((v for v in values if v.breakdown_key is None), None)
        parts = [v for v in values if v is not main]
        chart = None
        if indicator.available and main is not None:
            points = [(p, per_period[p].get(indicator.id)) for p in periods]
            chart = show.bar_chart(indicator.name, points, choice.period)
        groups.setdefault(indicator.group, []).append(Item(indicator, main, parts, chart))
    groups_shown = [
        {
            "group": group,
            "label": group.label_sv,
            "items": [
                {
                    "item": item,
                    "main": _shown(item.main) if item.main else None,
                    "parts": [_shown(p) for p in item.parts],
                }
                for item in items
            ],
        }
        for group, items in groups.items()
    ]
    return groups_shown, recount


@login_required
def followup(request: HttpRequest) -> HttpResponse:
    """Render the indicators of the chosen period and unit, each with its trend and definition."""
    user = request.user
    _allowed(user)
    units = _units(user)
    choice = read_choice(request.GET, units)
    context = {
        "choice": choice,
        "units": units.items(),
        "kinds": KIND_LABELS,
        "part_groups": PART_GROUPS,
        "breakdowns": [(k, dim.name) for k, dim in d.DIMENSIONS.items()],
        "trend_length": TREND_LENGTH,
        "today": clock.today(),
    }
    if choice.errors:
        return render(request, "web/followup/page.html", context, status=400)
    groups, recount = _items(user, choice)
    context.update(
        groups=groups,
        recount=recount,
        export_query=_export_query(choice),
        provisional=choice.period.end >= clock.today(),
    )
    return render(request, "web/followup/page.html", context)


def _export_query(choice: Choice) -> str:
    params = {"period": choice.period.code}
    if choice.unit_id:
        params["unit"] = str(choice.unit_id)
    if choice.breakdown:
        params["breakdown"] = choice.breakdown
    return urlencode(params)


# --- exports -------------------------------------------------------------------------------------


def _export_data(
    request: HttpRequest, extension: str
) -> tuple[Choice, list[tuple[object, ...]]] | HttpResponse:
    """Return the choice and the rows to export, having written the export's audit row."""
    user = request.user
    _allowed(user)
    units = _units(user)
    choice = read_choice(request.GET, units)
    if choice.errors:
        return HttpResponse(
            " ".join(choice.errors.values()), status=400, content_type="text/plain; charset=utf-8"
        )
    values = compute_indicators(
        acting_user=user, period=choice.period, unit_id=choice.unit_id, breakdown=choice.breakdown
    )
    unit_name = choice.unit_name or (user.municipality.name if user.municipality else "")
    rows = show.export_rows(values, choice.period, unit_name)
    _audit_export(user, choice, extension)
    return choice, rows


def _audit_export(user: User, choice: Choice, extension: str) -> None:
    """Write the export's audit row: the period, unit, breakdown and format, nothing personal."""
    detail = [f"format={extension}", f"unit={choice.unit_id or 'all'}"]
    if choice.breakdown:
        detail.append(f"breakdown={choice.breakdown}")
    audit.record(
        actor=user,
        action="export",
        object_type="indicators",
        object_id=choice.period.code,
        detail=";".join(detail),
    )


def _filename(choice: Choice, extension: str) -> str:
    unit = f"-enhet-{choice.unit_id}" if choice.unit_id else ""
    breakdown = f"-{choice.breakdown}" if choice.breakdown else ""
    return f"uppfoljning-{choice.period.code}{unit}{breakdown}.{extension}"


def _export(
    request: HttpRequest,
    extension: str,
    content_type: str,
    write: Callable[[Choice, list[tuple[object, ...]]], bytes],
) -> HttpResponse:
    """Return the figures as an attachment written by ``write`` (the audit row written first)."""
    data = _export_data(request, extension)
    if isinstance(data, HttpResponse):
        return data
    choice, rows = data
    response = HttpResponse(write(choice, rows), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(choice, extension)}"'
    return response


def _csv(choice: Choice, rows: list[tuple[object, ...]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(show.EXPORT_HEADER)
    for row in rows:
        writer.writerow([show.csv_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    """Return the figures as CSV for Excel: semicolons, UTF-8 with BOM, decimal comma."""
    return _export(request, "csv", "text/csv; charset=utf-8", _csv)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """Return the figures as an Excel workbook: one row per figure, numbers as numbers."""
    return _export(request, "xlsx", XLSX, _xlsx)


def _xlsx(choice: Choice, rows: list[tuple[object, ...]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Indikatorer"
    sheet.append(show.EXPORT_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [cell.replace(show.NBSP, " ") if isinstance(cell, str) else cell for cell in row]
        )
    sheet.freeze_panes = "A2"
    for letter, width in zip(
        "ABCDEFGHIJKLM", (24, 30, 44, 18, 22, 18, 22, 10, 14, 10, 10, 12, 60), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    about = book.create_sheet("Om underlaget")
    about.append(("Period", choice.period.label))
    about.append(("Från", choice.period.start))
    about.append(("Till", choice.period.end))
    about.append(("Enhet", choice.unit_name or "Hela kommunen"))
    about.append(("Uttaget", clock.today()))
    about.append(("Små tal", "Tal under 5 visas som – utanför den enhet som äger uppgifterna."))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- the Barnbarometer ---------------------------------------------------------------------------


@login_required
def barnbarometer_page(request: HttpRequest) -> HttpResponse:
    """Render the Barnbarometer's questions that data can answer, each with its figure."""
    user = request.user
    _allowed(user)
    year_text = (request.GET.get("year") or "").strip() or str(clock.today().year - 1)
    context: dict = {"year_text": year_text, "without_data": barnbarometer.WITHOUT_DATA}
    if not (year_text.isdigit() and len(year_text) == 4):
        context["error"] = "Ange året med fyra siffror, till exempel 2026."
        return render(request, "web/followup/barnbarometer.html", context, status=400)
    try:
        period = Period.calendar_year(int(year_text))
    except PeriodError as exc:
        context["error"] = str(exc)
        return render(request, "web/followup/barnbarometer.html", context, status=400)
    values = compute_indicators(
        acting_user=user, period=period, ids=list(barnbarometer.INDICATOR_IDS)
    )
    figures = {
        (v.id, v.breakdown_key): barnbarometer.Figure(v.numerator, v.denominator, v.masked)
        for v in values
        if v.breakdown is None or v.breakdown != d.UNIT
    }
    context.update(
        period=period,
        answers=barnbarometer.answers(figures),
        provisional=period.end >= clock.today(),
    )
    return render(request, "web/followup/barnbarometer.html", context)


urlpatterns = [
    path("uppfoljning/barnbarometer/", barnbarometer_page, name="barnbarometer"),
    path("uppfoljning/", followup, name="followup"),
    path("uppfoljning/export.csv", export_csv, name="followup_csv"),
    path("uppfoljning/export.xlsx", export_xlsx, name="followup_xlsx"),
]
