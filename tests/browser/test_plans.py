"""Vårdplan och genomförandeplan in a real browser: a caseworker writes and signs both plans for
a placed child by keyboard and sees the next review due; axe clean."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from skyddsnat.plans.models import Plan
from tests.web.casework import placement_case

TODAY = date(2026, 9, 1)


def _write(page, kind_heading: str) -> None:
    expect(page.get_by_role("heading", name="Skriv planen")).to_be_visible()
    page.get_by_label("Planen följs upp senast").fill("2027-03-01")
    page.get_by_label(re.compile(r"^Utbildning")).fill(
        "Går i skolan varje dag; mentorn följer upp."
    )
    page.get_by_label("Barnets synpunkter på planen").fill("Vill bo kvar och träffa mamma.")
    page.get_by_label("Vem gör vad").fill("Skolan: mentor. Socialsekreteraren: besök.")
    page.get_by_role("group", name="Barnet har deltagit i planeringen").get_by_label("Ja").check()
    save = page.get_by_role("button", name="Spara utkastet")
    save.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Utkastet till planen är sparat")).to_be_visible()
    sign = page.get_by_role("button", name="Signera planen")
    sign.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Planen är signerad.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"{kind_heading} i kraft")).to_be_visible()


def test_a_caseworker_writes_and_signs_both_plans(
    cast, frozen_today, page, login, axe_violations, screenshot
):
    frozen_today(TODAY)
    case, placement = placement_case(cast.alice, TODAY)
    login(page, cast.alice)
    page.goto(f"/arenden/{case.pk}/insatser/")
    page.get_by_role("link", name="Vårdplan", exact=True).click()
    page.wait_for_url(f"**/insatser/{placement.pk}/planer/vardplan/")
    assert axe_violations(page) == []
    _write(page, "Vårdplan")
    review = page.get_by_text("Nästa övervägande av vården")
    expect(review).to_be_visible()
    expect(page.get_by_text("Nästa uppföljning av planen")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "care-plan")

    page.get_by_role("link", name="Genomförandeplan", exact=True).first.click()
    page.wait_for_url(f"**/insatser/{placement.pk}/planer/genomforandeplan/")
    _write(page, "Genomförandeplan")
    assert axe_violations(page) == []
    signed = Plan.objects.filter(intervention=placement, signed_at__isnull=False)
    assert sorted(signed.values_list("kind", flat=True)) == ["care_plan", "implementation_plan"]
