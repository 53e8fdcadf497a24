"""Vårdplan och genomförandeplan: write, save (and autosave), sign and revise a placement's
plans; their history; the plan as a document for print and PDF.

One page per plan of a placement (``…/insatser/<id>/planer/vardplan/``). It shows the plan in force
(its last signed version), the form of the next version (the unsigned draft, or a revision that
starts from the plan in force) and the history of signed versions (``?version=n`` shows one).
The posts call ``plans.services``; a refused post is the 403/404 page (``case_for(acting=…)``).
Reading the page is a read of the case (audited by ``case_for``); the PDF is an audited export.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.audit import services as audit
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import Case
from skyddsnat.errors import ServiceError
from skyddsnat.interventions.models import Intervention
from skyddsnat.investigations import bbic
from skyddsnat.journal import drafts
from skyddsnat.plans import services as plans
from skyddsnat.plans.choices import KINDS_BY_SLUG, SLUGS, PlanKind
from skyddsnat.plans.models import Plan
from skyddsnat.web import form_drafts
from skyddsnat.web.access import add_service_errors, case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.forms.plans import PlanForm, initial_from

#: The obligations a plan's page shows, for its placement.
DUES = ("care_plan", "implementation_plan", "care_plan_revision", "implementation_plan_review")


def _placement(case: Case, intervention_id: int) -> Intervention:
    intervention = (
        Intervention.objects.filter(pk=intervention_id, case_id=case.pk)
        .select_related("decision")
        .first()
    )
    if intervention is None or not intervention.is_placement:
        raise Http404
    return intervention


def _kind(slug: str) -> PlanKind:
    if slug not in KINDS_BY_SLUG:
        raise Http404
    return PlanKind(KINDS_BY_SLUG[slug])


def _goals(plan: Plan) -> list[dict[str, Any]]:
    """Return the plan's goals by the triangle's sides (only the areas with a goal)."""
    sides = []
    for side in bbic.TRIANGLES[plan.bbic_version]:
        areas = [
            {"name": name, "text": plan.goals[f"{side.code}.{code}"]}
            for code, name in side.areas
            if plan.goals.get(f"{side.code}.{code}")
        ]
        if areas:
            sides.append({"name": side.name, "areas": areas})
    return sides


def _context(
    request: HttpRequest,
    case: Case,
    intervention: Intervention,
    kind: PlanKind,
    *,
    form: PlanForm | None = None,
    version: int | None = None,
) -> dict[str, Any]:
    slug = SLUGS[kind]
    versions = list(
        Plan.objects.filter(intervention=intervention, kind=kind)
        .select_related("signed_by", "written_by")
        .order_by("number")
    )
    signed = [p for p in versions if p.is_signed]
    draft = next((p for p in versions if not p.is_signed), None)
    shown = signed[-1] if signed else None
    if version is not None:
        shown = next((p for p in signed if p.number == version), None)
        if shown is None:
            raise Http404
    can_write = (
        policy.can_write_case(request.user, case)
        and intervention.ended_on is None
        and version is None
    )
    draft_key = drafts.plan_key(slug, intervention.pk)
    if form is None and can_write:
        initial = initial_from(draft or (signed[-1] if signed else None))
        autosaved = drafts.form_draft(request.user, case, draft_key)
        form = PlanForm(initial=form_drafts.restore(initial, autosaved), kind=kind, prefix="plan")
        form_drafts.wire(form, case.pk, draft_key, autosaved)
    elif form is not None:
        form_drafts.wire(form, case.pk, draft_key, None)
    obligations = [
        o
        for o in case_obligations(case, clock.today())
        if o.subject_id == str(intervention.pk) and (o.kind in DUES or o.kind == "placement_review")
    ]
    next_review = next(
        (o for o in obligations if o.kind == "placement_review" and not o.is_met), None
    )
    return {
        **case_header(case, "interventions"),
        "intervention": intervention,
        "kind": kind,
        "slug": slug,
        "other_slug": SLUGS[
            PlanKind.IMPLEMENTATION_PLAN if kind == PlanKind.CARE_PLAN else PlanKind.CARE_PLAN
        ],
        "plan": shown,
        "goals": _goals(shown) if shown else [],
        "draft": draft,
        "history": list(reversed(signed)),
        "form": form,
        "can_write": can_write,
        "plan_obligations": [o for o in obligations if o.kind in DUES],
        "next_review": next_review,
        "viewing_old": version is not None and shown is not (signed[-1] if signed else None),
    }


@login_required
def plan_page(request: HttpRequest, case_id: int, intervention_id: int, kind: str) -> HttpResponse:
    """Show the plan in force, its draft or revision form, and its history."""
    plan_kind = _kind(kind)
    case = case_for(request, case_id)
    intervention = _placement(case, intervention_id)
    version = request.GET.get("version")
    number = int(version) if version and version.isdigit() else None
    return render(
        request,
        "web/plans/page.html",
        _context(request, case, intervention, plan_kind, version=number),
    )


@login_required
@require_POST
def plan_save(request: HttpRequest, case_id: int, intervention_id: int, kind: str) -> HttpResponse:
    """Save the draft of the plan's next version (the autosaved texts are discarded with it)."""
    plan_kind = _kind(kind)
    case = case_for(request, case_id, acting=[plans.save_plan])
    intervention = _placement(case, intervention_id)
    form = PlanForm(request.POST, kind=plan_kind, prefix="plan")
    if form.is_valid():
        try:
            plans.save_plan(
                acting_user=request.user,
                intervention_id=intervention.pk,
                kind=plan_kind,
                data=form.record(),
                expected_version=form.cleaned_data.get("version"),
            )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            drafts.discard_form_draft(
                acting_user=request.user,
                case=case,
                form_key=drafts.plan_key(SLUGS[plan_kind], intervention.pk),
            )
            messages.success(
                request, _("Utkastet till planen är sparat. Signera när det är klart.")
            )
            return redirect(_url(case, intervention, plan_kind) + "#signera")
    context = _context(request, case, intervention, plan_kind, form=form)
    return render(request, "web/plans/page.html", context, status=422)


