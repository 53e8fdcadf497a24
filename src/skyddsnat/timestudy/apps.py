from django.apps import AppConfig


class TimestudyConfig(AppConfig):
    name = "skyddsnat.timestudy"
    verbose_name = "Tidsmätning"
