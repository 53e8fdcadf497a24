from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "skyddsnat.intake"
    verbose_name = "Aktualisering"

    def ready(self) -> None:
        from skyddsnat.cases import facts
        from skyddsnat.intake.facts import SOURCE

        facts.register(SOURCE)
