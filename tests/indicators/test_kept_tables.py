"""The indicator tables are kept while nothing they were counted from changed (decision 0053).

A kept table must give exactly the figures a count would, and a change to anything the
indicators read must make the next computation count again: a case registered or changed, a
unit's staff or the municipality's population, a new day. The first test holds the watched
tables to what the indicators read: a new indicator that reads a table nobody watches fails it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_q.models import Schedule

from skyddsnat.accounts.models import ChildPopulation, EmploymentPeriod, Role, Unit
from skyddsnat.cases.models import Case, IndicatorMemo, MunicipalityStamp
from skyddsnat.cases.stamps import MUNICIPALITY_WATCHED, WATCHED
from skyddsnat.indicators import kept, obligations
from skyddsnat.indicators.jobs import keep_followup_tables
from skyddsnat.indicators.periods import Period, trend
from skyddsnat.indicators.service import compute_indicators, compute_trend
from tests.indicators.test_service import BREAKDOWNS, _cases
from tests.plans import Statement, recording
from tests.services.test_facts_stamps import _triggers_on

D = date.fromisoformat
PERIODS = trend(Period.parse("2026"), 3)
#: Besides the watched tables: the stamps, the memos, and the caller (session, user, units).
OWN = {
    "cases_factsstamp",
    "cases_municipalitystamp",
    "cases_indicatormemo",
    "cases_duesmemo",
}


def _figures(user, period="2026", **kwargs) -> list:
    return compute_indicators(acting_user=user, period=period, **kwargs)


def _counted(user, period="2026", **kwargs) -> list:
    """The figures counted with no table kept."""
    IndicatorMemo.objects.all().delete()
    return _figures(user, period, **kwargs)


def _value(values, indicator_id: str):
    return next(v for v in values if v.id == indicator_id and v.breakdown_key is None)


def test_every_table_the_indicators_read_is_watched_by_a_trigger(cast, frozen_today):
    frozen_today(D("2027-01-15"))
    _cases(cast, 4, 1)
    statements: list[Statement] = []
    with recording(statements):
        for breakdown in BREAKDOWNS:
            IndicatorMemo.objects.all().delete()
            compute_trend(
                acting_user=cast.ana,
                periods=PERIODS,
                breakdown=breakdown,
                memo=obligations.window(PERIODS),
            )
    found = {t for s in statements for t in re.findall(r'(?:FROM|JOIN) "?(\w+)"?', s.sql)}
    # Not tables: an array of ids (PostgreSQL) and a JSON list of them (SQLite), decision 0051.
    read = {t for t in found if t.lower() not in {"unnest", "json_each"}}
    watched = {w.table for w in WATCHED} | {w.table for w in MUNICIPALITY_WATCHED}
    assert {"intake_report", "accounts_childpopulation", "timestudy_timeblock"} <= read
    assert read - OWN <= watched, f"not watched: {sorted(read - OWN - watched)}"
    for w in MUNICIPALITY_WATCHED:
        assert any("municipality_stamp" in name for name in _triggers_on(w.table)), w.table


def test_kept_tables_give_the_counted_figures_without_reading_the_cases(cast, frozen_today):
    frozen_today(D("2027-01-15"))
    _cases(cast, 12, 1)
    for breakdown in BREAKDOWNS:
        for user in (cast.ana, cast.maja):
            counted = _counted(user, breakdown=breakdown)
            statements: list[Statement] = []
            with recording(statements):
                again = _figures(user, breakdown=breakdown)
            assert again == counted, (breakdown, user)
            read = " ".join(s.sql for s in statements)
            assert "intake_report" not in read and "investigations_investigation" not in read
            assert len(statements) <= 6, [s.sql[:80] for s in statements]
    # The masking is the viewer's, not the kept table's: an analyst sees a small unit masked
    # that its manager sees.
    by_unit_ana = _figures(cast.ana, breakdown="unit")
    by_unit_maja = _figures(cast.maja, breakdown="unit")
    assert any(v.masked for v in by_unit_ana)
    assert sum(v.masked for v in by_unit_maja) < sum(v.masked for v in by_unit_ana)


def test_the_trend_keeps_each_period_for_the_figure_of_one_period(cast, frozen_today):
    frozen_today(D("2027-01-15"))
    _cases(cast, 8, 1)
    IndicatorMemo.objects.all().delete()
    together = compute_trend(
        acting_user=cast.ana, periods=PERIODS, memo=obligations.window(PERIODS)
    )
    with CaptureQueriesContext(connection) as queries:
        alone = _figures(cast.ana, PERIODS[0].code)
    assert alone == together[PERIODS[0]]
    assert len(queries.captured_queries) <= 6


def test_a_new_case_is_counted_at_once(cast, frozen_today):
    frozen_today(D("2027-01-15"))
    _cases(cast, 6, 1)
    before = _value(_figures(cast.ana), "reports_count")
    _cases(cast, 3, 50)
    after = _figures(cast.ana)
    assert _value(after, "reports_count").value == before.value + 3
    assert after == _counted(cast.ana)


def test_a_changed_case_and_a_removed_case_are_counted_at_once(cast, frozen_today):
    frozen_today(D("2027-01-15"))
    _cases(cast, 6, 1)
    first = kept.fingerprint(cast.alice.municipality_id)
    _figures(cast.ana)
    case = Case.objects.filter(municipality=cast.alice.municipality).order_by("pk").first()
    # A raw update, as a correction by hand would be: the triggers see it all the same.
    Case.objects.filter(pk=case.pk).update(unit=cast.intake_unit)
    second = kept.fingerprint(cast.alice.municipality_id)
    assert second != first
    assert _figures(cast.ana, breakdown="unit") == _counted(cast.ana, breakdown="unit")
    other = kept.fingerprint(cast.soderby.pk)
    _cases(cast, 1, 90)
    assert kept.fingerprint(cast.soderby.pk) == other  # another municipality's is its own


def test_the_population_and_the_staff_are_counted_at_once(cast, frozen_today):
    frozen_today(D("2027-01-15"))
    _cases(cast, 6, 1)
    municipality = cast.alice.municipality
    ChildPopulation.objects.create(municipality=municipality, year=2026, children=1000)
    rate = _value(_figures(cast.ana), "reports_per_1000").value
    ChildPopulation.objects.filter(municipality=municipality, year=2026).update(children=2000)
    assert _value(_figures(cast.ana), "reports_per_1000").value == rate / 2

    staff = _figures(cast.ana)
    EmploymentPeriod.objects.create(
        user=cast.bob, unit=cast.inv_unit, role=Role.CASEWORKER, started_on=D("2025-01-01")
    )
    assert _figures(cast.ana) == _counted(cast.ana) != staff


def test_the_municipality_stamp_follows_what_the_indicators_read_only(cast):
    def stamp(municipality) -> int | None:
        return (
            MunicipalityStamp.objects.filter(municipality=municipality)
            .values_list("stamp", flat=True)
            .first()
        )

    norrby = cast.alice.municipality
    before, other = stamp(norrby), stamp(cast.soderby)
    Unit.objects.create(municipality=norrby, name="Familjehemsenheten")
    after_unit = stamp(norrby)
    assert after_unit != before
    type(cast.bob).objects.filter(pk=cast.bob.pk).update(role=Role.MANAGER)
    after_role = stamp(norrby)
    assert after_role != after_unit
    # Logging in changes nothing the indicators read.
    type(cast.bob).objects.filter(pk=cast.bob.pk).update(last_login=timezone.now())
    assert stamp(norrby) == after_role
    assert stamp(cast.soderby) == other


def test_a_new_day_counts_again(cast, frozen_today):
    frozen_today(D("2027-01-15"))
    _cases(cast, 4, 1)
    _figures(cast.ana)
    frozen_today(D("2027-01-16"))
    with CaptureQueriesContext(connection) as queries:
        _figures(cast.ana)
    assert len(queries.captured_queries) > 20
    assert set(IndicatorMemo.objects.values_list("made_on", flat=True)) == {D("2027-01-16")}


def test_a_release_that_changes_what_a_count_runs_counts_again(cast, frozen_today, monkeypatch):
    # The digest covers the indicators and every module of Skyddsnät they import from.
    src = Path(kept.__file__).parents[2]
    files = {path.relative_to(src).as_posix() for path in kept.counted_by()}
    assert {
        "skyddsnat/indicators/staff.py",
        "skyddsnat/timestudy/categories.py",
        "skyddsnat/actionplans/followup.py",
        "skyddsnat/interventions/choices.py",
    } <= files
    frozen_today(D("2027-01-15"))
    _cases(cast, 4, 1)
    kept_figures = _figures(cast.ana)
    monkeypatch.setattr(kept, "code_digest", lambda: "the next release")
    with CaptureQueriesContext(connection) as queries:
        assert _figures(cast.ana) == kept_figures
    assert "intake_report" in " ".join(q["sql"] for q in queries.captured_queries)


def test_the_morning_job_counts_the_page_before_anyone_opens_it(cast, frozen_today, client):
    frozen_today(D("2027-01-15"))
    _cases(cast, 6, 1)
    summary = keep_followup_tables()
    assert summary.startswith("2027-01-15: 2 kommuner, ") and not summary.endswith(
        " 0 tabeller räknade"
    )
    assert keep_followup_tables().endswith(" 0 tabeller räknade")  # nothing changed since
    client.force_login(cast.maja)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/uppfoljning/")
    assert page.status_code == 200
    counted = " ".join(q["sql"] for q in queries.captured_queries)
    assert "intake_report" not in counted
    schedule = Schedule.objects.get(name="followup_tables")
    assert schedule.func == "skyddsnat.indicators.jobs.keep_followup_tables"
