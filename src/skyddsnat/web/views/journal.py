"""The journal of a case: signed entries, the author's note saved as a draft while it is written,
signing, and corrections that point at what they correct.

Nothing typed is lost: the note posts itself to ``journal_draft`` (htmx, a few seconds after
typing stops and when the field is left); the page restores the author's draft, with the time it
was last saved, in every new session. Drafts are shown to their author only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.cases.models import Case
from skyddsnat.errors import ServiceError
from skyddsnat.journal import drafts
from skyddsnat.journal import services as journal_services
from skyddsnat.journal.models import JournalEntry
from skyddsnat.web import form_drafts
from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.forms.base import error_links
from skyddsnat.web.forms.journal import CorrectionForm, NoteForm
from skyddsnat.web.posting import Reply, post

DRAFT_TRIGGER = "keyup changed delay:2s, blur"
#: The note's requests (autosave, "Spara utkast", "Signera") run one at a time, in order: the
#: save fired by leaving the field never races the click that left it.
DRAFT_SYNC = "closest form:queue last"


def _note_form(case: Case, draft: JournalEntry | None, data=None) -> NoteForm:
    initial = {"text": draft.text, "draft_id": draft.pk} if draft else {}
    form = NoteForm(data, initial=initial)
    form.fields["text"].widget.attrs.update(
        {
            "hx-post": reverse("web:journal_draft", args=[case.pk]),
            "hx-trigger": DRAFT_TRIGGER,
            "hx-target": "#draft-status",
            "hx-swap": "innerHTML",
            "hx-sync": DRAFT_SYNC,
            "data-draft-url": reverse("web:journal_draft", args=[case.pk]),
        }
    )
    return form


def _saved_today(entry: JournalEntry | None) -> bool:
    return entry is not None and timezone.localdate(entry.created_at) == clock.today()


def render_journal(
    request: HttpRequest,
    case: Case,
    reply: Reply | None = None,
    *,
    note_form: NoteForm | None = None,
    correction_form: CorrectionForm | None = None,
    correcting: JournalEntry | None = None,
) -> HttpResponse:
    draft = journal_services.current_draft(author=request.user, case=case)
    writable = policy.can_write_case(request.user, case)
    entries = (
        JournalEntry.objects.filter(case=case, signed_at__isnull=False)
        .select_related("author", "corrects")
        .prefetch_related("corrections")
        .order_by("-created_at", "-pk")
    )
    if correcting is None and writable and request.GET.get("ratta", "").isdigit():
        correcting = entries.filter(pk=int(request.GET["ratta"])).first()
    # The author's drafts of corrections, by the entry they correct (decision 0036).
    own = drafts.form_drafts(request.user, case) if writable else {}
    correction_drafts = {
        int(key.partition(".")[2]): d for key, d in own.items() if key.startswith("correction.")
    }
    if correcting is not None and correction_form is None:
        restored = correction_drafts.get(correcting.pk)
        correction_form = CorrectionForm(
            prefix="correction", initial=form_drafts.restore({}, restored)
        )
    if correction_form is not None and correcting is not None:
        correction_form.fields["text"].widget.attrs["autofocus"] = True
        key = drafts.correction_key(correcting.pk)
        form_drafts.wire(correction_form, case.pk, key, correction_drafts.get(correcting.pk))
    bound = [f for f in (note_form, correction_form) if f is not None and f.is_bound]
    context = {
        **case_header(case, "journal"),
        "entries": entries,
        "writable": writable,
        "draft": draft,
        "saved_today": _saved_today(draft),
        "note_form": note_form or _note_form(case, draft),
        "correction_form": correction_form,
        "correcting": correcting,
        "correction_drafts": correction_drafts,
        "error_links": error_links(*bound),
        "draft_sync": DRAFT_SYNC,
    }
    return render(request, "web/journal/page.html", context, status=(reply or Reply()).status)


@login_required
def journal(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show the journal with the author's draft restored."""
    return render_journal(request, case_for(request, case_id))


def _draft_status(request: HttpRequest, **context) -> HttpResponse:
    return render(request, "web/journal/_draft_status.html", {"oob": True, **context})


@require_POST
def draft(request: HttpRequest, case_id: int) -> HttpResponse:
    """Save the author's draft (htmx: answer with "Utkast sparat kl. …"; without JS: redirect).

    A logged-out user gets a status line, not the login page, so the text stays in the form.
    """
    if not request.user.is_authenticated:
        return _draft_status(
            request,
            oob=False,
            error=_("Inte sparat: du är utloggad. Logga in i en ny flik; texten finns kvar här."),
        )
    case = case_for(request, case_id, acting=[journal_services.save_draft])
    form = _note_form(case, None, request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        entry = journal_services.save_draft(
            acting_user=request.user,
            case_id=case.pk,
            text=data.get("text", ""),
            draft_id=data.get("draft_id"),
        )
    except ServiceError as exc:
        if request.htmx:
            return _draft_status(request, oob=False, error=exc.message)
        messages.error(request, exc.message)
        return redirect("web:journal", case_id=case.pk)
    if request.htmx:
        return _draft_status(request, draft=entry, saved_today=True, removed=entry is None)
    messages.success(request, _("Utkastet är sparat. Bara du ser det tills du signerar."))
    return redirect("web:journal", case_id=case.pk)


@login_required
@require_POST
def sign(request: HttpRequest, case_id: int) -> HttpResponse:
    """Sign the note: the draft becomes a signed journal entry that never changes.

    htmx is sent to a new page, not a jump within this one: the form starts empty.
    """
    case = case_for(request, case_id, acting=[journal_services.sign_draft])
    form = _note_form(case, None, request.POST)
    url = reverse("web:journal", args=[case.pk])
    return post(
        request,
        form,
        lambda data: journal_services.sign_draft(acting_user=request.user, case_id=case.pk, **data),
        message=_("Anteckningen är signerad."),
        redirect_url=lambda entry: f"{url}#entry-{entry.pk}",
        page=lambda reply: render_journal(request, case, reply, note_form=form),
    )


@login_required
@require_POST
def correct(request: HttpRequest, case_id: int, entry_id: int) -> HttpResponse:
    """Write a signed correction of a signed entry; the entry itself stays as it was."""
    case = case_for(request, case_id, acting=[journal_services.correct_entry])
    entry = get_object_or_404(JournalEntry, pk=entry_id, case=case, signed_at__isnull=False)
    form = CorrectionForm(request.POST, prefix="correction")
    url = reverse("web:journal", args=[case.pk])
    return post(
        request,
        form,
        lambda data: _correct(request, case, entry, data),
        message=_("Rättelsen är signerad."),
        redirect_url=lambda correction: f"{url}#entry-{correction.pk}",
        page=lambda reply: render_journal(
            request, case, reply, correction_form=form, correcting=entry
        ),
    )


def _correct(request: HttpRequest, case: Case, entry: JournalEntry, data: dict) -> JournalEntry:
    """Sign the correction; the author's draft of it goes with it (both or neither)."""
    with transaction.atomic():
        correction = journal_services.correct_entry(
            acting_user=request.user, entry_id=entry.pk, **data
        )
        drafts.discard_form_draft(
            acting_user=request.user, case=case, form_key=drafts.correction_key(entry.pk)
        )
    return correction


urlpatterns = [
    path("arenden/<int:case_id>/journal/", journal, name="journal"),
    path("arenden/<int:case_id>/journal/utkast/", draft, name="journal_draft"),
    path("arenden/<int:case_id>/journal/signera/", sign, name="journal_sign"),
    path("arenden/<int:case_id>/journal/<int:entry_id>/rattelse/", correct, name="journal_correct"),
]
