"""Results per group: shares of registered time, hidden below 5 participants (no database)."""

from __future__ import annotations

import pytest

from skyddsnat.indicators.masking import SECONDARY, SMALL
from skyddsnat.timestudy.results import Registered, groups

SW = "social_worker"


def rows(unit: int, people: range, child: int = 10, other: int = 90):
    for p in people:
        yield Registered(p, SW, unit, "child_time", child)
        yield Registered(p, SW, unit, "indirect_time", other)


def test_shares_are_of_the_groups_registered_time():
    found = groups([*rows(1, range(5)), *rows(2, range(5, 10), child=30, other=70)], [1, 2])
    assert found[(SW, 1)].share({"child_time"}) == pytest.approx(0.10)
    assert found[(SW, 2)].share({"child_time"}) == pytest.approx(0.30)
    assert found[(SW, None)].share({"child_time"}) == pytest.approx(0.20)
    assert found[(SW, None)].share({"child_time", "indirect_time"}) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("sizes", "hidden"),
    [
        ((5, 5), {}),
        ((4, 6), {(SW, 1): SMALL, (SW, 2): SECONDARY}),  # else 2 = municipality − 1
        ((4, 3, 6), {(SW, 1): SMALL, (SW, 2): SMALL}),
        ((3,), {(SW, 1): SMALL, (SW, None): SMALL}),
        ((0, 7), {}),  # an empty unit shows nothing, hides nothing
    ],
)
def test_groups_of_fewer_than_five_participants_are_hidden(sizes, hidden):
    data, first = [], 0
    for unit, size in enumerate(sizes, start=1):
        data += rows(unit, range(first, first + size))
        first += size
    found = groups(data, range(1, len(sizes) + 1))
    assert {k: g.hidden for k, g in found.items() if g.hidden} == hidden
    for key in hidden:
        assert found[key].share({"child_time"}) is None


# --- the study's results, through the service and the page -------------------------------------


def _registered_study(cast, frozen_today, extra: int):
    """A closed study of the investigation unit with ``extra`` more social workers; each social
    worker registers 1 hour of Barntid and 3 hours of Indirekt tid on Wednesday."""
    import uuid
    from datetime import date

    from skyddsnat.accounts.models import Role
    from skyddsnat.timestudy import services
    from tests.cast import local

    frozen_today(date(2026, 3, 20), hh=18)
    for i in range(extra):
        cast.user(f"sw{i}", Role.CASEWORKER, cast.inv_unit)
    study = services.create_study(
        acting_user=cast.maja,
        name="Mätning",
        unit_ids=[cast.inv_unit.pk],
        starts_on=date(2026, 3, 16),
    )
    for p in study.participants.select_related("user").filter(kind="social_worker"):
        for code, start, end in (("child_time", 8, 9), ("indirect_time", 9, 12)):
            services.add_block(
                acting_user=p.user,
                client_id=uuid.uuid4(),
                category_code=code,
                started_at=local(2026, 3, 18, start),
                ended_at=local(2026, 3, 18, end),
            )
    return services.close_study(acting_user=cast.maja, study_id=study.pk)


def test_the_results_show_shares_beside_the_national_result(cast, frozen_today, client):
    from skyddsnat.timestudy import services

    study = _registered_study(cast, frozen_today, extra=3)  # Alice, Bob and three more
    found = services.study_results(acting_user=cast.ana, study_id=study.pk)
    (workers,) = found.kinds  # the manager registered nothing
    rows = {r.label: (r.national, r.shares) for r in workers.rows}
    assert rows["Barntid"] == (2, [0.25, 0.25])
    heads = {r.label: (r.national, r.shares) for r in workers.headlines}
    assert heads["Direkt tid"] == (15, [0.25, 0.25])
    assert heads["Dokumentation och administration"] == (46, [0.75, 0.75])
    assert workers.participants == [5, 5]
    client.force_login(cast.nils)
    page = client.get("/tidsmatning/resultat/").content.decode()
    assert "25 %" in page and "46 %" in page


def test_the_results_of_fewer_than_five_are_not_shown(cast, frozen_today, client):
    from skyddsnat.timestudy import services

    study = _registered_study(cast, frozen_today, extra=2)
    (workers,) = services.study_results(acting_user=cast.maja, study_id=study.pk).kinds
    assert all(share is None for row in workers.rows for share in row.shares)
    assert workers.participants == [None, None]
    client.force_login(cast.maja)
    page = client.get(f"/tidsmatning/resultat/?studie={study.pk}").content.decode()
    assert ("25 %" not in page and "Färre än 5" not in page) or "5 deltagare" in page


def test_the_registry_indicators_come_from_the_closed_study(cast, frozen_today):
    from skyddsnat.indicators.service import compute_indicators

    _registered_study(cast, frozen_today, extra=3)
    found = {
        (v.id, v.breakdown_key): v
        for v in compute_indicators(
            acting_user=cast.maja,
            period="2026",
            breakdown="unit",
            ids=["timestudy_child_time_share", "timestudy_documentation_admin_share"],
        )
    }
    assert found[("timestudy_child_time_share", None)].value == 0.25
    assert found[("timestudy_child_time_share", str(cast.inv_unit.pk))].value == 0.25
    assert found[("timestudy_documentation_admin_share", None)].value == 0.75


def test_the_registry_indicator_hides_a_group_under_five_even_from_its_manager(cast, frozen_today):
    from skyddsnat.indicators.service import compute_indicators

    _registered_study(cast, frozen_today, extra=2)
    (v,) = compute_indicators(
        acting_user=cast.maja, period="2026", ids=["timestudy_child_time_share"]
    )
    assert v.value is None


def test_the_results_are_exported_to_excel_and_the_export_audited(cast, frozen_today, client):
    import io

    from openpyxl import load_workbook

    from skyddsnat.audit.models import AuditEvent

    study = _registered_study(cast, frozen_today, extra=3)
    client.force_login(cast.ana)
    response = client.get(f"/tidsmatning/resultat/export.xlsx?studie={study.pk}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Socialsekreterare"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(values_only=True)}
    assert rows["Barntid"] == (0.25, 0.25, 0.02)
    assert AuditEvent.objects.filter(action="export", object_type="timestudy.study").exists()


def test_a_group_under_five_is_masked_in_the_results_file_too(cast, frozen_today, client):
    import io

    from openpyxl import load_workbook

    study = _registered_study(cast, frozen_today, extra=2)  # four social workers
    client.force_login(cast.maja)
    response = client.get(f"/tidsmatning/resultat/export.xlsx?studie={study.pk}")
    sheet = load_workbook(io.BytesIO(response.content))["Socialsekreterare"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(values_only=True)}
    assert rows["Barntid"] == ("–", "–", 0.02)
    assert rows["Deltagare"][:2] == ("–", "–")
