"""The LVU section in a real browser: a caseworker records a contact restriction (LVU 14 §)
by keyboard and sees its next consideration due within three months; axe clean."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from skyddsnat.interventions.models import LvuMeasure
from tests.web.casework import placement_case

TODAY = date(2026, 9, 1)


def test_a_caseworker_records_a_contact_restriction(
    cast, frozen_today, page, login, axe_violations
):
    frozen_today(TODAY)
    case, _placement = placement_case(cast.alice, TODAY)
    login(page, cast.alice)
    page.goto(f"/arenden/{case.pk}/insatser/")
    expect(page.get_by_role("heading", name="LVU: förvaltningsrätten och åtgärder")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_text("Registrera åtgärd enligt LVU").click()
    page.get_by_label("Umgängesbegränsning (14 § andra stycket 1)").check()
    save = page.get_by_role("button", name="Registrera åtgärd")
    save.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Åtgärden är registrerad.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Umgängesbegränsning (14 § andra stycket 1)")
    ).to_be_visible()
    expect(page.get_by_text("2026-12-01").first).to_be_visible()
    assert axe_violations(page) == []
    assert LvuMeasure.objects.filter(case=case, kind="contact_restriction").exists()
