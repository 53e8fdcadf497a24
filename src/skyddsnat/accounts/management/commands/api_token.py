"""``manage.py api_token <username>``: issue an API token and print only the token.

The issue is audited: action ``create`` on the token row, channel ``system``, no actor (an
operator at the server, not a user), ``detail`` naming the command and the token's user; never
the token or its digest.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from skyddsnat.accounts.models import ApiToken, User
from skyddsnat.audit import services as audit


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
        with transaction.atomic():
            token = ApiToken.issue(user)
            audit.record(
                actor=None,
                action="create",
                obj=ApiToken.objects.get(digest=ApiToken.digest_of(token)),
                channel="system",
                detail=f"command=api_token;user={user.pk}",
            )
        self.stdout.write(token)
