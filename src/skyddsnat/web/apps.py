from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "skyddsnat.web"
    verbose_name = "Webb"
