"""Drive django-q2's queue in the test's own process, as the worker would, without waiting.

``enqueued`` puts jobs on the real queue (the ORM broker's table) instead of running them at
once; ``work_off`` takes every job that is due from the queue, runs it through django-q2's own
worker and saves its result through its own monitor (a failure is then not acknowledged, so the
queue offers it again after ``retry`` seconds, until ``max_attempts``); ``retry_due`` moves the
queue's retry time to now instead of sleeping.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from multiprocessing import Value
from queue import Queue

from django.utils import timezone
from django_q import monitor as q_monitor
from django_q import worker as q_worker
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import OrmQ
from django_q.signing import SignedPackage


@contextlib.contextmanager
def enqueued(monkeypatch):
    """Queue jobs for the worker instead of running them at once (inside the block)."""
    monkeypatch.setattr(Conf, "SYNC", False)
    # The worker closes the database connections it may have inherited; in a test they are
    # the test's own, inside its transaction.
    monkeypatch.setattr(q_worker, "close_old_django_connections", lambda: None)
    monkeypatch.setattr(q_monitor, "close_old_django_connections", lambda: None)
    yield


def work_off() -> int:
    """Run every job the queue offers now, as the worker does; return how many ran."""
    broker = get_broker()
    if not OrmQ.objects.filter(lock__lt=timezone.now()).exists():
        return 0  # the broker's dequeue would sleep on an empty queue
    ran = 0
    for ack_id, payload in broker.dequeue() or []:
        task = SignedPackage.loads(payload)
        task["ack_id"] = ack_id
        tasks: Queue = Queue()
        results: Queue = Queue()
        tasks.put(task)
        tasks.put("STOP")
        q_worker.worker(tasks, results, Value("f", -1), timeout=-1)
        results.put("STOP")
        q_monitor.monitor(results, broker)
        ran += 1
    return ran


def retry_due() -> None:
    """Let the time until the queue offers a failed job again pass (no sleep)."""
    OrmQ.objects.update(lock=timezone.now() - timedelta(seconds=1))
