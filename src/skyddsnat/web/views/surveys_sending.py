"""The organiser starts and sends a survey from the web, as the API can.

``/enkater/ny/`` makes an open edition from a shipped template, ``/enkater/<id>/kopiera/`` copies
an edition as next year's (same questions and identities, so the results compare), and
``/enkater/<id>/utskick/`` sets the schedule (sending, reminders, last day) and invites a
respondent by e-mail or a user of this installation (who answers from "Mina enkäter"), with
every respondent's state (invited, started, submitted). The e-mails go out
from the daily job (``surveys/jobs.py``). The writes are ``surveys.services``; who may:
``accounts.policy.can_run_surveys``; another organiser's edition is not found.
"""

from __future__ import annotations

from datetime import date, timedelta
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

from skyddsnat import clock
from skyddsnat.errors import Forbidden, NotFound
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.models import Respondent
from skyddsnat.surveys.templates_data import TEMPLATES
from skyddsnat.web.context import remember_my_surveys
from skyddsnat.web.forms.base import DateInput, SkyddsnatForm
from skyddsnat.web.posting import save


class NewSurveyForm(SkyddsnatForm):
    template = forms.ChoiceField(label=gettext_lazy("Mall"))
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(key, t.title) for key, t in TEMPLATES.items()]


class CopyForm(SkyddsnatForm):
    title = forms.CharField(label=gettext_lazy("Titel på den nya omgången"), max_length=200)
    year = forms.IntegerField(label=gettext_lazy("År"), min_value=2000, max_value=2100)


class ScheduleForm(SkyddsnatForm):
    sent_on = forms.DateField(label=gettext_lazy("Utskick"), widget=DateInput())
    first_reminder = forms.DateField(
        label=gettext_lazy("Första påminnelsen"), widget=DateInput(), required=False
    )
    second_reminder = forms.DateField(
        label=gettext_lazy("Andra påminnelsen"), widget=DateInput(), required=False
    )
    closes_on = forms.DateField(label=gettext_lazy("Sista svarsdag"), widget=DateInput())
    service_fields = {"reminders_on": "first_reminder"}


class InviteUserForm(SkyddsnatForm):
    user = forms.CharField(
        label=gettext_lazy("Användarnamn"),
        max_length=150,
        help_text=gettext_lazy(
            "En användare i Skyddsnät. Enkäten visas under Mina enkäter från utskicksdagen; "
            "ingen länk behövs."
        ),
    )


class InviteForm(SkyddsnatForm):
    name = forms.CharField(label=gettext_lazy("Kommun eller mottagare"), max_length=200)
    code = forms.CharField(
        label=gettext_lazy("Kommunkod"),
        max_length=10,
        required=False,
        help_text=gettext_lazy("Fyra siffror, t.ex. 0180. Frivilligt."),
    )
    email = forms.EmailField(label=gettext_lazy("E-post"))


def _refuse(exc: Forbidden | NotFound) -> None:
    if isinstance(exc, NotFound):
        raise Http404(exc.message) from exc
    raise PermissionDenied(exc.message) from exc


@login_required
@require_POST
def new_survey(request: HttpRequest) -> HttpResponse:
    """Make an open edition from a template and go to it; a bad form shows the list again."""
    from skyddsnat.web.views.surveys_organiser import editions

    form = NewSurveyForm(request.POST, prefix="ny")
    result = save(
        form,
        lambda data: surveys.create_from_template(
            acting_user=request.user, template=data["template"], title=data["title"]
        ),
    )
    if not result.saved:
        return editions(request, new_form=form, status=result.status)
    messages.success(request, _("Enkäten är skapad. Sätt schemat och bjud in de svarande."))
    return redirect("web:survey_sending", result.value.pk)


