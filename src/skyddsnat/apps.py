"""The project itself as an app: what holds for every model of every app (``storedtext``)."""

from django.apps import AppConfig
from django.db.models.signals import pre_save


class SkyddsnatConfig(AppConfig):
    name = "skyddsnat"
    verbose_name = "Skyddsnät"

    def ready(self) -> None:
        from skyddsnat.storedtext import check_texts

        pre_save.connect(check_texts, dispatch_uid="skyddsnat.storedtext.check_texts")
