"""A respondent answers the Barnbarometer on a phone through a personal link: no account, a
pre-filled proposal changed, saved as they go, resumed after a reload, submitted once; axe
clean and nothing sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from skyddsnat.accounts.models import Role
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.models import Response

WIDTH = 375


@pytest.fixture
def phone(browser: Browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="sv-SE",
        viewport={"width": WIDTH, "height": 800},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def test_a_respondent_answers_on_a_phone(cast, phone, axe_violations, screenshot):
    olle = cast.user("olle", Role.ORGANISER, None)
    edition = surveys.create_from_template(
        acting_user=olle, template="barnbarometer-2014", title="Barnbarometern 2026"
    )
    # Norrby runs Skyddsnät: its answers come pre-filled from its data (nothing registered last
    # year, so question 1 proposes "Vet ej" and says why).
    _, token = surveys.invite(acting_user=olle, edition_id=edition.pk, name="x", code="9901")

    phone.goto(f"/enkat/{token}/")
    expect(phone.get_by_role("heading", name="Barnbarometern 2026")).to_be_visible()
    assert axe_violations(phone) == []
    scroll = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert scroll <= 0

    q1 = phone.get_by_role("group", name="1. När socialtjänsten")
    expect(q1.get_by_label("Vet ej")).to_be_checked()
    expect(q1).to_contain_text("Förslag från era registrerade uppgifter: Inga förhandsbedömningar")
    q1.get_by_label("I de flesta fall").check()
    expect(phone.locator("#save-status")).to_contain_text("Sparat kl.")
    q9 = phone.get_by_role("group", name="9. Vilka anledningar")
    q9.get_by_label("Hög arbetsbelastning").check()
    q9.get_by_label("Annan anledning, nämligen:", exact=True).check()
    q9.get_by_label("Annan anledning, nämligen: (skriv vad)").fill("Sjukskrivningar")
    phone.wait_for_timeout(1500)
    expect(phone.locator("#save-status")).to_contain_text("Sparat kl.")
    screenshot(phone, "survey-answer")

    # Left and resumed through the same link: nothing typed is lost; changed before sending.
    phone.goto(f"/enkat/{token}/")
    q1 = phone.get_by_role("group", name="1. När socialtjänsten")
    expect(q1.get_by_label("I de flesta fall")).to_be_checked()
    expect(phone.get_by_label("Annan anledning, nämligen: (skriv vad)")).to_have_value(
        "Sjukskrivningar"
    )
    q1.get_by_label("Alltid").check()
    phone.get_by_role("button", name="Skicka in svaren").click()
    expect(phone.get_by_role("heading", name="Tack för era svar")).to_be_visible()
    assert axe_violations(phone) == []
    response = Response.objects.get()
    assert response.receipt in phone.content()
    answer = response.answers.get(question__number="1")
    assert answer.options.get().text == "Alltid"


def test_the_organiser_reads_the_results_table(cast, page, login, axe_violations, screenshot):
    olle = cast.user("olle", Role.ORGANISER, None)
    edition = surveys.create_from_template(
        acting_user=olle, template="barnbarometer-2014", title="Barnbarometern 2026"
    )
    spread = ["Alltid"] * 54 + ["I de flesta fall"] * 56 + ["Sällan"] * 18 + ["Aldrig"] * 32
    for i, option in enumerate(spread):
        surveys.import_response(
            acting_user=olle, edition_id=edition.pk, respondent=f"Kommun {i}", answers={"1": option}
        )
    login(page, olle)
    page.goto(f"/enkater/{edition.pk}/")
    table = page.locator("section[aria-labelledby=result-1]")
    expect(table).to_contain_text("33,8%")
    expect(table).to_contain_text("11,2%")
    assert axe_violations(page) == []
    screenshot(page, "survey-results")
