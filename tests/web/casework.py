"""Builders and fixtures for the casework page tests (investigation, interventions, document).

Dates are relative to ``today`` so that the same builders serve the client tests (frozen
clock) and the browser test (the live server's real clock): nothing lies in the future.
"""

from __future__ import annotations

from datetime import date, timedelta

from skyddsnat.cases.models import Case
from skyddsnat.intake import services as intake
from skyddsnat.people.services import ChildInput
from tests.cast import local, pin_for
from tests.services.flow import close_investigation, decide, open_investigation, report_input

ANNA = pin_for(date(2014, 5, 17), "girl")


def investigation_case(
    user, today: date, *, opened_days_ago: int = 30, number: str = ANNA, name: str = "Anna Lind"
) -> Case:
    """Return a case whose investigation opened ``opened_days_ago`` days before ``today``.

    The report came in five days before; the protective assessment was made at once and the
    school got its feedback the day the investigation opened, so only the investigation's own
    time limit is open.
    """
    opened = today - timedelta(days=opened_days_ago)
    received = opened - timedelta(days=5)
    first, last = name.split(" ", 1)
    child = ChildInput(personal_identity_number=number, first_name=first, last_name=last)
    at = local(received.year, received.month, received.day, 9)
    case = intake.register_report(acting_user=user, data=report_input(at, [child])).cases.get()
    intake.make_protective_assessment(
        acting_user=user,
        case_id=case.pk,
        made_at=local(received.year, received.month, received.day, 10),
        outcome="no_immediate_need",
    )
    open_investigation(user, case, opened)
    intake.send_reporter_feedback(acting_user=user, case_id=case.pk, sent_on=opened)
    case.refresh_from_db()
    return case


def placement_case(user, today: date, *, number: str = ANNA) -> tuple[Case, object]:
    """Return a case with a foster-home placement that started 40 days ago, and the placement."""
    case = investigation_case(user, today, opened_days_ago=100, number=number)
    close_investigation(user, case, today - timedelta(days=50))
    case.refresh_from_db()
    return case, decide(user, case, today - timedelta(days=40), goals="Trygg skolgång.")
