"""Cases for the work-list tests: a few named children through the services, many in bulk.

``story`` walks eight children with invented Swedish names through the services, with dates
relative to ``today`` so that the list looks like a real Tuesday: one preliminary assessment
late, one due in two days, investigations and a placement running. ``bulk_cases`` inserts
plain cases in the assessment phase directly (``bulk_create``), for query-count tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from skyddsnat.accounts.models import Unit, User
from skyddsnat.cases.models import Case
from skyddsnat.intake import services as intake
from skyddsnat.intake.models import ProtectiveAssessment, Report
from skyddsnat.interventions import services as interventions
from skyddsnat.investigations.choices import Informed
from skyddsnat.investigations.services import record_opening_information
from skyddsnat.people.models import Child
from skyddsnat.people.services import ChildInput
from skyddsnat.plans import services as plans
from tests.cast import Cast, local, pin_for
from tests.services.flow import (
    close_investigation,
    decide,
    open_investigation,
    report_input,
)


def opened(user: User, case: Case, decided_on: date) -> Case:
    """Open the investigation on ``decided_on`` and give the school its feedback two days later.

    The case stays in the unit and with the caseworker the test gave it (not handed over to the
    investigating unit's queue, ``intake.services._hand_over``: tests/web/test_unit.py has that).
    """
    unit_id, responsible_id = case.unit_id, case.responsible_id
    open_investigation(user, case, decided_on)
    case.refresh_from_db()
    if (case.unit_id, case.responsible_id) != (unit_id, responsible_id):
        Case.objects.filter(pk=case.pk).update(unit_id=unit_id, responsible_id=responsible_id)
        if responsible_id is not None:
            case.investigation.investigators.add(responsible_id)
        case.refresh_from_db()
    intake.send_reporter_feedback(
        acting_user=user, case_id=case.pk, sent_on=decided_on + timedelta(days=2)
    )
    # The guardians and the child are told the same day (20 kap. 4 § SoL (2025:400)).
    for recipient in (Informed.GUARDIANS, Informed.CHILD):
        record_opening_information(
            acting_user=case.responsible or user,
            case_id=case.pk,
            recipient=recipient,
            informed_on=decided_on,
            method="Samtal",
        )
    return case


def named_case(
    user: User,
    received_on: date,
    name: str,
    *,
    sex: str = "girl",
    seed: int = 1,
    protected: bool = False,
    protective_assessment: bool = True,
) -> Case:
    """Register a report about one named child on ``received_on`` and return its case."""
    first, last = name.split(" ", 1)
    birth = date(2010 + seed % 8, 1 + seed % 12, 1 + seed % 28)
    child = ChildInput(
        personal_identity_number=pin_for(birth, sex, seed),
        first_name=first,
        last_name=last,
        protected_identity=protected,
    )
    received_at = local(received_on.year, received_on.month, received_on.day, 9)
    case = intake.register_report(acting_user=user, data=report_input(received_at, [child]))
    case = case.cases.get()
    if protective_assessment:
        intake.make_protective_assessment(
            acting_user=user,
            case_id=case.pk,
            made_at=local(received_on.year, received_on.month, received_on.day, 10),
            outcome="no_immediate_need",
        )
    return case


@dataclass
class Story:
    late: Case  # preliminary assessment six days late
    due_soon: Case  # preliminary assessment due in two days
    protected: Case  # a child with protected identity, nine days left
    investigation_due_soon: Case
    investigation: Case
    placement: Case
    fresh: Case
    bobs: Case  # Bob's case, in the same unit
    unassigned: Case  # registered by the manager: nobody is responsible yet


def story(cast: Cast, today: date) -> Story:
    """Build the eight cases of Alice's work list (and one each for Bob and nobody)."""
    days = lambda n: today - timedelta(days=n)  # noqa: E731
    alice = cast.alice
    late = named_case(alice, days(20), "Ebba Lindqvist", seed=11)
    due_soon = named_case(alice, days(12), "Noah Eriksson", sex="boy", seed=12)
    protected = named_case(alice, days(5), "Saga Holm", seed=13, protected=True)
    investigation_due_soon = named_case(alice, days(125), "Elias Berg", sex="boy", seed=14)
    opened(alice, investigation_due_soon, days(113))
    investigation = named_case(alice, days(35), "Alma Nyström", seed=15)
    opened(alice, investigation, days(30))
    placement = named_case(alice, days(220), "Vilma Sandberg", seed=16)
    opened(alice, placement, days(210))
    close_investigation(alice, placement, days(120))
    placement.refresh_from_db()
    foster_home = decide(alice, placement, days(100))
    # A well-run placement: its care plan and implementation plan were signed in time.
    for kind, day in (("care_plan", days(100)), ("implementation_plan", days(90))):
        plans.save_plan(
            acting_user=alice,
            intervention_id=foster_home.pk,
            kind=kind,
            data=plans.PlanInput(
                drawn_up_on=day,
                review_on=day + timedelta(days=180),
                goals={"child_development.education": "Går i skolan varje dag."},
                child_view="Vill bo kvar.",
                responsibilities="Skolan: mentor. Socialsekreteraren: besök.",
                child_participated=True,
            ),
        )
        plans.sign_plan(acting_user=alice, intervention_id=foster_home.pk, kind=kind)
    interventions.record_visit(
        acting_user=alice,
        intervention_id=foster_home.pk,
        visited_on=days(10),
        child_talked_alone=True,
        note="Barnet visade sitt rum.\n\nSkolan: https://skola.example/elevhalsa/uppfoljning-av-placerade-barn",
    )
    fresh = named_case(alice, days(1), "Hugo Åberg", sex="boy", seed=17)
    bobs = named_case(cast.bob, days(8), "Liam Ahmed", sex="boy", seed=18)
    unassigned = named_case(cast.maja, days(3), "Tyra Wikström", seed=19)
    return Story(
        late=late,
        due_soon=due_soon,
        protected=protected,
        investigation_due_soon=investigation_due_soon,
        investigation=investigation,
        placement=placement,
        fresh=fresh,
        bobs=bobs,
        unassigned=unassigned,
    )


def bulk_cases(
    cast: Cast, count: int, *, responsible: User | None, unit: Unit, today: date, offset: int = 0
) -> list[Case]:
    """Insert ``count`` cases in the assessment phase directly, received 1–20 days before
    ``today``, each with its protective assessment made."""
    children = Child.objects.bulk_create(
        Child(
            municipality=cast.norrby,
            personal_identity_number=f"2014{offset + i:08d}",
            first_name="Barn",
            last_name=f"Nummer {offset + i:04d}",
        )
        for i in range(count)
    )
    received = [today - timedelta(days=1 + (offset + i) % 20) for i in range(count)]
    reports = Report.objects.bulk_create(
        Report(
            municipality=cast.norrby,
            unit=unit,
            received_at=local(day.year, day.month, day.day, 9),
            channel="phone",
            reporter_category="school",
            reporter_mandatory=True,
            registered_by=cast.ida,
        )
        for day in received
    )
    cases = Case.objects.bulk_create(
        Case(
            municipality=cast.norrby,
            unit=unit,
            child=child,
            report=report,
            responsible=responsible,
        )
        for child, report in zip(children, reports, strict=True)
    )
    ProtectiveAssessment.objects.bulk_create(
        ProtectiveAssessment(
            case=case,
            made_at=report.received_at + timedelta(hours=1),
            made_by=cast.ida,
            outcome="no_immediate_need",
        )
        for case, report in zip(cases, reports, strict=True)
    )
    return cases
