"""The one way to run work in the background: ``enqueue`` a job for the worker.

A job is a plain function named by its dotted path, with arguments that are ids, dates as ISO
strings and other plain values (never a model object: the worker loads what it needs, and the
queue's row holds no personal data). It must be idempotent: the worker runs it again after a
failure (``Q_CLUSTER["retry"]`` seconds later, at most ``max_attempts`` times in all), and a
job that fails every time is shown to the administrator at ``/administration/jobb/``.

    from skyddsnat.jobs.queue import enqueue
    enqueue("skyddsnat.surveys.jobs.send_reminder", survey_id=survey.pk)

In the tests jobs run at once, in the caller's transaction (``tests/conftest.py``).
"""

from __future__ import annotations

from typing import Any

from django_q.tasks import async_task


class JobFailed(Exception):
    """A job that could not do all of its work; the worker runs it again.

    Its message is shown to the administrator: ids and counts only, never personal data.
    """


def enqueue(func: str, *args: Any, name: str | None = None, **kwargs: Any) -> str:
    """Queue ``func(*args, **kwargs)`` for the worker and return the job's id."""
    options: dict[str, Any] = {}
    if name:
        options["task_name"] = name
    return str(async_task(func, *args, q_options=options, **kwargs))
