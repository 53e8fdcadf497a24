"""The committee's temporary LVU bans and protected housing without consent, as tables.

LVU (1990:52): 27–30 §§ (a temporary removal ban decided by the committee is submitted to the
administrative court within a week of the decision, with 7 § första–tredje styckena, or it ceases;
once the court has confirmed it the committee applies for a removal ban within two weeks of the
court's decision, 29 §, or it ceases, 30 § första stycket 1) and 31 d–31 g §§ (a temporary travel
ban is submitted within a week, 31 e §; once confirmed the committee applies for a travel ban
within four weeks of the court's decision, which the court may extend, 31 f §; otherwise it
ceases, 31 g §; from 2020-07-01, SFS 2020:352). These are actions towards a court: a last day
on a Saturday, Sunday or public holiday moves to the next working day (2 § lagen (1930:173)).

Lag (2024:79) om placering av barn i skyddat boende (from 2024-04-01): 4 kap. 3–4 §§ (the
committee's immediate decision is submitted within a week, or it lapses), 4 kap. 6–7 §§ (after
the court confirmed it, the application under 3 kap. within six weeks of the day the placement
started, which the court may extend), 3 kap. 4 § (the court's decision lapses unless the
placement has started within four weeks of the day it became final), 5 kap. 3 § (considered at
least every six months) and 7 kap. 1 § (it ends).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyddsnat.rules import (
    CaseFacts,
    ExtensionFacts,
    InterventionFacts,
    LvuMeasureFacts,
    ProtectedHousingOrderFacts,
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


def ban(kind: str, decided: date, **extra: object) -> CaseFacts:
    return CaseFacts(
        report_received_at=RECEIVED,
        lvu_measures=(LvuMeasureFacts("m1", kind, decided, **extra),),  # type: ignore[arg-type]
    )


RB_SUB = "lvu_temporary_removal_ban_submission/lvu"
RB_APP = "lvu_removal_ban_application/lvu"
TB_SUB = "lvu_temporary_travel_ban_submission/lvu2020"
TB_APP = "lvu_travel_ban_application/lvu2020"

BAN_ROWS = [
    # (comment, measure kind, decided, extra facts, as_of, obligation kind, expected rows)
    (
        "28 § with 7 §: a week from the decision (Monday 2026-03-02 → Monday 2026-03-09)",
        "temporary_removal_ban",
        D(2026, 3, 2),
        {},
        D(2026, 3, 5),
        "lvu_temporary_removal_ban_submission",
        [(D(2026, 3, 2), D(2026, 3, 9), None, "open", RB_SUB)],
    ),
    (
        "28 § with 7 §: submitted on the last day, in time",
        "temporary_removal_ban",
        D(2026, 3, 2),
        {"court_submitted_on": D(2026, 3, 9)},
        D(2026, 3, 20),
        "lvu_temporary_removal_ban_submission",
        [(D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 9), "met", RB_SUB)],
    ),
    (
        "7 § tredje stycket: not submitted in a week, overdue (the ban has ceased)",
        "temporary_removal_ban",
        D(2026, 3, 2),
        {},
        D(2026, 3, 10),
        "lvu_temporary_removal_ban_submission",
        [(D(2026, 3, 2), D(2026, 3, 9), None, "overdue", RB_SUB)],
    ),
    (
        "2 § lag 1930:173: a week from Saturday 2026-03-28 ends on Saturday 2026-04-04, "
        "Easter Saturday: the next working day is Tuesday 2026-04-07 (Easter Monday between)",
        "temporary_removal_ban",
        D(2026, 3, 28),
        {"court_submitted_on": D(2026, 4, 7)},
        D(2026, 4, 10),
        "lvu_temporary_removal_ban_submission",
        [(D(2026, 3, 28), D(2026, 4, 7), D(2026, 4, 7), "met", RB_SUB)],
    ),
    (
        "29 §: no application is due before the court confirmed the temporary ban",
        "temporary_removal_ban",
        D(2026, 3, 2),
        {"court_submitted_on": D(2026, 3, 4)},
        D(2026, 4, 30),
        "lvu_removal_ban_application",
        [],
    ),
    (
        "29 §: two weeks from the court's decision (Friday 2026-03-06 → Friday 2026-03-20)",
        "temporary_removal_ban",
        D(2026, 3, 2),
        {"court_submitted_on": D(2026, 3, 4), "confirmed_on": D(2026, 3, 6)},
        D(2026, 3, 21),
        "lvu_removal_ban_application",
        [(D(2026, 3, 6), D(2026, 3, 20), None, "overdue", RB_APP)],
    ),
    (
        "29 §: applied within two weeks, met",
        "temporary_removal_ban",
        D(2026, 3, 2),
        {
            "court_submitted_on": D(2026, 3, 4),
            "confirmed_on": D(2026, 3, 6),
            "ban_applied_on": D(2026, 3, 18),
        },
        D(2026, 3, 21),
        "lvu_removal_ban_application",
        [(D(2026, 3, 6), D(2026, 3, 20), D(2026, 3, 18), "met", RB_APP)],
    ),
    (
        "29 § has no extension: an extension recorded by mistake changes nothing",
        "temporary_removal_ban",
        D(2026, 3, 2),
        {
            "confirmed_on": D(2026, 3, 6),
            "extension": ExtensionFacts(D(2026, 3, 10), D(2026, 4, 30)),
        },
        D(2026, 3, 21),
        "lvu_removal_ban_application",
        [(D(2026, 3, 6), D(2026, 3, 20), None, "overdue", RB_APP)],
    ),
    (
        "31 e §: a temporary travel ban is submitted within a week",
        "temporary_travel_ban",
        D(2026, 3, 2),
        {},
        D(2026, 3, 10),
        "lvu_temporary_travel_ban_submission",
        [(D(2026, 3, 2), D(2026, 3, 9), None, "overdue", TB_SUB)],
    ),
    (
        "31 f §: four weeks from the court's decision; 2026-04-03 is Good Friday, so the "
        "last day is Tuesday 2026-04-07",
        "temporary_travel_ban",
        D(2026, 3, 2),
        {"court_submitted_on": D(2026, 3, 4), "confirmed_on": D(2026, 3, 6)},
        D(2026, 3, 20),
        "lvu_travel_ban_application",
        [(D(2026, 3, 6), D(2026, 4, 7), None, "open", TB_APP)],
    ),
    (
        "31 f §: the court extended the time: the new day is the last day",
        "temporary_travel_ban",
        D(2026, 3, 2),
        {
            "confirmed_on": D(2026, 3, 6),
            "extension": ExtensionFacts(D(2026, 3, 30), D(2026, 4, 24)),
        },
        D(2026, 4, 10),
        "lvu_travel_ban_application",
        [(D(2026, 3, 6), D(2026, 4, 24), None, "open", TB_APP)],
    ),
    (
        "31 f §: the extension is not seen before the court granted it",
        "temporary_travel_ban",
        D(2026, 3, 2),
        {
            "confirmed_on": D(2026, 3, 6),
            "extension": ExtensionFacts(D(2026, 4, 8), D(2026, 4, 24)),
        },
        D(2026, 4, 8),
        "lvu_travel_ban_application",
        [(D(2026, 3, 6), D(2026, 4, 24), None, "open", TB_APP)],
    ),
    (
        "31 d §: no rule before 2020-07-01 (SFS 2020:352): a ban dated earlier owes nothing",
        "temporary_travel_ban",
        D(2020, 6, 20),
        {},
        D(2020, 7, 30),
        "lvu_temporary_travel_ban_submission",
        [],
    ),
    (
        "a temporary ban is not considered every three or six months (26 §, 31 c § are the "
        "court's bans')",
        "temporary_removal_ban",
        D(2026, 3, 2),
        {},
        D(2026, 9, 30),
        "lvu_removal_ban_review",
        [],
    ),
]


@pytest.mark.parametrize(
    ("comment", "kind", "decided", "extra", "as_of", "obligation", "expected"),
    BAN_ROWS,
    ids=[r[0][:60] for r in BAN_ROWS],
)
def test_the_temporary_bans_court_duties(
    comment, kind, decided, extra, as_of, obligation, expected
):
    """LVU 28 § with 7 § första–tredje styckena, 29–30 §§, 31 e–31 g §§; lag (1930:173) 2 §."""
    assert rows(ban(kind, decided, **extra), as_of, obligation) == expected


def test_the_extension_is_in_the_explanation():
    """31 f § LVU: the court-granted extension is shown with its day."""
    facts = ban(
        "temporary_travel_ban",
        D(2026, 3, 2),
        confirmed_on=D(2026, 3, 6),
        extension=ExtensionFacts(D(2026, 3, 30), D(2026, 4, 24)),
    )
    (obligation,) = [
        o for o in evaluate(facts, D(2026, 4, 1)) if o.kind == "lvu_travel_ban_application"
    ]
    assert "2026-04-24" in obligation.explanation


SUB = "protected_housing_submission/lag2024"
APP = "protected_housing_application/lag2024"
START = "protected_housing_start/lag2024"
CONS = "protected_housing_consideration/lag2024"


def order(**extra: object) -> CaseFacts:
    return CaseFacts(
        report_received_at=RECEIVED,
        protected_housing_orders=(ProtectedHousingOrderFacts("p1", **extra),),  # type: ignore[arg-type]
    )


HOUSING_ROWS = [
    # (comment, order facts, as_of, obligation kind, expected rows)
    (
        "4 kap. 3 §: the immediate decision is submitted within a week (Friday → Friday)",
        {"immediate_decided_on": D(2026, 1, 9)},
        D(2026, 1, 12),
        "protected_housing_submission",
        [(D(2026, 1, 9), D(2026, 1, 16), None, "open", SUB)],
    ),
    (
        "4 kap. 4 §: not submitted in time, overdue (the decision has lapsed)",
        {"immediate_decided_on": D(2026, 1, 9)},
        D(2026, 1, 17),
        "protected_housing_submission",
        [(D(2026, 1, 9), D(2026, 1, 16), None, "overdue", SUB)],
    ),
    (
        "2 § lag 1930:173: a week from 2025-12-24 ends on New Year's Eve; the next working day "
        "is Friday 2026-01-02",
        {"immediate_decided_on": D(2025, 12, 24), "court_submitted_on": D(2026, 1, 2)},
        D(2026, 1, 5),
        "protected_housing_submission",
        [(D(2025, 12, 24), D(2026, 1, 2), D(2026, 1, 2), "met", SUB)],
    ),
    (
        "3 kap. 3 §: an application made directly to the court has no submission",
        {"applied_on": D(2026, 1, 9)},
        D(2026, 3, 1),
        "protected_housing_submission",
        [],
    ),
    (
        "before 2024-04-01 the act was not in force: no obligation",
        {"immediate_decided_on": D(2024, 3, 20)},
        D(2024, 4, 20),
        "protected_housing_submission",
        [],
    ),
    (
        "4 kap. 6 §: six weeks from the placement's start once the court confirmed",
        {
            "immediate_decided_on": D(2026, 1, 9),
            "court_submitted_on": D(2026, 1, 12),
            "confirmed_on": D(2026, 1, 15),
            "placement_started_on": D(2026, 1, 9),
        },
        D(2026, 2, 1),
        "protected_housing_application",
        [(D(2026, 1, 9), D(2026, 2, 20), None, "open", APP)],
    ),
    (
        "4 kap. 6 §: not before the court confirmed",
        {"immediate_decided_on": D(2026, 1, 9), "placement_started_on": D(2026, 1, 9)},
        D(2026, 3, 1),
        "protected_housing_application",
        [],
    ),
    (
        "4 kap. 6 § andra stycket: the court extended the time",
        {
            "immediate_decided_on": D(2026, 1, 9),
            "confirmed_on": D(2026, 1, 15),
            "placement_started_on": D(2026, 1, 9),
            "extension": ExtensionFacts(D(2026, 2, 16), D(2026, 3, 13)),
            "applied_on": D(2026, 3, 12),
        },
        D(2026, 3, 20),
        "protected_housing_application",
        [(D(2026, 1, 9), D(2026, 3, 13), D(2026, 3, 12), "met", APP)],
    ),
    (
        "4 kap. 7 § 1: no application and no extension: overdue (the immediate insats lapses)",
        {
            "immediate_decided_on": D(2026, 1, 9),
            "confirmed_on": D(2026, 1, 15),
            "placement_started_on": D(2026, 1, 9),
        },
        D(2026, 2, 21),
        "protected_housing_application",
        [(D(2026, 1, 9), D(2026, 2, 20), None, "overdue", APP)],
    ),
    (
        "3 kap. 4 §: four weeks from the day the court's decision became final",
        {"applied_on": D(2026, 1, 9), "granted": True, "final_on": D(2026, 2, 10)},
        D(2026, 3, 11),
        "protected_housing_start",
        [(D(2026, 2, 10), D(2026, 3, 10), None, "overdue", START)],
    ),
    (
        "3 kap. 4 §: a placement already running after an immediate decision is met at once",
        {
            "immediate_decided_on": D(2026, 1, 9),
            "placement_started_on": D(2026, 1, 9),
            "confirmed_on": D(2026, 1, 15),
            "applied_on": D(2026, 2, 2),
            "granted": True,
            "final_on": D(2026, 3, 10),
        },
        D(2026, 3, 11),
        "protected_housing_start",
        [(D(2026, 3, 10), D(2026, 4, 7), D(2026, 3, 10), "met", START)],
    ),
    (
        "3 kap. 4 §: not granted: nothing to start",
        {"applied_on": D(2026, 1, 9), "granted": False, "final_on": D(2026, 2, 10)},
        D(2026, 6, 1),
        "protected_housing_start",
        [],
    ),
    (
        "5 kap. 3 §: considered within six months of the placement's start",
        {"immediate_decided_on": D(2026, 1, 9), "placement_started_on": D(2026, 1, 9)},
        D(2026, 6, 1),
        "protected_housing_consideration",
        [(D(2026, 1, 9), D(2026, 7, 9), None, "open", CONS)],
    ),
    (
        "5 kap. 3 §: then within six months of the last consideration",
        {
            "placement_started_on": D(2026, 1, 9),
            "considerations": (D(2026, 6, 1),),
        },
        D(2026, 6, 2),
        "protected_housing_consideration",
        [
            (D(2026, 1, 9), D(2026, 7, 9), D(2026, 6, 1), "met", CONS),
            (D(2026, 6, 1), D(2026, 12, 1), None, "open", CONS),
        ],
    ),
    (
        "7 kap. 1 §: once the insats ended nothing more is due",
        {
            "placement_started_on": D(2026, 1, 9),
            "considerations": (D(2026, 6, 1),),
            "ended_on": D(2026, 6, 1),
        },
        D(2027, 1, 1),
        "protected_housing_consideration",
        [(D(2026, 1, 9), D(2026, 7, 9), D(2026, 6, 1), "met", CONS)],
    ),
]


@pytest.mark.parametrize(
    ("comment", "facts", "as_of", "obligation", "expected"),
    HOUSING_ROWS,
    ids=[r[0][:60] for r in HOUSING_ROWS],
)
def test_protected_housing_without_consent(comment, facts, as_of, obligation, expected):
    """Lag (2024:79) 3 kap. 4 §, 4 kap. 3–4 §§ och 6–7 §§, 5 kap. 3 §, 7 kap. 1 §."""
    assert rows(order(**facts), as_of, obligation) == expected


def test_a_placement_under_the_2024_act_has_no_sol_review_of_its_own():
    """22 kap. 13 § andra stycket SoL (2025:400) gives way to 5 kap. 3 § lag (2024:79) for the
    placement the order concerns; another protected-housing placement keeps it."""
    placement = InterventionFacts(
        "i1", "protected_housing", D(2026, 1, 9), is_placement=True, decided_on=D(2026, 1, 9)
    )
    other = InterventionFacts(
        "i2", "protected_housing", D(2026, 1, 9), is_placement=True, decided_on=D(2026, 1, 9)
    )
    facts = CaseFacts(
        report_received_at=RECEIVED,
        interventions=(placement, other),
        protected_housing_orders=(
            ProtectedHousingOrderFacts(
                "p1", placement_started_on=D(2026, 1, 9), intervention_id="i1"
            ),
        ),
    )
    kinds = [(o.kind, o.subject_id) for o in evaluate(facts, D(2026, 2, 1))]
    assert ("protected_housing_review", "i2") in kinds
    assert ("protected_housing_review", "i1") not in kinds
    assert ("protected_housing_consideration", "p1") in kinds


@settings(max_examples=200, deadline=None)
@given(
    decided=st.dates(min_value=D(2020, 7, 1), max_value=D(2032, 12, 31)),
    kind=st.sampled_from(["temporary_removal_ban", "temporary_travel_ban"]),
)
def test_a_submission_is_due_a_week_later_or_the_next_working_day(decided, kind):
    """28 § with 7 § and 31 e § LVU, 2 § lag (1930:173): a week from the decision, moved to the
    next working day when that day is a Saturday, Sunday or holiday, and never earlier. The longest
    move is five days: a Christmas Eve on a Wednesday runs through Christmas, Boxing Day and the
    weekend to the Monday."""
    obligation = (
        "lvu_temporary_removal_ban_submission"
        if kind == "temporary_removal_ban"
        else ("lvu_temporary_travel_ban_submission")
    )
    [(start, due, _met, _status, _rule)] = rows(ban(kind, decided), decided, obligation)
    week = decided + timedelta(days=7)
    assert start == decided
    assert week <= due <= week + timedelta(days=5)
    assert due.weekday() < 5
    skipped = week
    while skipped < due:  # every day passed over is a weekend day or a (possible) holiday
        assert (
            skipped.weekday() >= 5
            or (skipped.month, skipped.day) in FIXED_HOLIDAYS
            or skipped.month in (3, 4, 5, 6)
        ), skipped
        skipped += timedelta(days=1)


@pytest.mark.parametrize(
    ("decided", "due"),
    [
        (D(2031, 12, 17), D(2031, 12, 29)),  # Christmas Eve on a Wednesday: five days later
        (D(2025, 4, 11), D(2025, 4, 22)),  # Good Friday 18 April to the Tuesday after Easter
        (D(2025, 6, 13), D(2025, 6, 23)),  # Midsummer Eve 20 June to the Monday
    ],
)
def test_a_submission_due_on_a_holiday_moves_to_the_named_working_day(decided, due):
    [(_start, got, _met, _status, _rule)] = rows(
        ban("temporary_removal_ban", decided), decided, "lvu_temporary_removal_ban_submission"
    )
    assert got == due


#: The fixed-date Swedish public holidays and eves of 2 § lag (1930:173) (New Year, Epiphany,
#: May Day, National Day, Christmas Eve to Boxing Day, New Year's Eve); the moving ones (Easter,
#: Ascension, Whitsun, Midsummer) fall in March–June.
FIXED_HOLIDAYS = {(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)}
