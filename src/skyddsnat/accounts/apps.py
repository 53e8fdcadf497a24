from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "skyddsnat.accounts"
    verbose_name = "Konton och organisation"
