"""GET /api/v1/indicators: the format, the errors, the roles, and nothing from elsewhere."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.accounts.models import Role
from tests.cast import local, pin_for
from tests.services.flow import case_about, decide_preliminary

D = date.fromisoformat


@pytest.fixture
def data(cast, frozen_today):
    """Norrby: six reports in 2026 (three girls, three boys), five assessed within 14 days.
    Söderby: three reports."""
    frozen_today(D("2027-01-15"))
    for seed in range(1, 7):
        case = case_about(
            cast.alice,
            local(2026, 3, seed, 9),
            pin_for(D(f"2014-02-{seed:02d}"), "girl" if seed % 2 else "boy", seed=seed),
        )
        decided = D(f"2026-03-{seed + (10 if seed < 6 else 20):02d}")
        decide_preliminary(cast.alice, case, decided, "opened")
    for seed in range(1, 4):
        case_about(cast.sara, local(2026, 4, seed), pin_for(D(f"2013-02-{seed:02d}"), seed=seed))


def test_it_answers_with_the_period_the_unit_and_the_values(cast, api_as, data):
    response = api_as(cast.ana).get(
        "/indicators", period="2026", id=["reports_count", "prelim_within_14d_share"]
    )
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("period", "period_label", "start", "end", "unit")} == {
        "period": "2026",
        "period_label": "2026",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "unit": None,
    }
    values = {(v["id"], v["breakdown_key"]): v for v in body["values"]}
    assert set(values) == {("reports_count", None), ("prelim_within_14d_share", None)}
    reports = values[("reports_count", None)]
    assert (reports["value"], reports["numerator"], reports["masked"], reports["unit"]) == (
        6,
        6,
        False,
        "count",
    )
    assert reports["name"] == "Antal orosanmälningar"
    # Decided after 10, 10, 10, 10, 10 and 20 days: 5 / 6.
    share = values[("prelim_within_14d_share", None)]
    assert (share["numerator"], share["denominator"], share["value"]) == (5, 6, 0.8333)
    assert share["unit"] == "share" and share["direction"] == "higher_is_better"


def test_it_masks_small_numbers_with_a_reason(cast, api_as, data):
    body = (
        api_as(cast.nils)
        .get("/indicators", period="2026-03", id="reports_count", breakdown="sex")
        .json()
    )
    values = {v["breakdown_key"]: v for v in body["values"]}
    assert values[None]["value"] == 6  # the total is shown
    masked = [values["girl"], values["boy"]]  # 3 and 3
    for v in masked:
        assert v["masked"]
        assert v["value"] is None and v["numerator"] is None and v["shown_as"] == "–"
        assert v["mask_reason"]


def test_it_gives_one_units_figures(cast, api_as, data):
    body = api_as(cast.maja).get("/indicators", unit=cast.inv_unit.pk, id="reports_count").json()
    assert body["unit"] == {"id": cast.inv_unit.pk, "name": "Utredning barn"}
    assert body["period"] == "2027"  # this year by default (the clock is at 2027-01-15)


@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        ({"period": "2026Q5"}, "period", "Ange perioden som år (2026)"),
        ({"period": "1 jan"}, "period", "kvartal (2026Q3)"),
        ({"breakdown": "colour"}, "breakdown", "Välj ett av"),
        ({"unit": "ett"}, "unit", "Ange ett heltal."),
        ({"id": "happiness"}, "id", "Okänd indikator: happiness."),
    ],
)
def test_bad_parameters_get_422_with_a_swedish_message_per_field(cast, api_as, params, field, text):
    response = api_as(cast.ana).get("/indicators", **params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    assert text in body["errors"][field][0]


def test_a_unit_of_another_municipality_is_not_found(cast, api_as, data):
    response = api_as(cast.ana).get("/indicators", unit=cast.soderby_unit.pk)
    assert response.status_code == 404
    assert response.json()["detail"] == "Enheten finns inte."


def test_another_municipalitys_reports_are_never_counted(cast, api_as, data):
    norrby = api_as(cast.ana).get("/indicators", period="2026", id="reports_count").json()
    assert norrby["values"][0]["value"] == 6
    soderby_manager = cast.user("stina", Role.MANAGER, cast.soderby_unit, cast.soderby)
    soderby = api_as(soderby_manager).get("/indicators", period="2026", id="reports_count").json()
    assert soderby["values"][0]["value"] == 3  # her own unit: not masked


@pytest.mark.parametrize(
    ("name", "status"),
    [("maja", 200), ("ana", 200), ("nils", 200), ("alice", 403), ("ida", 403), ("adam", 403)],
)
def test_managers_analysts_and_the_committee_may_ask(cast, api_as, name, status):
    response = api_as(getattr(cast, name)).get("/indicators", id="reports_count")
    assert response.status_code == status
    if status == 403:
        assert response.json()["detail"] == "Du har inte behörighet att se indikatorer."


def test_it_requires_a_login(api_as, db):
    assert api_as(None).get("/indicators").status_code == 401


def test_the_openapi_document_lists_it_with_its_breakdowns(cast, api_as):
    document = api_as(cast.ana).get("/openapi.json").json()
    operation = document["paths"]["/api/v1/indicators"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert names == {"period", "unit", "breakdown", "id"}
