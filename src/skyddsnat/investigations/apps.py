from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    name = "skyddsnat.investigations"
    verbose_name = "Utredningar"
