from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "skyddsnat.journal"
    verbose_name = "Journal"
