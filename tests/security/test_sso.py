"""Single sign-on with OpenID Connect against the local test provider (decision 0024)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from skyddsnat.accounts.models import User
from skyddsnat.audit.models import AuditEvent
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider


@pytest.fixture
def provider(settings):
    with Provider() as running:
        settings.SKYDDSNAT_OIDC_DISCOVERY_URL = running.issuer
        settings.SKYDDSNAT_OIDC_CLIENT_ID = CLIENT_ID
        settings.SKYDDSNAT_OIDC_CLIENT_SECRET = CLIENT_SECRET
        settings.SKYDDSNAT_BASE_URL = "http://testserver"
        yield running


def sso_login(client: Client, provider: Provider, next_url: str = "/", state: str | None = None):
    """Press the button, approve at the provider, and follow its redirect back."""
    start = client.get("/login/sso/", {"next": next_url})
    assert start.status_code == 302
    assert start["Location"].startswith(provider.issuer + "/authorize?")
    back = urlparse(provider.approve(start["Location"]))
    assert back.path == "/login/sso/retur/"
    query = back.query if state is None else back.query.split("&state=")[0] + f"&state={state}"
    return client.get(f"{back.path}?{query}")


def logged_in_as(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def last_audit() -> AuditEvent:
    return AuditEvent.objects.order_by("-pk").first()


def test_it_shows_no_sso_button_when_not_configured(cast):
    page = Client().get("/login/")
    assert page.status_code == 200
    assert b"sso-login" not in page.content
    assert Client().get("/login/sso/").status_code == 404
    assert Client().get("/login/sso/retur/?code=x&state=y").status_code == 404


def test_it_shows_the_sso_button_beside_the_password_login(cast, provider, settings):
    settings.SKYDDSNAT_OIDC_BUTTON_LABEL = "Logga in med Norrbys konto"
    page = Client().get("/login/").content.decode()
    assert 'id="sso-login"' in page
    assert "Logga in med Norrbys konto" in page
    assert 'name="password"' in page


def test_a_mapped_user_logs_in_and_lands_on_her_work_list(cast, provider):
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123"}
    client = Client()
    back = sso_login(client, provider)
    assert back.status_code == 302
    assert logged_in_as(client) == str(cast.alice.pk)
    page = client.get(back["Location"], follow=True)
    assert page.redirect_chain[-1][0] == reverse("web:my_cases")
    assert page.status_code == 200
    login = AuditEvent.objects.filter(action="login", actor=cast.alice).get()
    assert login.detail == "sso"
    # The authorization code flow with PKCE: the code was exchanged with its verifier.
    assert provider.token_requests[0]["code_verifier"]
    assert provider.token_requests[0]["grant_type"] == "authorization_code"


def test_it_maps_by_the_configured_claim_without_regard_to_case(cast, provider, settings):
    settings.SKYDDSNAT_OIDC_USER_CLAIM = "upn"
    cast.maja.sso_subject = "maja.testsson@norrby.example"
    cast.maja.save()
    provider.claims = {"sub": "something-else", "upn": "Maja.Testsson@Norrby.example"}
    client = Client()
    back = sso_login(client, provider, next_url="/enhet/")
    assert logged_in_as(client) == str(cast.maja.pk)
    assert back["Location"] == "/enhet/"


def test_it_goes_nowhere_outside_after_the_login(cast, provider):
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123"}
    back = sso_login(Client(), provider, next_url="https://evil.example/")
    assert back["Location"] == "/"


def test_an_unknown_subject_is_refused_and_no_user_is_created(cast, provider):
    users = User.objects.count()
    provider.claims = {"sub": "nobody-we-know", "email": "alice@norrby.example"}
    client = Client()
    refused = sso_login(client, provider)
    assert refused.status_code == 403
    assert "inte kopplat till någon användare" in refused.content.decode()
    assert logged_in_as(client) is None
    assert User.objects.count() == users
    event = last_audit()
    assert (event.action, event.detail, event.actor) == ("login_failed", "sso=unknown", None)
    assert "nobody-we-know" not in str(event.__dict__)


def test_a_missing_claim_is_refused(cast, provider, settings):
    settings.SKYDDSNAT_OIDC_USER_CLAIM = "email"
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123"}
    refused = sso_login(Client(), provider)
    assert refused.status_code == 403
    assert last_audit().detail == "sso=no_claim"


def test_an_inactive_user_is_refused(cast, provider):
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.is_active = False
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123"}
    client = Client()
    refused = sso_login(client, provider)
    assert refused.status_code == 403
    assert "inaktiverat" in refused.content.decode()
    assert logged_in_as(client) is None
    event = last_audit()
    assert (event.action, event.detail, event.object_id) == (
        "login_failed",
        "sso=inactive",
        str(cast.alice.pk),
    )


def test_a_user_whose_employment_has_ended_is_refused(cast, provider):
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.employment_ended_on = timezone.localdate() - timedelta(days=1)
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123"}
    client = Client()
    assert sso_login(client, provider).status_code == 403
    assert logged_in_as(client) is None


@pytest.mark.parametrize("tamper", ["nonce", "signature", "expired", "audience", "issuer"])
def test_an_id_token_that_does_not_pass_is_refused(cast, provider, tamper):
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123"}
    provider.tamper = tamper
    client = Client()
    refused = sso_login(client, provider)
    assert refused.status_code == 403
    assert "kunde inte slutföras" in refused.content.decode()
    assert logged_in_as(client) is None
    assert (last_audit().action, last_audit().detail) == ("login_failed", "sso=invalid")


def test_a_wrong_state_is_refused(cast, provider):
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123"}
    client = Client()
    refused = sso_login(client, provider, state="forged-state")
    assert refused.status_code == 403
    assert logged_in_as(client) is None
    assert provider.token_requests == []  # the code is never exchanged


def test_an_answer_cannot_be_used_twice(cast, provider):
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123"}
    client = Client()
    start = client.get("/login/sso/")
    back = urlparse(provider.approve(start["Location"]))
    assert client.get(f"{back.path}?{back.query}").status_code == 302
    other = Client()
    assert other.get(f"{back.path}?{back.query}").status_code == 403
    assert logged_in_as(other) is None


def test_an_error_from_the_provider_is_refused(cast, provider):
    client = Client()
    client.get("/login/sso/")
    refused = client.get("/login/sso/retur/?error=access_denied&state=x")
    assert refused.status_code == 403
    assert last_audit().detail == "sso=provider_error"


def test_without_mfa_in_the_token_the_totp_code_is_still_asked(cast, provider, settings):
    settings.SKYDDSNAT_REQUIRE_2FA = True
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123", "amr": ["pwd"]}
    client = Client()
    sso_login(client, provider)
    page = client.get(reverse("web:my_cases"))
    assert page.status_code == 302
    assert page["Location"].startswith("/login/tvafaktor/")


@pytest.mark.parametrize(
    ("claims", "acr_setting"),
    [({"amr": ["pwd", "mfa"]}, []), ({"acr": "urn:kommun:mfa"}, ["urn:kommun:mfa"])],
)
def test_the_providers_mfa_stands_for_the_totp_code(cast, provider, settings, claims, acr_setting):
    settings.SKYDDSNAT_REQUIRE_2FA = True
    settings.SKYDDSNAT_OIDC_MFA_ACR = acr_setting
    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123", **claims}
    client = Client()
    sso_login(client, provider)
    assert client.get(reverse("web:my_cases")).status_code == 200


def test_the_local_login_still_works_beside_sso(cast, provider):
    client = Client()
    answer = client.post("/login/", {"username": "alice", "password": "test-password-long"})
    assert answer.status_code == 302
    assert logged_in_as(client) == str(cast.alice.pk)
    assert AuditEvent.objects.filter(action="login", actor=cast.alice).get().detail == ""


def test_a_deactivated_users_sso_session_ends(cast, provider):
    from skyddsnat.accounts import administration

    cast.alice.sso_subject = "idp-alice-123"
    cast.alice.save()
    provider.claims = {"sub": "idp-alice-123"}
    client = Client()
    sso_login(client, provider)
    administration.deactivate_user(acting_user=cast.adam, user_id=cast.alice.pk)
    assert client.get(reverse("web:my_cases")).status_code == 302
    assert sso_login(client, provider).status_code == 403


def test_a_provider_that_cannot_be_reached_is_a_swedish_refusal(cast, settings):
    with Provider() as gone:
        url = gone.issuer
    settings.SKYDDSNAT_OIDC_DISCOVERY_URL = url
    settings.SKYDDSNAT_OIDC_CLIENT_ID = CLIENT_ID
    refused = Client().get("/login/sso/")
    assert refused.status_code == 403
    assert "kunde inte slutföras" in refused.content.decode()
    assert last_audit().detail == "sso=provider_unreachable"
