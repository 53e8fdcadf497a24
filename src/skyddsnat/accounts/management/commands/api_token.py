"""``manage.py api_token <username>``: issue an API token and print only the token."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from skyddsnat.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = (
        "Skapa en API-nyckel för användaren och skriv ut den. Nyckeln visas bara en gång; "
        "bara dess kontrollsumma sparas."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Användarnamnet som nyckeln ska tillhöra.")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        """Issue the token and write it, alone, on stdout."""
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Användaren {username!r} finns inte.")
        if not user.is_active:
            raise CommandError(f"Användaren {username!r} är inte aktiv.")
        self.stdout.write(ApiToken.issue(user))
