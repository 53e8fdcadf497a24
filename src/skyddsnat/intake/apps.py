from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "skyddsnat.intake"
    verbose_name = "Aktualisering"
