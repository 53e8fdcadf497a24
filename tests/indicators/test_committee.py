"""The committee's quarterly report: what it lists, what it never shows, who may have it, its cost."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skyddsnat.accounts.models import Role
from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.models import DuesMemo, IndicatorMemo
from skyddsnat.errors import Forbidden, InvalidInput
from skyddsnat.indicators import committee
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.committee import committee_report, last_completed_quarter
from skyddsnat.indicators.periods import Kind, Period
from skyddsnat.investigations import services as investigations
from skyddsnat.rules import investigation_due_date
from tests.services.flow import close_investigation, open_investigation
from tests.web.builders import named_case

D = date.fromisoformat
TODAY = D("2026-11-20")
#: The report of the third quarter of 2026 lists what is due by the end of the fourth.
HORIZON = D("2026-12-31")


def _investigation(user, opened_on: date, name: str, seed: int):
    """Return a case whose investigation was opened on ``opened_on`` (reported on the 1st)."""
    case = named_case(user, opened_on.replace(day=1), name, seed=seed)
    open_investigation(user, case, opened_on)
    case.refresh_from_db()
    return case


def _extend(user, case, decided_on: date, new_due_date: date) -> None:
    investigations.extend_investigation(
        acting_user=user,
        case_id=case.pk,
        decided_on=decided_on,
        decided_by="committee",
        reason="Väntar på utlåtande från BUP.",
        new_due_date=new_due_date,
    )


@pytest.fixture
def world(cast, frozen_today):
    """Norrby's investigations, and one in Söderby, as the committee meets in November 2026.

    - ``late``: opened 2026-06-10, four months have passed, no extension: listed, overdue;
    - ``extended``: opened 2026-05-04, extended until 2026-12-15: listed, with its new date;
    - ``soon``: opened 2026-08-20, due 2026-12-20 (before the horizon): listed, not overdue;
    - ``far``: opened 2026-11-02, due in March 2027: not listed;
    - ``extended_far``: opened 2026-07-01, extended into 2027: not listed;
    - ``closed_late``: opened 2026-03-02, closed 2026-08-10 (more than four months): not listed,
      counted among the closed investigations that ran late in the quarter;
    - ``soderby``: Söderby's, opened 2026-05-04: never in Norrby's report.
    """
    frozen_today(TODAY)
    cases = {
        "late": _investigation(cast.alice, D("2026-06-10"), "Ella Qvarnsenius", 1),
        "extended": _investigation(cast.alice, D("2026-05-04"), "Olle Zetterquist", 2),
        "soon": _investigation(cast.bob, D("2026-08-20"), "Saga Wirsénius", 3),
        "far": _investigation(cast.alice, D("2026-11-02"), "Vilgot Yxbergh", 4),
        "extended_far": _investigation(cast.alice, D("2026-07-01"), "Tyra Xylander", 5),
        "closed_late": _investigation(cast.alice, D("2026-03-02"), "Alva Quarfordt", 6),
        "soderby": _investigation(cast.sara, D("2026-05-04"), "Sixten Zorbeck", 7),
    }
    _extend(cast.alice, cases["extended"], D("2026-08-25"), D("2026-12-15"))
    _extend(cast.alice, cases["extended_far"], D("2026-10-20"), D("2027-02-15"))
    close_investigation(
        cast.alice, cases["closed_late"], D("2026-08-10"), delay_reasons=["high_workload"]
    )
    return cases


def _report(user, year: int = 2026, quarter: int = 3):
    return committee_report(acting_user=user, year=year, quarter=quarter)


# --- the investigations that need a decision ---------------------------------------------------


def test_lists_the_investigations_due_before_the_committee_meets_again(cast, world):
    report = _report(cast.nils)
    assert report.horizon == HORIZON
    listed = {c.case_id: c for c in report.candidates}
    assert set(listed) == {world[k].pk for k in ("late", "extended", "soon")}

    late = listed[world["late"].pk]
    assert late.opened_on == D("2026-06-10")
    assert late.due_date == investigation_due_date(D("2026-06-10"), (), TODAY)
    assert late.due_date < TODAY
    assert late.overdue and late.days_over == (TODAY - late.due_date).days
    assert not late.extended and late.extended_until is None
    assert late.unit_name == "Utredning barn"

    extended = listed[world["extended"].pk]
    assert extended.extended
    assert extended.extended_until == extended.due_date == D("2026-12-15")
    assert extended.extension_decided_on == D("2026-08-25")
    assert extended.extension_decided_by == "Nämnden"
    assert extended.four_months_on == D("2026-09-04")
    assert extended.days_left == 25 and not extended.overdue

    soon = listed[world["soon"].pk]
    assert not soon.overdue and not soon.extended
    assert soon.due_date == investigation_due_date(D("2026-08-20"), (), TODAY)


def test_the_most_overdue_comes_first(cast, world):
    due_dates = [c.due_date for c in _report(cast.nils).candidates]
    assert len(due_dates) == 3
    assert due_dates == sorted(due_dates)
    assert _report(cast.nils).overdue_count == 1


def test_another_municipality_is_never_in_the_report(cast, world):
    siv = cast.user("siv", Role.COMMITTEE, None, cast.soderby)
    assert [c.case_id for c in _report(siv).candidates] == [world["soderby"].pk]
    assert world["soderby"].pk not in [c.case_id for c in _report(cast.nils).candidates]


def test_the_horizon_is_the_end_of_the_next_quarter(cast, world):
    report = _report(cast.nils, 2026, 2)
    assert report.horizon == D("2026-09-30")
    # ``extended`` was due on 2026-09-04 but is extended until December; ``late`` is due in
    # October: the due date that counts is the current one.
    assert report.candidates == ()
    report = _report(cast.nils, 2026, 4)
    assert report.horizon == D("2027-03-31")
    listed = [c.case_id for c in report.candidates]
    assert set(listed) == {world[k].pk for k in ("late", "extended", "soon", "far", "extended_far")}


def test_the_closed_investigations_that_ran_late_are_counted_and_masked(cast, world):
    report = _report(cast.nils)
    late = report.closed_late
    assert late.id == "investigations_late_count"
    assert late.current.masked  # one is a small number for the committee
    assert late.current.mask_reason
    assert late.year_before.value == 0


def test_no_child_name_or_identity_number_in_the_report(cast, world):
    text = repr(_report(cast.nils))
    for case in world.values():
        child = case.child
        for secret in (child.first_name, child.last_name, child.personal_identity_number):
            assert secret not in text
        assert child.identifier not in text


# --- the indicators ------------------------------------------------------------------------------


def test_headline_indicators_for_the_quarter_and_a_year_earlier(cast, world):
    report = _report(cast.nils)
    assert report.period == Period(Kind.QUARTER, 2026, 3)
    assert report.comparison == Period(Kind.QUARTER, 2025, 3)
    assert [h.id for h in report.headlines] == list(committee.HEADLINE_IDS)
    opened = {h.id: h for h in report.headlines}["reports_count"]
    # Two reports came in in the quarter (July 1 and August 1): masked for the committee.
    assert opened.current.masked
    assert opened.year_before.value == 0
    assert not report.provisional


def test_the_current_quarter_is_provisional(cast, world):
    assert _report(cast.nils, 2026, 4).provisional


def test_the_default_quarter_is_the_last_completed_one():
    assert last_completed_quarter(D("2026-11-20")) == Period(Kind.QUARTER, 2026, 3)
    assert last_completed_quarter(D("2026-01-01")) == Period(Kind.QUARTER, 2025, 4)


@pytest.mark.parametrize(("year", "quarter"), [(2026, 0), (2026, 5), (1800, 1)])
def test_a_bad_quarter_is_refused_in_swedish(cast, year, quarter):
    with pytest.raises(InvalidInput) as raised:
        _report(cast.nils, year, quarter)
    assert any(("kvartal" in m or "Året" in m) for ms in raised.value.errors.values() for m in ms)


# --- time limits kept and missed -----------------------------------------------------------------


#: Worked by hand from ``world`` for the third quarter of 2026 (1 July – 30 September), per kind:
#: (fell due, kept, missed).
#:
#: - protective assessment, the day of the report: ``extended_far`` (1 July) and ``soon``
#:   (1 August), both made that day: 2, 2, 0;
#: - preliminary assessment, 14 days after the report: ``extended_far`` decided on 1 July (kept),
#:   ``soon`` due 15 August and decided on 20 August (missed): 2, 1, 1;
#: - feedback to the reporter: ``extended_far`` and ``soon``, none given: 2, 0, 2;
#: - investigation, four months: ``closed_late`` due 2 July, closed 10 August: 1, 0, 1.
#:   ``extended`` reached four months on 4 September, but its extension moved the time limit to
#:   15 December, outside the quarter.
#:
#: Everything else falls due before July or after September; Söderby's case is never counted.
KEPT_AND_MISSED = {
    "protective_assessment": (2, 2, 0),
    "preliminary_assessment": (2, 1, 1),
    "reporter_feedback": (2, 0, 2),
    "investigation": (1, 0, 1),
    # The two investigations opened in the world never recorded that the guardians and the
    # child were told (20 kap. 4 § SoL (2025:400), due the day it opens).
    "investigation_information": (2, 0, 2),
}


def test_time_limits_kept_and_missed_per_kind(cast, world):
    """The manager of the unit that owns every case sees the small numbers."""
    obligations = _report(cast.maja).obligations
    assert obligations.available
    figures = {row.kind: (row.fell_due, row.kept, row.missed) for row in obligations.rows}
    assert {kind: f for kind, f in figures.items() if f != (0, 0, 0)} == KEPT_AND_MISSED
    assert len(figures) > len(KEPT_AND_MISSED)  # the kinds with nothing due are listed as 0
    labels = {row.kind: row.label for row in obligations.rows}
    assert labels["preliminary_assessment"] == "Förhandsbedömning"
    total = obligations.total
    assert (total.fell_due, total.kept, total.missed) == (9, 3, 6)
    assert total.share == pytest.approx(3 / 9, abs=1e-4)


def test_the_committee_sees_the_small_numbers_masked_and_the_total(cast, world):
    obligations = _report(cast.nils).obligations
    rows = {row.kind: row for row in obligations.rows}
    for kind in KEPT_AND_MISSED:  # fewer than five each
        assert rows[kind].masked and rows[kind].mask_reason
        assert (rows[kind].fell_due, rows[kind].kept, rows[kind].missed) == (None, None, None)
    total = obligations.total
    assert not total.masked
    assert (total.fell_due, total.kept, total.missed) == (9, 3, 6)


def test_time_limits_not_yet_computed_say_so(cast, world, monkeypatch):
    """An indicator the registry marks as not computed yet: the section says so, with no rows."""
    note = "Inte beräknad ännu: tidsfristerna räknas fram av regelmotorn."
    indicator = d.INDICATORS.get(committee.OBLIGATIONS_ID)
    monkeypatch.setitem(
        d.INDICATORS._by_id,
        committee.OBLIGATIONS_ID,
        replace(indicator, available=False, note=note),
    )
    obligations = _report(cast.nils).obligations
    assert not obligations.available
    assert obligations.note == note
    assert obligations.rows == ()


# --- who may have it, and what it leaves behind ---------------------------------------------------


@pytest.mark.parametrize("name", ["nils", "ana", "maja"])
def test_the_committee_analysts_and_managers_may_have_the_report(cast, world, name):
    assert _report(getattr(cast, name)).candidates


@pytest.mark.parametrize("name", ["alice", "ida", "adam", "sara"])
def test_other_roles_may_not(cast, name):
    with pytest.raises(Forbidden):
        _report(getattr(cast, name))


def test_each_report_writes_one_audit_row(cast, world):
    before = AuditEvent.objects.count()
    committee_report(acting_user=cast.nils, year=2026, quarter=3)
    committee_report(acting_user=cast.nils, year=2026, quarter=3, action=committee.EXPORT)
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert [(r.action, r.actor_id, r.object_type, r.object_id) for r in rows] == [
        ("read", cast.nils.pk, "committee_report", "2026Q3"),
        ("export", cast.nils.pk, "committee_report", "2026Q3"),
    ]
    assert rows[0].case_id is None
    assert "investigations=3" in rows[0].detail


def test_a_refused_report_writes_no_audit_row(cast):
    before = AuditEvent.objects.count()
    with pytest.raises(Forbidden):
        _report(cast.alice)
    assert AuditEvent.objects.count() == before


# --- the cost ------------------------------------------------------------------------------------


def _queries(user) -> int:
    """The statements of the report with nothing kept: no case's obligations (decision 0052),
    no indicator's table (decision 0053)."""
    DuesMemo.objects.all().delete()
    IndicatorMemo.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        _report(user)
    return len(queries.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_investigations(cast, frozen_today):
    frozen_today(TODAY)
    for seed in (1, 2):
        case = _investigation(cast.alice, D("2026-06-10"), f"Barn Nummer{seed}", seed)
        _extend(cast.alice, case, D("2026-09-01"), D("2026-12-01"))
    few = _queries(cast.nils)
    assert len(_report(cast.nils).candidates) == 2
    for seed in (3, 4, 5, 6):
        case = _investigation(cast.bob, D("2026-06-10"), f"Barn Nummer{seed}", seed)
        _extend(cast.bob, case, D("2026-09-01"), D("2026-12-01"))
    assert len(_report(cast.nils).candidates) == 6
    assert _queries(cast.nils) == few
