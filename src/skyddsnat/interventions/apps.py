from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "skyddsnat.interventions"
    verbose_name = "Beslut och insatser"

    def ready(self) -> None:
        from skyddsnat.cases import facts
        from skyddsnat.interventions.facts import SOURCE

        facts.register(SOURCE)
