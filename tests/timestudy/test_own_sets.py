"""A municipality's own category set, whole: copied from a built-in set, edited on the web and
in the API, frozen once a study using it has started, and counted in the headline figures by
each category's headline."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.test import Client

from skyddsnat.accounts.models import ApiToken, Role
from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import NotFound, StateConflict
from skyddsnat.timestudy import services
from skyddsnat.timestudy.categories import SOCIAL_WORKERS
from skyddsnat.timestudy.models import CategorySet
from tests.cast import local

MONDAY = date(2026, 3, 16)
In = services.CategoryIn


def api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")


def web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _own(cast, code: str = "norrby") -> CategorySet:
    return services.create_category_set(
        acting_user=cast.maja,
        code=code,
        name="Norrbys kategorier",
        categories=[
            In("samtal", "Samtal med barnet", headline="child_time"),
            In("mote", "Möte med familjen", headline="direct_time"),
            In("journal", "Journalföring", headline="documentation_admin"),
            # An own code that is a built-in one counts by its headline, not its code.
            In("child_time", "Övrigt", headline=""),
        ],
    )


def _rows(category_set: CategorySet) -> list[tuple[str, str, str]]:
    return list(category_set.categories.values_list("code", "name", "headline"))


def test_a_manager_copies_a_builtin_set_and_its_headlines_follow(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    builtin = services.ensure_builtin_sets()[SOCIAL_WORKERS]
    copy = services.copy_category_set(
        acting_user=cast.maja, source_id=builtin.pk, code="norrby_2026", name="Norrby 2026"
    )
    assert copy.municipality_id == cast.maja.municipality_id
    headlines = dict(copy.categories.values_list("code", "headline"))
    assert len(headlines) == builtin.categories.count() == 14
    assert headlines["child_time"] == "child_time"
    assert headlines["direct_time"] == "direct_time"
    assert headlines["indirect_time"] == headlines["administration"] == "documentation_admin"
    assert headlines["travel"] == ""
    assert AuditEvent.objects.filter(action="create", object_id=str(copy.pk)).exists()


def test_an_own_set_is_edited_by_code_until_a_study_using_it_starts(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    own = _own(cast)
    services.update_category_set(
        acting_user=cast.adam,
        set_id=own.pk,
        code="norrby",
        name="Norrby, reviderad",
        categories=[
            In("journal", "Dokumentation", "Journal och utredning", "documentation_admin"),
            In("samtal", "Barnsamtal", headline="child_time"),
            In("resa", "Resor"),
        ],
    )
    own.refresh_from_db()
    assert own.name == "Norrby, reviderad"
    assert _rows(own) == [
        ("journal", "Dokumentation", "documentation_admin"),
        ("samtal", "Barnsamtal", "child_time"),
        ("resa", "Resor", ""),
    ]
    assert AuditEvent.objects.filter(action="update", object_id=str(own.pk)).exists()
    services.create_study(
        acting_user=cast.maja,
        name="Vår",
        unit_ids=[cast.inv_unit.pk],
        starts_on=MONDAY,
        worker_set_id=own.pk,
    )
    services.update_category_set(  # the study has not started yet
        acting_user=cast.maja,
        set_id=own.pk,
        code="norrby",
        name="Norrby",
        categories=[In("journal", "Dokumentation"), In("samtal", "Barnsamtal")],
    )
    frozen_today(MONDAY)
    with pytest.raises(StateConflict) as exc:
        services.update_category_set(
            acting_user=cast.maja,
            set_id=own.pk,
            code="norrby",
            name="Ändrad",
            categories=[In("a", "A"), In("b", "B")],
        )
    assert "kan inte längre ändras" in exc.value.message
    assert _rows(own) == [("journal", "Dokumentation", ""), ("samtal", "Barnsamtal", "")]


def test_a_builtin_set_or_another_municipalitys_is_not_editable(cast, frozen_today):
    builtin = services.ensure_builtin_sets()[SOCIAL_WORKERS]
    own = _own(cast)
    stranger = cast.user("other_mgr", Role.MANAGER, cast.soderby_unit, cast.soderby)
    for user, set_id in ((cast.maja, builtin.pk), (stranger, own.pk)):
        with pytest.raises(NotFound):
            services.update_category_set(
                acting_user=user,
                set_id=set_id,
                code="x",
                name="X",
                categories=[In("a", "A"), In("b", "B")],
            )


def test_the_web_copies_edits_and_then_refuses_a_frozen_set(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    builtin = services.ensure_builtin_sets()[SOCIAL_WORKERS]
    client = web(cast.maja)
    response = client.post(
        "/tidsmatning/kategorier/kopiera/",
        {"kopia-source": builtin.pk, "kopia-name": "Norrby", "kopia-code": "norrby"},
    )
    own = CategorySet.objects.get(code="norrby")
    assert response.status_code == 302
    assert response["Location"] == f"/tidsmatning/kategorier/{own.pk}/"
    page = client.get(f"/tidsmatning/kategorier/{own.pk}/").content.decode()
    assert "Spara ändringarna" in page and "Kollegial konsultation" in page
    data = {
        "name": "Norrby",
        "code": "norrby",
        "kategori-TOTAL_FORMS": "2",
        "kategori-INITIAL_FORMS": "0",
        "kategori-MIN_NUM_FORMS": "0",
        "kategori-MAX_NUM_FORMS": "40",
        "kategori-0-code": "barntid",
        "kategori-0-name": "Barntid",
        "kategori-0-definition": "",
        "kategori-0-headline": "child_time",
        "kategori-1-code": "ovrigt",
        "kategori-1-name": "Övrigt",
        "kategori-1-definition": "",
        "kategori-1-headline": "",
    }
    assert client.post(f"/tidsmatning/kategorier/{own.pk}/", data).status_code == 302
    assert _rows(own) == [("barntid", "Barntid", "child_time"), ("ovrigt", "Övrigt", "")]
    services.create_study(
        acting_user=cast.maja,
        name="Vår",
        unit_ids=[cast.inv_unit.pk],
        starts_on=date(2026, 3, 2),
        worker_set_id=own.pk,
    )
    page = client.get(f"/tidsmatning/kategorier/{own.pk}/").content.decode()
    assert "kan inte längre ändras" in page and "Spara ändringarna" not in page
    response = client.post(f"/tidsmatning/kategorier/{own.pk}/", data | {"name": "Ny"})
    assert response.status_code == 409
    assert "kan inte längre ändras" in response.content.decode()
    assert web(cast.alice).get(f"/tidsmatning/kategorier/{own.pk}/").status_code == 403
    builtin_page = client.get(f"/tidsmatning/kategorier/{builtin.pk}/")
    assert builtin_page.status_code == 404


def test_the_api_lists_copies_edits_and_answers_409_when_frozen(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    builtin = services.ensure_builtin_sets()[SOCIAL_WORKERS]
    client = api(cast.maja)
    listed = client.get("/api/v1/timestudy/category-sets").json()["items"]
    assert [s["builtin"] for s in listed] == [True, True]
    made = client.post(
        "/api/v1/timestudy/category-sets",
        {"code": "norrby", "name": "Norrby", "copy_of": builtin.pk},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    created = made.json()
    assert created["builtin"] is False and created["frozen"] is False
    assert {c["code"]: c["headline"] for c in created["categories"]}["child_time"] == "child_time"
    body = {
        "code": "norrby",
        "name": "Norrby",
        "categories": [
            {"code": "barntid", "name": "Barntid", "headline": "child_time"},
            {"code": "ovrigt", "name": "Övrigt", "definition": "Allt annat"},
        ],
    }
    changed = client.put(
        f"/api/v1/timestudy/category-sets/{created['id']}", body, content_type="application/json"
    )
    assert changed.status_code == 200, changed.content
    assert [c["code"] for c in changed.json()["categories"]] == ["barntid", "ovrigt"]
    bad = client.put(
        f"/api/v1/timestudy/category-sets/{created['id']}",
        body | {"categories": [{"code": "a", "name": "A", "headline": "nope"}]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    services.create_study(
        acting_user=cast.maja,
        name="Vår",
        unit_ids=[cast.inv_unit.pk],
        starts_on=date(2026, 3, 2),
        worker_set_id=created["id"],
    )
    frozen = client.put(
        f"/api/v1/timestudy/category-sets/{created['id']}", body, content_type="application/json"
    )
    assert frozen.status_code == 409
    assert "kan inte längre ändras" in frozen.json()["detail"]
    assert api(cast.alice).get("/api/v1/timestudy/category-sets").status_code == 403
    put_builtin = client.put(
        f"/api/v1/timestudy/category-sets/{builtin.pk}", body, content_type="application/json"
    )
    assert put_builtin.status_code == 404


def test_the_headline_indicators_count_an_own_sets_categories_by_headline(cast, frozen_today):
    """Hand-worked: five social workers each register 1 h samtal (Barntid), 1 h möte (direct
    time), 2 h journal (documentation and administration) and 4 h "child_time" (an own code
    counting in no headline). Of 8 h: Barntid 1/8, direct time 2/8, documentation 2/8."""
    from skyddsnat.indicators.service import compute_indicators

    frozen_today(date(2026, 3, 13))
    own = _own(cast)
    for i in range(3):
        cast.user(f"sw{i}", Role.CASEWORKER, cast.inv_unit)
    study = services.create_study(
        acting_user=cast.maja,
        name="Egen mätning",
        unit_ids=[cast.inv_unit.pk],
        starts_on=MONDAY,
        worker_set_id=own.pk,
    )
    frozen_today(date(2026, 3, 20), hh=18)
    workers = study.participants.select_related("user").filter(kind="social_worker")
    assert workers.count() == 5
    for p in workers:
        for code, start, end in (
            ("samtal", 8, 9),
            ("mote", 9, 10),
            ("journal", 10, 12),
            ("child_time", 12, 16),
        ):
            services.add_block(
                acting_user=p.user,
                client_id=uuid.uuid4(),
                category_code=code,
                started_at=local(2026, 3, 18, start),
                ended_at=local(2026, 3, 18, end),
            )
    services.close_study(acting_user=cast.maja, study_id=study.pk)
    found = {
        v.id: v.value
        for v in compute_indicators(
            acting_user=cast.maja,
            period="2026",
            ids=[
                "timestudy_child_time_share",
                "timestudy_direct_time_share",
                "timestudy_documentation_admin_share",
            ],
        )
    }
    assert found == {
        "timestudy_child_time_share": 0.125,
        "timestudy_direct_time_share": 0.25,
        "timestudy_documentation_admin_share": 0.25,
    }
    (results,) = services.study_results(acting_user=cast.maja, study_id=study.pk).kinds
    assert {r.label: r.shares[0] for r in results.headlines} == {
        "Barntid": 0.125,
        "Direkt tid": 0.25,
        "Dokumentation och administration": 0.25,
    }
