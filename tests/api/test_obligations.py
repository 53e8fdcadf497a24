"""Acceptance: ``GET /cases/{id}/obligations?as_of=…`` gives the due dates and statuses of
docs/spec/process.md.

Each scenario is registered through the services on a frozen clock; each row then asks the API
for the case's obligations on ``as_of`` and finds the obligation of ``kind`` due on ``due``
(``due`` None: no obligation of that kind may exist). Statuses: ``open``, ``due_soon``,
``overdue``, ``met``, ``met_late``. ``law`` is a piece of the legal reference the row must cite.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from skyddsnat.cases.models import Case
from skyddsnat.intake import services as intake
from skyddsnat.interventions import services as interventions
from skyddsnat.investigations import services as investigations
from tests.cast import local, pin_for
from tests.services.flow import open_investigation, report


class Row(NamedTuple):
    scenario: str
    as_of: str
    kind: str
    due: str | None
    status: str | None
    law: str
    comment: str


D = date.fromisoformat
PRELIM, PROTECT, FEEDBACK = "preliminary_assessment", "protective_assessment", "reporter_feedback"
INV, VISIT, REVIEW = "investigation", "placement_visit", "placement_review"
CUSTODY, EVAL = "custody_transfer_consideration", "evaluation"
SOL_PRELIM, SOL_2025 = "20 kap. 2 §", "SoL (2025:400)"

# fmt: off
TABLE: list[Row] = [
    # scenario, as_of, kind, due date, status, law, comment
    Row("A", "2026-03-02", PRELIM, "2026-03-16", "open", SOL_PRELIM, "received 2026-03-02 + 14 days"),
    Row("A", "2026-03-13", PRELIM, "2026-03-16", "due_soon", SOL_PRELIM, "3 days left"),
    Row("A", "2026-03-16", PRELIM, "2026-03-16", "met", SOL_PRELIM, "decided on the last day"),
    Row("B", "2026-03-16", PRELIM, "2026-03-16", "due_soon", SOL_PRELIM, "the last day itself"),
    Row("B", "2026-03-17", PRELIM, "2026-03-16", "overdue", SOL_PRELIM, "not decided yet"),
    Row("B", "2026-03-18", PRELIM, "2026-03-16", "met_late", SOL_PRELIM, "decided two days late"),
    Row("A", "2026-03-02", PROTECT, "2026-03-02", "due_soon", SOL_2025, "same day"),
    Row("A", "2026-03-03", PROTECT, "2026-03-02", "overdue", SOL_2025, "never made"),
    Row("C", "2026-03-02", PROTECT, "2026-03-03", "open", SOL_2025, "received 16:30: next day"),
    Row("C", "2026-03-03", PROTECT, "2026-03-03", "met", SOL_2025, "made 09:00 the next day"),
    Row("D", "2025-11-01", INV, "2026-02-28", "open", SOL_2025, "opened 2025-10-31 + 4 months"),
    Row("D", "2026-02-20", INV, "2026-02-28", "due_soon", SOL_2025, "8 days left of 14"),
    Row("D", "2026-03-01", INV, "2026-02-28", "overdue", SOL_2025, "month-end clamp"),
    Row("E", "2026-02-19", INV, "2026-02-28", "due_soon", SOL_2025, "extension not decided yet"),
    Row("E", "2026-03-10", INV, "2026-04-30", "open", SOL_2025, "extension replaces due date"),
    Row("E", "2026-04-20", INV, "2026-04-30", "met", SOL_2025, "closed 2026-04-15"),
    Row("F", "2026-01-26", VISIT, "2026-04-26", "open", SOL_2025, "placed 2026-01-26 + 3 months"),
    Row("F", "2026-04-15", VISIT, "2026-04-26", "due_soon", SOL_2025, "11 days left of 14"),
    Row("F", "2026-04-20", VISIT, "2026-04-26", "met", SOL_2025, "visited 2026-04-20"),
    Row("F", "2026-04-20", VISIT, "2026-07-20", "open", SOL_2025, "next visit: last + 3 months"),
    Row("F", "2026-01-26", REVIEW, "2026-07-26", "open", SOL_2025, "placed + 6 months"),
    Row("F", "2026-07-27", REVIEW, "2026-07-26", "overdue", SOL_2025, "no review held"),
    Row("F", "2026-01-26", CUSTODY, "2028-01-26", "open", SOL_2025, "foster home + 2 years"),
    Row("F", "2026-06-01", EVAL, "2026-08-31", "open", "rutin", "open care ended 2026-05-31"),
    Row("F", "2026-07-01", EVAL, "2026-08-31", "met", "rutin", "evaluated 2026-07-01"),
    Row("A", "2026-03-16", FEEDBACK, "2026-03-23", "open", "2026-01-15", "decided + 7 days"),
    Row("A", "2026-03-20", FEEDBACK, "2026-03-23", "met", "2026-01-15", "feedback sent 2026-03-20"),
    Row("B", "2026-03-26", FEEDBACK, "2026-03-25", "overdue", "2026-01-15", "no feedback sent"),
    Row("D", "2025-11-01", FEEDBACK, None, None, "", "decided before the law of 2026-01-15"),
    Row("G", "2026-03-20", FEEDBACK, None, None, "", "a private person is no mandatory reporter"),
]
# fmt: on


def _report(user, received, category: str = "school", seed: int = 1) -> Case:
    return report(
        user, received, [pin_for(date(2015, 5, 17), seed=seed)], category=category
    ).cases.get()


def _not_opened(user, case: Case, day: str) -> None:
    intake.decide_preliminary_assessment(
        acting_user=user,
        case_id=case.pk,
        data=intake.PreliminaryInput(
            decided_on=D(day), outcome="not_opened", reason="no_concern_confirmed", child_heard=True
        ),
    )


def scenario_a(u) -> Case:
    """School report received 2026-03-02 10:00, decided 2026-03-16, feedback 2026-03-20."""
    case = _report(u, local(2026, 3, 2, 10), seed=1)
    _not_opened(u, case, "2026-03-16")
    intake.send_reporter_feedback(acting_user=u, case_id=case.pk, sent_on=D("2026-03-20"))
    return case


def scenario_b(u) -> Case:
    """School report received 2026-03-02 10:00, decided late on 2026-03-18, no feedback."""
    case = _report(u, local(2026, 3, 2, 10), seed=2)
    _not_opened(u, case, "2026-03-18")
    return case


def scenario_c(u) -> Case:
    """A report received at 16:30, after the cut-off; protective assessment the next morning."""
    case = _report(u, local(2026, 3, 2, 16, 30), seed=3)
    intake.make_protective_assessment(
        acting_user=u, case_id=case.pk, made_at=local(2026, 3, 3, 9), outcome="no_immediate_need"
    )
    return case


def scenario_d(u, seed: int = 4) -> Case:
    """Investigation opened 2025-10-31: 4 months end on 2026-02-28."""
    case = _report(u, local(2025, 10, 27), seed=seed)
    open_investigation(u, case, D("2025-10-31"))
    return case


def scenario_e(u) -> Case:
    """As D, extended on 2026-02-20 to 2026-04-30 and closed on 2026-04-15."""
    case = scenario_d(u, seed=5)
    investigations.extend_investigation(
        acting_user=u,
        case_id=case.pk,
        decided_on=D("2026-02-20"),
        decided_by="committee",
        reason="Väntar på BUP.",
        new_due_date=D("2026-04-30"),
    )
    investigations.close_investigation(
        acting_user=u,
        case_id=case.pk,
        data=investigations.CloseInput(
            closed_on=D("2026-04-15"), outcome="no_intervention", incomplete_reason="Test."
        ),
    )
    return case


def scenario_f(u) -> Case:
    """Foster home from 2026-01-26 (visit 2026-04-20); contact person ended 2026-05-31, evaluated."""
    case = _report(u, local(2026, 1, 5), seed=6)
    open_investigation(u, case, D("2026-01-07"))
    investigations.close_investigation(
        acting_user=u,
        case_id=case.pk,
        data=investigations.CloseInput(
            closed_on=D("2026-01-20"), outcome="intervention", incomplete_reason="Test."
        ),
    )

    def decide(kind: str, **extra):
        data = interventions.InterventionInput(
            decided_on=D("2026-01-20"),
            basis="sol_voluntary",
            kind=kind,
            start=D("2026-01-26"),
            **extra,
        )
        return interventions.decide_intervention(acting_user=u, case_id=case.pk, data=data)

    placement = decide("foster_home", health_exam_before=True)
    interventions.record_visit(
        acting_user=u,
        intervention_id=placement.pk,
        visited_on=D("2026-04-20"),
        child_talked_alone=True,
    )
    contact = decide("contact_person")
    interventions.end_intervention(
        acting_user=u,
        intervention_id=contact.pk,
        ended_on=D("2026-05-31"),
        end_reason="completed_as_planned",
    )
    interventions.record_evaluation(
        acting_user=u,
        intervention_id=contact.pk,
        data=interventions.EvaluationInput(
            evaluated_on=D("2026-07-01"), goals_met="yes", child_view="Bra."
        ),
    )
    return case


def scenario_g(u) -> Case:
    """A private person's report, decided 2026-03-10: no feedback is owed."""
    case = _report(u, local(2026, 3, 2), category="private_person", seed=7)
    _not_opened(u, case, "2026-03-10")
    return case


