"""Properties that hold for any dates, checked with Hypothesis."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from skyddsnat.rules import (
    RULES,
    CaseFacts,
    EmergencyCustodyFacts,
    ExtensionFacts,
    InterventionFacts,
    InvestigationFacts,
    Rule,
    RuleSettings,
    add_months,
    evaluate,
    investigation_due_date,
    is_swedish_non_working_day,
    next_working_day,
)
from skyddsnat.rules.obligation import Status, status_at

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FAST = settings(max_examples=150, deadline=None)

days = st.dates(min_value=date(2014, 1, 1), max_value=date(2034, 12, 31))
offsets = st.integers(min_value=0, max_value=800)


def later(start: date, offset: int | None) -> date | None:
    return None if offset is None else start + timedelta(days=offset)


@st.composite
def case_facts(draw: st.DrawFn) -> CaseFacts:
    """Return a case with a report and, maybe, an investigation, placements and custodies."""
    received = draw(days)
    at = datetime.combine(received, draw(st.times()), tzinfo=STOCKHOLM)
    maybe = st.none() | offsets
    investigation = None
    if draw(st.booleans()):
        opened = received + timedelta(days=draw(st.integers(0, 30)))
        extensions = tuple(
            ExtensionFacts(
                decided_on=opened + timedelta(days=a),
                new_due_date=add_months(opened, 4) + timedelta(days=b),
            )
            for a, b in draw(
                st.lists(st.tuples(st.integers(0, 200), st.integers(-20, 120)), max_size=3)
            )
        )
        investigation = InvestigationFacts(opened, later(opened, draw(maybe)), extensions)
    interventions = []
    for n in range(draw(st.integers(0, 2))):
        started = received + timedelta(days=draw(offsets))

        def events(start: date = started) -> tuple[date, ...]:
            return tuple(start + timedelta(days=o) for o in draw(st.lists(offsets, max_size=5)))

        interventions.append(
            InterventionFacts(
                id=f"i{n}",
                kind="foster_home",
                started_on=started,
                ended_on=later(started, draw(maybe)),
                evaluated_on=later(started, draw(maybe)),
                is_placement=draw(st.booleans()),
                in_foster_home=draw(st.booleans()),
                visits=events(),
                reviews=events(),
                custody_transfer_considerations=events(),
            )
        )
    custodies = tuple(
        EmergencyCustodyFacts(
            id=f"c{n}",
            decided_on=(decided := received + timedelta(days=draw(st.integers(0, 30)))),
            carried_out_on=later(decided, draw(st.none() | st.integers(0, 3))),
            court_submitted_on=later(decided, draw(st.none() | st.integers(0, 20))),
            care_applied_on=later(decided, draw(st.none() | st.integers(0, 60))),
        )
        for n in range(draw(st.integers(0, 2)))
    )
    return CaseFacts(
        report_received_at=at,
        protective_assessment_made_at=(
            at + timedelta(hours=draw(st.integers(0, 72))) if draw(st.booleans()) else None
        ),
        preliminary_assessment_decided_on=later(received, draw(maybe)),
        investigation_already_running=draw(st.booleans()),
        mandatory_reporter=draw(st.booleans()),
        reporter_feedback_requested_on=later(received, draw(maybe)),
        reporter_feedback_sent_on=later(received, draw(maybe)),
        investigation=investigation,
        interventions=tuple(interventions),
        emergency_custodies=custodies,
    )


rule_settings = st.builds(
    RuleSettings,
    protective_cutoff=st.times(),
    placement_visit_months=st.integers(1, 6),
    evaluation_months=st.integers(1, 12),
    due_soon_days=st.dictionaries(st.sampled_from(RULES.kinds), st.integers(0, 30)),
    roll_forward=st.dictionaries(st.sampled_from(RULES.kinds), st.booleans()),
)


@FAST
@given(case_facts(), offsets, rule_settings)
def test_evaluate_sees_only_what_had_happened_by_as_of(
    facts: CaseFacts, offset: int, unit: RuleSettings
):
    """No obligation starts, or is met, after as_of; none is due before it started."""
    as_of = facts.report_received_at.date() + timedelta(days=offset)
    for obligation in evaluate(facts, as_of, unit):
        assert obligation.start_date <= as_of
        assert obligation.met_at is None or obligation.met_at <= as_of
        assert obligation.due_date >= obligation.start_date or obligation.kind == "investigation"
        assert obligation.days_left == (obligation.due_date - as_of).days
        assert obligation.explanation.endswith(".")
        assert obligation.status.is_met is (obligation.met_at is not None)


@FAST
@given(case_facts(), offsets)
def test_evaluate_is_sorted_by_due_date_then_kind(facts: CaseFacts, offset: int):
    as_of = facts.report_received_at.date() + timedelta(days=offset)
    obligations = evaluate(facts, as_of)
    keys = [(o.due_date, o.kind) for o in obligations]
    assert keys == sorted(keys)


@FAST
@given(days, st.sampled_from(list(RULES)), rule_settings, st.integers(1, 4), st.times())
def test_a_due_date_is_never_before_its_start(
    start: date, rule: Rule, unit: RuleSettings, sequence: int, at: time
):
    """With or without cut-off and roll-forward, a rule's due date is on or after the start."""
    deadline = rule.deadline(start, unit, sequence=sequence, start_time=at)
    assert deadline.due_date >= start
    if deadline.legal_last_day is not None:
        assert deadline.legal_last_day > deadline.due_date


@FAST
@given(days, st.lists(st.tuples(st.integers(1, 60), st.integers(1, 60)), max_size=5))
def test_later_extensions_never_move_the_due_date_earlier(
    opened: date, steps: list[tuple[int, int]]
):
    """Extensions that each postpone the current date make the due date non-decreasing in time."""
    extensions = []
    decided, due = opened, add_months(opened, 4)
    for decide_gap, extra in steps:
        decided += timedelta(days=decide_gap)
        due += timedelta(days=extra)
        extensions.append(ExtensionFacts(decided_on=decided, new_due_date=due))
    checkpoints = [opened, *(e.decided_on for e in extensions), decided + timedelta(days=1)]
    dues = [investigation_due_date(opened, extensions, day) for day in checkpoints]
    assert dues == sorted(dues)
    assert dues[0] == add_months(opened, 4)


@FAST
@given(days, st.integers(-30, 30), st.integers(0, 400), st.integers(0, 30))
def test_met_and_met_late_split_exactly_at_the_due_date(
    due: date, delta: int, later_by: int, soon: int
):
    met_at = due + timedelta(days=delta)
    status = status_at(
        due_date=due,
        met_at=met_at,
        as_of=max(due, met_at) + timedelta(days=later_by),
        due_soon_days=soon,
    )
    assert status == (Status.MET if delta <= 0 else Status.MET_LATE)


@FAST
@given(days, st.integers(-400, 400))
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(d: date, n: int):
    result = add_months(d, n)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n
    if result.day != d.day:
        assert result.day < d.day
        assert (result + timedelta(days=1)).day == 1  # the last day of its month
    if n >= 0:
        assert result >= d


@FAST
@given(days)
def test_next_working_day_is_the_first_working_day_on_or_after(d: date):
    result = next_working_day(d)
    assert result >= d
    assert not is_swedish_non_working_day(result)
    assert (result - d).days <= 5
    for offset in range((result - d).days):
        assert is_swedish_non_working_day(d + timedelta(days=offset))
