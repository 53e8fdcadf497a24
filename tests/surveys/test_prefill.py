"""Answers pre-filled from the municipality's own data, with the figure behind each proposal."""

from __future__ import annotations

from datetime import date

from django.test import Client

from skyddsnat.indicators import barnbarometer
from skyddsnat.surveys import prefill
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.answers import Questions


def test_a_municipality_on_skyddsnat_gets_proposals_with_their_figures(
    olle, edition, cast, frozen_today
):
    frozen_today(date(2026, 3, 18))
    respondent, _ = surveys.invite(acting_user=olle, edition_id=edition.pk, name="x", code="9901")
    assert respondent.municipality == cast.norrby
    found = prefill.proposals(respondent, Questions.of(edition))
    # Nothing registered in Norrby last year: "Vet ej", and the figure says why.
    assert found["1"].options == ("Vet ej",)
    assert found["1"].basis.startswith("Inga förhandsbedömningar")
    assert set(found) == {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}


def test_a_respondent_outside_skyddsnat_gets_none(olle, edition):
    respondent, _ = surveys.invite(acting_user=olle, edition_id=edition.pk, name="Gävle kommun")
    assert prefill.proposals(respondent, Questions.of(edition)) == {}


def test_the_data_s_option_texts_map_to_the_questionnaire_s(olle, edition, monkeypatch):
    proposal = barnbarometer.Answer(
        9,
        "…",
        (),
        ("Hög arbetsbelastning", "Annan anledning, nämligen: (text)"),
        "6 av 8 försenade utredningar",
        (),
        many=True,
    )
    monkeypatch.setattr(barnbarometer, "answers", lambda figures: [proposal])
    respondent, _ = surveys.invite(acting_user=olle, edition_id=edition.pk, name="x", code="9901")
    found = prefill.proposals(respondent, Questions.of(edition))
    assert found["9"].options == ("Hög arbetsbelastning", "Annan anledning, nämligen:")


def test_the_form_checks_the_proposal_until_the_respondent_saves_their_own(olle, edition):
    _, token = surveys.invite(acting_user=olle, edition_id=edition.pk, name="x", code="9901")
    html = Client().get(f"/enkat/{token}/").content.decode()
    assert "Förslag från era registrerade uppgifter:" in html
    assert 'id="q1-5" name="q-1" value="Vet ej" checked' in html
    Client().post(f"/enkat/{token}/spara/", {"q-1": "Alltid"})
    html = Client().get(f"/enkat/{token}/").content.decode()
    assert 'value="Alltid" checked' in html
    assert 'value="Vet ej" checked' not in html
    assert "Förslag från era registrerade uppgifter:" in html


def test_question_7_is_proposed_from_the_employment_periods(olle, edition, cast, frozen_today):
    from skyddsnat.accounts.models import EmploymentPeriod

    frozen_today(date(2026, 3, 18))
    # 2025: ten caseworkers from January, two of whom left on 30 June: headcounts 10 on the
    # first days of January–June and 8 of July–December, 9.0 on average; 2 / 9.0 = 22 %.
    for i in range(10):
        user = cast.user(f"hl{i}", "caseworker", cast.inv_unit)
        EmploymentPeriod.objects.create(
            user=user,
            unit=cast.inv_unit,
            role="caseworker",
            started_on=date(2020, 1, 1),
            ended_on=date(2025, 6, 30) if i < 2 else None,
            reason_for_leaving="resigned" if i < 2 else "",
        )
    respondent, _ = surveys.invite(acting_user=olle, edition_id=edition.pk, name="x", code="9901")
    found = prefill.proposals(respondent, Questions.of(edition))
    assert found["7"].options == ("21-30 procent",)
    assert found["7"].basis.startswith("2 av i medeltal 9 handläggare slutade")
