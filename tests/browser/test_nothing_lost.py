"""Nothing typed is lost: a visit note survives the page closed within a second of the last key,
and a session that expires mid-form brings the user back to the form and its draft after the
login. The live server runs on the real clock, so the case is built with dates relative to today.
"""

from __future__ import annotations

import contextlib
import time

from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from skyddsnat import clock
from skyddsnat.journal.models import FormDraft
from tests.browser.conftest import PASSWORD
from tests.web.casework import placement_case

NOTE = "Barnet visade sitt rum.\n  Hon sa: ”jag vill bo kvar”  \n\nFamiljehemmet ber om "


def wait_for_draft(waiting: Page, **lookup) -> FormDraft:
    """Wait for the draft on ``waiting`` (another page: Playwright handles events while it waits)."""
    for _ in range(50):
        draft = FormDraft.objects.filter(**lookup).first()
        if draft is not None:
            return draft
        waiting.wait_for_timeout(100)
    raise AssertionError("no draft was saved")


def leave(dialog) -> None:
    """Answer the warning before leaving: leave (the page may be gone by then)."""
    with contextlib.suppress(PlaywrightError):
        dialog.accept()


def test_a_visit_note_survives_closing_the_page_within_a_second(
    cast, browser: Browser, live_server, login, axe_violations
):
    case, placement = placement_case(cast.alice, clock.today())
    url = f"/arenden/{case.pk}/insatser/"
    field = f"#id_visit-{placement.pk}-note"

    first = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = login(first.new_page(), cast.alice)
    page.goto(url)
    page.get_by_text("Registrera besök").click()
    page.locator(field).press_sequentially(NOTE)
    assert not FormDraft.objects.exists()  # no pause yet: nothing saved
    second = browser.new_context(base_url=live_server.url, locale="sv-SE")
    other = second.new_page()
    page.on("dialog", leave)  # the warning: text not saved
    typed = time.monotonic()
    page.close(run_before_unload=True)  # at once: well within a second of the last key
    assert time.monotonic() - typed < 1
    draft = wait_for_draft(other, case=case, form_key=f"visit.{placement.pk}")
    # A form's text is sent with CRLF line breaks (as the form's own save sends it).
    assert draft.data == {"note": NOTE.replace("\n", "\r\n")}
    first.close()

    page = login(other, cast.alice)
    page.goto(url)
    expect(page.locator(field)).to_have_value(NOTE)  # to the last character
    expect(page.locator(f"#visit-{placement.pk}-draft")).to_contain_text("återställt")
    assert axe_violations(page) == []
    second.close()


def test_leaving_a_page_with_unsaved_text_warns(cast, page, login, live_server):
    case, placement = placement_case(cast.alice, clock.today())
    login(page, cast.alice)
    page.goto(f"/arenden/{case.pk}/insatser/")
    page.get_by_text("Registrera besök").click()
    page.locator(f"#id_visit-{placement.pk}-note").press_sequentially("Halv mening")
    dialogs = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", dismiss)
    page.get_by_role("link", name="Vårdplan").first.click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith(f"/arenden/{case.pk}/insatser/")


def test_an_expired_session_brings_the_user_back_to_the_form_and_its_draft(
    cast, browser: Browser, live_server, login, settings, axe_violations
):
    settings.SESSION_COOKIE_AGE = 12  # warned 4 seconds before, at 8 seconds
    case, placement = placement_case(cast.alice, clock.today())
    url = f"/arenden/{case.pk}/insatser/"
    field = f"#id_review-{placement.pk}-note"
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(10_000)
    page = login(context.new_page(), cast.alice)
    page.goto(url)
    page.get_by_text("Registrera övervägande", exact=True).click()
    page.locator(field).press_sequentially("Placeringen fortsätter.")
    expect(page.locator(f"#review-{placement.pk}-draft")).to_contain_text("Utkast sparat")

    dialog = page.get_by_role("dialog", name="Du loggas snart ut")
    expect(dialog).to_be_visible(timeout=15_000)
    assert axe_violations(page) == []
    with page.expect_response(lambda r: r.url.endswith("/session/forlang/")) as kept:
        dialog.get_by_role("button", name="Fortsätt vara inloggad").click()
    assert kept.value.status == 204  # still logged in: the session is extended
    expect(dialog).to_be_hidden()

    # Nothing more happens: the session expires and the page goes to the login.
    login_url = f"{live_server.url}/login/?next=%2Farenden%2F{case.pk}%2Finsatser%2F"
    expect(page).to_have_url(login_url, timeout=25_000)
    settings.SESSION_COOKIE_AGE = 30 * 60
    page.get_by_label("Användarnamn").fill(cast.alice.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(f"{live_server.url}{url}")
    expect(page.locator(field)).to_have_value("Placeringen fortsätter.")
    context.close()


ACCOUNT = "Läraren ringde.\n  Barnet sa: ”pappa slog mig”  \n\nHon vill bli kontaktad "


def test_a_new_reports_account_survives_closing_the_page_within_a_second(
    cast, browser: Browser, live_server, login, axe_violations
):
    """The report has no case yet: its draft is the author's alone (decision 0036)."""
    first = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = login(first.new_page(), cast.ida)
    page.goto("/mottagning/")
    page.locator("#id_account").press_sequentially(ACCOUNT)
    assert not FormDraft.objects.exists()  # no pause yet: nothing saved
    second = browser.new_context(base_url=live_server.url, locale="sv-SE")
    other = second.new_page()
    page.on("dialog", leave)
    typed = time.monotonic()
    page.close(run_before_unload=True)  # at once: well within a second of the last key
    assert time.monotonic() - typed < 1
    draft = wait_for_draft(other, case__isnull=True, form_key="intake.report")
    assert draft.author == cast.ida
    assert draft.data["account"] == ACCOUNT.replace("\n", "\r\n")
    first.close()

    page = login(other, cast.ida)
    page.goto("/mottagning/")
    expect(page.locator("#id_account")).to_have_value(ACCOUNT)  # to the last character
    expect(page.locator("#form-draft")).to_contain_text("återställt")
    assert axe_violations(page) == []
    second.close()
