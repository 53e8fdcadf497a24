"""Nothing typed is lost, anywhere: every free text of every staff form is saved as a draft.

The guard test finds every form of the web and every free text in it (a textarea) and fails
for one that is not drafted: a new free-text field needs a draft key (``journal.drafts``) or a
reason, here, why it has none.
"""

from __future__ import annotations

import html as html_lib
import importlib
import inspect
import pkgutil
import re
from datetime import date, timedelta

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

import skyddsnat.web
from skyddsnat.errors import NotFound
from skyddsnat.interventions.models import LvuMeasure
from skyddsnat.investigations import bbic
from skyddsnat.investigations.services import update_plan
from skyddsnat.journal import drafts
from skyddsnat.journal import services as journal_services
from skyddsnat.journal.models import FormDraft
from skyddsnat.web.casework_forms.base import ActionForm
from skyddsnat.web.forms.assessments import CaseActionForm
from skyddsnat.web.forms.plans import PlanForm as CarePlanForm
from tests.cast import local, pin_for
from tests.services.flow import case_about, close_investigation, end, investigated_case
from tests.web.casework import investigation_case, placement_case

TODAY = date(2026, 9, 1)
HTMX = {"HTTP_HX_REQUEST": "true"}
#: Kept like this on purpose: leading blank line, indentation, trailing spaces, CRLF.
WHITESPACE = "\n  Första raden  \r\n\tandra raden\n\n   "

#: Free texts that are drafted elsewhere, or not at all, and why. "todo" is no reason: the guard
#: fails on it (``test_todo_is_no_reason``).
NOT_FORM_DRAFTS = {
    # The journal note is its own draft (an unsigned JournalEntry, ``journal.services``).
    "skyddsnat.web.forms.journal.NoteForm.text": "journal",
    "skyddsnat.web.views.break_glass.BreakGlassForm.explanation": (
        "before access: written before the user may read the case, so no draft is kept on it"
    ),
}


def every_form() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module in pkgutil.walk_packages(skyddsnat.web.__path__, "skyddsnat.web."):
        loaded = importlib.import_module(module.name)
        for _name, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__.startswith("skyddsnat."):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def free_texts(cls: type[forms.BaseForm]) -> list[str]:
    return [n for n, f in cls.base_fields.items() if isinstance(f.widget, forms.Textarea)]


def drafted_fields(cls: type[forms.BaseForm]) -> tuple[str, ...]:
    """Return the fields the form's draft keeps (none when it has no draft)."""
    if issubclass(cls, ActionForm) and cls.draft:
        # What the URL's key names: an intervention's id, or a BBIC sub-area.
        key = bbic.area_codes()[0] if cls.draft.startswith(drafts.TRIANGLE) else "1"
        return drafts.form_fields(cls.draft_key(key))
    if issubclass(cls, CaseActionForm) and cls.draft_key:
        return drafts.form_fields(cls.draft_key)
    if cls is CarePlanForm:
        return drafts.plan_fields("vardplan")
    # Any other form names its draft's key (``draft``, "{key}": the record it is about).
    key = getattr(cls, "draft", "")
    if isinstance(key, str) and key:
        try:  # a form that has no case (the new report, a survey question: decision 0036)
            return drafts.caseless_fields(key.format(key="1"))
        except NotFound:
            return drafts.form_fields(key.format(key="1"))
    return ()


def undrafted(exceptions: dict[str, str]) -> tuple[list[str], int]:
    """Return the free texts without a draft nor a reason in ``exceptions`` ("todo" is none),
    and how many free texts were seen."""
    found = []
    seen = 0
    for cls in every_form():
        kept = drafted_fields(cls)
        for name in free_texts(cls):
            seen += 1
            qualified = f"{cls.__module__}.{cls.__qualname__}.{name}"
            reason = exceptions.get(qualified, "").strip()
            if name not in kept and (not reason or reason.lower() == "todo"):
                found.append(qualified)
    return found, seen


def test_every_free_text_of_every_form_is_drafted():
    found, seen = undrafted(NOT_FORM_DRAFTS)
    assert seen >= 25  # the walk found the forms
    assert found == [], "Fritext utan utkast: ge fältet en utkastnyckel (journal.drafts)"


def test_todo_is_no_reason():
    """A reason exempts a free text; "todo" does not."""
    explanation = "skyddsnat.web.views.break_glass.BreakGlassForm.explanation"
    assert explanation not in undrafted(NOT_FORM_DRAFTS)[0]
    assert explanation in undrafted({**NOT_FORM_DRAFTS, explanation: "todo"})[0]
    assert explanation in undrafted({**NOT_FORM_DRAFTS, explanation: " TODO "})[0]
    assert "todo" not in {reason.strip().lower() for reason in NOT_FORM_DRAFTS.values()}


