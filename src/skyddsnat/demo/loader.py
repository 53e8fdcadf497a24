"""Load the demo municipality: staff, and two years of history written through the services."""

from __future__ import annotations

import random
import time as timer
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count

from skyddsnat import clock
from skyddsnat.accounts.models import Municipality, Role, User
from skyddsnat.cases.models import Case
from skyddsnat.demo.action_plan import load_action_plan
from skyddsnat.demo.care_exceptions import load_care_exceptions
from skyddsnat.demo.context import Context
from skyddsnat.demo.families import Families, unreported_families, write_register
from skyddsnat.demo.reports import draw_reports
from skyddsnat.demo.reset import delete_case_data
from skyddsnat.demo.scenario import legacy, showcase, without_consent
from skyddsnat.demo.staff import (
    DEMO_CODE,
    deactivate_departed,
    set_up_municipality,
    set_up_staff,
)
from skyddsnat.demo.story_intake import report_story, trigger_story
from skyddsnat.demo.survey import load_survey
from skyddsnat.demo.time_study import load_time_study
from skyddsnat.demo.timeline import Simulation, Story, at, office_time
from skyddsnat.people.models import RegisterRecord

HISTORY_DAYS = 730


@dataclass
class LoadResult:
    municipality: Municipality
    seconds: float
    steps: int
    tally: Counter[str]
    #: The personal link's token of the demo municipality in the running Barnbarometer.
    survey_token: str = ""


def demo_municipality() -> Municipality | None:
    return Municipality.objects.filter(code=DEMO_CODE).first()


def reset_demo() -> dict[str, int]:
    """Delete the demo municipality's case data (its staff and audit log are kept)."""
    municipality = demo_municipality()
    return delete_case_data(municipality) if municipality else {}


def turnover_story(ctx: Context, user: User, last_day: date, rng: random.Random) -> Story:
    """A member of staff leaves: the manager hands their open cases to colleagues."""
    yield at(last_day, 15)
    unit = "intake" if user.role == Role.INTAKE else "investigation"
    for case in Case.objects.filter(responsible=user).exclude(phase="closed").order_by("pk"):
        successor = ctx.staff.pick(user.role, unit, last_day + timedelta(days=1), rng)
        ctx.reassign(case, successor, "Handläggaren har slutat")


