"""The LVU court path and the LVU measures, as tables of legal edge cases.

LVU (1990:52): 5 § (care must start within four weeks of the day the judgment became final, or
it lapses), 8 § andra stycket (the administrative court may extend the time for the application
for care), 14 § tredje stycket (a decision on contact or on not disclosing the whereabouts is
considered at least every three months), 22 § tredje stycket with 13 § andra stycket (a
decision on compulsory support is reviewed within six months of the committee's decision, then
within six months of the last review; from 2022-07-01, SFS 2022:664), 26 § första stycket (a
removal ban is considered at least every three months), 31 c § första stycket (a travel ban is
reviewed within six months of the decision, then within six months of the last review; from
2020-07-01, SFS 2020:352), 21 b § (the follow-up after care that ended before the child turned
18; from 2022-07-01) and 21 c § tredje stycket (the follow-up ends at the latest six months after
it started).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import (
    CaseFacts,
    EmergencyCustodyFacts,
    ExtensionFacts,
    InterventionFacts,
    LvuCourtCaseFacts,
    LvuFollowUpFacts,
    LvuMeasureFacts,
    evaluate,
)

D = date
RECEIVED = datetime(2025, 8, 1, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def rows(f: CaseFacts, as_of: date, kind: str) -> list[tuple[object, ...]]:
    return [
        (o.start_date, o.due_date, o.met_at, o.status.value, o.rule_id)
        for o in evaluate(f, as_of)
        if o.kind == kind
    ]


CARE_START = "lvu_care_start/lvu"


@pytest.mark.parametrize(
    ("court_case", "as_of", "expected"),
    [
        # LVU 5 §: four weeks from the day the judgment became final
        (
            LvuCourtCaseFacts("c1", D(2026, 1, 5), D(2026, 2, 2), True, D(2026, 2, 23)),
            D(2026, 3, 1),
            [(D(2026, 2, 23), D(2026, 3, 23), None, "open", CARE_START)],
        ),
        # an appealed judgment: the time runs from the day it became final, not the judgment
        (
            LvuCourtCaseFacts("c1", D(2026, 1, 5), D(2026, 2, 2), True, None),
            D(2026, 6, 1),
            [],
        ),
        # care not granted: no care to start
        (
            LvuCourtCaseFacts("c1", D(2026, 1, 5), D(2026, 2, 2), False, D(2026, 2, 23)),
            D(2026, 6, 1),
            [],
        ),
        # care started on the last day: in time
        (
            LvuCourtCaseFacts(
                "c1", D(2026, 1, 5), D(2026, 2, 2), True, D(2026, 2, 23), D(2026, 3, 23)
            ),
            D(2026, 4, 1),
            [(D(2026, 2, 23), D(2026, 3, 23), D(2026, 3, 23), "met", CARE_START)],
        ),
        # not started within four weeks: overdue (the judgment lapses)
        (
            LvuCourtCaseFacts("c1", D(2026, 1, 5), D(2026, 2, 2), True, D(2026, 2, 23)),
            D(2026, 3, 24),
            [(D(2026, 2, 23), D(2026, 3, 23), None, "overdue", CARE_START)],
        ),
        # a final date registered later than as_of is not seen yet
        (
            LvuCourtCaseFacts("c1", D(2026, 1, 5), D(2026, 2, 2), True, D(2026, 2, 23)),
            D(2026, 2, 22),
            [],
        ),
    ],
)
def test_care_starts_within_four_weeks_of_a_final_judgment(court_case, as_of, expected):
    """LVU 5 §."""
    facts = CaseFacts(report_received_at=RECEIVED, lvu_court_cases=(court_case,))
    assert rows(facts, as_of, "lvu_care_start") == expected


@pytest.mark.parametrize(
    ("extension", "applied", "as_of", "expected"),
    [
        # no extension: four weeks from the day the custody was carried out (Thursday 2026-03-05)
        (None, None, D(2026, 4, 3), (D(2026, 4, 2), None, "overdue")),
        # the court granted more time before the last day: due the new day, not overdue
        (
            ExtensionFacts(D(2026, 3, 30), D(2026, 4, 16)),
            None,
            D(2026, 4, 3),
            (D(2026, 4, 16), None, "open"),
        ),
        # the extension is not seen before the court granted it
        (
            ExtensionFacts(D(2026, 4, 3), D(2026, 4, 16)),
            None,
            D(2026, 4, 2),
            (D(2026, 4, 2), None, "due_soon"),
        ),
        # applied within the extended time: met in time
        (
            ExtensionFacts(D(2026, 3, 30), D(2026, 4, 16)),
            D(2026, 4, 15),
            D(2026, 4, 20),
            (D(2026, 4, 16), D(2026, 4, 15), "met"),
        ),
        # a new last day on a Saturday rolls forward to Monday (lag 1930:173 2 §, court action)
        (
            ExtensionFacts(D(2026, 3, 30), D(2026, 4, 18)),
            None,
            D(2026, 4, 20),
            (D(2026, 4, 20), None, "due_soon"),
        ),
    ],
)
def test_a_court_granted_extension_of_the_care_application_time(
    extension, applied, as_of, expected
):
    """LVU 8 § andra stycket: the court may extend the four weeks of 8 § första stycket."""
    custody = EmergencyCustodyFacts(
        id="e1",
        decided_on=D(2026, 3, 5),
        carried_out_on=D(2026, 3, 5),
        court_submitted_on=D(2026, 3, 6),
        care_applied_on=applied,
        extension=extension,
    )
    facts = CaseFacts(report_received_at=RECEIVED, emergency_custodies=(custody,))
    [obligation] = [o for o in evaluate(facts, as_of) if o.kind == "lvu_care_application"]
    assert (obligation.due_date, obligation.met_at, obligation.status.value) == expected
    if extension is not None and extension.decided_on <= as_of:
        assert "Rätten medgav förlängning" in obligation.explanation


@pytest.mark.parametrize(
    ("kind", "decided", "reviews", "ended", "as_of", "expected"),
    [
        # 14 § tredje stycket: a contact restriction is considered within three months
        (
            "contact_restriction",
            D(2026, 1, 15),
            (),
            None,
            D(2026, 2, 1),
            [(1, D(2026, 1, 15), D(2026, 4, 15), None, "open")],
        ),
        # … and again three months after each consideration
        (
            "contact_restriction",
            D(2026, 1, 15),
            (D(2026, 4, 10),),
            None,
            D(2026, 5, 1),
            [
                (1, D(2026, 1, 15), D(2026, 4, 15), D(2026, 4, 10), "met"),
                (2, D(2026, 4, 10), D(2026, 7, 10), None, "open"),
            ],
        ),
        # 14 § andra stycket 2: not disclosing the whereabouts is reviewed the same way
        (
            "whereabouts_secret",
            D(2026, 1, 15),
            (),
            None,
            D(2026, 4, 16),
            [(1, D(2026, 1, 15), D(2026, 4, 15), None, "overdue")],
        ),
        # 26 §: a removal ban, at least every three months
        (
            "removal_ban",
            D(2026, 1, 31),
            (),
            None,
            D(2026, 2, 1),
            [(1, D(2026, 1, 31), D(2026, 4, 30), None, "open")],
        ),
        # a measure that ended before the next consideration fell due asks for none
        (
            "removal_ban",
            D(2026, 1, 31),
            (),
            D(2026, 3, 1),
            D(2026, 6, 1),
            [],
        ),
        # 31 c §: a travel ban, within six months of the decision
        (
            "travel_ban",
            D(2026, 1, 15),
            (D(2026, 7, 20),),
            None,
            D(2026, 8, 1),
            [
                (1, D(2026, 1, 15), D(2026, 7, 15), D(2026, 7, 20), "met_late"),
                (2, D(2026, 7, 20), D(2027, 1, 20), None, "open"),
            ],
        ),
        # 22 § tredje stycket: compulsory support, first within six months of the decision
        (
            "compulsory_support",
            D(2026, 1, 15),
            (),
            None,
            D(2026, 7, 10),
            [(1, D(2026, 1, 15), D(2026, 7, 15), None, "due_soon")],
        ),
        # a review dated before the decision does not count
        (
            "compulsory_support",
            D(2026, 1, 15),
            (D(2026, 1, 10),),
            None,
            D(2026, 2, 1),
            [(1, D(2026, 1, 15), D(2026, 7, 15), None, "open")],
        ),
    ],
)
def test_lvu_measures_are_reviewed(kind, decided, reviews, ended, as_of, expected):
    """LVU 14 § tredje stycket, 22 § tredje stycket, 26 § första stycket, 31 c § första stycket."""
    measure = LvuMeasureFacts("m1", kind, decided, ended, reviews)
    facts = CaseFacts(report_received_at=RECEIVED, lvu_measures=(measure,))
    found = [
        (o.sequence, o.start_date, o.due_date, o.met_at, o.status.value)
        for o in evaluate(facts, as_of)
        if o.kind.startswith("lvu_") and o.subject_id == "m1"
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("kind", "decided", "rule_id"),
    [
        ("travel_ban", D(2020, 7, 1), "lvu_travel_ban_review/lvu2020"),
        # before 31 c § came into force (SFS 2020:352) there was no travel ban
        ("travel_ban", D(2020, 6, 30), None),
        ("compulsory_support", D(2022, 7, 1), "lvu_support_review/lvu2022"),
        # the first review within six months of the decision: 22 § in its wording from 2022-07-01
        ("compulsory_support", D(2022, 6, 30), None),
        ("removal_ban", D(1990, 7, 1), "lvu_removal_ban_review/lvu"),
    ],
)
def test_the_review_rules_apply_from_the_day_they_came_into_force(kind, decided, rule_id):
    """LVU 31 c § (SFS 2020:352), 22 § tredje stycket (SFS 2022:664), 26 § (1990)."""
    measure = LvuMeasureFacts("m1", kind, decided)
    facts = CaseFacts(report_received_at=RECEIVED, lvu_measures=(measure,))
    found = [o.rule_id for o in evaluate(facts, decided) if o.subject_id == "m1"]
    assert found == ([rule_id] if rule_id else [])


def care(ended: date | None, *, lvu: bool = True, under_18: bool = True) -> InterventionFacts:
    return InterventionFacts(
        id="i1",
        kind="foster_home",
        started_on=D(2025, 1, 10),
        ended_on=ended,
        is_placement=True,
        in_foster_home=True,
        lvu_care=lvu,
        ended_under_18=under_18,
    )


@pytest.mark.parametrize(
    ("intervention", "follow_ups", "as_of", "expected"),
    [
        # 21 b §: LVU care ended before 18: the follow-up is to be started (a month: our reading)
        (
            care(D(2026, 3, 2)),
            (),
            D(2026, 3, 10),
            [("lvu_follow_up", D(2026, 3, 2), D(2026, 4, 2), None, "open")],
        ),
        # voluntary care (SoL) that ended: no follow-up under 21 b §
        (care(D(2026, 3, 2), lvu=False), (), D(2026, 3, 10), []),
        # care that ended when the child turned 18: no follow-up (21 b § is for those under 18)
        (care(D(2026, 3, 2), under_18=False), (), D(2026, 3, 10), []),
        # care still running: nothing yet
        (care(None), (), D(2026, 3, 10), []),
        # started: met, and 21 c § tredje stycket: ended at the latest six months after
        (
            care(D(2026, 3, 2)),
            (LvuFollowUpFacts("i1", D(2026, 3, 16)),),
            D(2026, 4, 1),
            [
                ("lvu_follow_up", D(2026, 3, 2), D(2026, 4, 2), D(2026, 3, 16), "met"),
                ("lvu_follow_up_end", D(2026, 3, 16), D(2026, 9, 16), None, "open"),
            ],
        ),
        # not ended within six months: overdue
        (
            care(D(2026, 3, 2)),
            (LvuFollowUpFacts("i1", D(2026, 3, 16)),),
            D(2026, 9, 17),
            [
                ("lvu_follow_up", D(2026, 3, 2), D(2026, 4, 2), D(2026, 3, 16), "met"),
                ("lvu_follow_up_end", D(2026, 3, 16), D(2026, 9, 16), None, "overdue"),
            ],
        ),
        # care that ended before 21 b § came into force (2022-07-01): no rule applies
        (care(D(2022, 6, 30)), (), D(2022, 7, 10), []),
    ],
)
def test_the_follow_up_after_lvu_care(intervention, follow_ups, as_of, expected):
    """LVU 21 b § and 21 c § tredje stycket (SFS 2022:664, from 2022-07-01)."""
    facts = CaseFacts(
        report_received_at=RECEIVED, interventions=(intervention,), lvu_follow_ups=follow_ups
    )
    found = [
        (o.kind, o.start_date, o.due_date, o.met_at, o.status.value)
        for o in evaluate(facts, as_of)
        if o.kind in ("lvu_follow_up", "lvu_follow_up_end")
    ]
    assert found == expected
