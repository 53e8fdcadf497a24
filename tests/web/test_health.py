"""``/halsa/``: the monitoring's question, answered without a login, personal data or audit."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from skyddsnat.audit.models import AuditEvent


def test_it_answers_200_without_a_login_and_writes_no_audit_row(cast):
    answer = Client().get("/halsa/")
    assert answer.status_code == 200
    assert answer.json() == {"Database(alias='default')": "OK"}
    assert "no-store" in answer["Cache-Control"]
    assert not AuditEvent.objects.exists()


def test_it_answers_json_whatever_the_client_accepts(db):
    """The library's HTML page has an inline style sheet that the CSP would refuse."""
    answer = Client().get("/halsa/", HTTP_ACCEPT="text/html")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json"


def test_it_answers_500_when_the_database_cannot_be_reached(db, monkeypatch):
    @contextmanager
    def refused(self):
        raise OperationalError(
            'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
            "Connection refused"
        )
        yield  # pragma: no cover

    monkeypatch.setattr(BaseDatabaseWrapper, "temporary_connection", refused)
    answer = Client().get("/halsa/")
    assert answer.status_code == 500
    assert answer.json() == {"Database(alias='default')": "Unavailable: connection failed"}
