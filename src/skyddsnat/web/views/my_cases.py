"""Mina ärenden: every case the user is responsible for, with the next time limit of each."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.cases.choices import Phase
from skyddsnat.web import worklist

#: The filters by time limit the list offers (``worklist.FILTERS``).
SHOW_CHOICES = ("overdue", "week")


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    """Render the user's cases, the next due first, filtered by ``show`` and ``phase``."""
    user = request.user
    if not policy.has_own_cases(user):
        raise PermissionDenied(_("Bara handläggare har egna ärenden."))
    today = clock.today()
    show = worklist.chosen(request.GET.get("show"), SHOW_CHOICES)
    phase = worklist.chosen(request.GET.get("phase"), _open_phases())

    items = worklist.work_items(worklist.own_cases(user), today)
    counts = worklist.count(items)
    shown = [i for i in items if worklist.keeps(i, show, today) and (not phase or i.phase == phase)]
    page = worklist.page_of(shown, request.GET.get("page"))
    return render(
        request,
        "web/my_cases/page.html",
        {
            "today": today,
            "counts": counts,
            "page": page,
            "labels": worklist.row_labels(),
            "filtered": bool(show or phase),
            "show_choices": _choices(_show_labels(), show),
            "phase_choices": _choices(_phase_labels(), phase),
        },
    )


def _open_phases() -> list[str]:
    return [p for p in Phase.values if p != Phase.CLOSED]


def _show_labels() -> list[tuple[str, str]]:
    return [("", _("Alla"))] + [(v, str(worklist.FILTERS[v].label)) for v in SHOW_CHOICES]


def _phase_labels() -> list[tuple[str, str]]:
    return [("", _("Alla faser"))] + [(p.value, p.label) for p in Phase if p != Phase.CLOSED]


def _choices(labels: list[tuple[str, str]], current: str) -> list[dict]:
    """Return filter choices for links; "all" has the value None (the key is dropped)."""
    return [
        {"value": value or None, "label": label, "current": value == current}
        for value, label in labels
    ]


urlpatterns = [path("arenden/", my_cases, name="my_cases")]
