"""Nothing typed is lost: the long texts of the investigation and the preliminary assessment are
saved as drafts while they are typed, restored for their author only, and discarded once saved."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.journal import drafts
from skyddsnat.journal.models import FormDraft
from tests.cast import local, pin_for
from tests.services.flow import case_about
from tests.web.casework import investigation_case

TODAY = date(2026, 3, 2)
HTMX = {"HTTP_HX_REQUEST": "true"}
PLAN = "investigation.plan"
HEALTH = "triangle.child_development.health"
BERTIL = pin_for(date(2016, 2, 3), "boy", seed=5)


@pytest.fixture
def case(cast, frozen_today):
    """Alice's case; the investigation opened 30 days ago."""
    frozen_today(TODAY)
    return investigation_case(cast.alice, TODAY)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def draft_url(case, form_key: str) -> str:
    return reverse("web:form_draft", args=[case.pk, form_key])


def workspace(case) -> str:
    return reverse("web:investigation", args=[case.pk])


def visible(html: str) -> str:
    """Return the text a reader sees: no tags, whitespace collapsed."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_it_saves_the_typed_texts_and_says_when(cast, case):
    response = client_for(cast.alice).post(
        draft_url(case, PLAN),
        {"plan-questions": "Hur har Anna", "plan-contacts": "Skolan", "plan-version": "1"},
        **HTMX,
    )
    assert response.status_code == 200
    assert visible(response.content.decode()) == "Utkast sparat kl. 12:00:00"
    draft = drafts.form_draft(cast.alice, case, PLAN)
    assert draft.data == {
        "questions": "Hur har Anna",
        "contacts": "Skolan",
        "child_participation": "",
    }
    assert case.investigation.plan_questions == ""  # a draft is not the plan


def test_it_wires_every_long_text_to_the_draft_endpoint(cast, case):
    html = client_for(cast.alice).get(workspace(case)).content.decode()
    for form_key, status in [
        (PLAN, "plan-draft"),
        (HEALTH, "area-child_development-health-draft"),
        ("conversation.new", "conversation-draft"),
        ("investigation.close", "close-draft"),
    ]:
        assert f'hx-post="{draft_url(case, form_key)}"' in html
        assert f'hx-target="#{status}"' in html
        assert f'id="{status}" class="draft-status" role="status"' in html
    assert 'hx-trigger="keyup changed delay:2s, change"' in html
    assert 'hx-sync="closest form:queue last"' in html


def test_it_restores_the_draft_with_its_time(cast, case):
    drafts.save_form_draft(
        acting_user=cast.alice, case_id=case.pk, form_key=PLAN, data={"questions": "Halv fråga"}
    )
    drafts.save_form_draft(
        acting_user=cast.alice, case_id=case.pk, form_key=HEALTH, data={"text": "Halvt område"}
    )
    html = client_for(cast.alice).get(workspace(case)).content.decode()
    assert ">\nHalv fråga</textarea>" in html and ">\nHalvt område</textarea>" in html
    plan = html.split('id="plan-draft"')[1].split("</p>")[0]
    assert "Utkast från 2026-03-02 kl. 12:00 återställt." in visible(plan)


def test_another_user_sees_the_saved_data_only(cast, case):
    drafts.save_form_draft(
        acting_user=cast.alice, case_id=case.pk, form_key=PLAN, data={"questions": "Alices utkast"}
    )
    for user in (cast.maja, cast.bob):  # the manager may write, the colleague may read
        html = client_for(user).get(workspace(case)).content.decode()
        assert "Alices utkast" not in html
        assert "återställt" not in html


def test_the_saved_form_discards_the_draft(cast, case):
    alice = client_for(cast.alice)
    for form_key, data in [
        (PLAN, {"questions": "Halv"}),
        (HEALTH, {"text": "Halv"}),
        ("conversation.new", {"child_view": "Halv"}),
        ("investigation.close", {"analysis": "Halv"}),
    ]:
        drafts.save_form_draft(
            acting_user=cast.alice, case_id=case.pk, form_key=form_key, data=data
        )
    drafts.save_form_draft(
        acting_user=cast.maja, case_id=case.pk, form_key=PLAN, data={"questions": "M"}
    )
    steps = [
        ("plan", [], {"plan-questions": "Hel", "plan-version": "1"}, PLAN),
        (
            "area",
            ["child_development.health"],
            {
                "area-child_development-health-text": "Hel",
                "area-child_development-health-rating": "strength",
            },
            HEALTH,
        ),
        (
            "conversation",
            [],
            {
                "conversation-held_on": TODAY.isoformat(),
                "conversation-alone": "yes",
                "conversation-child_view": "Hel",
            },
            "conversation.new",
        ),
    ]
    for kind, args, data, form_key in steps:
        response = alice.post(
            reverse(f"web:investigation_{kind}", args=[case.pk, *args]), data, **HTMX
        )
        assert response.status_code == 200, kind
        assert drafts.form_draft(cast.alice, case, form_key) is None, kind
    assert drafts.form_draft(cast.maja, case, PLAN) is not None  # someone else's draft stays
    closing = {
        "close-closed_on": TODAY.isoformat(),
        "close-outcome": "intervention",
        "close-analysis": "Hel",
        "close-support_person_offered": "no",
        "close-child_view_documented": "yes",
        "close-incomplete_reason": "Familjen flyttade.",
        "close-confirm": "on",
    }
    assert (
        alice.post(reverse("web:investigation_close", args=[case.pk]), closing).status_code == 302
    )
    assert drafts.form_draft(cast.alice, case, "investigation.close") is None


def test_a_failed_save_keeps_the_draft(cast, case):
    drafts.save_form_draft(
        acting_user=cast.alice, case_id=case.pk, form_key=HEALTH, data={"text": "Halv"}
    )
    data = {"area-child_development-health-text": "Halv"}  # no rating
    url = reverse("web:investigation_area", args=[case.pk, "child_development.health"])
    response = client_for(cast.alice).post(url, data, **HTMX)
    assert response.status_code == 422
    assert 'hx-target="#area-child_development-health-draft"' in response.content.decode()
    assert drafts.form_draft(cast.alice, case, HEALTH) is not None


def test_it_refuses_users_without_write_access(cast, case):
    data = {"plan-questions": "x"}
    assert client_for(cast.bob).post(draft_url(case, PLAN), data, **HTMX).status_code == 403
    assert client_for(cast.sara).post(draft_url(case, PLAN), data, **HTMX).status_code == 404
    assert not FormDraft.objects.exists()


def test_it_does_not_know_other_forms(cast, case):
    alice = client_for(cast.alice)
    assert alice.post(draft_url(case, "investigation.secret"), {}, **HTMX).status_code == 404
    assert alice.post(draft_url(case, "triangle.child_development.magic"), {}).status_code == 404
    assert alice.get(draft_url(case, PLAN)).status_code == 405


def test_it_tells_a_logged_out_author_that_nothing_was_saved(case):
    response = Client().post(draft_url(case, PLAN), {"plan-questions": "Halv"}, **HTMX)
    assert response.status_code == 200
    assert "Inte sparat: du är utloggad." in response.content.decode()
    assert not FormDraft.objects.exists()


def test_it_says_why_a_draft_of_a_closed_investigation_is_not_saved(cast, case):
    from tests.services.flow import close_investigation

    close_investigation(cast.alice, case, TODAY)
    data = {"close-analysis": "Sent"}
    response = client_for(cast.alice).post(draft_url(case, "investigation.close"), data, **HTMX)
    assert "Utredningen är avslutad. Utkastet sparas inte." in response.content.decode()
    assert not FormDraft.objects.exists()


# --- the preliminary assessment ---------------------------------------------------------------


@pytest.fixture
def intake_case(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    return case_about(cast.ida, local(2026, 3, 18), BERTIL)


def test_the_preliminary_assessments_texts_are_drafted_and_restored(cast, intake_case):
    case = intake_case
    prefix = f"preliminary-{case.pk}"
    ida = client_for(cast.ida)
    response = ida.post(
        draft_url(case, "preliminary"),
        {f"{prefix}-note": "Halv motivering", f"{prefix}-child_not_heard_reason": "Sjuk"},
        **HTMX,
    )
    assert "Utkast sparat kl. 12:00:00" in visible(response.content.decode())
    html = ida.get(reverse("web:case", args=[case.pk])).content.decode()
    assert f'hx-post="{draft_url(case, "preliminary")}"' in html
    assert ">\nHalv motivering</textarea>" in html and ">\nSjuk</textarea>" in html
    assert "Utkast från 2026-03-20 kl. 12:00 återställt." in visible(html)
    intake_page = ida.get(reverse("web:intake_result", args=[case.report_id])).content.decode()
    assert ">\nHalv motivering</textarea>" in intake_page
    assert (
        "Halv motivering"
        not in client_for(cast.maja).get(reverse("web:case", args=[case.pk])).content.decode()
    )

    decided = {
        "form_key": "preliminary",
        f"{prefix}-decided_on": "2026-03-20",
        f"{prefix}-outcome": "opened",
        f"{prefix}-child_heard": "yes",
        f"{prefix}-note": "Hel motivering",
    }
    assert ida.post(reverse("web:case", args=[case.pk]), decided).status_code == 302
    assert drafts.form_draft(cast.ida, case, "preliminary") is None
