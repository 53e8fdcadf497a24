"""Every read is audited, once: N cases read through the UI and the API give exactly N rows each."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from skyddsnat.accounts.models import ApiToken
from skyddsnat.audit.models import AuditEvent
from tests.web.builders import named_case

N = 4


def _cases(cast):
    return [
        named_case(cast.alice, date(2026, 3, 10), f"Barn Nummer{i}", seed=40 + i) for i in range(N)
    ]


def test_reading_n_cases_in_the_web_writes_n_read_rows(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    cases = _cases(cast)
    client = Client()
    client.force_login(cast.bob)
    before = AuditEvent.objects.count()
    for case in cases:
        assert client.get(f"/arenden/{case.pk}/").status_code == 200
    rows = AuditEvent.objects.order_by("pk")[before:]
    reads = [(r.action, r.actor_id, r.case_id, r.channel) for r in rows]
    assert reads == [("read", cast.bob.pk, c.pk, "web") for c in cases]


def test_reading_n_cases_through_the_api_writes_n_read_rows(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    cases = _cases(cast)
    before = AuditEvent.objects.count()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.bob)}")
    for case in cases:
        assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    rows = AuditEvent.objects.order_by("pk")[before:]
    reads = [(r.action, r.actor_id, r.case_id, r.channel) for r in rows]
    assert reads == [("read", cast.bob.pk, c.pk, "api") for c in cases]


def test_a_refused_read_writes_no_read_row(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    case = _cases(cast)[0]
    client = Client()
    client.force_login(cast.carl)
    before = AuditEvent.objects.count()
    assert client.get(f"/arenden/{case.pk}/").status_code == 403
    assert AuditEvent.objects.count() == before


PROXY = "10.0.0.2"  # the municipality's reverse proxy, as REMOTE_ADDR sees it
CLIENT = "192.0.2.10"


@pytest.mark.parametrize(("proxies", "logged"), [(1, CLIENT), (0, PROXY)])
def test_a_web_read_and_an_api_read_log_the_same_client_address(
    cast, frozen_today, settings, proxies, logged
):
    """Behind a trusted proxy both doors log the client; without the setting the header is
    ignored by both (``audit.context.client_ip``, the one answer for web, API and lockout)."""
    settings.SKYDDSNAT_TRUSTED_PROXY_COUNT = proxies
    frozen_today(date(2026, 3, 18))
    case = _cases(cast)[0]
    forwarded = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": CLIENT}
    web = Client(**forwarded)
    web.force_login(cast.bob)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.bob)}", **forwarded)
    before = AuditEvent.objects.count()
    assert web.get(f"/arenden/{case.pk}/").status_code == 200
    assert api.get(f"/api/v1/cases/{case.pk}").status_code == 200
    rows = AuditEvent.objects.order_by("pk")[before:]
    assert [(r.action, r.case_id, r.channel, r.ip) for r in rows] == [
        ("read", case.pk, "web", logged),
        ("read", case.pk, "api", logged),
    ]
