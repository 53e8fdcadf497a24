"""Nothing typed is lost: a half-written investigation plan survives closing the page and logging in.

The live server runs on the real clock, so the case is built with dates relative to today.
"""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Browser, expect

from skyddsnat import clock
from skyddsnat.investigations.models import Investigation
from skyddsnat.journal.models import FormDraft
from tests.web.casework import investigation_case

HALF_QUESTION = "Får Anna den omsorg hon behöver när mamma"
CONTACTS = "Skolan och BVC.\nMormor, som hämtar på fredagar."


def test_a_half_written_plan_survives_closing_the_page(
    cast, browser: Browser, live_server, login, axe_violations
):
    case = investigation_case(cast.alice, clock.today())
    url = f"/arenden/{case.pk}/utredning/"

    first = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = login(first.new_page(), cast.alice)
    page.goto(url)
    plan = page.locator("#plan")
    plan.get_by_label("Frågor att utreda").press_sequentially(HALF_QUESTION)
    status = page.locator("#plan-draft")
    expect(status).to_contain_text("Utkast sparat kl.", timeout=8_000)  # a pause in typing
    expect(status).to_have_attribute("role", "status")
    contacts = plan.get_by_label("Vilka som ska kontaktas")
    contacts.fill(CONTACTS)
    contacts.press("Tab")  # leaving the field
    # The autosave keeps line breaks as CRLF, as the beacon sent when a page closes does: which
    # of the two arrives last never changes the draft.
    # (The first answer may be the autosave of the field left for this one: wait for this one's.)
    contacts_kept = ""
    for _ in range(50):
        draft = FormDraft.objects.get(case=case, form_key="investigation.plan")
        contacts_kept = draft.data.get("contacts", "")
        if contacts_kept:
            break
        page.wait_for_timeout(100)
    assert contacts_kept == CONTACTS.replace("\n", "\r\n")
    # The page names the time of the last save: the one that kept the contacts.
    saved_at = timezone.localtime(draft.saved_at).strftime("%H:%M:%S")
    expect(status).to_contain_text(f"Utkast sparat kl. {saved_at}")
    first.close()

    second = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = login(second.new_page(), cast.alice)
    page.goto(url)
    plan = page.locator("#plan")
    expect(plan.get_by_label("Frågor att utreda")).to_have_value(HALF_QUESTION)
    expect(plan.get_by_label("Vilka som ska kontaktas")).to_have_value(CONTACTS)
    expect(page.locator("#plan-draft")).to_contain_text(
        f"Utkast från kl. {saved_at[:5]} återställt"
    )
    assert axe_violations(page) == []

    questions = plan.get_by_label("Frågor att utreda")
    questions.press("Control+End")
    questions.press_sequentially(" är sjuk?")
    plan.get_by_role("button", name="Spara planen").click()
    expect(page.locator("#plan")).to_contain_text("Utredningsplanen är sparad.")
    investigation = Investigation.objects.get(case=case)
    assert investigation.plan_questions == HALF_QUESTION + " är sjuk?"
    assert investigation.plan_contacts.replace("\r\n", "\n") == CONTACTS
    # The autosave fired by leaving the field ran before the save, so no draft outlives it.
    page.wait_for_timeout(500)
    assert not FormDraft.objects.filter(case=case).exists()
    second.close()
