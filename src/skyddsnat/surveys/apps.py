from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "skyddsnat.surveys"
    verbose_name = "Enkäter"
    default_auto_field = "django.db.models.BigAutoField"
