"""``GET /api/v1/cases/{id}/journal``: the signed entries of a case, a page at a time."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.journal import services as journal
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import report

CHILD = pin_for(date(2014, 1, 2))


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    case = report(cast.alice, local(2026, 3, 2), [CHILD]).cases.get()
    for n in range(7):
        journal.write_note(acting_user=cast.alice, case_id=case.pk, text=f"Anteckning {n}")
    journal.write_note(acting_user=cast.alice, case_id=case.pk, text="Utkast", sign=False)
    return case


def _walk(client, path: str, **params) -> list[dict]:
    entries: list[dict] = []
    r = client.get(path, **params)
    while True:
        assert r.status_code == 200, r.json()
        body = r.json()
        entries += body["items"]
        if not body["next"]:
            return entries
        r = client.client.get(body["next"])


def test_it_lists_the_signed_entries_oldest_first_over_pages(case, cast, api_as):
    client = api_as(cast.alice)
    signed = list(
        JournalEntry.objects.filter(case=case, signed_at__isnull=False)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    paged = _walk(client, f"/cases/{case.pk}/journal", limit=3)
    assert [e["id"] for e in paged] == signed
    assert "Utkast" not in {e["text"] for e in paged}
    note = next(e for e in paged if e["text"] == "Anteckning 0")
    assert (note["kind"], note["author_name"], note["title"]) == (
        "note",
        "Alice Testsson",
        "Anteckning",
    )


def test_each_page_is_an_audited_read_of_the_case(case, cast, api_as):
    api_as(cast.bob).get(f"/cases/{case.pk}/journal", limit=2)
    row = AuditEvent.objects.get(actor=cast.bob, action="read")
    assert (row.case_id, row.child_id, row.channel) == (case.pk, case.child_id, "api")


def test_a_cursor_of_another_case_or_changed_is_refused(case, cast, api_as):
    client = api_as(cast.alice)
    other = report(cast.alice, local(2026, 3, 3), [pin_for(date(2013, 5, 6))]).cases.get()
    cursor = client.get(f"/cases/{case.pk}/journal", limit=2).json()["next_cursor"]
    assert client.get(f"/cases/{other.pk}/journal", cursor=cursor, limit=2).status_code == 400
    assert client.get(f"/cases/{case.pk}/journal", cursor=cursor + "x", limit=2).status_code == 400
    assert client.get(f"/cases/{case.pk}/journal", cursor=cursor, limit=2).status_code == 200


def test_who_may_not_read_the_case_gets_no_journal(case, cast, api_as):
    assert api_as(cast.carl).get(f"/cases/{case.pk}/journal").status_code == 403
    assert api_as(cast.sara).get(f"/cases/{case.pk}/journal").status_code == 404


def test_the_query_count_does_not_grow_with_the_entries(case, cast, api_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_as(cast.alice)
    path = f"/cases/{case.pk}/journal"
    client.get(path)  # the token's first use is recorded once

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, limit=200).status_code == 200
        return len(captured)

    few = count()
    for n in range(30):
        journal.write_note(acting_user=cast.alice, case_id=case.pk, text=f"Fler {n}")
    assert count() == few
