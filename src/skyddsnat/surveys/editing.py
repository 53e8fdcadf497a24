"""An organiser adds, changes or drops the questions of an edition not yet sent (issue 15).

Identity across editions is a question's ``key`` (and an option's): a changed wording keeps
the question's key, so the results still compare with the earlier edition; a new question gets
a new key, unknown to earlier editions. An option keeps its key while its text is unchanged,
and a reworded option keeps the key of the option it stands in place of (same position);
other new lines are new options.

Once the edition is *sent* — an invitation has gone out (an e-mail, or a user's invitation in
"Mina enkäter" once the sending day has come), a respondent has saved answers or answers have
been imported, or it is closed — its questions are fixed: every change is refused
(``StateConflict``, 409), because answers already given refer to them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.errors import Collector, InvalidInput, NotFound, StateConflict
from skyddsnat.journal import drafts
from skyddsnat.limits import bad_character
from skyddsnat.surveys.answers import Questions
from skyddsnat.surveys.models import Edition, Kind, Option, Question, Response, SurveyNotice
from skyddsnat.surveys.services import require_edition

ALREADY_SENT = (
    "Enkäten är redan skickad och frågorna kan inte längre ändras. "
    "Kopiera den till en ny omgång för att ändra frågorna."
)
NO_QUESTION = "Frågan finns inte i enkäten."
CHOICE_KINDS = (Kind.ONE, Kind.MANY)
MAX_OPTIONS = 40


@dataclass
class QuestionDraft:
    """A question as the organiser writes it.

    ``options``: the option texts in order (choice kinds only); ``other``: the text of an
    "other, namely" option put last, empty for none; ``condition``: the number of an earlier
    choice question and the texts of its options that make this one asked, or ``None``.
    """

    text: str
    kind: str
    options: list[str] = field(default_factory=list)
    other: str = ""
    condition: tuple[str, list[str]] | None = None
    number: str = ""


def is_sent(edition: Edition) -> bool:
    """True once the edition's questions may no longer change (see the module's text)."""
    return (
        edition.status != Edition.Status.OPEN
        or SurveyNotice.objects.filter(respondent__edition=edition).exists()
        or Response.objects.filter(edition=edition).exists()
        or (
            edition.sent_on is not None
            and edition.sent_on <= clock.today()
            and edition.respondents.filter(user__isnull=False).exists()
        )
    )


def editable(acting_user: User, edition_id: int) -> Edition:
    """Return the organiser's edition locked, while its questions may change (else
    StateConflict); another organiser's edition is NotFound."""
    edition = require_edition(acting_user, edition_id)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if is_sent(edition):
        raise StateConflict(ALREADY_SENT)
    return edition


def _new_key() -> str:
    return "q-" + secrets.token_hex(6)


