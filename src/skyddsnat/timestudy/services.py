"""Run a time study and register its time blocks (docs/spec/timestudy.md).

Every block is loaded through the acting user's own participation: another participant's block
is *not found*, whoever asks (``policy.owns_time_blocks``). Each write is atomic and audited;
reads of a day audit the participant row read (never another person's). Registrations carry the
phone's ``client_id``: the same one sent twice (an offline phone's queue) is stored once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import Unit, User
from skyddsnat.audit import services as audit
from skyddsnat.audit.models import Action
from skyddsnat.errors import Collector, Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.rules.calendar import STOCKHOLM, is_swedish_non_working_day, local_date
from skyddsnat.timestudy import results, timeline
from skyddsnat.timestudy.categories import (
    BUILTIN_SETS,
    HEADLINES,
    MANAGERS,
    OWN_HEADLINES,
    SOCIAL_WORKERS,
)
from skyddsnat.timestudy.models import Category, CategorySet, Participant, Study, TimeBlock

#: A study's default length in working days (the coordinator's study).
DEFAULT_WORKING_DAYS = 5
#: How far ahead of the server's clock a phone's time may be (clocks differ a little).
CLOCK_SLACK = timedelta(minutes=5)

NO_STUDY = "Du deltar inte i någon pågående tidsmätning."
CLOSED = "Tidsmätningen är avslutad. Tiderna kan inte längre ändras."
BLOCK_NOT_FOUND = "Tidsblocket finns inte."


def ensure_builtin_sets() -> dict[str, CategorySet]:
    """Return the coordinator's two sets by code, storing them first if they are missing."""
    found = {s.code: s for s in CategorySet.objects.filter(municipality__isnull=True)}
    for builtin in BUILTIN_SETS:
        if builtin.code in found:
            continue
        category_set = CategorySet.objects.create(code=builtin.code, name=builtin.name)
        Category.objects.bulk_create(
            Category(
                category_set=category_set,
                code=c.code,
                name=c.name,
                definition=c.definition,
                national_share=c.national_share,
                position=position,
            )
            for position, c in enumerate(builtin.categories)
        )
        found[builtin.code] = category_set
    return found


def default_period(starts_on: date, days: int = DEFAULT_WORKING_DAYS) -> tuple[date, date]:
    """Return the first and last of ``days`` consecutive working days from ``starts_on``
    (weekends, public holidays and the three eves skipped: ``rules.calendar``)."""
    day = starts_on
    while is_swedish_non_working_day(day):
        day += timedelta(days=1)
    first, counted = day, 1
    while counted < days:
        day += timedelta(days=1)
        if not is_swedish_non_working_day(day):
            counted += 1
    return first, day


def _municipality(user: User) -> int:
    """Return the user's municipality id (a user without one takes part in nothing)."""
    if user.municipality_id is None:
        raise Forbidden(NO_STUDY)
    return user.municipality_id


def _kind_of(user: User) -> str:
    if policy.manages_in_time_study(user):
        return Participant.Kind.MANAGER
    return Participant.Kind.SOCIAL_WORKER


