"""Rapport till nämnden: who may see it, the quarter form, the page as shown, the PDF."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from skyddsnat.audit.models import AuditEvent
from tests.indicators.test_committee import TODAY, world  # noqa: F401 - the dataset fixture

URL = "/uppfoljning/namndrapport/"
PDF_URL = "/uppfoljning/namndrapport.pdf"
NBSP = "\u00a0"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(html: str) -> str:
    """Return the visible words of the page, one space between them."""
    body = html[max(html.find("<main"), 0) :]
    words = re.sub(r"<[^>]+>", " ", body).replace("&nbsp;", " ").replace(NBSP, " ")
    return re.sub(r"\s+", " ", words)


@pytest.fixture
def today(frozen_today):
    frozen_today(TODAY)


# --- who may see it ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["nils", "ana", "maja"])
def test_the_committee_analysts_and_managers_see_the_report(cast, today, name):
    response = _client(getattr(cast, name)).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Rapport till nämnden</h1>" in html
    # In the main menu, marked as the current page.
    assert f'href="{URL}" aria-current="page">Rapport till nämnden</a>' in html


@pytest.mark.parametrize("name", ["alice", "ida", "adam", "sara"])
def test_other_roles_are_refused(cast, today, name):
    client = _client(getattr(cast, name))
    assert client.get(URL).status_code == 403
    assert client.get(PDF_URL).status_code == 403


def test_logged_out_visitors_are_sent_to_the_login_page(db):
    response = Client().get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


# --- the quarter -------------------------------------------------------------------------------


def test_the_default_is_the_last_completed_quarter(cast, today):
    html = _client(cast.nils).get(URL).content.decode()
    text = _text(html)
    assert "Tredje kvartalet 2026 (2026-07-01 – 2026-09-30)" in text
    assert 'value="2026"' in html
    assert '<option value="3" selected>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=2026&quarter=5", "Välj kvartal 1, 2, 3 eller 4."),
        ("year=20x6&quarter=2", "Ange året med fyra siffror, till exempel 2026."),
        ("year=1066&quarter=2", "Året måste ligga mellan 1900 och 2999."),
    ],
)
def test_a_bad_quarter_gives_a_swedish_message(cast, today, query, message):
    for url in (URL, PDF_URL):
        response = _client(cast.nils).get(f"{url}?{query}")
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        assert 'role="alert"' in html
        assert "Nyckeltal" not in html


# --- the page ----------------------------------------------------------------------------------


def test_the_page_lists_the_investigations_that_need_a_decision(cast, world):  # noqa: F811
    html = _client(cast.nils).get(f"{URL}?year=2026&quarter=3").content.decode()
    text = _text(html)
    late, extended = world["late"], world["extended"]
    row = re.search(rf'<tr id="candidate-{late.pk}"[^>]*>.*?</tr>', html, re.S).group(0)
    assert "2026-06-10" in row and "Nej" in row and "dagar över tiden" in row
    row = _text(re.search(rf'<tr id="candidate-{extended.pk}"[^>]*>.*?</tr>', html, re.S).group(0))
    assert "Ja, till 2026-12-15 (Nämnden, beslut 2026-08-25)" in row
    assert "25 dagar kvar" in row
    assert f'id="candidate-{world["far"].pk}"' not in html
    assert f'id="candidate-{world["soderby"].pk}"' not in html
    assert "3 utredningar som behöver beslut" in text
    assert "Utredning barn" in text


def test_masked_figures_are_shown_as_a_dash_with_the_reason(cast, world):  # noqa: F811
    html = _client(cast.nils).get(URL).content.decode()
    row = _text(re.search(r'<tr id="headline-reports_count">.*?</tr>', html, re.S).group(0))
    assert "– (se förklaring 1)" in row
    assert "Färre än 5 i underlaget" in _text(html)


def test_the_page_never_shows_a_childs_name_or_identity_number(cast, world):  # noqa: F811
    html = _client(cast.nils).get(URL).content.decode()
    for case in world.values():
        child = case.child
        for secret in (child.first_name, child.last_name, child.identifier):
            assert secret not in html
        assert f"/arenden/{case.pk}/" not in html  # no link into the case


def test_the_page_links_to_the_pdf_and_the_follow_up(cast, today):
    html = _client(cast.ana).get(f"{URL}?year=2026&quarter=2").content.decode()
    assert 'href="/uppfoljning/namndrapport.pdf?year=2026&amp;quarter=2"' in html
    assert "/uppfoljning/?kind=quarter&amp;year=2026&amp;part=Q2" in html


def test_each_page_view_is_audited(cast, today):
    client = _client(cast.nils)
    before = AuditEvent.objects.count()
    client.get(URL)
    row = AuditEvent.objects.order_by("pk")[before:].get()
    assert (row.action, row.object_type, row.object_id, row.channel) == (
        "read",
        "committee_report",
        "2026Q3",
        "web",
    )


# --- the PDF -----------------------------------------------------------------------------------


def test_the_pdf(cast, world):  # noqa: F811
    client = _client(cast.nils)
    before = AuditEvent.objects.count()
    response = client.get(f"{PDF_URL}?year=2026&quarter=3")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="rapport-till-namnden-2026Q3.pdf"' in response["Content-Disposition"]
    row = AuditEvent.objects.order_by("pk")[before:].get()
    assert (row.action, row.object_id) == ("export", "2026Q3")


def test_the_page_asked_for_as_pdf(cast, today):
    response = _client(cast.maja).get(f"{URL}?year=2026&quarter=3&format=pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_pdf_body_has_no_personal_data(cast, world):  # noqa: F811
    from django.template.loader import render_to_string

    from skyddsnat.indicators.committee import committee_report
    from skyddsnat.web.views.committee import report_context

    report = committee_report(acting_user=cast.nils, year=2026, quarter=3)
    html = render_to_string("web/committee/report_pdf.html", report_context(report))
    assert "<h1>Rapport till nämnden</h1>" in html
    assert f'<tr id="candidate-{world["late"].pk}" class="row-overdue">' in html
    for case in world.values():
        for secret in (case.child.first_name, case.child.last_name, case.child.identifier):
            assert secret not in html


def test_an_empty_quarter_says_so(cast, today):
    text = _text(_client(cast.nils).get(f"{URL}?year=2025&quarter=1").content.decode())
    assert "Ingen pågående utredning behöver beslut om förlängning före 2025-06-30." in text


def test_the_report_of_a_date(cast, frozen_today):
    frozen_today(date(2026, 2, 10))
    html = _client(cast.nils).get(URL).content.decode()
    assert "Fjärde kvartalet 2025" in html
