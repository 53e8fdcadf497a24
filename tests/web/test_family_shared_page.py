"""The investigation page: the family's sub-area written once for the siblings (decision 0037)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from skyddsnat.cases.models import Case
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import TriangleAssessment
from skyddsnat.people.models import Child
from tests.cast import local, pin_for
from tests.services.flow import open_investigation, report

TODAY = date(2026, 2, 10)
SAFETY = "parenting_capacity.safety"
PREFIX = "area-parenting_capacity-safety"


@pytest.fixture
def siblings(cast, frozen_today):
    frozen_today(TODAY)
    numbers = [pin_for(date(2015, 5, 17), "girl"), pin_for(date(2017, 3, 2), "boy", seed=2)]
    cases = list(report(cast.alice, local(2026, 1, 20), numbers).cases.order_by("pk"))
    for case in cases:
        open_investigation(cast.alice, case, date(2026, 1, 31))
    for case, name in zip(cases, ("Anna", "Bo", "Cia"), strict=False):
        Child.objects.filter(pk=case.child_id).update(first_name=name, last_name="Berg")
        case.child.refresh_from_db()
    return cases


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(case: Case) -> str:
    return reverse("web:investigation", args=[case.pk])


def post_area(client: Client, case: Case, text: str, *, for_siblings: bool = True, **kwargs):
    data = {f"{PREFIX}-text": text, f"{PREFIX}-rating": "concern", f"{PREFIX}-version": ""}
    if for_siblings:
        data[f"{PREFIX}-for_siblings"] = "on"
    return client.post(reverse("web:investigation_area", args=[case.pk, SAFETY]), data, **kwargs)


def test_the_family_area_offers_to_write_it_for_the_siblings_by_default(cast, siblings):
    anna, _ = siblings
    html = client_for(cast.alice).get(page(anna)).content.decode()
    assert f'name="{PREFIX}-for_siblings"' in html
    assert "Gäller alla syskon i anmälan" in html
    assert "Texten skrivs också i utredningen om Bo Berg." in html
    box = html.split(f'name="{PREFIX}-for_siblings"', 1)[1].split(">", 1)[0]
    assert "checked" in box
    # the child's own development is never shared
    assert 'name="area-child_development-health-for_siblings"' not in html


def test_written_once_it_is_shown_in_the_siblings_investigation(cast, siblings):
    anna, bo = siblings
    alice = client_for(cast.alice)
    response = post_area(alice, anna, "Pappan dricker; mamman skyddar barnen.")
    assert response.status_code == 302
    html = alice.get(page(bo)).content.decode()
    assert "Pappan dricker; mamman skyddar barnen." in html
    saved = TriangleAssessment.objects.get(investigation__case=bo, area=SAFETY)
    day = timezone.localdate(saved.updated_at).isoformat()  # the row's own time, not the clock's
    assert f"Gemensam för syskonen (skriven i utredningen om Anna Berg {day})" in html
    assert f"Gemensam för syskonen (skriven här {day})" in alice.get(page(anna)).content.decode()


def test_unticked_it_is_the_childs_own(cast, siblings):
    anna, bo = siblings
    post_area(client_for(cast.alice), anna, "Bara Annas.", for_siblings=False)
    assert not TriangleAssessment.objects.filter(investigation__case=bo).exists()


def test_a_siblings_own_text_is_not_overwritten_and_the_page_says_whose(cast, siblings):
    anna, bo = siblings
    investigations.assess_triangle_area(
        acting_user=cast.alice, case_id=bo.pk, area=SAFETY, text="Bos egen.", rating="strength"
    )
    response = post_area(client_for(cast.alice), anna, "Gemensamt.", HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Bo Berg har redan en egen text om Säkerhet i sin utredning." in html
    assert "Gemensamt." in html  # what was typed is kept
    assert not TriangleAssessment.objects.filter(investigation__case=anna).exists()


def test_the_page_says_which_sibling_is_left_alone(cast, siblings):
    anna, bo = siblings
    Case.objects.filter(pk=bo.pk).update(responsible=cast.bob)
    html = client_for(cast.alice).get(page(anna)).content.decode()
    assert "Utredningen om Bo Berg lämnas som den är: du kan inte ändra den." in html
    post_area(client_for(cast.alice), anna, "Gemensamt.")
    assert not TriangleAssessment.objects.filter(investigation__case=bo).exists()


def test_a_child_without_sibling_investigations_is_not_offered_the_box(cast, frozen_today):
    frozen_today(TODAY)
    case = report(cast.alice, local(2026, 1, 20), [pin_for(date(2015, 5, 17))]).cases.get()
    open_investigation(cast.alice, case, date(2026, 1, 31))
    html = client_for(cast.alice).get(page(case)).content.decode()
    assert "Gäller alla syskon i anmälan" not in html
