from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "skyddsnat.people"
    verbose_name = "Personer"
