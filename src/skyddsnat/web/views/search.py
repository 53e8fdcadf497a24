"""Sök barn: find a child by name or identity number, among the cases the user may read."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.cases.models import Case
from skyddsnat.people.identity import normalise_identity_number
from skyddsnat.people.models import Child

MIN_LENGTH = 2
MAX_RESULTS = 50
NUMBER_SEPARATORS = re.compile(r"[\s\-+]")


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Render the children matching ``q`` that have a case the user may read, with those cases."""
    if not policy.can_search_children(request.user):
        raise PermissionDenied(_("Du har inte behörighet att söka bland barn."))
    query = request.GET.get("q", "").strip()
    too_short = bool(query) and len(query) < MIN_LENGTH
    children = None
    if query and not too_short:
        children = list(find_children(request.user, query)[: MAX_RESULTS + 1])
    return render(
        request,
        "web/search/page.html",
        {
            "query": query,
            "too_short": too_short,
            "children": children[:MAX_RESULTS] if children is not None else None,
            "more": children is not None and len(children) > MAX_RESULTS,
            "max_results": MAX_RESULTS,
        },
    )


def find_children(user: User, query: str) -> QuerySet[Child]:
    """Return the children matching ``query`` with a case ``user`` may read, each with
    ``visible_cases`` (those cases, the latest report first)."""
    visible = Case.objects.filter(pk__in=policy.cases_visible_to(user).values("pk"))
    return (
        Child.objects.filter(municipality_id=user.municipality_id, cases__in=visible)
        .filter(matching(query))
        .distinct()
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(
            Prefetch(
                "cases",
                queryset=visible.select_related("unit", "responsible", "report").order_by(
                    "-report__received_at", "-pk"
                ),
                to_attr="visible_cases",
            )
        )
    )


def matching(query: str) -> Q:
    """Return the condition for ``query``: an identity number (10 or 12 digits, with or without
    a dash, in any script's digits), part of one, a reserve number, or words that each begin a
    name."""
    compact = NUMBER_SEPARATORS.sub("", normalise_identity_number(query))
    if compact.isascii() and compact.isdigit():
        if len(compact) == 12:
            return Q(personal_identity_number=compact)
        if len(compact) == 10:
            # YYMMDDNNNN: the stored number is YYYYMMDDNNNN.
            return Q(personal_identity_number__endswith=compact)
        return Q(personal_identity_number__contains=compact)
    words = Q()
    for word in query.split():
        words &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return words | Q(reserve_id__iexact=query)


urlpatterns = [path("sok/", search, name="search")]
