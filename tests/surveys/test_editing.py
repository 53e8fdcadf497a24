"""An organiser adds, changes and drops questions of an unsent edition (issue 15)."""

from __future__ import annotations

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import InvalidInput, NotFound, StateConflict
from skyddsnat.surveys import editing
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.comparison import compare
from skyddsnat.surveys.editing import QuestionDraft
from skyddsnat.surveys.models import Question
from skyddsnat.surveys.results import compute, option_keys


@pytest.fixture
def copy(olle, edition):
    return surveys.copy_edition(
        acting_user=olle, edition_id=edition.pk, title="Barnbarometern 2027", year=2027
    )


def q(edition, number):
    return Question.objects.get(edition=edition, number=number)


def test_a_changed_wording_keeps_the_identity_and_the_comparison(olle, edition, copy):
    surveys.import_response(
        acting_user=olle, edition_id=edition.pk, respondent="Kommun 1", answers={"15": "Ja"}
    )
    editing.change_question(
        acting_user=olle,
        edition_id=copy.pk,
        number="15",
        draft=QuestionDraft(
            text="Har förvaltningen en strategi för sociala medier?",
            kind="one",
            options=["Ja, skriftlig", "Nej", "Vet ej"],
        ),
    )
    changed = q(copy, "15")
    assert changed.key == q(edition, "15").key == "social-media-strategy"
    assert [o.key for o in changed.options.all()] == ["o1", "o2", "o3"]
    surveys.import_response(
        acting_user=olle, edition_id=copy.pk, respondent="Kommun 1", answers={"15": "Nej"}
    )
    changes = compare(compute(copy), option_keys(copy), compute(edition), option_keys(edition))
    fifteen = next(c for c in changes if c.key == "social-media-strategy")
    first = fifteen.options[0]
    assert (first.option, first.earlier, first.now) == ("Ja, skriftlig", "100%", "0%")
    assert AuditEvent.objects.filter(action="update", object_type__icontains="question").exists()


def test_a_new_question_gets_a_new_identity_and_the_next_number(olle, copy):
    added = editing.add_question(
        acting_user=olle,
        edition_id=copy.pk,
        draft=QuestionDraft(
            text="Varför använder ni inte sociala medier?",
            kind="many",
            options=["Tid", "Policy"],
            other="Annat, nämligen:",
            condition=("14", ["Nej"]),
        ),
    )
    assert added.number == "18"
    assert added.key.startswith("q-")
    assert added.key not in set(Question.objects.exclude(pk=added.pk).values_list("key", flat=True))
    options = list(added.options.all())
    assert [o.text for o in options] == ["Tid", "Policy", "Annat, nämligen:"]
    assert [o.is_other for o in options] == [False, False, True]
    assert [o.text for o in added.condition_options.all()] == ["Nej"]
    assert added.condition_text == "Besvaras av dem som svarat Nej i fråga 14."
    # The condition is kept by the answers: only those who answered Nej in 14 may answer it.
    with pytest.raises(InvalidInput):
        surveys.import_response(
            acting_user=olle,
            edition_id=copy.pk,
            respondent="Kommun 2",
            answers={"14": ["Ja, bloggar"], "18": ["Tid"]},
        )
    surveys.import_response(
        acting_user=olle,
        edition_id=copy.pk,
        respondent="Kommun 2",
        answers={"14": ["Nej"], "18": ["Tid"]},
    )


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (("99", ["Ja"]), "Villkoret ska gälla en tidigare fråga i enkäten."),
        (("17", ["Ja"]), "Villkoret ska gälla en tidigare fråga i enkäten."),
        (("15", ["Kanske"]), "Fråga 15 har inget svarsalternativ Kanske."),
        (("15", []), "Välj vilka svar som gör att frågan ska besvaras."),
        (("3", ["Ja"]), "Fråga 3 har inga svarsalternativ."),
    ],
)
def test_a_condition_must_name_options_of_an_earlier_question(olle, copy, condition, message):
    if condition[0] == "3":
        editing.change_question(
            acting_user=olle,
            edition_id=copy.pk,
            number="3",
            draft=QuestionDraft(text="Hur många?", kind="number"),
        )
    with pytest.raises(InvalidInput) as refused:
        editing.change_question(
            acting_user=olle,
            edition_id=copy.pk,
            number="17",
            draft=QuestionDraft(
                text="Kompetensutveckling?", kind="one", options=["Ja", "Nej"], condition=condition
            ),
        )
    assert refused.value.errors["condition"] == [message]


def test_the_form_is_checked_in_swedish(olle, copy):
    with pytest.raises(InvalidInput) as refused:
        editing.add_question(
            acting_user=olle,
            edition_id=copy.pk,
            draft=QuestionDraft(text=" ", kind="one", options=["Bara ett"], number="3"),
        )
    errors = refused.value.errors
    assert errors["text"] == ["Skriv frågan."]
    assert errors["options"] == ["Ange minst två svarsalternativ."]
    assert errors["number"] == ["Det finns redan en fråga 3."]


def test_an_option_a_later_condition_names_cannot_be_dropped(olle, copy):
    with pytest.raises(InvalidInput) as refused:
        editing.change_question(
            acting_user=olle,
            edition_id=copy.pk,
            number="14",
            draft=QuestionDraft(text="Sociala medier?", kind="text"),
        )
    assert "Fråga 16" in refused.value.errors["options"][0]
    with pytest.raises(InvalidInput):
        editing.drop_question(acting_user=olle, edition_id=copy.pk, number="14")
    editing.drop_question(acting_user=olle, edition_id=copy.pk, number="16")
    editing.drop_question(acting_user=olle, edition_id=copy.pk, number="14")
    assert not Question.objects.filter(edition=copy, number__in=["14", "16"]).exists()


def test_renumbering_a_question_renames_it_in_the_conditions(olle, copy):
    draft = editing.draft_of(q(copy, "14"), surveys.Questions.of(copy))
    draft.number = "14a"
    editing.change_question(acting_user=olle, edition_id=copy.pk, number="14", draft=draft)
    assert q(copy, "16").condition_text == "Besvaras av dem som svarat Ja i fråga 14a."
    assert q(copy, "16").condition_options.count() == 4


def test_once_answers_or_invitations_exist_the_questions_are_fixed(olle, edition, copy):
    surveys.import_response(
        acting_user=olle, edition_id=edition.pk, respondent="Kommun 1", answers={"1": "Alltid"}
    )
    with pytest.raises(StateConflict) as refused:
        editing.drop_question(acting_user=olle, edition_id=edition.pk, number="2")
    assert "redan skickad" in refused.value.message
    assert q(edition, "2")
    assert not editing.is_sent(copy)
    surveys.invite(acting_user=olle, edition_id=copy.pk, name="Umeå kommun", email="a@b.invalid")
    assert not editing.is_sent(copy)  # invited, the e-mail not yet out


def test_another_organisers_edition_is_not_found(otto, copy):
    with pytest.raises(NotFound):
        editing.drop_question(acting_user=otto, edition_id=copy.pk, number="1")
    with pytest.raises(NotFound):
        editing.drop_question(acting_user=otto, edition_id=copy.pk + 999, number="1")
