"""The organiser starts, schedules, invites and copies from the web (issue 15's "Running it")."""

from __future__ import annotations

from datetime import date

from django.core import mail
from django.test import Client

from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.jobs import send_survey_notices
from skyddsnat.surveys.models import Edition, Respondent


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_organiser_creates_a_survey_from_the_template_on_the_page(olle):
    page = client_for(olle).get("/enkater/").content.decode()
    assert "Ny enkät från en mall" in page
    got = client_for(olle).post(
        "/enkater/ny/", {"ny-template": "barnbarometer-2014", "ny-title": "Barnbarometern 2027"}
    )
    edition = Edition.objects.get(title="Barnbarometern 2027")
    assert got.status_code == 302 and got["Location"] == f"/enkater/{edition.pk}/utskick/"
    assert edition.status == "open" and edition.questions.count() == 17


def test_a_survey_without_title_is_not_created_and_says_why(olle):
    got = client_for(olle).post("/enkater/ny/", {"ny-template": "barnbarometer-2014"})
    assert got.status_code == 422
    assert "Uppgifterna kunde inte sparas" in got.content.decode()
    assert not Edition.objects.exists()


def test_the_schedule_is_set_and_a_bad_one_refused_in_swedish(olle, edition):
    url = f"/enkater/{edition.pk}/utskick/"
    bad = client_for(olle).post(
        url,
        {
            "schema-sent_on": "2027-05-20",
            "schema-first_reminder": "2027-05-01",
            "schema-closes_on": "2027-06-15",
        },
    )
    assert bad.status_code == 422
    assert "ska ligga efter utskicket" in bad.content.decode()
    good = client_for(olle).post(
        url,
        {
            "schema-sent_on": "2027-05-20",
            "schema-first_reminder": "2027-06-05",
            "schema-second_reminder": "2027-06-11",
            "schema-closes_on": "2027-06-15",
        },
    )
    assert good.status_code == 302
    edition.refresh_from_db()
    assert (edition.sent_on, edition.closes_on) == (date(2027, 5, 20), date(2027, 6, 15))
    assert edition.reminders_on == ["2027-06-05", "2027-06-11"]


def test_an_invited_respondent_is_listed_and_gets_the_e_mail_on_the_sending_day(olle, edition):
    url = f"/enkater/{edition.pk}/utskick/"
    surveys.set_schedule(
        acting_user=olle,
        edition_id=edition.pk,
        sent_on=date(2027, 5, 20),
        reminders_on=[],
        closes_on=date(2027, 6, 15),
    )
    bad = client_for(olle).post(url, {"inbjudan-name": "Gävle kommun", "inbjudan-email": "x"})
    assert bad.status_code == 422
    wrong_code = client_for(olle).post(
        url,
        {"inbjudan-name": "Gävle kommun", "inbjudan-code": "12", "inbjudan-email": "a@b.invalid"},
    )
    assert wrong_code.status_code == 422
    assert "Kommunkoden är fyra siffror" in wrong_code.content.decode()
    assert not Respondent.objects.filter(edition=edition).exists()
    got = client_for(olle).post(
        url,
        {
            "inbjudan-name": "Gävle kommun",
            "inbjudan-code": "2180",
            "inbjudan-email": "ifo@gavle.invalid",
        },
    )
    assert got.status_code == 302
    page = client_for(olle).get(url).content.decode()
    assert '<th scope="row">Gävle kommun</th><td>2180</td>' in page
    assert "Inbjuden" in page
    send_survey_notices("2027-05-20")
    assert [m.to for m in mail.outbox] == [["ifo@gavle.invalid"]]


def test_an_edition_is_copied_as_next_year_s_from_the_page(olle, edition):
    page = client_for(olle).get(f"/enkater/{edition.pk}/utskick/").content.decode()
    assert f'value="{edition.year + 1}"' in page
    got = client_for(olle).post(
        f"/enkater/{edition.pk}/kopiera/",
        {"kopia-title": "Barnbarometern 2027", "kopia-year": "2027"},
    )
    copy = Edition.objects.get(title="Barnbarometern 2027")
    assert got["Location"] == f"/enkater/{copy.pk}/utskick/"
    assert copy.copied_from == edition and copy.year == 2027


def test_another_organiser_finds_no_sending_page(otto, edition):
    assert client_for(otto).get(f"/enkater/{edition.pk}/utskick/").status_code == 404
    refused = client_for(otto).post(
        f"/enkater/{edition.pk}/kopiera/", {"kopia-title": "Stulen", "kopia-year": "2027"}
    )
    assert refused.status_code == 404
    assert not Edition.objects.filter(title="Stulen").exists()
