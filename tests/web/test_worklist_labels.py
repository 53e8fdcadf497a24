"""The words every work-list row repeats are translated once per page, and are the same words
the rows showed when each translated its own (``worklist.row_labels``, ``phase_label``)."""

from __future__ import annotations

from django.utils import translation

from skyddsnat.cases.choices import Phase
from skyddsnat.cases.models import Case
from skyddsnat.web import worklist


def test_the_phase_in_words_is_the_cases_own():
    for phase in Phase:
        assert worklist.phase_label(phase.value) == Case(phase=phase.value).get_phase_display()
        assert type(worklist.phase_label(phase.value)) is str


def test_the_row_labels_are_plain_text_in_the_active_language():
    with translation.override("sv"):
        labels = worklist.row_labels()
    assert labels["phase"] == "Fas" and labels["why"] == "Varför?"
    assert all(type(text) is str for text in labels.values())
    assert set(labels) == set(worklist.ROW_LABELS)
