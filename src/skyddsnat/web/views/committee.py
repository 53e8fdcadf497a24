"""Rapport till nämnden: the committee's quarterly report as a page (printable) and as a PDF.

For managers, analysts and the committee (``policy.can_view_indicators``); the report itself is
``indicators.committee.committee_report``, which masks small numbers through the indicator
service and audits each report generated. The page has a form for the year and the quarter
(default: the last completed quarter); the PDF is rendered with WeasyPrint from the same body,
as the investigation document is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.actionplans.followup import PlanFollowUp, meets
from skyddsnat.actionplans.models import MeasureStatus
from skyddsnat.errors import Forbidden, InvalidInput
from skyddsnat.indicators import committee
from skyddsnat.indicators.masking import MASK_SYMBOL
from skyddsnat.indicators.service import IndicatorValue
from skyddsnat.web import indicator_display as show
from skyddsnat.web.views.actionplans import reached_text, target_text

QUARTERS = (
    (1, gettext_lazy("Första kvartalet (januari–mars)")),
    (2, gettext_lazy("Andra kvartalet (april–juni)")),
    (3, gettext_lazy("Tredje kvartalet (juli–september)")),
    (4, gettext_lazy("Fjärde kvartalet (oktober–december)")),
)


@dataclass
class Choice:
    """The year and quarter asked for; ``errors`` by field, in Swedish."""

    year: int
    quarter: int
    form: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)


def read_choice(query: Mapping[str, str]) -> Choice:
    """Return the year and quarter of the form; an empty field takes the last completed quarter's."""
    default = committee.last_completed_quarter()
    year_text = (query.get("year") or "").strip()
    quarter_text = (query.get("quarter") or "").strip()
    form = {"year": year_text or str(default.year), "quarter": quarter_text or str(default.number)}
    errors: dict[str, str] = {}
    year, quarter = default.year, default.number
    if year_text:
        if year_text.isdigit() and len(year_text) == 4:
            year = int(year_text)
        else:
            errors["year"] = _("Ange året med fyra siffror, till exempel 2026.")
    if quarter_text:
        if quarter_text in {"1", "2", "3", "4"}:
            quarter = int(quarter_text)
        else:
            errors["quarter"] = _("Välj kvartal 1, 2, 3 eller 4.")
    if not errors:
        try:
            committee.quarter_period(year, quarter)
        except InvalidInput as exc:
            for name, messages in exc.errors.items():
                errors[name] = " ".join(messages)
    return Choice(year=year, quarter=quarter, form=form, errors=errors)


def _allowed(request: HttpRequest) -> None:
    if not policy.can_view_indicators(request.user):
        raise PermissionDenied(
            _("Rapporten till nämnden är till för chefer, analytiker och nämnden.")
        )


# --- what the report shows -----------------------------------------------------------------------


