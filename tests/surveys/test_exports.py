"""The organiser's exports (Excel, PDF) and a municipality's pre-filled answers as a file."""

from __future__ import annotations

import io
import json

from django.test import Client
from openpyxl import load_workbook

from skyddsnat.accounts.models import Role
from skyddsnat.audit.models import AuditEvent
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.models import Respondent, Response


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def answered(olle, edition):
    for i, value in enumerate(["Alltid", "Alltid", "Sällan"]):
        surveys.import_response(
            acting_user=olle,
            edition_id=edition.pk,
            respondent=f"Kommun {i}",
            answers={"1": value, "9": ["Annan anledning, nämligen:"]},
            other={"9": "=SUM(A1)" if i == 0 else "Sjukskrivningar"},
        )


def test_the_results_as_an_excel_workbook(olle, edition):
    answered(olle, edition)
    got = client_for(olle).get(f"/enkater/{edition.pk}/resultat.xlsx")
    assert got.status_code == 200
    assert got["Content-Disposition"].endswith(f'enkat-{edition.pk}-resultat.xlsx"')
    book = load_workbook(io.BytesIO(got.content))
    rows = list(book["Resultat"].iter_rows(values_only=True))
    assert rows[0] == (
        "Fråga",
        "Frågetext",
        "Svarsalternativ",
        "Procent",
        "Andel",
        "Antal",
        "Svarande",
    )
    first = next(r for r in rows if r[0] == "1" and r[2] == "Alltid")
    assert first[3:] == ("66,7%", 2 / 3, 2, 3)
    texts = [r[2] for r in book["Fritext"].iter_rows(values_only=True)]
    assert "'=SUM(A1)" in texts  # a formula is written as text
    assert AuditEvent.objects.filter(action="export", detail="resultat, format=xlsx").exists()


def test_the_printable_report(olle, edition):
    answered(olle, edition)
    got = client_for(olle).get(f"/enkater/{edition.pk}/rapport.pdf")
    assert got.status_code == 200
    assert got["Content-Type"] == "application/pdf"
    assert got.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", detail="rapport, format=pdf").exists()


def test_another_organiser_gets_no_export(otto, edition):
    assert client_for(otto).get(f"/enkater/{edition.pk}/resultat.xlsx").status_code == 404
    assert client_for(otto).get(f"/enkater/{edition.pk}/rapport.pdf").status_code == 404


def test_the_pre_filled_answers_are_a_body_the_survey_api_accepts(cast, olle, edition, api_as):
    analyst = cast.user("anna_analys", Role.ANALYST, None)
    got = client_for(analyst).get("/uppfoljning/barnbarometer/svar.json?year=2025")
    assert got.status_code == 200, got.content
    document = json.loads(got.content)
    assert document["respondent"] == cast.norrby.code
    assert set(document) == {"respondent", "answers", "other"}
    assert document["answers"], document
    response = api_as(olle).post(f"/surveys/{edition.pk}/responses", document)
    assert response.status_code == 201, response.json()
    assert Respondent.objects.get(edition=edition).municipality == cast.norrby
    assert Response.objects.get(edition=edition).answers.count() == len(document["answers"])


def test_the_pre_filled_answers_need_an_indicator_role(olle):
    assert client_for(olle).get("/uppfoljning/barnbarometer/svar.json").status_code == 403
