"""The family panel's posts (*barnet och närstående*): the child's details, a person added, a
person and relation changed, the register asked. Each saves through ``people.family`` and
returns to the case page; a refused save shows the case page with the form and its messages.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skyddsnat.accounts import policy
from skyddsnat.people import family
from skyddsnat.people.models import GuardianRelation
from skyddsnat.web.access import case_for
from skyddsnat.web.forms.base import SkyddsnatForm
from skyddsnat.web.forms.family import AddPersonForm, ChildForm, RelatedForm
from skyddsnat.web.posting import post
from skyddsnat.web.views.case import render_overview


def _back(case_id: int) -> str:
    return reverse("web:case", args=[case_id]) + "#family-heading"


@login_required
@require_POST
def change_child(request: HttpRequest, case_id: int) -> HttpResponse:
    """Save the child's name and contact details."""
    case = case_for(request, case_id, acting=[family.change_child])
    child = case.child
    form = ChildForm.for_child(
        child, contact=policy.can_see_contact(request.user, child), data=request.POST
    )
    return post(
        request,
        form,
        lambda data: family.change_child(
            acting_user=request.user, case_id=case.pk, data=form.person(data, kept=child)
        ),
        message=_("Barnets uppgifter är sparade."),
        redirect_url=_back(case.pk),
        page=lambda reply: render_overview(request, case, reply),
    )


@login_required
@require_POST
def add_person(request: HttpRequest, case_id: int) -> HttpResponse:
    """Add a person around the child."""
    case = case_for(request, case_id, acting=[family.add_person])
    form = AddPersonForm(request.POST)
    return post(
        request,
        form,
        lambda data: family.add_person(
            acting_user=request.user,
            case_id=case.pk,
            kind=data["kind"],
            has_custody=data["has_custody"],
            personal_identity_number=data["personal_identity_number"],
            data=form.person(data),
        ),
        message=_("Personen är tillagd bland barnets närstående."),
        redirect_url=_back(case.pk),
        page=lambda reply: render_overview(request, case, reply),
    )


@login_required
@require_POST
def change_related(request: HttpRequest, case_id: int, relation_id: int) -> HttpResponse:
    """Save one of the child's people and the relation."""
    case = case_for(request, case_id, acting=[family.change_related])
    relation = (
        GuardianRelation.objects.select_related("guardian")
        .filter(pk=relation_id, child_id=case.child_id)
        .first()
    )
    if relation is None:
        raise Http404
    person = relation.guardian
    form = RelatedForm.for_relation(
        relation,
        contact=policy.can_see_contact(request.user, case.child, person),
        data=request.POST,
    )
    return post(
        request,
        form,
        lambda data: family.change_related(
            acting_user=request.user,
            case_id=case.pk,
            relation_id=relation.pk,
            data=form.person(data, kept=person),
            kind=data["kind"],
            has_custody=data["has_custody"],
            ended_on=data["ended_on"],
        ),
        message=_("Uppgifterna om %(name)s är sparade.") % {"name": person},
        redirect_url=_back(case.pk),
        page=lambda reply: render_overview(request, case, reply),
    )


@login_required
@require_POST
def fill_from_register(request: HttpRequest, case_id: int) -> HttpResponse:
    """Fetch the child's name, address, guardians and siblings from the population register."""
    case = case_for(request, case_id, acting=[family.fill_from_register])
    form = SkyddsnatForm(request.POST, prefix="family-register")
    return post(
        request,
        form,
        lambda data: family.fill_from_register(acting_user=request.user, case_id=case.pk),
        message=_("Uppgifterna är hämtade från folkbokföringen."),
        redirect_url=_back(case.pk),
        page=lambda reply: render_overview(request, case, reply),
    )


urlpatterns = [
    path("arenden/<int:case_id>/familj/barnet/", change_child, name="family_child"),
    path("arenden/<int:case_id>/familj/ny/", add_person, name="family_add"),
    path(
        "arenden/<int:case_id>/familj/<int:relation_id>/",
        change_related,
        name="family_change",
    ),
    path(
        "arenden/<int:case_id>/familj/folkbokforing/",
        fill_from_register,
        name="family_register",
    ),
]
