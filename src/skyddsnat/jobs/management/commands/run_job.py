"""``manage.py run_job NAME …``: run scheduled jobs now, in this process, and print what each did.

After an update whose rules or indicators changed, every next due date and indicator table kept
for the day is stale: ``run_job next_due_dates followup_tables`` works them out again before
the first person opens a list (``docs/deploy.md``), as the night would have.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from skyddsnat.jobs.schedules import scheduled


class Command(BaseCommand):
    help = "Run the named scheduled jobs (skyddsnat/jobs/schedules.py) now, one after another."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("names", nargs="+", help="the jobs' names, as Jobb lists them")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = {job.name: job for job in scheduled()}
        unknown = [name for name in options["names"] if name not in jobs]
        if unknown:
            raise CommandError(
                f"Okänt jobb: {', '.join(unknown)}. Jobben heter: {', '.join(sorted(jobs))}."
            )
        for name in options["names"]:
            result = import_string(jobs[name].func)()
            self.stdout.write(f"{name}: {result}")
