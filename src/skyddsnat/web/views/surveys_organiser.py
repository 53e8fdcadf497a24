"""The organiser's survey pages: the editions, and an edition's live response rate and results.

``/enkater/``: the editions the organiser runs; ``/enkater/<id>/``: the response rate (live)
and, per question, *Procent*, *Antal* and *Svarande* as the publication prints them;
``/enkater/<id>/resultat.csv``: the same for Excel; ``/enkater/<id>/grupper/``: the results per
respondent group (small groups masked); ``/enkater/<id>/jamforelse/``: each question then and
now against an earlier edition (``?med=<id>`` picks it). Who may:
``accounts.policy.can_run_surveys``; another organiser's edition is not found.
"""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from skyddsnat.errors import Forbidden, InvalidInput, NotFound
from skyddsnat.surveys import breakdown as survey_breakdown
from skyddsnat.surveys import comparison as survey_comparison
from skyddsnat.surveys import results as survey_results
from skyddsnat.surveys import services as surveys


@login_required
def editions(
    request: HttpRequest, new_form: forms.Form | None = None, status: int = 200
) -> HttpResponse:
    """Render the organiser's editions with their response rates, and the form to start one."""
    from skyddsnat.web.views.surveys_sending import NewSurveyForm

    try:
        found = surveys.organised_editions(acting_user=request.user)
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from refused
    rows = [(e, survey_results.response_rate(e)) for e in found]
    form = new_form or NewSurveyForm(prefix="ny")
    return render(request, "web/surveys/editions.html", {"rows": rows, "form": form}, status=status)


@login_required
def edition(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Render the edition's response rate and its results per question."""
    try:
        found, results = survey_results.results_for(acting_user=request.user, edition_id=survey_id)
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from refused
    except NotFound as missing:
        raise Http404(missing.message) from missing
    context = {
        "edition": found,
        "rate": survey_results.response_rate(found),
        "results": [(r, _chart(r)) for r in results],
    }
    return render(request, "web/surveys/results.html", context)


#: The height of one option's bar and label in the results chart (SVG units).
BAR_STEP = 34


def _chart(result: survey_results.QuestionResult) -> dict[str, object]:
    """Return a question's bar chart: per option its label, bar width (percent of those who
    answered) and vertical position; the table beside it carries the same figures."""
    bars = []
    for i, row in enumerate(result.rows):
        width = round(100 * row.count / result.svarande, 1) if result.svarande else 0
        # The figure sits after the bar, or inside the chart when the bar is long.
        bars.append(
            {
                "label": row.option,
                "percent": row.percent,
                "width": width,
                "text_x": min(width + 1, 86),
                "y": i * BAR_STEP,
            }
        )
    return {"bars": bars, "height": max(len(bars), 1) * BAR_STEP}


#: A cell starting with one of these would be a formula in Excel: it is written with a quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@login_required
def results_csv(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Return the results as CSV for Excel: one row per option (question, option, Procent,
    Antal, Svarande), then the free texts; semicolons, UTF-8 with BOM. The export is audited."""
    try:
        found, results = survey_results.results_for(
            acting_user=request.user, edition_id=survey_id, export=True
        )
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from refused
    except NotFound as missing:
        raise Http404(missing.message) from missing
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Fråga", "Frågetext", "Svarsalternativ", "Procent", "Antal", "Svarande"])
    for r in results:
        for row in r.rows:
            writer.writerow(
                [r.number, _cell(r.text), _cell(row.option), row.percent, row.count, r.svarande]
            )
        for text in r.texts:
            writer.writerow([r.number, _cell(r.text), _cell(text), "", "", r.svarande])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="enkat-{found.pk}-resultat.csv"'
    return response


@login_required
def groups(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Render each choice question's results per respondent group, small groups masked."""
    try:
        found, names, questions = survey_breakdown.breakdown_for(
            acting_user=request.user, edition_id=survey_id
        )
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from refused
    except NotFound as missing:
        raise Http404(missing.message) from missing
    context = {"edition": found, "groups": names, "questions": questions}
    return render(request, "web/surveys/groups.html", context)


@login_required
def comparison(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Render each question then and now against an earlier edition (``?med=<id>``)."""
    wanted = request.GET.get("med", "")
    error = ""
    earlier_id = int(wanted) if wanted.isdigit() else None
    if wanted and earlier_id is None:
        error = _("Välj en tidigare omgång i listan.")
    try:
        try:
            found, earlier, changes = survey_comparison.comparison_for(
                acting_user=request.user, edition_id=survey_id, earlier_id=earlier_id
            )
        except InvalidInput as bad:
            error = bad.message
            found, earlier, changes = survey_comparison.comparison_for(
                acting_user=request.user, edition_id=survey_id
            )
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from refused
    except NotFound as missing:
        raise Http404(missing.message) from missing
    context = {
        "edition": found,
        "earlier": earlier,
        "choices": survey_comparison.earlier_editions(found),
        "changes": changes,
        "error": error,
    }
    return render(request, "web/surveys/comparison.html", context, status=400 if error else 200)


urlpatterns = [
    path("enkater/", editions, name="surveys"),
    path("enkater/<int:survey_id>/", edition, name="survey_results"),
    path("enkater/<int:survey_id>/resultat.csv", results_csv, name="survey_results_csv"),
    path("enkater/<int:survey_id>/grupper/", groups, name="survey_groups"),
    path("enkater/<int:survey_id>/jamforelse/", comparison, name="survey_comparison"),
]
