"""Sök barn in a real browser: by keyboard from the header, the identity number never in the
address, and back from a case to the results without posting the search again."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from skyddsnat import clock
from tests.web.builders import named_case


def test_a_search_by_number_keeps_it_out_of_the_address_and_survives_the_back_button(
    cast, page, login, axe_violations
):
    case = named_case(cast.alice, clock.today() - timedelta(days=3), "Ebba Lindqvist", seed=21)
    number = case.child.personal_identity_number
    login(page, cast.alice)

    page.get_by_label("Sök barn (namn eller personnummer)", exact=True).focus()
    page.keyboard.type(f"{number[2:8]}-{number[8:]}")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?s=*")
    assert number[8:] not in page.url and number[2:8] not in page.url
    row = page.get_by_role("row").filter(has_text="Ebba Lindqvist")
    expect(row).to_be_visible()
    assert axe_violations(page) == []

    row.get_by_role("link", name=f"Ärende {case.pk}").click()
    page.wait_for_url(f"**/arenden/{case.pk}/")
    page.go_back()
    page.wait_for_url("**/sok/?s=*")
    expect(page.get_by_role("row").filter(has_text="Ebba Lindqvist")).to_be_visible()
