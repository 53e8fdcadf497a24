"""``manage.py load_demo``: the demo municipality with two years of synthetic history."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from skyddsnat.demo.loader import (
    demo_municipality,
    load_demo,
    reset_demo,
    summary,
    unreported_children,
)
from skyddsnat.demo.logins import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Skapar demokommunen Exempelby med personal och två års syntetisk historik."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Gör inget om demokommunen redan finns."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Ta bort demokommunens ärenden först."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Slumpfrö: samma frö ger samma data."
        )
        parser.add_argument(
            "--reports", type=int, default=2000, help="Antal anmälningar (standard 2000)."
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Historiken slutar denna dag (ÅÅÅÅ-MM-DD).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_ENABLED:
            raise CommandError(
                "Demodata är avstängt i den här miljön (DEMO_ENABLED är falskt). Inget skapades."
            )
        if options["reports"] < 1:
            raise CommandError("Ange minst en anmälan med --reports.")
        existing = demo_municipality()
        if existing is not None and options["if_empty"]:
            self.stdout.write(f"{existing.name} finns redan; demodata laddas inte igen.")
            self._print_logins()
            return
        if existing is not None:
            if not options["reset"]:
                raise CommandError(
                    f"{existing.name} finns redan. Använd --reset för att ladda om eller --if-empty för att hoppa över."
                )
            deleted = reset_demo()
            self.stdout.write(f"Tog bort {sum(deleted.values())} rader ur {existing.name}.")
        try:
            result = load_demo(
                seed=options["seed"], reports=options["reports"], today=options["today"]
            )
        except Exception:
            self.stderr.write("Demodata kunde inte laddas färdigt. Kör igen med --reset.")
            raise
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata för {result.municipality.name} ({result.municipality.code}) skapad på "
                f"{result.seconds:.1f} s ({result.steps} händelser)."
            )
        )
        rows = summary(result.municipality)
        width = max(len(label) for label, _ in rows)
        for label, count in rows:
            self.stdout.write(f"  {label:<{width}}  {count:>7}")
        self._print_register()
        self.stdout.write(
            "\nBarnbarometern (demo) för "
            f"{result.municipality.name}, förifylld från kommunens uppgifter: "
            f"http://127.0.0.1:8000/enkat/{result.survey_token}/"
        )
        self._print_logins()

    def _print_register(self) -> None:
        """Name the children of the register's families that no report is about yet."""
        numbers = unreported_children()
        if numbers:
            self.stdout.write(
                "\nI folkbokföringen (syntetisk) men utan anmälan, med syskon: "
                + ", ".join(f"{n[:8]}-{n[8:]}" for n in numbers)
            )

    def _print_logins(self) -> None:
        self.stdout.write(f"\nInloggningar på http://127.0.0.1:8000/ (lösenord: {DEMO_PASSWORD}):")
        for username, role in DEMO_LOGINS:
            self.stdout.write(f"  {username:<14} {role}")
