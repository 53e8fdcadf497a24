"""Enrol a TOTP device for a member of staff and print the key once (for the authenticator app).

The enrolment is audited: action ``create`` on the new device, channel ``system``, no actor (an
operator at the server, not a user), ``detail`` naming the command, the user and how many old
devices ``--replace`` removed; never the key.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit


class Command(BaseCommand):
    help = "Skapa en TOTP-enhet (andra faktorn) för en användare och visa nyckeln en gång."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--replace", action="store_true", help="Ta bort användarens tidigare enheter först."
        )

    def handle(self, *args, username: str, replace: bool, **options) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Användaren {username!r} finns inte.")
        with transaction.atomic():
            old = TOTPDevice.objects.filter(user=user)
            replaced = old.count() if replace else 0
            if replace:
                old.delete()
            device = TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=True)
            audit.record(
                actor=None,
                action="create",
                obj=device,
                channel="system",
                detail=f"command=totp_enrol;user={user.pk};replaced={replaced}",
            )
        self.stdout.write("Lägg in nyckeln i autentiseringsappen (visas bara nu):")
        self.stdout.write(device.config_url)
