"""``generate_dataset``: many fictional municipalities and their records, written in bulk.

For scale tests and benchmarks. The services are not used (speed matters); the rows are drawn
by ``bulk_chain``/``bulk_care`` with the demo's distributions and written with ``bulk_create``
in chunks, one transaction per chunk. Journal events are optional (``journal=True``).
"""

from __future__ import annotations

import random
import time as timer
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from skyddsnat.accounts.models import ChildPopulation, Municipality, Role, Unit, User
from skyddsnat.cases import models as cases_models
from skyddsnat.demo import names
from skyddsnat.demo.bulk_base import Ids, Org
from skyddsnat.demo.bulk_care import INVESTIGATORS, draw_case
from skyddsnat.demo.bulk_chain import Builder
from skyddsnat.demo.families import Families
from skyddsnat.demo.reports import draw_reports
from skyddsnat.demo.reset import delete_case_data
from skyddsnat.demo.staff import UNITS, keep_employment
from skyddsnat.followups.models import FollowUp, FollowUpEnd
from skyddsnat.intake import models as im
from skyddsnat.interventions import models as cm
from skyddsnat.investigations import models as vm
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.models import Child, Guardian, GuardianRelation
from skyddsnat.plans.models import Plan as PlanRow

#: Fictional municipality codes: 9001, 9002 … (real codes are 0114–2584; 99xx is the demo's).
FIRST_CODE = 9001
MAX_MUNICIPALITIES = 800
CHUNK = 2000  # reports per transaction

#: The order rows are written in: every table after the tables it points at.
WRITE_ORDER: tuple[type[models.Model], ...] = (
    Child,
    Guardian,
    GuardianRelation,
    im.Report,
    im.ReportReason,
    im.FeedbackRequest,
    cases_models.Case,
    im.AdultTrigger,
    im.AdultTriggerLink,
    im.ProtectiveAssessment,
    im.PreliminaryAssessment,
    im.ReporterFeedback,
    im.FollowUpContact,
    cases_models.CaseworkerAssignment,
    cm.EmergencyCustody,
    vm.Investigation,
    INVESTIGATORS,
    vm.TriangleAssessment,
    vm.ChildConversation,
    vm.ExternalRequest,
    vm.Extension,
    vm.Communication,
    vm.DelayReasonEntry,
    vm.OpeningInformation,
    cm.Decision,
    cm.Intervention,
    PlanRow,
    cm.Visit,
    cm.Review,
    cm.CustodyTransferConsideration,
    cm.Evaluation,
    FollowUp,
    FollowUpEnd,
    JournalEntry,
)


@dataclass
class DatasetResult:
    municipalities: list[Municipality]
    reports: int
    rows: int
    seconds: float


def sizes(total: int, count: int, rng: random.Random) -> list[int]:
    """Split ``total`` reports over ``count`` municipalities of different sizes."""
    weights = [rng.uniform(0.4, 2.5) for _ in range(count)]
    shares = [int(total * w / sum(weights)) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % count] += 1
    return shares