class Notes:
    """The explanations of "–" in the report, numbered in order of first use."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def ref(self, text: str) -> int | None:
        if not text:
            return None
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1


def _figure(value: IndicatorValue | None, notes: Notes) -> dict:
    if value is None:
        return {"text": MASK_SYMBOL, "basis": "", "note": notes.ref(show.NO_DATA)}
    reason = show.reason_text(value)
    if value.note and not value.masked and value.value is None:
        reason = value.note  # why there is no figure, e.g. the population is missing
    return {
        "text": show.value_text(value),
        "basis": show.basis_text(value),
        "note": notes.ref(reason),
    }


def _number(number: int | None, masked: bool, reason: str, notes: Notes) -> dict:
    if number is None:
        return {"text": MASK_SYMBOL, "note": notes.ref(reason if masked else show.NO_DATA)}
    return {"text": show.number_sv(number), "note": None}


def _days_text(candidate: committee.ExtensionCandidate) -> str:
    if candidate.days_left < 0:
        days = candidate.days_over
        return ngettext("%(n)d dag över tiden", "%(n)d dagar över tiden", days) % {"n": days}
    if candidate.days_left == 0:
        return _("Sista dag i dag")
    days = candidate.days_left
    return ngettext("%(n)d dag kvar", "%(n)d dagar kvar", days) % {"n": days}


def report_context(report: committee.CommitteeReport) -> dict:
    """Return the template context of the report body (the page and the PDF share it)."""
    notes = Notes()
    headlines = [
        {
            "headline": h,
            "direction": show.DIRECTION_SV[h.direction],
            "current": _figure(h.current, notes),
            "year_before": _figure(h.year_before, notes),
        }
        for h in report.headlines
    ]
    obligations = report.obligations
    rows = [*obligations.rows, *([obligations.total] if obligations.total else [])]
    obligation_rows = [
        {
            "row": row,
            "total": row is obligations.total,
            "fell_due": _number(row.fell_due, row.masked, row.mask_reason, notes),
            "kept": _number(row.kept, row.masked, row.mask_reason, notes),
            "missed": _number(row.missed, row.masked, row.mask_reason, notes),
            "share": show.percent_sv(row.share) if row.share is not None else MASK_SYMBOL,
        }
        for row in rows
    ]
    candidates = [
        {"c": c, "days": _days_text(c), "status": "overdue" if c.overdue else "due_soon"}
        for c in report.candidates
    ]
    return {
        "report": report,
        "headlines": headlines,
        "action_plans": [action_plan_rows(plan) for plan in report.action_plans],
        "obligation_rows": obligation_rows,
        "candidates": candidates,
        "closed_late": {
            "current": _figure(report.closed_late.current, notes),
            "year_before": _figure(report.closed_late.year_before, notes),
        },
        "notes": notes.texts,
        "generated_at": clock.now(),
    }


def action_plan_rows(found: PlanFollowUp) -> dict:
    """Return one plan's part of the report: per goal indicator the quarter's figure against
    the target then in force, and the goal's measures counted by status (overdue apart)."""
    rows = []
    for goal in found.goals:
        counts = goal.status_counts
        measures = ", ".join(
            f"{label.lower()} {counts[code]}"
            for code, label in MeasureStatus.choices
            if counts[code]
        )
        for row in goal.indicators or ():
            point = row.points[0] if row.points else None
            met = None
            if point is not None and point.number is not None:
                met = meets(row.indicator, point.number, point.target.target)
            rows.append(
                {
                    "goal": goal.goal.title,
                    "indicator": row.indicator.name,
                    "value": target_text(row.indicator, point.number if point else None),
                    "target": target_text(
                        row.indicator, point.target.target if point else row.current.target
                    ),
                    "target_on": (point.target if point else row.current).target_on,
                    "met": "" if met is None else reached_text(met),
                    "measures": measures or _("inga"),
                    "overdue": goal.overdue_count,
                }
            )
    return {"plan": found.plan, "rows": rows, "overdue": found.overdue_count}


def _page_context(choice: Choice) -> dict:
    return {"choice": choice, "quarters": QUARTERS}


def _report(request: HttpRequest, choice: Choice, action: str) -> committee.CommitteeReport:
    try:
        return committee.committee_report(
            acting_user=request.user, year=choice.year, quarter=choice.quarter, action=action
        )
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc


@login_required
def committee_report(request: HttpRequest) -> HttpResponse:
    """Show the report of the chosen quarter (print it from the browser), or export it as PDF."""
    _allowed(request)
    if request.GET.get("format") == "pdf":
        return committee_report_pdf(request)
    choice = read_choice(request.GET)
    context = _page_context(choice)
    if choice.errors:
        return render(request, "web/committee/report.html", context, status=400)
    report = _report(request, choice, committee.READ)
    context.update(report_context(report))
    context["pdf_query"] = f"year={report.period.year}&quarter={report.period.number}"
    return render(request, "web/committee/report.html", context)


@login_required
def committee_report_pdf(request: HttpRequest) -> HttpResponse:
    """Return the report of the chosen quarter as a PDF file (an audited export)."""
    _allowed(request)
    choice = read_choice(request.GET)
    if choice.errors:
        context = _page_context(choice)
        return render(request, "web/committee/report.html", context, status=400)
    from weasyprint import HTML  # imported here: it loads Pango, which pages do not need

    report = _report(request, choice, committee.EXPORT)
    html = render_to_string(
        "web/committee/report_pdf.html", report_context(report), request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="rapport-till-namnden-{report.period.code}.pdf"'
    )
    return response


urlpatterns = [
    path("uppfoljning/namndrapport/", committee_report, name="committee_report"),
    path("uppfoljning/namndrapport.pdf", committee_report_pdf, name="committee_report_pdf"),
]