@transaction.atomic
def create_study(
    *,
    acting_user: User,
    name: str,
    unit_ids: list[int],
    starts_on: date,
    ends_on: date | None = None,
    worker_set_id: int | None = None,
    manager_set_id: int | None = None,
) -> Study:
    """Start a study of the chosen units: their social workers and managers take part."""
    policy.require(
        policy.can_run_time_study(acting_user), "Bara en enhetschef kan starta en tidsmätning."
    )
    errors = Collector()
    errors.check(bool(name.strip()), "name", "Ge tidsmätningen ett namn.")
    own = set(acting_user.units.values_list("pk", flat=True))
    units = list(Unit.objects.filter(pk__in=unit_ids, municipality_id=_municipality(acting_user)))
    errors.check(bool(units), "units", "Välj minst en enhet.")
    errors.check(
        all(u.pk in own for u in units), "units", "Du kan bara mäta tiden på dina egna enheter."
    )
    if ends_on is None:
        starts_on, ends_on = default_period(starts_on)
    errors.check(ends_on >= starts_on, "ends_on", "Sista dagen kan inte vara före första dagen.")
    builtin = ensure_builtin_sets()
    sets = {
        "worker_set_id": worker_set_id or builtin[SOCIAL_WORKERS].pk,
        "manager_set_id": manager_set_id or builtin[MANAGERS].pk,
    }
    usable = CategorySet.objects.filter(
        pk__in=sets.values(), municipality_id__in=[None, _municipality(acting_user)]
    ).values_list("pk", flat=True)
    usable_ids = set(usable) | {s.pk for s in builtin.values()}
    for field, set_id in sets.items():
        errors.check(set_id in usable_ids, field, "Okänd kategoriuppsättning.")
    errors.raise_if_any()
    study = Study.objects.create(
        municipality_id=_municipality(acting_user),
        name=name.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        worker_categories_id=sets["worker_set_id"],
        manager_categories_id=sets["manager_set_id"],
        created_by=acting_user,
        created_at=clock.now(),
    )
    study.units.set(units)
    seen: set[int] = set()
    for unit in units:
        for member in policy.time_study_participants(unit):
            if member.pk in seen:
                continue
            seen.add(member.pk)
            Participant.objects.create(study=study, user=member, kind=_kind_of(member), unit=unit)
    audit.record(actor=acting_user, action=Action.CREATE, obj=study)
    return study


def plannable_units(*, acting_user: User) -> list[Unit]:
    """Return the units whose time the user may measure: a manager's own active units."""
    policy.require(
        policy.can_run_time_study(acting_user), "Bara en enhetschef kan starta en tidsmätning."
    )
    return list(
        acting_user.units.filter(
            municipality_id=_municipality(acting_user), is_active=True
        ).order_by("name", "pk")
    )


def usable_category_sets(*, acting_user: User) -> list[CategorySet]:
    """Return the sets a study of the user's municipality may use: the built-in two and the
    municipality's own."""
    builtin = ensure_builtin_sets()
    own = CategorySet.objects.filter(municipality_id=_municipality(acting_user))
    return [builtin[SOCIAL_WORKERS], builtin[MANAGERS], *own.order_by("name", "pk")]


def studies_run_by(*, acting_user: User) -> list[Study]:
    """Return the studies of the user's municipality that measure one of her units."""
    policy.require(
        policy.can_run_time_study(acting_user), "Bara en enhetschef kan starta en tidsmätning."
    )
    return list(
        Study.objects.filter(
            municipality_id=_municipality(acting_user), units__in=acting_user.units.all()
        ).distinct()
    )


@dataclass(frozen=True)
class CategoryIn:
    """One category of a municipality's own set, as entered."""

    code: str
    name: str
    definition: str = ""
    headline: str = ""


CODE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


DEFINE_FORBIDDEN = (
    "Bara en enhetschef eller administratören kan lägga upp kategorier för tidsmätning."
)
FROZEN = (
    "Uppsättningen används av en tidsmätning som har börjat och kan inte längre ändras. "
    "Kopiera den till en ny uppsättning om kategorierna behöver ändras."
)
SET_NOT_FOUND = "Kategoriuppsättningen finns inte."


def _check_set_code(
    errors: Collector, municipality: int, code: str, *, exclude: int | None
) -> None:
    errors.check(
        bool(code) and set(code) <= CODE_CHARS,
        "code",
        "Koden får bara innehålla små bokstäver a–z, siffror och understreck.",
    )
    taken = CategorySet.objects.filter(municipality_id=municipality, code=code)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    errors.check(
        not taken.exists() and code not in {b.code for b in BUILTIN_SETS},
        "code",
        "Det finns redan en uppsättning med den koden.",
    )


def _checked_categories(errors: Collector, categories: list[CategoryIn]) -> list[CategoryIn]:
    """Return the entered categories (empty rows skipped), each one's faults in ``errors``."""
    entered = [c for c in categories if c.code.strip() or c.name.strip()]
    errors.check(len(entered) >= 2, "categories", "Ange minst två kategorier.")
    seen: set[str] = set()
    for c in entered:
        c_code = c.code.strip()
        errors.check(
            bool(c_code) and set(c_code) <= CODE_CHARS,
            "categories",
            f"Kategorin {c.name.strip() or c_code!s}: koden får bara innehålla små bokstäver "
            "a–z, siffror och understreck.",
        )
        errors.check(bool(c.name.strip()), "categories", f"Kategorin {c_code}: ange ett namn.")
        errors.check(
            c_code not in seen, "categories", f"Koden {c_code} finns två gånger i uppsättningen."
        )
        errors.check(
            c.headline in Category.Headline.values,
            "categories",
            f"Kategorin {c_code}: okänt nyckeltal.",
        )
        seen.add(c_code)
    return entered


