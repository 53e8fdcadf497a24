"""Enhetens översikt: the manager's view of the unit's cases, caseload, and (re-)assignment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.cases.choices import Phase
from skyddsnat.errors import ServiceError
from skyddsnat.intake.services import reassign_caseworker
from skyddsnat.web import worklist
from skyddsnat.web.access import case_for

#: The filters by time limit the overview offers (``worklist.FILTERS``).
STATUS_CHOICES = ("overdue", "due_soon", "week", "open", "none")
#: How many cases of the queue "Att fördela" the overview lists (the rest: filter "Utan ansvarig").
QUEUE_SHOWN = 20


@dataclass(frozen=True)
class Caseload:
    """One caseworker's share of the unit's cases (*ärendebelastning*)."""

    caseworker: User
    open_cases: int
    open_investigations: int
    overdue: int
    #: Children placed (an ongoing placement) in the caseworker's cases of the unit.
    placed_children: int = 0
    #: The open cases per caseworker her unit aims at (``Unit.caseload_target``), if any.
    target: int | None = None

    @property
    def over_target(self) -> bool:
        return self.target is not None and self.open_cases > self.target


class AssignForm(forms.Form):
    """The small form on each row: who becomes responsible, against which version of the case."""

    caseworker = forms.ModelChoiceField(
        queryset=User.objects.none(),
        error_messages={
            "required": gettext_lazy("Välj en handläggare."),
            "invalid_choice": gettext_lazy("Välj en handläggare i enheten."),
        },
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    back = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, caseworkers: Iterable[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = User.objects.filter(pk__in=[u.pk for u in caseworkers])


def _require_manager(request: HttpRequest) -> User:
    if not policy.can_view_unit(request.user):
        raise PermissionDenied(_("Enhetens översikt är till för enhetschefer."))
    return request.user


@login_required
def unit(request: HttpRequest) -> HttpResponse:
    """Render the unit's cases with their next time limit, the caseload and the filters."""
    manager = _require_manager(request)
    return render(request, "web/unit/page.html", _page_context(request, manager, request.GET))


@login_required
@require_POST
def assign(request: HttpRequest, case_id: int) -> HttpResponse:
    """Make the chosen caseworker responsible for the case; htmx gets the row back."""
    case = case_for(request, case_id, acting=[reassign_caseworker])
    manager = request.user
    form = AssignForm(request.POST, caseworkers=_caseworkers(manager))
    back = QueryDict(request.POST.get("back", ""))
    error, status = None, 200
    if form.is_valid():
        try:
            assignment = reassign_caseworker(
                acting_user=manager,
                case_id=case.pk,
                caseworker=form.cleaned_data["caseworker"],
                expected_version=form.cleaned_data["version"],
            )
        except ServiceError as exc:
            error, status = _message(exc), exc.status
    else:
        error, status = next(iter(form.errors.values()))[0], 400

    notice = ""
    if error is None:
        notice = _("%(caseworker)s är nu ansvarig för %(child)s.") % {
            "caseworker": _name(assignment.caseworker),
            "child": f"{case.child.first_name} {case.child.last_name}",
        }
        if not request.htmx:
            messages.success(request, notice)
            query = back.urlencode()
            return redirect(reverse("web:unit") + (f"?{query}" if query else ""))
    context = _page_context(request, manager, back)
    if error:
        context["error_case"] = case.pk
        context["error_message"] = error
        context["posted_caseworker"] = request.POST.get("caseworker", "")
    if request.htmx:
        row = next((i for i in context["all_items"] if i.case_id == case.pk), None)
        if row is not None:
            row = next(iter(worklist.with_cases([row])), None)
        return render(
            request, "web/unit/_assigned.html", {**context, "item": row, "notice": notice}
        )
    return render(request, "web/unit/page.html", context, status=status)


def _message(exc: ServiceError) -> str:
    """Return the Swedish message to show next to the caseworker field."""
    for field_messages in exc.errors.values():
        return field_messages[0]
    return exc.message


