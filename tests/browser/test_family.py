"""The family in a real browser: a child registered by number, the sibling offered from the
synthetic register, and the family panel of the case page (axe clean, the README's screenshot)."""

from __future__ import annotations

from playwright.sync_api import expect

from skyddsnat.cases.models import Case
from skyddsnat.people.models import PersonChange
from tests.browser.conftest import SCREENSHOTS
from tests.people.register_family import register_family


def dashed(number: str) -> str:
    return f"{number[:8]}-{number[8:]}"


def test_the_register_names_the_siblings_and_the_family_panel_changes_them(
    cast, page, login, axe_violations
):
    fam = register_family()
    login(page, cast.ida)
    page.goto("/mottagning/")
    page.locator("#id_children-0-personal_identity_number").fill(dashed(fam.children[0]))
    lookup = page.locator("#id_children-0-personal_identity_number_lookup")
    expect(lookup).to_contain_text("Alva Lind")
    page.get_by_role("button", name="Lägg till Elis Lind").click()
    expect(page.locator("#id_children-1-personal_identity_number")).to_have_value(
        dashed(fam.children[1])
    )
    assert axe_violations(page) == []
    page.locator("#id_reporter_category").select_option("school")
    page.locator("#id_reporter_name").fill("Rektor Rask")
    page.locator("#id_reasons_3").check()
    page.locator("#id_account").fill("Syskonen kommer till skolan utan mat.")
    page.get_by_role("button", name="Registrera").click()
    expect(page.get_by_text("2 ärenden har öppnats")).to_be_visible()

    case = Case.objects.filter(child__personal_identity_number=fam.children[0]).get()
    page.goto(f"/arenden/{case.pk}/")
    panel = page.locator("#family")
    expect(panel.get_by_role("heading", name="Barnet och familjen")).to_be_visible()
    expect(panel).to_contain_text("Karin Lind")
    expect(panel).to_contain_text("utan vårdnad")
    expect(panel.get_by_role("link", name="Öppna barnets ärende")).to_be_visible()

    # Add a contact person with the keyboard-usable disclosure form.
    panel.get_by_text("Lägg till närstående").click()
    add = panel.locator("form[action$='/familj/ny/']")
    add.get_by_label("Relation till barnet").select_option("contact_person")
    add.get_by_label("Förnamn").fill("Eva")
    add.get_by_label("Efternamn").fill("Berg")
    add.get_by_label("Telefon").fill("070-123 45 67")
    add.get_by_role("button", name="Lägg till").click()
    expect(page.get_by_text("Personen är tillagd bland barnets närstående.")).to_be_visible()
    expect(page.locator("#family")).to_contain_text("Eva Berg")

    # Change the father's address: the earlier value stays in the history.
    panel = page.locator("#family")
    panel.get_by_text("Ändra Johan").click()
    change = panel.locator("li", has_text="Johan Lind").locator("form")
    change.get_by_label("Adress").fill("Ekvägen 9, 123 45 Norrby")
    change.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Uppgifterna om Johan Lind är sparade.")).to_be_visible()
    page.locator("#family").get_by_text("Ändringshistorik").click()
    history = page.locator("#family table.history")
    expect(history).to_contain_text("Ekvägen 9, 123 45 Norrby")
    expect(history).to_contain_text("Storgatan 1, 123 45 Norrby")
    assert PersonChange.objects.filter(field="address", changed_by=cast.ida).count() == 1
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#family").screenshot(path=str(SCREENSHOTS / "family-panel.png"))
