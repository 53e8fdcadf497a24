"""Siblings handled together (*syskon i samma anmälan*, decision 0025).

A report about several children of one family opens one case per child. The protective
assessment, the preliminary assessment and the reporter feedback may be decided for several of
those children at once: one form, one submit. Each child still gets its own record (own
outcome, own child-heard answer, own reason) through the per-child service, behind
``cases.actions.case_action``; the functions here only wrap those calls in ONE transaction, so
that either every child's record is written or none is.

Access: the user must be allowed to act on each child's case. Every case is checked before
anything is written (a refusal for one child refuses the whole), and the per-child service asks
again with the case locked. Each child's record is journalled and audited on that child's case.

A field error of one child comes back as ``children.<case id>.<field>``; a state conflict of one
child (decided meanwhile, in another tab) as the conflict, with the child's name before it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from django.db import transaction

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, ServiceError, StateConflict
from skyddsnat.intake import services as intake
from skyddsnat.intake.models import PreliminaryAssessment, ProtectiveAssessment, ReporterFeedback

R = TypeVar("R")

NO_CHILDREN = "Välj minst ett barn som beslutet gäller."


@dataclass(frozen=True)
class ProtectiveChoice:
    """One child's part of a joint protective assessment (the time is the form's)."""

    outcome: str
    action: str = ""
    note: str = ""


def child_field(case_id: int, name: str) -> str:
    """Return the error key of one child's field in a joint decision."""
    return f"children.{case_id}.{name}"


def _name(case: Case) -> str:
    child = case.child
    return f"{child.first_name} {child.last_name}".strip() or child.identifier


def report_cases(acting_user: User, report_id: int, case_ids: list[int]) -> list[Case]:
    """Return the cases ``case_ids`` of the report, each one the user may change, by id.

    The report first: another municipality's (or an unknown) is ``NotFound``, one of whose
    cases the user may change none ``Forbidden``. Then the children: an id not of the report is
    ``NotFound``; a case the user may not change is ``Forbidden`` (with the child's name). One
    refusal refuses the whole.
    """
    if acting_user.municipality_id is None:
        raise NotFound("Anmälan finns inte.")
    of_report = list(
        Case.objects.select_related("child", "report")
        .filter(report_id=report_id, municipality_id=acting_user.municipality_id)
        .order_by("pk")
    )
    if not of_report:
        raise NotFound("Anmälan finns inte.")
    if not any(policy.can_write_case(acting_user, case) for case in of_report):
        readable = any(policy.can_read_case(acting_user, case) for case in of_report)
        raise Forbidden(
            "Du har inte behörighet att besluta i anmälans ärenden."
            if readable
            else "Du har inte behörighet till anmälan."
        )
    if not case_ids:
        raise InvalidInput.field("children", NO_CHILDREN)
    if len(set(case_ids)) != len(case_ids):
        raise InvalidInput.field("children", "Samma barn är valt två gånger.")
    cases = [case for case in of_report if case.pk in set(case_ids)]
    if len(cases) != len(case_ids):
        raise NotFound("Ärendet finns inte i anmälan.")
    for case in cases:
        if not policy.can_write_case(acting_user, case):
            if not policy.can_read_case(acting_user, case):
                raise Forbidden("Du har inte behörighet till ärendet.")
            raise Forbidden(
                f"Du har inte behörighet att besluta för {_name(case)}. Ingenting sparades."
            )
    return cases


def _each(cases: list[Case], call: Callable[[Case], R], *, summary: str) -> list[R]:
    """Call ``call`` for each case (its own savepoint); collect the children's field errors.

    Runs inside the caller's transaction: one refusal raised at the end rolls back every
    child's record. A state conflict is raised at once, with the child's name.
    """
    results: list[R] = []
    errors: dict[str, list[str]] = {}
    for case in cases:
        try:
            results.append(call(case))
        except InvalidInput as exc:
            for key, messages in exc.errors.items():
                errors.setdefault(child_field(case.pk, key), []).extend(messages)
            if not exc.errors:
                errors.setdefault(child_field(case.pk, "__all__"), []).append(exc.message)
        except (Forbidden, NotFound):
            raise
        except StateConflict as exc:
            raise StateConflict(f"{_name(case)}: {exc.message} Ingenting sparades.") from None
        except ServiceError as exc:  # any other refusal: the child's, and nothing is saved
            raise type(exc)(f"{_name(case)}: {exc.message}", dict(exc.errors)) from None
    if errors:
        raise InvalidInput(summary, errors)
    return results


_SUMMARY = "Ingenting sparades: rätta fälten nedan för vart och ett av barnen."


@transaction.atomic
def make_protective_assessments(
    *,
    acting_user: User,
    report_id: int,
    made_at: datetime,
    children: Mapping[int, ProtectiveChoice],
) -> list[ProtectiveAssessment]:
    """Record the protective assessment of several children of one report, all or none.

    ``children``: each child's case id and its own outcome, action and reason.
    """
    cases = report_cases(acting_user, report_id, list(children))

    def one(case: Case) -> ProtectiveAssessment:
        choice = children[case.pk]
        return intake.make_protective_assessment(
            acting_user=acting_user,
            case_id=case.pk,
            made_at=made_at,
            outcome=choice.outcome,
            action=choice.action,
            note=choice.note,
        )

    return _each(cases, one, summary=_SUMMARY)


@transaction.atomic
def decide_preliminary_assessments(
    *,
    acting_user: User,
    report_id: int,
    children: Mapping[int, intake.PreliminaryInput],
) -> list[PreliminaryAssessment]:
    """Decide the preliminary assessment of several children of one report, all or none.

    ``children``: each child's case id and its own decision (outcome, child heard, reason).
    """
    cases = report_cases(acting_user, report_id, list(children))

    def one(case: Case) -> PreliminaryAssessment:
        return intake.decide_preliminary_assessment(
            acting_user=acting_user, case_id=case.pk, data=children[case.pk]
        )

    return _each(cases, one, summary=_SUMMARY)


def feedback_pending(case: Case) -> bool:
    """Return whether the reporter's feedback may now be recorded for ``case`` (and is not)."""
    if not case.report.reporter_mandatory or hasattr(case, "reporter_feedback"):
        return False
    return hasattr(case, "preliminary_assessment")


@transaction.atomic
def send_report_feedback(
    *, acting_user: User, report_id: int, case_ids: list[int], sent_on: date
) -> list[ReporterFeedback]:
    """Record one feedback to the reporter for several children of the report, all or none.

    The reporter is told once; each child's case keeps its own record of it (the duty is the
    case's, and follows it).
    """
    cases = report_cases(acting_user, report_id, case_ids)

    def one(case: Case) -> ReporterFeedback:
        return intake.send_reporter_feedback(
            acting_user=acting_user, case_id=case.pk, sent_on=sent_on
        )

    return _each(cases, one, summary=_SUMMARY)