@transaction.atomic
def create_category_set(
    *, acting_user: User, code: str, name: str, categories: list[CategoryIn]
) -> CategorySet:
    """Define the municipality's own category set (codes, names, definitions, headlines)."""
    policy.require(policy.can_define_time_study_categories(acting_user), DEFINE_FORBIDDEN)
    municipality = _municipality(acting_user)
    errors = Collector()
    code, name = code.strip(), name.strip()
    errors.check(bool(name), "name", "Ge uppsättningen ett namn.")
    _check_set_code(errors, municipality, code, exclude=None)
    entered = _checked_categories(errors, categories)
    errors.raise_if_any()
    category_set = CategorySet.objects.create(municipality_id=municipality, code=code, name=name)
    Category.objects.bulk_create(
        Category(
            category_set=category_set,
            code=c.code.strip(),
            name=c.name.strip(),
            definition=c.definition.strip(),
            headline=c.headline,
            position=position,
        )
        for position, c in enumerate(entered)
    )
    audit.record(actor=acting_user, action=Action.CREATE, obj=category_set)
    return category_set


def _builtin_headline(code: str) -> str:
    """Return the headline a built-in category counts in (``HEADLINES``), as an own set's
    ``Category.headline``: Barntid first (it is direct time too), then the others."""
    if code in HEADLINES["timestudy_child_time_share"][1]:
        return Category.Headline.CHILD_TIME
    if code in HEADLINES["timestudy_direct_time_share"][1]:
        return Category.Headline.DIRECT_TIME
    if code in HEADLINES["timestudy_documentation_admin_share"][1]:
        return Category.Headline.DOCUMENTATION_ADMIN
    return Category.Headline.NONE


def copy_category_set(*, acting_user: User, source_id: int, code: str, name: str) -> CategorySet:
    """Start the municipality's own set from a built-in set (or another of its own): the same
    categories, a built-in one counting in the headline its code counts in. Audited."""
    policy.require(policy.can_define_time_study_categories(acting_user), DEFINE_FORBIDDEN)
    ensure_builtin_sets()
    source = CategorySet.objects.filter(
        models.Q(municipality__isnull=True) | models.Q(municipality_id=_municipality(acting_user)),
        pk=source_id,
    ).first()
    if source is None:
        raise NotFound(SET_NOT_FOUND)
    return create_category_set(
        acting_user=acting_user,
        code=code,
        name=name,
        categories=[
            CategoryIn(
                code=c.code,
                name=c.name,
                definition=c.definition,
                headline=_builtin_headline(c.code) if source.builtin else c.headline,
            )
            for c in source.categories.all()
        ],
    )


def is_frozen(category_set: CategorySet) -> bool:
    """Return whether a study using the set has started (its first day today or earlier)."""
    return Study.objects.filter(
        models.Q(worker_categories=category_set) | models.Q(manager_categories=category_set),
        starts_on__lte=clock.today(),
    ).exists()


def own_category_set(*, acting_user: User, set_id: int) -> CategorySet:
    """Return one of the municipality's own sets (a built-in one or another's: not found)."""
    policy.require(policy.can_define_time_study_categories(acting_user), DEFINE_FORBIDDEN)
    found = CategorySet.objects.filter(
        pk=set_id, municipality_id=_municipality(acting_user)
    ).first()
    if found is None:
        raise NotFound(SET_NOT_FOUND)
    return found


