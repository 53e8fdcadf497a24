"""The pages' second comparison (never part of the test run): a bare Django page per list.

``bench/pages.py`` compares each work list with its hand-written SQL alone. A page is more than
its SQL: the request passes the middleware (the session, the logged-in user, the security
headers), and the rows are rendered to HTML. This module is Skyddsnät's URL configuration plus
one bare view per list: it runs the hand-written SQL on a raw cursor, sorts the rows, and
renders the first 50 into a plain table (the child's name as a link, the phase, the day the
report came), through the same middleware and login as the real page. No audit, no time
limits, no filters, no counts, no explanations: what the cheapest Django page showing those
rows costs on the same server. ``pages.py`` registers each list's SQL with ``register``.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template import Context, Engine
from django.urls import path

from skyddsnat.urls import urlpatterns as skyddsnat_urlpatterns

#: The statements (SQL and parameters) of each bare page, by name (``register``).
QUERIES: dict[str, list[tuple[str, list[Any]]]] = {}

_ENGINE = Engine(autoescape=True)
_PAGE = _ENGINE.from_string(
    """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><table><caption>{{ total }} ärenden</caption>
<thead><tr><th scope="col">Barn</th><th scope="col">Fas</th><th scope="col">Anmälan kom</th></tr>
</thead><tbody>{% for row in rows %}<tr><th scope="row"><a href="/arenden/{{ row.0 }}/">
{{ row.5 }} {{ row.6 }}</a></th><td>{{ row.1 }}</td><td>{{ row.11|date:"Y-m-d" }}</td></tr>
{% endfor %}</tbody></table>{% if more %}<ul>{% for row in more %}<li>{{ row|join:", " }}</li>
{% endfor %}</ul>{% endif %}</main></body></html>"""
)


def register(name: str, *statements: tuple[str, list[Any]]) -> str:
    """Serve a page of ``statements`` at the returned path: the first one's rows (read as
    ``pages.ROW_SQL`` reads them) as the table, every further one's as a list below it."""
    QUERIES[name] = list(statements)
    return f"/bench/bare/{name}/"


def bare_list(request: HttpRequest, name: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    read = []
    with connection.cursor() as cursor:
        for sql, params in QUERIES[name]:
            cursor.execute(sql, params)
            read.append(cursor.fetchall())
    rows, more = read[0], [row for rows in read[1:] for row in rows]
    rows.sort(key=lambda row: (row[6], row[5], row[0]))  # by the child's last and first name
    context = Context({"title": name, "total": len(rows), "rows": rows[:50], "more": more})
    return HttpResponse(_PAGE.render(context))


urlpatterns = [*skyddsnat_urlpatterns, path("bench/bare/<str:name>/", bare_list)]
