"""The organiser's pages: the editions with the live response rate, and the results table."""

from __future__ import annotations

from django.test import Client

from skyddsnat.surveys import services as surveys


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_organiser_starts_at_their_surveys(olle, edition):
    home = client_for(olle).get("/")
    assert home.status_code == 302
    assert home["Location"] == "/enkater/"
    page = client_for(olle).get("/enkater/").content.decode()
    assert "Barnbarometern 2026" in page


def test_the_results_page_shows_the_rate_and_the_table_as_printed(olle, edition):
    for i, option in enumerate(["Alltid", "Alltid", "Sällan"]):
        surveys.import_response(
            acting_user=olle, edition_id=edition.pk, respondent=f"K{i}", answers={"1": option}
        )
    surveys.invite(acting_user=olle, edition_id=edition.pk, name="Gävle kommun")
    page = client_for(olle).get(f"/enkater/{edition.pk}/").content.decode()
    assert "3 av 4 har svarat (75%)" in page
    assert '<td>Alltid</td><td class="num">66,7%</td><td class="num">2</td>' in page
    assert '<td>Aldrig</td><td class="num">0%</td><td class="num">0</td>' in page


def test_another_organiser_finds_no_such_survey(otto, edition, cast):
    assert client_for(otto).get(f"/enkater/{edition.pk}/").status_code == 404
    assert client_for(cast.maja).get(f"/enkater/{edition.pk}/").status_code == 403
    assert client_for(cast.maja).get("/enkater/").status_code == 403


def test_the_results_export_as_csv_for_excel_audited_and_without_formulas(olle, edition):
    from skyddsnat.audit.models import AuditEvent

    surveys.import_response(
        acting_user=olle,
        edition_id=edition.pk,
        respondent="K1",
        answers={"1": "Alltid", "9": ["Annan anledning, nämligen:"]},
        other={"9": "=HYPERLINK(1)"},
    )
    got = client_for(olle).get(f"/enkater/{edition.pk}/resultat.csv")
    assert got["Content-Type"] == "text/csv; charset=utf-8"
    text = got.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Fråga;Frågetext;Svarsalternativ;Procent;Antal;Svarande"
    assert any(line.startswith("1;") and ";Alltid;100%;1;1" in line for line in lines)
    assert any(";'=HYPERLINK(1);" in line for line in lines)
    assert AuditEvent.objects.filter(actor=olle, action="export").count() == 1
