"""``load_demo``: the demo logins, a history that exercises every indicator, determinism."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from skyddsnat.accounts.models import Municipality, Role, User
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import Case
from skyddsnat.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from skyddsnat.demo.staff import DEMO_CODE
from skyddsnat.followups.models import FollowUp, FollowUpEnd
from skyddsnat.intake.models import Report
from skyddsnat.interventions.choices import PLACEMENT_KINDS
from skyddsnat.interventions.models import Evaluation, Intervention, Visit
from skyddsnat.investigations.models import Investigation, OpeningInformation
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.identity import parse_identity_number
from skyddsnat.people.models import Child, Guardian
from skyddsnat.plans.models import Plan
from skyddsnat.rules import add_months

pytestmark = pytest.mark.django_db

REPORTS = "60"


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module, in a transaction rolled back at the end.

    Each test runs in a savepoint inside it (pytest-django), so a test may reload or reset.
    """
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=hashers),
        transaction.atomic(),
    ):
        output = load()
        yield output
        transaction.set_rollback(True)


def load(*extra: str) -> str:
    out = io.StringIO()
    call_command("load_demo", "--reports", REPORTS, *extra, stdout=out)
    return out.getvalue()


def digest() -> str:
    """A digest of the key fields of everything loaded (ids left out: they differ after a reset)."""
    tables = [
        Child.objects.values_list(
            "personal_identity_number", "first_name", "last_name", "birth_date", "sex"
        ),
        Report.objects.values_list(
            "received_at", "reporter_category", "channel", "urgency", "kind"
        ),
        Case.objects.values_list(
            "report__received_at",
            "child__first_name",
            "child__birth_date",
            "phase",
            "responsible__username",
        ),
        Investigation.objects.values_list(
            "opened_on", "closed_on", "outcome", "case__child__birth_date"
        ),
        Intervention.objects.values_list("kind", "basis", "start_on", "ended_on", "end_reason"),
        Visit.objects.values_list("visited_on", "child_talked_alone", "visited_by__username"),
        JournalEntry.objects.values_list("created_at", "event", "author__username"),
    ]
    rows = [sorted(repr(row) for row in table) for table in tables]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_it_creates_every_demo_login_with_the_demo_password(demo):
    output = demo
    for username, _ in DEMO_LOGINS:
        user = User.objects.get(username=username)
        assert user.municipality.code == DEMO_CODE
        assert authenticate(username=username, password=DEMO_PASSWORD) == user
        assert username in output
    roles = set(User.objects.filter(municipality__code=DEMO_CODE).values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.filter(employment_ended_on__isnull=False, is_active=False).count() >= 2
    assert "(lösenord: demo)" in output
    assert "handlaggare1" in output


def test_the_history_holds_what_the_indicators_count():
    closed = Investigation.objects.filter(closed_on__isnull=False)
    on_time = [i for i in closed if i.closed_on <= add_months(i.opened_on, 4)]
    late = [i for i in closed if i.closed_on > add_months(i.opened_on, 4)]
    assert on_time and late
    assert closed.filter(delay_reasons__isnull=False).exists()
    placements = Intervention.objects.filter(kind__in=PLACEMENT_KINDS)
    assert Visit.objects.filter(intervention__in=placements).exists()
    signed = Plan.objects.filter(intervention__in=placements, signed_at__isnull=False)
    assert {"care_plan", "implementation_plan"} <= set(signed.values_list("kind", flat=True))
    assert Evaluation.objects.exists()
    assert Report.objects.values("reporter_category").distinct().count() >= 5
    assert Case.objects.exclude(phase="closed").values("phase").distinct().count() == 4
    assert FollowUp.objects.filter(case__phase="follow_up", end__isnull=True).exists()
    assert FollowUpEnd.objects.exists()


def test_handlaggare1_has_open_cases_with_overdue_obligations():
    open_cases = Case.objects.filter(responsible__username="handlaggare1").exclude(phase="closed")
    overdue = {
        o.kind for case in open_cases for o in case_obligations(case) if o.status == "overdue"
    }
    assert {"investigation", "placement_visit"} <= overdue


def test_every_identity_number_is_valid():
    numbers = list(
        Child.objects.exclude(personal_identity_number=None).values_list(
            "personal_identity_number", flat=True
        )
    )
    numbers += list(Guardian.objects.values_list("personal_identity_number", flat=True))
    assert len(numbers) > 60
    for number in numbers:
        assert parse_identity_number(number).digits == number
    assert Child.objects.filter(personal_identity_number=None).exclude(reserve_id=None).exists()


def test_the_same_seed_gives_the_same_data_and_if_empty_does_nothing():
    first = digest()
    assert "finns redan" in load("--if-empty")
    assert digest() == first
    load("--reset")
    assert digest() == first
    assert Municipality.objects.filter(code=DEMO_CODE).count() == 1


def test_it_refuses_to_load_twice_without_reset():
    with pytest.raises(CommandError, match="--reset"):
        load()


def test_it_refuses_when_demo_data_is_disabled(settings):
    settings.DEMO_ENABLED = False
    reports = Report.objects.count()
    with pytest.raises(CommandError, match="DEMO_ENABLED"):
        load("--reset")
    assert Report.objects.count() == reports


def test_the_synthetic_register_holds_the_demo_families():
    from skyddsnat.people.models import GuardianRelation, RegisterRecord
    from skyddsnat.people.register import SyntheticRegister

    child = (
        Child.objects.exclude(personal_identity_number=None)
        .filter(protected_identity=False, guardian_relations__isnull=False)
        .order_by("pk")
        .first()
    )
    answer = SyntheticRegister().lookup(child.personal_identity_number)
    assert (answer.person.first_name, answer.person.last_name) == (
        child.first_name,
        child.last_name,
    )
    assert answer.person.address == child.address != ""
    in_register = {g.person.personal_identity_number for g in answer.guardians}
    in_demo = set(
        GuardianRelation.objects.filter(child=child).values_list(
            "guardian__personal_identity_number", flat=True
        )
    )
    assert in_register == in_demo
    # Families no report is about yet: the intake worker is offered their siblings.
    unreported = RegisterRecord.objects.filter(is_child=True).exclude(
        personal_identity_number__in=Child.objects.exclude(personal_identity_number=None).values(
            "personal_identity_number"
        )
    )
    households = {r.household for r in unreported}
    assert any(SyntheticRegister().lookup(r.personal_identity_number).siblings for r in unreported)
    assert len(households) >= 6
    assert RegisterRecord.objects.filter(household__in=households, protected_identity=True)


def test_it_names_children_of_the_register_no_report_is_about(demo):
    assert "I folkbokföringen (syntetisk) men utan anmälan, med syskon:" in demo


def test_the_demo_families_show_their_guardians_and_siblings():
    from django.db.models import Count

    from skyddsnat.accounts import policy
    from skyddsnat.people.family_view import family_view

    guardian = (
        Guardian.objects.annotate(n=Count("child_relations")).filter(n__gte=2).order_by("pk")
    ).first()
    child = guardian.children.order_by("pk").first()
    case = Case.objects.filter(child=child).order_by("pk").first()
    # Whoever reads the case (intake no longer reads a case handed over: decision 0035).
    staff = User.objects.filter(is_active=True, role__in=policy.CASE_ROLES).order_by("pk")
    reader = next(user for user in staff if policy.can_read_case(user, case))
    view = family_view(reader, case)
    assert any(p.relation.has_custody for p in view.people)
    assert view.siblings
    assert "Namn saknas" not in str(view.child)


def test_the_demo_has_a_finished_time_study_of_the_demo_units():
    from skyddsnat.demo.time_study import EARLIER_NAME, NAME
    from skyddsnat.timestudy.models import Study, TimeBlock

    study = Study.objects.get(name=NAME)
    assert study.is_closed and study.units.count() == 2
    assert TimeBlock.objects.filter(participant__study=study).count() > 100
    # A year earlier: a closed study with the municipality's own set for the social workers.
    earlier = Study.objects.select_related("worker_categories").get(name=EARLIER_NAME)
    assert earlier.is_closed and earlier.worker_categories.municipality_id is not None
    assert TimeBlock.objects.filter(participant__study=earlier).count() > 20


def test_it_holds_a_running_barnbarometer_with_answers_and_the_demo_municipality_s_link(demo):
    from skyddsnat.surveys.models import Edition

    edition = Edition.objects.get(created_by__username="enkat1", status="open")
    assert edition.responses.filter(submitted_at__isnull=False).count() == 168
    # Last year's closed edition, which this one was copied from, so the two compare.
    assert edition.copied_from.status == "closed"
    assert edition.copied_from.year == edition.year - 1
    assert edition.copied_from.responses.filter(submitted_at__isnull=False).count() == 152
    assert edition.respondents.filter(municipality__code=DEMO_CODE, response=None).exists()
    assert "förifylld från kommunens uppgifter: http://127.0.0.1:8000/enkat/" in demo


def test_the_opening_information_is_mostly_recorded_and_a_few_not_yet():
    """20 kap. 4 § SoL 2025:400: the story tells the guardians and the child (or records the
    special reasons); a few investigations have not yet, so the duty shows."""
    opened = Investigation.objects.all()
    told = opened.filter(opening_information__recipient="guardians")
    assert told.count() > opened.count() // 2
    assert opened.filter(opening_information__isnull=True).exists()
    assert OpeningInformation.objects.exclude(withheld_reason="").exists()


def test_the_demo_has_jourhem_placements_and_youth_offending_cases():
    """Decision 0034: a jourhem placement, a LUL statement and youth community service."""
    from skyddsnat.interventions.models import LulStatement, YouthService

    assert Intervention.objects.filter(kind="emergency_foster_home").exists()
    assert LulStatement.objects.filter(submitted_on__isnull=False).exists()
    assert YouthService.objects.exists()


def test_the_demo_has_protected_housing_without_consent_and_a_temporary_travel_ban():
    """Decision 0043: protected housing without the father's consent (lag 2024:79) with its
    court path and a signed consideration, and a temporary travel ban (LVU 31 d §) submitted to
    and confirmed by the court, its application due."""
    from skyddsnat.cases.facts import case_obligations
    from skyddsnat.interventions.models import LvuMeasure, ProtectedHousingOrder

    order = ProtectedHousingOrder.objects.get()
    assert order.confirmed_on is not None and order.applied_on is not None
    assert order.considerations.get().is_signed
    assert order.intervention.decision.guardian_consent == "refused"
    ban = LvuMeasure.objects.get(kind="temporary_travel_ban")
    assert ban.confirmed_on is not None
    kinds = {o.kind for o in case_obligations(order.case_id)}
    assert {"protected_housing_consideration", "lvu_travel_ban_application"} <= kinds
    assert "protected_housing_review" not in kinds


def test_the_demo_has_an_action_plan_with_goals_on_three_indicators():
    from skyddsnat.actionplans.models import ActionPlan, GoalIndicator, Measure, TargetVersion

    plan = ActionPlan.objects.get()
    assert plan.unit_id is None and plan.goals.count() == 3
    indicators = GoalIndicator.objects.filter(goal__plan=plan).values_list(
        "indicator_id", flat=True
    )
    assert len(set(indicators)) == 3
    assert TargetVersion.objects.filter(number=2).count() == 1
    assert {m.status for m in Measure.objects.all()} == {"planned", "ongoing", "done", "cancelled"}


def test_the_demo_intake_officer_reads_no_placed_childs_case():
    from skyddsnat.accounts import policy

    intake = User.objects.get(username="mottagning1")
    placed = Case.objects.filter(phase="intervention").exclude(responsible=intake)
    assert placed.exists()
    assert not any(policy.can_read_case(intake, case) for case in placed[:20])
    assert not policy.cases_visible_to(intake).filter(pk__in=placed.values("pk")).exists()


def test_the_investigating_units_manager_has_three_opened_investigations_to_assign():
    from django.test import Client
    from django.urls import reverse

    from skyddsnat.accounts import policy

    municipality = Municipality.objects.get(code=DEMO_CODE)
    waiting = Case.objects.filter(
        municipality=municipality,
        responsible__isnull=True,
        phase="investigation",
        investigation__closed_on__isnull=True,
    )
    assert waiting.count() == 3
    unit = policy.investigating_unit(waiting.first())
    assert {case.unit_id for case in waiting} == {unit.pk}
    manager = User.objects.get(username="enhetschef1")
    client = Client()
    client.force_login(manager)
    response = client.get(reverse("web:unit"))
    assert response.status_code == 200
    queue = {item.case_id for item in response.context["queue"]}
    assert set(waiting.values_list("pk", flat=True)) <= queue
    assert "Att fördela" in response.content.decode()


def test_the_demo_s_visits_have_notes_that_the_journal_shows():
    """Issue 10 item 3: a visit's note is shown; the demo's visits have one to show."""
    noted = Visit.objects.exclude(note="")
    assert noted.exists()
    visit = noted.filter(note__contains="\n").select_related("intervention").first()
    assert visit is not None
    assert JournalEntry.objects.filter(
        case_id=visit.intervention.case_id, event="placement.visit", text__endswith=visit.note
    ).exists()


def test_the_demo_gives_the_plan_and_re_referral_indicators_something_to_count():
    """The child's part in the planning is answered on the demo's signed plans (both ways),
    and some child was reported again within a year of an investigation closed without
    intervention (``rereferred_within_year_*_share``)."""
    signed = Plan.objects.filter(signed_at__isnull=False)
    assert signed.filter(child_participated=True).exists()
    assert signed.filter(child_participated=False).exists()
    closed = Investigation.objects.filter(outcome="no_intervention").select_related("case")
    again = [
        i
        for i in closed
        if Case.objects.filter(
            child_id=i.case.child_id,
            report__kind="report",
            report__received_at__date__gt=i.closed_on,
            report__received_at__date__lte=add_months(i.closed_on, 12),
        ).exists()
    ]
    assert again


def test_the_demo_shows_the_law_s_exceptions_and_the_follow_up_after_lvu_care():
    """Decision 0042's records, so ``make run`` shows them: a youth service with special reasons
    recorded, a reporter's feedback withheld as inappropriate, LVU care that ended with its
    follow-up (21 b § LVU) started, and placed children with a signed care plan and a signed
    implementation plan."""
    from skyddsnat.intake.models import ReporterFeedback
    from skyddsnat.interventions.choices import LVU_CARE_BASES
    from skyddsnat.interventions.models import LvuFollowUp, YouthService

    reasons = YouthService.objects.filter(special_reasons_on__isnull=False, started_on=None)
    assert reasons.exclude(special_reasons="").exists()
    assert ReporterFeedback.objects.exclude(withheld_reason="").exists()
    follow_up = LvuFollowUp.objects.select_related("intervention").order_by("pk").first()
    assert follow_up is not None
    assert follow_up.intervention.basis in LVU_CARE_BASES
    assert follow_up.started_on >= follow_up.intervention.ended_on
    signed = Plan.objects.filter(signed_at__isnull=False, intervention__kind__in=PLACEMENT_KINDS)
    with_care_plan = set(signed.filter(kind="care_plan").values_list("intervention", flat=True))
    with_implementation = set(
        signed.filter(kind="implementation_plan").values_list("intervention", flat=True)
    )
    assert with_care_plan & with_implementation
