"""Repeated studies side by side: the municipality's shares in each and the change."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.test import Client

from skyddsnat.accounts.models import Role
from skyddsnat.errors import Forbidden, InvalidInput
from skyddsnat.timestudy import services
from tests.cast import local


def _study(cast, frozen_today, monday: date, child_hours: int):
    """A closed study in which every social worker registers ``child_hours`` of Barntid and
    4 − ``child_hours`` of Indirekt tid on the Wednesday."""
    wednesday = monday.replace(day=monday.day + 2)
    frozen_today(monday.replace(day=monday.day + 4), hh=18)
    study = services.create_study(
        acting_user=cast.maja,
        name=f"Mätning {monday:%m}",
        unit_ids=[cast.inv_unit.pk],
        starts_on=monday,
    )
    for p in study.participants.select_related("user").filter(kind="social_worker"):
        for code, start, end in (
            ("child_time", 8, 8 + child_hours),
            ("indirect_time", 8 + child_hours, 12),
        ):
            services.add_block(
                acting_user=p.user,
                client_id=uuid.uuid4(),
                category_code=code,
                started_at=local(wednesday.year, wednesday.month, wednesday.day, start),
                ended_at=local(wednesday.year, wednesday.month, wednesday.day, end),
            )
    return services.close_study(acting_user=cast.maja, study_id=study.pk)


@pytest.fixture
def two_studies(cast, frozen_today):
    for i in range(4):
        cast.user(f"sw{i}", Role.CASEWORKER, cast.inv_unit)
    spring = _study(cast, frozen_today, date(2026, 3, 16), child_hours=1)
    autumn = _study(cast, frozen_today, date(2026, 9, 14), child_hours=2)
    return spring, autumn


def test_two_studies_side_by_side_with_the_change(cast, two_studies):
    spring, autumn = two_studies
    found = services.compare_studies(acting_user=cast.maja, study_ids=[autumn.pk, spring.pk])
    assert [s.name for s in found.studies] == ["Mätning 03", "Mätning 09"]
    workers = found.kinds[0]
    child = next(r for r in workers.headlines if r.label == "Barntid")
    assert child.shares == [pytest.approx(0.25), pytest.approx(0.5)]
    assert child.change == pytest.approx(0.25)
    assert workers.participants == [6, 6]
    # Maja, the only manager, registered nothing: no managers' table.
    assert [k.kind for k in found.kinds] == ["social_worker"]


def test_the_page_shows_the_table_and_the_chart(cast, two_studies):
    spring, autumn = two_studies
    client = Client()
    client.force_login(cast.nils)
    page = client.get(
        f"/tidsmatning/jamfor/?studie={spring.pk}&studie={autumn.pk}"
    ).content.decode()
    assert "Jämförelse, Socialsekreterare" in page
    assert "+25 procentenheter" in page
    assert "<svg" in page


def test_fewer_than_two_closed_studies_get_a_swedish_message(cast, two_studies):
    spring, _ = two_studies
    with pytest.raises(InvalidInput) as exc:
        services.compare_studies(acting_user=cast.maja, study_ids=[spring.pk])
    assert exc.value.errors == {"studies": ["Välj minst två avslutade tidsmätningar."]}
    client = Client()
    client.force_login(cast.maja)
    response = client.get(f"/tidsmatning/jamfor/?studie={spring.pk}")
    assert response.status_code == 422
    assert "Välj minst två avslutade tidsmätningar." in response.content.decode()


def test_a_caseworker_cannot_compare(cast, two_studies):
    spring, autumn = two_studies
    with pytest.raises(Forbidden):
        services.compare_studies(acting_user=cast.alice, study_ids=[spring.pk, autumn.pk])


def _sheet(response, name: str) -> dict:
    import io

    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))[name]
    return {r[0]: r[1:] for r in sheet.iter_rows(values_only=True)}


def test_the_comparison_is_exported_to_excel_and_audited(cast, two_studies):
    from skyddsnat.audit.models import AuditEvent

    spring, autumn = two_studies
    client = Client()
    client.force_login(cast.ana)
    page = client.get(f"/tidsmatning/jamfor/?studie={spring.pk}&studie={autumn.pk}")
    assert f"export.xlsx?studie={spring.pk}&amp;studie={autumn.pk}" in page.content.decode()
    rows = _sheet(
        client.get(f"/tidsmatning/jamfor/export.xlsx?studie={spring.pk}&studie={autumn.pk}"),
        "Socialsekreterare",
    )
    assert rows["Kategori"] == ("Mätning 03", "Mätning 09", "Förändring (procentenheter)")
    assert rows["Barntid"] == (0.25, 0.5, 25)
    assert rows["Deltagare"][:2] == (6, 6)
    exported = AuditEvent.objects.filter(action="export", detail="compare;xlsx")
    assert sorted(int(e.object_id) for e in exported) == sorted([spring.pk, autumn.pk])
    assert client.get("/tidsmatning/jamfor/export.xlsx").status_code == 404
    client.force_login(cast.alice)
    assert client.get(f"/tidsmatning/jamfor/export.xlsx?studie={spring.pk}").status_code == 403


def test_a_group_under_five_is_masked_in_the_file_as_on_the_page(cast, two_studies, frozen_today):
    """A third study in which only three social workers register: its shares are hidden on
    the page (–) and in the file (–), and so is the change."""
    spring, _ = two_studies
    monday = date(2026, 11, 16)
    frozen_today(date(2026, 11, 20), hh=18)
    small = services.create_study(
        acting_user=cast.maja, name="Mätning 11", unit_ids=[cast.inv_unit.pk], starts_on=monday
    )
    for p in small.participants.select_related("user").filter(kind="social_worker")[:3]:
        services.add_block(
            acting_user=p.user,
            client_id=uuid.uuid4(),
            category_code="child_time",
            started_at=local(2026, 11, 18, 8),
            ended_at=local(2026, 11, 18, 10),
        )
    services.close_study(acting_user=cast.maja, study_id=small.pk)
    client = Client()
    client.force_login(cast.maja)
    query = f"studie={spring.pk}&studie={small.pk}"
    page = client.get(f"/tidsmatning/jamfor/?{query}").content.decode()
    assert "<td>25 %</td><td>–</td><td>–</td>" in page
    rows = _sheet(client.get(f"/tidsmatning/jamfor/export.xlsx?{query}"), "Socialsekreterare")
    assert rows["Barntid"] == (0.25, "–", "–")
    assert rows["Deltagare"][:2] == (6, "–")
