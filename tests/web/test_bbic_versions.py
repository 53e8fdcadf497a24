"""BBIC versions as data: an investigation is documented in the BBIC version of the day it was
opened and keeps it (docs/spec/bbic.md "The triangle"; decision 0044)."""

from __future__ import annotations

from datetime import date

import pytest
import weasyprint
from django.test import Client
from django.urls import reverse

from skyddsnat.errors import InvalidInput
from skyddsnat.investigations import bbic
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import Investigation
from tests.web.casework import investigation_case

#: Sub-areas only one of the two versions has, per side.
OLD_ONLY = ("Socialt uppträdande", "Vägledning och gränssättning", "Lokalsamhällets resurser")
NEW_ONLY = (
    "Stimulans och vägledning",
    "Boende och ekonomi",
    "Lokalsamhälle och social integrering",
)


@pytest.fixture
def alice(cast) -> Client:
    client = Client()
    client.force_login(cast.alice)
    return client


def pdf_source(client: Client, case, monkeypatch) -> str:
    """Return the HTML the investigation's PDF is rendered from (and check a PDF came out)."""
    seen: list[str] = []
    real = weasyprint.HTML

    def recording(*, string: str, **kwargs):
        seen.append(string)
        return real(string=string, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", recording)
    response = client.get(reverse("web:investigation_document_pdf", args=[case.pk]))
    assert response.content.startswith(b"%PDF")
    return seen[0]


@pytest.mark.parametrize(
    ("day", "version"),
    [
        (date(1999, 1, 1), "pre2016"),
        (date(2015, 12, 31), "pre2016"),
        (date(2016, 1, 1), "2016"),
        (date(2026, 12, 4), "2016"),
    ],
)
def test_the_version_is_the_one_in_use_on_the_day(day, version):
    assert bbic.version_for(day) == version


def test_every_version_has_the_three_sides_and_no_name_twice_on_a_side():
    for version in bbic.TRIANGLES:
        sides = bbic.TRIANGLES[version]
        assert [s.name for s in sides] == [
            "Barnets utveckling",
            "Föräldrarnas förmåga",
            "Familj och miljö",
        ]
        for side in sides:
            names = [name for _, name in side.areas]
            assert len(names) == len(set(names))
    assert [len(s.areas) for s in bbic.TRIANGLES["pre2016"]] == [7, 6, 7]
    assert [len(s.areas) for s in bbic.TRIANGLES["2016"]] == [4, 4, 4]


@pytest.mark.parametrize(
    ("today", "version", "shown", "absent"),
    [
        (date(2015, 6, 1), "pre2016", OLD_ONLY, NEW_ONLY),  # opened 2015-05-02
        (date(2026, 3, 2), "2016", NEW_ONLY, OLD_ONLY),
    ],
)
def test_an_investigation_shows_the_sub_areas_of_the_version_of_its_opening_day(
    cast, alice, frozen_today, monkeypatch, today, version, shown, absent
):
    frozen_today(today)
    case = investigation_case(cast.alice, today)
    assert case.investigation.bbic_version == version
    page = alice.get(reverse("web:investigation", args=[case.pk])).content.decode()
    document = alice.get(reverse("web:investigation_document", args=[case.pk])).content.decode()
    pdf = pdf_source(alice, case, monkeypatch)
    name = bbic.version_name(version)
    for html in (page, document, pdf):
        assert name in html
        for area in shown:
            assert area in html
        for area in absent:
            assert area not in html


def test_a_2015_investigation_documents_its_old_sub_areas_and_refuses_the_new_ones(
    cast, alice, frozen_today, monkeypatch
):
    frozen_today(date(2015, 6, 1))
    case = investigation_case(cast.alice, date(2015, 6, 1))
    investigations.assess_triangle_area(
        acting_user=cast.alice,
        case_id=case.pk,
        area="family_environment.community_resources",
        text="Fritidsgården ligger nära.",
        rating="strength",
    )
    with pytest.raises(InvalidInput):
        investigations.assess_triangle_area(
            acting_user=cast.alice,
            case_id=case.pk,
            area="family_environment.community_integration",
            text="Ny version",
            rating="strength",
        )
    pdf = pdf_source(alice, case, monkeypatch)
    assert "Lokalsamhällets resurser" in pdf and "Fritidsgården ligger nära." in pdf


def test_an_existing_investigation_keeps_its_version_and_its_texts_keep_their_sub_area(
    cast, alice, frozen_today
):
    """A 2015 investigation stored before the versions became data says "2016": it stays so,
    and its text is shown under the sub-area it was written in."""
    frozen_today(date(2015, 6, 1))
    case = investigation_case(cast.alice, date(2015, 6, 1))
    Investigation.objects.filter(pk=case.investigation.pk).update(bbic_version="2016")
    investigations.assess_triangle_area(
        acting_user=cast.alice,
        case_id=case.pk,
        area="family_environment.community_integration",
        text="Familjen är med i föreningslivet.",
        rating="strength",
    )
    frozen_today(date(2026, 3, 2))
    assert Investigation.objects.get(pk=case.investigation.pk).bbic_version == "2016"
    document = alice.get(reverse("web:investigation_document", args=[case.pk])).content.decode()
    area_at = document.index("Lokalsamhälle och social integrering")
    assert document.index("Familjen är med i föreningslivet.") > area_at
    assert "Lokalsamhällets resurser" not in document


def test_the_api_answers_the_version_and_accepts_the_old_sub_areas(cast, frozen_today):
    """The API's vocabulary is every version's sub-areas; the service checks the investigation's
    own (422 for another version's)."""
    from skyddsnat.accounts.models import ApiToken
    from tests.api.conftest import Api

    frozen_today(date(2015, 6, 1))
    case = investigation_case(cast.alice, date(2015, 6, 1))
    api = Api(ApiToken.issue(cast.alice))
    answer = api.post(f"/cases/{case.pk}/investigation/plan", {"questions": "Hur är omsorgen?"})
    assert answer.status_code == 200, answer.content
    assert answer.json()["bbic_version"] == "pre2016"
    old = {"area": "child_development.identity", "text": "Trygg i sig själv.", "rating": "strength"}
    assert api.post(f"/cases/{case.pk}/investigation/triangle", old).status_code == 200
    new = {**old, "area": "child_development.emotions_behaviour"}
    assert api.post(f"/cases/{case.pk}/investigation/triangle", new).status_code == 422
