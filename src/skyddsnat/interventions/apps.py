from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "skyddsnat.interventions"
    verbose_name = "Beslut och insatser"
