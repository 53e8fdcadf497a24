"""The scheduled jobs are installed by migrate, once, at the local time the settings say."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from skyddsnat.jobs.schedules import install, next_run

STHLM = ZoneInfo("Europe/Stockholm")


def test_migrate_installed_the_daily_digest_at_its_local_time(db):
    schedule = Schedule.objects.get(name="daily_digest")
    assert schedule.func == "skyddsnat.jobs.digest.send_daily_digests"
    assert schedule.schedule_type == Schedule.DAILY
    assert schedule.repeats == -1
    assert timezone.localtime(schedule.next_run).time() == time(6, 30)


def test_installing_again_keeps_one_schedule_and_its_next_run(db):
    before = Schedule.objects.get(name="daily_digest").next_run

    install()
    call_command("schedule_jobs")

    assert Schedule.objects.filter(name="daily_digest").count() == 1
    assert Schedule.objects.get(name="daily_digest").next_run == before


def test_a_new_time_moves_the_next_run(db, settings):
    settings.SKYDDSNAT_DIGEST_TIME = "07:15"

    install()

    moved = Schedule.objects.get(name="daily_digest").next_run
    assert timezone.localtime(moved).time() == time(7, 15)


def test_the_next_run_is_today_if_the_time_is_still_to_come_else_tomorrow():
    morning = datetime(2026, 3, 11, 5, 0, tzinfo=STHLM)
    evening = datetime(2026, 3, 11, 20, 0, tzinfo=STHLM)
    assert next_run(time(6, 30), morning) == datetime(2026, 3, 11, 6, 30, tzinfo=STHLM)
    assert next_run(time(6, 30), evening) == datetime(2026, 3, 12, 6, 30, tzinfo=STHLM)
