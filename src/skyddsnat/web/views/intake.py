"""Mottagning (intake): register a report about one or more children, then assess each child.

The form is one page; "Lägg till barn" re-renders it with one more row (htmx swaps only the
children, without JS the whole page comes back with what was typed). On save the result page
shows each child's concern chronology with its flags, and the assessment forms of each case.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.audit import services as audit
from skyddsnat.cases.chronology import chronology, flags
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, NotFound, ServiceError
from skyddsnat.intake import choices as c
from skyddsnat.intake.models import Report
from skyddsnat.intake.services import register_report
from skyddsnat.journal import drafts
from skyddsnat.people.identity import parse_identity_number
from skyddsnat.people.models import Child
from skyddsnat.people.register import population_register
from skyddsnat.web import form_drafts
from skyddsnat.web.access import admit, case_for, report_for
from skyddsnat.web.forms import intake as f
from skyddsnat.web.forms.assessments import (
    CaseActionForm,
    FeedbackRequestForm,
    action_forms,
    post_action,
    posted_services,
)
from skyddsnat.web.forms.base import ErrorLink, error_links
from skyddsnat.web.forms.siblings import JOINT_FORMS, JointForm, joint_form_class, joint_forms
from skyddsnat.web.posting import Reply, no_longer_possible, post

DRAFT_STATUS = "web/drafts/_status.html"


def _require_intake(request: HttpRequest) -> None:
    if not policy.can_register_report(request.user):
        raise PermissionDenied(_("Du har inte behörighet att registrera anmälningar."))


def known_child(request: HttpRequest, number: str) -> dict:
    """Return what the intake worker should see about the child with ``number`` (may be empty).

    The child's record is shown only to a user who may read one of the child's cases, the rule
    of search (``policy.cases_visible_to``); to anyone else a child the municipality knows
    looks exactly like one it does not (no name, no protected identity, no number of reports).
    What the population register says is shown alike in both cases: it is not Skyddsnät's.
    """
    if sum(ch.isdigit() for ch in number) < 10:
        return {}
    try:
        parsed = parse_identity_number(number)
    except ValidationError as exc:
        return {"error": exc.messages[0]}
    child = Child.objects.filter(
        municipality_id=request.user.municipality_id, personal_identity_number=parsed.digits
    ).first()
    registered = _from_register(request, parsed.digits)
    visible = (
        policy.cases_visible_to(request.user).filter(child=child)
        if child is not None
        else Case.objects.none()
    )
    reports = visible.count()
    if child is None or reports == 0:
        return {"new": True, "birth_date": parsed.birth_date, **registered}
    audit.record(actor=request.user, action="read", obj=child)
    return {"child": child, "reports": reports, "siblings": registered.get("siblings", [])}


def _from_register(request: HttpRequest, digits: str) -> dict:
    """Return what the population register says about the child with ``digits``: the person
    and the siblings to offer for the report (the lookup audited, without the number)."""
    answer = population_register().lookup(digits)
    if answer is None:
        return {}
    audit.record(
        actor=request.user,
        action="read",
        object_type="people.register",
        detail=f"folkbokföring;siblings={len(answer.siblings)}",
    )
    siblings = [
        {
            "person": s,
            "number": f"{s.personal_identity_number[:8]}-{s.personal_identity_number[8:]}",
        }
        for s in answer.siblings
    ]
    return {"registered": answer.person, "siblings": siblings}


def _lookup(request: HttpRequest, child: f.ChildForm) -> dict:
    number = child["personal_identity_number"]
    if number.errors:  # the field shows the message already
        return {}
    return known_child(request, str(number.value() or ""))


def _render_form(
    request: HttpRequest,
    form: f.ReportForm,
    formset: f.BaseChildFormSet,
    *,
    children_errors: tuple[str, ...] | list[str] = (),
    focus_new_row: bool = False,
    status: int = 200,
) -> HttpResponse:
    if focus_new_row:
        formset.forms[-1].fields["personal_identity_number"].widget.attrs["autofocus"] = True
    draft = None if form.is_bound else drafts.caseless_draft(request.user, form.draft)
    form_drafts.wire_caseless(form, form.draft, draft)
    rows = [(child, _lookup(request, child)) for child in formset.forms]
    bound_children = [c for c in formset.forms if c.is_bound]
    if formset.is_bound:  # e.g. more children than a report may name
        children_errors = [*children_errors, *formset.non_form_errors()]
    context = {
        "form": form,
        "formset": formset,
        "rows": rows,
        "children_errors": children_errors,
        "error_links": [
            *(ErrorLink("#children-errors", _("Barn"), message) for message in children_errors),
            *(error_links(*bound_children, form) if form.is_bound else []),
        ],
    }
    if request.htmx and (request.POST.get("add_child") or request.POST.get("add_sibling")):
        return render(request, "web/intake/_children.html", context)
    return render(request, "web/intake/form.html", context, status=status)


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    """Show the empty intake form, add a child row, or register the report."""
    _require_intake(request)
    if request.method != "POST":
        # The author's draft of the report's texts, restored (decision 0036).
        draft = drafts.caseless_draft(request.user, f.ReportForm.draft)
        form = f.ReportForm()
        form.initial = form_drafts.restore(form.initial, draft)
        return _render_form(request, form, f.children_formset(), focus_new_row=True)
    if request.POST.get("add_child") or request.POST.get("add_sibling"):
        form, formset = f.with_one_more_child(
            request.POST, number=request.POST.get("add_sibling", "")
        )
        return _render_form(request, form, formset, focus_new_row=True)
    form, formset = f.ReportForm(request.POST), f.children_formset(request.POST)
    if not (form.is_valid() and formset.is_valid()):
        return _render_form(request, form, formset, status=422)
    children = formset.filled_forms()
    try:
        with transaction.atomic():  # the draft goes with the registration, both or neither
            report = register_report(acting_user=request.user, data=f.report_input(form, children))
            drafts.discard_caseless_draft(acting_user=request.user, form_key=form.draft)
    except ServiceError as exc:
        about_children = f.place_report_errors(exc, form, children)
        return _render_form(
            request, form, formset, children_errors=about_children, status=exc.status
        )
    count = len(report.registered_cases)
    messages.success(
        request,
        ngettext(
            "Anmälan är registrerad. Ett ärende har öppnats.",
            "Anmälan är registrerad. %(count)d ärenden har öppnats.",
            count,
        )
        % {"count": count},
    )
    return redirect("web:intake_result", report_id=report.pk)


@require_POST
def intake_draft(request: HttpRequest) -> HttpResponse:
    """Save the author's draft of the new report's texts; answer "Utkast sparat kl. …".

    The report has no case yet: the draft is the author's alone (decision 0036). A logged-out
    user gets a status line, not the login page, so the text stays in the form.
    """
    if not request.user.is_authenticated:
        error = _("Inte sparat: du är utloggad. Logga in i en ny flik; texten finns kvar här.")
        return render(request, DRAFT_STATUS, {"error": error})
    _require_intake(request)
    try:
        draft = drafts.save_caseless_draft(
            acting_user=request.user, form_key=f.ReportForm.draft, data=request.POST
        )
    except ServiceError as exc:
        return render(request, DRAFT_STATUS, {"error": exc.message})
    return render(request, DRAFT_STATUS, {"draft": draft, "removed": draft is None})


@login_required
@require_POST
def intake_draft_discard(request: HttpRequest) -> HttpResponse:
    """Throw away the author's draft of the new report: the form starts empty."""
    _require_intake(request)
    drafts.discard_caseless_draft(
        acting_user=request.user, form_key=f.ReportForm.draft, by_hand=True
    )
    messages.success(request, _("Utkastet är borttaget."))
    return redirect("web:intake")


