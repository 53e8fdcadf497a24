"""Wire a casework form's long texts to the draft endpoint, and restore the author's draft.

Each text field posts its form (htmx) to ``web:form_draft`` a few seconds after typing stops and
when it is left with something changed; the answer ("Utkast sparat kl. …") goes into the status
line next to the form (``status_id``). The field's requests and the form's own save run one at a
time, in order, on the form (``DRAFT_SYNC``): the autosave fired by leaving the field never
races the click that left it. See ``skyddsnat.journal.drafts`` for what is kept.
"""

from __future__ import annotations

from django import forms
from django.urls import reverse

from skyddsnat.journal import drafts
from skyddsnat.journal.models import FormDraft
from skyddsnat.web.casework_forms import interventions, investigation
from skyddsnat.web.casework_forms.base import prefix as prefix_of

DRAFT_TRIGGER = "keyup changed delay:2s, change"
DRAFT_SYNC = "closest form:queue last"


def prefix(case_id: int, form_key: str) -> str:
    """Return the form prefix under which ``form_key``'s fields are posted."""
    if form_key in drafts.INTAKE:
        return f"{form_key}-{case_id}"
    if form_key.startswith(drafts.PLAN):
        return "plan"
    if form_key in drafts.SITUATION:
        return form_key.removeprefix("situation.")
    if form_key.startswith("correction."):
        return "correction"
    actions = {**investigation.ACTIONS, **interventions.ACTIONS}
    for kind, action in actions.items():
        head, keyed, _tail = action.draft.partition("{key}")
        if action.draft and form_key == action.draft_key():
            return prefix_of(kind)
        if keyed and form_key.startswith(head):
            return prefix_of(kind, form_key.removeprefix(head))
    raise KeyError(form_key)


def posted_texts(case_id: int, form_key: str, data) -> dict[str, str]:
    """Return the text fields of ``form_key`` in the posted ``data``, by field name."""
    fields = drafts.form_fields(form_key)  # an unknown form is NotFound
    p = prefix(case_id, form_key)
    texts = {
        name: data[f"{p}-{name}"] for name in fields if isinstance(data.get(f"{p}-{name}"), str)
    }
    version = data.get(f"{p}-version")
    return {**texts, "version": version} if isinstance(version, str) else texts


def status_id(form: forms.BaseForm) -> str:
    return f"{form.prefix}-draft" if form.prefix else "form-draft"


def restore(initial: dict, draft: FormDraft | None) -> dict:
    """Return ``initial`` with the draft's texts over what was saved."""
    if draft is None:
        return initial
    return {**initial, **{k: v for k, v in draft.data.items() if isinstance(v, str)}}


def wire(
    form: forms.BaseForm,
    case_id: int,
    form_key: str,
    draft: FormDraft | None,
    *,
    saved: dict | None = None,
    version: int | None = None,
) -> None:
    """Make ``form``'s text fields save themselves as drafts; remember the restored draft.

    A draft begun before someone else saved the record (``version``: the record's now) is shown
    with what was saved (``saved``) beside it: ``form.draft_conflict``, (label, saved text).
    """
    url = reverse("web:form_draft", args=[case_id, form_key])
    _wire(form, url, drafts.form_fields(form_key), draft, "closest form")
    if form.restored_draft is not None and drafts.stale(draft, version):
        form.draft_conflict = [
            (form.fields[name].label, (saved or {}).get(name) or "")
            for name in drafts.form_fields(form_key)
            if (saved or {}).get(name, "") != draft.data.get(name, "")
        ]


def wire_caseless(
    form: forms.BaseForm, form_key: str, draft: FormDraft | None, url: str = ""
) -> None:
    """Make the text fields of a form that has no case (the new report, a survey question) save
    themselves to ``url`` (the new report's: ``web:intake_draft``). Only those fields are sent
    by htmx (not the children's numbers)."""
    fields = drafts.caseless_fields(form_key)
    only = ",".join(f"[name={form[name].html_name}]" for name in fields)
    _wire(form, url or reverse("web:intake_draft"), fields, draft, only)


def posted_caseless(form_key: str, form_prefix: str, data) -> dict[str, str]:
    """Return the text fields of the case-less form ``form_key`` posted under ``form_prefix``."""
    fields = drafts.caseless_fields(form_key)
    names = {name: f"{form_prefix}-{name}" for name in fields}
    return {
        name: data[posted] for name, posted in names.items() if isinstance(data.get(posted), str)
    }


def _wire(
    form: forms.BaseForm, url: str, fields: tuple[str, ...], draft: FormDraft | None, include: str
) -> None:
    form.draft_status_id = status_id(form)
    form.restored_draft = None if form.is_bound else draft
    form.draft_conflict = []
    attrs = {
        "hx-post": url,
        "hx-trigger": DRAFT_TRIGGER,
        "hx-target": f"#{form.draft_status_id}",
        "hx-swap": "innerHTML",
        "hx-sync": DRAFT_SYNC,
        "hx-include": include,
        "data-draft-url": url,
    }
    for name in fields:
        form.fields[name].widget.attrs.update(attrs)
