"""Mottagning in a real browser: two siblings in few actions, and the whole flow by keyboard."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from skyddsnat.cases.models import Case
from skyddsnat.intake import services as intake
from skyddsnat.intake.models import PreliminaryAssessment, ProtectiveAssessment, Report
from skyddsnat.people.services import ChildInput
from tests.cast import pin_for
from tests.people.register_family import register_family

ELSA = pin_for(date(2014, 4, 11), "girl", seed=11)
NOAH = pin_for(date(2017, 8, 23), "boy", seed=12)
NEW_CHILD = pin_for(date(2019, 1, 30), "girl", seed=13)


def earlier_police_report(user) -> None:
    """The siblings are known: the police reported them two months ago."""
    intake.register_report(
        acting_user=user,
        data=intake.ReportInput(
            received_at=timezone.now() - timedelta(days=60),
            channel="police_report",
            reporter=intake.ReporterInput(category="police"),
            reasons=["witnessed_violence"],
            children=[
                ChildInput(personal_identity_number=ELSA, first_name="Elsa", last_name="Lind"),
                ChildInput(personal_identity_number=NOAH, first_name="Noah", last_name="Lind"),
            ],
        ),
    )


class Actions:
    """Count what the user does: each field filled, each click or key that submits."""

    def __init__(self, page: Page) -> None:
        self.page, self.count = page, 0

    def fill(self, selector: str, value: str) -> None:
        self.count += 1
        self.page.locator(selector).fill(value)

    def click(self, selector: str) -> None:
        self.count += 1
        self.page.locator(selector).click()

    def select(self, selector: str, value: str) -> None:
        self.count += 1
        self.page.locator(selector).select_option(value)

    def check(self, selector: str) -> None:
        self.count += 1
        self.page.locator(selector).check()


def dashed(number: str) -> str:
    return f"{number[:8]}-{number[8:]}"


def test_two_siblings_from_the_register_are_assessed_together_in_at_most_20_actions(
    cast, page, login, axe_violations, screenshot
):
    """Issue 10: from the empty intake form through both protective assessments and both
    preliminary assessments (opened), at most 20 user actions (32–33 before, decision 0025)."""
    fam = register_family()
    login(page, cast.ida)
    page.goto("/mottagning/")
    act = Actions(page)
    act.fill("#id_children-0-personal_identity_number", dashed(fam.children[0]))
    expect(page.locator("#id_children-0-personal_identity_number_lookup")).to_contain_text(
        "Alva Lind"
    )
    act.click("button[name=add_sibling]")  # Elis, offered from the register
    expect(page.locator("#id_children-1-personal_identity_number")).to_have_value(
        dashed(fam.children[1])
    )
    act.select("#id_reporter_category", "school")
    expect(page.locator("#id_reporter_mandatory")).to_be_checked()
    act.fill("#id_reporter_name", "Rektor Rask")
    act.click("#id_reasons_3")  # Brister i omsorgen
    act.fill("#id_account", "Syskonen kommer till skolan utan mat och i för tunna kläder.")
    act.click("button[name=save]")
    expect(page.get_by_text("2 ärenden har öppnats")).to_be_visible()
    report = Report.objects.get(reporter_category="school")
    alva, elis = report.cases.order_by("pk")
    protective = f"#siblings_protective-r{report.pk}"
    expect(page.locator(protective)).to_be_visible()
    assert axe_violations(page) == []

    for case in (alva, elis):
        act.check(f"#id_siblings_protective-r{report.pk}-outcome_{case.pk}_0")
    act.click(f"{protective} button[type=submit]")
    expect(page.get_by_text("Skyddsbedömningarna är sparade.")).to_be_visible()
    assert ProtectiveAssessment.objects.filter(case__report=report).count() == 2

    preliminary = f"#siblings_preliminary-r{report.pk}"
    for case in (alva, elis):
        page.locator(f"{preliminary}-case-{case.pk}").get_by_label(
            "Utredning inleds", exact=True
        ).check()
        act.count += 1
        act.check(f"#id_siblings_preliminary-r{report.pk}-child_heard_{case.pk}_0")
    assert axe_violations(page) == []
    screenshot(page, "siblings")
    act.click(f"{preliminary} button[type=submit]")
    expect(page.get_by_text("Förhandsbedömningarna är beslutade.")).to_be_visible()
    print(f"\nActions for two siblings, registered, protective and preliminary: {act.count}")
    assert act.count <= 20
    assert PreliminaryAssessment.objects.filter(case__report=report).count() == 2
    assert {c.phase for c in report.cases.all()} == {"investigation"}
    assert axe_violations(page) == []


def test_an_intake_worker_registers_two_siblings_and_decides_one(
    cast, page, login, axe_violations, screenshot
):
    earlier_police_report(cast.ida)
    login(page, cast.ida)
    page.goto("/mottagning/")
    expect(page.get_by_role("heading", name="Ny anmälan")).to_be_visible()
    assert axe_violations(page) == []

    act = Actions(page)
    act.fill("#id_children-0-personal_identity_number", ELSA)
    expect(page.locator("#id_children-0-personal_identity_number_lookup")).to_contain_text(
        "Elsa Lind"
    )
    act.click("button[name=add_child]")
    expect(page.locator("#id_children-1-personal_identity_number")).to_be_focused()
    act.fill("#id_children-1-personal_identity_number", NOAH)
    expect(page.locator("#id_children-1-personal_identity_number_lookup")).to_contain_text(
        "1 tidigare anmälan"
    )
    act.select("#id_reporter_category", "school")
    expect(page.locator("#id_reporter_mandatory")).to_be_checked()
    act.fill("#id_reporter_name", "Rektor Rask")
    act.click("#id_reasons_3")  # Brister i omsorgen
    act.fill("#id_account", "Syskonen kommer till skolan utan mat och i för tunna kläder.")
    screenshot(page, "intake")
    act.click("button[name=save]")
    print(f"\nActions from the empty intake form to the saved report: {act.count}")
    assert act.count <= 12

    expect(page.get_by_role("heading", name="Elsa Lind")).to_be_visible()
    report = Report.objects.get(reporter_category="school")
    assert report.cases.count() == 2 and report.reporter_mandatory
    expect(page.get_by_text("Anmälningar från två eller fler olika håll").first).to_be_visible()
    assert axe_violations(page) == []

    # Only Elsa is decided now: Noah is left out of the siblings' form, for later.
    elsa = Case.objects.get(report=report, child__personal_identity_number=ELSA)
    noah = Case.objects.get(report=report, child__personal_identity_number=NOAH)
    joint = page.locator(f"#siblings_preliminary-r{report.pk}")
    joint.locator(f"#id_siblings_preliminary-r{report.pk}-include_{noah.pk}").uncheck()
    elsas = joint.locator(f"#siblings_preliminary-r{report.pk}-case-{elsa.pk}")
    elsas.get_by_label("Utredning inleds", exact=True).check()
    elsas.locator(f"#id_siblings_preliminary-r{report.pk}-child_heard_{elsa.pk}_0").check()
    joint.get_by_role("button", name="Besluta förhandsbedömningarna").click()
    expect(page.get_by_text("Förhandsbedömningarna är beslutade.")).to_be_visible()
    elsa.refresh_from_db()
    noah.refresh_from_db()
    assert (elsa.phase, noah.phase) == ("investigation", "assessment")


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_the_intake_works_with_the_keyboard_alone(cast, page, login):
    earlier_police_report(cast.ida)
    login(page, cast.ida)
    page.goto("/mottagning/")
    keys = page.keyboard
    tab_to(page, "#id_children-0-personal_identity_number")  # focused on load
    keys.type(ELSA)
    tab_to(page, "button[name=add_child]")
    keys.press("Enter")
    expect(page.locator("#id_children-1-personal_identity_number")).to_be_focused()
    keys.type(NEW_CHILD)
    tab_to(page, "#id_children-1-name")
    keys.type("Vera Lind")
    tab_to(page, "#id_reporter_category")
    keys.type("Skola")
    expect(page.locator("#id_reporter_mandatory")).to_be_checked()
    tab_to(page, "#id_reasons_3")
    keys.press("Space")
    tab_to(page, "button[name=save]")
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Vera Lind")).to_be_visible()
    report = Report.objects.get(reporter_category="school")
    assert [r.reason for r in report.reasons.all()] == ["neglect"]
    assert report.cases.count() == 2


def test_the_request_for_feedback_is_offered_to_mandatory_reporters_only(cast, page, login):
    """19 kap. 6 § SoL: only a mandatory reporter's request binds; the box follows the other."""
    login(page, cast.ida)
    page.goto("/mottagning/")
    page.locator("#id_children-0-personal_identity_number").fill(ELSA)
    feedback = page.locator("#id_reporter_feedback_requested")
    page.locator("#id_reporter_category").select_option("relative")
    expect(page.locator("#id_reporter_mandatory")).not_to_be_checked()
    expect(feedback).to_be_hidden()
    page.locator("#id_reporter_category").select_option("school")
    expect(page.locator("#id_reporter_mandatory")).to_be_checked()
    expect(feedback).to_be_visible()
    feedback.check()
    page.locator("#id_reasons_3").check()
    page.locator("button[name=save]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Orosanmälan inkommen")
    assert Report.objects.get().feedback_request.requested_on == timezone.localdate()