@login_required
@require_POST
def child_lookup(request: HttpRequest) -> HttpResponse:
    """Return what is known about the child whose number is being typed (htmx fragment).

    Posted, never asked with the number in the address (docs/security.md, "No personal data in
    logs")."""
    _require_intake(request)
    number = next(
        (v for k, v in request.POST.items() if k.endswith("personal_identity_number")), ""
    )
    return render(
        request, "web/intake/_child_lookup.html", {"lookup": known_child(request, number)}
    )


@login_required
@require_GET
def mandatory_preset(request: HttpRequest) -> HttpResponse:
    """Return the "mandatory reporter" checkbox preset for the chosen category (htmx fragment)."""
    _require_intake(request)
    category = request.GET.get("reporter_category", "")
    form = f.ReportForm(
        initial={
            "reporter_mandatory": f.mandatory_for(category, f.day_or_none(request.GET)),
            "mandatory_preset_for": category,
            "reporter_feedback_requested": bool(request.GET.get("reporter_feedback_requested")),
        }
    )
    return HttpResponse(form["reporter_mandatory"].as_field_group())


def _readable_cases(request: HttpRequest, report: Report) -> list[Case]:
    cases = []
    for case in report.cases.select_related("child").order_by("pk"):
        try:
            cases.append(case_for(request, case.pk, read=policy.can_read_intake_record))
        except (Http404, PermissionDenied):
            continue
    return cases


