"""Mina ärenden in a real browser: the overdue obligation, its explanation by keyboard, axe, phone."""

from __future__ import annotations

from playwright.sync_api import expect

from skyddsnat import clock
from tests.browser.conftest import PASSWORD
from tests.web.builders import story


def test_a_caseworker_sees_an_overdue_obligation_on_the_start_page(
    cast, page, login, axe_violations, screenshot
):
    story(cast, clock.today())
    login(page, cast.alice)
    page.wait_for_url("**/arenden/")
    expect(page.get_by_role("heading", name="Mina ärenden", level=1)).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Ebba Lindqvist")
    expect(row.get_by_text("Försenad", exact=True)).to_be_visible()
    expect(row.get_by_text("6 dagar sen")).to_be_visible()
    assert "1 försenat" in page.locator(".counts").inner_text()
    assert axe_violations(page) == []
    screenshot(page, "start-page")

    # The rule's explanation, reached with the keyboard: Tab from the child's name.
    row.get_by_role("link", name="Ebba Lindqvist").focus()
    page.keyboard.press("Tab")
    why = row.get_by_role("button", name="Varför?")
    assert why.evaluate("el => el === document.activeElement")
    explanation = row.get_by_role("tooltip")
    expect(explanation).to_be_visible()
    assert "14 dagar" in explanation.inner_text() or "förhandsbedömning" in (
        explanation.inner_text().lower()
    )
    assert why.get_attribute("aria-describedby") == explanation.get_attribute("id")
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    expect(explanation).to_be_hidden()


def test_the_start_page_fits_a_phone_without_scrolling_sideways(cast, browser, live_server):
    story(cast, clock.today())
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        page.goto("/login/")
        page.get_by_label("Användarnamn").fill("alice")
        page.get_by_label("Lösenord").fill(PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url("**/arenden/")
        expect(page.get_by_text("Ebba Lindqvist")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_role("button", name="Varför?").first.focus()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