@transaction.atomic
def update_category_set(
    *, acting_user: User, set_id: int, code: str, name: str, categories: list[CategoryIn]
) -> CategorySet:
    """Change the municipality's own set: its name and code, and its categories (matched by
    code: a code kept is edited, a new one added, one left out removed). Refused (409) once a
    study using it has started: the results count its categories as they were. Audited."""
    category_set = own_category_set(acting_user=acting_user, set_id=set_id)
    category_set = CategorySet.objects.select_for_update().get(pk=category_set.pk)
    if is_frozen(category_set):
        raise StateConflict(FROZEN)
    errors = Collector()
    code, name = code.strip(), name.strip()
    errors.check(bool(name), "name", "Ge uppsättningen ett namn.")
    _check_set_code(errors, category_set.municipality_id or 0, code, exclude=category_set.pk)
    entered = _checked_categories(errors, categories)
    errors.raise_if_any()
    category_set.code, category_set.name = code, name
    category_set.save(update_fields=["code", "name"])
    existing = {c.code: c for c in category_set.categories.all()}
    kept = {c.code.strip() for c in entered}
    removed = [c for code_, c in existing.items() if code_ not in kept]
    if TimeBlock.objects.filter(category__in=removed).exists():  # a study not yet begun
        raise StateConflict(FROZEN)
    Category.objects.filter(pk__in=[c.pk for c in removed]).delete()
    for position, c in enumerate(entered):
        row = existing.get(c.code.strip()) or Category(category_set=category_set)
        row.code = c.code.strip()
        row.name = c.name.strip()
        row.definition = c.definition.strip()
        row.headline = c.headline
        row.position = position
        row.save()
    audit.record(actor=acting_user, action=Action.UPDATE, obj=category_set)
    return category_set


def category_sets_of(*, acting_user: User) -> list[CategorySet]:
    """Return the municipality's own sets (to list them on the definitions page)."""
    policy.require(policy.can_define_time_study_categories(acting_user), DEFINE_FORBIDDEN)
    return list(
        CategorySet.objects.filter(municipality_id=_municipality(acting_user))
        .prefetch_related("categories")
        .order_by("name", "pk")
    )


@transaction.atomic
def close_study(*, acting_user: User, study_id: int) -> Study:
    """Close the study: from now on its blocks are final and its results can be read."""
    policy.require(
        policy.can_run_time_study(acting_user),
        "Bara en enhetschef för de mätta enheterna kan avsluta tidsmätningen.",
    )
    study = (
        Study.objects.select_for_update()
        .filter(pk=study_id, municipality_id=_municipality(acting_user))
        .first()
    )
    if study is None:
        raise NotFound("Tidsmätningen finns inte.")
    policy.require(
        policy.can_run_time_study(acting_user)
        and study.units.filter(pk__in=acting_user.units.all()).exists(),
        "Bara en enhetschef för de mätta enheterna kan avsluta tidsmätningen.",
    )
    if study.closed_at is not None:
        raise StateConflict("Tidsmätningen är redan avslutad.")
    study.closed_at = clock.now()
    study.save(update_fields=["closed_at"])
    audit.record(actor=acting_user, action=Action.UPDATE, obj=study, detail="closed")
    return study


def participation_of(user: User) -> Participant | None:
    """Return the user's participation in an open study (the latest), if any."""
    if not policy.takes_part_in_time_studies(user):
        return None
    return (
        Participant.objects.select_related("study")
        .filter(user=user, study__closed_at__isnull=True)
        .order_by("-study__starts_on", "-pk")
        .first()
    )


def _require_participation(user: User) -> Participant:
    participant = participation_of(user)
    if participant is None:
        raise Forbidden(NO_STUDY)
    return participant


def categories_of(participant: Participant) -> list[Category]:
    """Return the categories the participant registers in, in the set's order."""
    return list(Category.objects.filter(category_set_id=participant.category_set_id))


def _category(participant: Participant, code: str) -> Category:
    category = Category.objects.filter(
        category_set_id=participant.category_set_id, code=code
    ).first()
    if category is None:
        raise InvalidInput.field("category", "Välj en kategori.")
    return category


def _end_of_day(moment: datetime) -> datetime:
    day = local_date(moment)
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=STOCKHOLM)


