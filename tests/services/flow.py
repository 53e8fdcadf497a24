"""Small builders that walk a case through the services (used by service and API tests).

Each builder fills in a plausible default for everything the test does not care about, so a
test names only what it is about. Freeze the clock (``frozen_today``) at or after the last date a
test uses: the services refuse dates in the future.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from skyddsnat.cases.models import Case
from skyddsnat.intake import services as intake
from skyddsnat.intake.choices import is_mandatory_reporter
from skyddsnat.intake.models import PreliminaryAssessment
from skyddsnat.interventions import services as interventions
from skyddsnat.interventions.choices import PLACEMENT_KINDS
from skyddsnat.interventions.models import Intervention
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import Investigation
from skyddsnat.people.services import ChildInput
from skyddsnat.rules import STOCKHOLM
from tests.cast import local

#: The reporter's account in the default report: tests look for it where it must never be.
ACCOUNT = "Barnet har kommit till skolan utan mat flera dagar."


def report_input(
    received_at: datetime,
    children: Sequence[ChildInput],
    *,
    category: str = "school",
    reasons: Sequence[str] = ("neglect",),
    channel: str = "phone",
    account: str = ACCOUNT,
    mandatory: bool | None = None,
    feedback_requested: bool | None = None,
    **kwargs,
) -> intake.ReportInput:
    """Return the input of a report; ``kwargs`` go to ``ReportInput`` (``unit_id``, ``kind`` …).

    A mandatory reporter asks for feedback in the report unless ``feedback_requested`` says
    otherwise (19 kap. 6 § SoL: feedback is owed only on request).
    """
    if feedback_requested is None:
        feedback_requested = (
            mandatory
            if mandatory is not None
            else is_mandatory_reporter(category, received_at.astimezone(STOCKHOLM).date())
        )
    return intake.ReportInput(
        received_at=received_at,
        channel=channel,
        reporter=intake.ReporterInput(
            category=category,
            mandatory=mandatory,
            name="Rektor Testsson",
            feedback_requested=feedback_requested,
        ),
        reasons=list(reasons),
        children=list(children),
        account=account,
        **kwargs,
    )


def report(
    user,
    received_at: datetime,
    numbers: list[str],
    category: str = "school",
    reasons=("neglect",),
    **kwargs,
):
    """Register a report about the children with ``numbers`` and return it."""
    children = [ChildInput(personal_identity_number=n) for n in numbers]
    return intake.register_report(
        acting_user=user,
        data=report_input(received_at, children, category=category, reasons=reasons, **kwargs),
    )


def case_about(user, received_at: datetime, number: str, **kwargs) -> Case:
    """Register a report about one child and return its case."""
    return report(user, received_at, [number], **kwargs).cases.get()


def decide_preliminary(
    user, case: Case, decided_on: date, outcome: str, **kwargs
) -> PreliminaryAssessment:
    """Decide the preliminary assessment; the child was heard unless ``kwargs`` say otherwise."""
    fields = {"child_heard": True, "child_informed_of_rights": True, **kwargs}
    return intake.decide_preliminary_assessment(
        acting_user=user,
        case_id=case.pk,
        data=intake.PreliminaryInput(decided_on=decided_on, outcome=outcome, **fields),
    )


def open_investigation(user, case: Case, decided_on: date):
    """Decide the preliminary assessment with outcome ``opened``."""
    return decide_preliminary(user, case, decided_on, "opened")


def close_investigation(
    user, case: Case, closed_on: date, outcome: str = "intervention", **kwargs
) -> Investigation:
    """Close the investigation with ``outcome`` (with a reason for what it lacks, unless given:
    the flows here seldom document every BBIC area)."""
    kwargs.setdefault(
        "incomplete_reason", "Testflöde: utredningen avslutas utan komplett underlag."
    )
    return investigations.close_investigation(
        acting_user=user,
        case_id=case.pk,
        data=investigations.CloseInput(closed_on=closed_on, outcome=outcome, **kwargs),
    )


def investigated_case(
    user, number: str, opened_on: date, closed_on: date, outcome: str = "intervention"
) -> Case:
    """Return a case whose report came in on ``opened_on``, investigated until ``closed_on``."""
    received_at = local(opened_on.year, opened_on.month, opened_on.day, 9)
    case = case_about(user, received_at, number)
    open_investigation(user, case, opened_on)
    close_investigation(user, case, closed_on, outcome)
    case.refresh_from_db()
    return case


def decide(
    user,
    case: Case,
    start: date,
    kind: str = "foster_home",
    basis: str = "sol_voluntary",
    decided_on: date | None = None,
    **kwargs,
) -> Intervention:
    """Decide an intervention that starts on ``start``; a placement had its health exam."""
    if kind in PLACEMENT_KINDS:
        kwargs.setdefault("health_exam_before", True)
    return interventions.decide_intervention(
        acting_user=user,
        case_id=case.pk,
        data=interventions.InterventionInput(
            decided_on=decided_on or start, basis=basis, kind=kind, start=start, **kwargs
        ),
    )


def end(user, intervention: Intervention, ended_on: date, reason: str = "completed_as_planned"):
    """End the intervention on ``ended_on``."""
    return interventions.end_intervention(
        acting_user=user, intervention_id=intervention.pk, ended_on=ended_on, end_reason=reason
    )
