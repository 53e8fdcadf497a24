"""Audit rows for logins and failed logins (docs/spec/security.md: every login and failed login),
and a departed user's API tokens revoked."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from skyddsnat.accounts.models import ApiToken, User
from skyddsnat.accounts.services import revoke_api_tokens_of
from skyddsnat.audit import services as audit


@receiver(user_logged_in, dispatch_uid="skyddsnat_audit_login")
def audit_login(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    """Record the login; one by single sign-on (``accounts/sso.py``) says so in the detail."""
    detail = "sso" if getattr(request, "skyddsnat_sso", False) else ""
    audit.record(actor=user, action="login", obj=user, detail=detail)


@receiver(user_login_failed, dispatch_uid="skyddsnat_audit_login_failed")
def audit_login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    """Record the failure against the account tried, if it exists; the name typed is not kept."""
    user = User.objects.filter(username=credentials.get("username", "")).first()
    audit.record(actor=None, action="login_failed", obj=user or User())


@receiver(post_save, sender=User, dispatch_uid="skyddsnat_revoke_tokens_of_departed")
def revoke_tokens_of_departed(
    sender: Any, instance: User, update_fields: Any = None, **kwargs: Any
) -> None:
    """Revoke the API tokens of a user saved as inactive, or whose employment has ended.

    A token of such a user is refused in any case (``ApiToken.usable``, also for a user changed
    with a queryset ``update`` that sends no signal, or whose last day is still ahead); revoking
    it means it stays refused if the user is reactivated, and the audit log says when and why.
    """
    if update_fields is not None and not {"is_active", "employment_ended_on"} & set(update_fields):
        return
    if not instance.is_active:
        because = ApiToken.Revocation.USER_INACTIVE
    elif instance.employment_ended_on and instance.employment_ended_on < timezone.localdate():
        because = ApiToken.Revocation.EMPLOYMENT_ENDED
    else:
        return
    if ApiToken.objects.filter(user=instance, revoked_at__isnull=True).exists():
        revoke_api_tokens_of(user=instance, because=because)
