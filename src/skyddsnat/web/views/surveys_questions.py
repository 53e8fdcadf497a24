"""The organiser adds, changes and drops the questions of an edition not yet sent.

``/enkater/<id>/fragor/`` lists the questions with a form to add one (POST adds it);
``/enkater/<id>/fragor/<number>/`` changes one (the question keeps its identity, so results
still compare with earlier editions); ``/enkater/<id>/fragor/<number>/ta-bort/`` drops one. Once
the edition is sent the page says so and every POST is refused (409). The writes are
``surveys.editing``; who may: ``accounts.policy.can_run_surveys``; another organiser's edition
is not found.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skyddsnat.errors import Forbidden, NotFound, ServiceError, StateConflict
from skyddsnat.surveys import editing
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.answers import Questions
from skyddsnat.surveys.models import Edition, Kind
from skyddsnat.web.forms.base import SkyddsnatForm
from skyddsnat.web.posting import save


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

    def draft(self) -> editing.QuestionDraft:
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
    context = {
        "edition": edition,
        "rows": rows,
        "sent": sent,
        "sent_message": editing.ALREADY_SENT,
        "conflict": conflict,
        "form": form or QuestionForm(prefix="ny", questions=questions),
    }
    return render(request, "web/surveys/questions.html", context, status=status)


@login_required
def questions_page(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The edition's questions and the form to add one; POST adds it."""
    if request.method != "POST":
        return _list_page(request, survey_id)
    _edition, questions = _load(request, survey_id)
    form = QuestionForm(request.POST, prefix="ny", questions=questions)
    result = save(
        form,
        lambda _data: editing.add_question(
            acting_user=request.user, edition_id=survey_id, draft=form.draft()
        ),
    )
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
            request.POST, prefix="fraga", questions=questions, before=question.position
        )
        result = save(
            form,
            lambda _data: editing.change_question(
                acting_user=request.user, edition_id=survey_id, number=number, draft=form.draft()
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
            prefix="fraga",
            questions=questions,
            before=question.position,
            initial=_initial(editing.draft_of(question, questions)),
        )
    context = {
        "edition": edition,
        "question": question,
        "form": form,
        "sent": editing.is_sent(edition),
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


urlpatterns = [
    path("enkater/<int:survey_id>/fragor/", questions_page, name="survey_questions"),
    path("enkater/<int:survey_id>/fragor/<str:number>/", question_page, name="survey_question"),
    path(
        "enkater/<int:survey_id>/fragor/<str:number>/ta-bort/",
        drop_question,
        name="survey_question_drop",
    ),
]
