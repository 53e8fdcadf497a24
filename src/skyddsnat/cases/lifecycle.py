"""The case's lifecycle: the only module that changes a case's phase.

A case moves ``assessment`` → ``investigation`` → ``intervention`` → ``closed``; it may also
close straight after the preliminary assessment (no investigation opened) or the investigation
(no intervention). After an investigation closed without an intervention, or when a placement has
ended, a decided follow-up of the child's situation (23 kap. SoL 2025:400) puts the case in
``follow_up`` until it is ended; then the case closes. Every transition is a function here, called by the stage's service inside
its transaction, with the case row locked (``lock``). Each bumps the case's ``version`` so that
an edit made on a stale page is refused (optimistic locking, ``errors.StaleEdit``).

The stages (``intake``, ``investigations``, ``interventions``) call these functions; this
module imports none of them: it reads their rows only through the case's relations.
"""

from __future__ import annotations

from django.db.models import QuerySet

from skyddsnat import clock
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.models import Case
from skyddsnat.errors import StateConflict


def lock(case_id: int) -> Case:
    """Return the case row locked for the rest of the transaction (``SELECT … FOR UPDATE``)."""
    return Case.objects.select_for_update().select_related("report").get(pk=case_id)


def has_running_intervention(case: Case) -> bool:
    """Whether an intervention of the case has not ended (e.g. an LVU 6 § placement)."""
    return case.interventions.filter(ended_on__isnull=True).exists()


def ongoing_investigation_case(case: Case) -> Case | None:
    """Return another case of the same child with an investigation still open, if any."""
    return (
        Case.objects.filter(
            child_id=case.child_id,
            investigation__isnull=False,
            investigation__closed_on__isnull=True,
        )
        .exclude(pk=case.pk)
        .order_by("investigation__opened_on")
        .first()
    )


def open_cases_of_child(child_id: int) -> QuerySet[Case]:
    """The child's cases that are not closed, newest first."""
    return (
        Case.objects.filter(child_id=child_id).exclude(phase=Phase.CLOSED).order_by("-created_at")
    )


def _save(case: Case, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version"])


def investigation_opened(case: Case) -> None:
    """The preliminary assessment opened an investigation: the case is being investigated."""
    if case.phase != Phase.ASSESSMENT:
        raise StateConflict("Ärendet är inte längre i aktualiseringsfasen.")
    case.phase = Phase.INVESTIGATION
    _save(case, "phase")


def investigation_not_opened(case: Case, *, joined_to: Case | None = None) -> None:
    """The preliminary assessment opened no investigation of this case.

    The case closes, unless an intervention still runs (an emergency placement, LVU 6 §): then
    it stays open in the intervention phase until that ends. ``joined_to`` is the case whose
    running investigation takes this report in.
    """
    if case.phase != Phase.ASSESSMENT:
        raise StateConflict("Ärendet är inte längre i aktualiseringsfasen.")
    case.joined_to = joined_to
    if has_running_intervention(case):
        case.phase = Phase.INTERVENTION
    else:
        case.phase = Phase.CLOSED
        case.closed_at = clock.now()
    _save(case, "phase", "closed_at", "joined_to")


def help_without_investigation(case: Case) -> None:
    """The preliminary assessment chose help without an investigation (11 kap. 5 § SoL
    2025:400): the case goes on to the intervention phase, where that help is recorded."""
    if case.phase != Phase.ASSESSMENT:
        raise StateConflict("Ärendet är inte längre i aktualiseringsfasen.")
    case.phase = Phase.INTERVENTION
    _save(case, "phase")


def investigation_closed(case: Case, *, leads_to_intervention: bool) -> None:
    """The investigation closed: interventions follow, or the case closes.

    A placement decided during the investigation (LVU 6 §) keeps the case open too.
    """
    if leads_to_intervention or has_running_intervention(case):
        case.phase = Phase.INTERVENTION
    else:
        case.phase = Phase.CLOSED
        case.closed_at = clock.now()
    _save(case, "phase", "closed_at")


def close(case: Case) -> None:
    """Close the case (*avsluta ärende*) when nothing in it is still running."""
    if case.phase == Phase.CLOSED:
        raise StateConflict("Ärendet är redan avslutat.")
    if case.phase == Phase.ASSESSMENT:
        raise StateConflict("Förhandsbedömningen är inte beslutad.")
    if case.phase == Phase.INVESTIGATION:
        raise StateConflict("Utredningen pågår. Avsluta utredningen först.")
    if case.phase == Phase.FOLLOW_UP:
        raise StateConflict("Uppföljningen pågår. Avsluta uppföljningen först.")
    if has_running_intervention(case):
        raise StateConflict("En insats pågår fortfarande. Avsluta insatsen först.")
    case.phase = Phase.CLOSED
    case.closed_at = clock.now()
    _save(case, "phase", "closed_at")


def follow_up_started(case: Case) -> None:
    """A follow-up of the child's situation was decided: the case is followed up until it ends.

    Only once nothing runs any more: the investigation is closed and no intervention is running
    (the case is closed, or in the intervention phase with every intervention ended).
    """
    if case.phase == Phase.FOLLOW_UP:
        raise StateConflict("En uppföljning pågår redan i ärendet.")
    if case.phase in (Phase.ASSESSMENT, Phase.INVESTIGATION):
        raise StateConflict(
            "Uppföljning beslutas när utredningen har avslutats eller placeringen har upphört."
        )
    if has_running_intervention(case):
        raise StateConflict("En insats pågår fortfarande. Avsluta insatsen först.")
    case.phase = Phase.FOLLOW_UP
    case.closed_at = None
    _save(case, "phase", "closed_at")


def follow_up_ended(case: Case) -> None:
    """The follow-up of the child's situation was ended: the case closes."""
    if case.phase != Phase.FOLLOW_UP:
        raise StateConflict("Ingen uppföljning pågår i ärendet.")
    case.phase = Phase.CLOSED
    case.closed_at = clock.now()
    _save(case, "phase", "closed_at")


def touch(case: Case, *fields: str) -> None:
    """Save ``fields`` of the case (not its phase) and bump its version."""
    if "phase" in fields:
        raise ValueError("Only the lifecycle's transitions change the phase.")
    _save(case, *fields)
