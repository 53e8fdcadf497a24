"""API tokens expire, can be listed and revoked, die with their user's departure, and every use
is attributable to the token (docs/security.md, "API tokens").

What a system holding a token notices is the API's answer (401 once the token is expired,
revoked or its user gone); what an operator notices is ``manage.py api_token``'s output and the
audit log, which names the token of every API request it authenticated.
"""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from skyddsnat.accounts.models import ApiToken
from skyddsnat.audit.models import AuditEvent
from tests.cast import pin_for
from tests.web.builders import named_case

DAY = timedelta(days=1)


def issue(*args: str) -> tuple[str, ApiToken]:
    """Run ``api_token`` with ``args``; return the token it printed and its row."""
    out = StringIO()
    call_command("api_token", *args, stdout=out, stderr=StringIO())
    token = out.getvalue().strip()
    return token, ApiToken.objects.get(digest=ApiToken.digest_of(token))


def run(*args: str) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def answer(token: str, path: str = "/children/999/chronology") -> int:
    """The status the API gives ``token``: 404 for the missing child means it was let in."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(f"/api/v1{path}").status_code


def test_a_token_is_valid_for_90_days_unless_issued_for_fewer(cast):
    before = timezone.now()
    _, default = issue("issue", "ida")
    assert before + 90 * DAY <= default.expires_at <= timezone.now() + 90 * DAY
    _, week = issue("issue", "ida", "--days", "7", "--label", "Skolans system")
    assert before + 7 * DAY <= week.expires_at <= timezone.now() + 7 * DAY
    assert week.label == "Skolans system"
    _, old_form = issue("ida")  # as before the subcommands
    assert old_form.expires_at - old_form.created_at == pytest.approx(90 * DAY, abs=DAY)


@pytest.mark.parametrize("days", ["0", "366", "-5"])
def test_a_token_for_no_days_or_more_than_a_year_is_refused_in_swedish(cast, days):
    with pytest.raises(CommandError, match="minst 1 och högst 365 dagar"):
        run("issue", "ida", "--days", days)
    assert not ApiToken.objects.exists() and not AuditEvent.objects.exists()


def test_an_expired_token_is_refused(cast):
    token, row = issue("issue", "ida")
    assert answer(token) == 404
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert answer(token) == 401


def test_the_list_shows_each_token_and_its_state_never_the_token(cast):
    ida_token, ida_row = issue("issue", "ida", "--label", "Skolans system")
    revoked_token, revoked = issue("issue", "ida")
    alice_token, alice_row = issue("issue", "alice")
    run("revoke", str(revoked.pk))
    answer(ida_token)
    rows = AuditEvent.objects.count()
    listed = run("list")
    for secret in (ida_token, revoked_token, alice_token, ida_row.digest, alice_row.digest):
        assert secret not in listed
    lines = {line.split()[0]: line for line in listed.splitlines()[1:]}
    assert set(lines) == {str(ida_row.pk), str(revoked.pk), str(alice_row.pk)}
    today = timezone.localdate()
    assert "Skolans system" in lines[str(ida_row.pk)]
    assert lines[str(ida_row.pk)].endswith("giltig")
    assert f"{timezone.localtime(ida_row.expires_at):%Y-%m-%d}" in lines[str(ida_row.pk)]
    assert f"{today:%Y-%m-%d} " in lines[str(ida_row.pk)]  # last used today
    assert "aldrig" in lines[str(alice_row.pk)]
    assert f"återkallad {today:%Y-%m-%d} (Återkallad)" in lines[str(revoked.pk)]
    only_ida = run("list", "ida")
    assert str(alice_row.pk) not in {line.split()[0] for line in only_ida.splitlines()[1:]}
    assert AuditEvent.objects.count() == rows  # listing writes nothing


def test_a_revoked_token_is_refused_at_once_and_the_revocation_audited(cast):
    token, row = issue("issue", "ida")
    other, _ = issue("issue", "ida")
    assert answer(token) == 404
    assert run("revoke", str(row.pk)).strip() == f"API-nyckel {row.pk} är återkallad."
    assert answer(token) == 401
    assert answer(other) == 404  # the user's other token is untouched
    audit = AuditEvent.objects.filter(action="update").get()
    assert (audit.object_type, audit.object_id, audit.actor_id, audit.channel) == (
        "accounts.apitoken",
        str(row.pk),
        None,
        "system",
    )
    assert audit.detail == f"command=api_token revoke;user={cast.ida.pk}"
    assert token not in str(AuditEvent.objects.values().get(pk=audit.pk))
    with pytest.raises(CommandError, match="redan återkallad"):
        run("revoke", str(row.pk))
    with pytest.raises(CommandError, match="finns inte"):
        run("revoke", "999999")
    assert AuditEvent.objects.filter(action="update").count() == 1


def test_revoking_every_token_of_a_user(cast):
    first, _ = issue("issue", "ida")
    second, _ = issue("issue", "ida", "--days", "30")
    alices, _ = issue("issue", "alice")
    assert run("revoke", "--user", "ida").strip() == "Återkallade API-nycklar för ida: 2."
    assert (answer(first), answer(second), answer(alices)) == (401, 401, 404)
    assert AuditEvent.objects.filter(action="update").count() == 2


def test_deactivating_a_user_revokes_their_tokens_for_good(cast):
    token, row = issue("issue", "bob")
    cast.bob.is_active = False
    cast.bob.save()
    row.refresh_from_db()
    assert row.revoked_at is not None and row.revoked_because == "user_inactive"
    audit = AuditEvent.objects.get(action="update")
    assert (audit.object_id, audit.detail) == (
        str(row.pk),
        f"revoked=user_inactive;user={cast.bob.pk}",
    )
    cast.bob.is_active = True
    cast.bob.save()
    assert answer(token) == 401  # reactivated, but the token stays revoked


def test_a_user_who_has_left_can_no_longer_use_a_token(cast):
    token, row = issue("issue", "alice")
    today = timezone.localdate()
    cast.alice.employment_ended_on = today  # the last day: still employed
    cast.alice.save()
    assert answer(token) == 404
    cast.alice.employment_ended_on = today - DAY
    cast.alice.save()
    row.refresh_from_db()
    assert row.revoked_because == "employment_ended"
    assert answer(token) == 401


def test_a_departure_written_past_the_signals_still_stops_the_token(cast):
    """A bulk ``update`` sends no signal: the token is not marked, but it is refused all the same."""
    token, _ = issue("issue", "bob")
    type(cast.bob).objects.filter(pk=cast.bob.pk).update(employment_ended_on=date(2020, 1, 1))
    assert answer(token) == 401
    type(cast.bob).objects.filter(pk=cast.bob.pk).update(employment_ended_on=None, is_active=False)
    assert answer(token) == 401
    with pytest.raises(CommandError, match="inte aktiv"):
        run("issue", "bob")


def test_every_use_is_attributable_to_the_token(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    case = named_case(cast.alice, date(2026, 3, 10), "Barn Spårbar", seed=7)
    token, row = issue("issue", "alice")
    assert row.last_used_at is None
    before = AuditEvent.objects.count()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    body = {
        "received_at": "2026-03-17T09:15:00+01:00",
        "channel": "phone",
        "reporter": {"category": "school"},
        "reasons": ["neglect"],
        "children": [{"personal_identity_number": pin_for(date(2015, 5, 17))}],
    }
    created = client.post("/api/v1/reports", body, content_type="application/json")
    assert created.status_code == 201, created.content
    row.refresh_from_db()
    assert row.last_used_at is not None
    assert timezone.now() - row.last_used_at < timedelta(minutes=1)
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert {r.action for r in rows} >= {"read", "create"}
    assert {(r.channel, r.actor_id, r.api_token_id) for r in rows} == {
        ("api", cast.alice.pk, row.pk)
    }
    # The same read in a browser session, or on the web, names no token.
    browser = Client()
    browser.force_login(cast.alice)
    mark = AuditEvent.objects.count()
    assert browser.get(f"/api/v1/cases/{case.pk}").status_code == 200
    assert browser.get(f"/arenden/{case.pk}/").status_code == 200
    assert [r.api_token_id for r in AuditEvent.objects.order_by("pk")[mark:]] == [None, None]
