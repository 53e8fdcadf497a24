"""Enhetens översikt in a real browser: a manager re-assigns a case; axe."""

from __future__ import annotations

from playwright.sync_api import expect

from skyddsnat import clock
from skyddsnat.cases.models import CaseworkerAssignment
from tests.web.builders import story


def _caseload_cells(page, name: str) -> list[str]:
    row = page.locator("#caseload").get_by_role("row").filter(has_text=name)
    return [cell.strip() for cell in row.get_by_role("cell").all_inner_texts()]


def test_a_manager_reassigns_a_case(cast, page, login, axe_violations, screenshot):
    cases = story(cast, clock.today())
    login(page, cast.maja)
    page.wait_for_url("**/enhet/")
    expect(page.get_by_role("heading", name="Enhetens översikt", level=1)).to_be_visible()
    assert _caseload_cells(page, "Bob Testsson")[0] == "1"
    assert axe_violations(page) == []
    screenshot(page, "unit-view")

    row = page.locator(f"#case-row-{cases.late.pk}")
    row.get_by_label("Ny ansvarig handläggare för Ebba Lindqvist").select_option(
        label="Bob Testsson"
    )
    row.get_by_role("button", name="Byt").click()

    row = page.locator(f"#case-row-{cases.late.pk}")
    row.locator(".responsible", has_text="Bob Testsson").wait_for()
    expect(
        page.get_by_role("status").filter(
            has_text="Bob Testsson är nu ansvarig för Ebba Lindqvist."
        )
    ).to_be_visible()
    assert _caseload_cells(page, "Bob Testsson")[0] == "2"
    assert _caseload_cells(page, "Alice Testsson")[0] == "6"
    assert CaseworkerAssignment.objects.get(case=cases.late).caseworker == cast.bob
    assert axe_violations(page) == []

    # The access log says, in words, that Bob now answers for Ebba's case.
    page.get_by_role("link", name="Åtkomstlogg").click()
    page.wait_for_url("**/enhet/logg/")
    row = page.get_by_role("row").filter(has_text="Ansvarig handläggare").first
    expect(row).to_contain_text("Ebba Lindqvist")
    row.get_by_role("link", name="Ebba Lindqvist").click()
    page.wait_for_url("**/enhet/logg/?barn=*")
    mine = page.get_by_role("row").filter(has_text="Maja Testsson").first
    expect(mine).to_contain_text("RegistreringEbba Lindqvist")
    expect(mine).to_contain_text("Ansvarig handläggare")
    assert axe_violations(page) == []


def test_a_manager_assigns_a_case_from_att_fordela(cast, page, login, axe_violations):
    cases = story(cast, clock.today())
    login(page, cast.maja)
    page.wait_for_url("**/enhet/")
    queue = page.locator("#unit-queue")
    expect(queue.get_by_role("heading", name="Att fördela", level=2)).to_be_visible()
    row = queue.locator(f"#queue-row-{cases.unassigned.pk}")
    expect(row.locator("time")).to_be_visible()  # its due date
    assert axe_violations(page) == []

    row.get_by_label("Handläggare för Tyra Wikström").select_option(label="Bob Testsson")
    row.get_by_role("button", name="Tilldela").click()
    expect(page.get_by_text("Bob Testsson är nu ansvarig för Tyra Wikström.")).to_be_visible()
    expect(page.locator("#unit-queue")).to_contain_text("Inga ärenden väntar på att fördelas.")
    cases.unassigned.refresh_from_db()
    assert cases.unassigned.responsible == cast.bob
    assert axe_violations(page) == []
