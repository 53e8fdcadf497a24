"""Single sign-on in a real browser through the local test provider's authorize page; the login
page with its button and the refusal page pass axe (decision 0024)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider


@pytest.fixture
def provider(settings, live_server):
    with Provider() as running:
        settings.SKYDDSNAT_OIDC_DISCOVERY_URL = running.discovery_url
        settings.SKYDDSNAT_OIDC_CLIENT_ID = CLIENT_ID
        settings.SKYDDSNAT_OIDC_CLIENT_SECRET = CLIENT_SECRET
        settings.SKYDDSNAT_BASE_URL = live_server.url
        yield running


def test_a_caseworker_logs_in_with_the_municipalitys_account(cast, page, provider, axe_violations):
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123"}
    page.goto("/login/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    expect(page.get_by_role("heading", name="Kommunens testinloggning")).to_be_visible()
    page.get_by_role("button", name="Godkänn").click()
    page.wait_for_url("**/arenden/")
    expect(page.get_by_text("Alice Testsson")).to_be_visible()


def test_an_unknown_account_gets_a_swedish_refusal(cast, page, provider, axe_violations):
    provider.claims = {"sub": "nobody-we-know"}
    page.goto("/login/")
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    page.get_by_role("button", name="Godkänn").click()
    expect(page.get_by_role("heading", name="Inloggningen nekades")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("inte kopplat till någon användare")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Till inloggningssidan").click()
    expect(page.get_by_role("heading", name="Logga in i Skyddsnät")).to_be_visible()
