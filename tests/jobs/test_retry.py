"""A failed job is run again by the worker; one that fails every time is shown to the
administrator at /administration/jobb/ (django-q2's queue driven in-process: tests/jobs/worker.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django_q.conf import Conf
from django_q.models import Failure, OrmQ, Success

from skyddsnat.jobs import digest
from skyddsnat.jobs.queue import enqueue
from tests.jobs.worker import enqueued, retry_due, work_off
from tests.web.builders import story

TODAY = date(2026, 3, 11)
URL = "/administration/jobb/"


@pytest.fixture
def norrby(cast, frozen_today):
    frozen_today(TODAY)
    built = story(cast, TODAY)
    for user in (cast.alice, cast.bob, cast.maja):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return built


@pytest.fixture
def mail_to_bob_fails(monkeypatch):
    """Make sending to Bob fail while ``state["failing"]`` is true."""
    state = {"failing": True}
    real = digest.send_mail

    def send_mail(subject, body, sender, to):
        if state["failing"] and to == ["bob@example.org"]:
            raise ConnectionRefusedError("the mail server said no")
        return real(subject, body, sender, to)

    monkeypatch.setattr(digest, "send_mail", send_mail)
    return state


def _page(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _to(address: str) -> int:
    return sum(1 for m in mail.outbox if m.to == [address])


def test_a_failed_digest_is_retried_and_sends_only_what_was_missing(
    cast, norrby, monkeypatch, mail_to_bob_fails
):
    with enqueued(monkeypatch):
        enqueue(digest.__name__ + ".send_daily_digests", name="digest")
        assert work_off() == 1

        assert _to("alice@example.org") == 1 and _to("bob@example.org") == 0
        failure = Failure.objects.get()
        assert failure.attempt_count == 1
        assert OrmQ.objects.count() == 1  # still queued: offered again after the retry time
        assert work_off() == 0  # not before then
        assert "Körs igen" in _page(cast.adam)

        mail_to_bob_fails["failing"] = False
        retry_due()
        assert work_off() == 1

    assert _to("alice@example.org") == 1  # not sent twice
    assert _to("bob@example.org") == 1
    assert not Failure.objects.exists()
    assert Success.objects.get().attempt_count == 2
    assert not OrmQ.objects.exists()


def test_a_job_that_fails_every_time_stops_and_is_shown_to_the_administrator(
    cast, norrby, monkeypatch, mail_to_bob_fails
):
    with enqueued(monkeypatch):
        enqueue(digest.__name__ + ".send_daily_digests", name="digest")
        for _attempt in range(Conf.MAX_ATTEMPTS):
            assert work_off() == 1
            retry_due()
        assert work_off() == 0  # given up: no longer queued

    failure = Failure.objects.get()
    assert failure.attempt_count == Conf.MAX_ATTEMPTS == 3
    assert not OrmQ.objects.exists()
    html = _page(cast.adam)
    assert "Daglig sammanställning av tidsfrister" in html
    assert "Misslyckades slutgiltigt" in html
    assert "3 av 3" in html
    assert f"(användare {cast.bob.pk})" in html
    assert "Bob" not in html and "bob@example.org" not in html


def test_another_errors_message_is_not_shown_only_its_kind(cast, norrby, monkeypatch):
    def boom(*args, **kwargs):
        raise ValueError("Ebba Lindqvist 201501011234")

    with enqueued(monkeypatch):
        enqueue("skyddsnat.jobs.schedules.install", name="broken")
        monkeypatch.setattr("skyddsnat.jobs.schedules.install", boom)
        work_off()

    html = _page(cast.adam)
    assert "ValueError" in html
    assert "Ebba" not in html and "201501011234" not in html
    assert "skyddsnat.jobs.schedules.install" in html  # a job without a Swedish name: its path


def test_the_page_lists_the_scheduled_digest(cast):
    html = _page(cast.adam)
    assert "Daglig sammanställning av tidsfrister" in html
    assert "Inga misslyckade jobb." in html


@pytest.mark.parametrize("name", ["alice", "maja", "ida", "nils", "ana"])
def test_only_the_administrator_sees_the_jobs(cast, name):
    client = Client()
    client.force_login(getattr(cast, name))
    assert client.get(URL).status_code == 403
