"""Case summary, re-assignment, the report, and the concern chronology with its flags."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from tests.cast import local, pin_for
from tests.services.flow import report

CHILD = pin_for(date(2014, 1, 2))


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    return report(cast.alice, local(2026, 3, 2), [CHILD]).cases.get()


def test_the_case_summary_names_the_child_report_and_responsible(case, cast, api_as):
    r = api_as(cast.alice).get(f"/cases/{case.pk}")
    assert r.status_code == 200
    body = r.json()
    assert (body["child_id"], body["report_id"], body["phase"]) == (
        case.child_id,
        case.report_id,
        "assessment",
    )
    assert body["responsible_id"] == cast.alice.pk and body["responsible_name"] == "Alice Testsson"
    assert body["investigation_id"] is None and body["intervention_ids"] == []
    read = AuditEvent.objects.get(action="read", object_type="cases.case")
    assert (read.case_id, read.channel, read.actor_id) == (case.pk, "api", cast.alice.pk)


def test_only_a_manager_reassigns_and_a_stale_version_is_refused(case, cast, api_as):
    body = {"caseworker_id": cast.bob.pk, "reason": "Semester", "expected_version": case.version}
    assert api_as(cast.alice).post(f"/cases/{case.pk}/reassign", body).status_code == 403
    manager = api_as(cast.maja)
    r = manager.post(f"/cases/{case.pk}/reassign", body)
    assert r.status_code == 200, r.json()
    assert (r.json()["previous_id"], r.json()["caseworker_id"]) == (cast.alice.pk, cast.bob.pk)
    stale = manager.post(f"/cases/{case.pk}/reassign", {**body, "caseworker_id": cast.alice.pk})
    assert stale.status_code == 409
    elsewhere = manager.post(f"/cases/{case.pk}/reassign", {"caseworker_id": cast.sara.pk})
    assert elsewhere.status_code == 422
    assert list(elsewhere.json()["errors"]) == ["caseworker_id"]


def test_the_report_is_read_through_its_cases(case, cast, api_as):
    r = api_as(cast.alice).get(f"/reports/{case.report_id}")
    assert r.status_code == 200
    assert r.json()["reporter"]["name"] == "Rektor Testsson"
    assert r.json()["cases"] == [{"id": case.pk, "child_id": case.child_id}]
    assert api_as(cast.carl).get(f"/reports/{case.report_id}").status_code == 403
    assert api_as(cast.ida).get(f"/reports/{case.report_id}").status_code == 200


def test_the_chronology_flags_repeated_reports(case, cast, api_as):
    report(cast.alice, local(2026, 3, 10), [CHILD], category="police")
    report(cast.alice, local(2026, 3, 18), [CHILD], category="school")
    r = api_as(cast.ida).get(f"/children/{case.child_id}/chronology", as_of="2026-03-20")
    assert r.status_code == 200
    body = r.json()
    assert [e["reporter_category"] for e in body["entries"]] == ["school", "police", "school"]
    assert body["entries"][0]["outcome"] == "pending"
    assert {f["code"] for f in body["flags"]} == {"three_reports_12_months", "two_sources_6_months"}
    early = api_as(cast.ida).get(f"/children/{case.child_id}/chronology", as_of="2026-03-05")
    assert early.json()["flags"] == []
