"""Break-glass (*nödåtkomst*): ask for emergency read access, and a manager's review of it."""

from __future__ import annotations

from django.db import transaction

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import BREAK_GLASS_DURATION, BreakGlassAccess, User
from skyddsnat.audit import services as audit
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.models import Case
from skyddsnat.errors import Collector, Forbidden


@case_action(
    may=policy.can_request_break_glass,
    refusal="Du kan inte begära nödåtkomst till det här ärendet.",
)
def grant_break_glass(
    *, acting_user: User, case: Case, reason: str, explanation: str
) -> BreakGlassAccess:
    """Give ``acting_user`` read access to ``case`` for eight hours, and audit why."""
    errors = Collector()
    errors.check(
        reason in BreakGlassAccess.Reason.values, "reason", "Välj ett skäl till nödåtkomsten."
    )
    explanation = explanation.strip()
    errors.check(bool(explanation), "explanation", "Beskriv varför du behöver läsa ärendet.")
    errors.check(len(explanation) <= 200, "explanation", "Skriv högst 200 tecken.")
    errors.raise_if_any()
    now = clock.now()
    access = BreakGlassAccess.objects.create(
        user=acting_user,
        case=case,
        reason=reason,
        explanation=explanation,
        granted_at=now,
        expires_at=now + BREAK_GLASS_DURATION,
    )
    audit.record(
        actor=acting_user,
        action="break_glass",
        obj=access,
        case_id=case.pk,
        reason=f"{reason}: {explanation}"[:200],
    )
    return access


@transaction.atomic
def review_break_glass(
    *, acting_user: User, access: BreakGlassAccess, flagged: bool
) -> BreakGlassAccess:
    """Mark the access reviewed by the manager, flagged for follow-up or not."""
    if not policy.can_review_break_glass(acting_user, access):
        raise Forbidden("Du kan inte granska den här nödåtkomsten.")
    access.reviewed_at = clock.now()
    access.reviewed_by = acting_user
    access.flagged = flagged
    access.save(update_fields=["reviewed_at", "reviewed_by", "flagged"])
    audit.record(actor=acting_user, action="update", obj=access, case_id=access.case_id)
    return access
