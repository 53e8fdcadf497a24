"""Break-glass (*nödåtkomst*): ask for emergency read access, and a manager's review of it.
API tokens: issue, revoke, and revoke a departed user's (``api_token``, ``accounts/signals.py``).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import (
    API_TOKEN_LIFETIME,
    BREAK_GLASS_DURATION,
    ApiToken,
    BreakGlassAccess,
    User,
)
from skyddsnat.audit import services as audit
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.models import Case
from skyddsnat.errors import Collector, Forbidden, NotFound, StateConflict
from skyddsnat.limits import MAX_API_TOKEN_DAYS


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


def _token_user_may_have_one(user: User) -> None:
    if not user.is_active:
        raise StateConflict(f"Användaren {user.username!r} är inte aktiv.")
    ended = user.employment_ended_on
    if ended is not None and ended < timezone.localdate():
        raise StateConflict(f"Användarens anställning upphörde {ended:%Y-%m-%d}.")


@transaction.atomic
def issue_api_token(
    *, user: User, valid_for: timedelta = API_TOKEN_LIFETIME, label: str = ""
) -> tuple[ApiToken, str]:
    """Issue an API token for ``user``; return the row and the token (shown once, never stored).

    Audited: action ``create`` on the token, no actor (an operator at the server), ``detail``
    naming the command, the user and the expiry; never the token or its digest.
    """
    _token_user_may_have_one(user)
    errors = Collector()
    errors.check(
        timedelta(days=1) <= valid_for <= timedelta(days=MAX_API_TOKEN_DAYS),
        "days",
        f"En API-nyckel gäller minst 1 och högst {MAX_API_TOKEN_DAYS} dagar.",
    )
    errors.raise_if_any()
    row, token = ApiToken.create_for(user, valid_for=valid_for, label=label.strip())
    audit.record(
        actor=None,
        action="create",
        obj=row,
        detail=f"command=api_token issue;user={user.pk};expires={timezone.localtime(row.expires_at):%Y-%m-%d}",
    )
    return row, token


@transaction.atomic
def revoke_api_token(*, token_id: int, because: str = ApiToken.Revocation.COMMAND) -> ApiToken:
    """Revoke the token ``token_id`` at once; audited as an ``update`` of the token."""
    row = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    if row is None:
        raise NotFound(f"API-nyckel {token_id} finns inte.")
    if row.revoked_at is not None:
        raise StateConflict(f"API-nyckel {token_id} är redan återkallad.")
    _revoke(row, because)
    return row


@transaction.atomic
def revoke_api_tokens_of(*, user: User, because: str = ApiToken.Revocation.COMMAND) -> int:
    """Revoke every token of ``user`` not yet revoked; return how many (each audited)."""
    rows = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    for row in rows:
        _revoke(row, because)
    return len(rows)


def _revoke(row: ApiToken, because: str) -> None:
    row.revoked_at = timezone.now()
    row.revoked_because = because
    row.save(update_fields=["revoked_at", "revoked_because"])
    by = (
        "command=api_token revoke"
        if because == ApiToken.Revocation.COMMAND
        else f"revoked={because}"
    )
    audit.record(actor=None, action="update", obj=row, detail=f"{by};user={row.user_id}")
