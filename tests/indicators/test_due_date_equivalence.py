"""The SQL due dates of the indicators equal the rules engine's, on SQLite and PostgreSQL.

Both ways for the same registered rows: the rules engine (``skyddsnat.rules.evaluate`` over the
facts that ``cases.facts.facts_of_cases`` reads) and the SQL expressions the indicators
use (``indicators.catalogue``: the preliminary assessment's due date, the investigation's due
date by the law alone and on its closing day or a snapshot day with extensions, built by
``indicators.due_dates`` from the rules registry). For each row: the same due date (or none,
when no version of the rule was in force), and the same met-in-time / late / overdue answer.
Hypothesis draws the rows, a few hundred per run, around every version boundary of the registry
(valid-from and valid-to of each version, e.g. SoL 2025:400 from 2025-07-01), month ends, leap
days and local midnight, reports and applications (an application has no preliminary
assessment); the rows are written with ``bulk_create``.

A rule version added to the registry and not to the SQL is caught, by construction and by test:

- by construction, there is no list of versions on the SQL side to forget: ``due_dates.due_date``
  writes one ``CASE`` branch per version it reads from the registry, and refuses
  (``InexpressibleRule``) a version whose calendar rule it cannot write exactly;
- the dates drawn here are derived from the registry's own boundaries, and
  ``test_every_version_of_the_registry_is_exercised`` checks that every version of each kind
  decides at least one due date in its fixed cases, so a new version is compared too;
- ``test_a_version_missing_from_the_sql_is_detected`` adds a fake version (10 days instead of 14
  from 2027-01-01) to the registry the engine reads, while the SQL is still built from the real
  registry, and shows that the comparison reports the mismatch; with the SQL built from the same
  registry (as in production) the comparison passes again. It was also checked by hand that
  making the builder skip the newest version of each kind makes this file fail.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

import pytest
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from skyddsnat.cases.facts import facts_of_cases, rule_settings
from skyddsnat.cases.models import Case
from skyddsnat.indicators import catalogue, due_dates
from skyddsnat.intake.models import PreliminaryAssessment, Report
from skyddsnat.investigations.models import Extension, Investigation
from skyddsnat.people.models import Child
from skyddsnat.rules import RULES, STOCKHOLM, Period, Rule, RuleRegistry, RuleSettings, evaluate
from skyddsnat.rules import engine as rules_engine
from skyddsnat.rules.obligation import Status
from skyddsnat.rules.registry import (
    CUSTODY_TRANSFER_CONSIDERATION,
    INVESTIGATION,
    PRELIMINARY_ASSESSMENT,
    PROTECTIVE_ASSESSMENT,
)

pytestmark = pytest.mark.django_db

#: The kinds of time limit whose due dates the indicators compute in SQL.
SQL_KINDS = (PRELIMINARY_ASSESSMENT, INVESTIGATION)
#: The day the engine looks from when every fact must be seen.
FAR = date(2040, 1, 1)
FIRST, LAST = date(2010, 1, 1), date(2031, 12, 31)


def boundaries(registry: RuleRegistry) -> list[date]:
    """Return every day a version of an SQL kind starts or stops applying."""
    found = {
        day
        for kind in SQL_KINDS
        for rule in registry.for_kind(kind)
        for day in (rule.valid_from, rule.valid_to)
        if day is not None
    }
    return sorted(found)


LEAP_DAYS = [date(y, 2, 29) for y in range(2004, 2032, 4)]


def month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


near = st.builds(
    lambda anchor, shift: anchor + timedelta(days=shift),
    st.sampled_from(boundaries(RULES) + LEAP_DAYS),
    st.integers(-130, 20),
)
days = st.one_of(
    st.dates(FIRST, LAST),
    near,
    st.builds(month_end, st.integers(2001, 2030), st.integers(1, 12)),
)
# Local times around midnight too: the report counts on its Swedish local date.
times = st.one_of(
    st.sampled_from([time(0, 0), time(0, 30), time(23, 30), time(23, 59)]),
    st.times(),
)


@dataclass(frozen=True)
class Spec:
    """One generated case: a report, maybe decided, maybe investigated."""

    received_at: datetime
    decided_after: int | None
    opened_on: date | None
    closed_after: int | None
    #: (decided so many days after opening, new due date so many days after that)
    extensions: tuple[tuple[int, int], ...]
    #: The snapshot day, so many days after opening, for an open investigation.
    snapshot_after: int
    #: ``report`` or ``application`` (an application has no preliminary assessment either way).
    kind: str = "report"


specs = st.builds(
    Spec,
    received_at=st.builds(
        lambda d, t: datetime.combine(d, t, tzinfo=STOCKHOLM),
        days.filter(lambda d: d < LAST),
        times,
    ),
    decided_after=st.one_of(st.none(), st.integers(0, 30)),
    opened_on=st.one_of(st.none(), days),
    closed_after=st.one_of(st.none(), st.integers(0, 260), st.sampled_from([119, 120, 121, 123])),
    extensions=st.lists(
        st.tuples(st.one_of(st.sampled_from([100, 110]), st.integers(0, 180)), st.integers(1, 150)),
        max_size=3,
    ).map(tuple),
    snapshot_after=st.one_of(st.integers(0, 300), st.sampled_from([119, 120, 121, 122, 123])),
    kind=st.sampled_from(["report", "report", "report", "application"]),
)


# --- writing the rows ----------------------------------------------------------------------------


def create(cast, batch: list[Spec]) -> dict[int, Spec]:
    """Write the cases of ``batch`` in a few bulk inserts; return them by case id."""
    municipality, unit, user = cast.norrby, cast.inv_unit, cast.alice
    n0 = Child.objects.count()
    children = Child.objects.bulk_create(
        Child(
            municipality=municipality,
            reserve_id=f"EQ-{n0 + i}",
            first_name="Test",
            last_name=f"Barn {n0 + i}",
        )
        for i in range(len(batch))
    )
    reports = Report.objects.bulk_create(
        Report(
            municipality=municipality,
            unit=unit,
            kind=spec.kind,
            applicant="guardian" if spec.kind == "application" else "",
            received_at=spec.received_at,
            channel="phone",
            reporter_category="school",
            registered_by=user,
        )
        for spec in batch
    )
    cases = Case.objects.bulk_create(
        Case(municipality=municipality, unit=unit, child=child, report=report)
        for child, report in zip(children, reports, strict=True)
    )
    by_id = {case.pk: spec for case, spec in zip(cases, batch, strict=True)}
    PreliminaryAssessment.objects.bulk_create(
        PreliminaryAssessment(
            case=case,
            decided_on=spec.received_at.astimezone(STOCKHOLM).date()
            + timedelta(days=spec.decided_after),
            decided_by=user,
            outcome="opened" if spec.opened_on else "not_opened",
            not_opened_reason="" if spec.opened_on else "no_concern_confirmed",
            child_heard=True,
        )
        for case, spec in zip(cases, batch, strict=True)
        if spec.decided_after is not None
    )
    investigated = [(c, s) for c, s in zip(cases, batch, strict=True) if s.opened_on]
    investigations = Investigation.objects.bulk_create(
        Investigation(
            case=case,
            opened_on=spec.opened_on,
            closed_on=closed_on(spec),
            outcome="intervention" if spec.closed_after is not None else "",
        )
        for case, spec in investigated
    )
    Extension.objects.bulk_create(
        Extension(
            investigation=investigation,
            decided_on=spec.opened_on + timedelta(days=decided),
            decided_by="committee",
            reason="Väntar på BUP.",
            new_due_date=spec.opened_on + timedelta(days=decided + moved),
            recorded_by=user,
        )
        for investigation, (_, spec) in zip(investigations, investigated, strict=True)
        for decided, moved in spec.extensions
    )
    return by_id


def closed_on(spec: Spec) -> date | None:
    if spec.opened_on is None or spec.closed_after is None:
        return None
    return spec.opened_on + timedelta(days=spec.closed_after)


# --- both ways -----------------------------------------------------------------------------------


def flag(condition) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def engine_obligation(facts, kind: str, as_of: date, settings: RuleSettings):
    found = [o for o in evaluate(facts, as_of, settings) if o.kind == kind]
    assert len(found) <= 1
    return found[0] if found else None


def mismatches(by_id: dict[int, Spec]) -> list[str]:
    """Return every difference between the engine and the SQL for the cases ``by_id``."""
    settings = rule_settings()
    facts = {row.case_id: row.facts for row in facts_of_cases(Case.objects.filter(pk__in=by_id))}
    found: list[str] = []

    def compare(what: str, case_id: int, obligation, due, in_time, late=None) -> None:
        kept = obligation is not None and obligation.status is Status.MET
        missed = obligation is not None and obligation.status is Status.MET_LATE
        expected = (obligation.due_date if obligation else None, kept, missed)
        got = (due, bool(in_time), missed if late is None else bool(late))
        if got != expected:
            found.append(f"{what} of case {case_id} ({by_id[case_id]}): {expected} vs SQL {got}")

    prelims = (
        PreliminaryAssessment.objects.filter(case_id__in=by_id)
        .annotate(_due=catalogue.preliminary_due())
        .annotate(in_time=flag(catalogue.PRELIMINARY_IN_TIME))
        .values_list("case_id", "_due", "in_time")
    )
    for case_id, due, in_time in prelims:
        obligation = engine_obligation(facts[case_id], PRELIMINARY_ASSESSMENT, FAR, settings)
        compare("preliminary assessment", case_id, obligation, due, in_time)

    closed = (
        Investigation.objects.filter(case_id__in=by_id, closed_on__isnull=False)
        .annotate(
            _due=catalogue.investigation_due(), _law_due=catalogue.statutory_investigation_due()
        )
        .annotate(
            in_time=flag(catalogue.CLOSED_IN_TIME),
            late=flag(catalogue.CLOSED_LATE),
            in_law_time=flag(catalogue.CLOSED_IN_LAW_TIME),
            past_law_time=flag(catalogue.CLOSED_PAST_LAW_TIME),
        )
        .values_list(
            "case_id", "_due", "in_time", "late", "_law_due", "in_law_time", "past_law_time"
        )
    )
    for case_id, due, in_time, late, law_due, in_law_time, past_law_time in closed:
        case_facts = facts[case_id]
        obligation = engine_obligation(case_facts, INVESTIGATION, FAR, settings)
        compare("investigation", case_id, obligation, due, in_time, late)
        by_law = replace(case_facts, investigation=replace(case_facts.investigation, extensions=()))
        obligation = engine_obligation(by_law, INVESTIGATION, FAR, settings)
        compare("investigation by law", case_id, obligation, law_due, in_law_time, past_law_time)

    for case_id, spec in by_id.items():
        if spec.opened_on is None:
            continue
        day = spec.opened_on + timedelta(days=spec.snapshot_after)
        closed_day = closed_on(spec)
        if closed_day is not None and closed_day <= day:
            continue  # not open on the snapshot day
        due = (
            Investigation.objects.filter(case_id=case_id)
            .annotate(_due=catalogue.investigation_due(day))
            .values_list("_due", flat=True)
            .get()
        )
        obligation = engine_obligation(facts[case_id], INVESTIGATION, day, settings)
        expected = (
            (obligation.due_date, obligation.status is Status.OVERDUE)
            if obligation
            else (None, False)
        )
        got = (due, due is not None and due < day)  # catalogue.OVERDUE_OPEN: _due < snapshot day
        if got != expected:
            found.append(f"open investigation of case {case_id} on {day}: {expected} vs SQL {got}")
    return found


def check(cast, batch: list[Spec]) -> None:
    """Write ``batch``, compare both ways, and roll the rows back."""
    with transaction.atomic():
        by_id = create(cast, batch)
        assert mismatches(by_id) == []
        transaction.set_rollback(True)


# --- the tests -----------------------------------------------------------------------------------


# No shrinking: each step writes and compares a whole batch again (minutes on a failure), and the
# failure already names every case that differs, with its spec.
@settings(
    max_examples=8,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(specs, min_size=30, max_size=50))
def test_sql_due_dates_equal_the_rules_engine(cast, batch):
    check(cast, batch)


def edge_cases(registry: RuleRegistry) -> list[Spec]:
    """Return cases that start on and around every boundary of ``registry``'s SQL kinds."""
    out = []
    for day in boundaries(registry):
        for shift in (-1, 0, 1):
            start = day + timedelta(days=shift)
            for decided_after, closed_after in ((13, 119), (14, 120), (15, 123), (20, 200)):
                out.append(
                    Spec(
                        received_at=datetime.combine(start, time(12), tzinfo=STOCKHOLM),
                        decided_after=decided_after,
                        opened_on=start,
                        closed_after=closed_after,
                        extensions=((100, 40),) if closed_after == 200 else (),
                        snapshot_after=closed_after - 1,
                    )
                )
    return out


