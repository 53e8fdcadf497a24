"""An organiser changes a question of an unsent edition on the web with the keyboard only:
the wording and an option changed, the question keeps its identity; axe clean."""

from __future__ import annotations

from playwright.sync_api import expect

from skyddsnat.accounts.models import Role
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.models import Question


def test_the_organiser_edits_a_question_by_keyboard(cast, page, login, axe_violations):
    olle = cast.user("olle", Role.ORGANISER, None)
    edition = surveys.create_from_template(
        acting_user=olle, template="barnbarometer-2014", title="Barnbarometern 2027"
    )
    login(page, olle)
    page.goto(f"/enkater/{edition.pk}/fragor/")
    expect(page.get_by_role("heading", name="Barnbarometern 2027: frågor")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Ändra fråga 15").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Ändra fråga 15")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("#id_fraga-text").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Har förvaltningen en strategi för sociala medier?")
    page.keyboard.press("Tab")  # to the kind
    expect(page.locator("#id_fraga-kind")).to_be_focused()
    page.keyboard.press("Tab")  # to the options
    expect(page.locator("#id_fraga-options")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("Ja, skriftlig\nNej\nVet ej")
    page.get_by_role("button", name="Spara frågan").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Fråga 15 är ändrad.")).to_be_visible()
    expect(page.locator("#fraga-15")).to_contain_text("Har förvaltningen en strategi")
    assert axe_violations(page) == []
    changed = Question.objects.get(edition=edition, number="15")
    assert changed.key == "social-media-strategy"
    assert [o.text for o in changed.options.all()] == ["Ja, skriftlig", "Nej", "Vet ej"]

    # A bad change is refused beside its field, in Swedish, and still axe clean.
    page.get_by_role("link", name="Ändra fråga 15").focus()
    page.keyboard.press("Enter")
    page.locator("#id_fraga-options").fill("Bara ett")
    page.get_by_role("button", name="Spara frågan").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ange minst två svarsalternativ.")).to_be_visible()
    assert axe_violations(page) == []


def test_the_new_questions_text_is_kept_as_a_draft_and_restored(cast, page, login):
    olle = cast.user("olle", Role.ORGANISER, None)
    edition = surveys.create_from_template(
        acting_user=olle, template="barnbarometer-2014", title="Barnbarometern 2027"
    )
    login(page, olle)
    page.goto(f"/enkater/{edition.pk}/fragor/")
    page.locator("#id_ny-text").focus()
    page.keyboard.type("Hur många  barn?")
    page.keyboard.press("Tab")  # leaving the field saves the draft
    expect(page.locator("#ny-draft")).to_contain_text("Utkast sparat kl.")
    page.reload()
    expect(page.locator("#id_ny-text")).to_have_value("Hur många  barn?")
    expect(page.locator("#ny-draft")).to_contain_text("återställt")
