"""Which registered facts start and meet each kind of obligation.

A trigger reads a ``CaseFacts`` as it stood on ``as_of`` (every fact dated later is ignored) and
yields ``Occurrence`` objects: the start and, if any, the meeting event of one obligation. The rules
(``registry.py``) then give the due date and the words.

Recurring kinds (visits, reviews, custody-transfer considerations) form a chain: the first starts
when the placement starts; each registered event meets the earliest unmet obligation and starts the
next one, whether it came in time or late. Events before the placement started or after it ended
are not counted. Obligations that start after the placement ended are not generated; an unmet
obligation that falls due after the placement ended is dropped by the engine (``until``): the child
has left, so there is nothing left to do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time

from . import registry as kinds
from .calendar import local_date, local_datetime
from .facts import (
    CaseFacts,
    ExtensionFacts,
    InterventionFacts,
    LvuMeasureFacts,
    PlanFacts,
    ProtectedHousingOrderFacts,
)

Trigger = Callable[["CaseFacts", date], Iterable["Occurrence"]]


@dataclass(frozen=True)
class MetByException:
    """The law's own exception that meets a duty without the act (``Rule.exception_sv``): the
    day it was recorded and the recorded reason."""

    recorded_on: date
    reason: str


@dataclass(frozen=True)
class Occurrence:
    """The facts of one obligation: when it started and when (if) it was met."""

    kind: str
    start_date: date
    met_at: date | None = None
    subject_id: str | None = None
    sequence: int = 1
    start_time: time | None = None
    until: date | None = None
    extension: ExtensionFacts | None = None
    earlier_extensions: tuple[ExtensionFacts, ...] = ()
    #: The rule's at-once case that applies (``Rule.at_once``), if any: due on the start day.
    at_once: str | None = None
    #: The last day someone else set (``Rule.due_set_by_sv``: the prosecutor's, for the LUL
    #: statement), which replaces the rule's period.
    set_due_date: date | None = None
    #: Set when the duty was met by the law's exception (then ``met_at`` is its day).
    exception: MetByException | None = None


#: The at-once cases of the reporter feedback (``registry``: ``Rule.at_once``).
LATE_REQUEST = kinds.FEEDBACK_LATE_REQUEST
RUNNING = kinds.FEEDBACK_INVESTIGATION_RUNNING


def seen(d: date | None, as_of: date) -> date | None:
    """Return ``d`` if it had happened by ``as_of``, else None."""
    return d if d is not None and d <= as_of else None


def latest_extension(extensions: Iterable[ExtensionFacts], as_of: date) -> ExtensionFacts | None:
    """Return the extension decided last on or before ``as_of`` (the last registered on a tie)."""
    latest = None
    for extension in extensions:
        if extension.decided_on <= as_of and (
            latest is None or extension.decided_on >= latest.decided_on
        ):
            latest = extension
    return latest


def protective_assessment(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the protective assessment that every report of concern starts (not an application)."""
    received = local_datetime(facts.report_received_at)
    if received.date() > as_of or facts.report_is_application:
        return
    made = facts.protective_assessment_made_at
    yield Occurrence(
        kinds.PROTECTIVE_ASSESSMENT,
        received.date(),
        met_at=seen(local_date(made) if made else None, as_of),
        start_time=received.time().replace(tzinfo=None),
    )


