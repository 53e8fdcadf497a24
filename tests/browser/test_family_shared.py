"""A caseworker writes the family's part of BBIC once, in one sibling's investigation, and finds
it in the other sibling's (issue 10 item 2, decision 0037).

The live server runs on the real clock, so the cases are built with dates relative to today.
"""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Page, expect

from skyddsnat import clock
from skyddsnat.intake import services as intake
from skyddsnat.people.services import ChildInput
from tests.cast import local, pin_for
from tests.services.flow import open_investigation, report_input

TEXT = "Mamman ger barnen mat, kläder och en fast dygnsrytm; pappan hjälper till varannan helg."


def sibling_investigations(user):
    """Anna and Bo Lind, reported together five weeks ago; both investigations opened."""
    today = clock.today()
    received = today - timedelta(days=35)
    children = [
        ChildInput(
            personal_identity_number=pin_for(received - timedelta(days=365 * 11), "girl"),
            first_name="Anna",
            last_name="Lind",
        ),
        ChildInput(
            personal_identity_number=pin_for(received - timedelta(days=365 * 8), "boy", seed=2),
            first_name="Bo",
            last_name="Lind",
        ),
    ]
    at = local(received.year, received.month, received.day, 9)
    cases = list(
        intake.register_report(acting_user=user, data=report_input(at, children)).cases.order_by(
            "pk"
        )
    )
    for case in cases:
        open_investigation(user, case, received + timedelta(days=5))
    return cases


def test_the_family_part_is_written_once_and_shown_in_the_siblings_investigation(
    cast, page: Page, login, axe_violations
):
    anna, bo = sibling_investigations(cast.alice)
    login(page, cast.alice)
    page.goto(f"/arenden/{anna.pk}/utredning/")
    side = page.locator("#side-parenting_capacity").locator("xpath=..")
    expect(side.get_by_role("heading", name="Föräldrarnas förmåga")).to_be_visible()
    area = page.locator("#area-parenting_capacity-basic_care")
    shared = area.get_by_label("Gäller alla syskon i anmälan")
    expect(shared).to_be_checked()  # the family's sub-area is for all the siblings by default
    expect(area).to_contain_text("Texten skrivs också i utredningen om Bo Lind.")
    assert axe_violations(page) == []

    area.get_by_label("Beskrivning").fill(TEXT)
    area.get_by_label("Styrka").check()
    area.get_by_label("Vårdnadshavare").check()
    area.get_by_role("button", name="Spara Grundläggande omsorg").click()
    area = page.locator("#area-parenting_capacity-basic_care")
    expect(area).to_contain_text("Området är sparat.")
    expect(area.locator(".shared-note")).to_contain_text("Gemensam för syskonen (skriven här")

    page.goto(f"/arenden/{bo.pk}/utredning/")
    area = page.locator("#area-parenting_capacity-basic_care")
    expect(area.get_by_label("Beskrivning")).to_have_value(TEXT)
    expect(area.locator("h4")).to_contain_text("Styrka")
    expect(area.locator(".shared-note")).to_contain_text(
        "Gemensam för syskonen (skriven i utredningen om Anna Lind"
    )
    # the child's own development stays the child's own: nothing written there, no box offered
    health = page.locator("#area-child_development-health")
    expect(health.get_by_label("Beskrivning")).to_have_value("")
    expect(health.get_by_label("Gäller alla syskon i anmälan")).to_have_count(0)
    assert axe_violations(page) == []
