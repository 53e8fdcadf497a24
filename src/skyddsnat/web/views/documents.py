"""Utredningsdokument: the investigation as a document with BBIC's headings, for print and PDF.

Nothing is written twice: the document is generated from what was registered (the report, the
assessments, the plan, the triangle, the conversations …). A protected child's address and
contact details, and its guardians', never appear in it. Reading it is a read of the case
(``case_for`` audits it); the PDF is an export and gets its own audit row.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.audit import services as audit
from skyddsnat.cases.models import Case
from skyddsnat.interventions.models import Decision
from skyddsnat.investigations import bbic
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import Investigation
from skyddsnat.people.models import GUARDIAN_KINDS, GuardianRelation
from skyddsnat.web.access import case_for
from skyddsnat.web.casework_forms.investigation import source_labels
from skyddsnat.web.casework_forms.investigation_page import investigation_of


def _investigation(case: Case) -> Investigation:
    investigation = investigation_of(case, "investigators")
    if investigation is None:
        raise Http404
    return investigation


def _triangle(investigation: Investigation) -> list[dict[str, Any]]:
    rows = {row.area: row for row in investigation.triangle.all()}
    sides = []
    for side in bbic.TRIANGLES[investigation.bbic_version]:
        areas = []
        for code, name in side.areas:
            row = rows.get(f"{side.code}.{code}")
            areas.append(
                {"name": name, "row": row, "sources": source_labels(row.sources) if row else []}
            )
        sides.append({"code": side.code, "name": side.name, "areas": areas})
    return sides


def _guardians(case: Case) -> list[dict[str, Any]]:
    """Return the child's guardians; contact details only when nobody's identity is protected."""
    relations = GuardianRelation.objects.select_related("guardian").filter(
        child_id=case.child_id, kind__in=GUARDIAN_KINDS, ended_on__isnull=True
    )
    return [
        {
            "name": str(r.guardian),
            "relation": r.get_kind_display(),
            "has_custody": r.has_custody,
            "show_contact": policy.contact_in_documents(case.child, r.guardian),
            "address": r.guardian.address,
            "phone": r.guardian.phone,
        }
        for r in relations
    ]


def document_context(case: Case) -> dict[str, Any]:
    """Return everything the investigation document shows, from what was registered."""
    investigation = _investigation(case)
    case = (
        Case.objects.select_related(
            "child", "unit", "municipality", "report", "responsible", "protective_assessment"
        )
        .select_related("preliminary_assessment__decided_by")
        .prefetch_related(
            "report__reasons",
            Prefetch("decisions", queryset=Decision.objects.select_related("decision_maker")),
        )
        .get(pk=case.pk)
    )
    child = case.child
    return {
        "case": case,
        "child": child,
        "show_child_contact": policy.contact_in_documents(child),
        "guardians": _guardians(case),
        "report": case.report,
        "reasons": [r.get_reason_display() for r in case.report.reasons.all()],
        "protective": getattr(case, "protective_assessment", None),
        "preliminary": getattr(case, "preliminary_assessment", None),
        "investigation": investigation,
        "due_date": investigations.current_due_date(
            investigation, investigation.closed_on or clock.today()
        ),
        "sides": _triangle(investigation),
        "delay_reasons": [d.get_reason_display() for d in investigation.delay_reasons.all()],
        "decisions": list(case.decisions.all()),
        "generated_at": clock.now(),
    }


@login_required
def investigation_document(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show the investigation document (print it from the browser), or export it as PDF."""
    if request.GET.get("format") == "pdf":
        return investigation_pdf(request, case_id)
    case = case_for(request, case_id)
    return render(request, "web/documents/investigation.html", document_context(case))


@login_required
def investigation_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    """Return the investigation document as a PDF file (an audited export)."""
    from weasyprint import HTML  # imported here: it loads Pango, which pages do not need

    case = case_for(request, case_id)
    context = document_context(case)
    html = render_to_string("web/documents/investigation_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    audit.record(actor=request.user, action="export", obj=case, case_id=case.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="utredning-{case.pk}.pdf"'
    return response


urlpatterns = [
    path(
        "arenden/<int:case_id>/utredning/dokument/",
        investigation_document,
        name="investigation_document",
    ),
    path(
        "arenden/<int:case_id>/utredning/dokument.pdf",
        investigation_pdf,
        name="investigation_document_pdf",
    ),
]
