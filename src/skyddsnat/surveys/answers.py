"""Read and check a respondent's answers against an edition's questions (one place for both
doors: the API's import and the personal link's form).

``check_answers`` takes answers keyed by question number — a single choice as the option's
text, a multiple choice as a list of texts, a text, a number — and the texts of "other,
namely" options, and returns what to store or raises ``InvalidInput`` naming every field that is
wrong, in Swedish. A question left out is not answered; a question whose condition is not met
may not be answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from skyddsnat.errors import Collector
from skyddsnat.limits import MAX_TEXT_CHARS, bad_character, too_long
from skyddsnat.surveys.models import Edition, Kind, Option, Question

NOT_SAVED = "Svaren kunde inte sparas. Rätta frågorna nedan."


@dataclass
class CheckedAnswer:
    """What to store for one question."""

    question: Question
    options: list[Option] = field(default_factory=list)
    text: str = ""
    number: Decimal | None = None


@dataclass
class Questions:
    """An edition's questions with their options, loaded once (three queries)."""

    by_number: dict[str, Question]
    options: dict[int, list[Option]]
    conditions: dict[int, set[int]]

    @classmethod
    def of(cls, edition: Edition) -> Questions:
        questions = list(edition.questions.order_by("position"))
        options: dict[int, list[Option]] = {q.pk: [] for q in questions}
        for option in Option.objects.filter(question__edition=edition).order_by("position"):
            options[option.question_id].append(option)
        conditions: dict[int, set[int]] = {q.pk: set() for q in questions}
        through = Question.condition_options.through.objects.filter(question__edition=edition)
        for question_id, option_id in through.values_list("question_id", "option_id"):
            conditions[question_id].add(option_id)
        return cls({q.number: q for q in questions}, options, conditions)

    def condition_question(self, question: Question) -> Question | None:
        """Return the earlier question whose options ``question``'s condition names."""
        wanted = self.conditions[question.pk]
        for other in self.by_number.values():
            if any(o.pk in wanted for o in self.options[other.pk]):
                return other
        return None


def _texts(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    try:
        number = Decimal(value.strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def check_answers(
    questions: Questions,
    answers: dict[str, Any],
    other: dict[str, str] | None = None,
    *,
    drop_unasked: bool = False,
) -> list[CheckedAnswer]:
    """Return the answers to store, or raise ``InvalidInput`` naming each wrong field.

    ``drop_unasked``: leave out (instead of refusing) an answer to a question whose condition
    is not met — the link's form saves as the respondent goes, and an answer to question 16
    stays out when question 14 is changed to "Nej".
    """
    other = dict(other or {})
    errors = Collector()
    checked: dict[str, CheckedAnswer] = {}
    for number, value in answers.items():
        key = f"answers.{number}"
        question = questions.by_number.get(str(number))
        if question is None:
            errors.add(key, f"Enkäten har ingen fråga {number}.")
            continue
        options = {o.text: o for o in questions.options[question.pk]}
        answer = CheckedAnswer(question)
        if question.kind in (Kind.ONE, Kind.MANY):
            texts = _texts(value)
            single = question.kind == Kind.ONE
            if texts is None or isinstance(value, str) != single:
                what = "ett svarsalternativ" if single else "en lista"
                errors.add(key, f"Svaret på fråga {number} ska vara {what}.")
                continue
            if not texts:
                errors.add(key, f"Välj minst ett svarsalternativ på fråga {number}.")
                continue
            if len(set(texts)) != len(texts):
                errors.add(key, f"Samma svarsalternativ är valt två gånger på fråga {number}.")
                continue
            unknown = [t for t in texts if t not in options]
            if unknown:
                errors.add(key, f"”{unknown[0]}” är inget svarsalternativ på fråga {number}.")
                continue
            chosen = {options[t].pk for t in texts}
            answer.options = [o for o in questions.options[question.pk] if o.pk in chosen]
        elif question.kind == Kind.TEXT:
            if not isinstance(value, str) or not value.strip():
                errors.add(key, f"Svaret på fråga {number} ska vara en text.")
                continue
            problem = bad_character(value, f"Svaret på fråga {number}")
            if problem is None and len(value) > MAX_TEXT_CHARS:
                problem = too_long(len(value), MAX_TEXT_CHARS, f"Svaret på fråga {number}")
            if problem:
                errors.add(key, problem)
                continue
            answer.text = value.strip()
        else:
            number_value = _number(value)
            if number_value is None or number_value < 0 or number_value >= Decimal(10) ** 12:
                errors.add(key, f"Svaret på fråga {number} ska vara ett tal, 0 eller större.")
                continue
            answer.number = number_value.quantize(Decimal("0.01"))
        checked[question.number] = answer
    for number, text in other.items():
        key = f"other.{number}"
        answer_or_none = checked.get(str(number))
        chosen_other = answer_or_none and next(
            (o for o in answer_or_none.options if o.is_other), None
        )
        if not chosen_other:
            if str(number) in questions.by_number and f"answers.{number}" not in errors.errors:
                errors.add(
                    key, f"Fråga {number}: en ”nämligen”-text hör till ett valt ”annat”-alternativ."
                )
            continue
        if not isinstance(text, str) or not text.strip():
            errors.add(key, f"Fråga {number}: skriv vad ”{chosen_other.text}” avser.")
            continue
        problem = bad_character(text, f"Texten på fråga {number}")
        if problem:
            errors.add(key, problem)
            continue
        checked[str(number)].text = text.strip()
    chosen_options = {o.pk for a in checked.values() for o in a.options}
    for number, answer in list(checked.items()):
        wanted = questions.conditions[answer.question.pk]
        if not wanted or wanted & chosen_options:
            continue
        if drop_unasked:
            del checked[number]
            continue
        condition = questions.condition_question(answer.question)
        source = (
            f"det svar som getts i fråga {condition.number}" if condition else "de svar som getts"
        )
        errors.add(f"answers.{number}", f"Fråga {number} ska inte besvaras med {source}.")
    errors.raise_if_any(NOT_SAVED)
    return list(checked.values())


def missing_other_texts(questions: Questions, checked: list[CheckedAnswer]) -> dict[str, str]:
    """Return, per question number, a message for each chosen "other" option without a text."""
    missing = {}
    for answer in checked:
        chosen = next((o for o in answer.options if o.is_other), None)
        if chosen is not None and not answer.text:
            missing[f"other.{answer.question.number}"] = (
                f"Fråga {answer.question.number}: skriv vad ”{chosen.text}” avser."
            )
    return missing
