"""Small builders that walk a case through the services (used by service and API tests)."""

from __future__ import annotations

from datetime import date, datetime

from skyddsnat.intake import services as intake
from skyddsnat.intake.models import Case
from skyddsnat.people.services import ChildInput


def report(user, received_at: datetime, numbers: list[str], category: str = "school", reasons=("neglect",)):
    """Register a report about the children with ``numbers`` and return it."""
    return intake.register_report(
        acting_user=user,
        data=intake.ReportInput(
            received_at=received_at,
            channel="phone",
            reporter=intake.ReporterInput(category=category, name="Rektor Testsson"),
            reasons=list(reasons),
            children=[ChildInput(personal_identity_number=n) for n in numbers],
            account="Barnet har kommit till skolan utan mat flera dagar.",
        ),
    )


def open_investigation(user, case: Case, decided_on: date):
    """Decide the preliminary assessment with outcome ``opened``."""
    return intake.decide_preliminary_assessment(
        acting_user=user,
        case=case,
        data=intake.PreliminaryInput(
            decided_on=decided_on, outcome="opened", child_heard=True, child_informed_of_rights=True
        ),
    )
