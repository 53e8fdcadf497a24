"""Surveys (*enkäter*, issue 15): ``/surveys`` for organisers only.

``POST /surveys`` makes an open edition from a shipped template, ``GET /surveys/{id}`` shows its
questions, ``POST /surveys/{id}/responses`` imports one respondent's answers (a respondent not
yet invited is added; one response each; a bad answer is 422 and nothing is stored) and
``GET /surveys/{id}/results`` gives the results per question as the publication prints them,
``GET /surveys/{id}/results/groups`` the same per the respondents' group (small groups masked) and
``GET /surveys/{id}/comparison`` each question then and now against an earlier edition.
``POST /surveys/{id}/invitations`` invites a user of this installation (Mina enkäter) or a
respondent by e-mail; ``POST /surveys/{id}/questions``, ``PATCH`` and ``DELETE /surveys/{id}/questions/{number}`` add,
change and drop questions while the edition is not sent (``surveys.editing``; 409 after).
Who may is ``accounts.policy.can_run_surveys``; another organiser's edition is not found.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from ninja import Router, Status

from skyddsnat.api.access import act
from skyddsnat.api.auth import current_user
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, Out
from skyddsnat.errors import InvalidInput, NotFound
from skyddsnat.surveys import breakdown as survey_breakdown
from skyddsnat.surveys import comparison as survey_comparison
from skyddsnat.surveys import editing as survey_editing
from skyddsnat.surveys import results as survey_results
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.answers import Questions
from skyddsnat.surveys.models import Question

router = Router(tags=["Enkäter / Surveys"])


class SurveyIn(In):
    """``template``: a shipped questionnaire (``barnbarometer-2014``); ``title``: the edition's."""

    template: str
    title: str = ""


class SurveyRef(Out):
    id: int


class QuestionOut(Out):
    number: str
    key: str
    text: str
    kind: str
    options: list[str]
    #: Asked only of those who chose one of these options of an earlier question.
    condition: str


class SurveyOut(Out):
    id: int
    title: str
    year: int
    status: str
    questions: list[QuestionOut]


class ResponseIn(In):
    """``respondent``: the municipality's name or code. ``answers``: by question number, a
    single choice as the option's text, a multiple choice as a list of texts, a text, a
    number; a question left out is not answered. ``other``: the text of a chosen "other,
    namely" option, by question number."""

    respondent: str
    answers: dict[str, Any] = {}
    other: dict[str, str] = {}


class ResponseOut(Out):
    id: int
    respondent: str
    receipt: str


class QuestionResultOut(Out):
    text: str
    kind: str
    svarande: int
    #: One row per option in the questionnaire's order: option, Antal, Procent ("33,8%").
    rows: list[tuple[str, int, str]]
    #: Free texts (a text question's answers, or what "other, namely" named).
    texts: list[str]


class ResultsOut(Out):
    id: int
    title: str
    respondents: int
    questions: dict[str, QuestionResultOut]


@router.post("/surveys", response={201: SurveyRef, **ERRORS})
@idempotent(201)
def create_survey(request: HttpRequest, payload: SurveyIn) -> SurveyRef:
    """Create an open edition of a shipped template (*skapa enkät*)."""
    return SurveyRef.of(act(request, surveys.create_from_template, payload))


@router.get("/surveys/{survey_id}", response={200: SurveyOut, **ERRORS})
def get_survey(request: HttpRequest, survey_id: int) -> SurveyOut:
    """Return the edition and its questions, the options as the questionnaire prints them."""
    edition, questions = surveys.read_edition(
        acting_user=current_user(request), edition_id=survey_id
    )
    shown = []
    for question in questions.by_number.values():
        source = questions.condition_question(question)
        shown.append(
            QuestionOut.of(
                question,
                options=[o.text for o in questions.options[question.pk]],
                condition=question.condition_text if source else "",
            )
        )
    return SurveyOut.of(edition, questions=shown)


@router.post("/surveys/{survey_id}/responses", response={201: ResponseOut, **ERRORS})
@idempotent(201)
def add_response(request: HttpRequest, survey_id: int, payload: ResponseIn) -> ResponseOut:
    """Import one respondent's answers (paper, another installation); submitted at once."""
    response = act(request, surveys.import_response, payload, edition_id=survey_id)
    return ResponseOut.of(response, respondent=response.respondent.name)