def test_the_newly_drafted_forms_are_found_drafted():
    names = {
        "skyddsnat.web.casework_forms.interventions.MeasureForm": ("note",),
        "skyddsnat.web.casework_forms.interventions.MeasureReviewForm": ("note",),
        "skyddsnat.web.views.situation.DecideForm": ("special_need_reason", "purpose"),
        "skyddsnat.web.views.situation.EndForm": ("note",),
        "skyddsnat.web.forms.journal.CorrectionForm": ("text",),
        "skyddsnat.web.forms.intake.ReportForm": ("account",),
        "skyddsnat.web.views.surveys_questions.QuestionForm": ("text", "options", "other"),
    }
    forms_by_name = {f"{c.__module__}.{c.__qualname__}": c for c in every_form()}
    for name, fields in names.items():
        assert set(fields) <= set(drafted_fields(forms_by_name[name])), name


def test_the_exceptions_still_exist():
    names = {f"{c.__module__}.{c.__qualname__}.{n}" for c in every_form() for n in free_texts(c)}
    assert set(NOT_FORM_DRAFTS) <= names


def visible_value(html: str, field_id: str) -> str:
    found = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', html, re.S)
    assert found, field_id
    value = html_lib.unescape(found.group(1))
    return value.removeprefix("\n") if value.startswith("\n") else value


@pytest.fixture
def alice(cast) -> Client:
    client = Client()
    client.force_login(cast.alice)
    return client


@pytest.fixture
def placement(cast, frozen_today):
    frozen_today(TODAY)
    return placement_case(cast.alice, TODAY)[1]


@pytest.mark.parametrize("kind", ["visit", "review", "custody"])
def test_a_follow_up_note_is_drafted_and_restored_to_the_last_space(cast, alice, placement, kind):
    key = f"{kind}.{placement.pk}"
    url = reverse("web:form_draft", args=[placement.case_id, key])
    page = reverse("web:interventions", args=[placement.case_id])
    html = alice.get(page).content.decode()
    assert f'hx-post="{url}"' in html
    assert alice.post(url, {f"{kind}-{placement.pk}-note": WHITESPACE}, **HTMX).status_code == 200
    assert drafts.form_draft(cast.alice, placement.case, key).data == {"note": WHITESPACE}
    html = alice.get(page).content.decode()
    # Django starts a textarea with a newline that the HTML parser eats: the rest is the text.
    assert visible_value(html, f"id_{kind}-{placement.pk}-note") == WHITESPACE
    assert f'id="{kind}-{placement.pk}-draft"' in html


