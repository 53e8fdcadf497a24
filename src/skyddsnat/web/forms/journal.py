"""The journal's forms: a note (saved as a draft while it is written) and a correction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from skyddsnat.web.forms.base import SkyddsnatForm, text_field


class NoteForm(SkyddsnatForm):
    text = text_field(
        _("Ny anteckning"),
        rows=8,
        help_text=_("Sparas som utkast medan du skriver. Bara du ser utkastet tills du signerar."),
    )
    draft_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CorrectionForm(SkyddsnatForm):
    #: The key of the drafts of its text, per corrected entry (``journal.drafts``).
    draft = "correction.{key}"

    text = text_field(
        _("Rättelse"),
        help_text=_("Den ursprungliga anteckningen står kvar. Rättelsen signeras direkt."),
    )
