"""Due dates of every kind, as a table that reads like docs/spec/process.md section 3.

Each row: the kind, the registered facts, the obligation's start, its due date and the version of
the rule that applies. Times are Swedish local time unless a row says UTC.
"""

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import (
    CaseFacts,
    EmergencyCustodyFacts,
    InterventionFacts,
    InvestigationFacts,
    Obligation,
    RuleSettings,
    evaluate,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
D = date


def local(text: str) -> datetime:
    """Return "YYYY-MM-DD HH:MM" as an aware Stockholm datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def report(received: str | datetime = "2026-03-02 10:00", **facts: object) -> CaseFacts:
    """Return the facts of a case whose report came in at ``received``."""
    at = received if isinstance(received, datetime) else local(received)
    return CaseFacts(report_received_at=at, **facts)  # type: ignore[arg-type]


def decided(on: D) -> CaseFacts:
    """Return a case whose preliminary assessment was decided on ``on`` (a mandatory reporter
    who asked for feedback in the report)."""
    return report(
        datetime(on.year, on.month, on.day, 9, 0, tzinfo=STOCKHOLM),
        mandatory_reporter=True,
        reporter_feedback_requested_on=on,
        preliminary_assessment_decided_on=on,
    )


def investigation(opened: D) -> CaseFacts:
    return report(investigation=InvestigationFacts(opened_on=opened))


def placement(started: D, *, foster_home: bool = True) -> CaseFacts:
    return report(
        interventions=(
            InterventionFacts(
                id="p1",
                kind="foster_home" if foster_home else "residential_care_home",
                started_on=started,
                is_placement=True,
                in_foster_home=foster_home,
            ),
        )
    )


def custody(decided_on: D, carried_out: D | None = None) -> CaseFacts:
    return report(
        emergency_custodies=(
            EmergencyCustodyFacts(id="c1", decided_on=decided_on, carried_out_on=carried_out),
        )
    )


def ended(on: D) -> CaseFacts:
    return report(
        interventions=(
            InterventionFacts(
                id="i1", kind="contact_person", started_on=D(2025, 1, 1), ended_on=on
            ),
        )
    )


# fmt: off
DUE_DATES = [
    # kind / facts                                                      start            due              rule version
    # -- protective assessment: the same day; at or after 16:00 the next day
    ("protective_assessment", report("2026-03-02 15:59"),               D(2026, 3, 2),   D(2026, 3, 2),   "sol2025"),
    ("protective_assessment", report("2026-03-02 16:00"),               D(2026, 3, 2),   D(2026, 3, 3),   "sol2025"),
    ("protective_assessment", report("2026-03-02 23:59"),               D(2026, 3, 2),   D(2026, 3, 3),   "sol2025"),
    ("protective_assessment", report("2026-03-03 00:00"),               D(2026, 3, 3),   D(2026, 3, 3),   "sol2025"),
    # 23:30 UTC is 00:30 the next day in Stockholm: early in the day, so due that day
    ("protective_assessment", report(datetime(2026, 3, 2, 23, 30, tzinfo=UTC)), D(2026, 3, 3), D(2026, 3, 3), "sol2025"),
    # 15:30 UTC is 16:30 in Stockholm in winter: late in the day
    ("protective_assessment", report(datetime(2026, 3, 2, 15, 30, tzinfo=UTC)), D(2026, 3, 2), D(2026, 3, 3), "sol2025"),
    # 14:30 UTC is 16:30 in Stockholm in summer (UTC+2)
    ("protective_assessment", report(datetime(2026, 7, 2, 14, 30, tzinfo=UTC)), D(2026, 7, 2), D(2026, 7, 3), "sol2025"),
    ("protective_assessment", report("2025-06-30 10:00"),               D(2025, 6, 30),  D(2025, 6, 30),  "sol2001"),
    # -- preliminary assessment: received date + 14 days; SoL 2025:400 from 2025-07-01
    ("preliminary_assessment", report("2026-03-02 10:00"),              D(2026, 3, 2),   D(2026, 3, 16),  "sol2025"),
    ("preliminary_assessment", report("2025-12-24 11:00"),              D(2025, 12, 24), D(2026, 1, 7),   "sol2025"),
    ("preliminary_assessment", report("2026-03-02 23:59"),              D(2026, 3, 2),   D(2026, 3, 16),  "sol2025"),
    ("preliminary_assessment", report("2025-06-30 23:59"),              D(2025, 6, 30),  D(2025, 7, 14),  "sol2001"),
    ("preliminary_assessment", report("2025-07-01 00:00"),              D(2025, 7, 1),   D(2025, 7, 15),  "sol2025"),
    # 22:30 UTC on 30 June is 00:30 on 1 July in Stockholm: the new law
    ("preliminary_assessment", report(datetime(2025, 6, 30, 22, 30, tzinfo=UTC)), D(2025, 7, 1), D(2025, 7, 15), "sol2025"),
    ("preliminary_assessment", report("2024-02-15 10:00"),              D(2024, 2, 15),  D(2024, 2, 29),  "sol2001"),
    # -- reporter feedback (asked for): decided date + 1 week, for decisions from 2026-01-15
    ("reporter_feedback",     decided(D(2026, 1, 15)),                  D(2026, 1, 15),  D(2026, 1, 22),  "sol2025"),
    ("reporter_feedback",     decided(D(2026, 2, 25)),                  D(2026, 2, 25),  D(2026, 3, 4),   "sol2025"),
    # -- investigation: opened date + 4 months, same day number or the month's last day
    ("investigation",         investigation(D(2026, 1, 31)),            D(2026, 1, 31),  D(2026, 5, 31),  "sol2025"),
    ("investigation",         investigation(D(2025, 10, 31)),           D(2025, 10, 31), D(2026, 2, 28),  "sol2025"),
    ("investigation",         investigation(D(2023, 10, 31)),           D(2023, 10, 31), D(2024, 2, 29),  "sol2001"),
    ("investigation",         investigation(D(2025, 6, 30)),            D(2025, 6, 30),  D(2025, 10, 30), "sol2001"),
    ("investigation",         investigation(D(2025, 7, 1)),             D(2025, 7, 1),   D(2025, 11, 1),  "sol2025"),
    # -- placements: first visit within 3 months, first review within 6 months
    ("placement_visit",       placement(D(2026, 1, 31)),                D(2026, 1, 31),  D(2026, 4, 30),  "sol2025"),
    ("placement_review",      placement(D(2026, 1, 31)),                D(2026, 1, 31),  D(2026, 7, 31),  "sol2025"),
    ("placement_review",      placement(D(2025, 8, 31)),                D(2025, 8, 31),  D(2026, 2, 28),  "sol2025"),
    # -- custody transfer: 2 years (rule in force on the due date), 3 years before 2022-07-01
    ("custody_transfer_consideration", placement(D(2024, 2, 29)),       D(2024, 2, 29),  D(2026, 2, 28),  "sol2025"),
    ("custody_transfer_consideration", placement(D(2021, 3, 1)),        D(2021, 3, 1),   D(2023, 3, 1),   "sol2001-2y"),
    ("custody_transfer_consideration", placement(D(2020, 7, 1)),        D(2020, 7, 1),   D(2022, 7, 1),   "sol2001-2y"),
    ("custody_transfer_consideration", placement(D(2019, 6, 30)),       D(2019, 6, 30),  D(2022, 6, 30),  "sol2001-3y"),
    ("custody_transfer_consideration", placement(D(2019, 1, 1)),        D(2019, 1, 1),   D(2022, 1, 1),   "sol2001-3y"),
    # 2 years had passed before the 2-year rule came into force, 3 years had not: due that day
    ("custody_transfer_consideration", placement(D(2020, 1, 1)),        D(2020, 1, 1),   D(2022, 7, 1),   "sol2001-2y"),
    ("custody_transfer_consideration", placement(D(2023, 6, 15)),       D(2023, 6, 15),  D(2025, 6, 15),  "sol2001-2y"),
    ("custody_transfer_consideration", placement(D(2023, 8, 1)),        D(2023, 8, 1),   D(2025, 8, 1),   "sol2025"),
    # -- emergency custody (LVU 6 §): court within 1 week, care application within 4 weeks
    ("lvu_court_submission",  custody(D(2026, 3, 2)),                   D(2026, 3, 2),   D(2026, 3, 9),   "lvu"),
    ("lvu_care_application",  custody(D(2026, 3, 2), D(2026, 3, 3)),    D(2026, 3, 3),   D(2026, 3, 31),  "lvu"),
    ("lvu_care_application",  custody(D(2026, 1, 31), D(2026, 1, 31)),  D(2026, 1, 31),  D(2026, 3, 2),   "lvu"),  # 28 Feb a Saturday: 2 § (1930:173)
    # -- evaluation: end + 3 months
    ("evaluation",            ended(D(2026, 1, 31)),                    D(2026, 1, 31),  D(2026, 4, 30),  "local"),
    ("evaluation",            ended(D(2025, 11, 30)),                   D(2025, 11, 30), D(2026, 2, 28),  "local"),
]
# fmt: on


def first(obligations: list[Obligation], kind: str) -> Obligation:
    """Return the first obligation of ``kind``."""
    matching = [o for o in obligations if o.kind == kind and o.sequence == 1]
    assert matching, f"no {kind} among {[o.kind for o in obligations]}"
    return matching[0]


@pytest.mark.parametrize(("kind", "facts", "start", "due", "version"), DUE_DATES)
def test_it_computes_the_due_date(
    kind: str, facts: CaseFacts, start: date, due: date, version: str
):
    """Each kind's due date follows its rule and the rule version in force."""
    obligation = first(evaluate(facts, as_of=start), kind)
    assert (obligation.start_date, obligation.due_date) == (start, due)
    assert obligation.rule_id == f"{kind}/{version}"


# fmt: off
ROLL_FORWARD = [
    # kind / facts                                        due without roll   due with roll   why
    ("preliminary_assessment", report("2026-03-20 10:00"), D(2026, 4, 3),   D(2026, 4, 7)),   # Good Friday
    ("investigation",          investigation(D(2025, 12, 6)), D(2026, 4, 6), D(2026, 4, 7)),  # Easter Monday
    ("preliminary_assessment", report("2026-06-05 10:00"), D(2026, 6, 19),  D(2026, 6, 22)),  # Midsummer Eve
    ("protective_assessment",  report("2026-04-02 16:30"), D(2026, 4, 3),   D(2026, 4, 7)),   # late Maundy Thursday
    ("preliminary_assessment", report("2025-12-10 10:00"), D(2025, 12, 24), D(2025, 12, 29)), # Christmas Eve
    ("preliminary_assessment", report("2025-12-17 10:00"), D(2025, 12, 31), D(2026, 1, 2)),   # New Year's Eve
    ("preliminary_assessment", report("2025-12-24 10:00"), D(2026, 1, 7),   D(2026, 1, 7)),   # a working day
    ("placement_review",       placement(D(2025, 10, 4)),  D(2026, 4, 4),   D(2026, 4, 7)),   # Easter Saturday
]
# fmt: on


@pytest.mark.parametrize(("kind", "facts", "plain_due", "rolled_due"), ROLL_FORWARD)
def test_it_rolls_forward_only_when_the_unit_says_so(
    kind: str, facts: CaseFacts, plain_due: date, rolled_due: date
):
    """By default a due date stays on the holiday; with roll-forward it moves to a working day."""
    plain = first(evaluate(facts, plain_due), kind)
    rolled = first(evaluate(facts, plain_due, RuleSettings(roll_forward={kind: True})), kind)

    assert plain.due_date == plain_due
    assert rolled.due_date == rolled_due
    if plain_due != rolled_due:
        assert plain.legal_last_day == rolled_due
        assert str(rolled_due) in plain.explanation
        assert rolled.rolled_from == plain_due
        assert "flyttad från" in rolled.explanation
    else:
        assert plain.legal_last_day is None
        assert rolled.rolled_from is None


# fmt: off
COURT_ACTIONS_ROLL = [
    # kind                  facts                                           due (rolled)     from             met on           status
    ("lvu_court_submission", custody(D(2026, 3, 7)),                        D(2026, 3, 16),  D(2026, 3, 14),  D(2026, 3, 16),  "met"),       # Saturday
    ("lvu_court_submission", custody(D(2026, 3, 8)),                        D(2026, 3, 16),  D(2026, 3, 15),  D(2026, 3, 16),  "met"),       # Sunday
    ("lvu_court_submission", custody(D(2026, 6, 12)),                       D(2026, 6, 22),  D(2026, 6, 19),  D(2026, 6, 22),  "met"),       # Midsummer Eve
    ("lvu_court_submission", custody(D(2026, 3, 27)),                       D(2026, 4, 7),   D(2026, 4, 3),   D(2026, 4, 8),   "met_late"),  # Good Friday, then a day late
    ("lvu_court_submission", custody(D(2026, 3, 9)),                        D(2026, 3, 16),  None,            D(2026, 3, 16),  "met"),       # a Monday: no move
    ("lvu_care_application", custody(D(2026, 3, 7), D(2026, 3, 7)),        D(2026, 4, 7),   D(2026, 4, 4),   D(2026, 4, 7),   "met"),       # Easter Saturday
    ("lvu_care_application", custody(D(2026, 11, 26), D(2026, 11, 26)),     D(2026, 12, 28), D(2026, 12, 24), D(2026, 12, 28), "met"),       # Christmas Eve
    ("lvu_care_application", custody(D(2026, 12, 3), D(2026, 12, 3)),       D(2027, 1, 4),   D(2026, 12, 31), D(2027, 1, 4),   "met"),       # New Year's Eve, New Year's Day, a weekend
]
# fmt: on


@pytest.mark.parametrize(
    ("kind", "facts", "due", "rolled_from", "met_on", "status"), COURT_ACTIONS_ROLL
)
def test_an_action_towards_a_court_rolls_forward_by_default(
    kind: str, facts: CaseFacts, due: date, rolled_from: date | None, met_on: date, status: str
):
    """2 § lagen (1930:173): the LVU 7 § submission and the LVU 8 § application, due on a
    Saturday, Sunday, public holiday or Midsummer, Christmas or New Year's Eve, may be made on the
    next working day, and made then they are in time."""
    obligation = first(evaluate(facts, due), kind)
    assert (obligation.due_date, obligation.rolled_from) == (due, rolled_from)
    met = first(evaluate(_met(facts, kind, met_on), met_on), kind)
    assert met.status.value == status


def _met(facts: CaseFacts, kind: str, on: date) -> CaseFacts:
    field = "court_submitted_on" if kind == "lvu_court_submission" else "care_applied_on"
    (custody_facts,) = facts.emergency_custodies
    return replace(facts, emergency_custodies=(replace(custody_facts, **{field: on}),))


def test_a_unit_may_keep_the_calendar_date_for_a_court_action():
    facts = custody(D(2026, 3, 7))
    settings = RuleSettings(roll_forward={"lvu_court_submission": False})
    obligation = first(evaluate(facts, D(2026, 3, 14), settings), "lvu_court_submission")
    assert (obligation.due_date, obligation.legal_last_day) == (D(2026, 3, 14), D(2026, 3, 16))


def test_it_rolls_forward_one_kind_without_touching_the_others():
    """The roll-forward setting is per kind."""
    facts = report("2026-03-20 10:00")  # preliminary assessment due on Good Friday
    settings = RuleSettings(roll_forward={"investigation": True})
    assert first(evaluate(facts, D(2026, 3, 20), settings), "preliminary_assessment").due_date == (
        D(2026, 4, 3)
    )


def test_it_uses_the_units_cutoff_time():
    """A unit can move the cut-off; the boundary minute itself counts as late."""
    settings = RuleSettings(protective_cutoff=datetime(2026, 1, 1, 14, 0).time())
    early = first(
        evaluate(report("2026-03-02 13:59"), D(2026, 3, 2), settings), "protective_assessment"
    )
    late = first(
        evaluate(report("2026-03-02 14:00"), D(2026, 3, 2), settings), "protective_assessment"
    )
    assert early.due_date == D(2026, 3, 2)
    assert late.due_date == D(2026, 3, 3)
    assert "kl. 14:00" in late.explanation


@pytest.mark.parametrize(
    ("setting", "kind", "facts", "as_of", "due"),
    [
        (
            {"placement_visit_months": 1},
            "placement_visit",
            placement(D(2026, 1, 31)),
            D(2026, 1, 31),
            D(2026, 2, 28),
        ),
        (
            {"evaluation_months": 6},
            "evaluation",
            ended(D(2026, 1, 31)),
            D(2026, 1, 31),
            D(2026, 7, 31),
        ),
    ],
)
def test_it_takes_the_length_of_local_limits_from_the_settings(
    setting: dict[str, int], kind: str, facts: CaseFacts, as_of: date, due: date
):
    """Limits the law leaves to the unit are settings."""
    obligation = first(evaluate(facts, as_of, RuleSettings(**setting)), kind)  # type: ignore[arg-type]
    assert obligation.due_date == due
