"""The API's time study: a participant's own day and blocks, never another's."""

from __future__ import annotations

import uuid

from django.test import Client

from skyddsnat.accounts.models import ApiToken
from skyddsnat.timestudy import services
from skyddsnat.timestudy.models import TimeBlock
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


def _body(client_id: uuid.UUID, start: int = 8, end: int = 9) -> dict:
    return {
        "client_id": str(client_id),
        "category": "travel",
        "started_at": f"2026-03-18T{start:02d}:00:00+01:00",
        "ended_at": f"2026-03-18T{end:02d}:00:00+01:00",
    }


def test_a_participant_posts_a_block_once_however_often_it_is_sent(cast, study):
    key = uuid.uuid4()
    first = api(cast.alice).post("/api/v1/timestudy/blocks", _body(key), "application/json")
    again = api(cast.alice).post("/api/v1/timestudy/blocks", _body(key), "application/json")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert TimeBlock.objects.filter(participant__user=cast.alice).count() == 1
    # Someone in no study, or a role outside the study, is refused.
    for other in (cast.carl, cast.ana):
        response = api(other).post(
            "/api/v1/timestudy/blocks", _body(uuid.uuid4()), "application/json"
        )
        assert response.status_code == 403


def test_a_block_over_midnight_is_refused_in_swedish(cast, study):
    body = _body(uuid.uuid4()) | {
        "started_at": "2026-03-17T23:00:00+01:00",
        "ended_at": "2026-03-18T01:00:00+01:00",
    }
    response = api(cast.alice).post("/api/v1/timestudy/blocks", body, "application/json")
    assert response.status_code == 422
    assert "Dela upp det i ett block per dag." in response.content.decode()


def test_only_the_owner_corrects_or_removes_a_block_and_only_while_open(cast, study):
    block_id = (
        api(cast.alice)
        .post("/api/v1/timestudy/blocks", _body(uuid.uuid4()), "application/json")
        .json()["id"]
    )
    change = {
        "category": "child_time",
        "started_at": "2026-03-18T08:00:00+01:00",
        "ended_at": "2026-03-18T08:45:00+01:00",
    }
    url = f"/api/v1/timestudy/blocks/{block_id}"
    for other in (cast.bob, cast.maja, cast.sara):
        assert api(other).patch(url, change, "application/json").status_code == 404
        assert api(other).delete(url).status_code == 404
    assert Client().delete(url).status_code == 401
    response = api(cast.alice).patch(url, change, "application/json")
    assert response.status_code == 200
    assert response.json()["category"] == "child_time"
    assert api(cast.alice).delete(url).status_code == 204
    assert not TimeBlock.objects.filter(pk=block_id).exists()

    kept = api(cast.alice).post("/api/v1/timestudy/blocks", _body(uuid.uuid4()), "application/json")
    services.close_study(acting_user=cast.maja, study_id=study.pk)
    kept_url = f"/api/v1/timestudy/blocks/{kept.json()['id']}"
    assert api(cast.alice).patch(kept_url, change, "application/json").status_code == 409
    assert api(cast.alice).delete(kept_url).status_code == 409
    late = api(cast.alice).post("/api/v1/timestudy/blocks", _body(uuid.uuid4()), "application/json")
    assert late.status_code in (403, 409)
