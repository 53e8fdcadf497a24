from django.apps import AppConfig
from django.db.models.signals import post_migrate


class JobsConfig(AppConfig):
    name = "skyddsnat.jobs"
    verbose_name = "Jobb"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from skyddsnat.jobs.schedules import install_after_migrate

        # After every migrate the scheduled jobs exist (with the database alias migrate used:
        # the owner's on PostgreSQL), so a new installation needs no step of its own.
        post_migrate.connect(install_after_migrate, sender=self)