@login_required
def intake_result(request: HttpRequest, report_id: int) -> HttpResponse:
    """Show each child's chronology and the assessments of each case; save one of them."""
    report = report_for(request, report_id)
    if request.method != "POST":
        return _render_result(request, report)
    case = case_for(request, _case_id(request, report), acting=posted_services(request.POST))
    url = reverse("web:intake_result", args=[report.pk])
    return post_action(
        request,
        case,
        redirect_url=f"{url}#case-{case.pk}",
        page=lambda reply: _render_result(request, report, reply),
    )


def _render_result(
    request: HttpRequest, report: Report, reply: Reply | None = None
) -> HttpResponse:
    reply = reply or Reply()
    bound = reply.form
    cases = _readable_cases(request, report)
    if not cases:
        raise Http404
    joint = joint_forms(
        report, cases, request.user, bound if isinstance(bound, JointForm) else None
    )
    # A child decided in a joint form is not offered the same decision alone beside it.
    together = {(j.single, c.pk) for j in joint for c in j.cases}
    # The reporter's request for feedback is the report's: offered once, with the first child.
    request_offered = False
    today = clock.today()
    children = []
    for case in cases:
        entries = chronology(case.child)
        reasons = dict(c.Reason.choices)
        own = bound if isinstance(bound, CaseActionForm) and bound.case.pk == case.pk else None
        forms = (
            action_forms(case, own, request.user)
            if policy.can_write_case(request.user, case)
            else []
        )
        shown = []
        for form in forms:
            if (type(form), case.pk) in together:
                continue
            if isinstance(form, FeedbackRequestForm):
                if request_offered:
                    continue
                request_offered = True
            shown.append(form)
        children.append(
            {
                "case": case,
                "opens": policy.can_read_case(request.user, case),
                "entries": [(e, [reasons.get(r, r) for r in e.reasons]) for e in entries],
                "flags": flags(entries, today),
                "forms": shown,
            }
        )
    if isinstance(bound, JointForm):
        links = bound.summary()
    else:
        links = error_links(bound) if bound is not None else []
    context = {
        "report": report,
        "children": children,
        "joint_forms": joint,
        "error_links": links,
        "conflict": reply.conflict,
    }
    return render(request, "web/intake/result.html", context, status=reply.status)


def _posted_cases(request: HttpRequest, report: Report, services: list) -> list[Case]:
    """Return the cases a joint form names (``case``, one per child), each one the user may act
    on; every child's case is asked before any is read, so that a refusal leaves no trace."""
    try:
        ids = [int(v) for v in request.POST.getlist("case")]
    except ValueError:
        raise Http404 from None
    known = set(report.cases.values_list("pk", flat=True))
    if not ids or len(set(ids)) != len(ids) or not set(ids) <= known:
        raise Http404
    for case_id in ids:
        try:
            admit(request.user, policy.require_case(request.user, case_id), services)
        except NotFound:
            raise Http404 from None
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from None
    return [case_for(request, case_id) for case_id in ids]


@login_required
@require_POST
def intake_siblings(request: HttpRequest, report_id: int) -> HttpResponse:
    """Decide for several children of the report at once (decision 0025): the protective
    assessment, the preliminary assessment or the reporter feedback, all or none."""
    report = report_for(request, report_id)
    form_class = joint_form_class(request.POST.get("form_key", ""))
    services = [form_class.service] if form_class else [j.service for j in JOINT_FORMS]
    cases = _posted_cases(request, report, services)

    def page(reply: Reply) -> HttpResponse:
        return _render_result(request, report, reply)

    if form_class is None or not all(form_class.applies_to(case) for case in cases):
        return no_longer_possible(page, _("Beslutet går inte längre att fatta för barnen."))
    form = form_class(request.POST, report=report, cases=cases)
    url = reverse("web:intake_result", args=[report.pk])
    return post(
        request,
        form,
        form.call(request.user),
        message=str(form.done_message),
        redirect_url=url,
        page=page,
    )


def _case_id(request: HttpRequest, report: Report) -> int:
    try:
        case_id = int(request.POST.get("case", ""))
    except ValueError:
        raise Http404 from None
    if not report.cases.filter(pk=case_id).exists():
        raise Http404
    return case_id


urlpatterns = [
    path("mottagning/", intake, name="intake"),
    path("mottagning/utkast/", intake_draft, name="intake_draft"),
    path("mottagning/utkast/kasta/", intake_draft_discard, name="intake_draft_discard"),
    path("mottagning/barn/", child_lookup, name="intake_child"),
    path("mottagning/anmalningsskyldig/", mandatory_preset, name="intake_mandatory"),
    path("mottagning/anmalan/<int:report_id>/", intake_result, name="intake_result"),
    path("mottagning/anmalan/<int:report_id>/syskon/", intake_siblings, name="intake_siblings"),
]
