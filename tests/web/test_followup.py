"""Uppföljning: who may see it, the period form, the figures as shown, the exports, the cost."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from skyddsnat.indicators.masking import MASK_REASONS_SV, SMALL
from skyddsnat.indicators.periods import FORMAT_HELP, Kind, Period
from skyddsnat.indicators.service import IndicatorValue
from skyddsnat.web import indicator_display as show
from skyddsnat.web.views.followup import read_period
from tests.cast import local, pin_for
from tests.indicators.test_service import _cases
from tests.services.flow import case_about

URL = "/uppfoljning/"
D = date.fromisoformat
NBSP = "\u00a0"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(html: str) -> str:
    """Return the visible words of the page, one space between them."""
    body = html[max(html.find("<main"), 0) :]
    body = re.sub(r"<title[^>]*>.*?</title>", " ", body, flags=re.S)
    words = re.sub(r"<[^>]+>", " ", body).replace("&nbsp;", " ").replace(NBSP, " ")
    return re.sub(r"\s+", " ", words)


def _indicator(html: str, indicator_id: str) -> str:
    match = re.search(rf'<article [^>]*id="indicator-{indicator_id}".*?</article>', html, re.S)
    assert match, indicator_id
    return match.group(0)


@pytest.fixture
def twelve_cases(cast, frozen_today):
    """Twelve reports in 2026, all in the investigation unit (Alice's), registered by Alice.

    ``_cases`` sends case n (0–11) by n % 4: 0 stays a report (3 cases); 1 gets a preliminary
    assessment "not opened" (3); 2 an investigation that stays open (3); 3 an investigation closed
    on 2026-07-01 and a foster home (3). So: 12 reports; 9 decided preliminary assessments
    (3 not opened + 6 opened with the investigation), of which 6 led to an investigation:
    ``reports_investigated_share`` = 6 av 9 = 66,7 % ("67 %").
    """
    frozen_today(D("2027-01-15"))
    _cases(cast, 12, 1)


@pytest.fixture
def three_reports(cast, frozen_today):
    """Three reports in 2026 in the investigation unit: a count of 3 is a small number."""
    frozen_today(D("2027-01-15"))
    for seed in (1, 2, 3):
        case_about(cast.alice, local(2026, 3, 2, 9), pin_for(D("2014-05-05"), seed=seed))


# --- who may see it ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["maja", "ana", "nils"])
def test_managers_analysts_and_the_committee_see_the_follow_up(cast, name):
    response = _client(getattr(cast, name)).get(URL)
    assert response.status_code == 200
    assert "<h1>Uppföljning</h1>" in response.content.decode()


@pytest.mark.parametrize("name", ["alice", "ida", "adam", "sara"])
def test_caseworkers_intake_and_the_admin_may_not(cast, name):
    client = _client(getattr(cast, name))
    assert client.get(URL).status_code == 403
    assert client.get(URL + "export.csv").status_code == 403
    assert client.get(URL + "export.xlsx").status_code == 403


def test_someone_logged_out_is_sent_to_the_login(db):
    response = Client().get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("name", ["ana", "nils"])
def test_analysts_and_the_committee_start_on_the_follow_up(cast, name):
    client = _client(getattr(cast, name))
    assert client.get("/").url == URL
    html = client.get(URL).content.decode()
    assert f'<a href="{URL}" aria-current="page">Uppföljning</a>' in html


def test_a_manager_has_it_in_the_menu(cast):
    html = _client(cast.maja).get("/enhet/").content.decode()
    assert f'<a href="{URL}">Uppföljning</a>' in html


# --- the period ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"kind": "year", "year": "2026"}, "2026"),
        ({"kind": "half", "year": "2026", "part": "H2"}, "2026H2"),
        ({"kind": "quarter", "year": "2026", "part": "Q3"}, "2026Q3"),
        ({"kind": "month", "year": "2026", "part": "03"}, "2026-03"),
        ({"kind": "rolling_12", "year": "2026", "part": "03"}, "R12-2026-03"),
        ({"period": "2025Q1"}, "2025Q1"),
    ],
)
def test_the_form_gives_each_kind_of_period(query, code):
    assert read_period(query).code == code


def test_without_a_period_it_is_this_year(frozen_today):
    frozen_today(D("2026-05-05"))
    assert read_period({}) == Period(Kind.YEAR, 2026)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?kind=quarter&year=2026", "Välj vilket halvår, kvartal eller vilken månad"),
        ("?kind=quarter&year=2026&part=03", "Välj ett kvartal."),
        ("?kind=half&year=2026&part=Q1", "Välj första eller andra halvåret."),
        ("?kind=month&year=2026&part=H1", "Välj en månad."),
        ("?kind=year&year=20x6", "Ange året med fyra siffror, till exempel 2026."),
        ("?kind=decade&year=2026", "Välj en periodtyp"),
        ("?period=2026Q5", FORMAT_HELP),
        ("?period=2026-13", "Månaden måste vara 01–12."),
        ("?unit=999999", "Välj hela kommunen eller en av kommunens enheter."),
        ("?breakdown=shoe_size", "Välj en uppdelning i listan."),
    ],
)
def test_a_bad_choice_is_explained_in_swedish(cast, query, message):
    response = _client(cast.ana).get(URL + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert message in html
    assert 'id="indicator-' not in html


def test_another_municipalitys_unit_is_not_a_choice(cast):
    response = _client(cast.ana).get(f"{URL}?unit={cast.soderby_unit.pk}")
    assert response.status_code == 400


def test_the_chosen_period_is_shown_and_kept_in_the_form(cast, twelve_cases):
    html = _client(cast.ana).get(URL + "?kind=quarter&year=2026&part=Q3").content.decode()
    assert "Tredje kvartalet 2026" in html
    assert '<option value="quarter" selected>' in html
    assert '<option value="Q3" selected>' in html
    # The trend: the four quarters before it, oldest first.
    chart = _indicator(html, "reports_count")
    labels = re.findall(r'class="bar-label[^"]*">([^<]+)<', chart)
    assert labels == ["2025 K3", "2025 K4", "2026 K1", "2026 K2", "2026 K3"]


# --- the figures --------------------------------------------------------------------------------


def test_each_figure_has_its_value_basis_direction_and_definition(cast, twelve_cases):
    html = _client(cast.maja).get(URL + "?period=2026").content.decode()
    block = _indicator(html, "reports_investigated_share")
    text = _text(block)
    assert "Andel anmälningar som ledde till utredning 67 % 6 av 9" in text
    assert "Varken högre eller lägre är bättre" in text
    assert "<details" in block and "<summary>Definition" in block
    assert "Täljare: " in text  # help_text from the registry
    count = _text(_indicator(html, "reports_count"))
    assert "Antal orosanmälningar 12 " in count


def test_the_groups_follow_the_spec(cast, twelve_cases):
    html = _client(cast.ana).get(URL + "?period=2026").content.decode()
    headings = re.findall(r'<h2 id="group-[^"]+">([^<]+)</h2>', html)
    assert headings[:4] == [
        "Anmälningar och bedömningar",
        "Utredningar",
        "Insatser och placeringar",
        "Personal och kontinuitet",
    ]


def test_small_numbers_are_a_dash_with_the_reason_for_an_analyst(cast, three_reports):
    html = _client(cast.ana).get(URL + "?period=2026").content.decode()
    text = _text(_indicator(html, "reports_count"))
    assert "Antal orosanmälningar – " in text
    assert MASK_REASONS_SV[SMALL] in text
    assert "dold (färre än 5)" in _indicator(html, "reports_count")  # the chart's alternative


def test_the_owning_units_manager_sees_the_small_number(cast, three_reports):
    html = _client(cast.maja).get(URL + "?period=2026").content.decode()
    assert "Antal orosanmälningar 3 " in _text(_indicator(html, "reports_count"))


def test_the_trend_is_an_svg_with_a_text_alternative_and_a_table(cast, twelve_cases):
    html = _client(cast.maja).get(URL + "?period=2026").content.decode()
    block = _indicator(html, "reports_investigated_share")
    assert '<svg role="img" aria-labelledby="chart-reports_investigated_share-title"' in block
    title = re.search(r"<title[^>]*>([^<]+)</title>", block).group(1).replace(NBSP, " ")
    assert title.startswith("Andel anmälningar som ledde till utredning, utveckling per period.")
    assert "2025: inget underlag; 2026: 67 % (6 av 9)." in title
    # Only 2026 has a bar; SVG coordinates are never localised ("58,4" is not a number there).
    assert (
        len(re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+"', block)) == 1
    )
    table = re.search(r"<table class=\"compact\">.*?</table>", block, re.S).group(0)
    rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th><td[^>]*>([^<]+)</td>", table)
    assert [r[0] for r in rows] == ["2022", "2023", "2024", "2025", "2026"]
    assert rows[-1][1].replace(NBSP, " ") == "67 %"


def test_a_breakdown_lists_the_parts(cast, twelve_cases):
    html = _client(cast.maja).get(URL + "?period=2026&breakdown=unit").content.decode()
    text = _text(_indicator(html, "reports_count"))
    assert "Utredning barn 12" in text
    assert "Mottagningen 0" in text


def test_the_time_study_indicator_is_computed_from_the_time_study(cast):
    html = _client(cast.ana).get(URL + "?period=2026").content.decode()
    block = _indicator(html, "timestudy_child_time_share")
    assert "Kan inte räknas fram ännu." not in block


# --- exports ------------------------------------------------------------------------------------


def _csv(user, query: str) -> list[dict[str, str]]:
    response = _client(user).get(URL + "export.csv" + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="uppfoljning-2026.csv"' in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM, so Excel reads UTF-8
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    return list(reader)


def test_the_csv_has_the_figures_with_a_decimal_comma(cast, twelve_cases):
    rows = {r["Indikator-id"]: r for r in _csv(cast.maja, "?period=2026")}
    share = rows["reports_investigated_share"]
    assert share["Värde"] == "66,7"
    assert share["Måttenhet"] == "procent"
    assert (share["Täljare"], share["Nämnare"]) == ("6", "9")
    assert share["Period"] == "2026"
    assert share["Område"] == "Anmälningar och bedömningar"
    assert rows["reports_count"]["Värde"] == "12"
    assert not rows["timestudy_child_time_share"]["Anmärkning"].startswith("Inte tillgänglig.")


def test_masked_figures_stay_masked_in_the_csv(cast, three_reports):
    row = next(r for r in _csv(cast.ana, "?period=2026") if r["Indikator-id"] == "reports_count")
    assert (row["Värde"], row["Täljare"], row["Nämnare"]) == ("", "", "")
    assert row["Visas som"] == "–"
    assert MASK_REASONS_SV[SMALL] in row["Anmärkning"]


def test_the_excel_file_has_the_same_figures(cast, three_reports):
    from openpyxl import load_workbook

    response = _client(cast.ana).get(URL + "export.xlsx?period=2026")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Indikatorer"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == show.EXPORT_HEADER
    count = next(r for r in rows if r[1] == "reports_count")
    assert count[7] is None and count[9] is None  # masked: no value, no numerator
    assert count[11] == "–"
    assert dict(book["Om underlaget"].iter_rows(values_only=True))["Period"] == "2026"


def test_the_excel_file_keeps_numbers_as_numbers(cast, twelve_cases):
    from openpyxl import load_workbook

    response = _client(cast.maja).get(URL + "export.xlsx?period=2026")
    rows = list(load_workbook(io.BytesIO(response.content))["Indikatorer"].values)
    share = next(r for r in rows if r[1] == "reports_investigated_share")
    assert (share[7], share[9], share[10]) == (66.7, 6, 9)


def test_the_exports_refuse_a_bad_period(cast):
    response = _client(cast.ana).get(URL + "export.csv?period=2026Q9")
    assert response.status_code == 400
    assert FORMAT_HELP in response.content.decode()


def test_the_page_links_to_the_exports_of_the_same_choice(cast, twelve_cases):
    unit = cast.inv_unit.pk
    html = _client(cast.ana).get(f"{URL}?period=2026Q2&unit={unit}&breakdown=sex").content.decode()
    assert f'href="/uppfoljning/export.csv?period=2026Q2&amp;unit={unit}&amp;breakdown=sex"' in html
    assert (
        f'href="/uppfoljning/export.xlsx?period=2026Q2&amp;unit={unit}&amp;breakdown=sex"' in html
    )


# --- what it costs ------------------------------------------------------------------------------


def _queries(user, query: str) -> int:
    client = _client(user)
    client.get(URL + query)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL + query).status_code == 200
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_cases(cast, frozen_today):
    frozen_today(D("2027-01-15"))
    queries = ["?period=2026", "?period=2026Q2&breakdown=sex"]
    _cases(cast, 5, 1)
    with_five = [_queries(cast.ana, q) for q in queries]
    _cases(cast, 45, 100)
    with_fifty = [_queries(cast.ana, q) for q in queries]
    assert with_fifty == with_five
    # Five periods of the trend plus the chosen one with its breakdown, ~55 queries each.
    assert max(with_five) <= 6 * 60, with_five


# --- the Swedish numbers ------------------------------------------------------------------------


def _v(unit: str, value, numerator=None, denominator=None, masked=False) -> IndicatorValue:
    return IndicatorValue("x", "X", unit, "neutral", value, numerator, denominator, masked)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (_v("share", 38 / 41, 38, 41), "93 %"),
        (_v("share", 0.87, 87, 100), "87 %"),
        (_v("share", 0.995, 199, 200), "99,5 %"),
        (_v("share", 1.0, 5, 5), "100 %"),
        (_v("share", 0.0, 0, 5), "0 %"),
        (_v("days", 12.5, None, 8), "12,5 dagar"),
        (_v("days", 1, None, 8), "1 dag"),
        (_v("days", 14.0, None, 8), "14 dagar"),
        (_v("count", 1234, 1234), "1 234"),
        (_v("per_1000", 23.456, 120, 5.12), "23,5"),
        (_v("share", None, None, None, masked=True), "–"),
    ],
)
def test_values_are_written_the_swedish_way(value, text):
    assert show.value_text(value).replace(NBSP, " ") == text


def test_the_basis_of_a_share_is_n_of_m():
    assert show.basis_text(_v("share", 38 / 41, 38, 41)) == "38 av 41"
    assert show.basis_text(_v("days", 12.5, None, 8)) == "underlag 8"
    assert show.basis_text(_v("share", None, None, None, masked=True)) == ""
    assert show.csv_cell(66.7) == "66,7"
    assert show.csv_cell(0.25) == "0,25"
    assert show.csv_cell(12) == "12"


# --- the Barnbarometer from data ----------------------------------------------------------------

BAROMETER = URL + "barnbarometer/"


def test_the_barnbarometer_is_answered_from_the_years_data(cast, twelve_cases):
    response = _client(cast.maja).get(BAROMETER + "?year=2026")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Barnbarometern 2026 från data" in html
    # _cases: 9 decided preliminary assessments, the child heard in each (the flow's default).
    question = re.search(r'<li class="card" value="2".*?</li>\s*</ul>', html, re.S).group(0)
    assert "9 av 9 förhandsbedömningar: barnet kom till tals" in _text(question)
    assert '<strong class="proposed">Alltid</strong>' in question
    assert "Frågorna 13, 14, 15, 16, 17" in html


@pytest.mark.parametrize("name", ["alice", "adam"])
def test_the_barnbarometer_is_not_for_caseworkers_or_the_admin(cast, name):
    assert _client(getattr(cast, name)).get(BAROMETER + "?year=2026").status_code == 403


def test_the_barnbarometer_explains_a_bad_year(cast):
    response = _client(cast.ana).get(BAROMETER + "?year=tjugo")
    assert response.status_code == 400
    assert "Ange året med fyra siffror, till exempel 2026." in response.content.decode()


def test_the_follow_up_links_to_the_barnbarometer_of_its_year(cast):
    html = _client(cast.ana).get(URL + "?period=2025Q2").content.decode()
    assert f'href="{BAROMETER}?year=2025"' in html