@router.get("/surveys/{survey_id}/results", response={200: ResultsOut, **ERRORS})
def get_results(request: HttpRequest, survey_id: int) -> ResultsOut:
    """Return per question *Svarande* and per option *Antal* and *Procent* as printed."""
    edition, results = survey_results.results_for(
        acting_user=current_user(request), edition_id=survey_id
    )
    return ResultsOut.of(
        edition,
        respondents=edition.responses.filter(submitted_at__isnull=False).count(),
        questions={
            r.number: QuestionResultOut.of(r, rows=[row.as_list() for row in r.rows])
            for r in results
        },
    )


class GroupCellOut(Out):
    group: str
    svarande: int
    #: One row per option: option, Antal, Procent; empty when the group is masked.
    rows: list[tuple[str, int, str]]
    #: Why the group's figures are hidden (fewer than 5 answered), else empty.
    masked: str


class GroupQuestionOut(Out):
    text: str
    kind: str
    #: Everyone who answered the question (the ordinary result's *Svarande*).
    svarande: int
    groups: list[GroupCellOut]


class GroupResultsOut(Out):
    id: int
    title: str
    groups: list[str]
    questions: dict[str, GroupQuestionOut]


@router.get("/surveys/{survey_id}/results/groups", response={200: GroupResultsOut, **ERRORS})
def get_group_results(request: HttpRequest, survey_id: int) -> GroupResultsOut:
    """Return each choice question's figures per respondent group (municipality group or
    county); a group where fewer than 5 answered is masked, and a second one where needed."""
    edition, groups, questions = survey_breakdown.breakdown_for(
        acting_user=current_user(request), edition_id=survey_id
    )
    return GroupResultsOut.of(
        edition,
        groups=groups,
        questions={
            q.number: GroupQuestionOut.of(
                q,
                svarande=q.total,
                groups=[
                    GroupCellOut.of(c, rows=[row.as_list() for row in c.rows]) for c in q.cells
                ],
            )
            for q in questions
        },
    )


class OptionChangeOut(Out):
    option: str
    #: The earlier edition's percent, ``null`` for an option that is new.
    earlier: str | None
    now: str


class QuestionChangeOut(Out):
    number: str
    #: The question's number in the earlier edition, ``null`` for a new question.
    earlier_number: str | None
    text: str
    options: list[OptionChangeOut]


class EditionRefOut(Out):
    id: int
    title: str
    year: int


class ComparisonOut(Out):
    id: int
    title: str
    year: int
    #: The edition compared with, ``null`` when there is no earlier one.
    earlier: EditionRefOut | None
    questions: list[QuestionChangeOut]


@router.get("/surveys/{survey_id}/comparison", response={200: ComparisonOut, **ERRORS})
def get_comparison(
    request: HttpRequest, survey_id: int, earlier: int | None = None
) -> ComparisonOut:
    """Compare the edition question by question with an earlier one (``earlier``: its id; by
    default the edition it was copied from, else the latest earlier one)."""
    edition, before, changes = survey_comparison.comparison_for(
        acting_user=current_user(request), edition_id=survey_id, earlier_id=earlier
    )
    return ComparisonOut.of(
        edition,
        earlier=EditionRefOut.of(before) if before else None,
        questions=[
            QuestionChangeOut.of(c, options=[OptionChangeOut.of(o) for o in c.options])
            for c in changes
        ],
    )


class ConditionIn(In):
    """Ask the question only of those who chose one of ``options`` in the earlier question
    ``question`` (its number)."""

    question: str
    options: list[str]


class QuestionIn(In):
    """A question: ``text``; ``kind``: ``one``, ``many``, ``text`` or ``number``; ``options``:
    the option texts in order (choice kinds); ``other``: the text of an "other, namely" option
    put last ("Annat, nämligen:"), empty for none; ``condition``: or ``null``; ``number``: by
    default the next free number."""

    text: str
    kind: str
    options: list[str] = []
    other: str = ""
    condition: ConditionIn | None = None
    number: str = ""


class QuestionChangeIn(In):
    """The fields to change; a field left out keeps its value (``condition: null`` removes
    the condition). The question keeps its identity (``key``)."""

    text: str | None = None
    kind: str | None = None
    options: list[str] | None = None
    other: str | None = None
    condition: ConditionIn | None = None
    number: str | None = None


