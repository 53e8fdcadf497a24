"""The facts of one child's case, as the rules engine sees them.

Plain frozen dataclasses with dates: no ORM, no request. The Django side builds a
``CaseFacts`` from what was registered (``skyddsnat.cases.facts``) and hands it to
``skyddsnat.rules.evaluate``. Every field is something a person registered; nothing here is a
due date, because due dates are derived (*the law is data*).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time


@dataclass(frozen=True)
class ExtensionFacts:
    """An extension of the investigation time (*förlängning av utredningstid*)."""

    decided_on: date
    new_due_date: date


@dataclass(frozen=True)
class InvestigationFacts:
    """The investigation (*utredning*) of the case, if one was opened."""

    opened_on: date
    closed_on: date | None = None
    extensions: tuple[ExtensionFacts, ...] = ()
    #: The days the guardians and the child were told it was opened, or that special reasons
    #: kept it from them (20 kap. 4 § SoL 2025:400); None until recorded.
    guardians_informed_on: date | None = None
    child_informed_on: date | None = None


@dataclass(frozen=True)
class InterventionFacts:
    """One intervention (*insats*); placements carry their follow-up events.

    ``kind`` is a code of docs/spec/process.md (``foster_home``, ``contact_person`` …).
    ``is_placement`` is true for the placement kinds, ``in_foster_home`` for ``foster_home`` and
    ``kinship_foster_home`` (the custody-transfer consideration applies only there).
    """

    id: str
    kind: str
    started_on: date
    ended_on: date | None = None
    #: The day the placement was decided (the care plan is due then); ``started_on`` if unknown.
    decided_on: date | None = None
    evaluated_on: date | None = None
    is_placement: bool = False
    in_foster_home: bool = False
    visits: tuple[date, ...] = ()
    reviews: tuple[date, ...] = ()
    custody_transfer_considerations: tuple[date, ...] = ()
    #: Care under LVU 2 or 3 § (not the emergency custody of 6 §).
    lvu_care: bool = False
    #: The child was under 18 on the day the intervention ended (LVU 21 b §).
    ended_under_18: bool = False


@dataclass(frozen=True)
class PlanFacts:
    """A signed care plan (*vårdplan*) or implementation plan (*genomförandeplan*).

    ``kind`` is ``care_plan`` or ``implementation_plan``; ``intervention_id`` the placement it
    belongs to; ``number`` the version (1 the first plan, 2 and up its revisions);
    ``drawn_up_on`` the day the plan is dated. Only signed plans are facts: a draft meets nothing.
    """

    intervention_id: str
    kind: str
    number: int
    drawn_up_on: date


@dataclass(frozen=True)
class EmergencyCustodyFacts:
    """An emergency custody decision under LVU 6 § (*omedelbart omhändertagande*)."""

    id: str
    decided_on: date
    carried_out_on: date | None = None
    court_submitted_on: date | None = None
    care_applied_on: date | None = None
    #: A court-granted extension of the LVU 8 § application time: the day the court granted
    #: it and the new last day (8 § andra stycket LVU).
    extension: ExtensionFacts | None = None


@dataclass(frozen=True)
class LvuCourtCaseFacts:
    """An application to the administrative court for care under LVU (4 §) and its judgment.

    ``granted`` is None until the judgment; ``final_on`` the day the judgment granting care
    became final (*vann laga kraft*); care must start within four weeks of it (5 §).
    """

    id: str
    applied_on: date
    judgment_on: date | None = None
    granted: bool | None = None
    final_on: date | None = None
    care_started_on: date | None = None


@dataclass(frozen=True)
class LvuMeasureFacts:
    """An LVU measure with its reviews: ``kind`` is ``contact_restriction`` or
    ``whereabouts_secret`` (14 § andra stycket), ``removal_ban`` (24 §), ``travel_ban``
    (31 a §) or ``compulsory_support`` (22 §). ``decided_on`` is the day it was decided
    (by the committee or the court); ``reviews`` the days it was reconsidered."""

    id: str
    kind: str
    decided_on: date
    ended_on: date | None = None
    reviews: tuple[date, ...] = ()
    #: A temporary ban the committee decided (``temporary_removal_ban``, 27 §;
    #: ``temporary_travel_ban``, 31 d §): the day it was submitted to the administrative court
    #: (28 §, 31 e §), the day the court confirmed it, the day the committee applied for the ban
    #: itself (29 §, 31 f §) and a court-granted extension of that time (31 f §).
    court_submitted_on: date | None = None
    confirmed_on: date | None = None
    ban_applied_on: date | None = None
    extension: ExtensionFacts | None = None


@dataclass(frozen=True)
class ProtectedHousingOrderFacts:
    """A child's placement in protected housing without the other guardian's consent, under lag
    (2024:79) om placering av barn i skyddat boende.

    ``immediate_decided_on`` is the committee's immediate decision (4 kap. 1 §), None when the
    committee applied to the court directly (3 kap. 3 §); ``court_submitted_on`` the day it was
    submitted to the administrative court (4 kap. 3 §) and ``confirmed_on`` the day the court
    confirmed it; ``applied_on`` the application for protected housing under 3 kap. (after a
    confirmed immediate decision within six weeks of the placement's start, 4 kap. 6 §, which
    the court may extend: ``extension``); ``granted`` and ``final_on`` the court's decision and
    the day it became final (the placement must start within four weeks of it, 3 kap. 4 §);
    ``placement_started_on`` the day the child came to the protected housing (5 kap. 2 §);
    ``considerations`` the days the committee considered whether it should continue (5 kap.
    3 §); ``ended_on`` the day it ended (7 kap. 1 §). ``intervention_id`` is the protected-housing
    placement it concerns, if recorded.
    """

    id: str
    immediate_decided_on: date | None = None
    court_submitted_on: date | None = None
    confirmed_on: date | None = None
    applied_on: date | None = None
    extension: ExtensionFacts | None = None
    granted: bool | None = None
    final_on: date | None = None
    placement_started_on: date | None = None
    considerations: tuple[date, ...] = ()
    ended_on: date | None = None
    intervention_id: str | None = None


@dataclass(frozen=True)
class LvuFollowUpFacts:
    """The follow-up after LVU care ended (21 b §), started and ended (21 c §)."""

    intervention_id: str
    started_on: date
    ended_on: date | None = None


@dataclass(frozen=True)
class FollowUpFacts:
    """A decided follow-up of the child's situation (*uppföljning*, 23 kap. SoL 2025:400).

    ``started_from`` is the day the investigation closed without an intervention (23 kap. 1 §) or
    the placement ended (2 §): the six months of 23 kap. 5 § run from it. ``ended_on`` is the day
    the follow-up was ended (with its outcome), if it has been.
    """

    id: str
    started_from: date
    decided_on: date
    ended_on: date | None = None


@dataclass(frozen=True)
class StayExtensionFacts:
    """A decision that a child may stay longer in an emergency foster home (*jourhem*) than two
    months after the investigation closed, for special reasons (22 kap. 4 § andra stycket SoL
    2025:400): the day it was decided and the new last day of the stay."""

    intervention_id: str
    decided_on: date
    extended_to: date


@dataclass(frozen=True)
class LulStatementFacts:
    """A prosecutor's request for the committee's statement about a young suspect (11 § lagen
    (1964:167) med särskilda bestämmelser om unga lagöverträdare, LUL): the day the request came
    in, the last day the prosecutor set, and the day the statement was sent (None until sent)."""

    id: str
    requested_on: date
    due_on: date
    submitted_on: date | None = None


@dataclass(frozen=True)
class YouthServiceFacts:
    """A sentence of youth community service (*ungdomstjänst*) the committee must carry out
    (18 kap. 8 § SoL 2025:400): the day the judgment became final and the day the service
    started (None until it has); ``special_reasons_on`` is the day the committee recorded the
    special reasons against starting within two months (första stycket), ``special_reasons``
    what they are."""

    id: str
    final_on: date
    started_on: date | None = None
    special_reasons_on: date | None = None
    special_reasons: str = ""


@dataclass(frozen=True)
class CaseFacts:
    """Everything registered on one case that a time limit depends on.

    ``report_received_at`` is an aware datetime; the engine converts it to Swedish local time.
    ``investigation_already_running`` is true when the report joined an investigation that was
    already running for the child: then no preliminary assessment is due.
    ``reporter_feedback_requested_on`` is the day the reporter asked for feedback (SoL 2025:400
    19 kap. 6 § andra stycket), or None if they never did. ``reporter_feedback_withheld_reason``
    is set when, on ``reporter_feedback_sent_on``, feedback was found inappropriate with regard
    to the circumstances (the same paragraph): the duty is then met by the exception.
    ``report_is_application`` is true when the case began with an application (*ansökan*), not a
    report of concern: the protective and preliminary assessments are duties for reports (20 kap.
    1 and 2 §§ SoL 2025:400); an application starts an investigation directly (14 kap. 2 §).
    """

    report_received_at: datetime
    report_is_application: bool = False
    protective_assessment_made_at: datetime | None = None
    preliminary_assessment_decided_on: date | None = None
    investigation_already_running: bool = False
    mandatory_reporter: bool = False
    reporter_feedback_requested_on: date | None = None
    reporter_feedback_sent_on: date | None = None
    reporter_feedback_withheld_reason: str = ""
    investigation: InvestigationFacts | None = None
    interventions: tuple[InterventionFacts, ...] = ()
    emergency_custodies: tuple[EmergencyCustodyFacts, ...] = ()
    care_plans: tuple[PlanFacts, ...] = ()
    lvu_court_cases: tuple[LvuCourtCaseFacts, ...] = ()
    lvu_measures: tuple[LvuMeasureFacts, ...] = ()
    lvu_follow_ups: tuple[LvuFollowUpFacts, ...] = ()
    follow_ups: tuple[FollowUpFacts, ...] = ()
    stay_extensions: tuple[StayExtensionFacts, ...] = ()
    lul_statements: tuple[LulStatementFacts, ...] = ()
    youth_services: tuple[YouthServiceFacts, ...] = ()
    protected_housing_orders: tuple[ProtectedHousingOrderFacts, ...] = ()


@dataclass(frozen=True)
class RuleSettings:
    """The per-unit settings that the law leaves to the municipality."""

    protective_cutoff: time = time(16, 0)
    placement_visit_months: int = 3
    evaluation_months: int = 3
    due_soon_days: dict[str, int] = field(default_factory=dict)
    roll_forward: dict[str, bool] = field(default_factory=dict)
