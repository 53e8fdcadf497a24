"""Siblings together through the API: one call decides for several children of a report."""

from __future__ import annotations

from datetime import date

from skyddsnat.intake.models import PreliminaryAssessment, ProtectiveAssessment, ReporterFeedback
from tests.cast import local, pin_for
from tests.services.flow import report

ANNA = pin_for(date(2015, 5, 17), "girl")
BO = pin_for(date(2017, 8, 3), "boy")


def test_protective_preliminary_and_feedback_for_two_siblings(cast, frozen_today, api_as):
    frozen_today(date(2026, 3, 12))
    r = report(cast.ida, local(2026, 3, 12, 9), [ANNA, BO])
    anna, bo = (c.pk for c in r.cases.order_by("pk"))
    api = api_as(cast.ida)

    body = {
        "made_at": "2026-03-12T10:00:00+01:00",
        "children": [
            {"case_id": anna, "outcome": "no_immediate_need"},
            {"case_id": bo, "outcome": "no_immediate_need", "note": "Bo hos mormor."},
        ],
    }
    got = api.post(f"/reports/{r.pk}/protective-assessments", body)
    assert got.status_code == 201, got.json()
    assert [a["case_id"] for a in got.json()["items"]] == [anna, bo]
    assert ProtectiveAssessment.objects.count() == 2

    def prelim(case_id, **kw):
        return {"case_id": case_id, "decided_at": "2026-03-12", "outcome": "not_opened", **kw}

    wrong = api.post(
        f"/reports/{r.pk}/preliminary-assessments",
        {
            "children": [
                prelim(anna, reason="moved", child_heard=True),
                prelim(bo, child_heard=True),
            ]
        },
    )
    assert wrong.status_code == 422, wrong.json()
    assert f"children.{bo}.reason" in wrong.json()["errors"]
    assert not PreliminaryAssessment.objects.exists()

    done = api.post(
        f"/reports/{r.pk}/preliminary-assessments",
        {
            "children": [
                prelim(anna, reason="moved", child_heard=True),
                prelim(bo, reason="moved", child_heard=False, child_not_heard_reason="Sover."),
            ]
        },
    )
    assert done.status_code == 201, done.json()
    assert [d["case_phase"] for d in done.json()["items"]] == ["closed", "closed"]

    fb = api.post(
        f"/reports/{r.pk}/reporter-feedback", {"sent_at": "2026-03-12", "case_ids": [anna, bo]}
    )
    assert fb.status_code == 201, fb.json()
    assert ReporterFeedback.objects.count() == 2


def test_another_municipality_gets_404_and_a_reader_403(cast, frozen_today, api_as):
    frozen_today(date(2026, 3, 12))
    r = report(cast.ida, local(2026, 3, 12, 9), [ANNA, BO])
    ids = [c.pk for c in r.cases.order_by("pk")]
    body = {"sent_at": "2026-03-12", "case_ids": ids}
    assert api_as(cast.sara).post(f"/reports/{r.pk}/reporter-feedback", body).status_code == 404
    assert api_as(cast.alice).post(f"/reports/{r.pk}/reporter-feedback", body).status_code == 403
