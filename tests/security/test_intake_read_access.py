"""Intake's read access after the hand-over (docs/spec/security.md, decision 0035).

The intake officer reads what she registered (the report, its protective and preliminary
assessments, the child's concern chronology), but once the preliminary assessment has opened an
investigation the case is the investigating unit's: its overview, investigation, journal and PDF
are closed to her, through the web and the API alike. The reporter-feedback duty follows the
case to whoever holds it.
"""

from __future__ import annotations

from datetime import date

from django.test import Client
from django.urls import reverse

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import ApiToken
from skyddsnat.accounts.services import grant_break_glass
from skyddsnat.cases.models import Case
from tests.api.conftest import Api
from tests.api.test_feedback_request import report

OPENED = {"decided_at": "2026-03-10", "outcome": "opened", "child_heard": True}


def handed_over(cast, api, seed: int, **more) -> dict:
    """Report a concern and open an investigation; the case as the report's answer named it.

    The assessment's own answer carries the assessment's id, not the case's: on PostgreSQL the
    two sequences part ways, so the case is taken from the report.
    """
    (case,) = report(api, seed, feedback_requested=True).json()["cases"]
    r = api.post(f"/cases/{case['id']}/preliminary-assessment", {**OPENED, **more})
    assert r.status_code == 201, r.json()
    return case


def web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_intake_reads_what_she_registered_but_not_the_investigation(cast, frozen_today):
    frozen_today(date(2026, 3, 12))
    api = Api(ApiToken.issue(cast.ida))
    case = handed_over(cast, api, 1)
    case_id = case["id"]
    child_id, report_id = Case.objects.values_list("child_id", "report_id").get(pk=case_id)

    # Through the web: the report and its assessments, with the chronology; not the case.
    ida = web(cast.ida)
    result = ida.get(reverse("web:intake_result", args=[report_id]))
    assert result.status_code == 200
    html = result.content.decode()
    assert "har lämnats över till utredning" in html
    assert reverse("web:case", args=[case_id]) not in html
    for name in ("web:case", "web:investigation", "web:journal", "web:investigation_document_pdf"):
        assert ida.get(reverse(name, args=[case_id])).status_code == 403, name

    # Through the API: the same answer.
    assert api.get(f"/reports/{report_id}").status_code == 200
    assert api.get(f"/children/{child_id}/chronology").status_code == 200
    assert api.get(f"/cases/{case_id}").status_code == 403
    assert api.get(f"/cases/{case_id}/investigation").status_code in {403, 404}
    listed = api.get("/cases").json()
    assert case_id not in [c["id"] for c in listed["items"]]

    # The investigating unit reads it.
    assert web(cast.alice).get(reverse("web:investigation", args=[case_id])).status_code == 200


def test_another_intake_officer_reads_neither_the_report_nor_the_case(cast, frozen_today):
    frozen_today(date(2026, 3, 12))
    api = Api(ApiToken.issue(cast.alice))
    # Alice registers and decides at the intake stage herself; the case then goes to the queue.
    case = handed_over(cast, api, 2)
    report_id = Case.objects.get(pk=case["id"]).report_id
    ida = web(cast.ida)
    assert ida.get(reverse("web:intake_result", args=[report_id])).status_code == 403
    assert ida.get(reverse("web:case", args=[case["id"]])).status_code == 403
    assert Api(ApiToken.issue(cast.ida)).get(f"/reports/{report_id}").status_code == 403


def test_a_case_at_the_intake_stage_is_read_by_every_intake_officer(cast, frozen_today):
    frozen_today(date(2026, 3, 12))
    (case,) = report(Api(ApiToken.issue(cast.alice)), 3).json()["cases"]
    assert web(cast.ida).get(reverse("web:case", args=[case["id"]])).status_code == 200


def test_the_reporter_feedback_follows_the_case(cast, frozen_today):
    frozen_today(date(2026, 3, 12))
    api = Api(ApiToken.issue(cast.ida))
    case = handed_over(cast, api, 4, caseworker_id=cast.bob.pk)
    body = {"sent_at": "2026-03-12"}
    assert api.post(f"/cases/{case['id']}/reporter-feedback", body).status_code == 403
    r = Api(ApiToken.issue(cast.bob)).post(f"/cases/{case['id']}/reporter-feedback", body)
    assert r.status_code == 201, r.json()


def test_a_break_glass_access_still_opens_a_moved_on_case_for_reading(cast, frozen_today):
    frozen_today(date(2026, 3, 12))
    case = Case.objects.get(pk=handed_over(cast, Api(ApiToken.issue(cast.ida)), 5)["id"])
    assert policy.can_request_break_glass(cast.ida, case)
    grant_break_glass(acting_user=cast.ida, case_id=case.pk, reason="on_call", explanation="Jour")
    assert policy.can_read_case(cast.ida, case) and not policy.can_write_case(cast.ida, case)
    assert policy.read_through_break_glass(cast.ida, [case.pk]) == {case.pk}
