"""The administration's yearly figures and document management plan: the number of children that
the indicators per 1 000 children divide by, and the plan's retention decisions, set on a page,
checked with Swedish messages, replaced with the earlier value kept in the log."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from skyddsnat.accounts import administration
from skyddsnat.accounts.models import ChildPopulation
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, InvalidInput
from skyddsnat.retention.models import RetentionPlanEntry
from skyddsnat.web.worklist import work_items
from tests.cast import local, pin_for
from tests.services.flow import case_about


@pytest.fixture
def admin_client(cast, frozen_today) -> Client:
    frozen_today(date(2026, 12, 3))
    client = Client()
    client.force_login(cast.adam)
    return client


def test_the_administrator_sets_a_years_children_and_sees_it(cast, admin_client):
    answer = admin_client.post("/administration/befolkning/", {"year": 2025, "children": 1640})
    assert answer.status_code == 302
    page = admin_client.get(answer["Location"]).content.decode()
    assert "Antalet barn 2025 är sparat: 1640." in page
    assert "<td>2025</td>" in page
    row = ChildPopulation.objects.get(municipality=cast.norrby, year=2025)
    assert row.children == 1640


def test_a_year_given_again_is_replaced_and_the_log_keeps_the_old_figure(cast, admin_client):
    administration.set_child_population(acting_user=cast.adam, year=2025, children=1600)
    administration.set_child_population(acting_user=cast.adam, year=2025, children=1640)
    assert ChildPopulation.objects.get(municipality=cast.norrby, year=2025).children == 1640
    log = admin_client.get("/administration/logg/").content.decode()
    assert "Antal barn i kommunen angivet" in log
    assert "2025: 1640 barn 0–17 år; tidigare 1600" in log


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"year": 1989, "children": 100}, "year", "Ange ett år mellan 1990 och 2026."),
        ({"year": 2027, "children": 100}, "year", "Ange ett år mellan 1990 och 2026."),
        ({"year": 2025, "children": 0}, "children", "mellan 1 och 1 000 000"),
        ({"year": 2025, "children": 1_000_001}, "children", "mellan 1 och 1 000 000"),
    ],
)
def test_an_implausible_figure_is_refused_in_swedish_and_nothing_stored(
    cast, admin_client, data, field, message
):
    answer = admin_client.post("/administration/befolkning/", data)
    assert answer.status_code == 422
    assert message in answer.content.decode()
    with pytest.raises(InvalidInput) as caught:
        administration.set_child_population(acting_user=cast.adam, **data)
    assert any(message in m for m in caught.value.errors[field])
    assert not ChildPopulation.objects.filter(municipality=cast.norrby, year=data["year"]).exists()


def test_only_the_administrator_sets_the_figure(cast, frozen_today):
    frozen_today(date(2026, 12, 3))
    for someone in (cast.maja, cast.ana, cast.alice, cast.nils):
        with pytest.raises(Forbidden):
            administration.set_child_population(acting_user=someone, year=2025, children=10)
    assert not ChildPopulation.objects.filter(year=2025).exists()


def test_the_plan_page_shows_the_laws_rules_and_records_a_decision(cast, admin_client):
    page = admin_client.get("/administration/gallring/").content.decode()
    assert "16 kap. 2 § första stycket 3 SoL (2025:400)" in page
    assert "Inget beslut: akterna bevaras." in page
    answer = admin_client.post(
        "/administration/gallring/",
        {
            "plan": "other",
            "other-years": "10",
            "other-reference": "Informationshanteringsplan, SN 2026-03-01 § 12",
            "other-decided_on": "2026-03-01",
        },
    )
    assert answer.status_code == 302
    entry = RetentionPlanEntry.objects.get(municipality=cast.norrby, kind="other")
    assert (entry.years, entry.decided_on) == (10, date(2026, 3, 1))
    page = admin_client.get("/administration/gallring/").content.decode()
    assert "Gallras 10 år efter den sista anteckningen." in page
    log = admin_client.get("/administration/logg/").content.decode()
    assert "Informationshanteringsplanen ändrad" in log
    assert "gallras efter 10 år" in log


def test_a_plan_decision_without_its_reference_is_refused(cast, admin_client):
    answer = admin_client.post(
        "/administration/gallring/",
        {"plan": "other", "other-years": "10", "other-decided_on": "2026-03-01"},
    )
    assert answer.status_code == 422
    assert "Ange beslutet." in answer.content.decode()
    assert not RetentionPlanEntry.objects.exists()


def test_a_kind_the_law_decides_cannot_be_planned(cast, admin_client):
    answer = admin_client.post(
        "/administration/gallring/",
        {"plan": "placement", "placement-years": "1", "placement-decided_on": "2026-03-01"},
    )
    assert answer.status_code == 422
    assert "Lagen bestämmer gallringen av den typen av akt." in answer.content.decode()
    assert not RetentionPlanEntry.objects.exists()


def test_emptying_the_years_removes_the_decision_and_the_files_are_kept(cast, admin_client):
    RetentionPlanEntry.objects.create(
        municipality=cast.norrby,
        kind="other",
        years=10,
        reference="SN § 12",
        decided_on=date(2026, 3, 1),
    )
    answer = admin_client.post(
        "/administration/gallring/",
        {"plan": "other", "other-years": "", "other-decided_on": "2026-12-01"},
    )
    assert answer.status_code == 302
    assert not RetentionPlanEntry.objects.exists()
    assert "Inget beslut: akterna bevaras." in admin_client.get(answer["Location"]).content.decode()
    assert "bevaras" in admin_client.get("/administration/logg/").content.decode()


def test_the_committees_own_time_limits_roll_forward_as_the_municipality_chooses(
    cast, admin_client
):
    """Lag (1930:173) 2 §, for the committee's own duties a municipality's choice (decision
    0042): by default the 14 days are judged against the calendar date, the next working day
    shown beside it; set to roll forward, the due date is the next working day."""
    case = case_about(cast.ida, local(2026, 2, 21, 10), pin_for(date(2015, 5, 17), seed=7))

    def preliminary():
        (due,) = [o for o in case_obligations(case) if o.kind == "preliminary_assessment"]
        return due

    assert preliminary().due_date == date(2026, 3, 7)  # a Saturday
    assert preliminary().legal_last_day == date(2026, 3, 9)
    page = admin_client.get("/administration/frister/").content.decode()
    assert "Bedöm mot kalenderdagen" in page
    answer = admin_client.post("/administration/frister/", {"roll_forward": "1"})
    assert answer.status_code == 302
    assert (
        "Inställningen för nämndens frister är sparad."
        in admin_client.get(answer["Location"]).content.decode()
    )
    cast.norrby.refresh_from_db()
    assert cast.norrby.roll_forward_own_duties is True
    assert (preliminary().due_date, preliminary().rolled_from) == (
        date(2026, 3, 9),
        date(2026, 3, 7),
    )
    (item,) = work_items(Case.objects.filter(pk=case.pk), date(2026, 3, 2))
    listed = [o for o in item.open_obligations if o.kind == "preliminary_assessment"]
    assert [o.due_date for o in listed] == [date(2026, 3, 9)]  # the work list follows it
    assert (
        "Inställning för nämndens frister ändrad"
        in admin_client.get("/administration/logg/").content.decode()
    )
    with pytest.raises(Forbidden):
        administration.set_roll_forward_own_duties(acting_user=cast.alice, roll_forward=False)
    assert admin_client.post("/administration/frister/", {"roll_forward": "x"}).status_code == 422


@pytest.mark.django_db(transaction=True)
def test_the_time_limits_setting_is_saved_in_a_transaction_of_its_own(cast, admin_client):
    """Outside a test's transaction (as in production), the setting locks the municipality's
    row in a transaction of its own: PostgreSQL refuses a row lock outside one."""
    answer = admin_client.post("/administration/frister/", {"roll_forward": "1"})
    assert answer.status_code == 302
    cast.norrby.refresh_from_db()
    assert cast.norrby.roll_forward_own_duties is True
