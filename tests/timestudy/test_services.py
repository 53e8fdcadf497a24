"""The time study's services: a study, the running clock, blocks afterwards, corrections, and
blocks that only their participant can read."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.timestudy import services
from skyddsnat.timestudy.categories import MANAGERS, SOCIAL_WORKERS
from skyddsnat.timestudy.models import Category, Participant, TimeBlock
from tests.cast import local


def d(hh: int, mm: int = 0, day: int = 18):
    return local(2026, 3, day, hh, mm)


def test_the_builtin_sets_hold_the_spec_codes_and_national_shares(db):
    sets = services.ensure_builtin_sets()
    workers = {
        c.code: c.national_share for c in Category.objects.filter(category_set=sets[SOCIAL_WORKERS])
    }
    managers = {
        c.code: c.national_share for c in Category.objects.filter(category_set=sets[MANAGERS])
    }
    assert len(workers) == 14 and len(managers) == 14
    assert workers["child_time"] == 2 and workers["indirect_time"] == 35
    assert managers["manager_administration"] == 17
    assert sum(workers.values()) == 100 and sum(managers.values()) == 100


def test_a_study_lasts_five_working_days_and_takes_the_units_staff(cast, study):
    assert (study.starts_on, study.ends_on) == (date(2026, 3, 16), date(2026, 3, 20))
    kinds = {p.user.username: p.kind for p in study.participants.select_related("user")}
    assert kinds == {"alice": "social_worker", "bob": "social_worker", "maja": "manager"}
    assert AuditEvent.objects.filter(object_type="timestudy.study", action="create").count() == 1


def test_it_requires_a_manager_of_the_units_to_start_a_study(cast, frozen_today):
    with pytest.raises(Forbidden):
        services.create_study(
            acting_user=cast.alice,
            name="x",
            unit_ids=[cast.inv_unit.pk],
            starts_on=date(2026, 3, 16),
        )
    with pytest.raises(InvalidInput) as exc:
        services.create_study(
            acting_user=cast.maja,
            name="x",
            unit_ids=[cast.intake_unit.pk],
            starts_on=date(2026, 3, 16),
        )
    assert "units" in exc.value.errors


def test_one_tap_starts_an_activity_and_ends_the_running_one(cast, study):
    first = services.start_activity(
        acting_user=cast.alice, client_id=uuid.uuid4(), category_code="child_time", at=d(9)
    )
    second = services.start_activity(
        acting_user=cast.alice, client_id=uuid.uuid4(), category_code="indirect_time", at=d(10)
    )
    first.refresh_from_db()
    assert first.ended_at == d(10) and second.ended_at is None
    day = services.day_of(acting_user=cast.alice, day=date(2026, 3, 18))
    assert [e.block.category.code for e in day.entries] == ["child_time", "indirect_time"]
    assert day.running == second and day.entries[0].minutes == 60


def test_the_same_registration_sent_twice_is_stored_once(cast, study):
    key = uuid.uuid4()
    for _ in range(2):
        services.add_block(
            acting_user=cast.alice,
            client_id=key,
            category_code="travel",
            started_at=d(8),
            ended_at=d(8, 30),
        )
    assert TimeBlock.objects.count() == 1


def test_gaps_and_overlaps_are_flagged_never_merged(cast, study):
    for start, end in [((8,), (9,)), ((9, 30), (10, 30)), ((10,), (11,))]:
        services.add_block(
            acting_user=cast.alice,
            client_id=uuid.uuid4(),
            category_code="administration",
            started_at=d(*start),
            ended_at=d(*end),
        )
    day = services.day_of(acting_user=cast.alice, day=date(2026, 3, 18))
    assert len(day.entries) == 3
    assert [(f.kind, f.minutes) for f in day.flags] == [("gap", 30), ("overlap", 30)]


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (d(9), d(8), "ended_at"),
        (d(9, day=23), d(10, day=23), "started_at"),  # after the study's last day
        (d(16), d(17), "started_at"),  # in the future (now is 15:00)
        (d(23), d(9, day=19), "ended_at"),  # over midnight
    ],
)
def test_bad_times_get_a_swedish_message(cast, study, start, end, field):
    with pytest.raises(InvalidInput) as exc:
        services.add_block(
            acting_user=cast.alice,
            client_id=uuid.uuid4(),
            category_code="travel",
            started_at=start,
            ended_at=end,
        )
    assert field in exc.value.errors


def test_a_manager_registers_in_the_managers_categories(cast, study):
    block = services.start_activity(
        acting_user=cast.maja,
        client_id=uuid.uuid4(),
        category_code="manager_administration",
        at=d(9),
    )
    assert block.participant.kind == Participant.Kind.MANAGER
    with pytest.raises(InvalidInput):
        services.start_activity(
            acting_user=cast.alice, client_id=uuid.uuid4(), category_code="manager_administration"
        )


def test_a_participant_can_never_read_or_correct_another_participants_block(cast, study):
    block = services.add_block(
        acting_user=cast.alice,
        client_id=uuid.uuid4(),
        category_code="travel",
        started_at=d(8),
        ended_at=d(9),
    )
    for other in (cast.bob, cast.maja, cast.carl, cast.ana, cast.sara):
        with pytest.raises(NotFound):
            services.block_of(acting_user=other, block_id=block.pk)
        with pytest.raises(NotFound):
            services.correct_block(
                acting_user=other,
                block_id=block.pk,
                category_code="travel",
                started_at=d(8),
                ended_at=d(10),
            )
    assert services.day_of(acting_user=cast.bob, day=date(2026, 3, 18)).entries == []


def test_blocks_are_corrected_until_the_study_closes(cast, study):
    block = services.add_block(
        acting_user=cast.alice,
        client_id=uuid.uuid4(),
        category_code="travel",
        started_at=d(8),
        ended_at=d(9),
    )
    services.correct_block(
        acting_user=cast.alice,
        block_id=block.pk,
        category_code="child_time",
        started_at=d(8),
        ended_at=d(8, 45),
    )
    block.refresh_from_db()
    assert (block.category.code, block.ended_at) == ("child_time", d(8, 45))
    services.close_study(acting_user=cast.maja, study_id=study.pk)
    with pytest.raises(Forbidden):  # the day is read only while a study is open
        services.day_of(acting_user=cast.alice, day=date(2026, 3, 18))
    with pytest.raises(StateConflict):
        services.correct_block(
            acting_user=cast.alice,
            block_id=block.pk,
            category_code="travel",
            started_at=d(8),
            ended_at=d(9),
        )
