"""Two siblings reported together; one child walks from report to evaluation through the API."""

from __future__ import annotations

from datetime import date

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.models import Case
from skyddsnat.journal.models import JournalEntry
from tests.cast import pin_for


def obligation(api, case_id: int, kind: str, as_of: str) -> dict:
    body = api.get(f"/cases/{case_id}/obligations", as_of=as_of).json()
    return next(o for o in body["obligations"] if o["kind"] == kind)


def test_it_walks_a_child_from_report_to_evaluation(cast, frozen_today, api_as):
    api = api_as(cast.alice)
    frozen_today(date(2026, 3, 2))
    r = api.post(
        "/reports",
        {
            "received_at": "2026-03-02T09:15:00+01:00",
            "channel": "phone",
            "reporter": {
                "category": "school",
                "name": "Rektor Testsson",
                "organisation": "Norrskolan",
            },
            "reasons": ["neglect", "school_absence"],
            "children": [
                {"personal_identity_number": pin_for(date(2015, 5, 17))},
                {"name": "Lillebror Testsson", "birth_date": "2019-02-01"},
            ],
            "account": "Barnen kommer till skolan utan mat.",
            "urgency": "normal",
        },
    )
    assert r.status_code == 201, r.json()
    report = r.json()
    assert report["reporter_mandatory"] is True
    assert len(report["cases"]) == 2
    assert len({c["child_id"] for c in report["cases"]}) == 2
    assert Case.objects.filter(report_id=report["id"]).count() == 2
    case_id, sibling_id = (c["id"] for c in report["cases"])
    assert api.get(f"/reports/{report['id']}").json()["account"].startswith("Barnen")

    assert (
        api.post(
            f"/cases/{case_id}/protective-assessment",
            {"made_at": "2026-03-02T11:00:00+01:00", "outcome": "no_immediate_need"},
        ).status_code
        == 201
    )
    assert obligation(api, case_id, "protective_assessment", "2026-03-02")["status"] == "met"

    frozen_today(date(2026, 3, 10))
    prelim = {"decided_at": "2026-03-10", "child_heard": True, "child_informed_of_rights": True}
    r = api.post(f"/cases/{case_id}/preliminary-assessment", {**prelim, "outcome": "opened"})
    assert r.status_code == 201, r.json()
    assert r.json()["case_phase"] == "investigation" and r.json()["investigation_id"]
    r = api.post(
        f"/cases/{sibling_id}/preliminary-assessment",
        {**prelim, "outcome": "not_opened", "reason": "no_concern_confirmed"},
    )
    assert r.json()["case_phase"] == "closed"
    assert obligation(api, case_id, "investigation", "2026-03-10")["due_date"] == "2026-07-10"

    frozen_today(date(2026, 4, 1))
    inv = f"/cases/{case_id}/investigation"
    plan = {
        "questions": "Hur ser omsorgen ut?",
        "contacts": "Skolan",
        "child_participation": "Samtal",
    }
    assert api.post(f"{inv}/plan", plan).status_code == 200
    triangle = {"area": "parenting_capacity.basic_care", "text": "Brister.", "rating": "concern"}
    assert api.post(f"{inv}/triangle", {**triangle, "sources": ["skolan"]}).json()["version"] == 1
    talk = {"held_at": "2026-04-01", "alone": True, "child_view": "Jag vill bo kvar."}
    assert api.post(f"{inv}/child-conversations", talk).status_code == 201
    request_id = api.post(f"{inv}/requests", {"actor": "school", "sent_at": "2026-03-12"}).json()[
        "id"
    ]
    r = api.post(f"{inv}/requests/{request_id}/answer", {"answered_at": "2026-03-30"})
    assert r.json()["answered_at"] == "2026-03-30"
    assert (
        api.post(
            f"{inv}/communications", {"communicated_at": "2026-04-01", "party": "Mamma"}
        ).status_code
        == 201
    )

    frozen_today(date(2026, 6, 1))
    r = api.post(
        f"{inv}/close",
        {
            "closed_at": "2026-06-01",
            "outcome": "intervention",
            "support_person_offered": True,
            "incomplete_reason": "Familjen flyttade.",
        },
    )
    assert r.status_code == 200, r.json()
    assert r.json()["closed_at"] == "2026-06-01"
    r = api.post(
        f"/cases/{case_id}/interventions",
        {
            "decided_at": "2026-06-01",
            "basis": "sol_voluntary",
            "kind": "foster_home",
            "start": "2026-06-01",
            "health_exam_before": True,
        },
    )
    assert r.status_code == 201, r.json()
    intervention = r.json()
    assert intervention["is_placement"] is True
    assert obligation(api, case_id, "placement_visit", "2026-06-02")["due_date"] == "2026-09-01"

    frozen_today(date(2026, 8, 20))
    path = f"/interventions/{intervention['id']}"
    assert (
        api.post(
            f"{path}/visits", {"visited_at": "2026-08-20", "child_talked_alone": True}
        ).status_code
        == 201
    )
    assert (
        api.post(f"{path}/reviews", {"held_at": "2026-08-20", "outcome": "end"}).status_code == 201
    )
    r = api.post(f"{path}/end", {"ended_at": "2026-08-20", "end_reason": "breakdown"})
    assert r.json()["end_reason"] == "breakdown"
    assert obligation(api, case_id, "evaluation", "2026-08-21")["due_date"] == "2026-11-20"

    frozen_today(date(2026, 9, 1))
    evaluation = {
        "evaluated_at": "2026-09-01",
        "goals_met": "partly",
        "child_view": "Det var bra ibland.",
    }
    assert api.post(f"{path}/evaluation", evaluation).status_code == 201
    assert obligation(api, case_id, "evaluation", "2026-09-01")["status"] == "met"
    r = api.post(f"/cases/{case_id}/close")
    assert r.status_code == 200, r.json()
    assert r.json()["phase"] == "closed"

    summary = api.get(f"/cases/{case_id}").json()
    assert summary["intervention_ids"] == [intervention["id"]]
    assert summary["investigation_id"] and summary["preliminary_assessment_id"]
    chronology = api.get(f"/children/{summary['child_id']}/chronology").json()
    assert [e["case_id"] for e in chronology["entries"]] == [case_id]
    events = list(JournalEntry.objects.filter(case_id=case_id).values_list("event", flat=True))
    assert events[0] == "report.registered" and events[-1] == "case.closed"
    reads = AuditEvent.objects.filter(action="read", channel="api", case_id=case_id)
    assert reads.filter(object_type="cases.case").exists()
    assert reads.filter(object_type="intake.report").exists()
    assert AuditEvent.objects.filter(action="read", object_type="people.child").exists()
