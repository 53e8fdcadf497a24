"""``manage.py migrate``: Django's, run as the tables' owner when one is configured apart.

With ``SKYDDSNAT_MIGRATION_DATABASE_URL`` set, ``settings.py`` adds the database alias
``owner``, and ``migrate`` uses it unless ``--database`` says otherwise: the tables are created
and altered by the role that owns them, while the application (``DATABASE_URL``) runs as a role
that only reads and writes rows (docs/security.md, "Database roles").
"""

from __future__ import annotations

from django.core.management.base import CommandParser
from django.core.management.commands import migrate

from skyddsnat.disposal import owner_alias


class Command(migrate.Command):
    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(database=owner_alias())
