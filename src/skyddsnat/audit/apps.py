from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "skyddsnat.audit"
    verbose_name = "Loggning"
