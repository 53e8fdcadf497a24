"""The respondent's form (*besvara enkäten*) behind a personal link, with no account, and the
same form for a user of this installation invited to answer (*Mina enkäter*).

``/enkat/<token>/``: the questions with what is saved so far; every change is saved at once
(htmx posts the form to ``/enkat/<token>/spara/``, which answers with a status line), so that
the respondent can leave and come back through the same link. "Skicka in svaren" submits
once; afterwards the link shows the receipt. An unknown link is *not found*.
``/mina-enkater/`` lists the surveys the logged-in user is invited to answer;
``/mina-enkater/<id>/`` (and ``…/spara/``) is the same form, for their own invitation only
(anyone else's is not found).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from skyddsnat.errors import InvalidInput, NotFound, StateConflict
from skyddsnat.surveys import prefill
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.answers import Questions
from skyddsnat.surveys.models import Kind, Respondent, Response
from skyddsnat.web.context import remember_my_surveys


@dataclass(frozen=True)
class Door:
    """How a respondent reaches the form: a personal link, or their own account."""

    read: Callable[[], tuple[Respondent, Questions, Response | None]]
    respondent: Callable[[], Respondent]
    save: Callable[..., tuple[Response, dict[str, list[str]]]]
    form_url: str
    save_url: str


def _link_door(token: str) -> Door:
    return Door(
        read=lambda: surveys.read_by_link(token),
        respondent=lambda: surveys.respondent_for_link(token),
        save=lambda answers, other, submit=False: surveys.save_by_link(
            token, answers, other, submit=submit
        ),
        form_url=reverse("web:survey_answer", args=[token]),
        save_url=reverse("web:survey_save", args=[token]),
    )


def _user_door(request: HttpRequest, respondent_id: int) -> Door:
    user = request.user
    return Door(
        read=lambda: surveys.read_by_user(acting_user=user, respondent_id=respondent_id),
        respondent=lambda: surveys.respondent_for_user(user, respondent_id),
        save=lambda answers, other, submit=False: surveys.save_by_user(
            acting_user=user,
            respondent_id=respondent_id,
            answers=answers,
            other=other,
            submit=submit,
        ),
        form_url=reverse("web:my_survey", args=[respondent_id]),
        save_url=reverse("web:my_survey_save", args=[respondent_id]),
    )


def _posted(request: HttpRequest, questions: Questions) -> tuple[dict[str, Any], dict[str, str]]:
    """Return the answers and "other, namely" texts of the posted form, by question number."""
    answers: dict[str, Any] = {}
    other: dict[str, str] = {}
    for number, question in questions.by_number.items():
        name = f"q-{number}"
        if question.kind == Kind.MANY:
            chosen = request.POST.getlist(name)
            if chosen:
                answers[number] = chosen
        else:
            value = request.POST.get(name, "").strip()
            if value:
                answers[number] = value
        text = request.POST.get(f"other-{number}", "").strip()
        if text:
            other[number] = text
    return answers, other


def _saved(response: Response | None) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Return the saved choices (option texts) and texts (answers, numbers, other texts)."""
    chosen: dict[str, set[str]] = {}
    texts: dict[str, str] = {}
    if response is None:
        return chosen, texts
    for answer in response.answers.select_related("question").prefetch_related("options"):
        number = answer.question.number
        chosen[number] = {o.text for o in answer.options.all()}
        if answer.number is not None:
            texts[number] = f"{answer.number.normalize():f}".replace(".", ",")
        elif answer.text:
            texts[number] = answer.text
    return chosen, texts


