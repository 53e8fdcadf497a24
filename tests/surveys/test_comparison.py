"""Comparing an edition with an earlier one: by identity, through a renamed option."""

from __future__ import annotations

from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.comparison import compare
from skyddsnat.surveys.models import Option, Question
from skyddsnat.surveys.results import compute, option_keys


def answer(olle, edition, spread):
    for i, (number, value) in enumerate(spread):
        surveys.import_response(
            acting_user=olle,
            edition_id=edition.pk,
            respondent=f"Kommun {i}",
            answers={number: value},
        )


def test_a_copy_keeps_the_questions_identities_and_conditions(olle, edition):
    copy = surveys.copy_edition(
        acting_user=olle, edition_id=edition.pk, title="Barnbarometern 2027", year=2027
    )
    assert copy.copied_from == edition
    assert list(copy.questions.values_list("key", flat=True)) == list(
        edition.questions.values_list("key", flat=True)
    )
    q16 = Question.objects.get(edition=copy, number="16")
    assert {o.question.edition_id for o in q16.condition_options.all()} == {copy.pk}
    assert q16.condition_options.count() == 4


def test_results_compare_question_by_question_through_a_renamed_option(olle, edition):
    # 2026: 1 of 4 answer "Ja, t.ex. Facebook, Twitter, Instagram" in question 14 (25%).
    answer(
        olle,
        edition,
        [("14", ["Ja, t.ex. Facebook, Twitter, Instagram"])] + [("14", ["Nej"])] * 3,
    )
    later = surveys.copy_edition(
        acting_user=olle, edition_id=edition.pk, title="Barnbarometern 2027", year=2027
    )
    # 2027: the option is renamed and question 14 renumbered 15 (a question added before it).
    Option.objects.filter(question__edition=later, text__startswith="Ja, t.ex.").update(
        text="Ja, i sociala nätverk"
    )
    for q in Question.objects.filter(edition=later, position__gte=14).order_by("-position"):
        Question.objects.filter(pk=q.pk).update(number=str(q.position + 1))
    Question.objects.create(
        edition=later, key="new", number="14", position=99, text="Ny?", kind="text"
    )
    answer(olle, later, [("15", ["Ja, i sociala nätverk"])] * 3 + [("15", ["Nej"])] * 5)

    changes = compare(compute(later), option_keys(later), compute(edition), option_keys(edition))
    by_key = {c.key: c for c in changes}
    social = by_key["social-media"]
    assert (social.number, social.earlier_number) == ("15", "14")
    first = social.options[0]
    assert first.option == "Ja, i sociala nätverk"
    assert first.text(2026, 2027) == "2026 → 2027: 25% → 37,5%"
    assert by_key["new"].earlier_number is None
