from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "skyddsnat.accounts"
    verbose_name = "Konton och organisation"

    def ready(self) -> None:
        from skyddsnat.accounts import signals  # noqa: F401  (connects the audit receivers)
