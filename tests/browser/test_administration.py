"""The administrator in a real browser (issue 14, acceptance): she creates a user and gives her a
unit and a role; the user logs in, enrols her authenticator app and sees her work list; the
administrator deactivates her and her open session ends. The administration pages pass axe and
are used with the keyboard."""

from __future__ import annotations

from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from skyddsnat.accounts.models import Unit, User
from tests.browser.conftest import PASSWORD


@pytest.fixture
def require_2fa(settings):
    settings.SKYDDSNAT_REQUIRE_2FA = True


def code_for(key: bytes) -> str:
    """Return the code an authenticator app shows now for ``key`` (django-otp's defaults)."""
    return f"{totp(key):06d}"


def enter_code(page: Page, code: str) -> None:
    page.get_by_label("Engångskod").fill(code)
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_load_state()


def test_the_administrator_creates_a_user_who_works_until_deactivated(
    cast, browser, page, live_server, login, axe_violations, require_2fa
):
    device = TOTPDevice.objects.create(user=cast.adam, name="app", confirmed=True)
    login(page, cast.adam)
    enter_code(page, code_for(device.bin_key))
    expect(page.get_by_role("heading", name="Administration", exact=True)).to_be_visible()
    assert axe_violations(page) == []

    # With the keyboard: the menu's "Användare", then "Ny användare".
    page.get_by_role("link", name="Ny användare").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Ny användare")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Användarnamn").fill("vera.exempel")
    page.get_by_label("Förnamn").fill("Vera")
    page.get_by_label("Efternamn").fill("Exempelsson")
    page.get_by_label("E-post").fill("vera@exempel.invalid")
    page.get_by_label("Roll").select_option(label="Handläggare")
    page.get_by_label("Utredning barn").check()
    page.get_by_label("Första lösenord (valfritt)").fill(PASSWORD)
    page.get_by_label("Första lösenord (valfritt)").press("Enter")
    expect(page.get_by_text("Användaren vera.exempel är skapad.")).to_be_visible()
    assert axe_violations(page) == []

    # The new user, in her own browser: password, then she enrols her authenticator app.
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    vera = context.new_page()
    vera.goto("/login/")
    vera.get_by_label("Användarnamn").fill("vera.exempel")
    vera.get_by_label("Lösenord").fill(PASSWORD)
    vera.get_by_role("button", name="Logga in").click()
    expect(vera.get_by_role("heading", name="Registrera din autentiseringsapp")).to_be_visible()
    assert axe_violations(vera) == []
    key = b32decode(vera.locator("#totp-key").inner_text().strip())
    enter_code(vera, code_for(key))
    expect(vera.get_by_role("heading", name="Mina ärenden")).to_be_visible()
    expect(vera.get_by_text("Vera Exempelsson")).to_be_visible()

    # The administrator deactivates her; her next step lands on the login page.
    page.get_by_role("button", name="Inaktivera", exact=True).click()
    expect(page.get_by_text("Användaren är inaktiverad.")).to_be_visible()
    vera.reload()
    vera.wait_for_url("**/login/**")
    expect(vera.get_by_role("heading", name="Logga in i Skyddsnät")).to_be_visible()
    context.close()

    for path in (
        "/administration/enheter/",
        "/administration/anvandare/",
        "/administration/import/",
        "/administration/logg/",
    ):
        page.goto(path)
        assert axe_violations(page) == [], path
    expect(page.get_by_role("cell", name="Användare inaktiverad")).to_be_visible()


SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "anvandare.csv"


def test_the_administrator_imports_users_from_a_csv_file(cast, page, login, axe_violations):
    Unit.objects.create(municipality=cast.norrby, name="Familjehem", kind="foster_care")
    Unit.objects.create(municipality=cast.norrby, name="Öppenvården", kind="open_care")
    login(page, cast.adam)
    page.goto("/administration/import/")
    page.get_by_label("CSV-fil från HR eller AD").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Förhandsgranska").click()
    expect(page.get_by_text("Alla rader är rätt: 5 nya och 0 uppdaterade")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Bekräfta och spara").click()
    expect(page.get_by_text("Importen är klar: 5 nya och 0 uppdaterade användare.")).to_be_visible()
    petra = User.objects.get(username="petra.nyqvist")
    assert {u.name for u in petra.units.all()} == {"Familjehem", "Öppenvården"}
    assert User.objects.get(username="jonas.ek").employment_ended_on.isoformat() == "2026-08-31"


def test_a_wrong_row_is_named_and_nothing_is_imported(cast, page, login, tmp_path):
    wrong = tmp_path / "fel.csv"
    wrong.write_text(
        "anvandarnamn;fornamn;efternamn;epost;roll;enheter;anstalld_fran;anstalld_till\n"
        "kim;Kim;Ek;;kock;;;\n",
        encoding="utf-8",
    )
    login(page, cast.adam)
    page.goto("/administration/import/")
    page.get_by_label("CSV-fil från HR eller AD").set_input_files(str(wrong))
    page.get_by_role("button", name="Förhandsgranska").click()
    expect(page.get_by_role("alert")).to_contain_text("Rad 2: roll: 'kock' är ingen roll")
    expect(page.get_by_role("button", name="Bekräfta och spara")).to_have_count(0)
    assert not User.objects.filter(username="kim").exists()


def test_the_yearly_children_and_the_plan_by_keyboard(cast, page, login, axe_violations):
    login(page, cast.adam)
    page.get_by_role("link", name="Antal barn i kommunen").click()
    expect(page.get_by_role("heading", name="Antal barn i kommunen", level=1)).to_be_visible()
    page.get_by_role("spinbutton", name="År (obligatoriskt)", exact=True).fill("2025")
    page.get_by_role("spinbutton", name="Antal barn 0–17 år").fill("1640")
    page.keyboard.press("Enter")
    expect(page.get_by_role("row", name="2025 1640")).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/administration/gallring/")
    expect(page.get_by_text("Inget beslut: akterna bevaras.")).to_be_visible()
    page.get_by_label("Gallras efter antal år").fill("10")
    page.get_by_label("Beslut", exact=True).fill("Informationshanteringsplan, SN 2026-03-01 § 12")
    page.get_by_label("Beslut", exact=True).press("Enter")
    expect(page.get_by_text("Gallras 10 år efter den sista anteckningen.")).to_be_visible()
    assert axe_violations(page) == []
