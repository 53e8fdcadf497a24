"""The web pages' URLs; each view module keeps its own ``urlpatterns``."""

from django.urls import path

from skyddsnat.web.views import (
    case,
    documents,
    home,
    intake,
    interventions,
    investigation,
    journal,
    my_cases,
    search,
    unit,
)

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    *my_cases.urlpatterns,
    *unit.urlpatterns,
    *search.urlpatterns,
    *intake.urlpatterns,
    *case.urlpatterns,
    *journal.urlpatterns,
    *investigation.urlpatterns,
    *interventions.urlpatterns,
    *documents.urlpatterns,
]
