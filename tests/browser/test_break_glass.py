"""Break-glass (nödåtkomst) in a real browser: a caseworker refused a case asks for emergency
access by keyboard and reads the case under the banner; the unit's manager reviews it; axe."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from skyddsnat import clock
from skyddsnat.accounts.models import BreakGlassAccess
from tests.web.builders import named_case

EXPLANATION = "Polisen ringer om barnet i natt"


def test_a_caseworker_breaks_glass_and_the_manager_reviews_it(
    cast, page, login, axe_violations, screenshot
):
    # Bob's case in the investigation unit; Carl works in the intake unit only.
    case = named_case(cast.bob, clock.today() - timedelta(days=2), "Liam Ahmed", sex="boy")

    login(page, cast.carl)
    page.goto(f"/arenden/{case.pk}/")
    expect(page.get_by_role("heading", name="Ingen behörighet", level=1)).to_be_visible()
    offer = page.get_by_role("link", name="Begär nödåtkomst")
    expect(offer).to_be_visible()
    assert axe_violations(page) == []

    # By keyboard only: the offer, a reason, the explanation, the button.
    offer.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Begär nödåtkomst", level=1)).to_be_visible()
    page.get_by_role("radio", name="Akut skyddsbehov för barnet").focus()
    page.keyboard.press("ArrowDown")  # moves to and selects "Jour eller beredskap"
    expect(page.get_by_role("radio", name="Jour eller beredskap")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Beskriv varför du behöver läsa ärendet nu")).to_be_focused()
    page.keyboard.type(EXPLANATION)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Begär nödåtkomst")).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/arenden/{case.pk}/")
    banner = page.locator(".break-glass-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("du läser ärendet med nödåtkomst")
    expect(banner).to_contain_text("Du kan inte ändra i det")
    expect(page.get_by_role("heading", name="Liam Ahmed", level=1)).to_be_visible()
    assert axe_violations(page) == []
    access = BreakGlassAccess.objects.get()
    assert (access.user, access.case, access.reason) == (cast.carl, case, "on_call")

    page.context.clear_cookies()
    login(page, cast.maja)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Nödåtkomst").click()
    expect(page.get_by_role("heading", name="Nödåtkomster att granska", level=1)).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Carl Testsson")
    expect(row).to_contain_text(EXPLANATION)
    expect(row).to_contain_text("Jour eller beredskap")
    expect(row.get_by_role("button", name="Flagga för uppföljning")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "break-glass-review")

    row.get_by_role("button", name="Granskad – i sin ordning").click()
    expect(page.get_by_role("status")).to_contain_text("Nödåtkomsten är granskad.")
    row = page.get_by_role("row").filter(has_text="Carl Testsson")
    expect(row).to_contain_text("Granskad")
    expect(row.get_by_role("button")).to_have_count(0)
    assert axe_violations(page) == []
    access.refresh_from_db()
    assert access.reviewed_by == cast.maja and not access.flagged
