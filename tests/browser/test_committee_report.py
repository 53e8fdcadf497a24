"""Rapport till nämnden in a real browser: a committee member opens it, picks a quarter; axe."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.cast import local, pin_for
from tests.indicators.test_committee import world  # noqa: F401 - the dataset fixture
from tests.services.flow import case_about, decide_preliminary


def _more_reports(cast) -> None:
    """Six reports in August 2026 that intake decided not to investigate: enough to show figures."""
    for n in range(6):
        case = case_about(
            cast.ida, local(2026, 8, 3 + n, 9), pin_for(date(2015, 3, 3), seed=60 + n)
        )
        decide_preliminary(cast.ida, case, date(2026, 8, 10 + n), "not_opened", reason="moved")


def test_a_committee_member_reads_the_quarterly_report(
    cast,
    world,  # noqa: F811
    page,
    login,
    axe_violations,
    screenshot,
):
    _more_reports(cast)
    login(page, cast.nils)
    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.get_by_role("link", name="Rapport till nämnden").click()
    page.wait_for_url("**/uppfoljning/namndrapport/")
    expect(page.get_by_role("heading", name="Rapport till nämnden", level=1)).to_be_visible()
    assert page.get_by_label("Kvartal", exact=True).input_value() == "3"

    needs_decision = page.get_by_role("table", name="3 utredningar som behöver beslut")
    expect(needs_decision).to_be_visible()
    extended = needs_decision.locator(f"#candidate-{world['extended'].pk}")
    assert "Ja, till 2026-12-15" in extended.inner_text()
    expect(page.get_by_role("link", name="Ladda ner som PDF")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "committee-report")

    # The report as it looks on paper: no menu, no form.
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Visa")).to_be_hidden()
    page.emulate_media(media="screen")

    # Another quarter.
    page.get_by_label("Kvartal", exact=True).select_option(label="Andra kvartalet (april–juni)")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url("**quarter=2*")
    expect(page.get_by_text("Andra kvartalet 2026", exact=False).first).to_be_visible()
    assert axe_violations(page) == []

    # A year that cannot be read.
    page.get_by_label("År", exact=True).fill("26")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url("**year=26*")
    expect(page.get_by_role("alert").get_by_text("Ange året med fyra siffror")).to_be_visible()
    assert axe_violations(page) == []