@login_required
@require_POST
def plan_sign(request: HttpRequest, case_id: int, intervention_id: int, kind: str) -> HttpResponse:
    """Sign the plan's draft: it becomes the plan in force, append-only."""
    plan_kind = _kind(kind)
    case = case_for(request, case_id, acting=[plans.sign_plan])
    intervention = _placement(case, intervention_id)
    version = request.POST.get("version", "")
    try:
        plans.sign_plan(
            acting_user=request.user,
            intervention_id=intervention.pk,
            kind=plan_kind,
            expected_version=int(version) if version.isdigit() else None,
        )
    except ServiceError as exc:
        context = _context(request, case, intervention, plan_kind)
        context["sign_errors"] = [m for ms in exc.errors.values() for m in ms] or [exc.message]
        return render(request, "web/plans/page.html", context, status=exc.status)
    messages.success(request, _("Planen är signerad."))
    return redirect(_url(case, intervention, plan_kind))


def document_context(case: Case, intervention: Intervention, plan: Plan) -> dict[str, Any]:
    """Return what the plan's document shows: the child, the placement and the signed version."""
    case = Case.objects.select_related("child", "unit", "municipality", "responsible").get(
        pk=case.pk
    )
    return {
        "case": case,
        "child": case.child,
        "intervention": intervention,
        "plan": plan,
        "goals": _goals(plan),
        "generated_at": clock.now(),
    }


@login_required
def plan_pdf(request: HttpRequest, case_id: int, intervention_id: int, kind: str) -> HttpResponse:
    """Return a signed version of the plan (the one in force, or ``?version=n``) as a PDF."""
    from weasyprint import HTML  # imported here: it loads Pango, which pages do not need

    plan_kind = _kind(kind)
    case = case_for(request, case_id)
    intervention = _placement(case, intervention_id)
    signed = Plan.objects.filter(
        intervention=intervention, kind=plan_kind, signed_at__isnull=False
    ).select_related("signed_by")
    version = request.GET.get("version", "")
    plan = (
        signed.filter(number=int(version)).first()
        if version.isdigit()
        else signed.order_by("-number").first()
    )
    if plan is None:
        raise Http404
    context = document_context(case, intervention, plan)
    html = render_to_string("web/plans/plan_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    audit.record(actor=request.user, action="export", obj=plan, case_id=case.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{SLUGS[plan_kind]}-{case.pk}-v{plan.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _url(case: Case, intervention: Intervention, kind: PlanKind) -> str:
    return reverse("web:plan", args=[case.pk, intervention.pk, SLUGS[kind]])


BASE = "arenden/<int:case_id>/insatser/<int:intervention_id>/planer/<str:kind>/"

urlpatterns = [
    path(BASE, plan_page, name="plan"),
    path(BASE + "spara/", plan_save, name="plan_save"),
    path(BASE + "signera/", plan_sign, name="plan_sign"),
    path(BASE + "dokument.pdf", plan_pdf, name="plan_pdf"),
]
