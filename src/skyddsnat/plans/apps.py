from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "skyddsnat.plans"
    verbose_name = "Vård- och genomförandeplaner"

    def ready(self) -> None:
        from skyddsnat.cases import facts
        from skyddsnat.plans.facts import SOURCE

        facts.register(SOURCE)
