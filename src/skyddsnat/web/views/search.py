"""Sök barn: find a child by name or identity number, among the cases the user may read.

What was typed never travels in an address, where it would end up in every access log on the
way (the server's, the proxy's, the browser's history): the form is posted (with its CSRF
token), the query is kept in the session under an opaque random token, and the browser is sent
to ``/sok/?s=<token>``, which shows the results (post, redirect, get). Reloading the results,
or coming back to them with the back button, asks again without posting again; the token means
nothing outside the session that made it, and the session keeps only the latest
``KEPT_SEARCHES``. An address with ``?q=`` is not searched.

Every time results are shown, each child shown is audited as found by this user
(``audit.services.record_search``), never the query itself (docs/security.md, "Audit").
"""

from __future__ import annotations

import re
import secrets

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.cases.models import Case
from skyddsnat.limits import MAX_SEARCH_CHARS
from skyddsnat.people.identity import normalise_identity_number
from skyddsnat.people.models import Child
from skyddsnat.people.search_keys import normalised_words

MIN_LENGTH = 2
MAX_RESULTS = 50
NUMBER_SEPARATORS = re.compile(r"[\s\-+]")
#: The session key of the searches kept for their results pages: token → query.
SESSION_KEY = "skyddsnat.searches"
KEPT_SEARCHES = 10
#: The most children matched whose cases are looked up by their ids (the rest in one statement).
MAX_MATCHED = 1000
#: The centuries a 10-digit number is looked up in: a child (or a young person in care, up to
#: 21) is born in this century or the last.
CENTURIES = ("19", "20")
TOO_SHORT = gettext_lazy("Skriv minst två tecken för att söka.")


class SearchForm(forms.Form):
    q = forms.CharField(
        min_length=MIN_LENGTH,
        max_length=MAX_SEARCH_CHARS,
        error_messages={"required": TOO_SHORT, "min_length": TOO_SHORT},
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Take a posted search and send the browser to its results; show the form or the results."""
    if not policy.can_search_children(request.user):
        raise PermissionDenied(_("Du har inte behörighet att söka bland barn."))
    if request.method == "POST":
        form = SearchForm(request.POST)
        if not form.is_valid():
            error = next(iter(form.errors.get("q", [])), TOO_SHORT)
            return _page(request, query=form.data.get("q", ""), error=error, status=422)
        token = remember(request, form.cleaned_data["q"])
        response = redirect(f"{reverse('web:search')}?{urlencode({'s': token})}")
        response.status_code = 303  # See Other: the results are fetched with GET
        return response
    token = request.GET.get("s", "")
    query = request.session.get(SESSION_KEY, {}).get(token) if token else None
    if query is None:
        return _page(request, expired=bool(token))
    found = list(find_children(request.user, query)[: MAX_RESULTS + 1])
    children, more = found[:MAX_RESULTS], len(found) > MAX_RESULTS
    audit.record_search(actor=request.user, found=children, more=more)
    return _page(request, query=query, children=children, more=more)


def remember(request: HttpRequest, query: str) -> str:
    """Keep ``query`` in the session under a new random token (the latest few only)."""
    token = secrets.token_urlsafe(12)
    kept = dict(request.session.get(SESSION_KEY, {}))
    kept[token] = query
    request.session[SESSION_KEY] = dict(list(kept.items())[-KEPT_SEARCHES:])
    return token


def _page(
    request: HttpRequest,
    *,
    query: str = "",
    children: list[Child] | None = None,
    more: bool = False,
    error: str = "",
    expired: bool = False,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "web/search/page.html",
        {
            "query": query,
            "search_query": query,  # the layout's search field
            "error": error,
            "expired": expired,
            "children": children,
            "more": more,
            "max_results": MAX_RESULTS,
        },
        status=status,
    )


def find_children(user: User, query: str) -> QuerySet[Child]:
    """Return the children matching ``query`` with a case ``user`` may read, each with
    ``visible_cases`` (those cases, the latest report first).

    The children matching are found first, through the indexes on the identity number and the
    name's search key, then their cases through the index on the child, and only then is the
    visibility rule asked, about those cases by their ids: never built for the whole
    municipality (decision 0048; SQLite, without statistics, would otherwise read every case of
    the municipality). A query that matches more than ``MAX_MATCHED`` children leaves the
    joining to the database."""
    matched = Child.objects.filter(municipality_id=user.municipality_id).filter(matching(query))
    ids = list(matched.order_by().values_list("pk", flat=True)[: MAX_MATCHED + 1])
    if len(ids) > MAX_MATCHED:
        visible = policy.cases_visible_to(user).filter(child__in=matched)
    else:
        cases = Case.objects.filter(child_id__in=ids).order_by().values_list("pk", flat=True)
        visible = policy.cases_visible_to(user).filter(pk__in=list(cases))
    return (
        Child.objects.filter(pk__in=visible.values("child_id"))
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(
            Prefetch(
                "cases",
                queryset=Case.objects.filter(pk__in=visible.values("pk"))
                .select_related("unit", "responsible", "report")
                .order_by("-report__received_at", "-pk"),
                to_attr="visible_cases",
            )
        )
    )


def matching(query: str) -> Q:
    """Return the condition for ``query``: an identity number (10 or 12 digits, with or without
    a dash, in any script's digits), part of one, a reserve number, or words that are each part
    of a word of the name (in any case and Unicode form: ``people.search_keys``)."""
    compact = NUMBER_SEPARATORS.sub("", normalise_identity_number(query))
    if compact.isascii() and compact.isdigit():
        if len(compact) == 12:
            return Q(personal_identity_number=compact)
        if len(compact) == 10:
            # YYMMDDNNNN: the stored number is YYYYMMDDNNNN, a child's born in this century or
            # the last (equality, so that the number's index answers).
            return Q(personal_identity_number__in=[f"{c}{compact}" for c in CENTURIES])
        return Q(personal_identity_number__contains=compact)
    words = Q()
    for word in normalised_words(query):
        words &= Q(name_key__contains=word)
    return words | Q(reserve_id__iexact=query)


urlpatterns = [path("sok/", search, name="search")]