@login_required
@require_POST
def copy_survey(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Copy the edition as a new open one (next year's); a bad form shows the sending page."""
    form = CopyForm(request.POST, prefix="kopia")
    result = save(
        form,
        lambda data: surveys.copy_edition(
            acting_user=request.user, edition_id=survey_id, title=data["title"], year=data["year"]
        ),
    )
    if not result.saved:
        return _sending_page(request, survey_id, {"copy": form}, result.status)
    messages.success(request, _("Omgången är kopierad med samma frågor."))
    return redirect("web:survey_sending", result.value.pk)


def _schedule(user: Any, survey_id: int, data: dict[str, Any]) -> object:
    reminders = [d for d in (data["first_reminder"], data["second_reminder"]) if d]
    return surveys.set_schedule(
        acting_user=user,
        edition_id=survey_id,
        sent_on=data["sent_on"],
        reminders_on=reminders,
        closes_on=data["closes_on"],
    )


@login_required
def sending(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The schedule, the invitation form and the respondents' states; POST saves one form."""
    if request.method != "POST":
        return _sending_page(request, survey_id, {}, 200)
    user = request.user
    if "schema-sent_on" in request.POST:
        form: SkyddsnatForm = ScheduleForm(request.POST, prefix="schema")
        result = save(form, lambda data: _schedule(user, survey_id, data))
        done = _("Schemat är sparat.")
        key = "schedule"
    elif "anvandare-user" in request.POST:
        form = InviteUserForm(request.POST, prefix="anvandare")
        result = save(
            form,
            lambda data: surveys.invite_user(
                acting_user=user, edition_id=survey_id, username=data["user"]
            ),
        )
        done = _("Användaren är inbjuden och ser enkäten under Mina enkäter från utskicksdagen.")
        if result.saved and result.value.user_id == user.pk:
            remember_my_surveys(request)  # invited herself: her menu (decision 0039)
        key = "invite_user"
    else:
        form = InviteForm(request.POST, prefix="inbjudan")
        result = save(
            form,
            lambda data: surveys.invite(acting_user=user, edition_id=survey_id, **data),
        )
        done = _("Mottagaren är inbjuden. Inbjudan skickas med nästa utskick.")
        key = "invite"
    if not result.saved:
        return _sending_page(request, survey_id, {key: form}, result.status)
    messages.success(request, done)
    return redirect("web:survey_sending", survey_id)


def _state(respondent: Respondent) -> str:
    response = getattr(respondent, "response", None)
    if response is not None and response.submitted_at is not None:
        return _("Har svarat")
    if response is not None:
        return _("Har påbörjat")
    if respondent.invited_at is not None:
        return _("Inbjuden")
    return _("Inte inbjuden")


def _sending_page(
    request: HttpRequest, survey_id: int, bound: dict[str, SkyddsnatForm], status: int
) -> HttpResponse:
    try:
        edition, _questions = surveys.read_edition(acting_user=request.user, edition_id=survey_id)
    except (Forbidden, NotFound) as refused:
        _refuse(refused)
        raise  # unreachable: _refuse raises
    reminders = [date.fromisoformat(d) for d in edition.reminders_on]
    today = clock.today()
    schedule = bound.get("schedule") or ScheduleForm(
        prefix="schema",
        initial={
            "sent_on": edition.sent_on or today,
            "first_reminder": reminders[0] if reminders else None,
            "second_reminder": reminders[1] if len(reminders) > 1 else None,
            "closes_on": edition.closes_on or today + timedelta(days=26),
        },
    )
    respondents = (
        Respondent.objects.filter(edition=edition)
        .select_related("response", "user")
        .order_by("name")
    )
    context = {
        "edition": edition,
        "schedule": schedule,
        "invite": bound.get("invite") or InviteForm(prefix="inbjudan"),
        "invite_user": bound.get("invite_user") or InviteUserForm(prefix="anvandare"),
        "copy": bound.get("copy")
        or CopyForm(prefix="kopia", initial={"title": edition.title, "year": edition.year + 1}),
        "respondents": [(r, _state(r)) for r in respondents],
    }
    return render(request, "web/surveys/sending.html", context, status=status)


urlpatterns = [
    path("enkater/ny/", new_survey, name="survey_new"),
    path("enkater/<int:survey_id>/utskick/", sending, name="survey_sending"),
    path("enkater/<int:survey_id>/kopiera/", copy_survey, name="survey_copy"),
]
