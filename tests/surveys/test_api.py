"""``/api/v1/surveys`` as issue 15 specifies it: organisers only."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from skyddsnat.audit.models import AuditEvent
from skyddsnat.surveys.models import Answer, Respondent, Response

TEMPLATE = {"template": "barnbarometer-2014", "title": "Barnbarometern 2026"}


@pytest.fixture
def organiser_api(api_as, olle):
    return api_as(olle)


@pytest.fixture
def survey_id(organiser_api):
    response = organiser_api.post("/surveys", TEMPLATE)
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_it_creates_an_open_edition_from_the_template(organiser_api, survey_id):
    survey = organiser_api.get(f"/surveys/{survey_id}").json()
    assert survey["title"] == "Barnbarometern 2026"
    assert survey["status"] == "open"
    assert [q["number"] for q in survey["questions"]] == [str(n) for n in range(1, 18)]
    first = survey["questions"][0]
    assert first["kind"] == "one"
    assert first["options"] == ["Alltid", "I de flesta fall", "Sällan", "Aldrig", "Vet ej"]
    nine = survey["questions"][8]
    assert nine["kind"] == "many"
    assert nine["options"][-1] == "Annan anledning, nämligen:"
    assert survey["questions"][15]["condition"] == "Besvaras av dem som svarat Ja i fråga 14."


def test_an_unknown_template_is_refused_in_swedish(organiser_api):
    response = organiser_api.post("/surveys", {"template": "okänd"})
    assert response.status_code == 422
    assert "Mallen finns inte" in response.json()["errors"]["template"][0]


def test_it_stores_a_response_and_adds_the_respondent(organiser_api, survey_id, cast):
    body = {
        "respondent": "9901",
        "answers": {
            "1": "Alltid",
            "9": ["Hög arbetsbelastning", "Annan anledning, nämligen:"],
            "14": ["Ja, bloggar"],
            "16": ["För informationsspridning"],
        },
        "other": {"9": "Sjukskrivningar"},
    }
    response = organiser_api.post(f"/surveys/{survey_id}/responses", body)
    assert response.status_code == 201, response.json()
    assert response.json()["respondent"] == "Norrby"
    respondent = Respondent.objects.get(edition_id=survey_id)
    assert respondent.municipality == cast.norrby
    assert respondent.group == "B3"
    stored = Answer.objects.get(response__respondent=respondent, question__number="9")
    assert stored.text == "Sjukskrivningar"
    assert stored.options.count() == 2


def test_a_respondent_answers_once(organiser_api, survey_id):
    body = {"respondent": "Gävle", "answers": {"1": "Alltid"}}
    assert organiser_api.post(f"/surveys/{survey_id}/responses", body).status_code == 201
    again = organiser_api.post(f"/surveys/{survey_id}/responses", body)
    assert again.status_code == 409
    assert again.json()["detail"] == "Gävle har redan svarat på enkäten."
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("answers", "other", "field", "message"),
    [
        ({"1": "Ofta"}, {}, "answers.1", "”Ofta” är inget svarsalternativ på fråga 1."),
        ({"1": ["Alltid"]}, {}, "answers.1", "Svaret på fråga 1 ska vara ett svarsalternativ."),
        ({"9": "Hög arbetsbelastning"}, {}, "answers.9", "Svaret på fråga 9 ska vara en lista."),
        ({"99": "Alltid"}, {}, "answers.99", "Enkäten har ingen fråga 99."),
        (
            {"14": ["Nej"], "16": ["För informationsspridning"]},
            {},
            "answers.16",
            "Fråga 16 ska inte besvaras med det svar som getts i fråga 14.",
        ),
        (
            {"16": ["För informationsspridning"]},
            {},
            "answers.16",
            "Fråga 16 ska inte besvaras med det svar som getts i fråga 14.",
        ),
        (
            {"9": ["Annan anledning, nämligen:"]},
            {},
            "other.9",
            "Fråga 9: skriv vad ”Annan anledning, nämligen:” avser.",
        ),
        (
            {"9": ["Hög arbetsbelastning"]},
            {"9": "Något"},
            "other.9",
            "Fråga 9: en ”nämligen”-text hör till ett valt ”annat”-alternativ.",
        ),
    ],
)
def test_a_bad_answer_is_refused_in_swedish_and_nothing_is_stored(
    organiser_api, survey_id, answers, other, field, message
):
    body = {"respondent": "Gävle", "answers": answers, "other": other}
    response = organiser_api.post(f"/surveys/{survey_id}/responses", body)
    assert response.status_code == 422
    assert response.json()["errors"][field] == [message]
    assert response.json()["detail"] == "Svaren kunde inte sparas. Rätta frågorna nedan."
    assert not Respondent.objects.exists()
    assert not Response.objects.exists()


def test_the_results_are_printed_as_the_publication(organiser_api, survey_id):
    # 160 answer question 1: 54 Alltid (33,8%), 56 I de flesta fall (35%), 18 Sällan (11,2%),
    # 32 Aldrig (20%), none Vet ej (0%); one more municipality answers only question 14.
    spread = ["Alltid"] * 54 + ["I de flesta fall"] * 56 + ["Sällan"] * 18 + ["Aldrig"] * 32
    for i, option in enumerate(spread):
        answers = {"1": option, "14": ["Ja, bloggar", "Ja, chatforum"] if i < 3 else ["Nej"]}
        body = {"respondent": f"Kommun {i}", "answers": answers}
        assert organiser_api.post(f"/surveys/{survey_id}/responses", body).status_code == 201
    extra = {"respondent": "Kommun X", "answers": {"14": ["Vet ej"]}}
    assert organiser_api.post(f"/surveys/{survey_id}/responses", extra).status_code == 201

    results = organiser_api.get(f"/surveys/{survey_id}/results").json()
    assert results["respondents"] == 161
    one = results["questions"]["1"]
    assert one["svarande"] == 160
    assert one["rows"] == [
        ["Alltid", 54, "33,8%"],
        ["I de flesta fall", 56, "35%"],
        ["Sällan", 18, "11,2%"],
        ["Aldrig", 32, "20%"],
        ["Vet ej", 0, "0%"],
    ]
    fourteen = results["questions"]["14"]
    assert fourteen["svarande"] == 161
    assert fourteen["rows"][1] == ["Ja, bloggar", 3, "1,9%"]
    assert fourteen["rows"][4] == ["Nej", 157, "97,5%"]
    assert results["questions"]["2"] == {
        "text": results["questions"]["2"]["text"],
        "kind": "one",
        "svarande": 0,
        "rows": [[o, 0, "–"] for o in ["Alltid", "I de flesta fall", "Sällan", "Aldrig", "Vet ej"]],
        "texts": [],
    }


def test_reads_are_audited(organiser_api, survey_id, olle):
    organiser_api.get(f"/surveys/{survey_id}")
    organiser_api.get(f"/surveys/{survey_id}/results")
    reads = AuditEvent.objects.filter(actor=olle, action="read", object_type="surveys.edition")
    assert reads.count() == 2


def test_other_roles_are_forbidden_and_another_organisers_survey_is_not_found(
    api_as, cast, otto, survey_id
):
    assert api_as(cast.maja).get(f"/surveys/{survey_id}").status_code == 403
    assert api_as(cast.maja).post("/surveys", TEMPLATE).status_code == 403
    assert api_as(otto).get(f"/surveys/{survey_id}").status_code == 404
    assert api_as(otto).get(f"/surveys/{survey_id}/results").status_code == 404
    body = {"respondent": "Gävle", "answers": {"1": "Alltid"}}
    assert api_as(otto).post(f"/surveys/{survey_id}/responses", body).status_code == 404
    assert api_as(None).get(f"/surveys/{survey_id}").status_code == 401


def test_the_api_token_command_gives_the_organiser_a_token(olle, capsys, survey_id):
    call_command("api_token", "olle")
    token = capsys.readouterr().out.strip().split()[-1]
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get(f"/api/v1/surveys/{survey_id}").status_code == 200


# --- editing the questions of an unsent edition ---------------------------------------------


def patch(api, path, body):
    return api.client.patch("/api/v1" + path, json.dumps(body), content_type="application/json")


def test_questions_are_added_changed_and_dropped_through_the_api(organiser_api, survey_id):
    added = organiser_api.post(
        f"/surveys/{survey_id}/questions",
        {
            "text": "Varför inte?",
            "kind": "many",
            "options": ["Tid", "Policy"],
            "other": "Annat, nämligen:",
            "condition": {"question": "14", "options": ["Nej"]},
        },
    )
    assert added.status_code == 201, added.json()
    body = added.json()
    assert body["number"] == "18"
    assert body["options"] == ["Tid", "Policy", "Annat, nämligen:"]
    assert body["condition"] == "Besvaras av dem som svarat Nej i fråga 14."
    key = body["key"]
    changed = patch(organiser_api, f"/surveys/{survey_id}/questions/18", {"text": "Varför?"})
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["key"], changed.json()["text"]) == (key, "Varför?")
    assert changed.json()["options"] == ["Tid", "Policy", "Annat, nämligen:"]
    to_text = patch(
        organiser_api, f"/surveys/{survey_id}/questions/18", {"kind": "text", "condition": None}
    )
    assert to_text.json()["options"] == []
    assert to_text.json()["condition"] == ""
    gone = organiser_api.client.delete(f"/api/v1/surveys/{survey_id}/questions/18")
    assert gone.status_code == 204
    numbers = [q["number"] for q in organiser_api.get(f"/surveys/{survey_id}").json()["questions"]]
    assert numbers == [str(n) for n in range(1, 18)]


def test_a_bad_question_is_refused_in_swedish(organiser_api, survey_id):
    response = organiser_api.post(
        f"/surveys/{survey_id}/questions", {"text": "Fråga?", "kind": "en", "options": []}
    )
    assert response.status_code == 422
    assert response.json()["errors"]["kind"] == ["Välj en frågetyp: one, many, text, number."]
    missing = patch(organiser_api, f"/surveys/{survey_id}/questions/99", {"text": "X"})
    assert missing.status_code == 404


def test_the_questions_of_a_sent_edition_are_refused_with_409(organiser_api, survey_id):
    body = {"respondent": "Gävle", "answers": {"1": "Alltid"}}
    assert organiser_api.post(f"/surveys/{survey_id}/responses", body).status_code == 201
    added = organiser_api.post(f"/surveys/{survey_id}/questions", {"text": "Ny?", "kind": "text"})
    assert added.status_code == 409
    assert "redan skickad" in added.json()["detail"]
    assert (
        patch(organiser_api, f"/surveys/{survey_id}/questions/1", {"text": "X"}).status_code == 409
    )
    gone = organiser_api.client.delete(f"/api/v1/surveys/{survey_id}/questions/1")
    assert gone.status_code == 409


def test_another_organiser_cannot_edit_the_questions(api_as, otto, survey_id):
    other = api_as(otto)
    assert (
        other.post(f"/surveys/{survey_id}/questions", {"text": "Ny?", "kind": "text"}).status_code
        == 404
    )
