"""Enrol a TOTP device for a member of staff and print the key once (for the authenticator app)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from skyddsnat.accounts.models import User


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
        if replace:
            TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=True)
        self.stdout.write("Lägg in nyckeln i autentiseringsappen (visas bara nu):")
        self.stdout.write(device.config_url)
