"""The counting path (``obligations_due``) gives exactly what ``evaluate`` gives, filtered.

The indicators count obligations with ``obligations_due``: no explanation, only the kinds and the
window asked for, occurrences after the window skipped. Over generated facts (every kind of fact
the engine reads), windows, kinds and settings, the two paths must agree item for item.
"""

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from skyddsnat.rules import RULES, CaseFacts, RuleSettings, evaluate
from skyddsnat.rules.engine import Due, obligations_due
from skyddsnat.rules.facts import (
    FollowUpFacts,
    LulStatementFacts,
    LvuCourtCaseFacts,
    LvuFollowUpFacts,
    LvuMeasureFacts,
    PlanFacts,
    StayExtensionFacts,
    YouthServiceFacts,
)
from skyddsnat.rules.registry import MEASURE_REVIEWS
from skyddsnat.rules.triggers import TRIGGERS
from tests.rules.test_properties import case_facts, rule_settings

EXAMPLES = settings(max_examples=300, deadline=None)

offsets = st.integers(min_value=0, max_value=900)
maybe = st.none() | offsets


def _later(start: date, offset: int | None) -> date | None:
    return None if offset is None else start + timedelta(days=offset)


@st.composite
def rich_facts(draw: st.DrawFn) -> CaseFacts:
    """Return ``test_properties.case_facts`` with plans, LVU records, follow-ups, LUL statements,
    youth services and stay extensions added: every kind of fact a trigger reads."""
    facts = draw(case_facts())
    received = facts.report_received_at.date()
    ids = [i.id for i in facts.interventions] or ["i0"]

    def day() -> date:
        return received + timedelta(days=draw(offsets))

    plans = tuple(
        PlanFacts(draw(st.sampled_from(ids)), kind, number, day())
        for kind in ("care_plan", "implementation_plan")
        for number in range(1, draw(st.integers(0, 3)) + 1)
    )
    measures = tuple(
        LvuMeasureFacts(
            id=f"m{n}",
            kind=draw(st.sampled_from(sorted(MEASURE_REVIEWS))),
            decided_on=(decided := day()),
            ended_on=_later(decided, draw(maybe)),
            reviews=tuple(decided + timedelta(days=o) for o in draw(st.lists(offsets, max_size=4))),
        )
        for n in range(draw(st.integers(0, 2)))
    )
    court_cases = tuple(
        LvuCourtCaseFacts(
            id=f"k{n}",
            applied_on=(applied := day()),
            judgment_on=_later(applied, draw(maybe)),
            granted=draw(st.none() | st.booleans()),
            final_on=_later(applied, draw(maybe)),
            care_started_on=_later(applied, draw(maybe)),
        )
        for n in range(draw(st.integers(0, 1)))
    )
    lvu_follow_ups = tuple(
        LvuFollowUpFacts(draw(st.sampled_from(ids)), (s := day()), _later(s, draw(maybe)))
        for _ in range(draw(st.integers(0, 1)))
    )
    follow_ups = tuple(
        FollowUpFacts(f"f{n}", (s := day()), s + timedelta(days=3), _later(s, draw(maybe)))
        for n in range(draw(st.integers(0, 1)))
    )
    stays = tuple(
        StayExtensionFacts(draw(st.sampled_from(ids)), (s := day()), s + timedelta(days=60))
        for _ in range(draw(st.integers(0, 1)))
    )
    lul = tuple(
        LulStatementFacts(
            f"l{n}",
            (r := day()),
            r + timedelta(days=draw(st.integers(-5, 40))),
            _later(r, draw(maybe)),
        )
        for n in range(draw(st.integers(0, 1)))
    )
    youth = tuple(
        YouthServiceFacts(
            f"y{n}",
            (f := day()),
            _later(f, draw(maybe)),
            _later(f, draw(maybe)),
            draw(st.sampled_from(["", "Sjukdom"])),
        )
        for n in range(draw(st.integers(0, 1)))
    )
    interventions = tuple(
        replace(
            i,
            kind=draw(
                st.sampled_from(
                    ["foster_home", "emergency_foster_home", "protected_housing", "hvb"]
                )
            ),
            lvu_care=draw(st.booleans()),
            ended_under_18=draw(st.booleans()),
            decided_on=_later(i.started_on, draw(st.none() | st.integers(-10, 10))),
        )
        for i in facts.interventions
    )
    return replace(
        facts,
        report_is_application=draw(st.booleans()),
        reporter_feedback_withheld_reason=draw(st.sampled_from(["", "Olämpligt"])),
        interventions=interventions,
        care_plans=plans,
        lvu_measures=measures,
        lvu_court_cases=court_cases,
        lvu_follow_ups=lvu_follow_ups,
        follow_ups=follow_ups,
        stay_extensions=stays,
        lul_statements=lul,
        youth_services=youth,
    )


def _as_due(facts: CaseFacts, as_of: date, unit: RuleSettings) -> list[Due]:
    return [
        Due(
            kind=o.kind,
            subject_id=o.subject_id,
            sequence=o.sequence,
            start_date=o.start_date,
            due_date=o.due_date,
            met_at=o.met_at,
            met_by_exception=o.met_by_exception,
        )
        for o in evaluate(facts, as_of, unit)
    ]


@EXAMPLES
@given(
    rich_facts(),
    offsets,
    st.none() | st.integers(-400, 900),
    st.integers(0, 500),
    st.none() | st.frozensets(st.sampled_from(list(TRIGGERS)), max_size=4),
    rule_settings,
)
def test_the_counting_path_gives_what_evaluate_gives_in_the_window(
    facts: CaseFacts,
    offset: int,
    first_offset: int | None,
    length: int,
    kinds: frozenset[str] | None,
    unit: RuleSettings,
):
    received = facts.report_received_at.date()
    as_of = received + timedelta(days=offset)
    first = None if first_offset is None else received + timedelta(days=first_offset)
    last = None if first is None else first + timedelta(days=length)
    expected = [
        due
        for due in _as_due(facts, as_of, unit)
        if (first is None or first <= due.due_date)
        and (last is None or due.due_date <= last)
        and (kinds is None or due.kind in kinds)
    ]
    counted = obligations_due(facts, as_of, unit, first=first, last=last, kinds=kinds)
    assert Counter(counted) == Counter(expected)


@EXAMPLES
@given(rich_facts(), offsets, rule_settings)
def test_without_explanations_only_the_words_differ(
    facts: CaseFacts, offset: int, unit: RuleSettings
):
    as_of = facts.report_received_at.date() + timedelta(days=offset)
    full = evaluate(facts, as_of, unit)
    bare = evaluate(facts, as_of, unit, explain=False)
    assert [replace(o, explanation="") for o in full] == bare
    assert all(o.explanation for o in full)


@EXAMPLES
@given(rich_facts(), offsets, rule_settings)
def test_kept_is_the_status_met(facts: CaseFacts, offset: int, unit: RuleSettings):
    as_of = facts.report_received_at.date() + timedelta(days=offset)
    by_key = {
        (o.kind, o.subject_id, o.sequence, o.start_date): o for o in evaluate(facts, as_of, unit)
    }
    for due in obligations_due(facts, as_of, unit):
        obligation = by_key[(due.kind, due.subject_id, due.sequence, due.start_date)]
        assert due.kept is (obligation.status.value == "met")


def test_every_kind_has_a_trigger():
    assert set(TRIGGERS) <= set(RULES.kinds)