def _page(
    request: HttpRequest,
    door: Door,
    *,
    answers: dict[str, Any] | None = None,
    other: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    try:
        respondent, questions, response = door.read()
    except NotFound as missing:
        raise Http404(missing.message) from missing
    if response is not None and response.submitted_at is not None:
        return render(
            request, "web/surveys/receipt.html", {"respondent": respondent, "response": response}
        )
    chosen, texts = _saved(response)
    proposed = prefill.proposals(respondent, questions)
    if response is None:
        chosen = {number: set(p.options) for number, p in proposed.items() if p.options}
    if answers is not None:
        chosen = {n: set(v) if isinstance(v, list) else {v} for n, v in answers.items()}
        texts = {n: v for n, v in answers.items() if isinstance(v, str)} | dict(other or {})
    errors = errors or {}
    rows = []
    for number, question in questions.by_number.items():
        rows.append(
            {
                "question": question,
                "options": [
                    {
                        "option": o,
                        "checked": o.text in chosen.get(number, set()),
                        "id": f"q{number}-{i}",
                    }
                    for i, o in enumerate(questions.options[question.pk], start=1)
                ],
                "text": texts.get(number, ""),
                "proposal": proposed.get(number),
                "errors": errors.get(f"answers.{number}", []) + errors.get(f"other.{number}", []),
            }
        )
    context = {
        "respondent": respondent,
        "edition": respondent.edition,
        "rows": rows,
        "errors": errors,
        "form_url": door.form_url,
        "save_url": door.save_url,
        "response": response,
        "has_proposals": bool(proposed),
    }
    return render(request, "web/surveys/answer.html", context, status=status)


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Show the form (GET); save, or submit with ``action=submit`` (POST)."""
    return _answer(request, _link_door(token))


def _answer(request: HttpRequest, door: Door) -> HttpResponse:
    if request.method != "POST":
        return _page(request, door)
    try:
        respondent = door.respondent()
    except NotFound as missing:
        raise Http404(missing.message) from missing
    answers, other = _posted(request, Questions.of(respondent.edition))
    submit = request.POST.get("action") == "submit"
    try:
        _, problems = door.save(answers, other, submit=submit)
    except InvalidInput as invalid:
        return _page(request, door, answers=answers, other=other, errors=invalid.errors, status=422)
    except StateConflict:
        return redirect(door.form_url)
    if problems:
        return _page(request, door, answers=answers, other=other, errors=problems, status=422)
    return redirect(door.form_url)


@require_POST
def save(request: HttpRequest, token: str) -> HttpResponse:
    """Save the form as it stands (htmx, on every change); answer with the status line."""
    return _save(request, _link_door(token))


def _save(request: HttpRequest, door: Door) -> HttpResponse:
    try:
        respondent = door.respondent()
    except NotFound as missing:
        raise Http404(missing.message) from missing
    answers, other = _posted(request, Questions.of(respondent.edition))
    try:
        response, problems = door.save(answers, other)
    except StateConflict as conflict:
        return render(
            request, "web/surveys/_status.html", {"conflict": conflict.message}, status=409
        )
    return render(request, "web/surveys/_status.html", {"response": response, "problems": problems})


@login_required
def my_surveys(request: HttpRequest) -> HttpResponse:
    """List the surveys the user is invited to answer, with each one's state."""
    rows = []
    invitations = surveys.my_surveys(acting_user=request.user)
    for respondent in invitations:
        response = getattr(respondent, "response", None)
        submitted = response is not None and response.submitted_at is not None
        rows.append({"respondent": respondent, "response": response, "submitted": submitted})
    # The menu's "Mina enkäter" follows what the list shows (decision 0039).
    remember_my_surveys(request, any(map(surveys.is_open_invitation, invitations)))
    return render(request, "web/surveys/mine.html", {"rows": rows})


@login_required
def my_survey(request: HttpRequest, respondent_id: int) -> HttpResponse:
    """The form of the user's own invitation (as through a link)."""
    answered = _answer(request, _user_door(request, respondent_id))
    if request.method == "POST" and request.POST.get("action") == "submit":
        remember_my_surveys(request)  # the menu's "Mina enkäter" (decision 0039)
    return answered


@login_required
@require_POST
def my_survey_save(request: HttpRequest, respondent_id: int) -> HttpResponse:
    """Save the user's form as it stands (htmx)."""
    return _save(request, _user_door(request, respondent_id))


urlpatterns = [
    path("enkat/<str:token>/", answer, name="survey_answer"),
    path("enkat/<str:token>/spara/", save, name="survey_save"),
    path("mina-enkater/", my_surveys, name="my_surveys"),
    path("mina-enkater/<int:respondent_id>/", my_survey, name="my_survey"),
    path("mina-enkater/<int:respondent_id>/spara/", my_survey_save, name="my_survey_save"),
]