def _check(
    draft: QuestionDraft, questions: Questions, *, editing: Question | None
) -> tuple[str, list[str], list[Option]]:
    """Check ``draft``; return its number, its option lines (the other option last) and the
    options its condition names. Every problem is raised at once, in Swedish."""
    errors = Collector()
    text = draft.text.strip()
    errors.check(bool(text), "text", "Skriv frågan.")
    errors.check(len(text) <= 2000, "text", "Frågan får vara högst 2000 tecken.")
    errors.check(not bad_character(text), "text", "Frågan innehåller otillåtna tecken.")
    kinds = ", ".join(k.value for k in Kind)
    errors.check(draft.kind in Kind.values, "kind", f"Välj en frågetyp: {kinds}.")
    number = draft.number.strip() or (editing.number if editing else "")
    if not number:
        numbers = [int(n) for n in questions.by_number if n.isdigit()]
        number = str(max(numbers, default=0) + 1)
    errors.check(
        len(number) <= 10
        and number.replace(".", "").isalnum()
        and number.lower() != "utkast",  # the address of the new question's draft
        "number",
        "Frågans nummer är högst tio bokstäver eller siffror, t.ex. 18 eller 9a.",
    )
    taken = questions.by_number.get(number)
    errors.check(taken is None or taken == editing, "number", f"Det finns redan en fråga {number}.")
    lines = [line.strip() for line in draft.options if line.strip()]
    other = draft.other.strip()
    if draft.kind in CHOICE_KINDS:
        errors.check(len(lines) + bool(other) >= 2, "options", "Ange minst två svarsalternativ.")
        errors.check(
            len(lines) + bool(other) <= MAX_OPTIONS,
            "options",
            f"En fråga får ha högst {MAX_OPTIONS} svarsalternativ.",
        )
        everything = [*lines, other] if other else lines
        errors.check(
            len(set(everything)) == len(everything),
            "options",
            "Varje svarsalternativ får bara stå en gång.",
        )
        errors.check(
            all(len(t) <= 300 and not bad_character(t) for t in everything),
            "options",
            "Ett svarsalternativ är högst 300 tecken och utan otillåtna tecken.",
        )
    else:
        errors.check(
            not lines and not other,
            "options",
            "Bara frågor med svarsalternativ (ett eller flera) kan ha svarsalternativ.",
        )
    enabling: list[Option] = []
    if draft.condition is not None:
        source_number, wanted = draft.condition
        source = questions.by_number.get(source_number.strip())
        position = editing.position if editing else None
        later = position is not None and source is not None and source.position >= position
        if source is None or later:
            errors.add("condition", "Villkoret ska gälla en tidigare fråga i enkäten.")
        elif source.kind not in CHOICE_KINDS:
            errors.add("condition", f"Fråga {source.number} har inga svarsalternativ.")
        else:
            by_text = {o.text: o for o in questions.options[source.pk]}
            unknown = [t for t in wanted if t not in by_text]
            errors.check(
                not unknown,
                "condition",
                f"Fråga {source.number} har inget svarsalternativ {', '.join(unknown)}.",
            )
            errors.check(
                bool(wanted), "condition", "Välj vilka svar som gör att frågan ska besvaras."
            )
            enabling = [by_text[t] for t in wanted if t in by_text]
    errors.raise_if_any()
    return number, ([*lines, other] if other else lines), enabling


def _condition_text(enabling: list[Option], source: Question | None) -> str:
    if not enabling or source is None:
        return ""
    chosen = " eller ".join(o.text for o in enabling)
    return f"Besvaras av dem som svarat {chosen} i fråga {source.number}."[:200]


def _pair(old: list[Option], lines: list[str]) -> list[Option | None]:
    """Return, per line, the old option it continues: the one with the same text, else the
    one that stood in its place (a reworded option); ``None`` for a new option."""
    by_text = {o.text: o for o in old}
    kept: list[Option | None] = [by_text.get(line) for line in lines]
    used = {o.pk for o in kept if o is not None}
    for i in range(len(lines)):
        if kept[i] is None and i < len(old) and old[i].pk not in used and old[i].text not in lines:
            kept[i] = old[i]
            used.add(old[i].pk)
    return kept


def _set_options(question: Question, lines: list[str], has_other: bool) -> None:
    """Give ``question`` the options ``lines`` (the last one an "other" if ``has_other``),
    keeping the keys of unchanged and reworded options (see the module's text)."""
    old = list(question.options.order_by("position"))
    kept = _pair(old, lines)
    used = {o.pk for o in kept if o is not None}
    # Park the texts first so the per-question unique text holds while they move.
    for option in old:
        option.text = f"~{option.pk}~"
        option.save(update_fields=["text"])
    question.options.exclude(pk__in=used).delete()
    taken = {o.key for o in old if o.pk in used}
    for position, (line, option) in enumerate(zip(lines, kept, strict=True), start=1):
        is_other = has_other and position == len(lines)
        if option is None:
            key = f"o{position}"
            while key in taken:
                key = "o-" + secrets.token_hex(4)
            taken.add(key)
            Option.objects.create(
                question=question, key=key, position=position, text=line, is_other=is_other
            )
        else:
            option.position, option.text, option.is_other = position, line, is_other
            option.save(update_fields=["position", "text", "is_other"])


def _conditions_kept(questions: Questions, question: Question, keep: set[int]) -> None:
    """Refuse a change that takes away an option a later question's condition names."""
    mine = {o.pk for o in questions.options[question.pk]}
    for other in questions.by_number.values():
        lost = (questions.conditions[other.pk] & mine) - keep
        if other != question and lost:
            raise InvalidInput.field(
                "options",
                f"Fråga {other.number} ställs bara till dem som valt ett av svarsalternativen "
                f"som försvinner. Ändra villkoret i fråga {other.number} först.",
            )


