"""The API's time study: a participant's own day and blocks, never another's."""

from __future__ import annotations

import uuid

from django.test import Client

from skyddsnat.accounts.models import ApiToken
from skyddsnat.timestudy import services
from tests.cast import local


def api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")


def test_a_participant_reads_her_day_and_nobody_else_reads_her_block(cast, study):
    for start, end in ((8, 9), (10, 11)):
        block = services.add_block(
            acting_user=cast.alice,
            client_id=uuid.uuid4(),
            category_code="child_time",
            started_at=local(2026, 3, 18, start),
            ended_at=local(2026, 3, 18, end),
        )
    day = api(cast.alice).get("/api/v1/timestudy/day?day=2026-03-18").json()
    assert [b["category"] for b in day["blocks"]] == ["child_time", "child_time"]
    assert [(f["kind"], f["minutes"]) for f in day["flags"]] == [("gap", 60)]
    assert api(cast.alice).get(f"/api/v1/timestudy/blocks/{block.pk}").status_code == 200
    for other in (cast.bob, cast.maja, cast.ana, cast.sara):
        assert api(other).get(f"/api/v1/timestudy/blocks/{block.pk}").status_code == 404
    assert api(cast.bob).get("/api/v1/timestudy/day?day=2026-03-18").json()["blocks"] == []