def _check_times(
    errors: Collector, study: Study, started_at: datetime, ended_at: datetime | None
) -> None:
    now = clock.now()
    start_day = local_date(started_at)
    errors.check(
        study.starts_on <= start_day <= study.ends_on,
        "started_at",
        f"Tiden måste ligga inom tidsmätningens period ({study.starts_on:%Y-%m-%d}–"
        f"{study.ends_on:%Y-%m-%d}).",
    )
    errors.check(started_at <= now + CLOCK_SLACK, "started_at", "Tiden kan inte ligga i framtiden.")
    if ended_at is None:
        return
    errors.check(ended_at > started_at, "ended_at", "Sluttiden måste vara efter starttiden.")
    errors.check(
        ended_at <= _end_of_day(started_at),
        "ended_at",
        "Ett tidsblock ligger inom en dag. Dela upp det i ett block per dag.",
    )
    errors.check(ended_at <= now + CLOCK_SLACK, "ended_at", "Tiden kan inte ligga i framtiden.")


def _existing(participant: Participant, client_id: uuid.UUID) -> TimeBlock | None:
    """Return the block already stored under ``client_id`` (a repeated send), if any."""
    block = TimeBlock.objects.filter(client_id=client_id).first()
    if block is None:
        return None
    if block.participant_id != participant.pk:
        raise StateConflict("Registreringen har ett id som redan används.")
    return block


def _running(participant: Participant) -> TimeBlock | None:
    return (
        TimeBlock.objects.select_for_update()
        .filter(participant=participant, ended_at__isnull=True)
        .order_by("-started_at")
        .first()
    )


@transaction.atomic
def start_activity(
    *,
    acting_user: User,
    client_id: uuid.UUID,
    category_code: str,
    at: datetime | None = None,
) -> TimeBlock:
    """Start the current activity at ``at`` (now): the running one, if any, ends there."""
    participant = _require_participation(acting_user)
    existing = _existing(participant, client_id)
    if existing is not None:
        return existing
    if participant.study.is_closed:
        raise StateConflict(CLOSED)
    at = at or clock.now()
    category = _category(participant, category_code)
    errors = Collector()
    _check_times(errors, participant.study, at, None)
    running = _running(participant)
    if running is not None:
        errors.check(
            at > running.started_at,
            "started_at",
            "Den nya aktiviteten måste börja efter att den pågående började.",
        )
    errors.raise_if_any()
    now = clock.now()
    if running is not None:
        running.ended_at = min(at, _end_of_day(running.started_at))
        running.updated_at = now
        running.save(update_fields=["ended_at", "updated_at"])
        audit.record(actor=acting_user, action=Action.UPDATE, obj=running, detail="ended")
    block = TimeBlock.objects.create(
        participant=participant,
        client_id=client_id,
        category=category,
        started_at=at,
        created_at=now,
        updated_at=now,
    )
    audit.record(actor=acting_user, action=Action.CREATE, obj=block)
    return block


@transaction.atomic
def stop_activity(*, acting_user: User, at: datetime | None = None) -> TimeBlock | None:
    """End the running activity at ``at`` (now); return it, or None if nothing runs."""
    participant = _require_participation(acting_user)
    running = _running(participant)
    if running is None:
        return None
    at = at or clock.now()
    errors = Collector()
    errors.check(at > running.started_at, "ended_at", "Sluttiden måste vara efter starttiden.")
    errors.raise_if_any()
    running.ended_at = min(at, _end_of_day(running.started_at))
    running.updated_at = clock.now()
    running.save(update_fields=["ended_at", "updated_at"])
    audit.record(actor=acting_user, action=Action.UPDATE, obj=running, detail="ended")
    return running


@transaction.atomic
def add_block(
    *,
    acting_user: User,
    client_id: uuid.UUID,
    category_code: str,
    started_at: datetime,
    ended_at: datetime,
) -> TimeBlock:
    """Register a block afterwards (start and end given). Gaps and overlaps are flagged on the
    day's timeline, never merged."""
    participant = _require_participation(acting_user)
    existing = _existing(participant, client_id)
    if existing is not None:
        return existing
    if participant.study.is_closed:
        raise StateConflict(CLOSED)
    category = _category(participant, category_code)
    errors = Collector()
    _check_times(errors, participant.study, started_at, ended_at)
    errors.raise_if_any()
    now = clock.now()
    block = TimeBlock.objects.create(
        participant=participant,
        client_id=client_id,
        category=category,
        started_at=started_at,
        ended_at=ended_at,
        created_at=now,
        updated_at=now,
    )
    audit.record(actor=acting_user, action=Action.CREATE, obj=block)
    return block


