"""The phone page: tap to start, add afterwards, correct, sync the offline queue."""

from __future__ import annotations

import json
import uuid

from django.test import Client

from skyddsnat.timestudy.models import TimeBlock
from tests.cast import local


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_offers_one_button_per_category(cast, study):
    response = client_for(cast.alice).get("/tidsmatning/")
    assert response.status_code == 200
    assert response.content.decode().count('type="submit" class="ts-tap') == 14
    assert "Barntid" in response.content.decode()


def test_someone_outside_every_study_is_told_so(cast, study):
    response = client_for(cast.carl).get("/tidsmatning/")
    assert response.status_code == 200
    assert "Du deltar inte i någon pågående tidsmätning." in response.content.decode()


def test_a_tap_starts_the_activity_and_the_timeline_shows_it(cast, study):
    client = client_for(cast.alice)
    response = client.post(
        "/tidsmatning/starta/", {"category": "child_time", "client_id": str(uuid.uuid4())}
    )
    assert response.status_code == 302
    page = client.get("/tidsmatning/").content.decode()
    assert "Pågår:" in page and "Avsluta Barntid" in page


def test_a_block_afterwards_with_bad_times_gets_a_swedish_message(cast, study):
    response = client_for(cast.alice).post(
        "/tidsmatning/block/",
        {"category": "travel", "day": "2026-03-18", "start": "10:00", "end": "09:00"},
    )
    assert response.status_code == 422
    assert "Sluttiden måste vara efter starttiden." in response.content.decode()
    assert not TimeBlock.objects.exists()


def test_a_gap_is_shown_on_the_timeline(cast, study):
    client = client_for(cast.alice)
    for start, end in [("08:00", "09:00"), ("09:30", "10:00")]:
        client.post(
            "/tidsmatning/block/",
            {"category": "travel", "day": "2026-03-18", "start": start, "end": end},
        )
    page = client.get("/tidsmatning/?dag=2026-03-18").content.decode()
    assert "Lucka" in page and "30 min" in page


def test_a_block_is_corrected_by_its_participant_only(cast, study):
    client = client_for(cast.alice)
    client.post(
        "/tidsmatning/block/",
        {"category": "travel", "day": "2026-03-18", "start": "08:00", "end": "09:00"},
    )
    block = TimeBlock.objects.get()
    url = f"/tidsmatning/block/{block.pk}/"
    assert client_for(cast.bob).get(url).status_code == 404
    assert client_for(cast.maja).post(url, {}).status_code == 404
    response = client.post(
        url, {"category": "child_time", "day": "2026-03-18", "start": "08:00", "end": "08:30"}
    )
    assert response.status_code == 302
    block.refresh_from_db()
    assert (block.category.code, block.ended_at) == ("child_time", local(2026, 3, 18, 8, 30))


def test_the_offline_queue_is_stored_once_however_often_it_is_sent(cast, study):
    key = str(uuid.uuid4())
    items = [
        {
            "kind": "start",
            "client_id": key,
            "category": "child_time",
            "at": "2026-03-18T09:00:00+01:00",
        },
        {
            "kind": "block",
            "client_id": str(uuid.uuid4()),
            "category": "travel",
            "started_at": "2026-03-18T07:30:00+01:00",
            "ended_at": "2026-03-18T08:00:00+01:00",
        },
        {"kind": "start", "client_id": "x"},
    ]
    client = client_for(cast.alice)
    for _ in range(2):
        response = client.post(
            "/tidsmatning/synk/", json.dumps({"items": items}), content_type="application/json"
        )
        assert [r["status"] for r in response.json()["results"]] == ["saved", "saved", "error"]
    assert TimeBlock.objects.count() == 2
    assert TimeBlock.objects.get(client_id=key).started_at == local(2026, 3, 18, 9)


def test_roles_outside_casework_take_no_part(cast, study):
    assert client_for(cast.ana).get("/tidsmatning/").status_code == 403
    sync = client_for(cast.nils).post("/tidsmatning/synk/", "{}", content_type="application/json")
    assert sync.status_code == 403


def test_the_service_worker_is_served_from_the_pages_scope_with_the_shell_to_keep(cast, study):
    response = Client().get("/tidsmatning/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/tidsmatning/"
    body = response.content.decode()
    assert '"/tidsmatning/offline/"' in body and "web/timestudy.js" in body
    assert "&quot;" not in body


def test_the_offline_shell_has_the_taps_but_no_registrations(cast, study):
    client = client_for(cast.alice)
    client.post("/tidsmatning/starta/", {"category": "child_time", "client_id": str(uuid.uuid4())})
    page = client.get("/tidsmatning/offline/").content.decode()
    assert page.count('type="submit" class="ts-tap') == 14
    assert 'data-shell="1"' in page
    assert "Pågår:" not in page and "Registrerat:" not in page
    assert "Ingen anslutning: dagens registreringar" in page
