"""Nothing typed is lost: a half-written journal note survives closing the page and logging in."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import parse_qs

from django.utils import timezone
from playwright.sync_api import Browser, Response, expect

from skyddsnat.journal.models import JournalEntry
from tests.cast import pin_for
from tests.services.flow import case_about

ELSA = pin_for(date(2014, 4, 11), "girl", seed=11)
HALF_NOTE = "Hembesök hos familjen. Mamma berättade att"


def _saves_the_whole_note(response: Response) -> bool:
    """The autosave that carries everything typed (a slow machine may save a part first)."""
    request = response.request
    return (
        request.method == "POST"
        and request.url.endswith("/journal/utkast/")
        and parse_qs(request.post_data or "").get("text") == [HALF_NOTE]
    )


def test_a_half_written_note_survives_closing_the_page(
    cast, browser: Browser, live_server, login, axe_violations
):
    case = case_about(cast.alice, timezone.now() - timedelta(days=3), ELSA)
    journal_url = f"/arenden/{case.pk}/journal/"

    first = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = login(first.new_page(), cast.alice)
    page.goto(journal_url)
    assert axe_violations(page) == []
    with page.expect_response(_saves_the_whole_note, timeout=10_000) as saved:
        page.get_by_label("Ny anteckning").press_sequentially(HALF_NOTE)
    saved_at = re.search(r"\d\d:\d\d:\d\d", saved.value.text()).group()
    expect(page.locator("#draft-status")).to_contain_text(f"Utkast sparat kl. {saved_at}")
    first.close()

    second = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = login(second.new_page(), cast.alice)
    page.goto(journal_url)
    expect(page.get_by_label("Ny anteckning")).to_have_value(HALF_NOTE)
    expect(page.locator("#draft-status")).to_contain_text(f"Utkast sparat kl. {saved_at}")

    note = page.get_by_label("Ny anteckning")
    note.press("Control+End")
    note.press_sequentially(" pappa flyttat.")
    page.get_by_role("button", name="Signera").click()
    expect(page.get_by_text("Anteckningen är signerad.")).to_be_visible()
    signed = JournalEntry.objects.get(kind="note")
    assert signed.is_signed and signed.text == HALF_NOTE + " pappa flyttat."
    second.close()
