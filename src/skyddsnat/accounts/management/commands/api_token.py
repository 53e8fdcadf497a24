"""``manage.py api_token``: issue, list and revoke the API tokens of the staff.

- ``api_token issue <username> [--days N] [--label TEXT]`` prints only the token (shown once;
  only its digest is stored), valid for 90 days unless ``--days`` says otherwise (at most
  ``limits.MAX_API_TOKEN_DAYS``); the expiry and the token's id go to stderr.
  ``api_token <username>`` is the same as ``api_token issue <username>`` (the form used before
  there were subcommands).
- ``api_token list [<username>]`` lists the tokens (id, user, label, issued, expires, last
  used, status), never the token or its digest.
- ``api_token revoke <id> …`` revokes tokens at once; ``api_token revoke --user <username>``
  every token of the user.

Issuing and revoking are audited: action ``create`` or ``update`` on the token row, channel
``system``, no actor (an operator at the server, not a user), ``detail`` naming the command and
the token's user; never the token or its digest. Listing writes nothing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from skyddsnat.accounts import services
from skyddsnat.accounts.models import API_TOKEN_LIFETIME, ApiToken, User
from skyddsnat.errors import ServiceError
from skyddsnat.limits import MAX_API_TOKEN_DAYS

SUBCOMMANDS = ("issue", "list", "revoke")


class Command(BaseCommand):
    help = (
        "API-nycklar: skapa (issue), lista (list) och återkalla (revoke). "
        "'api_token <användarnamn>' skapar en nyckel, som förut."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        """Read ``api_token <username>`` as ``api_token issue <username>``."""
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parse_args = parser.parse_args

        def parse(args: Any = None, namespace: Any = None) -> Any:
            words = list(args or [])
            if words and not words[0].startswith("-") and words[0] not in SUBCOMMANDS:
                words.insert(0, "issue")
            return parse_args(words, namespace)

        parser.parse_args = parse  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="issue|list|revoke")
        issue = sub.add_parser("issue", help="Skapa en API-nyckel och skriv ut den.")
        issue.add_argument("username", help="Användarnamnet som nyckeln ska tillhöra.")
        issue.add_argument(
            "--days",
            type=int,
            default=API_TOKEN_LIFETIME.days,
            help=f"Hur många dagar nyckeln gäller (standard {API_TOKEN_LIFETIME.days}, "
            f"högst {MAX_API_TOKEN_DAYS}).",
        )
        issue.add_argument(
            "--label", default="", help="Vad nyckeln används till, t.ex. systemets namn."
        )
        listing = sub.add_parser("list", help="Lista API-nycklarna (aldrig nycklarna själva).")
        listing.add_argument("username", nargs="?", help="Bara den här användarens nycklar.")
        revoke = sub.add_parser("revoke", help="Återkalla API-nycklar.")
        revoke.add_argument("ids", nargs="*", type=int, help="Nycklarnas id (se list).")
        revoke.add_argument("--user", help="Återkalla alla nycklar som användaren har.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            getattr(self, f"_{action}")(**options)
        except ServiceError as error:
            details = [m for messages in error.errors.values() for m in messages]
            raise CommandError(" ".join(details) or error.message) from error

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Användaren {username!r} finns inte.")
        return user

    def _issue(self, *, username: str, days: int, label: str, **options: Any) -> None:
        """Issue the token and write it, alone, on stdout."""
        user = self._user(username)
        row, token = services.issue_api_token(
            user=user, valid_for=timedelta(days=days), label=label
        )
        self.stdout.write(token)
        local = timezone.localtime(row.expires_at)
        self.stderr.write(
            f"API-nyckel {row.pk} för {user.username}, giltig till {local:%Y-%m-%d %H:%M}."
        )

    def _list(self, *, username: str | None, **options: Any) -> None:
        rows = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if username:
            rows = rows.filter(user=self._user(username))
        now = timezone.now()
        lines = [
            ("id", "användare", "används av", "skapad", "giltig till", "senast använd", "status")
        ]
        for row in rows:
            lines.append(
                (
                    str(row.pk),
                    row.user.username,
                    row.label or "–",
                    f"{timezone.localtime(row.created_at):%Y-%m-%d}",
                    f"{timezone.localtime(row.expires_at):%Y-%m-%d}",
                    f"{timezone.localtime(row.last_used_at):%Y-%m-%d %H:%M}"
                    if row.last_used_at
                    else "aldrig",
                    row.status(now),
                )
            )
        if len(lines) == 1:
            self.stdout.write("Inga API-nycklar.")
            return
        widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
        for line in lines:
            self.stdout.write(
                "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip()
            )

    def _revoke(self, *, ids: list[int], user: str | None, **options: Any) -> None:
        if bool(ids) == bool(user):
            raise CommandError("Ange antingen nycklarnas id eller --user <användarnamn>.")
        if user:
            count = services.revoke_api_tokens_of(user=self._user(user))
            self.stdout.write(f"Återkallade API-nycklar för {user}: {count}.")
            return
        for token_id in ids:
            services.revoke_api_token(token_id=token_id)
            self.stdout.write(f"API-nyckel {token_id} är återkallad.")
