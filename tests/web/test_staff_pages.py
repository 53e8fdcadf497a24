"""The manager's staff pages: periods listed, appended, corrected, imported; caseload target;
a caseworker's own employment."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from skyddsnat.accounts.models import EmploymentPeriod, Unit


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _period(cast, **kw):
    values = {"user": cast.alice, "unit": cast.inv_unit, "role": "caseworker"}
    values.update(kw)
    return EmploymentPeriod.objects.create(started_on=date(2022, 1, 1), **values)


def test_the_manager_lists_and_appends_periods(cast):
    _period(cast)
    client = client_for(cast.maja)
    page = client.get("/enhet/personal/").content.decode()
    assert "Alice Testsson" in page and "2022-01-01" in page
    response = client.post(
        "/enhet/personal/",
        {
            "user": cast.bob.pk,
            "unit": cast.inv_unit.pk,
            "role": "caseworker",
            "started_on": "2024-02-01",
            "ended_on": "2026-01-31",
            "reason_for_leaving": "resigned",
        },
    )
    assert response.status_code == 302
    assert EmploymentPeriod.objects.get(user=cast.bob).ended_on == date(2026, 1, 31)


def test_a_bad_period_gets_the_messages_beside_its_fields(cast):
    response = client_for(cast.maja).post(
        "/enhet/personal/",
        {
            "user": cast.bob.pk,
            "unit": cast.inv_unit.pk,
            "role": "caseworker",
            "started_on": "2024-02-01",
            "ended_on": "2024-01-01",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Slutdagen kan inte vara före startdagen." in page
    assert "Välj varför anställningen upphörde." in page
    assert not EmploymentPeriod.objects.exists()


def test_the_manager_corrects_a_period(cast):
    period = _period(cast)
    client = client_for(cast.maja)
    assert client.get(f"/enhet/personal/{period.pk}/").status_code == 200
    response = client.post(
        f"/enhet/personal/{period.pk}/",
        {
            "user": cast.alice.pk,
            "unit": cast.inv_unit.pk,
            "role": "caseworker",
            "started_on": "2022-01-01",
            "ended_on": "2026-02-28",
            "reason_for_leaving": "retired",
        },
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert (period.ended_on, period.reason_for_leaving) == (date(2026, 2, 28), "retired")
    other = _period(cast, user=cast.carl, unit=cast.intake_unit)
    assert client.get(f"/enhet/personal/{other.pk}/").status_code == 404


def test_the_hr_import_previews_then_saves(cast):
    client = client_for(cast.maja)
    text = (
        "anvandarnamn;enhet;fran;till;orsak\nalice;Utredning barn;2021-01-01;2026-01-31;Pension\n"
    )
    upload = SimpleUploadedFile("hr.csv", text.encode())
    preview = client.post("/enhet/personal/import/", {"file": upload})
    assert preview.status_code == 200
    assert "Alla rader är rätt: 1 nya och 0 rättade" in preview.content.decode()
    assert not EmploymentPeriod.objects.exists()
    done = client.post("/enhet/personal/import/bekrafta/", {"text": text})
    assert done.status_code == 302
    assert EmploymentPeriod.objects.get().reason_for_leaving == "retired"
    bad = client.post("/enhet/personal/import/bekrafta/", {"text": text.replace("Pension", "?")})
    assert bad.status_code == 422
    assert "Rad 2" in bad.content.decode()


def test_the_manager_sets_the_caseload_target(cast):
    client = client_for(cast.maja)
    response = client.post(
        f"/enhet/personal/enheter/{cast.inv_unit.pk}/mal/", {f"u{cast.inv_unit.pk}-target": "14"}
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=cast.inv_unit.pk).caseload_target == 14
    client.post(
        f"/enhet/personal/enheter/{cast.inv_unit.pk}/mal/", {f"u{cast.inv_unit.pk}-target": "0"}
    )
    assert Unit.objects.get(pk=cast.inv_unit.pk).caseload_target == 14


def test_a_caseworker_reads_her_own_employment_only(cast):
    _period(cast)
    _period(cast, user=cast.bob)
    page = client_for(cast.alice).get("/min-anstallning/").content.decode()
    assert "Alice Testsson" in page and "Bob Testsson" not in page
