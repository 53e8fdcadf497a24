"""Enhetens personal in a real browser: a manager records an employment period with the
keyboard, corrects it, sets her unit's caseload target and sees it on the unit view; axe."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from skyddsnat.accounts.models import EmploymentPeriod


def test_a_manager_keeps_her_units_staff(cast, page, live_server, login, axe_violations):
    EmploymentPeriod.objects.create(
        user=cast.alice, unit=cast.inv_unit, role="caseworker", started_on=date(2021, 1, 1)
    )
    login(page, cast.maja)
    page.wait_for_url("**/enhet/")
    page.get_by_role("link", name="Enhetens personal och mål för ärendebelastning").click()
    expect(page.get_by_role("heading", name="Enhetens personal", level=1)).to_be_visible()
    assert axe_violations(page) == []

    form = page.locator("form[aria-labelledby='new-heading']")
    form.get_by_label("Person").select_option(label="Bob Testsson")
    form.get_by_label("Enhet").select_option(label="Utredning barn")
    form.get_by_label("Från").fill("2024-03-01")
    form.get_by_label("Till och med").fill("2024-02-01")
    form.get_by_role("button", name="Spara perioden").click()
    expect(page.get_by_text("Slutdagen kan inte vara före startdagen.")).to_be_visible()
    assert axe_violations(page) == []

    form = page.locator("form[aria-labelledby='new-heading']")
    form.get_by_label("Till och med").fill("")
    form.get_by_label("Till och med").press("Enter")
    expect(page.get_by_text("Anställningsperioden är sparad.")).to_be_visible()
    assert EmploymentPeriod.objects.filter(user=cast.bob).count() == 1

    page.get_by_role("link", name="Rätta Alice Testsson 2021-01-01").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alice Testsson")
    assert axe_violations(page) == []
    page.get_by_label("Till och med").fill("2026-01-31")
    page.get_by_label("Orsak till att anställningen upphörde").select_option(
        label="Egen uppsägning"
    )
    page.get_by_role("button", name="Spara rättelsen").click()
    expect(page.get_by_text("Anställningsperioden är rättad.")).to_be_visible()

    target = page.locator(f"form[aria-labelledby='target-{cast.inv_unit.pk}']")
    target.get_by_label("Mål: öppna ärenden per handläggare").fill("12")
    target.get_by_role("button", name="Spara målet för Utredning barn").click()
    expect(page.get_by_text("Målet för Utredning barn är sparat.")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Enhetens översikt").first.click()
    page.wait_for_url("**/enhet/")
    expect(page.locator("#caseload")).to_contain_text("av 12")
