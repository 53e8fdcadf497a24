"""The organiser adds, changes and drops the questions of an edition not yet sent.

``/enkater/<id>/fragor/`` lists the questions with a form to add one (POST adds it);
``/enkater/<id>/fragor/<number>/`` changes one (the question keeps its identity, so results
still compare with earlier editions); ``/enkater/<id>/fragor/<number>/ta-bort/`` drops one. Once
the edition is sent the page says so and every POST is refused (409). The writes are
``surveys.editing``; who may: ``accounts.policy.can_run_surveys``; another organiser's edition
is not found.

The question's texts are saved as the organiser types (``…/fragor/utkast/`` for the new
question, ``…/fragor/<number>/utkast/`` for a change; a draft without a case, decision 0036),
restored to her on the page and removed when the question is saved or dropped.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skyddsnat.errors import Forbidden, NotFound, ServiceError, StateConflict
from skyddsnat.journal import drafts
from skyddsnat.surveys import editing
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.answers import Questions
from skyddsnat.surveys.models import Edition, Kind
from skyddsnat.web import form_drafts
from skyddsnat.web.forms.base import SkyddsnatForm
from skyddsnat.web.posting import save

DRAFT_STATUS = "web/drafts/_status.html"
NEW, CHANGE = "ny", "fraga"  # the forms' prefixes


class QuestionForm(SkyddsnatForm):
    """A question as the organiser writes it; the condition's choices are the options of the
    edition's choice questions (``<number>:<option>``)."""

    number = forms.CharField(
        label=gettext_lazy("Nummer"),
        max_length=10,
        required=False,
        help_text=gettext_lazy("Till exempel 18 eller 9a. Tomt: nästa lediga nummer."),
    )
    text = forms.CharField(label=gettext_lazy("Fråga"), widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label=gettext_lazy("Typ av fråga"), choices=Kind.choices)
    options = forms.CharField(
        label=gettext_lazy("Svarsalternativ"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=gettext_lazy(
            "Ett alternativ per rad, i den ordning de ska visas. Bara för frågor med ett eller "
            "flera svarsalternativ. Ett omformulerat alternativ på samma rad behåller sin "
            "identitet, så att resultaten kan jämföras med tidigare år."
        ),
    )
    other = forms.CharField(
        label=gettext_lazy("Alternativ ”annat, nämligen”"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "Till exempel ”Annan anledning, nämligen:”. Visas sist och ber den svarande skriva "
            "vad som avses. Tomt: inget sådant alternativ."
        ),
    )
    condition = forms.MultipleChoiceField(
        label=gettext_lazy("Villkor: ställs bara till dem som svarat"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Välj svar i en tidigare fråga. Inget valt: frågan ställs till alla."
        ),
    )

    def __init__(
        self, *args: Any, questions: Questions, before: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, list[tuple[str, str]]]] = []
        for question in questions.by_number.values():
            if question.kind not in editing.CHOICE_KINDS:
                continue
            if before is not None and question.position >= before:
                continue
            group = _("Fråga %(number)s") % {"number": question.number}
            choices.append(
                (
                    group,
                    [
                        (f"{question.number}:{o.text}", o.text)
                        for o in questions.options[question.pk]
                    ],
                )
            )
        self.fields["condition"].choices = choices

    def clean_condition(self) -> tuple[str, list[str]] | None:
        chosen: list[str] = self.cleaned_data.get("condition") or []
        if not chosen:
            return None
        numbers = {value.split(":", 1)[0] for value in chosen}
        if len(numbers) > 1:
            raise forms.ValidationError(
                _("Ett villkor kan bara gälla svaren i en fråga. Välj svar i en av frågorna.")
            )
        return numbers.pop(), [value.split(":", 1)[1] for value in chosen]

    #: The key of the draft of its texts (``journal.drafts``): the edition's id; changing a
    #: question, ``.<number>`` after it.
    draft = "survey.{key}.question"

    def question(self) -> editing.QuestionDraft:
        data = self.cleaned_data
        return editing.QuestionDraft(
            text=data["text"],
            kind=data["kind"],
            options=data["options"].splitlines(),
            other=data["other"],
            condition=data["condition"],
            number=data["number"],
        )


def _initial(draft: editing.QuestionDraft) -> dict[str, Any]:
    condition = draft.condition
    return {
        "number": draft.number,
        "text": draft.text,
        "kind": draft.kind,
        "options": "\n".join(draft.options),
        "other": draft.other,
        "condition": [f"{condition[0]}:{t}" for t in condition[1]] if condition else [],
    }


def _load(request: HttpRequest, survey_id: int) -> tuple[Edition, Questions]:
    try:
        return surveys.read_edition(acting_user=request.user, edition_id=survey_id)
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from refused
    except NotFound as missing:
        raise Http404(missing.message) from missing


def _wire(request: HttpRequest, form: QuestionForm, survey_id: int, number: str = "") -> None:
    """Make the form's texts save themselves as the author's draft; on a GET, restore hers."""
    key = drafts.survey_question_key(survey_id, number)
    draft = None if form.is_bound else drafts.caseless_draft(request.user, key)
    if draft is not None:
        form.initial = form_drafts.restore(form.initial, draft)
    args = [survey_id, number] if number else [survey_id]
    url = reverse(
        "web:survey_question_draft" if number else "web:survey_questions_draft", args=args
    )
    form_drafts.wire_caseless(form, key, draft, url)


