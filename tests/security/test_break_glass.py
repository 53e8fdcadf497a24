"""Break-glass (nödåtkomst): read-only emergency access with a reason, a time limit, a banner,
an audit row, and the manager's review."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import BreakGlassAccess
from skyddsnat.accounts.services import grant_break_glass, review_break_glass
from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import Forbidden, InvalidInput, NotFound
from tests.cast import local
from tests.web.builders import named_case

TODAY = date(2026, 3, 18)


@pytest.fixture
def case(cast, frozen_today):
    """Bob's case in the investigation unit, which Carl (intake unit) may not read."""
    frozen_today(TODAY)
    return named_case(cast.bob, date(2026, 3, 10), "Liam Ahmed", sex="boy", seed=18)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_refused_case_page_offers_break_glass(cast, case):
    page = client_for(cast.carl).get(f"/arenden/{case.pk}/")
    assert page.status_code == 403
    assert "Begär nödåtkomst" in page.content.decode()


def test_the_committee_is_not_offered_break_glass(cast, case):
    page = client_for(cast.nils).get(f"/arenden/{case.pk}/")
    assert page.status_code == 403
    assert "Begär nödåtkomst" not in page.content.decode()
    assert client_for(cast.nils).get(f"/arenden/{case.pk}/nodatkomst/").status_code == 403


def test_it_needs_a_reason_and_an_explanation(cast, case):
    carl = client_for(cast.carl)
    answer = carl.post(f"/arenden/{case.pk}/nodatkomst/", {"reason": "", "explanation": ""})
    assert answer.status_code == 422
    assert not BreakGlassAccess.objects.exists()
    with pytest.raises(InvalidInput):
        grant_break_glass(acting_user=cast.carl, case_id=case.pk, reason="nope", explanation="x")


def test_break_glass_grants_reading_for_eight_hours_with_a_banner_and_an_audit_row(
    cast, case, frozen_today
):
    carl = client_for(cast.carl)
    answer = carl.post(
        f"/arenden/{case.pk}/nodatkomst/",
        {"reason": "on_call", "explanation": "Polisen ringer om barnet i natt"},
    )
    assert answer.status_code == 302
    access = BreakGlassAccess.objects.get()
    assert access.expires_at - access.granted_at == timedelta(hours=8)
    row = AuditEvent.objects.get(action="break_glass")
    assert (row.actor_id, row.case_id) == (cast.carl.pk, case.pk)
    assert row.reason == "on_call: Polisen ringer om barnet i natt"

    page = carl.get(f"/arenden/{case.pk}/")
    assert page.status_code == 200
    assert "du läser ärendet med nödåtkomst" in page.content.decode()
    read = AuditEvent.objects.filter(action="read", actor=cast.carl).latest("pk")
    assert read.reason == "break_glass"
    assert policy.cases_visible_to(cast.carl).filter(pk=case.pk).exists()


def test_break_glass_never_grants_writing(cast, case):
    grant_break_glass(acting_user=cast.carl, case_id=case.pk, reason="on_call", explanation="Jour")
    assert policy.can_read_case(cast.carl, case)
    assert not policy.can_write_case(cast.carl, case)
    answer = client_for(cast.carl).post(f"/arenden/{case.pk}/journal/signera/", {"text": "x"})
    assert answer.status_code == 403


def test_break_glass_expires(cast, case, monkeypatch):
    grant_break_glass(acting_user=cast.carl, case_id=case.pk, reason="on_call", explanation="Jour")
    later = local(2026, 3, 18, 20, 1)  # granted at 12:00, eight hours and a minute later
    monkeypatch.setattr("skyddsnat.clock.now", lambda: later)
    assert not policy.can_read_case(cast.carl, case)
    assert client_for(cast.carl).get(f"/arenden/{case.pk}/").status_code == 403


def test_nobody_can_break_glass_into_another_municipality(cast, case):
    with pytest.raises(NotFound):
        grant_break_glass(acting_user=cast.sara, case_id=case.pk, reason="on_call", explanation="x")
    assert client_for(cast.sara).get(f"/arenden/{case.pk}/nodatkomst/").status_code == 404


def test_the_manager_reviews_and_flags_break_glass_to_her_unit(cast, case):
    access = grant_break_glass(
        acting_user=cast.carl, case_id=case.pk, reason="other", explanation="Ville se"
    )
    maja = client_for(cast.maja)
    page = maja.get("/enhet/nodatkomst/").content.decode()
    assert "Ville se" in page and "Flagga för uppföljning" in page
    assert maja.post(f"/enhet/nodatkomst/{access.pk}/", {"flagged": "1"}).status_code == 302
    access.refresh_from_db()
    assert access.flagged and access.reviewed_by == cast.maja and access.reviewed_at


def test_only_a_manager_of_the_unit_reviews(cast, case):
    access = grant_break_glass(
        acting_user=cast.carl, case_id=case.pk, reason="on_call", explanation="x"
    )
    assert client_for(cast.bob).get("/enhet/nodatkomst/").status_code == 403
    assert client_for(cast.bob).post(f"/enhet/nodatkomst/{access.pk}/").status_code == 403
    with pytest.raises(Forbidden):
        review_break_glass(acting_user=cast.carl, access=access, flagged=False)
    access.refresh_from_db()
    assert access.reviewed_at is None


def test_a_read_through_the_api_under_break_glass_is_audited_as_one(cast, case):
    from skyddsnat.accounts.models import ApiToken

    grant_break_glass(acting_user=cast.carl, case_id=case.pk, reason="on_call", explanation="Jour")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.carl)}")
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    read = AuditEvent.objects.filter(action="read", actor=cast.carl).latest("pk")
    assert (read.channel, read.reason) == ("api", "break_glass")