def _own_block(user: User, block_id: int, *, lock: bool = False) -> TimeBlock:
    """Return the block if it is ``user``'s own; any other block is *not found*."""
    qs = TimeBlock.objects.select_related("participant__study", "category")
    if lock:
        qs = qs.select_for_update(of=("self",))
    block = qs.filter(pk=block_id, participant__user_id=user.pk).first()
    if block is None or not policy.owns_time_blocks(user, block.participant.user_id):
        raise NotFound(BLOCK_NOT_FOUND)
    return block


def block_of(*, acting_user: User, block_id: int) -> TimeBlock:
    """Return one of the user's own blocks (to correct it), audited."""
    block = _own_block(acting_user, block_id)
    audit.record(actor=acting_user, action=Action.READ, obj=block)
    return block


@transaction.atomic
def correct_block(
    *,
    acting_user: User,
    block_id: int,
    category_code: str,
    started_at: datetime,
    ended_at: datetime | None,
) -> TimeBlock:
    """Correct one of the user's own blocks until the study closes."""
    block = _own_block(acting_user, block_id, lock=True)
    study = block.participant.study
    if study.is_closed:
        raise StateConflict(CLOSED)
    category = _category(block.participant, category_code)
    errors = Collector()
    _check_times(errors, study, started_at, ended_at)
    errors.raise_if_any()
    block.category = category
    block.started_at = started_at
    block.ended_at = ended_at
    block.updated_at = clock.now()
    block.save(update_fields=["category", "started_at", "ended_at", "updated_at"])
    audit.record(actor=acting_user, action=Action.UPDATE, obj=block)
    return block


@transaction.atomic
def delete_block(*, acting_user: User, block_id: int) -> None:
    """Remove one of the user's own blocks until the study closes (a registration made by
    mistake; the removal is audited with what the block was)."""
    block = _own_block(acting_user, block_id, lock=True)
    if block.participant.study.is_closed:
        raise StateConflict(CLOSED)
    detail = (
        f"deleted category={block.category.code} started_at={block.started_at.isoformat()} "
        f"ended_at={block.ended_at.isoformat() if block.ended_at else ''}"
    )
    audit.record(actor=acting_user, action=Action.UPDATE, obj=block, detail=detail)
    block.delete()


@dataclass(frozen=True)
class Entry:
    """One block of the day's timeline with its length in minutes."""

    block: TimeBlock
    minutes: int

    @property
    def running(self) -> bool:
        return self.block.ended_at is None


@dataclass(frozen=True)
class Day:
    """A participant's day: the blocks in order, the gaps and overlaps, the running block."""

    participant: Participant
    day: date
    entries: list[Entry]
    flags: list[timeline.Flag]
    running: TimeBlock | None

    @property
    def registered_minutes(self) -> int:
        return sum(e.minutes for e in self.entries)


def day_of(*, acting_user: User, day: date) -> Day:
    """Return the user's own registrations of ``day`` as a timeline, and audit the read."""
    participant = _require_participation(acting_user)
    first = datetime.combine(day, time(0), tzinfo=STOCKHOLM)
    blocks = list(
        TimeBlock.objects.select_related("category")
        .filter(
            participant=participant,
            started_at__gte=first,
            started_at__lt=first + timedelta(days=1),
        )
        .order_by("started_at", "pk")
    )
    now = clock.now()
    spans = [timeline.Span(b, b.started_at, b.ended_at) for b in blocks]
    running = (
        TimeBlock.objects.select_related("category")
        .filter(participant=participant, ended_at__isnull=True)
        .order_by("-started_at")
        .first()
    )
    audit.record(
        actor=acting_user, action=Action.READ, obj=participant, detail=f"day={day.isoformat()}"
    )
    return Day(
        participant=participant,
        day=day,
        entries=[Entry(s.item, timeline.minutes(s, now)) for s in spans],
        flags=timeline.flags(spans, now),
        running=running,
    )


# --- results ---------------------------------------------------------------------------------


