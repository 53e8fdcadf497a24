"""Uppföljning in a real browser: a manager chooses a period, opens a definition by keyboard; axe."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.indicators.test_service import _cases


def test_a_manager_follows_up_the_year_and_a_quarter(
    cast, frozen_today, page, login, axe_violations, screenshot
):
    frozen_today(date(2027, 1, 15))
    _cases(cast, 12, 1)
    login(page, cast.maja)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Uppföljning").click()
    page.wait_for_url("**/uppfoljning/")
    expect(page.get_by_role("heading", name="Uppföljning", level=1)).to_be_visible()
    page.get_by_label("År", exact=True).fill("2026")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url("**/uppfoljning/?kind=year&year=2026*")
    figure = page.locator("#indicator-reports_investigated_share")
    assert "67 %" in figure.locator(".figure").inner_text().replace("\u00a0", " ")
    assert figure.locator(".basis").first.inner_text() == "6 av 9"
    chart = figure.get_by_role("img")
    expect(chart).to_be_visible()
    assert "2026: 67 % (6 av 9)" in chart.locator("title").text_content().replace("\u00a0", " ")
    assert axe_violations(page) == []
    screenshot(page, "followup")

    # Another period: the second quarter of 2026.
    page.get_by_label("Periodtyp").select_option(label="Kvartal")
    page.get_by_label("Halvår, kvartal eller månad").select_option(label="Andra kvartalet")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url("**part=Q2*")
    expect(page.get_by_text("Andra kvartalet 2026", exact=False).first).to_be_visible()
    assert page.get_by_label("Periodtyp").input_value() == "quarter"

    # The definition, one keypress away.
    summary = page.locator("#indicator-prelim_within_14d_share summary", has_text="Definition")
    summary.focus()
    page.keyboard.press("Enter")
    definition = page.locator("#indicator-prelim_within_14d_share details.definition")
    expect(definition).to_have_attribute("open", "")
    expect(definition.get_by_text("Täljare:", exact=False)).to_be_visible()
    assert axe_violations(page) == []

    # The Barnbarometer of the same year, answered from data.
    page.get_by_role("link", name="Barnbarometern 2026 besvarad från data").click()
    page.wait_for_url("**/uppfoljning/barnbarometer/?year=2026")
    expect(page.get_by_role("heading", name="Barnbarometern 2026 från data")).to_be_visible()
    question = page.locator("#question-2")
    assert "9 av 9 förhandsbedömningar: barnet kom till tals" in question.inner_text()
    assert question.locator(".proposed").inner_text() == "Alltid"
    assert axe_violations(page) == []
