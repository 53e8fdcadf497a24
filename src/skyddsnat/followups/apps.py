from django.apps import AppConfig


class FollowUpsConfig(AppConfig):
    name = "skyddsnat.followups"
    verbose_name = "Uppföljning av barnets situation"

    def ready(self) -> None:
        from skyddsnat.cases import facts
        from skyddsnat.followups.facts import SOURCE

        facts.register(SOURCE)
