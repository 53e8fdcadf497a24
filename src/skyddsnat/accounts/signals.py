"""Audit rows for logins and failed logins (docs/spec/security.md: every login and failed login)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit


@receiver(user_logged_in, dispatch_uid="skyddsnat_audit_login")
def audit_login(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    audit.record(actor=user, action="login", obj=user)


@receiver(user_login_failed, dispatch_uid="skyddsnat_audit_login_failed")
def audit_login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    """Record the failure against the account tried, if it exists; the name typed is not kept."""
    user = User.objects.filter(username=credentials.get("username", "")).first()
    audit.record(actor=None, action="login_failed", obj=user or User())
