"""``manage.py schedule_jobs``: install the scheduled jobs (``migrate`` does it too)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from skyddsnat.jobs.schedules import install


class Command(BaseCommand):
    help = "Install or update the jobs that run on their own (skyddsnat/jobs/schedules.py)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        for name in install(options["database"]):
            self.stdout.write(f"Scheduled: {name}")
