"""The organiser's exports of an edition's results, and a municipality's own pre-filled answers.

``/enkater/<id>/resultat.xlsx``: the results as an Excel workbook (one row per option, the
percent as the publication prints it beside the share as a number; the free texts on their own
sheet); ``/enkater/<id>/rapport.pdf``: a printable report like the published one (per question
*Procent*, *Antal*, *Svarande*). Both organiser-only and audited as exports. And
``/uppfoljning/barnbarometer/svar.json``: the caller's municipality's Barnbarometer answers
pre-filled from its own data, as the body ``POST /api/v1/surveys/{id}/responses`` takes — for a
municipality whose survey runs on another installation (the indicator roles, as the
Barnbarometer page).
"""

from __future__ import annotations

import io
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import path

from skyddsnat import clock
from skyddsnat.errors import Forbidden, InvalidInput, NotFound
from skyddsnat.surveys import prefill
from skyddsnat.surveys import results as survey_results
from skyddsnat.surveys.models import Edition
from skyddsnat.web.views.surveys_organiser import _cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _exported(
    request: HttpRequest, survey_id: int, what: str
) -> tuple[Edition, list[survey_results.QuestionResult]]:
    try:
        return survey_results.results_for(
            acting_user=request.user, edition_id=survey_id, export=True, detail=what
        )
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from refused
    except NotFound as missing:
        raise Http404(missing.message) from missing


@login_required
def results_xlsx(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Return the results as an Excel workbook; formulas are defused."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    edition, results = _exported(request, survey_id, "resultat, format=xlsx")
    book = Workbook()
    sheet = book.active
    sheet.title = "Resultat"
    sheet.append(["Fråga", "Frågetext", "Svarsalternativ", "Procent", "Andel", "Antal", "Svarande"])
    for r in results:
        for row in r.rows:
            share = row.count / r.svarande if r.svarande else None
            sheet.append(
                [
                    r.number,
                    _cell(r.text),
                    _cell(row.option),
                    row.percent,
                    share,
                    row.count,
                    r.svarande,
                ]
            )
            sheet.cell(sheet.max_row, 5).number_format = "0.0%"
        if not r.rows:
            sheet.append([r.number, _cell(r.text), "", "", None, None, r.svarande])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 40
    texts = book.create_sheet("Fritext")
    texts.append(["Fråga", "Frågetext", "Svar"])
    for r in results:
        for text in r.texts:
            texts.append([r.number, _cell(r.text), _cell(text)])
    for cell in texts[1]:
        cell.font = Font(bold=True)
    about = book.create_sheet("Om underlaget")
    about.append(("Enkät", _cell(edition.title)))
    about.append(("År", edition.year))
    about.append(("Uttaget", clock.today()))
    about.append(
        (
            "Procent",
            "Av dem som besvarat frågan, som publikationen skriver dem. Flera svar "
            "möjliga: kan summera till mer än 100.",
        )
    )
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="enkat-{edition.pk}-resultat.xlsx"'
    return response


@login_required
def report_pdf(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Return a printable report of the results, per question as the publication prints it."""
    from weasyprint import HTML  # imported here: it loads Pango, which pages do not need

    edition, results = _exported(request, survey_id, "rapport, format=pdf")
    context = {
        "edition": edition,
        "results": results,
        "rate": survey_results.response_rate(edition),
        "generated_at": clock.now(),
    }
    html = render_to_string("web/surveys/report_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="enkat-{edition.pk}-rapport.pdf"'
    return response


@login_required
def prefilled_json(request: HttpRequest) -> HttpResponse:
    """Return the municipality's Barnbarometer answers from its own data, as the body of
    ``POST /api/v1/surveys/{id}/responses`` (``?year=``, default last year)."""
    try:
        document = prefill.response_document(
            acting_user=request.user, year_text=request.GET.get("year", "")
        )
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from refused
    except InvalidInput as bad:
        return HttpResponse(
            json.dumps({"detail": bad.message, "errors": bad.errors}, ensure_ascii=False),
            status=400,
            content_type="application/json; charset=utf-8",
        )
    body = json.dumps(document, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"barnbarometern-{document['respondent']}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("enkater/<int:survey_id>/resultat.xlsx", results_xlsx, name="survey_results_xlsx"),
    path("enkater/<int:survey_id>/rapport.pdf", report_pdf, name="survey_report_pdf"),
    path("uppfoljning/barnbarometer/svar.json", prefilled_json, name="barnbarometer_json"),
]
