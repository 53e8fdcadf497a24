"""A manager plans and closes a study; a municipality defines its own category set."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import Forbidden, InvalidInput
from skyddsnat.timestudy import services
from skyddsnat.timestudy.models import Category, CategorySet, Participant, Study


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows(*categories: tuple[str, str, str]) -> dict[str, str]:
    data = {
        "kategori-TOTAL_FORMS": "10",
        "kategori-INITIAL_FORMS": "0",
        "kategori-MIN_NUM_FORMS": "0",
        "kategori-MAX_NUM_FORMS": "40",
    }
    for i, (code, name, headline) in enumerate(categories):
        data |= {
            f"kategori-{i}-code": code,
            f"kategori-{i}-name": name,
            f"kategori-{i}-definition": "",
            f"kategori-{i}-headline": headline,
        }
    return data


def test_the_plan_page_proposes_five_working_days_and_the_managers_units(cast, frozen_today):
    # Tuesday 12 May 2026: Ascension Day (Thursday 14 May) is no working day.
    frozen_today(date(2026, 5, 12))
    page = client_for(cast.maja).get("/tidsmatning/planera/").content.decode()
    assert "2026-05-13–2026-05-20" in page
    assert 'value="2026-05-13"' in page
    assert cast.inv_unit.name in page
    assert "Starta tidsmätningen" in page


def test_a_manager_starts_a_study_from_the_page_with_the_default_period(cast, frozen_today):
    frozen_today(date(2026, 3, 13))
    response = client_for(cast.maja).post(
        "/tidsmatning/planera/",
        {
            "name": "Vårens mätning",
            "starts_on": "2026-03-16",
            "ends_on": "",
            "units": [str(cast.inv_unit.pk)],
            "worker_set": str(services.ensure_builtin_sets()["coordinator_social_workers"].pk),
            "manager_set": str(services.ensure_builtin_sets()["coordinator_managers"].pk),
        },
    )
    assert response.status_code == 302
    study = Study.objects.get()
    assert (study.starts_on, study.ends_on) == (date(2026, 3, 16), date(2026, 3, 20))
    kinds = dict(Participant.objects.values_list("user__username", "kind"))
    assert kinds == {"alice": "social_worker", "bob": "social_worker", "maja": "manager"}


def test_the_plan_form_says_what_is_missing_in_swedish(cast, frozen_today):
    frozen_today(date(2026, 3, 13))
    response = client_for(cast.maja).post("/tidsmatning/planera/", {"name": ""})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Ge tidsmätningen ett namn." in page
    assert "Välj minst en enhet." in page
    assert not Study.objects.exists()


def test_a_manager_closes_the_study_and_it_cannot_be_closed_twice(cast, study):
    client = client_for(cast.maja)
    assert client.post(f"/tidsmatning/{study.pk}/avsluta/").status_code == 302
    study.refresh_from_db()
    assert study.is_closed
    page = client.get("/tidsmatning/planera/", follow=True).content.decode()
    assert "Avslutad" in page
    client.post(f"/tidsmatning/{study.pk}/avsluta/")
    assert AuditEvent.objects.filter(detail="closed").count() == 1


def test_a_caseworker_can_neither_plan_nor_close(cast, study):
    client = client_for(cast.alice)
    assert client.get("/tidsmatning/planera/").status_code == 403
    assert client.post(f"/tidsmatning/{study.pk}/avsluta/").status_code == 403
    study.refresh_from_db()
    assert not study.is_closed


def test_a_municipality_defines_its_own_set_and_a_study_uses_it(cast, frozen_today):
    frozen_today(date(2026, 3, 13))
    response = client_for(cast.adam).post(
        "/tidsmatning/kategorier/",
        {
            "name": "Norrbys kategorier",
            "code": "norrby_2026",
            **rows(
                ("barnsamtal", "Samtal med barnet", "child_time"),
                ("mote", "Möte med familjen", "direct_time"),
                ("journal", "Journalföring", "documentation_admin"),
                ("ovrigt", "Övrigt", ""),
            ),
        },
    )
    assert response.status_code == 302
    own = CategorySet.objects.get(code="norrby_2026")
    assert own.municipality_id == cast.adam.municipality_id
    assert list(own.categories.values_list("code", "headline")) == [
        ("barnsamtal", "child_time"),
        ("mote", "direct_time"),
        ("journal", "documentation_admin"),
        ("ovrigt", ""),
    ]
    assert (
        "Samtal med barnet"
        in client_for(cast.maja).get("/tidsmatning/kategorier/").content.decode()
    )
    study = services.create_study(
        acting_user=cast.maja,
        name="Egen",
        unit_ids=[cast.inv_unit.pk],
        starts_on=date(2026, 3, 16),
        worker_set_id=own.pk,
    )
    names = [c.name for c in services.categories_of(study.participants.get(user=cast.alice))]
    assert names == ["Samtal med barnet", "Möte med familjen", "Journalföring", "Övrigt"]
    categories = list(Category.objects.select_related("category_set").filter(category_set=own))
    assert [(n, set(codes)) for n, codes, _ in services.headline_codes(categories)] == [
        ("Barntid", {"barnsamtal"}),
        ("Direkt tid", {"barnsamtal", "mote"}),
        ("Dokumentation och administration", {"journal"}),
    ]


@pytest.mark.parametrize(
    ("code", "categories", "message"),
    [
        ("Norrby!", [("a", "A"), ("b", "B")], "Koden får bara innehålla små bokstäver"),
        ("egen", [("a", "A")], "Ange minst två kategorier."),
        ("egen", [("a", "A"), ("a", "B")], "Koden a finns två gånger i uppsättningen."),
        ("egen", [("a", "A"), ("b", "")], "Kategorin b: ange ett namn."),
        ("coordinator_managers", [("a", "A"), ("b", "B")], "Det finns redan en uppsättning"),
    ],
)
def test_a_bad_category_set_gets_a_swedish_message(cast, code, categories, message):
    with pytest.raises(InvalidInput) as exc:
        services.create_category_set(
            acting_user=cast.maja,
            code=code,
            name="Egen",
            categories=[services.CategoryIn(c, n) for c, n in categories],
        )
    assert any(message in m for errors in exc.value.errors.values() for m in errors)


def test_only_a_manager_or_the_administrator_defines_categories(cast):
    for user in (cast.alice, cast.nils, cast.ana):
        with pytest.raises(Forbidden):
            services.create_category_set(
                acting_user=user,
                code="egen",
                name="Egen",
                categories=[services.CategoryIn("a", "A"), services.CategoryIn("b", "B")],
            )