def _question_out(edition_id: int, number: str) -> QuestionOut:
    question = Question.objects.get(edition_id=edition_id, number=number)
    questions = Questions.of(question.edition)
    source = questions.condition_question(question)
    return QuestionOut.of(
        question,
        options=[o.text for o in questions.options[question.pk]],
        condition=question.condition_text if source else "",
    )


@router.post("/surveys/{survey_id}/questions", response={201: QuestionOut, **ERRORS})
@idempotent(201)
def add_question(request: HttpRequest, survey_id: int, payload: QuestionIn) -> QuestionOut:
    """Add a question last to an edition not yet sent; it gets a new identity."""
    condition = payload.condition
    draft = survey_editing.QuestionDraft(
        text=payload.text,
        kind=payload.kind,
        options=payload.options,
        other=payload.other,
        condition=(condition.question, condition.options) if condition else None,
        number=payload.number,
    )
    question = survey_editing.add_question(
        acting_user=current_user(request), edition_id=survey_id, draft=draft
    )
    return _question_out(survey_id, question.number)


@router.patch("/surveys/{survey_id}/questions/{number}", response={200: QuestionOut, **ERRORS})
def change_question(
    request: HttpRequest, survey_id: int, number: str, payload: QuestionChangeIn
) -> QuestionOut:
    """Change a question of an edition not yet sent; it keeps its identity."""
    user = current_user(request)
    _edition, questions = surveys.read_edition(acting_user=user, edition_id=survey_id)
    question = questions.by_number.get(number)
    if question is None:
        raise NotFound(survey_editing.NO_QUESTION)
    draft = survey_editing.draft_of(question, questions)
    given = payload.model_fields_set
    for name in ("text", "kind", "options", "other", "number"):
        if name in given and getattr(payload, name) is not None:
            setattr(draft, name, getattr(payload, name))
    if "kind" in given and payload.kind in ("text", "number") and "options" not in given:
        draft.options, draft.other = [], ""
    if "condition" in given:
        condition = payload.condition
        draft.condition = (condition.question, condition.options) if condition else None
    changed = survey_editing.change_question(
        acting_user=user, edition_id=survey_id, number=number, draft=draft
    )
    return _question_out(survey_id, changed.number)


@router.delete("/surveys/{survey_id}/questions/{number}", response={204: None, **ERRORS})
def drop_question(request: HttpRequest, survey_id: int, number: str) -> Status[None]:
    """Drop a question of an edition not yet sent (refused while a later one depends on it)."""
    survey_editing.drop_question(
        acting_user=current_user(request), edition_id=survey_id, number=number
    )
    return Status(204, None)


class InvitationIn(In):
    """``user``: the username of a user of this installation, who answers from "Mina
    enkäter" (no link); or, without ``user``, ``name`` (and ``code``) and ``email`` of a
    respondent who gets a personal link by e-mail."""

    user: str = ""
    name: str = ""
    code: str = ""
    email: str = ""


class InvitationOut(Out):
    id: int
    respondent: str
    #: The invited user's username, or empty for an e-mail invitation.
    user: str
    email: str


@router.post("/surveys/{survey_id}/invitations", response={201: InvitationOut, **ERRORS})
@idempotent(201)
def invite(request: HttpRequest, survey_id: int, payload: InvitationIn) -> InvitationOut:
    """Invite a respondent: a user of this installation, or by e-mail with a personal link."""
    user = current_user(request)
    surveys.require_edition(user, survey_id)  # who may, before what the body says
    if payload.user:
        respondent = surveys.invite_user(
            acting_user=user, edition_id=survey_id, username=payload.user
        )
    else:
        try:
            validate_email(payload.email)
        except ValidationError:
            raise InvalidInput.field(
                "email", "Ange en användare eller en giltig e-postadress."
            ) from None
        respondent, _token = surveys.invite(
            acting_user=user,
            edition_id=survey_id,
            name=payload.name,
            email=payload.email,
            code=payload.code,
        )
    return InvitationOut.of(
        respondent,
        respondent=respondent.name,
        user=respondent.user.username if respondent.user else "",
    )
