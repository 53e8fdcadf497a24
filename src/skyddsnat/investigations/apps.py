from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    name = "skyddsnat.investigations"
    verbose_name = "Utredningar"

    def ready(self) -> None:
        from skyddsnat.cases import facts
        from skyddsnat.investigations.facts import SOURCE

        facts.register(SOURCE)
