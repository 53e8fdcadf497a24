"""The demo's records of the law's exceptions and of the follow-up after LVU care (decision
0042): a youth community service not started in time for special reasons, a reporter's feedback
withheld as inappropriate, and LVU care that ended with its follow-up (21 b § LVU) started.

Written after the history, through the services with the clock frozen on each day, on the
first fitting cases in id order, so the same seed gives the same records.
"""

from __future__ import annotations

from datetime import date, timedelta

from skyddsnat.accounts.models import User
from skyddsnat.cases.models import Case
from skyddsnat.demo.timeline import at, frozen_clock, working_day
from skyddsnat.intake import services as intake
from skyddsnat.intake.models import PreliminaryAssessment
from skyddsnat.interventions import care, lvu
from skyddsnat.interventions import services as interventions
from skyddsnat.interventions.choices import LVU_CARE_BASES
from skyddsnat.interventions.models import Intervention, LulStatement, YouthService

YOUTH_SERVICE_REASONS = (
    "Den unge har en planerad operation och är sjukskriven i sex veckor; ungdomstjänsten "
    "påbörjas när läkaren friskskrivit honom."
)
FEEDBACK_WITHHELD = (
    "Anmälaren är närstående till den vuxne som anmälan rör; en återkoppling skulle kunna "
    "utsätta barnet för risk."
)
LVU_FOLLOW_UP_NOTE = "Uppföljningen görs med hembesök och samtal med den unge och föräldrarna."


def _actor(case: Case, fallback: User) -> User:
    """The case's responsible caseworker if still active, else the unit manager."""
    responsible = case.responsible
    return responsible if responsible is not None and responsible.is_active else fallback


def load_care_exceptions(manager: User, today: date) -> dict[str, int]:
    """Write the records; return how many of each were written."""
    written = {"youth_service_reasons": 0, "feedback_withheld": 0, "lvu_follow_ups": 0}
    with frozen_clock() as set_now:
        written["youth_service_reasons"] = _youth_service_reasons(manager, today, set_now)
        written["feedback_withheld"] = _feedback_withheld(manager, today, set_now)
        written["lvu_follow_ups"] = _lvu_follow_up(manager, today, set_now)
    return written


def _youth_service_reasons(manager: User, today: date, set_now) -> int:
    """A judgment of youth community service final 70 days ago, not started: the special reasons
    were recorded a fortnight after it became final (18 kap. 8 § SoL)."""
    final_on = working_day(today - timedelta(days=70))
    service = (
        YouthService.objects.filter(started_on__isnull=True, special_reasons_on__isnull=True)
        .order_by("pk")
        .first()
    )
    if service is None:
        lul = LulStatement.objects.select_related("case").order_by("pk").first()
        if lul is None:
            return 0
        set_now(at(final_on, 14))
        service = care.register_youth_service(
            acting_user=_actor(lul.case, manager), case_id=lul.case_id, final_on=final_on, hours=40
        )
    recorded_on = min(today, working_day(service.final_on + timedelta(days=14)))
    set_now(at(recorded_on, 10))
    care.record_youth_service_special_reasons(
        acting_user=_actor(service.case, manager),
        service_id=service.pk,
        recorded_on=recorded_on,
        special_reasons=YOUTH_SERVICE_REASONS,
    )
    return 1


def _feedback_withheld(manager: User, today: date, set_now) -> int:
    """A mandatory reporter's feedback withheld as inappropriate (19 kap. 6 § andra stycket)."""
    due = PreliminaryAssessment.objects.select_related("case", "case__report").filter(
        case__report__reporter_mandatory=True, case__reporter_feedback__isnull=True
    )
    # the reporter asked for feedback (the duty's condition) where there is such a case
    assessment = (
        due.filter(case__report__feedback_request__isnull=False)
        .order_by("-decided_on", "pk")
        .first()
    ) or due.order_by("-decided_on", "pk").first()
    if assessment is None:
        return 0
    decided_on = min(today, working_day(assessment.decided_on + timedelta(days=1)))
    set_now(at(decided_on, 11))
    intake.withhold_reporter_feedback(
        acting_user=_actor(assessment.case, manager),
        case_id=assessment.case_id,
        decided_on=decided_on,
        withheld_reason=FEEDBACK_WITHHELD,
    )
    return 1


def _lvu_follow_up(manager: User, today: date, set_now) -> int:
    """LVU care that ended, its follow-up started a week later (21 b § LVU)."""
    care_ended = (
        Intervention.objects.select_related("case")
        .filter(basis__in=LVU_CARE_BASES, ended_on__isnull=False, lvu_follow_up__isnull=True)
        .order_by("pk")
        .first()
    )
    if care_ended is None:
        running = (
            Intervention.objects.select_related("case")
            .filter(basis__in=LVU_CARE_BASES, ended_on__isnull=True, start_on__lt=today)
            .order_by("pk")
            .first()
        )
        if running is None:
            return 0
        ended_on = max(running.start_on, working_day(today - timedelta(days=21)))
        set_now(at(ended_on, 15))
        care_ended = interventions.end_intervention(
            acting_user=_actor(running.case, manager),
            intervention_id=running.pk,
            ended_on=ended_on,
            end_reason="completed_as_planned",
        )
    started_on = min(today, working_day(care_ended.ended_on + timedelta(days=7)))
    set_now(at(started_on, 9))
    lvu.start_lvu_follow_up(
        acting_user=_actor(care_ended.case, manager),
        intervention_id=care_ended.pk,
        started_on=started_on,
        note=LVU_FOLLOW_UP_NOTE,
    )
    return 1
