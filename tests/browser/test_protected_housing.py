"""Protected housing without a guardian's consent (lag 2024:79) in a real browser: a caseworker
records the committee's immediate decision by keyboard, naming the guardian who does not
consent, and sees the submission to the court due within a week and the first consideration
within six months; axe clean."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from skyddsnat.interventions.models import ProtectedHousingOrder
from skyddsnat.people.models import Guardian, GuardianRelation
from tests.cast import pin_for
from tests.web.casework import placement_case

TODAY = date(2026, 9, 1)


def test_a_caseworker_records_protected_housing_without_consent(
    cast, frozen_today, page, login, axe_violations
):
    frozen_today(TODAY)
    case, _placement = placement_case(cast.alice, TODAY)
    for first, sex in (("Lena", "girl"), ("Per", "boy")):
        guardian = Guardian.objects.create(
            municipality=case.municipality,
            personal_identity_number=pin_for(date(1984, 2, 2), sex),
            first_name=first,
            last_name="Förälder",
        )
        GuardianRelation.objects.create(child=case.child, guardian=guardian)
    login(page, cast.alice)
    page.goto(f"/arenden/{case.pk}/insatser/")
    heading = "Skyddat boende utan en vårdnadshavares samtycke (lag 2024:79)"
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    page.get_by_text("Registrera skyddat boende utan en vårdnadshavares samtycke").click()
    assert axe_violations(page) == []
    page.get_by_label("Vårdnadshavare som inte samtycker").select_option(label="Per Förälder")
    page.get_by_label("Nämndens beslut om omedelbar insats (4 kap. 1 §)").fill("2026-08-28")
    page.get_by_label("Placeringen påbörjad").first.fill("2026-08-28")
    save = page.locator("#skyddat-boende").get_by_role("button", name="Registrera", exact=True)
    save.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Skyddat boende utan samtycke är registrerat.")).to_be_visible()
    expect(page.get_by_text("Omedelbar insats beslutad 2026-08-28")).to_be_visible()
    section = page.locator("#skyddat-boende")
    expect(section.get_by_text("2026-09-04").first).to_be_visible()
    expect(section.get_by_text("2027-02-28").first).to_be_visible()
    assert axe_violations(page) == []
    order = ProtectedHousingOrder.objects.get(case=case)
    assert order.non_consenting_guardian.first_name == "Per"
