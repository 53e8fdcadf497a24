"""The forms for the law's exceptions and the follow-up after LVU care, in a real browser, by
keyboard (decision 0042): special reasons for a later start of youth community service (18 kap.
8 § SoL), a reporter's feedback withheld as inappropriate (19 kap. 6 § andra stycket SoL), the
follow-up after LVU care started and ended (21 b–21 c §§ LVU), and the municipality's choice on
the committee's own time limits (/administration/frister/). Each checks what the user sees
afterwards, and axe finds nothing."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Locator, Page, expect

from skyddsnat.intake.models import ReporterFeedback
from skyddsnat.interventions import care as youth
from skyddsnat.interventions.models import LvuFollowUp
from tests.cast import local, pin_for
from tests.services.flow import case_about, decide, decide_preliminary, end, investigated_case
from tests.web.casework import placement_case

TODAY = date(2026, 9, 2)
ANNA = pin_for(date(2015, 5, 17), "girl")


def open_details(page: Page, summary: str) -> Locator:
    """Open the folded form whose summary is ``summary`` by keyboard; return the details."""
    details = page.locator("details", has=page.locator("summary", has_text=summary))
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    return details


def type_into(field: Locator, text: str) -> None:
    """Focus ``field``, clear it and type ``text`` as a user would (a date picker is filled: its
    segments are typed differently in every locale)."""
    field.focus()
    if field.get_attribute("type") == "date":
        field.fill(text)
        return
    field.press("Control+a")
    field.press("Delete")
    field.press_sequentially(text)


def submit(page: Page, button: Locator) -> None:
    button.focus()
    page.keyboard.press("Enter")


def test_special_reasons_for_a_later_youth_service_start(
    cast, frozen_today, page, login, axe_violations
):
    frozen_today(TODAY)
    case, _placement = placement_case(cast.alice, TODAY)
    service = youth.register_youth_service(
        acting_user=cast.alice, case_id=case.pk, final_on=date(2026, 6, 20), hours=30
    )
    login(page, cast.alice)
    page.goto(f"/arenden/{case.pk}/insatser/")
    expect(page.get_by_role("heading", name="Ungdomstjänst (18 kap. 8 § SoL)")).to_be_visible()
    assert axe_violations(page) == []
    form = open_details(page, "Registrera särskilda skäl för en senare start")
    type_into(form.get_by_label("Registrerade"), "2026-08-10")
    type_into(form.get_by_label("Särskilda skäl"), "Den unge vårdas på sjukhus till oktober.")
    submit(page, form.get_by_role("button", name="Spara skälen"))
    expect(
        page.get_by_text("De särskilda skälen för en senare start är registrerade.")
    ).to_be_visible()
    expect(page.get_by_text("Inte ännu: särskilda skäl för en senare start")).to_be_visible()
    expect(page.get_by_text("Den unge vårdas på sjukhus till oktober.")).to_be_visible()
    expect(page.get_by_text("Registrera särskilda skäl för en senare start")).to_have_count(0)
    assert axe_violations(page) == []
    service.refresh_from_db()
    assert service.special_reasons_on == date(2026, 8, 10)


def test_feedback_withheld_as_inappropriate_on_the_case_page(
    cast, frozen_today, page, login, axe_violations
):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.ida, local(2026, 3, 18), ANNA)
    decide_preliminary(
        cast.ida, case, date(2026, 3, 20), "not_opened", reason="no_concern_confirmed"
    )
    login(page, cast.ida)
    page.goto(f"/arenden/{case.pk}/")
    section = page.locator(f"section#feedback_withheld-{case.pk}")
    expect(section).to_be_visible()
    duties = page.locator("ul.obligations")
    expect(duties.get_by_text("Återkoppling till anmälare")).to_be_visible()
    assert axe_violations(page) == []
    type_into(section.get_by_label("Datum för bedömningen"), "2026-03-20")
    reason = "Anmälaren är part i en vårdnadstvist om barnet."
    type_into(section.get_by_label("Varför återkoppling vore olämplig"), reason)
    submit(page, section.get_by_role("button", name="Registrera att återkoppling inte lämnas"))
    expect(page.get_by_text("Det är registrerat att återkoppling inte lämnas.")).to_be_visible()
    expect(
        page.get_by_text("Återkoppling lämnas inte till anmälaren: bedömd olämplig")
    ).to_be_visible()
    expect(page.get_by_text(reason).first).to_be_visible()
    # the feedback duty is met by the law's exception: no longer among the open time limits
    expect(duties.get_by_text("Återkoppling till anmälare")).to_have_count(0)
    expect(page.get_by_role("button", name="Registrera återkoppling")).to_have_count(0)
    assert axe_violations(page) == []
    assert ReporterFeedback.objects.get(case=case).withheld_reason == reason


def test_the_follow_up_after_lvu_care_is_started_and_ended(
    cast, frozen_today, page, login, axe_violations
):
    frozen_today(TODAY)
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    care = decide(
        cast.alice,
        case,
        date(2026, 6, 1),
        basis="lvu_3",
        guardian_consent="refused",
        child_consent="under_15",
    )
    end(cast.alice, care, date(2026, 8, 1))
    login(page, cast.alice)
    page.goto(f"/arenden/{case.pk}/insatser/")
    expect(page.get_by_text("Uppföljning efter LVU-vård (21 b–21 c §§ LVU)")).to_be_visible()
    assert axe_violations(page) == []
    form = open_details(page, "Inled uppföljning efter LVU-vården")
    type_into(form.get_by_label("Inledd"), "2026-08-20")
    type_into(form.get_by_label("Anteckning"), "Samtal med Anna varje månad.")
    submit(page, form.get_by_role("button", name="Inled uppföljningen"))
    expect(page.get_by_text("Inledd 2026-08-20.")).to_be_visible()
    expect(page.get_by_text("Samtal med Anna varje månad.")).to_be_visible()
    assert axe_violations(page) == []
    form = open_details(page, "Avsluta uppföljningen efter LVU-vården")
    type_into(form.get_by_label("Avslutad"), "2026-09-01")
    submit(page, form.get_by_role("button", name="Avsluta uppföljningen"))
    expect(page.get_by_text("Avslutad 2026-09-01.")).to_be_visible()
    assert axe_violations(page) == []
    assert LvuFollowUp.objects.get(intervention=care).ended_on == date(2026, 9, 1)


def test_the_administrator_lets_the_committees_own_time_limits_roll_forward(
    cast, frozen_today, page, login, axe_violations
):
    frozen_today(date(2026, 12, 3))
    login(page, cast.adam)
    page.goto("/administration/frister/")
    expect(page.get_by_role("heading", name="Nämndens frister")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Bedöm mot kalenderdagen", exact=False).focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Flytta sista dagen till nästa arbetsdag")).to_be_checked()
    submit(page, page.get_by_role("button", name="Spara"))
    expect(page.get_by_text("Inställningen för nämndens frister är sparad.")).to_be_visible()
    expect(page.get_by_label("Flytta sista dagen till nästa arbetsdag")).to_be_checked()
    assert axe_violations(page) == []
    cast.norrby.refresh_from_db()
    assert cast.norrby.roll_forward_own_duties is True
