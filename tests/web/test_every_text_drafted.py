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
from skyddsnat.investigations import bbic
from skyddsnat.investigations.services import update_plan
from skyddsnat.journal import drafts
from skyddsnat.journal.models import FormDraft
from skyddsnat.web.casework_forms.base import ActionForm
from skyddsnat.web.forms.assessments import CaseActionForm
from skyddsnat.web.forms.plans import PlanForm as CarePlanForm
from tests.cast import local, pin_for
from tests.services.flow import case_about, close_investigation, end
from tests.web.casework import investigation_case, placement_case

TODAY = date(2026, 9, 1)
HTMX = {"HTTP_HX_REQUEST": "true"}
#: Kept like this on purpose: leading blank line, indentation, trailing spaces, CRLF.
WHITESPACE = "\n  Första raden  \r\n\tandra raden\n\n   "

#: Free texts that are drafted elsewhere, or not (yet), and why.
NOT_FORM_DRAFTS = {
    # The journal note is its own draft (an unsigned JournalEntry, ``journal.services``).
    "skyddsnat.web.forms.journal.NoteForm.text": "journal",
    # Not yet drafted: no case exists before the report is registered (FormDraft.case).
    "skyddsnat.web.forms.intake.ReportForm.account": "todo",
    # Not yet drafted: a correction of one signed entry, and a break-glass explanation.
    "skyddsnat.web.forms.journal.CorrectionForm.text": "todo",
    "skyddsnat.web.views.break_glass.BreakGlassForm.explanation": "todo",
    # Not yet drafted: the LVU measures' notes and the follow-up of the child's situation, new
    # in the same batch as the drafts (decisions 0027, 0028).
    "skyddsnat.web.casework_forms.interventions.MeasureForm.note": "todo",
    "skyddsnat.web.casework_forms.interventions.MeasureReviewForm.note": "todo",
    "skyddsnat.web.views.situation.DecideForm.special_need_reason": "todo",
    "skyddsnat.web.views.situation.DecideForm.purpose": "todo",
    "skyddsnat.web.views.situation.EndForm.note": "todo",
    # A survey's question and its options: drafts (FormDraft) belong to a case, and a survey
    # has none; the question is short, is checked and saved at once, and can be changed again
    # until the edition is sent (decision 0039).
    "skyddsnat.web.views.surveys_questions.QuestionForm.text": "survey question, no case",
    "skyddsnat.web.views.surveys_questions.QuestionForm.options": "survey question, no case",
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
    return ()


def test_every_free_text_of_every_form_is_drafted():
    undrafted = []
    seen = 0
    for cls in every_form():
        kept = drafted_fields(cls)
        for name in free_texts(cls):
            seen += 1
            qualified = f"{cls.__module__}.{cls.__qualname__}.{name}"
            if name not in kept and qualified not in NOT_FORM_DRAFTS:
                undrafted.append(qualified)
    assert seen >= 25  # the walk found the forms
    assert undrafted == [], "Fritext utan utkast: ge fältet en utkastnyckel (journal.drafts)"


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