def test_the_saved_visit_discards_its_draft(cast, alice, placement):
    key = f"visit.{placement.pk}"
    url = reverse("web:form_draft", args=[placement.case_id, key])
    alice.post(url, {f"visit-{placement.pk}-note": "Barnet trivs."}, **HTMX)
    response = alice.post(
        reverse("web:interventions_visit", args=[placement.case_id, placement.pk]),
        {
            f"visit-{placement.pk}-visited_on": (TODAY - timedelta(days=1)).isoformat(),
            f"visit-{placement.pk}-child_talked_alone": "yes",
            f"visit-{placement.pk}-note": "Barnet trivs.",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert not FormDraft.objects.filter(form_key=key).exists()


def test_the_evaluations_views_are_drafted_once_the_placement_ended(cast, alice, placement):
    key = f"evaluation.{placement.pk}"
    url = reverse("web:form_draft", args=[placement.case_id, key])
    refused = alice.post(url, {f"evaluation-{placement.pk}-child_view": "Bra"}, **HTMX)
    assert "Insatsen kan inte utvärderas nu." in refused.content.decode()
    end(cast.alice, placement, TODAY - timedelta(days=1))
    alice.post(
        url,
        {
            f"evaluation-{placement.pk}-child_view": "Jag ville bo kvar.",
            f"evaluation-{placement.pk}-guardian_view": "Mamma är nöjd.",
        },
        **HTMX,
    )
    html = alice.get(reverse("web:interventions", args=[placement.case_id])).content.decode()
    assert visible_value(html, f"id_evaluation-{placement.pk}-child_view") == "Jag ville bo kvar."
    assert visible_value(html, f"id_evaluation-{placement.pk}-guardian_view") == "Mamma är nöjd."


def test_the_protective_assessments_reason_is_drafted_for_its_author_only(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.ida, local(2026, 3, 18), pin_for(date(2016, 2, 3), "boy", seed=5))
    ida = Client()
    ida.force_login(cast.ida)
    url = reverse("web:form_draft", args=[case.pk, "protective"])
    ida.post(url, {f"protective-{case.pk}-note": "Ingen akut fara  "}, **HTMX)
    page = reverse("web:case", args=[case.pk])
    html = ida.get(page).content.decode()
    assert f'hx-post="{url}"' in html
    assert visible_value(html, f"id_protective-{case.pk}-note") == "Ingen akut fara  "
    maja = Client()
    maja.force_login(cast.maja)
    assert "Ingen akut fara" not in maja.get(page).content.decode()


def test_the_decisions_goals_and_the_extension_reason_are_drafted(cast, alice, frozen_today):
    frozen_today(TODAY)
    case = investigation_case(cast.alice, TODAY)
    url = reverse("web:form_draft", args=[case.pk, "investigation.extension"])
    alice.post(url, {"extension-reason": "Väntar på BUP."}, **HTMX)
    html = alice.get(reverse("web:investigation", args=[case.pk])).content.decode()
    assert visible_value(html, "id_extension-reason") == "Väntar på BUP."
    close_investigation(cast.alice, case, TODAY)
    url = reverse("web:form_draft", args=[case.pk, "decision"])
    alice.post(url, {"decide-goals": "Trygg skolgång.", "decide-text": "Behov finns."}, **HTMX)
    html = alice.get(reverse("web:interventions", args=[case.pk])).content.decode()
    assert visible_value(html, "id_decide-goals") == "Trygg skolgång."
    assert visible_value(html, "id_decide-text") == "Behov finns."


def test_a_draft_begun_before_someone_else_saved_shows_both(cast, alice, frozen_today):
    frozen_today(TODAY)
    case = investigation_case(cast.alice, TODAY)
    url = reverse("web:form_draft", args=[case.pk, "investigation.plan"])
    alice.post(url, {"plan-questions": "Mitt utkast", "plan-version": "1"}, **HTMX)
    assert drafts.form_draft(cast.alice, case, "investigation.plan").base_version == 1
    # Someone else saves the plan meanwhile.
    update_plan(
        acting_user=cast.maja,
        case_id=case.pk,
        questions="Majas plan",
        contacts="",
        child_participation="",
        expected_version=1,
    )
    html = alice.get(reverse("web:investigation", args=[case.pk])).content.decode()
    assert visible_value(html, "id_plan-questions") == "Mitt utkast"  # her draft, not lost
    notice = re.search(r'<div class="notice draft-conflict" role="alert".*?</div>', html, re.S)
    assert notice and "Majas plan" in notice.group() and "Frågor att utreda" in notice.group()
    # Without a save in between, no notice.
    drafts.discard_form_draft(acting_user=cast.alice, case=case, form_key="investigation.plan")
    alice.post(url, {"plan-questions": "Nytt utkast", "plan-version": "2"}, **HTMX)
    html = alice.get(reverse("web:investigation", args=[case.pk])).content.decode()
    assert "draft-conflict" not in html


def test_the_lvu_measures_notes_are_drafted_and_discarded_with_the_save(cast, alice, placement):
    case_id = placement.case_id
    page = reverse("web:interventions", args=[case_id])
    url = reverse("web:form_draft", args=[case_id, "lvu_measure"])
    assert f'hx-post="{url}"' in alice.get(page).content.decode()
    alice.post(url, {"lvu_measure-note": WHITESPACE}, **HTMX)
    assert visible_value(alice.get(page).content.decode(), "id_lvu_measure-note") == WHITESPACE
    saved = alice.post(
        reverse("web:interventions_lvu_measure", args=[case_id]),
        {
            "lvu_measure-kind": "contact_restriction",
            "lvu_measure-decided_on": (TODAY - timedelta(days=2)).isoformat(),
            "lvu_measure-note": WHITESPACE,
        },
    )
    assert saved.status_code == 302
    assert not FormDraft.objects.filter(form_key="lvu_measure").exists()
    measure = LvuMeasure.objects.get(case_id=case_id)
    key = f"lvu_measure_review.{measure.pk}"
    url = reverse("web:form_draft", args=[case_id, key])
    alice.post(url, {f"lvu_measure_review-{measure.pk}-note": WHITESPACE}, **HTMX)
    assert drafts.form_draft(cast.alice, placement.case, key).data == {"note": WHITESPACE}
    html = alice.get(page).content.decode()
    assert visible_value(html, f"id_lvu_measure_review-{measure.pk}-note") == WHITESPACE
    alice.post(
        reverse("web:interventions_lvu_measure_review", args=[case_id, measure.pk]),
        {
            f"lvu_measure_review-{measure.pk}-held_on": TODAY.isoformat(),
            f"lvu_measure_review-{measure.pk}-still_needed": "no",
            f"lvu_measure_review-{measure.pk}-note": "Behövs inte.",
        },
    )
    assert not FormDraft.objects.filter(form_key=key).exists()
    # The measure has ended: no draft of its review is kept any more.
    refused = alice.post(url, {f"lvu_measure_review-{measure.pk}-note": "Sent"}, **HTMX)
    assert "Åtgärden har upphört." in refused.content.decode()


@pytest.fixture
def closed_case(cast, frozen_today):
    frozen_today(date(2026, 3, 10))
    return investigated_case(
        cast.alice,
        pin_for(date(2012, 5, 17), "girl"),
        date(2026, 1, 5),
        date(2026, 3, 2),
        "no_intervention",
    )


def test_the_follow_up_of_the_situation_is_drafted(cast, alice, closed_case):
    page = reverse("web:situation", args=[closed_case.pk])
    decide_url = reverse("web:form_draft", args=[closed_case.pk, "situation.decide"])
    assert f'hx-post="{decide_url}"' in alice.get(page).content.decode()
    alice.post(
        decide_url,
        {"decide-purpose": WHITESPACE, "decide-special_need_reason": "Skäl  "},
        **HTMX,
    )
    html = alice.get(page).content.decode()
    assert visible_value(html, "id_decide-purpose") == WHITESPACE
    assert visible_value(html, "id_decide-special_need_reason") == "Skäl  "
    assert 'id="decide-draft"' in html
    decided = alice.post(
        reverse("web:situation_decide", args=[closed_case.pk]),
        {
            "decide-basis": "after_investigation",
            "decide-decided_on": "2026-03-09",
            "decide-consent": "consented",
            "decide-purpose": "Skolnärvaron.",
            "decide-planned_end_on": "2026-09-01",
        },
    )
    assert decided.status_code == 302
    assert not FormDraft.objects.filter(form_key="situation.decide").exists()
    end_url = reverse("web:form_draft", args=[closed_case.pk, "situation.end"])
    alice.post(end_url, {"end-note": WHITESPACE}, **HTMX)
    assert visible_value(alice.get(page).content.decode(), "id_end-note") == WHITESPACE
    ended = alice.post(
        reverse("web:situation_end", args=[closed_case.pk]),
        {"end-ended_on": "2026-03-10", "end-outcome": "no_further_action", "end-note": "Klart."},
    )
    assert ended.status_code == 302
    assert not FormDraft.objects.filter(form_key="situation.end").exists()
    # None runs now: the end's draft is refused.
    refused = alice.post(end_url, {"end-note": "Sent"}, **HTMX)
    assert "Ingen uppföljning pågår" in refused.content.decode()


def test_a_correction_is_drafted_and_the_entry_offers_to_go_on_with_it(cast, alice, placement):
    case = placement.case
    entry = journal_services.sign_draft(acting_user=cast.alice, case_id=case.pk, text="Fel dag.")
    key = f"correction.{entry.pk}"
    page = reverse("web:journal", args=[case.pk])
    form_page = f"{page}?ratta={entry.pk}"
    url = reverse("web:form_draft", args=[case.pk, key])
    assert f'hx-post="{url}"' in alice.get(form_page).content.decode()
    assert "Fortsätt rättelsen (utkast)" not in alice.get(page).content.decode()
    alice.post(url, {"correction-text": WHITESPACE}, **HTMX)
    html = alice.get(page).content.decode()
    assert "Fortsätt rättelsen (utkast)" in html and f"?ratta={entry.pk}" in html
    assert visible_value(alice.get(form_page).content.decode(), "id_correction-text") == WHITESPACE
    # Only its author sees it.
    maja = Client()
    maja.force_login(cast.maja)
    assert "Fortsätt rättelsen" not in maja.get(page).content.decode()  # if she reads it at all
    signed = alice.post(
        reverse("web:journal_correct", args=[case.pk, entry.pk]), {"correction-text": "Rätt dag."}
    )
    assert signed.status_code == 302
    assert not FormDraft.objects.filter(form_key=key).exists()
    assert "Fortsätt rättelsen (utkast)" not in alice.get(page).content.decode()
