"""Insatser: a temporary LVU ban's court path (LVU 28–29 §§, 31 e–31 f §§) on its card, and the
section on protected housing without a guardian's consent (lag 2024:79): recorded, its court
path, a signed consideration that ends it."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.interventions.models import LvuMeasure, ProtectedHousingOrder
from skyddsnat.people.models import Guardian, GuardianRelation
from tests.cast import pin_for
from tests.web.casework import placement_case

TODAY = date(2026, 9, 1)


@pytest.fixture
def alice(cast) -> Client:
    client = Client()
    client.force_login(cast.alice)
    return client


@pytest.fixture
def placement(cast, frozen_today):
    frozen_today(TODAY)
    return placement_case(cast.alice, TODAY)[1]


def url(name: str, case_id: int, *args) -> str:
    return reverse(f"web:interventions{name}", args=[case_id, *args])


def test_a_temporary_removal_ban_is_submitted_on_its_card(alice, placement):
    case_id = placement.case_id
    response = alice.post(
        url("_lvu_measure", case_id),
        {"lvu_measure-kind": "temporary_removal_ban", "lvu_measure-decided_on": "2026-08-24"},
    )
    assert response.status_code == 302, response.content.decode()
    measure = LvuMeasure.objects.get()
    html = alice.get(url("", case_id)).content.decode()
    assert "Tillfälligt flyttningsförbud (27 §)" in html
    assert "2026-08-31" in html  # a week from the decision (28 § with 7 §)
    prefix = f"lvu_temporary_ban_court-{measure.pk}"
    response = alice.post(
        url("_lvu_temporary_ban_court", case_id, measure.pk),
        {f"{prefix}-court_submitted_on": "2026-08-25", f"{prefix}-confirmed_on": "2026-08-27"},
    )
    assert response.status_code == 302, response.content.decode()
    html = alice.get(url("", case_id)).content.decode()
    assert "2026-09-10" in html  # the application within two weeks of the court's decision (29 §)
    response = alice.post(
        url("_lvu_temporary_ban_court", case_id, measure.pk),
        {
            f"{prefix}-extension_granted_on": "2026-08-31",
            f"{prefix}-application_extended_to": "2026-09-20",
        },
    )
    assert response.status_code == 422
    assert "kan inte förlängas (29 §)" in response.content.decode()


def test_protected_housing_without_consent_on_the_page(cast, alice, placement):
    case = placement.case
    guardians = []
    for first, sex in (("Lena", "girl"), ("Per", "boy")):
        guardian = Guardian.objects.create(
            municipality=case.municipality,
            personal_identity_number=pin_for(date(1984, 2, 2), sex),
            first_name=first,
            last_name="Förälder",
        )
        GuardianRelation.objects.create(child=case.child, guardian=guardian)
        guardians.append(guardian)
    html = alice.get(url("", case.pk)).content.decode()
    assert "Skyddat boende utan en vårdnadshavares samtycke (lag 2024:79)" in html
    assert "Per Förälder" in html
    response = alice.post(
        url("_protected_housing", case.pk),
        {
            "protected_housing-non_consenting_guardian_id": str(guardians[1].pk),
            "protected_housing-immediate_decided_on": "2026-08-28",
            "protected_housing-placement_started_on": "2026-08-28",
        },
    )
    assert response.status_code == 302, response.content.decode()
    order = ProtectedHousingOrder.objects.get()
    html = alice.get(url("", case.pk)).content.decode()
    assert "Underställning av omedelbart skyddat boende" in html
    assert "2026-09-04" in html  # submitted within a week (4 kap. 3 §)
    assert "2027-02-28" in html  # considered within six months (5 kap. 3 §)
    prefix = f"protected_housing_consideration-{order.pk}"
    response = alice.post(
        url("_protected_housing_consideration", case.pk, order.pk),
        {
            f"{prefix}-held_on": TODAY.isoformat(),
            f"{prefix}-continues": "no",
            f"{prefix}-note": "Vårdnadshavarens skyddade boende upphör.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    order.refresh_from_db()
    assert order.ended_on == TODAY
    assert order.considerations.get().is_signed
    html = alice.get(url("", case.pk)).content.decode()
    assert "insatsen ska upphöra" in html and "Upphörde 2026-09-01" in html


def test_the_guardian_must_be_one_of_the_childs(alice, placement):
    response = alice.post(
        url("_protected_housing", placement.case_id),
        {
            "protected_housing-non_consenting_guardian_id": "999999",
            "protected_housing-immediate_decided_on": "2026-08-28",
        },
    )
    assert response.status_code == 422
    assert not ProtectedHousingOrder.objects.exists()


def test_the_placements_card_shows_the_2024_79_consideration(cast, alice, frozen_today):
    """5 kap. 3 § lag (2024:79) replaces 22 kap. 13 § andra stycket SoL on the placement's card."""
    from datetime import timedelta

    from skyddsnat.interventions import protected_housing as ph
    from tests.services.flow import close_investigation, decide
    from tests.web.casework import investigation_case

    frozen_today(TODAY)
    case = investigation_case(cast.alice, TODAY, opened_days_ago=100)
    close_investigation(cast.alice, case, TODAY - timedelta(days=50))
    case.refresh_from_db()
    placement = decide(
        cast.alice,
        case,
        date(2026, 7, 20),
        kind="protected_housing",
        guardian_consent="refused",
    )
    for first, sex in (("Lena", "girl"), ("Per", "boy")):
        guardian = Guardian.objects.create(
            municipality=case.municipality,
            personal_identity_number=pin_for(date(1984, 2, 2), sex),
            first_name=first,
            last_name="Förälder",
        )
        GuardianRelation.objects.create(child=case.child, guardian=guardian)
    ph.record_protected_housing_order(
        acting_user=cast.alice,
        case_id=case.pk,
        non_consenting_guardian_id=guardian.pk,
        immediate_decided_on=date(2026, 7, 20),
        intervention_id=placement.pk,
    )
    html = alice.get(url("", case.pk)).content.decode()
    card = html[html.index(f'id="insats-{placement.pk}"') :]
    reviews = card[card.index("Övervägande och omprövning") :][:1500]
    assert "2027-01-20" in reviews  # six months from the placement's start (5 kap. 3 §)
    assert "5 kap. 3 § lagen (2024:79)" in reviews
