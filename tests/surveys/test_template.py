"""The Barnbarometer 2014 questionnaire ships as the template ``barnbarometer-2014``."""

from __future__ import annotations

from skyddsnat.surveys.models import Question
from skyddsnat.surveys.templates_data import BARNBAROMETER_2014


def test_the_template_has_the_17_questions_of_the_spec():
    numbers = [q.number for q in BARNBAROMETER_2014.questions]
    assert numbers == [str(n) for n in range(1, 18)]
    kinds = {q.number: q.kind for q in BARNBAROMETER_2014.questions}
    assert {n for n, k in kinds.items() if k == "many"} == {"9", "13", "14", "16"}


def test_the_questions_keys_are_unique():
    keys = [q.key for q in BARNBAROMETER_2014.questions]
    assert len(set(keys)) == len(keys)


def test_an_option_ending_in_namligen_asks_for_a_text():
    others = {
        q.number: [o.text for o in q.options if o.is_other] for q in BARNBAROMETER_2014.questions
    }
    assert others["9"] == ["Annan anledning, nämligen:"]
    assert others["13"] == ["Andra insatser, nämligen:"]
    assert others["14"] == ["Ja, annat nämligen:"]
    assert others["16"] == ["För andra ändamål, nämligen:"]
    assert others["1"] == []


def test_an_edition_made_from_it_holds_the_questions_in_order(edition):
    questions = list(edition.questions.order_by("position"))
    assert [q.number for q in questions] == [str(n) for n in range(1, 18)]
    first = questions[0]
    assert [o.text for o in first.options.order_by("position")] == [
        "Alltid",
        "I de flesta fall",
        "Sällan",
        "Aldrig",
        "Vet ej",
    ]
    q4 = questions[3]
    assert q4.options.count() == 5
    assert q4.options.order_by("position").first().text == "Ja, alltid barnutredning"


def test_question_16_is_asked_only_of_those_who_answered_yes_in_14(edition):
    q16 = Question.objects.get(edition=edition, number="16")
    assert sorted(o.text for o in q16.condition_options.all()) == [
        "Ja, annat nämligen:",
        "Ja, bloggar",
        "Ja, chatforum",
        "Ja, t.ex. Facebook, Twitter, Instagram",
    ]
    assert {o.question.number for o in q16.condition_options.all()} == {"14"}
