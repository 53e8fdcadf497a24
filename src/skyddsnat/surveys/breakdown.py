"""Results broken down by the respondents' group (municipality group or county), small groups masked.

A respondent carries a ``group`` (the municipality group of its municipality, or whatever the
organiser imported). For each question and group: *Svarande* and, per option, *Antal* and
*Procent* as the publication prints them. The organiser does not own the municipalities' data,
so the indicator service's masking (``indicators.masking.suppress``) applies: a group with 1–4
respondents to a question is hidden, and a second group where the hidden one could be worked
out from the question's total and the other groups (*sekundär röjandekontroll*). A question's
total over all groups is the ordinary result and stays shown. Respondents without a group are
counted in the total under "Utan grupp" and masked like any group.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.indicators.masking import MASK_REASONS_SV, Figure, Line, suppress
from skyddsnat.surveys.answers import Questions
from skyddsnat.surveys.models import Answer, Edition
from skyddsnat.surveys.percent import percent_sv
from skyddsnat.surveys.results import Row
from skyddsnat.surveys.services import require_edition

#: The group of a respondent that carries none.
NO_GROUP = "Utan grupp"
TOTAL = "__total__"


@dataclass
class GroupCell:
    """One question's figures for one group, or the reason they are hidden."""

    group: str
    svarande: int
    rows: list[Row] = field(default_factory=list)
    masked: str = ""

    @property
    def is_masked(self) -> bool:
        return bool(self.masked)


@dataclass
class QuestionBreakdown:
    number: str
    key: str
    text: str
    kind: str
    total: int
    #: The options' texts, in the questionnaire's order.
    options: list[str] = field(default_factory=list)
    #: The question's result over all groups (the ordinary result).
    total_rows: list[Row] = field(default_factory=list)
    cells: list[GroupCell] = field(default_factory=list)


def tabulate(
    questions: Questions,
    groups: list[str],
    answered: dict[tuple[int, str], int],
    chosen: dict[tuple[int, str], int],
) -> list[QuestionBreakdown]:
    """Return each choice or number question's figures per group, masked (pure: no database).

    ``answered``: (question id, group) → respondents who answered it; ``chosen``: (option id,
    group) → how many chose the option. Free-text questions have no figures to break down.
    """
    out = []
    for question in questions.by_number.values():
        options = questions.options[question.pk]
        if not options:
            continue
        # The total is the question's ordinary result, shown to the organiser anyway.
        total = sum(answered.get((question.pk, g), 0) for g in groups)
        figures = {TOTAL: Figure(total, visible=True)}
        for group in groups:
            figures[group] = Figure(answered.get((question.pk, group), 0))
        hidden = suppress(figures, [Line(TOTAL, tuple(groups))])
        cells = []
        for group in groups:
            svarande = figures[group].size
            if group in hidden:
                cells.append(GroupCell(group, svarande, masked=MASK_REASONS_SV[hidden[group]]))
                continue
            rows = [
                Row(
                    o.text,
                    chosen.get((o.pk, group), 0),
                    percent_sv(chosen.get((o.pk, group), 0), svarande),
                )
                for o in options
            ]
            cells.append(GroupCell(group, svarande, rows))
        all_rows = []
        for o in options:
            count = sum(chosen.get((o.pk, g), 0) for g in groups)
            all_rows.append(Row(o.text, count, percent_sv(count, total)))
        out.append(
            QuestionBreakdown(
                question.number,
                question.key,
                question.text,
                question.kind,
                total,
                [o.text for o in options],
                all_rows,
                cells,
            )
        )
    return out


def compute(edition: Edition) -> tuple[list[str], list[QuestionBreakdown]]:
    """Return the groups (alphabetical, "Utan grupp" last) and each question's breakdown."""
    submitted = Answer.objects.filter(
        response__edition=edition, response__submitted_at__isnull=False
    )
    answered: dict[tuple[int, str], int] = defaultdict(int)
    for question_id, group, n in (
        submitted.values("question_id", "response__respondent__group")
        .annotate(n=Count("pk"))
        .values_list("question_id", "response__respondent__group", "n")
    ):
        answered[(question_id, group or NO_GROUP)] += n
    through = Answer.options.through.objects.filter(
        answer__response__edition=edition, answer__response__submitted_at__isnull=False
    )
    chosen: dict[tuple[int, str], int] = defaultdict(int)
    for option_id, group, n in (
        through.values("option_id", "answer__response__respondent__group")
        .annotate(n=Count("pk"))
        .values_list("option_id", "answer__response__respondent__group", "n")
    ):
        chosen[(option_id, group or NO_GROUP)] += n
    names = {g for _, g in answered}
    groups = sorted(names - {NO_GROUP}) + ([NO_GROUP] if NO_GROUP in names else [])
    return groups, tabulate(Questions.of(edition), groups, answered, chosen)


def breakdown_for(
    *, acting_user: User, edition_id: int
) -> tuple[Edition, list[str], list[QuestionBreakdown]]:
    """Return the edition's results per group for its organiser (the read audited)."""
    edition = require_edition(acting_user, edition_id)
    audit.record(actor=acting_user, action="read", obj=edition, detail="resultat per grupp")
    groups, questions = compute(edition)
    return edition, groups, questions
