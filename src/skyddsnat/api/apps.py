from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "skyddsnat.api"
    verbose_name = "API"
