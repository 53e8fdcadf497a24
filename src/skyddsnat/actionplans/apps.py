from django.apps import AppConfig


class ActionplansConfig(AppConfig):
    name = "skyddsnat.actionplans"
    verbose_name = "Handlingsplaner"
