"""Insatser: deciding an intervention, following up a placement, ending and evaluating it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.interventions.models import (
    BestInterestsAssessment,
    CustodyTransferConsideration,
    Decision,
    EmergencyCustody,
    Evaluation,
    Intervention,
    Review,
    Visit,
)
from tests.cast import pin_for
from tests.services.flow import close_investigation, end
from tests.web.casework import investigation_case, placement_case

TODAY = date(2026, 9, 1)


@pytest.fixture
def alice(cast) -> Client:
    client = Client()
    client.force_login(cast.alice)
    return client


@pytest.fixture
def decided_case(cast, frozen_today):
    """A case whose investigation closed with outcome ``intervention`` ten days ago."""
    frozen_today(TODAY)
    case = investigation_case(cast.alice, TODAY, opened_days_ago=60)
    close_investigation(cast.alice, case, TODAY - timedelta(days=10))
    case.refresh_from_db()
    return case


@pytest.fixture
def placement(cast, frozen_today):
    """A foster-home placement that started 40 days ago."""
    frozen_today(TODAY)
    return placement_case(cast.alice, TODAY)[1]


def url(name: str, case_id: int, *args) -> str:
    return reverse(f"web:interventions{name}", args=[case_id, *args])


def decision(**extra):
    return {
        "decide-decided_on": TODAY.isoformat(),
        "decide-decided_by": "committee",
        "decide-basis": "sol_voluntary",
        "decide-kind": "foster_home",
        "decide-start": TODAY.isoformat(),
        "decide-goals": "Trygg vardag och skolgång.",
        "decide-health_exam_before": "yes",
        "decide-school_arranged": "yes",
        "decide-foster_home_reference": "FH-12",
        **extra,
    }


def test_it_offers_the_kinds_grouped_as_open_care_and_placement(alice, decided_case):
    html = alice.get(url("", decided_case.pk)).content.decode()
    assert '<optgroup label="Öppenvård">' in html and '<optgroup label="Placering">' in html
    assert "Besluta och signera" in html


def test_it_decides_a_placement_with_a_signed_decision(alice, decided_case):
    response = alice.post(url("_decide", decided_case.pk), decision())
    assert response.status_code == 302
    intervention = Intervention.objects.get()
    assert intervention.decision.is_signed
    assert (intervention.kind, intervention.health_exam_before, intervention.school_arranged) == (
        "foster_home",
        True,
        True,
    )
    html = alice.get(url("", decided_case.pk)).content.decode()
    assert "Familjehem" in html and "Trygg vardag och skolgång." in html
    assert "Nästa besök" in html and "2026-12-01" in html
    # An open due date says when, not "Pågår" beside it ("Pågår senast 2026-12-01").
    next_visit = html.split("Nästa besök", 1)[1].split("</p>", 1)[0]
    assert "Pågår" not in next_visit
    assert (
        " ".join(re.sub(r"<[^>]+>", "", next_visit).split())
        == ": senast 2026-12-01 (91 dagar kvar)"
    )


def test_it_asks_about_the_health_exam_before_a_placement(alice, decided_case):
    response = alice.post(
        url("_decide", decided_case.pk), decision(**{"decide-health_exam_before": ""})
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Ange om barnet hälsoundersöktes före placeringen." in html
    assert 'id="id_decide-health_exam_before_error"' in html
    assert "Trygg vardag och skolgång." in html
    assert not Decision.objects.exists()


def test_it_refuses_a_start_before_the_decision(alice, decided_case):
    before = (TODAY - timedelta(days=1)).isoformat()
    response = alice.post(url("_decide", decided_case.pk), decision(**{"decide-start": before}))
    assert "Insatsen kan inte börja före beslutet." in response.content.decode()
    assert not Intervention.objects.exists()


def test_it_records_a_visit_and_shows_the_next_due_date(alice, placement):
    visited = TODAY - timedelta(days=5)
    response = alice.post(
        url("_visit", placement.case_id, placement.pk),
        {
            f"visit-{placement.pk}-visited_on": visited.isoformat(),
            f"visit-{placement.pk}-child_talked_alone": "yes",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<article") and "Besöket är registrerat." in html
    assert visited.isoformat() in html
    next_due = date(2026, 11, 27)  # the visit + 3 months
    assert next_due.isoformat() in html
    assert Visit.objects.get().child_talked_alone is True


NOTE = "Anna visade <sitt> rum.\n\n  Hon vill börja på fotboll.\nFamiljehemmet är positivt."


def _timeline(html: str) -> str:
    return html.split('id="timeline-heading"', 1)[1].split("</section>", 1)[0]


def test_the_notes_of_visits_reviews_and_custody_considerations_are_shown(alice, placement):
    pk, case_id = placement.pk, placement.case_id
    alice.post(
        url("_visit", case_id, pk),
        {
            f"visit-{pk}-visited_on": (TODAY - timedelta(days=5)).isoformat(),
            f"visit-{pk}-child_talked_alone": "yes",
            f"visit-{pk}-note": NOTE,
        },
    )
    alice.post(
        url("_review", case_id, pk),
        {
            f"review-{pk}-held_on": TODAY.isoformat(),
            f"review-{pk}-outcome": "continue",
            f"review-{pk}-note": "Vården fungerar väl.",
        },
    )
    alice.post(
        url("_custody", case_id, pk),
        {
            f"custody-{pk}-considered_on": TODAY.isoformat(),
            f"custody-{pk}-transfer_proposed": "no",
            f"custody-{pk}-note": "Föräldrarna har tät kontakt.",
        },
    )
    assert Visit.objects.get().note == NOTE
    escaped = NOTE.replace("<", "&lt;").replace(">", "&gt;")

    html = alice.get(url("", case_id)).content.decode()
    assert f'<div class="follow-up-note">{escaped}</div>' in html  # whitespace as typed
    assert "<sitt>" not in html
    assert '<div class="follow-up-note">Vården fungerar väl.</div>' in html
    assert '<div class="follow-up-note">Föräldrarna har tät kontakt.</div>' in html
    assert "Alice Testsson" in html.split(f'id="insats-{pk}-visits"', 1)[1]

    timeline = _timeline(alice.get(reverse("web:case", args=[case_id])).content.decode())
    assert (
        "Besök hos barnet, enskilt samtal med barnet.<br><br>Anna visade &lt;sitt&gt; rum.<br>"
        "<br>  Hon vill börja på fotboll.<br>Familjehemmet är positivt."
    ) in timeline
    assert "vården fortsätter.<br><br>Vården fungerar väl." in timeline
    assert "ingen överflyttning nu.<br><br>Föräldrarna har tät kontakt." in timeline


def test_it_refuses_a_visit_before_the_placement_started(alice, placement):
    early = (placement.start_on - timedelta(days=1)).isoformat()
    response = alice.post(
        url("_visit", placement.case_id, placement.pk),
        {
            f"visit-{placement.pk}-visited_on": early,
            f"visit-{placement.pk}-child_talked_alone": "no",
        },
    )
    assert response.status_code == 422
    assert "Datumet kan inte vara före insatsens start." in response.content.decode()
    assert not Visit.objects.exists()


def test_it_records_a_review_and_a_custody_consideration(alice, placement):
    pk = placement.pk
    bad = alice.post(
        url("_review", placement.case_id, pk), {f"review-{pk}-held_on": TODAY.isoformat()}
    )
    assert "Välj resultatet av övervägandet." in bad.content.decode()
    assert not Review.objects.exists()
    alice.post(
        url("_review", placement.case_id, pk),
        {f"review-{pk}-held_on": TODAY.isoformat(), f"review-{pk}-outcome": "continue"},
    )
    alice.post(
        url("_custody", placement.case_id, pk),
        {f"custody-{pk}-considered_on": TODAY.isoformat(), f"custody-{pk}-transfer_proposed": "no"},
    )
    assert Review.objects.get().outcome == "continue"
    assert CustodyTransferConsideration.objects.get().transfer_proposed is False
    html = alice.get(url("", placement.case_id)).content.decode()
    assert "Vården fortsätter" in html and "ingen överflyttning nu" in html


def test_it_ends_a_placement_with_a_breakdown_and_evaluates_it(alice, placement):
    pk = placement.pk
    response = alice.post(
        url("_end", placement.case_id, pk),
        {
            f"end-{pk}-ended_on": TODAY.isoformat(),
            f"end-{pk}-end_reason": "breakdown",
            f"end-{pk}-version": "1",
        },
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.end_reason == "breakdown"
    html = alice.get(url("", placement.case_id)).content.decode()
    assert "Sammanbrott" in html and "Utvärdera insatsen" in html
    bad = alice.post(
        url("_evaluation", placement.case_id, pk),
        {
            f"evaluation-{pk}-evaluated_on": TODAY.isoformat(),
            f"evaluation-{pk}-goals_met": "partly",
        },
    )
    assert "Skriv barnets synpunkter på insatsen" in bad.content.decode()
    assert not Evaluation.objects.exists()
    alice.post(
        url("_evaluation", placement.case_id, pk),
        {
            f"evaluation-{pk}-evaluated_on": TODAY.isoformat(),
            f"evaluation-{pk}-goals_met": "partly",
            f"evaluation-{pk}-child_view": "Jag ville inte flytta.",
        },
    )
    assert Evaluation.objects.get().is_signed
    assert "Jag ville inte flytta." in alice.get(url("", placement.case_id)).content.decode()


def test_it_changes_nothing_in_an_ended_intervention(cast, alice, placement):
    end(cast.alice, placement, TODAY)
    response = alice.post(
        url("_visit", placement.case_id, placement.pk),
        {
            f"visit-{placement.pk}-visited_on": TODAY.isoformat(),
            f"visit-{placement.pk}-child_talked_alone": "yes",
        },
    )
    assert response.status_code == 409
    assert "Insatsen är avslutad." in response.content.decode()
    assert not Visit.objects.exists()


def test_it_records_the_court_steps_of_an_emergency_custody(cast, alice, placement):
    custody = EmergencyCustody.objects.create(
        case=placement.case, decided_on=TODAY - timedelta(days=2), decided_by=cast.alice
    )
    html = alice.get(url("", placement.case_id)).content.decode()
    assert "Omedelbart omhändertagande (LVU 6 §)" in html and "Registrera underställning" in html
    response = alice.post(
        url("_court_submitted", placement.case_id, custody.pk),
        {f"court_submitted-{custody.pk}-on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    custody.refresh_from_db()
    assert custody.court_submitted_on == TODAY


def test_it_hides_the_page_from_another_municipality(cast, placement):
    sara = Client()
    sara.force_login(cast.sara)
    assert sara.get(url("", placement.case_id)).status_code == 404
    data = {
        f"visit-{placement.pk}-visited_on": TODAY.isoformat(),
        f"visit-{placement.pk}-child_talked_alone": "yes",
    }
    assert sara.post(url("_visit", placement.case_id, placement.pk), data).status_code == 404
    assert not Visit.objects.exists()


def test_it_does_not_reach_another_cases_intervention(cast, alice, placement):
    other = investigation_case(cast.alice, TODAY, number=pin_for(date(2012, 3, 3), "boy", seed=5))
    data = {
        f"visit-{placement.pk}-visited_on": TODAY.isoformat(),
        f"visit-{placement.pk}-child_talked_alone": "yes",
    }
    assert alice.post(url("_visit", other.pk, placement.pk), data).status_code == 404


# --- barnets bästa (SoL 2025:400 3 kap. 1–2 §§) --------------------------------------------------


def test_the_caseworker_records_the_best_interests_of_the_decision(cast, alice, placement):
    page = url("", placement.case_id)
    post_to = url("_best_interests", placement.case_id, placement.pk)
    html = alice.get(page).content.decode()
    assert f'action="{post_to}"' in html and "Bedöm barnets bästa i beslutet" in html
    prefix = f"best_interests-{placement.pk}"
    bad = alice.post(post_to, {f"{prefix}-child_view": "Vill bo kvar."})
    assert bad.status_code == 422 and not BestInterestsAssessment.objects.exists()
    assert "Skriv hur barnets åsikter har vägts" in bad.content.decode()
    ok = alice.post(
        post_to,
        {
            f"{prefix}-child_view": "Jag vill bo kvar hos familjen och träffa mamma.",
            f"{prefix}-weighing": "Barnet är tolv år och tydligt; åsikten väger tungt.",
            f"{prefix}-conclusion": "Det är bäst för barnet att placeringen fortsätter.",
        },
        HTTP_HX_REQUEST="true",
    )
    assert ok.status_code == 200
    assert "Jag vill bo kvar hos familjen och träffa mamma." in ok.content.decode()
    saved = BestInterestsAssessment.objects.get()
    assert saved.decision_id == placement.decision_id and saved.signed_by == cast.alice
    html = alice.get(page).content.decode()
    assert f'action="{post_to}"' not in html  # once per decision
    again = alice.post(
        post_to,
        {
            f"{prefix}-weighing": "Igen.",
            f"{prefix}-conclusion": "Igen.",
            f"{prefix}-child_view": "x",
        },
    )
    assert again.status_code == 409 and BestInterestsAssessment.objects.count() == 1


def test_the_best_interests_texts_are_drafted(cast, alice, placement):
    key = f"best_interests.{placement.pk}"
    draft_url = reverse("web:form_draft", args=[placement.case_id, key])
    html = alice.get(url("", placement.case_id)).content.decode()
    assert f'hx-post="{draft_url}"' in html
    response = alice.post(
        draft_url, {f"best_interests-{placement.pk}-weighing": "Påbörjad"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = alice.get(url("", placement.case_id)).content.decode()
    assert "Påbörjad" in html
