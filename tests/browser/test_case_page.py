"""The case overview of a case under investigation: passes axe, and the README's screenshot."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from skyddsnat import clock
from skyddsnat.intake import services as intake
from skyddsnat.investigations import services as investigations
from skyddsnat.journal import services as journal
from skyddsnat.people.models import Child
from skyddsnat.people.services import register_guardian
from tests.cast import pin_for
from tests.services.flow import case_about, open_investigation

ELSA = pin_for(date(2014, 4, 11), "girl", seed=11)
MOTHER = pin_for(date(1986, 2, 14), "girl", seed=21)


@contextmanager
def at(days_ago: int, hh: int, mm: int = 0) -> Iterator[datetime]:
    """Run the services as if it were ``days_ago`` days ago at ``hh:mm`` Swedish time."""
    day = timezone.localdate() - timedelta(days=days_ago)
    moment = timezone.make_aware(datetime.combine(day, time(hh, mm)))
    real = clock.now
    clock.now = lambda: moment
    try:
        yield moment
    finally:
        clock.now = real


def investigated_case(cast):
    """Elsa Lind (synthetic): reported by her school, assessed, under investigation."""
    with at(9, 8, 40) as received:
        case = case_about(
            cast.alice,
            received,
            ELSA,
            reasons=("neglect", "school_absence"),
            account="Elsa kommer ofta utan frukost och har varit borta från skolan tolv dagar.",
        )
    Child.objects.filter(pk=case.child_id).update(
        first_name="Elsa", last_name="Lind", address="Björkvägen 3", phone="070-0000001"
    )
    relation = register_guardian(
        acting_user=cast.alice,
        child=case.child,
        personal_identity_number=MOTHER,
        first_name="Maria",
        last_name="Lind",
    )
    relation.guardian.phone = "070-0000002"
    relation.guardian.save()
    with at(9, 10, 15) as made_at:
        intake.make_protective_assessment(
            acting_user=cast.alice,
            case_id=case.pk,
            made_at=made_at,
            outcome="no_immediate_need",
            note="Elsa är i skolan och har vuxna omkring sig.",
        )
    with at(5, 14, 5) as decided:
        open_investigation(cast.alice, case, decided.date())
    with at(4, 9, 30):
        investigations.update_plan(
            acting_user=cast.alice,
            case_id=case.pk,
            questions="Hur ser Elsas vardag ut hemma?",
            contacts="Skolan, skolhälsovården, mamma.",
            child_participation="Samtal med Elsa i skolan.",
        )
    with at(2, 15, 20):
        journal.write_note(
            acting_user=cast.alice,
            case_id=case.pk,
            text="Samtal med mamma. Hon arbetar natt och berättar att Elsa sover dåligt.",
        )
    return case


def test_the_case_overview_of_an_investigation(cast, page, login, axe_violations, screenshot):
    case = investigated_case(cast)
    login(page, cast.alice)
    page.goto(f"/arenden/{case.pk}/")
    expect(page.get_by_role("heading", name="Elsa Lind")).to_be_visible()
    expect(page.get_by_text("Utredningen pågår.")).to_be_visible()
    expect(page.get_by_role("button", name="Registrera återkoppling")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "case-page")