def _find(questions: Questions, number: str) -> Question:
    question = questions.by_number.get(number)
    if question is None:
        raise NotFound(NO_QUESTION)
    return question


@transaction.atomic
def add_question(*, acting_user: User, edition_id: int, draft: QuestionDraft) -> Question:
    """Add a question last in the unsent edition, with a new identity."""
    edition = editable(acting_user, edition_id)
    questions = Questions.of(edition)
    number, lines, enabling = _check(draft, questions, editing=None)
    last = edition.questions.aggregate(m=Max("position"))["m"] or 0
    question = Question.objects.create(
        edition=edition,
        key=_new_key(),
        number=number,
        position=last + 1,
        text=draft.text.strip(),
        kind=draft.kind,
    )
    _set_options(question, lines, bool(draft.other.strip()))
    _apply_condition(question, questions, enabling)
    audit.record(actor=acting_user, action="create", obj=question, detail=f"fråga {number}")
    return question


def _apply_condition(question: Question, questions: Questions, enabling: list[Option]) -> None:
    source = None
    if enabling:
        source = next(q for q in questions.by_number.values() if q.pk == enabling[0].question_id)
    question.condition_options.set(enabling)
    question.condition_text = _condition_text(enabling, source)
    question.save(update_fields=["condition_text"])


def _renumber_conditions(source: Question, old_number: str) -> None:
    """Name ``source``'s new number in the conditions that point at it."""
    if source.number == old_number:
        return
    for dependent in Question.objects.filter(condition_options__question=source).distinct():
        dependent.condition_text = dependent.condition_text.replace(
            f"fråga {old_number}", f"fråga {source.number}"
        )[:200]
        dependent.save(update_fields=["condition_text"])


@transaction.atomic
def change_question(
    *, acting_user: User, edition_id: int, number: str, draft: QuestionDraft
) -> Question:
    """Change a question of the unsent edition; it keeps its identity (its ``key``)."""
    edition = editable(acting_user, edition_id)
    questions = Questions.of(edition)
    question = _find(questions, number)
    new_number, lines, enabling = _check(draft, questions, editing=question)
    kept = {o.pk for o in _pair(questions.options[question.pk], lines) if o is not None}
    _conditions_kept(questions, question, kept)
    old_number = question.number
    question.number = new_number
    question.text = draft.text.strip()
    question.kind = draft.kind
    question.save(update_fields=["number", "text", "kind"])
    _set_options(question, lines, bool(draft.other.strip()))
    if {o.pk for o in enabling} != questions.conditions[question.pk]:
        _apply_condition(question, questions, enabling)
    _renumber_conditions(question, old_number)
    audit.record(actor=acting_user, action="update", obj=question, detail=f"fråga {number}")
    return question


@transaction.atomic
def drop_question(*, acting_user: User, edition_id: int, number: str) -> None:
    """Drop a question of the unsent edition (refused while a later question depends on it)."""
    edition = editable(acting_user, edition_id)
    questions = Questions.of(edition)
    question = _find(questions, number)
    _conditions_kept(questions, question, set())
    audit.record(actor=acting_user, action="delete", obj=question, detail=f"fråga {number}")
    question.delete()
    # Nobody can save a change of it now: its drafts go with it (decision 0036).
    drafts.discard_question_drafts(edition_id=edition.pk, number=number)


def draft_of(question: Question, questions: Questions) -> QuestionDraft:
    """Return ``question`` as a draft (the web form's starting values)."""
    options = questions.options[question.pk]
    source = questions.condition_question(question)
    wanted = questions.conditions[question.pk]
    return QuestionDraft(
        text=question.text,
        kind=question.kind,
        options=[o.text for o in options if not o.is_other],
        other=next((o.text for o in options if o.is_other), ""),
        condition=(
            (source.number, [o.text for o in questions.options[source.pk] if o.pk in wanted])
            if source
            else None
        ),
        number=question.number,
    )
