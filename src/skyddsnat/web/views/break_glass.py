"""Break-glass (*nödåtkomst*): ask for emergency read access to a case; the manager's review list.

A user refused a case they may ask for (``policy.can_request_break_glass``) is offered the
request on the 403 page. The access lasts eight hours and grants reading only; the case pages
show a banner meanwhile; every request is an audit row with its reason; the managers of the
case's unit review it on ``/enhet/nodatkomst/`` (reviewed, or flagged for follow-up).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skyddsnat.accounts import policy
from skyddsnat.accounts import services as accounts
from skyddsnat.accounts.models import BreakGlassAccess
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden
from skyddsnat.web.posting import Reply, post


class BreakGlassForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Skäl"),
        choices=BreakGlassAccess.Reason.choices,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=gettext_lazy("Beskriv varför du behöver läsa ärendet nu"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _case_in_municipality(request: HttpRequest, case_id: int) -> Case:
    case = (
        Case.objects.select_related("unit")
        .filter(pk=case_id, municipality_id=request.user.municipality_id)
        .first()
    )
    if case is None:
        raise Http404
    return case


@login_required
def request_access(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show the break-glass form for a case the user cannot read; grant it on POST."""
    case = _case_in_municipality(request, case_id)
    if policy.can_read_case(request.user, case):
        return redirect("web:case", case_id=case.pk)
    if not policy.can_request_break_glass(request.user, case):
        raise PermissionDenied(_("Du har inte behörighet till ärendet."))
    form = BreakGlassForm(request.POST or None)

    def show(reply: Reply) -> HttpResponse:
        context = {"form": form, "case": case}
        return render(request, "web/break_glass/request.html", context, status=reply.status)

    if request.method != "POST":
        return show(Reply())
    return post(
        request,
        form,
        lambda data: accounts.grant_break_glass(
            acting_user=request.user,
            case_id=case.pk,
            reason=data["reason"],
            explanation=data["explanation"],
        ),
        message=_("Du har nödåtkomst till ärendet i 8 timmar. Din chef granskar åtkomsten."),
        level=messages.WARNING,
        redirect_url=reverse("web:case", args=[case.pk]),
        page=show,
    )


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """List the break-glass accesses to the manager's units, those not yet reviewed first."""
    if not policy.can_view_unit(request.user):
        raise PermissionDenied(_("Granskningen av nödåtkomst är till för enhetschefer."))
    accesses = (
        policy.break_glass_to_review(request.user)
        .select_related("user", "case", "case__unit", "reviewed_by")
        .order_by("reviewed_at", "-granted_at")
    )
    return render(request, "web/break_glass/review.html", {"accesses": accesses})


@login_required
@require_POST
def review(request: HttpRequest, access_id: int) -> HttpResponse:
    """Mark one access reviewed (``flagged=1`` to flag it for follow-up)."""
    access = BreakGlassAccess.objects.filter(
        pk=access_id, case__municipality_id=request.user.municipality_id
    ).first()
    if access is None:
        raise Http404
    try:
        accounts.review_break_glass(
            acting_user=request.user, access=access, flagged=request.POST.get("flagged") == "1"
        )
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    messages.success(request, _("Nödåtkomsten är granskad."))
    return redirect("web:unit_break_glass")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 page; on a case page the user may break glass for, it offers the request."""
    offer = None
    match = getattr(request, "resolver_match", None)
    case_id = match.kwargs.get("case_id") if match else None
    user = getattr(request, "user", None)
    if case_id and user is not None and user.is_authenticated:
        case = Case.objects.filter(pk=case_id, municipality_id=user.municipality_id).first()
        if case is not None and policy.can_request_break_glass(user, case):
            offer = case
    message = str(exception) if exception and str(exception) else _("Du har inte behörighet.")
    return render(
        request, "web/forbidden.html", {"message": message, "break_glass_case": offer}, status=403
    )


urlpatterns = [
    path("arenden/<int:case_id>/nodatkomst/", request_access, name="break_glass"),
    path("enhet/nodatkomst/", review_list, name="unit_break_glass"),
    path("enhet/nodatkomst/<int:access_id>/", review, name="unit_break_glass_review"),
]
