"""Registering a report writes each kind of row once, whatever the number of children, and
answers from what it wrote (issue 13, item 5; decision 0047).

A report about two new children (known by name and birth date) was 22 statements, 13 of them
single-row writes, and the answer read the reasons and cases again. Now: the token, the
transaction's beginning and end (the service joins it without a savepoint), the intake unit
with its municipality, the children's ids, and one insert each of the report, its reasons, the
children (each with its reserve id), the cases, the journal events and the audit rows.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.models import Case
from skyddsnat.errors import InvalidInput
from skyddsnat.intake import services as intake
from skyddsnat.intake.models import Report
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.models import Child
from skyddsnat.people.services import ChildInput
from tests.cast import local
from tests.services.flow import report_input

#: Every statement of ``POST /reports`` about two new children, on either database.
MAX_STATEMENTS = 11
#: The inserts: report, reasons, children, cases, journal events, audit rows.
WRITES = 6

BODY = {
    "received_at": "2026-03-10T09:15:00+01:00",
    "channel": "phone",
    "reporter": {"category": "school"},
    "reasons": ["neglect", "violence_against_child"],
    "children": [
        {"name": "Alva Bänkström", "birth_date": "2015-01-01"},
        {"name": "Elis Bänkström", "birth_date": "2017-06-30"},
    ],
}


@pytest.fixture(autouse=True)
def _today(frozen_today):
    frozen_today(date(2026, 3, 11))


def _writes(captured: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_a_report_about_two_children_is_a_fixed_number_of_statements(cast, api_as):
    api = api_as(cast.ida)
    api.post("/reports", BODY)  # the first request of a process reads what it then keeps
    with CaptureQueriesContext(connection) as captured:
        response = api.post("/reports", BODY)
    assert response.status_code == 201, response.content
    statements = [q["sql"] for q in captured.captured_queries]
    print(f"{len(statements)} statements:\n" + "\n".join(s[:100] for s in statements))
    assert len(statements) <= MAX_STATEMENTS
    writes = _writes(captured)
    assert len(writes) == WRITES, writes
    # Nothing is read again for the answer: after the last write only the transaction ends
    # (in a test, the request's transaction is a savepoint in the test's).
    last_write = max(i for i, s in enumerate(statements) if s in writes)
    assert [s.split()[0].upper() for s in statements[last_write + 1 :]] == ["RELEASE"]
    assert sum("SAVEPOINT" in s.upper() for s in statements) == 2


def test_the_answer_shows_what_was_written(cast, api_as):
    answer = api_as(cast.ida).post("/reports", BODY).json()
    report = Report.objects.get(pk=answer["id"])
    cases = list(report.cases.order_by("pk"))
    assert answer["reasons"] == ["neglect", "violence_against_child"]
    assert answer["cases"] == [{"id": c.pk, "child_id": c.child_id} for c in cases]
    assert [c.child.first_name for c in cases] == ["Alva", "Elis"]
    assert answer["received_at"] == "2026-03-10T09:15:00+01:00"


def test_each_new_child_is_written_once_with_its_reserve_id(cast, api_as):
    api_as(cast.ida).post("/reports", BODY)
    second = api_as(cast.ida).post("/reports", BODY).json()
    children = Child.objects.filter(cases__report_id=second["id"]).order_by("pk")
    assert [c.reserve_id for c in children] == [f"R9901-{c.pk:08d}" for c in children]
    assert Child.objects.filter(reserve_id__startswith="tmp-").count() == 0


def test_every_case_is_journaled_and_audited(cast, api_as):
    answer = api_as(cast.ida).post("/reports", BODY).json()
    for ref in answer["cases"]:
        case = Case.objects.get(pk=ref["id"])
        event = JournalEntry.objects.get(case=case)
        assert (event.event, event.is_signed) == ("report.registered", True)
        row = AuditEvent.objects.get(object_type="cases.case", object_id=str(case.pk))
        assert (row.action, row.case_id, row.child_id) == ("create", case.pk, case.child_id)
        assert row.channel == "api" and row.api_token_id is not None
    assert AuditEvent.objects.filter(object_type="intake.report", object_id=str(answer["id"]))


def test_a_name_that_cannot_be_stored_is_refused_before_anything_is_written(cast):
    before = (Report.objects.count(), Child.objects.count(), Case.objects.count())
    children = [
        ChildInput.from_name("Alva Bänkström", birth_date=date(2015, 1, 1)),
        ChildInput.from_name("Elis Bänk\x00ström", birth_date=date(2017, 6, 30)),
    ]
    with pytest.raises(InvalidInput) as refused:
        intake.register_report(
            acting_user=cast.ida, data=report_input(local(2026, 3, 10, 9), children)
        )
    assert "nolltecken" in refused.value.errors["children.1.name"][0]
    # Refused before the service's transaction began: the caller's goes on (no savepoint).
    assert (Report.objects.count(), Child.objects.count(), Case.objects.count()) == before


def test_a_failure_while_writing_stores_nothing(cast, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(intake.audit, "record_many", broken)
    before = (Report.objects.count(), Child.objects.count(), Case.objects.count())
    children = [ChildInput.from_name("Alva Bänkström", birth_date=date(2015, 1, 1))]
    with pytest.raises(RuntimeError), transaction.atomic():
        intake.register_report(
            acting_user=cast.ida, data=report_input(local(2026, 3, 10, 9), children)
        )
    assert (Report.objects.count(), Child.objects.count(), Case.objects.count()) == before