def registered(
    studies: QuerySet[Study] | Iterable[Study], *, by_headline: bool = False
) -> list[results.Registered]:
    """Return each participant's ended blocks of ``studies`` as minutes per category (one
    query: a queryset of studies is a subquery).

    ``by_headline``: a municipality's own category is named by the headline it counts in
    (``headline_token``) instead of its code, so that studies with built-in and own sets add
    up in the headline figures (a built-in category keeps its code: ``HEADLINES``)."""
    minutes: dict[tuple[int, str, int, str], int] = {}
    rows = TimeBlock.objects.filter(
        participant__study__in=studies if isinstance(studies, QuerySet) else list(studies),
        ended_at__isnull=False,
    ).values_list(
        "participant_id",
        "participant__kind",
        "participant__unit_id",
        "category__code",
        "category__category_set__municipality_id",
        "category__headline",
        "started_at",
        "ended_at",
    )
    for participant, kind, unit, code, own, headline, started, ended in rows:
        if ended is None:  # excluded by the query; for the type checker
            continue
        if by_headline and own is not None:
            code = headline_token(headline)
        key = (participant, kind, unit, code)
        minutes[key] = minutes.get(key, 0) + int((ended - started) / timedelta(minutes=1))
    return [results.Registered(p, k, u, c, m) for (p, k, u, c), m in minutes.items()]


def headline_token(headline: str) -> str:
    """Return how ``registered(by_headline=True)`` names an own category of ``headline``
    (never a built-in code: those have no colon)."""
    return f"own:{headline}"


@dataclass(frozen=True)
class Column:
    """A column of the results: a unit, or the municipality (``unit`` None)."""

    label: str
    unit: int | None


@dataclass(frozen=True)
class Row:
    """One line of a results table: a category (or a headline) and its shares per column."""

    label: str
    national: int | None
    shares: list[float | None]


@dataclass(frozen=True)
class KindResults:
    """The results of one role (social workers or managers): a row per category."""

    kind: str
    label: str
    columns: list[Column]
    participants: list[int | None]
    rows: list[Row]
    headlines: list[Row]


@dataclass(frozen=True)
class StudyResults:
    study: Study
    kinds: list[KindResults]


#: Which of a municipality's own categories count in each headline (``Category.headline``).
HEADLINE_FIELDS = OWN_HEADLINES


def headline_keys(indicator_id: str) -> frozenset[str]:
    """Return the category keys of ``registered(by_headline=True)`` counted in a headline:
    the built-in codes and the own categories' headline tokens."""
    return HEADLINES[indicator_id][1] | {headline_token(h) for h in OWN_HEADLINES[indicator_id]}


def _national_headlines() -> dict[str, int]:
    workers = next(b for b in BUILTIN_SETS if b.code == SOCIAL_WORKERS)
    shares = {c.code: c.national_share for c in workers.categories}
    return {
        id_: sum(shares.get(code, 0) for code in codes) for id_, (_, codes) in HEADLINES.items()
    }


def headline_codes(categories: list[Category]) -> list[tuple[str, frozenset[str], int]]:
    """Return each headline's name, the codes of ``categories`` counted in it, and the national
    share: a built-in set counts by code (``HEADLINES``), a municipality's own set by each
    category's ``headline``."""
    national = _national_headlines()
    builtin = bool(categories) and categories[0].category_set.municipality_id is None
    found = []
    for id_, (name, codes) in HEADLINES.items():
        if not builtin:
            codes = frozenset(c.code for c in categories if c.headline in HEADLINE_FIELDS[id_])
        found.append((name, codes, national[id_]))
    return found


def studies_with_results(*, acting_user: User) -> list[Study]:
    """Return the studies of the user's municipality whose results may be read (closed ones
    first: an open study's are preliminary)."""
    policy.require(
        policy.can_view_time_study_results(acting_user),
        "Du har inte behörighet att se tidsmätningens resultat.",
    )
    return list(Study.objects.filter(municipality_id=_municipality(acting_user)))