def test_every_version_of_the_registry_is_exercised(cast):
    batch = edge_cases(RULES)
    with transaction.atomic():
        by_id = create(cast, batch)
        assert mismatches(by_id) == []
        settings = rule_settings()
        used = {
            o.rule_id
            for row in facts_of_cases(Case.objects.filter(pk__in=by_id))
            for o in evaluate(row.facts, FAR, settings)
            if o.kind in SQL_KINDS
        }
        transaction.set_rollback(True)
    assert used == {rule.id for kind in SQL_KINDS for rule in RULES.for_kind(kind)}


def test_an_application_has_no_preliminary_due_date_either_way(cast):
    """An application starts an investigation directly (14 kap. 2 § SoL 2025:400): neither the
    engine nor the SQL gives the decision recorded on it a 14-day due date."""
    batch = [
        replace(spec, kind="application")
        for spec in edge_cases(RULES)
        if spec.received_at.date() == date(2025, 7, 1)
    ]
    with transaction.atomic():
        by_id = create(cast, batch)
        assert mismatches(by_id) == []
        dues = PreliminaryAssessment.objects.filter(case_id__in=by_id).annotate(
            _due=catalogue.preliminary_due()
        )
        assert {due for due in dues.values_list("_due", flat=True)} == {None}
        transaction.set_rollback(True)