def preliminary_assessment(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the preliminary assessment of a report of concern, unless it joined a running
    investigation. An application starts an investigation directly: no preliminary assessment."""
    received = local_date(facts.report_received_at)
    if received > as_of or facts.investigation_already_running or facts.report_is_application:
        return
    yield Occurrence(
        kinds.PRELIMINARY_ASSESSMENT,
        received,
        met_at=seen(facts.preliminary_assessment_decided_on, as_of),
    )


def reporter_feedback(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the feedback a mandatory reporter asked for (SoL 2025:400 19 kap. 6 § andra stycket).

    Owed only when the reporter asked for it: within the rule's period from the decision to open
    or not open an investigation when the request came before it; at once, from the request,
    when the request came after the decision or an investigation of the child was already
    running (then there is no such decision to wait for).
    """
    requested = seen(facts.reporter_feedback_requested_on, as_of)
    if requested is None or not facts.mandatory_reporter:
        return
    met = seen(facts.reporter_feedback_sent_on, as_of)
    exception = None
    if met is not None and facts.reporter_feedback_withheld_reason.strip():
        exception = MetByException(met, facts.reporter_feedback_withheld_reason)
    if facts.investigation_already_running:
        start = max(requested, local_date(facts.report_received_at))
        yield Occurrence(
            kinds.REPORTER_FEEDBACK, start, met_at=met, at_once=RUNNING, exception=exception
        )
        return
    decided = seen(facts.preliminary_assessment_decided_on, as_of)
    if decided is None:
        return
    if requested <= decided:
        yield Occurrence(kinds.REPORTER_FEEDBACK, decided, met_at=met, exception=exception)
    else:
        yield Occurrence(
            kinds.REPORTER_FEEDBACK,
            requested,
            met_at=met,
            at_once=LATE_REQUEST,
            exception=exception,
        )


def investigation(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the investigation, with the extension that applies on ``as_of``."""
    inv = facts.investigation
    if inv is None or inv.opened_on > as_of:
        return
    closed = seen(inv.closed_on, as_of)
    extension = latest_extension(inv.extensions, closed or as_of)
    earlier = tuple(e for e in inv.extensions if extension and e.decided_on < extension.decided_on)
    yield Occurrence(
        kinds.INVESTIGATION,
        inv.opened_on,
        met_at=closed,
        extension=extension,
        earlier_extensions=earlier,
    )


def _chain(
    kind: str, placement: InterventionFacts, events: Iterable[date], as_of: date
) -> Iterator[Occurrence]:
    """Yield the chain of a recurring obligation for one placement."""
    ended = seen(placement.ended_on, as_of)
    last_day = min(as_of, ended) if ended else as_of
    if placement.started_on > last_day:
        return
    counted = sorted({d for d in events if placement.started_on <= d <= last_day})
    start = placement.started_on
    for sequence, event in enumerate(counted, start=1):
        yield Occurrence(kind, start, met_at=event, subject_id=placement.id, sequence=sequence)
        start = event
    yield Occurrence(kind, start, subject_id=placement.id, sequence=len(counted) + 1, until=ended)


def _placements(facts: CaseFacts) -> Iterator[InterventionFacts]:
    return (i for i in facts.interventions if i.is_placement)


def placement_visit(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the chain of visits for each placement."""
    for placement in _placements(facts):
        yield from _chain(kinds.PLACEMENT_VISIT, placement, placement.visits, as_of)


def placement_review(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the chain of reviews for each placement but protected housing (its own kind)."""
    for placement in _placements(facts):
        if placement.kind != kinds.PROTECTED_HOUSING_KIND:
            yield from _chain(kinds.PLACEMENT_REVIEW, placement, placement.reviews, as_of)


def protected_housing_review(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the chain of reviews of each placement in protected housing (22 kap. 13 § andra
    stycket SoL 2025:400): at least every six months, met by the reviews registered on it.

    A placement that rests on lag (2024:79), without the other guardian's consent, is considered
    under 5 kap. 3 § of that act instead (``protected_housing_consideration``)."""
    under_2024 = {o.intervention_id for o in facts.protected_housing_orders if o.intervention_id}
    for placement in _placements(facts):
        if placement.kind == kinds.PROTECTED_HOUSING_KIND and placement.id not in under_2024:
            yield from _chain(kinds.PROTECTED_HOUSING_REVIEW, placement, placement.reviews, as_of)


def _seen_extension(extension: ExtensionFacts | None, as_of: date) -> ExtensionFacts | None:
    return extension if extension is not None and extension.decided_on <= as_of else None


def protected_housing_submission(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the submission to the administrative court of each immediate decision on protected
    housing without the other guardian's consent (4 kap. 3 § lag 2024:79): within a week of the
    decision, or it lapses (4 §)."""
    for order in facts.protected_housing_orders:
        decided = seen(order.immediate_decided_on, as_of)
        if decided is not None:
            yield Occurrence(
                kinds.PROTECTED_HOUSING_SUBMISSION,
                decided,
                met_at=seen(order.court_submitted_on, as_of),
                subject_id=order.id,
            )


def protected_housing_application(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the application for protected housing under 3 kap. after the court confirmed an
    immediate decision (4 kap. 6 § lag 2024:79): within six weeks of the day the placement
    started; a court-granted extension replaces the last day from the day it was granted."""
    for order in facts.protected_housing_orders:
        started = seen(order.placement_started_on, as_of)
        if seen(order.confirmed_on, as_of) is None or started is None:
            continue
        yield Occurrence(
            kinds.PROTECTED_HOUSING_APPLICATION,
            started,
            met_at=seen(order.applied_on, as_of),
            subject_id=order.id,
            extension=_seen_extension(order.extension, as_of),
        )


def protected_housing_start(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the start of the placement after the court's decision granting protected housing
    became final (3 kap. 4 § lag 2024:79): within four weeks, or the decision lapses. A
    placement already running (after an immediate decision) meets it on the day it became
    final."""
    for order in facts.protected_housing_orders:
        final = seen(order.final_on, as_of)
        if not order.granted or final is None:
            continue
        started = seen(order.placement_started_on, as_of)
        yield Occurrence(
            kinds.PROTECTED_HOUSING_START,
            final,
            met_at=max(started, final) if started is not None else None,
            subject_id=order.id,
        )


def _order_chain(order: ProtectedHousingOrderFacts, as_of: date) -> Iterator[Occurrence]:
    started = seen(order.placement_started_on, as_of)
    if started is None:
        return
    placement = InterventionFacts(
        id=order.id, kind=kinds.PROTECTED_HOUSING_KIND, started_on=started, ended_on=order.ended_on
    )
    yield from _chain(kinds.PROTECTED_HOUSING_CONSIDERATION, placement, order.considerations, as_of)


def protected_housing_consideration(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the chain of considerations of each placement in protected housing without the
    other guardian's consent (5 kap. 3 § lag 2024:79): at least every six months from the day
    the placement started, until it ended (7 kap. 1 §)."""
    for order in facts.protected_housing_orders:
        yield from _order_chain(order, as_of)


def emergency_foster_home_stay(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the end of each stay in an emergency foster home (*jourhem*) that outlasted the
    investigation (22 kap. 4 § andra stycket SoL 2025:400).

    Starts on the day the investigation closed, when the child was then (or later) in the
    emergency foster home; met by the placement's end. A decision that the child may stay longer
    for special reasons replaces the last day from the day it was decided (the latest decided
    by ``as_of``).
    """
    inv = facts.investigation
    closed = seen(inv.closed_on, as_of) if inv is not None else None
    if closed is None:
        return
    for placement in _placements(facts):
        if placement.kind != kinds.EMERGENCY_FOSTER_HOME_KIND or placement.started_on > as_of:
            continue
        if placement.ended_on is not None and placement.ended_on <= closed:
            continue
        extension = latest_extension(
            (
                ExtensionFacts(e.decided_on, e.extended_to)
                for e in facts.stay_extensions
                if e.intervention_id == placement.id
            ),
            as_of,
        )
        yield Occurrence(
            kinds.EMERGENCY_FOSTER_HOME_STAY,
            closed,
            met_at=seen(placement.ended_on, as_of),
            subject_id=placement.id,
            extension=extension,
        )


def lul_statement(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the statement to the prosecutor on each request (11 § LUL): from the day the
    request came in, due on the day the prosecutor set, met when the statement was sent."""
    for statement in facts.lul_statements:
        if statement.requested_on <= as_of:
            yield Occurrence(
                kinds.LUL_STATEMENT,
                statement.requested_on,
                met_at=seen(statement.submitted_on, as_of),
                subject_id=statement.id,
                set_due_date=statement.due_on,
            )


def youth_service_start(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the start of each youth community service (18 kap. 8 § SoL 2025:400): within two
    months of the day the judgment became final, met when the service started, or when the
    committee recorded the special reasons against starting it then (första stycket)."""
    for service in facts.youth_services:
        if service.final_on <= as_of:
            started = seen(service.started_on, as_of)
            reasons_on = seen(service.special_reasons_on, as_of)
            exception = None
            if reasons_on is not None and (started is None or reasons_on < started):
                exception = MetByException(reasons_on, service.special_reasons)
            yield Occurrence(
                kinds.YOUTH_SERVICE_START,
                service.final_on,
                met_at=exception.recorded_on if exception else started,
                subject_id=service.id,
                exception=exception,
            )


def custody_transfer_consideration(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the chain of custody-transfer considerations for each foster-home placement."""
    for placement in _placements(facts):
        if placement.in_foster_home:
            yield from _chain(
                kinds.CUSTODY_TRANSFER_CONSIDERATION,
                placement,
                placement.custody_transfer_considerations,
                as_of,
            )


def lvu_court_submission(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the court submission of each emergency custody decision."""
    for custody in facts.emergency_custodies:
        if custody.decided_on <= as_of:
            yield Occurrence(
                kinds.LVU_COURT_SUBMISSION,
                custody.decided_on,
                met_at=seen(custody.court_submitted_on, as_of),
                subject_id=custody.id,
            )


def lvu_care_application(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the care application of each emergency custody that was carried out.

    A court-granted extension of the time (LVU 8 § andra stycket) replaces the due date from the
    day it was granted, so the case is not shown overdue by mistake.
    """
    for custody in facts.emergency_custodies:
        carried_out = seen(custody.carried_out_on, as_of)
        if carried_out is not None:
            extension = custody.extension
            if extension is not None and extension.decided_on > as_of:
                extension = None
            yield Occurrence(
                kinds.LVU_CARE_APPLICATION,
                carried_out,
                met_at=seen(custody.care_applied_on, as_of),
                subject_id=custody.id,
                extension=extension,
            )


def lvu_care_start(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the start of care under LVU for each judgment granting care that became final
    (LVU 5 §): within four weeks of the day it became final, or the judgment lapses."""
    for court_case in facts.lvu_court_cases:
        final = seen(court_case.final_on, as_of)
        if court_case.granted and final is not None:
            yield Occurrence(
                kinds.LVU_CARE_START,
                final,
                met_at=seen(court_case.care_started_on, as_of),
                subject_id=court_case.id,
            )


def _measure_chain(kind: str, measure: LvuMeasureFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the chain of reviews of one LVU measure, from its decision until it ended."""
    ended = seen(measure.ended_on, as_of)
    last_day = min(as_of, ended) if ended else as_of
    if measure.decided_on > last_day:
        return
    counted = sorted({d for d in measure.reviews if measure.decided_on <= d <= last_day})
    start = measure.decided_on
    for sequence, event in enumerate(counted, start=1):
        yield Occurrence(kind, start, met_at=event, subject_id=measure.id, sequence=sequence)
        start = event
    yield Occurrence(kind, start, subject_id=measure.id, sequence=len(counted) + 1, until=ended)


def _measure_reviews(kind: str) -> Trigger:
    """Return the trigger of the reviews of the LVU measures that ``kind`` reviews."""

    def trigger(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
        for measure in facts.lvu_measures:
            if kinds.MEASURE_REVIEWS.get(measure.kind) == kind:
                yield from _measure_chain(kind, measure, as_of)

    trigger.__doc__ = f"Yield the chain of reviews ({kind}) of each LVU measure it applies to."
    return trigger


def _temporary_bans(facts: CaseFacts, kind: str) -> Iterator[tuple[LvuMeasureFacts, int]]:
    """The committee's temporary bans whose submission (0) or application (1) ``kind`` is."""
    for measure in facts.lvu_measures:
        pair = kinds.TEMPORARY_BANS.get(measure.kind, ())
        if kind in pair:
            yield measure, pair.index(kind)


def _temporary_ban_trigger(kind: str) -> Trigger:
    """Return the trigger of a temporary ban's court duty: the submission within a week of the
    committee's decision (28 § with 7 §, 31 e §), or, once the court confirmed it, the
    application for the ban itself (29 §, 31 f §, which the court may extend)."""

    def trigger(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
        for measure, step in _temporary_bans(facts, kind):
            if step == 0:
                if measure.decided_on <= as_of:
                    yield Occurrence(
                        kind,
                        measure.decided_on,
                        met_at=seen(measure.court_submitted_on, as_of),
                        subject_id=measure.id,
                    )
                continue
            confirmed = seen(measure.confirmed_on, as_of)
            if confirmed is not None:
                yield Occurrence(
                    kind,
                    confirmed,
                    met_at=seen(measure.ban_applied_on, as_of),
                    subject_id=measure.id,
                    extension=_seen_extension(measure.extension, as_of)
                    if kind in kinds.EXTENDABLE_BAN_APPLICATIONS
                    else None,
                )

    trigger.__doc__ = f"Yield the court duty ({kind}) of each temporary LVU ban it applies to."
    return trigger


def lvu_follow_up(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the follow-up of each LVU care that ended before the child turned 18 (21 b §);
    met by the follow-up started for it."""
    for care in facts.interventions:
        ended = seen(care.ended_on, as_of)
        if not care.lvu_care or not care.ended_under_18 or ended is None:
            continue
        started = [
            f.started_on
            for f in facts.lvu_follow_ups
            if f.intervention_id == care.id and f.started_on <= as_of
        ]
        yield Occurrence(
            kinds.LVU_FOLLOW_UP, ended, met_at=min(started, default=None), subject_id=care.id
        )


def lvu_follow_up_end(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the end of each follow-up after LVU care, at most six months after it started
    (21 c § tredje stycket)."""
    for follow_up in facts.lvu_follow_ups:
        if follow_up.started_on <= as_of:
            yield Occurrence(
                kinds.LVU_FOLLOW_UP_END,
                follow_up.started_on,
                met_at=seen(follow_up.ended_on, as_of),
                subject_id=follow_up.intervention_id,
            )


def evaluation(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the evaluation of each intervention that has ended."""
    for intervention in facts.interventions:
        ended = seen(intervention.ended_on, as_of)
        if ended is not None:
            yield Occurrence(
                kinds.EVALUATION,
                ended,
                met_at=seen(intervention.evaluated_on, as_of),
                subject_id=intervention.id,
            )


def _signed_plans(facts: CaseFacts, placement: InterventionFacts, kind: str) -> list[PlanFacts]:
    """Return the placement's signed plans of ``kind``, oldest version first."""
    return sorted(
        (p for p in facts.care_plans if p.intervention_id == placement.id and p.kind == kind),
        key=lambda p: p.number,
    )


def _first_plan_on(
    plans: Iterable[PlanFacts], as_of: date, since: date | None = None
) -> date | None:
    """Return the day of the earliest plan dated by ``as_of`` (and on or after ``since``)."""
    days = [p.drawn_up_on for p in plans if p.drawn_up_on <= as_of]
    if since is not None:
        days = [d for d in days if d >= since]
    return min(days) if days else None


def care_plan(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the care plan of each placement (9 kap. 12 § SoL 2025:400), due when it is decided.

    Met by the first signed care plan; a placement that ended before a plan was signed drops it.
    """
    for placement in _placements(facts):
        decided = placement.decided_on or placement.started_on
        if decided > as_of:
            continue
        plans = _signed_plans(facts, placement, kinds.PLAN_CARE)
        yield Occurrence(
            kinds.CARE_PLAN,
            decided,
            met_at=_first_plan_on(plans, as_of),
            subject_id=placement.id,
            until=seen(placement.ended_on, as_of),
        )


def implementation_plan(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the implementation plan of each placed child (9 kap. 12 § andra stycket)."""
    for placement in _placements(facts):
        if placement.started_on > as_of:
            continue
        plans = _signed_plans(facts, placement, kinds.PLAN_IMPLEMENTATION)
        yield Occurrence(
            kinds.IMPLEMENTATION_PLAN,
            placement.started_on,
            met_at=_first_plan_on(plans, as_of),
            subject_id=placement.id,
            until=seen(placement.ended_on, as_of),
        )


def care_plan_revision(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the first revision of each placement's care plan (9 kap. 13 § andra stycket).

    Due at the latest two years after the placement started; met by the first signed revision
    (version 2 or later) of the care plan. Dropped when the placement ends before it is due.
    """
    for placement in _placements(facts):
        if placement.started_on > as_of:
            continue
        revisions = [p for p in _signed_plans(facts, placement, kinds.PLAN_CARE) if p.number > 1]
        yield Occurrence(
            kinds.CARE_PLAN_REVISION,
            placement.started_on,
            met_at=_first_plan_on(revisions, as_of),
            subject_id=placement.id,
            until=seen(placement.ended_on, as_of),
        )


def implementation_plan_review(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield a review of the implementation plan for each revision of the care plan that came
    when there was a signed implementation plan (9 kap. 13 § första stycket); met by a new
    signed version of the implementation plan dated on or after the revision."""
    for placement in _placements(facts):
        implementation = [
            p
            for p in _signed_plans(facts, placement, kinds.PLAN_IMPLEMENTATION)
            if p.drawn_up_on <= as_of
        ]
        revisions = [
            p
            for p in _signed_plans(facts, placement, kinds.PLAN_CARE)
            if p.number > 1 and p.drawn_up_on <= as_of
        ]
        for sequence, revision in enumerate(revisions, start=1):
            before = [p for p in implementation if p.drawn_up_on <= revision.drawn_up_on]
            if not before:
                continue
            newer = [p for p in implementation if p.number > max(b.number for b in before)]
            yield Occurrence(
                kinds.IMPLEMENTATION_PLAN_REVIEW,
                revision.drawn_up_on,
                met_at=_first_plan_on(newer, as_of, since=revision.drawn_up_on),
                subject_id=placement.id,
                sequence=sequence,
                until=seen(placement.ended_on, as_of),
            )


def investigation_information(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield the information that the investigation was opened (20 kap. 4 § SoL 2025:400).

    Due at once, from the day the investigation opened; met on the later of the days the
    guardians and the child were informed (or special reasons against it were recorded).
    """
    inv = facts.investigation
    if inv is None or inv.opened_on > as_of:
        return
    guardians = seen(inv.guardians_informed_on, as_of)
    child = seen(inv.child_informed_on, as_of)
    met = max(guardians, child) if guardians is not None and child is not None else None
    yield Occurrence(kinds.INVESTIGATION_INFORMATION, inv.opened_on, met_at=met)


def follow_up(facts: CaseFacts, as_of: date) -> Iterator[Occurrence]:
    """Yield each decided follow-up of the child's situation (23 kap. 1, 2 and 5 §§ SoL 2025:400).

    The follow-up is a choice of the committee, not a duty: the obligation exists once it has
    been decided, and is to end it at the latest six months (two under SoL 2001:453) after the
    investigation closed or the placement ended. Met by ending it, whatever the outcome.
    """
    for item in facts.follow_ups:
        if item.decided_on > as_of:
            continue
        yield Occurrence(
            kinds.FOLLOW_UP,
            item.started_from,
            met_at=seen(item.ended_on, as_of),
            subject_id=item.id,
        )


TRIGGERS: dict[str, Trigger] = {
    kinds.PROTECTIVE_ASSESSMENT: protective_assessment,
    kinds.PRELIMINARY_ASSESSMENT: preliminary_assessment,
    kinds.REPORTER_FEEDBACK: reporter_feedback,
    kinds.INVESTIGATION: investigation,
    kinds.PLACEMENT_VISIT: placement_visit,
    kinds.PLACEMENT_REVIEW: placement_review,
    kinds.CUSTODY_TRANSFER_CONSIDERATION: custody_transfer_consideration,
    kinds.LVU_COURT_SUBMISSION: lvu_court_submission,
    kinds.LVU_CARE_APPLICATION: lvu_care_application,
    kinds.EVALUATION: evaluation,
    kinds.CARE_PLAN: care_plan,
    kinds.IMPLEMENTATION_PLAN: implementation_plan,
    kinds.CARE_PLAN_REVISION: care_plan_revision,
    kinds.IMPLEMENTATION_PLAN_REVIEW: implementation_plan_review,
    kinds.LVU_CARE_START: lvu_care_start,
    kinds.LVU_CONTACT_RESTRICTION_REVIEW: _measure_reviews(kinds.LVU_CONTACT_RESTRICTION_REVIEW),
    kinds.LVU_REMOVAL_BAN_REVIEW: _measure_reviews(kinds.LVU_REMOVAL_BAN_REVIEW),
    kinds.LVU_TRAVEL_BAN_REVIEW: _measure_reviews(kinds.LVU_TRAVEL_BAN_REVIEW),
    kinds.LVU_SUPPORT_REVIEW: _measure_reviews(kinds.LVU_SUPPORT_REVIEW),
    kinds.LVU_FOLLOW_UP: lvu_follow_up,
    kinds.LVU_FOLLOW_UP_END: lvu_follow_up_end,
    kinds.INVESTIGATION_INFORMATION: investigation_information,
    kinds.FOLLOW_UP: follow_up,
    kinds.EMERGENCY_FOSTER_HOME_STAY: emergency_foster_home_stay,
    kinds.PROTECTED_HOUSING_REVIEW: protected_housing_review,
    kinds.LUL_STATEMENT: lul_statement,
    kinds.YOUTH_SERVICE_START: youth_service_start,
    kinds.LVU_TEMPORARY_REMOVAL_BAN_SUBMISSION: _temporary_ban_trigger(
        kinds.LVU_TEMPORARY_REMOVAL_BAN_SUBMISSION
    ),
    kinds.LVU_REMOVAL_BAN_APPLICATION: _temporary_ban_trigger(kinds.LVU_REMOVAL_BAN_APPLICATION),
    kinds.LVU_TEMPORARY_TRAVEL_BAN_SUBMISSION: _temporary_ban_trigger(
        kinds.LVU_TEMPORARY_TRAVEL_BAN_SUBMISSION
    ),
    kinds.LVU_TRAVEL_BAN_APPLICATION: _temporary_ban_trigger(kinds.LVU_TRAVEL_BAN_APPLICATION),
    kinds.PROTECTED_HOUSING_SUBMISSION: protected_housing_submission,
    kinds.PROTECTED_HOUSING_APPLICATION: protected_housing_application,
    kinds.PROTECTED_HOUSING_START: protected_housing_start,
    kinds.PROTECTED_HOUSING_CONSIDERATION: protected_housing_consideration,
}
