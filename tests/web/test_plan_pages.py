"""Vårdplan och genomförandeplan in the browser's pages: write, save, autosave, sign, revise,
history and the PDF."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.audit.models import AuditEvent
from skyddsnat.journal.models import FormDraft
from skyddsnat.plans.models import Plan
from tests.web.casework import placement_case

TODAY = date(2026, 9, 1)


@pytest.fixture
def alice(cast) -> Client:
    client = Client()
    client.force_login(cast.alice)
    return client


@pytest.fixture
def placement(cast, frozen_today):
    frozen_today(TODAY)
    return placement_case(cast.alice, TODAY)[1]


def url(name: str, placement, slug: str = "vardplan") -> str:
    return reverse(f"web:{name}", args=[placement.case_id, placement.pk, slug])


def posted(**extra) -> dict[str, str]:
    values = {
        "plan-drawn_up_on": TODAY.isoformat(),
        "plan-review_on": "2027-03-01",
        "plan-goal_child_development__education": "Går i skolan varje dag.",
        "plan-child_view": "Vill bo kvar.",
        "plan-responsibilities": "Skolan: mentor. Socialsekreteraren: besök.",
        "plan-child_participated": "yes",
    }
    values.update(extra)
    return values


def test_the_interventions_page_links_to_the_plans(alice, placement):
    page = alice.get(reverse("web:interventions", args=[placement.case_id])).content.decode()
    assert url("plan", placement) in page
    assert url("plan", placement, "genomforandeplan") in page


def test_a_caseworker_writes_saves_and_signs_a_care_plan(alice, placement):
    page = alice.get(url("plan", placement))
    assert page.status_code == 200
    assert "Skriv planen" in page.content.decode()
    answer = alice.post(url("plan_save", placement), posted())
    assert answer.status_code == 302
    plan = Plan.objects.get()
    assert (plan.number, plan.is_signed, plan.kind) == (1, False, "care_plan")
    answer = alice.post(url("plan_sign", placement), {"version": plan.version})
    assert answer.status_code == 302
    plan.refresh_from_db()
    assert plan.is_signed
    page = alice.get(url("plan", placement)).content.decode()
    assert "Vårdplan i kraft" in page
    assert "Går i skolan varje dag." in page
    assert "Revidera planen" in page
    assert "Nästa övervägande av vården" in page


def test_a_revision_is_a_new_version_and_the_history_shows_both(alice, placement):
    alice.post(url("plan_save", placement), posted())
    alice.post(url("plan_sign", placement), {"version": 1})
    alice.post(url("plan_save", placement), posted(**{"plan-child_view": "Vill flytta hem."}))
    alice.post(url("plan_sign", placement), {"version": 1})
    assert list(Plan.objects.values_list("number", "child_view")) == [
        (1, "Vill bo kvar."),
        (2, "Vill flytta hem."),
    ]
    page = alice.get(url("plan", placement)).content.decode()
    assert "Version 1" in page and "Version 2" in page
    old = alice.get(url("plan", placement) + "?version=1").content.decode()
    assert "Vill bo kvar." in old
    assert alice.get(url("plan", placement) + "?version=9").status_code == 404


def test_bad_input_is_shown_with_swedish_messages(alice, placement):
    answer = alice.post(url("plan_save", placement), posted(**{"plan-review_on": "2026-08-01"}))
    assert answer.status_code == 422
    assert "Uppföljningsdatumet måste vara efter" in answer.content.decode()
    assert not Plan.objects.exists()


def test_signing_an_incomplete_plan_says_what_is_missing(alice, placement):
    alice.post(url("plan_save", placement), posted(**{"plan-child_view": ""}))
    answer = alice.post(url("plan_sign", placement), {"version": 1})
    assert answer.status_code == 422
    assert "barnets synpunkter" in answer.content.decode()
    assert not Plan.objects.get().is_signed


def test_a_plan_is_not_signed_before_it_says_whether_the_child_took_part(alice, placement):
    alice.post(url("plan_save", placement), posted(**{"plan-child_participated": ""}))
    answer = alice.post(url("plan_sign", placement), {"version": 1})
    assert answer.status_code == 422
    assert "Ange om barnet har deltagit i planeringen." in answer.content.decode()
    assert not Plan.objects.get().is_signed
    alice.post(url("plan_save", placement), posted(**{"plan-child_participated": "no"}))
    alice.post(url("plan_sign", placement), {"version": 2})
    plan = Plan.objects.get()
    assert (plan.is_signed, plan.child_participated) == (True, False)
    page = alice.get(url("plan", placement)).content.decode()
    assert "Barnet har deltagit i planeringen" in page


def test_the_texts_autosave_as_a_draft_and_are_restored(alice, placement):
    key = f"plan.vardplan.{placement.pk}"
    answer = alice.post(
        reverse("web:form_draft", args=[placement.case_id, key]),
        {"plan-child_view": "Halvskrivet", "plan-goal_child_development__health": "Tandläkare"},
    )
    assert answer.status_code == 200
    assert FormDraft.objects.get().data["child_view"] == "Halvskrivet"
    page = alice.get(url("plan", placement)).content.decode()
    assert "Halvskrivet" in page and "Tandläkare" in page
    alice.post(url("plan_save", placement), posted())
    assert not FormDraft.objects.exists()


def test_the_signed_plan_is_a_pdf_and_its_export_is_audited(alice, placement):
    assert alice.get(url("plan_pdf", placement)).status_code == 404  # nothing signed yet
    alice.post(url("plan_save", placement), posted())
    alice.post(url("plan_sign", placement), {"version": 1})
    answer = alice.get(url("plan_pdf", placement))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", object_type="plans.plan").exists()


def test_an_unknown_plan_kind_or_open_care_is_not_found(alice, placement):
    assert alice.get(url("plan", placement, "nagonplan")).status_code == 404


def test_the_implementation_plan_page_has_no_housing_field(alice, placement):
    page = alice.get(url("plan", placement, "genomforandeplan"))
    assert page.status_code == 200
    assert "plan-long_term_housing" not in page.content.decode()
