"""The project itself as an app: what holds for every model of every app (``storedtext``), and
the SQLite function the append-only triggers ask (``disposal``), and Django's local-date function
on SQLite remembered (``sqlitedates``)."""

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import pre_save


class SkyddsnatConfig(AppConfig):
    name = "skyddsnat"
    verbose_name = "Skyddsnät"

    def ready(self) -> None:
        from skyddsnat import sqlitedates
        from skyddsnat.disposal import register_sqlite_functions
        from skyddsnat.storedtext import check_texts

        pre_save.connect(check_texts, dispatch_uid="skyddsnat.storedtext.check_texts")
        connection_created.connect(
            register_sqlite_functions, dispatch_uid="skyddsnat.disposal.sqlite_functions"
        )
        connection_created.connect(sqlitedates.register, dispatch_uid="skyddsnat.sqlitedates")