def study_results(*, acting_user: User, study_id: int) -> StudyResults:
    """Return the study's shares per category, role, unit and municipality beside the national
    result; groups under 5 participants hidden (``results``). Audited."""
    policy.require(
        policy.can_view_time_study_results(acting_user),
        "Du har inte behörighet att se tidsmätningens resultat.",
    )
    study = Study.objects.filter(pk=study_id, municipality_id=_municipality(acting_user)).first()
    if study is None:
        raise NotFound("Tidsmätningen finns inte.")
    units = list(study.units.order_by("name", "pk"))
    found = results.groups(registered([study]), [u.pk for u in units])
    columns = [Column(str(_("Kommunen")), None)] + [Column(u.name, u.pk) for u in units]
    kinds = []
    for kind, set_id in (
        (Participant.Kind.SOCIAL_WORKER, study.worker_categories_id),
        (Participant.Kind.MANAGER, study.manager_categories_id),
    ):
        groups = [found.get((kind, c.unit)) for c in columns]
        if not any(g is not None and g.participants for g in groups):
            continue
        categories = list(
            Category.objects.select_related("category_set").filter(category_set_id=set_id)
        )
        rows = [
            Row(c.name, c.national_share, [g.share({c.code}) if g else None for g in groups])
            for c in categories
        ]
        headlines = []
        if kind == Participant.Kind.SOCIAL_WORKER:
            for name, codes, national in headline_codes(categories):
                headlines.append(
                    Row(name, national, [g.share(codes) if g else None for g in groups])
                )
        kinds.append(
            KindResults(
                kind=kind,
                label=str(Participant.Kind(kind).label),
                columns=columns,
                participants=[
                    None if g is None or g.hidden else len(g.participants) for g in groups
                ],
                rows=rows,
                headlines=headlines,
            )
        )
    audit.record(actor=acting_user, action=Action.READ, obj=study, detail="results")
    return StudyResults(study=study, kinds=kinds)


@dataclass(frozen=True)
class CompareRow:
    """A category (or headline) in repeated studies: the municipality's share in each, and the
    change from the first to the last in percentage points (None where a share is hidden)."""

    label: str
    shares: list[float | None]

    @property
    def change(self) -> float | None:
        first, last = self.shares[0], self.shares[-1]
        if first is None or last is None or len(self.shares) < 2:
            return None
        return last - first


@dataclass(frozen=True)
class KindComparison:
    kind: str
    label: str
    participants: list[int | None]
    headlines: list[CompareRow]
    rows: list[CompareRow]


@dataclass(frozen=True)
class Comparison:
    studies: list[Study]
    kinds: list[KindComparison]


def compare_studies(*, acting_user: User, study_ids: list[int]) -> Comparison:
    """Return the municipality's shares of two or more closed studies side by side, oldest
    first (groups under 5 participants hidden, as in each study's results). Audited per study."""
    policy.require(
        policy.can_view_time_study_results(acting_user),
        "Du har inte behörighet att se tidsmätningens resultat.",
    )
    studies = list(
        Study.objects.filter(
            pk__in=study_ids, municipality_id=_municipality(acting_user), closed_at__isnull=False
        ).order_by("starts_on", "pk")
    )
    errors = Collector()
    errors.check(len(studies) >= 2, "studies", "Välj minst två avslutade tidsmätningar.")
    errors.raise_if_any()
    found = [study_results(acting_user=acting_user, study_id=s.pk) for s in studies]
    kinds = []
    for kind in (Participant.Kind.SOCIAL_WORKER, Participant.Kind.MANAGER):
        per_study = [next((k for k in r.kinds if k.kind == kind), None) for r in found]
        if all(k is None for k in per_study):
            continue

        def rows_of(attr: str, per_study: list[KindResults | None] = per_study) -> list[CompareRow]:
            labels: list[str] = []
            shares: dict[tuple[str, int], float | None] = {}
            for i, k in enumerate(per_study):
                for row in getattr(k, attr) if k else []:
                    if row.label not in labels:
                        labels.append(row.label)
                    shares[(row.label, i)] = row.shares[0]
            return [
                CompareRow(label, [shares.get((label, i)) for i in range(len(per_study))])
                for label in labels
            ]

        kinds.append(
            KindComparison(
                kind=kind,
                label=str(Participant.Kind(kind).label),
                participants=[k.participants[0] if k else None for k in per_study],
                headlines=rows_of("headlines"),
                rows=rows_of("rows"),
            )
        )
    return Comparison(studies=studies, kinds=kinds)
