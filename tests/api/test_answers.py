"""The answers of the writes the walk does not make: reporter feedback, extension, custody.

Each answer names the contract's fields (``*_at`` for the dates the services call ``*_on``).
"""

from __future__ import annotations

from datetime import date

from skyddsnat.intake.models import ReporterFeedback
from skyddsnat.interventions.models import CustodyTransferConsideration
from skyddsnat.investigations.models import Extension
from tests.cast import local, pin_for
from tests.services.flow import case_about, decide, investigated_case, open_investigation


def test_feedback_and_extension_answer_what_was_recorded(cast, frozen_today, api_as):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.alice, local(2026, 3, 2), pin_for(date(2014, 1, 2)))
    open_investigation(cast.alice, case, date(2026, 3, 10))
    api = api_as(cast.alice)

    r = api.post(f"/cases/{case.pk}/reporter-feedback", {"sent_at": "2026-03-12"})
    assert r.status_code == 201, r.json()
    feedback = ReporterFeedback.objects.get(case=case)
    assert r.json() == {
        "id": feedback.pk,
        "case_id": case.pk,
        "sent_at": "2026-03-12",
        "investigation_opened": True,
        "withheld_reason": "",
    }

    body = {
        "decided_at": "2026-03-20",
        "decided_by": "committee",
        "reason": "Väntar på utlåtande från BUP.",
        "new_due_date": "2026-09-10",
    }
    r = api.post(f"/cases/{case.pk}/investigation/extensions", body)
    assert r.status_code == 201, r.json()
    extension = Extension.objects.get(investigation__case=case)
    assert r.json() == {
        "id": extension.pk,
        "decided_at": "2026-03-20",
        "decided_by": "committee",
        "new_due_date": "2026-09-10",
    }


def test_the_custody_consideration_answers_what_was_recorded(cast, frozen_today, api_as):
    frozen_today(date(2026, 8, 1))
    case = investigated_case(
        cast.alice, pin_for(date(2012, 4, 5)), date(2026, 2, 2), date(2026, 4, 1)
    )
    intervention = decide(cast.alice, case, date(2026, 4, 1), kind="foster_home")
    path = f"/interventions/{intervention.pk}/custody-considerations"
    r = api_as(cast.alice).post(path, {"considered_at": "2026-07-30", "transfer_proposed": False})
    assert r.status_code == 201, r.json()
    done = CustodyTransferConsideration.objects.get(intervention=intervention)
    assert r.json() == {
        "id": done.pk,
        "intervention_id": intervention.pk,
        "considered_at": "2026-07-30",
        "transfer_proposed": False,
        "recorded_by_id": cast.alice.pk,
        "note": "",
    }
