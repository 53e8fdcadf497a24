"""Results per question as the Barnbarometer publication prints them.

For each question: *Svarande* (the submitted responses that answered it) and one row per option
in the questionnaire's order — the option, its count (*Antal*) and its percent of *Svarande*
(*Procent*, ``percent.percent_sv``). A multiple-choice question's percentages may add past
100. Free texts (text questions and "other, namely") are listed. Four queries, whatever the
number of respondents (290 municipalities × 17 questions: ``bench/``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.surveys.answers import Questions
from skyddsnat.surveys.models import Answer, Edition, Option
from skyddsnat.surveys.percent import percent_sv
from skyddsnat.surveys.services import require_edition


@dataclass
class Row:
    option: str
    count: int
    percent: str

    def as_list(self) -> list[str | int]:
        return [self.option, self.count, self.percent]


@dataclass
class QuestionResult:
    number: str
    key: str
    text: str
    kind: str
    svarande: int
    rows: list[Row] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def tabulate(
    questions: Questions,
    answered: dict[int, int],
    chosen: dict[int, int],
    texts: dict[int, list[str]],
) -> list[QuestionResult]:
    """Return the results of each question from the counts (pure: no database).

    ``answered``: question id → number who answered it; ``chosen``: option id → how many
    chose it; ``texts``: question id → its free texts.
    """
    results = []
    for question in questions.by_number.values():
        svarande = answered.get(question.pk, 0)
        rows = [
            Row(o.text, chosen.get(o.pk, 0), percent_sv(chosen.get(o.pk, 0), svarande))
            for o in questions.options[question.pk]
        ]
        results.append(
            QuestionResult(
                question.number,
                question.key,
                question.text,
                question.kind,
                svarande,
                rows,
                texts.get(question.pk, []),
            )
        )
    return results


def compute(edition: Edition) -> list[QuestionResult]:
    """Return the results of ``edition``'s submitted responses."""
    submitted = Answer.objects.filter(
        response__edition=edition, response__submitted_at__isnull=False
    )
    answered = dict(
        submitted.values("question_id").annotate(n=Count("pk")).values_list("question_id", "n")
    )
    through = Answer.options.through.objects.filter(
        answer__response__edition=edition, answer__response__submitted_at__isnull=False
    )
    chosen = dict(through.values("option_id").annotate(n=Count("pk")).values_list("option_id", "n"))
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, text in (
        submitted.exclude(text="").order_by("question_id", "pk").values_list("question_id", "text")
    ):
        texts[question_id].append(text)
    return tabulate(Questions.of(edition), answered, chosen, texts)


@dataclass(frozen=True)
class ResponseRate:
    """How many of the invited have submitted, and the share as the publication prints it."""

    invited: int
    submitted: int
    started: int

    @property
    def percent(self) -> str:
        return percent_sv(self.submitted, self.invited)


def response_rate(edition: Edition) -> ResponseRate:
    """Return the edition's response rate now (live: counted at each call)."""
    responses = edition.responses.all()
    return ResponseRate(
        invited=edition.respondents.count(),
        submitted=responses.filter(submitted_at__isnull=False).count(),
        started=responses.filter(submitted_at__isnull=True).count(),
    )


def results_for(
    *, acting_user: User, edition_id: int, export: bool = False, detail: str = "resultat"
) -> tuple[Edition, list[QuestionResult]]:
    """Return the edition's results for its organiser (the read, or the export, audited;
    ``detail`` says which export)."""
    edition = require_edition(acting_user, edition_id)
    action = "export" if export else "read"
    audit.record(actor=acting_user, action=action, obj=edition, detail=detail)
    return edition, compute(edition)


def option_keys(edition: Edition) -> dict[str, list[str]]:
    """Return each question's key → its options' keys, in the questionnaire's order."""
    keys: dict[str, list[str]] = defaultdict(list)
    rows = Option.objects.filter(question__edition=edition).order_by(
        "question__position", "position"
    )
    for question_key, option_key in rows.values_list("question__key", "key"):
        keys[question_key].append(option_key)
    return keys
