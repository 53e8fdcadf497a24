from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "skyddsnat.retention"
    verbose_name = "Gallring"