def _list_page(
    request: HttpRequest,
    survey_id: int,
    form: QuestionForm | None = None,
    status: int = 200,
    conflict: str = "",
) -> HttpResponse:
    edition, questions = _load(request, survey_id)
    sent = editing.is_sent(edition)
    rows = [
        (q, questions.options[q.pk], q.condition_text if questions.conditions[q.pk] else "")
        for q in questions.by_number.values()
    ]
    if form is None:
        form = QuestionForm(prefix=NEW, questions=questions)
    if not sent:
        _wire(request, form, edition.pk)
    context = {
        "edition": edition,
        "rows": rows,
        "sent": sent,
        "sent_message": editing.ALREADY_SENT,
        "conflict": conflict,
        "form": form,
    }
    return render(request, "web/surveys/questions.html", context, status=status)


def _saved(
    request: HttpRequest, key: str, write: Any, survey_id: int, form: QuestionForm, **more: str
) -> Any:
    """Save the question (``write``: add or change) and remove the author's draft of it: both
    or neither. The draft goes first, while its question still has the number of its key (a
    change may renumber it); a refused save puts it back (the transaction is undone)."""
    with transaction.atomic():
        drafts.discard_caseless_draft(acting_user=request.user, form_key=key)
        return write(acting_user=request.user, edition_id=survey_id, draft=form.question(), **more)


@login_required
def questions_page(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The edition's questions and the form to add one; POST adds it."""
    if request.method != "POST":
        return _list_page(request, survey_id)
    _edition, questions = _load(request, survey_id)
    form = QuestionForm(request.POST, prefix=NEW, questions=questions)
    key = drafts.survey_question_key(survey_id)
    result = save(form, lambda _data: _saved(request, key, editing.add_question, survey_id, form))
    if not result.saved:
        return _list_page(request, survey_id, form, result.status, result.conflict)
    messages.success(request, _("Fråga %(number)s är tillagd.") % {"number": result.value.number})
    return redirect("web:survey_questions", survey_id)


@login_required
def question_page(request: HttpRequest, survey_id: int, number: str) -> HttpResponse:
    """One question's form to change it; POST saves it (it keeps its identity)."""
    edition, questions = _load(request, survey_id)
    question = questions.by_number.get(number)
    if question is None:
        raise Http404(editing.NO_QUESTION)
    status, conflict = 200, ""
    if request.method == "POST":
        form = QuestionForm(
            request.POST, prefix=CHANGE, questions=questions, before=question.position
        )
        key = drafts.survey_question_key(survey_id, number)
        result = save(
            form,
            lambda _data: _saved(
                request, key, editing.change_question, survey_id, form, number=number
            ),
        )
        if result.saved:
            messages.success(
                request, _("Fråga %(number)s är ändrad.") % {"number": result.value.number}
            )
            return redirect("web:survey_questions", survey_id)
        status, conflict = result.status, result.conflict
    else:
        form = QuestionForm(
            prefix=CHANGE,
            questions=questions,
            before=question.position,
            initial=_initial(editing.draft_of(question, questions)),
        )
    sent = editing.is_sent(edition)
    if not sent:
        _wire(request, form, survey_id, number)
    context = {
        "edition": edition,
        "question": question,
        "form": form,
        "sent": sent,
        "sent_message": editing.ALREADY_SENT,
        "conflict": conflict,
    }
    return render(request, "web/surveys/question.html", context, status=status)


@login_required
@require_POST
def drop_question(request: HttpRequest, survey_id: int, number: str) -> HttpResponse:
    """Drop the question and show the list again (a refusal is shown there)."""
    try:
        editing.drop_question(acting_user=request.user, edition_id=survey_id, number=number)
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from refused
    except NotFound as missing:
        raise Http404(missing.message) from missing
    except StateConflict as conflict:
        return _list_page(request, survey_id, status=409, conflict=conflict.message)
    except ServiceError as bad:
        message = " ".join(m for ms in bad.errors.values() for m in ms) or bad.message
        return _list_page(request, survey_id, status=bad.status, conflict=message)
    messages.success(request, _("Fråga %(number)s är borttagen.") % {"number": number})
    return redirect("web:survey_questions", survey_id)


@require_POST
def question_draft(request: HttpRequest, survey_id: int, number: str = "") -> HttpResponse:
    """Save the author's draft of the new question's texts (``number`` empty) or of question
    ``number``'s; answer "Utkast sparat kl. …". A logged-out user gets a status line, not the
    login page, so the text stays in the form; a sent edition's draft is refused (the line
    says so)."""
    if not request.user.is_authenticated:
        error = _("Inte sparat: du är utloggad. Logga in i en ny flik; texten finns kvar här.")
        return render(request, DRAFT_STATUS, {"error": error})
    key = drafts.survey_question_key(survey_id, number)
    texts = form_drafts.posted_caseless(key, CHANGE if number else NEW, request.POST)
    try:
        draft = drafts.save_caseless_draft(acting_user=request.user, form_key=key, data=texts)
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from refused
    except NotFound as missing:
        raise Http404(missing.message) from missing
    except ServiceError as exc:
        return render(request, DRAFT_STATUS, {"error": exc.message})
    return render(request, DRAFT_STATUS, {"draft": draft, "removed": draft is None})


urlpatterns = [
    path("enkater/<int:survey_id>/fragor/", questions_page, name="survey_questions"),
    path("enkater/<int:survey_id>/fragor/utkast/", question_draft, name="survey_questions_draft"),
    path("enkater/<int:survey_id>/fragor/<str:number>/", question_page, name="survey_question"),
    path(
        "enkater/<int:survey_id>/fragor/<str:number>/ta-bort/",
        drop_question,
        name="survey_question_drop",
    ),
    path(
        "enkater/<int:survey_id>/fragor/<str:number>/utkast/",
        question_draft,
        name="survey_question_draft",
    ),
]