# fmt: off
SCENARIOS: dict[str, Callable] = {
    "A": scenario_a, "B": scenario_b, "C": scenario_c, "D": scenario_d,
    "E": scenario_e, "F": scenario_f, "G": scenario_g,
}
# fmt: on


def check(row: Row, obligations: list[dict]) -> str | None:
    """Return what is wrong with ``row``, or None."""
    of_kind = [o for o in obligations if o["kind"] == row.kind]
    if row.due is None:
        return f"expected no {row.kind}, got {of_kind}" if of_kind else None
    found = [o for o in of_kind if o["due_date"] == row.due]
    if not found:
        return f"no {row.kind} due {row.due}; got {[(o['due_date'], o['status']) for o in of_kind]}"
    o = found[0]
    if o["status"] != row.status:
        return f"status {o['status']}, expected {row.status}"
    if row.law not in o["legal_reference"]:
        return f"legal reference {o['legal_reference']!r} lacks {row.law!r}"
    if "Sista dag" not in o["explanation"]:
        return f"explanation not Swedish: {o['explanation']!r}"
    return None


def test_obligations_follow_the_table_of_process_md(cast, frozen_today, api_as):
    frozen_today(date(2026, 9, 30))
    cases = {name: build(cast.alice) for name, build in SCENARIOS.items()}
    api = api_as(cast.alice)
    failures = []
    for row in TABLE:
        r = api.get(f"/cases/{cases[row.scenario].pk}/obligations", as_of=row.as_of)
        assert r.status_code == 200, r.json()
        assert r.json()["as_of"] == row.as_of
        problem = check(row, r.json()["obligations"])
        if problem:
            failures.append(f"{row.scenario} {row.as_of} {row.kind} ({row.comment}): {problem}")
    assert not failures, "\n".join(failures)


def test_the_late_report_explains_the_cut_off(cast, frozen_today, api_as):
    frozen_today(date(2026, 3, 3))
    case = scenario_c(cast.alice)
    body = api_as(cast.alice).get(f"/cases/{case.pk}/obligations", as_of="2026-03-02").json()
    protective = next(o for o in body["obligations"] if o["kind"] == PROTECT)
    assert "16:30" in protective["explanation"] and "nästa dag" in protective["explanation"]
    assert protective["days_left"] == 1 and protective["title"] == "Skyddsbedömning"


def test_as_of_defaults_to_today(cast, frozen_today, api_as):
    frozen_today(date(2026, 3, 13))
    case = _report(cast.alice, local(2026, 3, 2))
    body = api_as(cast.alice).get(f"/cases/{case.pk}/obligations").json()
    assert body["as_of"] == "2026-03-13"
    prelim = next(o for o in body["obligations"] if o["kind"] == PRELIM)
    assert (prelim["status"], prelim["days_left"], prelim["met_at"]) == ("due_soon", 3, None)
