"""Feedback to a mandatory reporter who asked for it, as a table of the law's edge cases.

SoL (2025:400) 19 kap. 6 § andra stycket, as amended by SFS 2025:1501 from 2026-01-15: on the
reporter's request the committee says whether an investigation was opened, not opened or is
already running; at the latest one week after the decision to open or not open an
investigation; at once if the request comes after that decision or an investigation is already
running. The duty is owed to the one who reported under 19 kap. 1–3 § (a mandatory reporter).
The week is the law's, not a unit's setting. Before 2026-01-15 the paragraph had no time limit,
so no obligation is derived.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import RULES, CaseFacts, evaluate

D = date
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class Row:
    """One case: what was registered, and the feedback owed (None: nothing owed)."""

    why: str
    received: D
    requested: D | None
    decided: D | None
    mandatory: bool = True
    running: bool = False
    sent: D | None = None
    as_of: D = date(2026, 6, 1)
    start: D | None = None
    due: D | None = None
    status: str = ""
    withheld: str = ""


# fmt: off
ROWS = [
    # -- asked in the report, before the decision: one week from the decision
    Row("asked in the report: a week from the decision",
        D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 10), start=D(2026, 3, 10), due=D(2026, 3, 17), status="overdue"),
    Row("asked on the decision day: still the week",
        D(2026, 3, 2), D(2026, 3, 10), D(2026, 3, 10), start=D(2026, 3, 10), due=D(2026, 3, 17), status="overdue"),
    Row("feedback on the seventh day is in time",
        D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 10), sent=D(2026, 3, 17), start=D(2026, 3, 10), due=D(2026, 3, 17), status="met"),
    Row("feedback on the eighth day is late",
        D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 10), sent=D(2026, 3, 18), start=D(2026, 3, 10), due=D(2026, 3, 17), status="met_late"),
    Row("asked, not decided yet: nothing is due until the decision",
        D(2026, 3, 2), D(2026, 3, 2), None),
    # -- asked after the decision: at once, from the request
    Row("asked the day after the decision: at once",
        D(2026, 3, 2), D(2026, 3, 11), D(2026, 3, 10), start=D(2026, 3, 11), due=D(2026, 3, 11), status="overdue"),
    Row("asked after the decision, answered that day: in time",
        D(2026, 3, 2), D(2026, 4, 1), D(2026, 3, 10), sent=D(2026, 4, 1), start=D(2026, 4, 1), due=D(2026, 4, 1), status="met"),
    # -- an investigation of the child is already running: at once, from the request
    Row("investigation running, asked in the report: at once",
        D(2026, 3, 2), D(2026, 3, 2), None, running=True, start=D(2026, 3, 2), due=D(2026, 3, 2), status="overdue"),
    Row("investigation running, asked later: at once from the request",
        D(2026, 3, 2), D(2026, 3, 5), D(2026, 3, 6), running=True, start=D(2026, 3, 5), due=D(2026, 3, 5), status="overdue"),
    # -- not owed
    Row("a mandatory reporter who did not ask is owed nothing",
        D(2026, 3, 2), None, D(2026, 3, 10)),
    Row("a reporter without the duty to report is owed nothing (19 kap. 1–3 §)",
        D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 10), mandatory=False),
    # -- in force from 2026-01-15 (SFS 2025:1501)
    Row("decided on 2026-01-15: the week applies",
        D(2026, 1, 5), D(2026, 1, 5), D(2026, 1, 15), start=D(2026, 1, 15), due=D(2026, 1, 22), status="overdue"),
    Row("decided on 2026-01-14: no time limit yet",
        D(2026, 1, 5), D(2026, 1, 5), D(2026, 1, 14)),
    Row("decided before, asked after 2026-01-15: at once",
        D(2026, 1, 5), D(2026, 1, 20), D(2026, 1, 10), start=D(2026, 1, 20), due=D(2026, 1, 20), status="overdue"),
    Row("decided and asked before 2026-01-15: no time limit",
        D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 10)),
    # -- not given because it would be inappropriate (andra stycket): met by the exception
    Row("found inappropriate within the week: met by the exception, not overdue",
        D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 10), sent=D(2026, 3, 12), withheld="Skyddad adress.", start=D(2026, 3, 10), due=D(2026, 3, 17), status="met"),
    Row("found inappropriate after the week: met late",
        D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 10), sent=D(2026, 3, 20), withheld="Skyddad adress.", start=D(2026, 3, 10), due=D(2026, 3, 17), status="met_late"),
    Row("investigation running, found inappropriate at once: met",
        D(2026, 3, 2), D(2026, 3, 2), None, running=True, sent=D(2026, 3, 2), withheld="Skyddad adress.", start=D(2026, 3, 2), due=D(2026, 3, 2), status="met"),
]
# fmt: on


def facts(row: Row) -> CaseFacts:
    return CaseFacts(
        report_received_at=datetime.combine(row.received, datetime.min.time(), STOCKHOLM),
        mandatory_reporter=row.mandatory,
        reporter_feedback_requested_on=row.requested,
        preliminary_assessment_decided_on=row.decided,
        investigation_already_running=row.running,
        reporter_feedback_sent_on=row.sent,
        reporter_feedback_withheld_reason=row.withheld,
    )


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.why)
def test_feedback_is_owed_as_19_kap_6_section_says(row: Row):
    found = [o for o in evaluate(facts(row), row.as_of) if o.kind == "reporter_feedback"]
    if row.due is None:
        assert found == []
        return
    (obligation,) = found
    assert (obligation.start_date, obligation.due_date, obligation.status.value) == (
        row.start,
        row.due,
        row.status,
    )
    assert obligation.legal_reference.startswith("19 kap. 6 § andra stycket SoL (2025:400)")
    assert obligation.met_by_exception is bool(row.withheld)
    if row.withheld:
        assert "olämplig" in obligation.explanation and row.withheld in obligation.explanation
    if row.start == row.due:
        assert "genast" in obligation.explanation
    else:
        assert "1 vecka" in obligation.explanation


def test_the_week_is_the_laws_not_a_setting():
    """19 kap. 6 § says one week; no unit setting can lengthen or shorten it."""
    rule = RULES["reporter_feedback/sol2025"]
    assert rule.period_setting is None
    assert rule.period.sv() == "1 vecka"
    assert "genast" in rule.help_text().lower()