def with_new_preliminary_version(registry: RuleRegistry, valid_from: date) -> RuleRegistry:
    """Return ``registry`` with a new, shorter version of the preliminary assessment."""
    rules = []
    for rule in registry:
        if rule.kind == PRELIMINARY_ASSESSMENT and rule.valid_to is None:
            rules.append(replace(rule, valid_to=valid_from))
            rules.append(
                replace(
                    rule,
                    id="preliminary_assessment/fake",
                    legal_reference="En påhittad lag",
                    valid_from=valid_from,
                    valid_to=None,
                    period=Period(10, "days"),
                )
            )
        else:
            rules.append(rule)
    return RuleRegistry(rules)


def test_a_version_missing_from_the_sql_is_detected(cast, monkeypatch):
    fake = with_new_preliminary_version(RULES, date(2027, 1, 1))
    batch = [spec for spec in edge_cases(fake) if spec.received_at.year == 2027]
    with transaction.atomic():
        by_id = create(cast, batch)
        assert mismatches(by_id) == []  # the real registry on both sides
        # The engine gets the new version; the SQL is still built from the real registry.
        monkeypatch.setattr(rules_engine, "RULES", fake)
        missing = mismatches(by_id)
        assert missing and all("preliminary assessment" in m for m in missing)
        # Built from the same registry, as in production, the SQL has the version too.
        monkeypatch.setattr(due_dates, "RULES", fake)
        assert mismatches(by_id) == []
        transaction.set_rollback(True)


