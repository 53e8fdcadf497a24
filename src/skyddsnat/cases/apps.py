from django.apps import AppConfig
from django.core import checks


class CasesConfig(AppConfig):
    name = "skyddsnat.cases"
    verbose_name = "Ärenden"

    def ready(self) -> None:
        checks.register(_facts_have_sources)


def _facts_have_sources(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Every fact the rules engine reads must be given by one stage (``cases.facts``)."""
    from skyddsnat.cases.facts import check_sources

    try:
        check_sources()
    except LookupError as error:
        return [checks.Error(str(error), id="cases.E001")]
    return []