def load_demo(
    *,
    seed: int = 1,
    reports: int = 2000,
    today: date | None = None,
) -> LoadResult:
    """Create the demo municipality with ``reports`` reports of history ending ``today``."""
    started = timer.perf_counter()
    today = today or clock.today()
    # The synthetic register is written anew at the end, with this load's families; while the
    # history is written it is empty, so the stories register every family themselves.
    RegisterRecord.objects.all().delete()
    rng = random.Random(seed)
    # About 55 reports per 1,000 children a year, as in an average Swedish municipality.
    children = max(500, round(reports / 2 / 55 * 1000, -2))
    municipality, units = set_up_municipality(today, int(children))
    staff = set_up_staff(municipality, units, today)
    sim = Simulation(horizon=at(today, 0))
    families = Families(random.Random(rng.getrandbits(64)))
    ctx = Context(sim, staff, municipality, families, today)
    spec_rng = random.Random(rng.getrandbits(64))
    scripted = showcase(today, families, spec_rng) + legacy(
        today, max(1, reports // 50), families, spec_rng
    )
    start = today - timedelta(days=HISTORY_DAYS)
    specs = scripted + draw_reports(
        start, today, max(0, reports - len(scripted)), families, spec_rng
    )
    for spec in specs:
        sim.spawn(report_story(ctx, spec, random.Random(rng.getrandbits(64))))
    # Its own draws (decision 0043), so that the other stories' stay as they were.
    housing_rng = random.Random(f"{seed}-lag-2024-79")
    housing = without_consent(today, families, housing_rng)
    sim.spawn(report_story(ctx, housing, random.Random(housing_rng.getrandbits(64))))
    for _ in range(max(2, reports // 120)):
        day = start + timedelta(days=rng.randint(30, HISTORY_DAYS - 2))
        kind = rng.choices(("lvm", "lpt", "violence"), (30, 30, 40))[0]
        sim.spawn(
            trigger_story(ctx, kind, office_time(day, rng), random.Random(rng.getrandbits(64)))
        )
    for user, last_day in staff.departures():
        sim.spawn(turnover_story(ctx, user, last_day, random.Random(rng.getrandbits(64))))
    sim.run()
    load_care_exceptions(staff.manager(), today)
    deactivate_departed(staff)
    load_time_study(staff.manager(), today, random.Random(rng.getrandbits(64)))
    load_action_plan(staff.manager(), today)
    unreported_families(families, today)
    write_register(families)
    _, survey_token = load_survey(staff.users["enkat1"], seed)
    return LoadResult(
        municipality, timer.perf_counter() - started, sim.steps, ctx.tally, survey_token
    )


def unreported_children() -> list[str]:
    """Return the number of the oldest child of each register family no report is about."""
    from skyddsnat.people.models import Child

    known = Child.objects.exclude(personal_identity_number=None).values("personal_identity_number")
    rows = (
        RegisterRecord.objects.filter(is_child=True, protected_identity=False)
        .exclude(personal_identity_number__in=known)
        .order_by("household", "birth_date")
    )
    first: dict[int, str] = {}
    for row in rows:
        first.setdefault(row.household, row.personal_identity_number)
    households = RegisterRecord.objects.filter(household__in=first, is_child=True)
    reported = set(
        households.filter(personal_identity_number__in=known).values_list("household", flat=True)
    )
    sizes = dict(
        households.values_list("household").annotate(n=Count("pk")).values_list("household", "n")
    )
    return [n for h, n in first.items() if h not in reported and sizes.get(h, 0) > 1][:5]


def summary(municipality: Municipality) -> list[tuple[str, int]]:
    """Return what the municipality holds, as (Swedish label, count) rows."""
    from skyddsnat.intake.models import AdultTrigger, PreliminaryAssessment, Report
    from skyddsnat.interventions.models import (
        EmergencyCustody,
        Evaluation,
        Intervention,
        Review,
        Visit,
    )
    from skyddsnat.investigations.models import Investigation
    from skyddsnat.journal.models import JournalEntry
    from skyddsnat.people.models import Child, Guardian

    m = municipality
    cases = Case.objects.filter(municipality=m)
    invs = Investigation.objects.filter(case__municipality=m)
    ivs = Intervention.objects.filter(case__municipality=m)
    placements = ivs.filter(kind__in=_placement_kinds())
    phases = dict(cases.values_list("phase").annotate(n=Count("pk")).values_list("phase", "n"))
    return [
        ("Personal", User.objects.filter(municipality=m).count()),
        (
            "  varav avslutade anställningar",
            User.objects.filter(municipality=m, employment_ended_on__isnull=False).count(),
        ),
        ("Barn", Child.objects.filter(municipality=m).count()),
        (
            "  varav med reservnummer",
            Child.objects.filter(municipality=m, personal_identity_number__isnull=True).count(),
        ),
        (
            "  varav med skyddade personuppgifter",
            Child.objects.filter(municipality=m, protected_identity=True).count(),
        ),
        ("Vårdnadshavare", Guardian.objects.filter(municipality=m).count()),
        ("Anmälningar och ansökningar", Report.objects.filter(municipality=m).count()),
        ("Ärenden", cases.count()),
        ("  pågående förhandsbedömning", phases.get("assessment", 0)),
        ("  pågående utredning", phases.get("investigation", 0)),
        ("  pågående insats", phases.get("intervention", 0)),
        ("  avslutade", phases.get("closed", 0)),
        ("Förhandsbedömningar", PreliminaryAssessment.objects.filter(case__municipality=m).count()),
        (
            "  varav utredning inleds",
            PreliminaryAssessment.objects.filter(case__municipality=m, outcome="opened").count(),
        ),
        ("Utredningar", invs.count()),
        ("  avslutade", invs.filter(closed_on__isnull=False).count()),
        ("  med förlängning", invs.filter(extensions__isnull=False).distinct().count()),
        ("  med förseningsskäl", invs.filter(delay_reasons__isnull=False).distinct().count()),
        (
            "Omedelbara omhändertaganden (LVU 6 §)",
            EmergencyCustody.objects.filter(case__municipality=m).count(),
        ),
        ("Insatser", ivs.count()),
        ("  varav placeringar", placements.count()),
        ("  sammanbrott", ivs.filter(end_reason="breakdown").count()),
        (
            "Besök hos placerade barn",
            Visit.objects.filter(intervention__case__municipality=m).count(),
        ),
        (
            "Överväganden/omprövningar",
            Review.objects.filter(intervention__case__municipality=m).count(),
        ),
        ("Utvärderingar", Evaluation.objects.filter(intervention__case__municipality=m).count()),
        ("Signaler från vuxenärenden", AdultTrigger.objects.filter(municipality=m).count()),
        ("Journalanteckningar", JournalEntry.objects.filter(case__municipality=m).count()),
    ]


def _placement_kinds() -> list[str]:
    from skyddsnat.interventions.choices import PLACEMENT_KINDS

    return [str(k) for k in PLACEMENT_KINDS]


__all__ = [
    "LoadResult",
    "demo_municipality",
    "load_demo",
    "reset_demo",
    "summary",
    "unreported_children",
]
