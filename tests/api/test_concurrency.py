"""Many people at once: requests that arrive together are all answered, none with an error.

Real threads, each with its own database connection, against the test database in a file (on
SQLite, ``tests/conftest.py``; the embedded database's settings are decision 0013) or on
PostgreSQL. Each test lets the threads start together and repeats a few rounds, so that the
requests overlap in the database.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import pytest
from django.db import connections
from django.test import Client

from skyddsnat import clock
from skyddsnat.accounts.models import ApiToken
from skyddsnat.api.models import IdempotencyRecord
from skyddsnat.cases.models import Case, IndicatorMemo
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators import service
from skyddsnat.indicators.periods import Period
from skyddsnat.intake.models import Report
from skyddsnat.people.models import Child
from tests.cast import local, pin_for
from tests.services.flow import open_investigation, report

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 4


def concurrently(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call in its own thread, all released together; return their results in order."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            start.wait()
            results[i] = call()
        except Exception as exc:  # the test asserts on what came back
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def post(token: str, path: str, body: dict, key: str | None = None) -> Any:
    """POST ``body`` to the API as the token's user, from a client of the calling thread."""
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", raise_request_exception=False)
    return client.post(
        f"/api/v1{path}", json.dumps(body), content_type="application/json", **headers
    )


def answers(responses: list[Any]) -> list[tuple[int, Any]]:
    """Return (status, body) of each response, or the exception a thread raised."""
    return [
        r
        if isinstance(r, Exception)
        else (
            r.status_code,
            r.json() if r["Content-Type"].startswith("application/json") else r.content,
        )
        for r in responses
    ]


def log_in_and_open(username: str, path: str) -> int:
    """Log in through the form as ``username`` and open ``path``; return its status."""
    client = Client(raise_request_exception=False)
    answer = client.post("/login/", {"username": username, "password": "test-password-long"})
    if answer.status_code != 302:
        return answer.status_code
    return client.get(path).status_code


def report_body(number: str) -> dict:
    return {
        "received_at": "2026-03-02T09:15:00+01:00",
        "channel": "phone",
        "reporter": {"category": "school"},
        "reasons": ["neglect"],
        "children": [{"personal_identity_number": number}],
    }


@pytest.fixture(autouse=True)
def _today(frozen_today):
    frozen_today(date(2026, 3, 20))


def test_two_reports_sent_at_once_with_the_same_key_get_the_same_answer(cast):
    token = ApiToken.issue(cast.ida)
    for n in range(ROUNDS):
        body = report_body(pin_for(date(2015, 5, 17 + n)))
        send = partial(post, token, "/reports", body, key=f"k{n}")
        first, second = answers(concurrently(send, send))
        assert first == second
        assert first[0] == 201
    assert Report.objects.count() == ROUNDS
    assert Case.objects.count() == ROUNDS
    assert IdempotencyRecord.objects.count() == ROUNDS


def test_a_close_sent_twice_at_once_with_the_same_key_gets_the_same_answer(cast):
    token = ApiToken.issue(cast.alice)
    body = {"closed_at": "2026-03-20", "outcome": "no_intervention", "incomplete_reason": "Test."}
    for n in range(ROUNDS):
        case = report(cast.alice, local(2026, 3, 2), [pin_for(date(2014, 1, 2 + n))])
        case = case.cases.get()
        open_investigation(cast.alice, case, date(2026, 3, 10))
        path = f"/cases/{case.pk}/investigation/close"
        send = partial(post, token, path, body, key=f"c{n}")
        first, second = answers(concurrently(send, send))
        assert first == second
        assert first[0] == 200


def test_reports_sent_at_once_are_all_registered(cast):
    """Eight systems send reports at once, two of them about the same child: all 201."""
    token = ApiToken.issue(cast.ida)
    for n in range(ROUNDS):
        numbers = [pin_for(date(2008 + n, 1, 1 + i)) for i in range(7)]
        numbers.append(numbers[0])  # a second report about the same child, at the same moment
        calls = [partial(post, token, "/reports", report_body(number)) for number in numbers]
        statuses = [a if isinstance(a, Exception) else a[0] for a in answers(concurrently(*calls))]
        assert statuses == [201] * len(numbers)
    assert Report.objects.count() == ROUNDS * 8
    assert Child.objects.count() == ROUNDS * 7


def test_people_log_in_and_read_their_lists_while_reports_arrive(cast):
    """Four people log in and open Mina ärenden while four reports are registered."""
    token = ApiToken.issue(cast.ida)

    for n in range(ROUNDS):
        numbers = [pin_for(date(2013 + n, 2, 1 + i)) for i in range(4)]
        calls = [partial(post, token, "/reports", report_body(number)) for number in numbers]
        results = concurrently(*calls, *[partial(log_in_and_open, "alice", "/arenden/")] * 4)
        reports = [r if isinstance(r, Exception) else r.status_code for r in results[:4]]
        assert reports == [201] * 4
        assert results[4:] == [200] * 4


def test_managers_open_uppfoljning_while_reports_arrive(cast):
    """Four people open Uppföljning while four reports are registered: every answer is whole,
    and what the pages kept is never served once the reports are in (decision 0053: the
    fingerprint is read before the count, so a table counted while a report arrived is stale)."""
    token = ApiToken.issue(cast.ida)

    for n in range(ROUNDS):
        numbers = [pin_for(date(2013 + n, 3, 1 + i)) for i in range(4)]
        calls = [partial(post, token, "/reports", report_body(number)) for number in numbers]
        readers = [partial(log_in_and_open, u, "/uppfoljning/") for u in ("maja", "ana") * 2]
        results = concurrently(*calls, *readers)
        reports = [r if isinstance(r, Exception) else r.status_code for r in results[:4]]
        assert reports == [201] * 4
        assert results[4:] == [200] * 4
        kept = _tables_before_masking(cast)
        IndicatorMemo.objects.all().delete()
        counted = _tables_before_masking(cast)
        assert kept == counted
        assert counted["reports_count"][0].cells[(None, None)].value == 4 * (n + 1)


def _tables_before_masking(cast) -> dict:
    """This year's tables of every indicator, kept or counted (before any viewer's masking)."""
    municipality = cast.ida.municipality_id
    units = tuple(service.units_of(municipality))
    period = Period.calendar_year(clock.today().year)
    kept = service._tables(municipality, units, [period], list(d.INDICATORS), None, None, False)
    return kept.tables
