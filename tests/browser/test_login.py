"""Logging in and out in a real browser; the login page passes axe."""

from __future__ import annotations

from playwright.sync_api import expect


def test_it_logs_a_caseworker_in_and_out(cast, page, login, axe_violations):
    page.goto("/login/")
    assert axe_violations(page) == []
    login(page, cast.alice)
    expect(page.get_by_text("Alice Testsson")).to_be_visible()
    expect(page.get_by_text("Norrby").first).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/login/")
    expect(page.get_by_role("heading", name="Logga in i Skyddsnät")).to_be_visible()


def test_it_explains_a_wrong_password_in_swedish(cast, page):
    page.goto("/login/")
    page.get_by_label("Användarnamn").fill("alice")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("korrekt")
