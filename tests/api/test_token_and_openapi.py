"""The ``api_token`` command as it was first used, and the OpenAPI document with its docs page.

Expiry, listing, revocation and attribution are ``tests/security/test_api_tokens.py``.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from skyddsnat.accounts.models import ApiToken
from skyddsnat.audit.models import AuditEvent


def test_api_token_prints_only_a_token_that_works(cast):
    out = StringIO()
    call_command("api_token", "ida", stdout=out)
    token = out.getvalue().strip()
    assert token.startswith("sn_") and "\n" not in token
    r = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/children/999/chronology")
    assert r.status_code == 404  # authenticated: the child is simply not there


def test_api_token_writes_an_audit_row_without_the_token(cast):
    out = StringIO()
    call_command("api_token", "ida", stdout=out)
    token = out.getvalue().strip()
    issued = ApiToken.objects.get(user=cast.ida)
    row = AuditEvent.objects.get()
    assert (row.action, row.actor_id, row.object_type, row.object_id, row.channel) == (
        "create",
        None,
        "accounts.apitoken",
        str(issued.pk),
        "system",
    )
    assert row.detail == (
        f"command=api_token issue;user={cast.ida.pk};expires={timezone.localtime(issued.expires_at):%Y-%m-%d}"
    )
    stored = str(AuditEvent.objects.values().get())
    assert token not in stored and issued.digest not in stored


def test_api_token_refuses_an_unknown_user_in_swedish(db):
    with pytest.raises(CommandError, match="finns inte"):
        call_command("api_token", "ingen", stdout=StringIO())
    assert not AuditEvent.objects.exists()


def test_the_openapi_document_lists_the_paths_and_codes(db):
    r = Client().get("/api/v1/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    paths = doc["paths"]
    for path in (
        "/api/v1/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case_id}/obligations",
        "/api/v1/cases/{case_id}/protective-assessment",
        "/api/v1/cases/{case_id}/preliminary-assessment",
        "/api/v1/cases/{case_id}/investigation/extensions",
        "/api/v1/cases/{case_id}/investigation/child-conversations",
        "/api/v1/cases/{case_id}/investigation/close",
        "/api/v1/cases/{case_id}/interventions",
        "/api/v1/interventions/{intervention_id}/visits",
        "/api/v1/interventions/{intervention_id}/reviews",
        "/api/v1/interventions/{intervention_id}/end",
        "/api/v1/interventions/{intervention_id}/evaluation",
        "/api/v1/children/{child_id}/chronology",
    ):
        assert path in paths, path
    assert "Svenska" in doc["info"]["description"]
    text = r.content.decode()
    assert '"police_report"' in text and '"emergency_foster_home"' in text
    post_report = paths["/api/v1/reports"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in post_report["parameters"])
    assert {"201", "401", "422"} <= set(post_report["responses"])


def test_the_interactive_docs_are_served(db):
    assert Client().get("/api/v1/docs").status_code == 200


@pytest.fixture
def docs_behind_login(settings):
    """As in production, where ``SKYDDSNAT_API_DOCS_PUBLIC`` follows ``DEBUG`` (off)."""
    settings.SKYDDSNAT_API_DOCS_PUBLIC = False


def test_in_production_the_docs_and_schema_need_a_login(db, docs_behind_login):
    anonymous = Client()
    docs = anonymous.get("/api/v1/docs")
    assert docs.status_code == 302 and docs["Location"] == "/login/?next=/api/v1/docs"
    schema = anonymous.get("/api/v1/openapi.json")
    assert schema.status_code == 401
    assert schema.json() == {"detail": "Logga in för att läsa API:ts beskrivning.", "errors": {}}
    wrong = Client(HTTP_AUTHORIZATION="Bearer sn_fel").get("/api/v1/openapi.json")
    assert wrong.status_code == 401


def test_in_production_a_logged_in_user_or_a_token_reads_the_docs(cast, docs_behind_login):
    browser = Client()
    browser.force_login(cast.alice)
    assert browser.get("/api/v1/docs").status_code == 200
    assert "/api/v1/reports" in browser.get("/api/v1/openapi.json").json()["paths"]
    system = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.alice)}")
    assert system.get("/api/v1/openapi.json").status_code == 200
