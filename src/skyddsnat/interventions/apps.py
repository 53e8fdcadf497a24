from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "skyddsnat.interventions"
    verbose_name = "Beslut och insatser"

    def ready(self) -> None:
        from skyddsnat.cases import facts
        from skyddsnat.interventions.care_facts import SOURCE as CARE_SOURCE
        from skyddsnat.interventions.facts import SOURCE
        from skyddsnat.interventions.lvu_facts import SOURCE as LVU_SOURCE

        facts.register(SOURCE)
        facts.register(LVU_SOURCE)
        facts.register(CARE_SOURCE)