def _name(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _caseworkers(manager: User) -> list[User]:
    """Return the active caseworkers of the manager's units, the people cases go to."""
    return list(policy.assignable_caseworkers(manager).order_by("first_name", "last_name", "pk"))


def _page_context(request: HttpRequest, manager: User, params: QueryDict) -> dict:
    today = clock.today()
    items = worklist.work_items(worklist.unit_cases(manager), today)
    caseworkers = _caseworkers(manager)
    chosen_caseworker = params.get("caseworker", "")
    chosen_status = worklist.chosen(params.get("status"), STATUS_CHOICES)
    shown = [
        i
        for i in items
        if worklist.keeps(i, chosen_status, today) and _theirs(i, chosen_caseworker)
    ]
    # The cases (and facts) of the queue's rows and the page's are loaded together.
    queue = [i for i in items if i.responsible_id is None and i.phase != Phase.CLOSED]
    page = worklist.page_of(shown, params.get("page"), also=queue[:QUEUE_SHOWN])
    queue_shown = [i for i in queue[:QUEUE_SHOWN] if worklist.loaded(i)]
    return {
        "today": today,
        "queue": queue_shown,
        "queue_more": max(len(queue) - QUEUE_SHOWN, 0),
        "all_items": items,
        "counts": worklist.count(items),
        "unassigned": sum(1 for i in items if i.responsible_id is None),
        "caseload": _caseload(items, caseworkers, manager, today),
        "caseworkers": caseworkers,
        "caseworker_options": _options(caseworkers),
        "page": page,
        "labels": worklist.row_labels(),
        "filtered": bool(chosen_caseworker or chosen_status),
        "chosen_caseworker": chosen_caseworker,
        "chosen_status": chosen_status,
        "status_choices": [(v, worklist.FILTERS[v].label) for v in STATUS_CHOICES],
        "back": params.urlencode(),
    }


def _options(caseworkers: list[User]) -> SafeString:
    """Return the caseworkers as the options of a row's select, rendered once for all the rows
    (each row's select lists every caseworker of the unit: rows × caseworkers options)."""
    return format_html_join(
        "", '<option value="{}">{}</option>', ((cw.pk, _name(cw)) for cw in caseworkers)
    )


def _theirs(item: worklist.WorkItem, caseworker: str) -> bool:
    """Return whether ``item``'s case is ``caseworker``'s ("none": nobody's; "": anyone's)."""
    if caseworker == "none":
        return item.responsible_id is None
    return not caseworker or str(item.responsible_id) == caseworker


def _caseload(
    items: list[worklist.WorkItem], caseworkers: list[User], manager: User, today: date
) -> list[Caseload]:
    """Return the caseload of each caseworker of the unit, and of anyone else with its cases
    (read in one query, only when there is anyone else), with the children placed in their
    cases and the target of their unit (two queries more, whatever their number)."""
    people: dict[int, User | None] = {u.pk: u for u in caseworkers}
    by_person: dict[int, list[worklist.WorkItem]] = {pk: [] for pk in people}
    for item in items:
        if item.responsible_id is not None:
            people.setdefault(item.responsible_id, None)
            by_person.setdefault(item.responsible_id, []).append(item)
    others = [pk for pk, person in people.items() if person is None]
    if others:
        found = User.objects.in_bulk(others)
        people.update((pk, found.get(pk)) for pk in others)
    placed = worklist.placed_children_by_responsible(
        [i.case_id for i in items if i.responsible_id is not None], today
    )
    targets = _targets(manager, list(people))
    rows = []
    for pk, person in people.items():
        if person is None:  # deleted since the list was read
            continue
        theirs = by_person[pk]
        rows.append(
            Caseload(
                caseworker=person,
                open_cases=sum(1 for i in theirs if i.phase != Phase.CLOSED),
                open_investigations=sum(1 for i in theirs if i.has_open_investigation),
                overdue=sum(1 for i in theirs if i.is_overdue),
                placed_children=placed.get(pk, 0),
                target=targets.get(pk),
            )
        )
    return rows


def _targets(manager: User, user_ids: list[int]) -> dict[int, int]:
    """Return the caseload target of each of ``user_ids``: the lowest of her units' among the
    manager's (one query)."""
    targets: dict[int, int] = {}
    rows = User.units.through.objects.filter(
        user_id__in=user_ids,
        unit__in=policy.staff_units(manager),
        unit__caseload_target__isnull=False,
    ).values_list("user_id", "unit__caseload_target")
    for user_id, target in rows:
        targets[user_id] = min(target, targets.get(user_id, target))
    return targets


urlpatterns = [
    path("enhet/", unit, name="unit"),
    path("enhet/arenden/<int:case_id>/ansvarig/", assign, name="unit_assign"),
]
