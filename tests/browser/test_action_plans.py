"""Handlingsplan in a real browser: a manager writes a plan, a goal on an indicator, a measure,
revises the target; the committee reads the follow-up (chart and table); axe is clean on every
page and the forms are used from the keyboard."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from playwright.sync_api import expect

from skyddsnat import clock
from skyddsnat.actionplans import services


def test_a_manager_writes_a_plan_and_the_committee_follows_it_up(
    cast, page, login, axe_violations, screenshot
):
    year = clock.today().year
    login(page, cast.maja)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Handlingsplaner"
    ).click()
    page.wait_for_url("**/handlingsplaner/")
    expect(page.get_by_role("heading", name="Handlingsplaner", level=1)).to_be_visible()
    assert axe_violations(page) == []

    new = page.locator("form.form")
    new.get_by_label("Namn").fill("Utredningsenhetens handlingsplan")
    new.get_by_label("Gäller", exact=True).select_option(label="Utredning barn")
    new.get_by_label("Gäller från").fill(f"{year}-01-01")
    new.get_by_label("Gäller till").fill(f"{year + 1}-12-31")
    new.get_by_label("Gäller till").press("Enter")
    expect(page.get_by_text("Handlingsplanen är sparad.")).to_be_visible()
    assert axe_violations(page) == []

    goal = page.locator("form[action$='/mal/']")
    goal.get_by_role("textbox", name=re.compile(r"^Mål\b")).fill(
        "Fler förhandsbedömningar inom 14 dagar"
    )
    goal.get_by_label("Följs upp med indikatorn").select_option("prelim_within_14d_share")
    goal.get_by_label("Utgångsvärde").fill("70")
    goal.get_by_label("Målvärde").fill("95")
    goal.get_by_label("Målet nås senast").fill(f"{year + 1}-06-30")
    goal.get_by_role("button", name="Spara mål").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Målet är sparat.")).to_be_visible()

    page.get_by_text("Ny åtgärd", exact=True).click()
    measure = page.locator("form[action$='/atgard/']")
    measure.get_by_role("textbox", name=re.compile(r"^Åtgärd\b")).fill(
        "Daglig genomgång av nya anmälningar"
    )
    measure.get_by_label("Ansvarig").select_option(label="Alice Testsson")
    measure.get_by_label("Klar senast").fill(f"{year}-02-01")
    measure.get_by_role("button", name="Spara åtgärd").click()
    expect(page.get_by_text("Åtgärden är sparad.")).to_be_visible()
    expect(page.get_by_text("Försenad", exact=True)).to_be_visible()

    page.get_by_text("Ändra målet för", exact=False).click()
    revise = page.locator("form[action$='/malvarde/']")
    revise.get_by_label("Nytt målvärde").fill("90")
    revise.get_by_label("Skäl till ändringen").fill("Två vakanser under året.")
    revise.get_by_role("button", name="Spara nytt målvärde").click()
    expect(page.get_by_text("Det nya målvärdet är sparat.")).to_be_visible()
    expect(page.get_by_role("table", name="Målvärden för")).to_contain_text("(ersatt)")
    assert axe_violations(page) == []

    page.get_by_text("Ändra eller ta bort:", exact=False).click()
    edit = page.locator("form[action$='/atgard/andra/']")
    edit.get_by_label("Åtgärd").fill("Ny rutin för förhandsbedömning")
    assert axe_violations(page) == []
    edit.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_text("Åtgärden är ändrad.")).to_be_visible()
    expect(page.get_by_role("table", name="Mål och åtgärder som har ändrats")).to_contain_text(
        "Ny rutin för förhandsbedömning"
    )
    assert axe_violations(page) == []

    plan = services.plans_for(acting_user=cast.maja).get()
    services.add_goal(
        acting_user=cast.maja,
        plan_id=plan.pk,
        title="Barnet kommer till tals",
        indicator_id="prelim_child_heard_share",
        baseline=Decimal("50"),
        target=Decimal("80"),
        target_on=date(year + 1, 12, 31),
    )
    page.context.clear_cookies()
    login(page, cast.nils)
    page.goto(f"/handlingsplaner/{plan.pk}/uppfoljning/")
    expect(page.get_by_role("heading", name="Uppföljning av", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Andel förhandsbedömningar")).to_have_count(0)
    expect(page.locator("figure.ap-chart svg")).to_have_count(2)
    expect(page.get_by_role("table").first).to_be_visible()
    expect(page.get_by_text("1 åtgärd är försenad.")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "action-plan-follow-up")
    page.get_by_role("link", name="Visa per år").click()
    expect(page.get_by_text("Per år")).to_be_visible()
    assert axe_violations(page) == []