def set_up(index: int, per_year: int, today: date, rng: random.Random) -> Org:
    """Create (or reuse, emptied) one fictional municipality with its units and staff."""
    code = str(FIRST_CODE + index)
    municipality, created = Municipality.objects.update_or_create(
        code=code,
        defaults={"name": f"{names.place(index)} kommun", "municipality_group": "Syntetisk"},
    )
    if not created:
        delete_case_data(municipality)
    for year in range(today.year - 4, today.year + 1):
        ChildPopulation.objects.update_or_create(
            municipality=municipality,
            year=year,
            defaults={"children": max(500, per_year * 1000 // 55)},
        )
    units = {
        kind: Unit.objects.update_or_create(
            municipality=municipality, name=name, defaults={"kind": kind}
        )[0]
        for kind, name in UNITS
    }
    plan = [  # (login prefix, role, unit, how many)
        ("mottagning", Role.INTAKE, "intake", max(2, per_year // 350)),
        ("handlaggare", Role.CASEWORKER, "investigation", max(3, per_year // 90)),
        ("familjehem", Role.CASEWORKER, "foster_care", max(1, per_year // 400)),
        ("enhetschef", Role.MANAGER, "investigation", 1),
        ("namnd", Role.COMMITTEE, "", 1),
        ("analytiker", Role.ANALYST, "", 1),
        ("admin", Role.ADMIN, "", 1),
    ]
    staff: dict[str, list[User]] = {}
    for prefix, role, unit, count in plan:
        former = 1 if prefix == "handlaggare" else 0  # one caseworker has left: staff turnover
        for i in range(1, count + former + 1):
            user = staff_member(f"k{code}.{prefix}{i}", municipality, role, today, rng, i > count)
            managed = "intake" if role == Role.MANAGER else ""
            user.units.set([units[kind] for kind in (unit, managed) if kind])
            keep_employment(user, [units[kind] for kind in (unit, managed) if kind])
            if i <= count:
                staff.setdefault(prefix, []).append(user)
    return Org(
        municipality=municipality,
        intake_unit=units["intake"],
        intake=staff["mottagning"],
        caseworkers=staff["handlaggare"],
        foster=staff["familjehem"],
        manager=staff["enhetschef"][0],
    )


def staff_member(
    username: str,
    municipality: Municipality,
    role: str,
    today: date,
    rng: random.Random,
    left: bool,
) -> User:
    """Create or update one member of staff (no usable password: these logins are not for use)."""
    user = User.objects.filter(username=username).first() or User(username=username)
    user.municipality, user.role = municipality, role
    user.first_name = names.adult_first_name(rng.choice(("girl", "boy")), rng)
    user.last_name = names.last_name(rng)
    user.employment_started_on = today - timedelta(days=rng.randint(800, 4000))
    user.employment_ended_on = today - timedelta(days=rng.randint(30, 300)) if left else None
    user.is_active = not left
    user.set_unusable_password()
    user.save()
    return user


def write(rows: dict[type[models.Model], list[models.Model]]) -> int:
    """Write one chunk of rows, parents first; return how many."""
    count = 0
    for model in WRITE_ORDER:
        objs = rows.get(model)
        if objs:
            model.objects.bulk_create(objs, batch_size=2000)
            count += len(objs)
    return count


def reset_sequences() -> None:
    """After explicit ids, move PostgreSQL's id sequences past them (SQLite needs nothing)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(WRITE_ORDER)):
            cursor.execute(sql)


def generate(
    *,
    reports: int,
    municipalities: int,
    seed: int = 1,
    years: int = 2,
    journal: bool = False,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> DatasetResult:
    """Generate ``reports`` reports over ``municipalities`` fictional municipalities."""
    if not 1 <= municipalities <= MAX_MUNICIPALITIES:
        raise ValueError(f"Antal kommuner måste vara 1–{MAX_MUNICIPALITIES}.")
    started = timer.perf_counter()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    ids, created, rows = Ids(), [], 0
    start = today - timedelta(days=365 * years)
    for index, count in enumerate(sizes(reports, municipalities, rng)):
        local = random.Random(rng.getrandbits(64))
        with transaction.atomic():
            org = set_up(index, max(1, count // years), today, local)
        created.append(org.municipality)
        families = Families(random.Random(local.getrandbits(64)))
        specs = draw_reports(start, today, count, families, local)
        builder = Builder(org, ids, today, random.Random(local.getrandbits(64)), journal)
        for offset in range(0, count, CHUNK):
            chunk = specs[offset : offset + CHUNK]
            for spec in chunk:
                for draft in builder.report(spec):
                    draw_case(builder, draft)
            with transaction.atomic():
                rows += write(builder.take())
            if progress:
                progress(len(chunk))
    reset_sequences()
    return DatasetResult(created, reports, rows, timer.perf_counter() - started)
