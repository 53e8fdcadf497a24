from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "skyddsnat.web"
    verbose_name = "Webb"

    def ready(self) -> None:
        from skyddsnat.web import context  # noqa: F401  (whether "Mina enkäter" is in the menu)