# --- what the builder refuses --------------------------------------------------------------------


def test_the_builder_refuses_roll_forward():
    rolls = RuleSettings(roll_forward={PRELIMINARY_ASSESSMENT: True})
    with pytest.raises(due_dates.InexpressibleRule, match="rolls forward"):
        due_dates.due_date(PRELIMINARY_ASSESSMENT, "decided_on", settings=rolls)
    registry = RuleRegistry(
        replace(rule, roll_forward=True) if rule.kind == INVESTIGATION else rule for rule in RULES
    )
    with pytest.raises(due_dates.InexpressibleRule, match="investigation/sol2001"):
        due_dates.due_date(INVESTIGATION, "opened_on", registry=registry)


def test_the_builder_refuses_the_cutoff_and_versions_chosen_by_the_due_date():
    with pytest.raises(due_dates.InexpressibleRule, match="cut-off"):
        due_dates.due_date(PROTECTIVE_ASSESSMENT, "received_on")
    with pytest.raises(due_dates.InexpressibleRule, match="chosen by the due date"):
        due_dates.due_date(CUSTODY_TRANSFER_CONSIDERATION, "start_on")


def test_the_builder_refuses_a_calendar_rule_it_does_not_know():
    @dataclass(frozen=True)
    class SummerRule(Rule):
        skip_july: bool = False

    rules = [
        SummerRule(**{f.name: getattr(r, f.name) for f in dataclasses.fields(r)}, skip_july=True)
        if r.id == "investigation/sol2025"
        else r
        for r in RULES
    ]
    with pytest.raises(due_dates.InexpressibleRule, match="skip_july"):
        due_dates.due_date(INVESTIGATION, "opened_on", registry=RuleRegistry(rules))


def test_every_field_of_a_rule_is_read_or_known_to_be_words():
    # A new field of Rule must be placed: taught to the SQL builder (or refused by it) if it can
    # change a due date, listed among the words if it cannot.
    names = {f.name for f in dataclasses.fields(Rule)}
    assert names == due_dates.DATE_FIELDS | due_dates.WORD_FIELDS
    assert not due_dates.DATE_FIELDS & due_dates.WORD_FIELDS
