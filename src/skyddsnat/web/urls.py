"""The web pages' URLs; each view module keeps its own ``urlpatterns``."""

from django.urls import path

from skyddsnat.web.views import (
    audit_log,
    break_glass,
    case,
    committee,
    documents,
    drafts,
    followup,
    home,
    intake,
    interventions,
    investigation,
    jobs,
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
    *break_glass.urlpatterns,
    *audit_log.urlpatterns,
    *search.urlpatterns,
    *intake.urlpatterns,
    *case.urlpatterns,
    *journal.urlpatterns,
    *investigation.urlpatterns,
    *interventions.urlpatterns,
    *documents.urlpatterns,
    *drafts.urlpatterns,
    *followup.urlpatterns,
    *committee.urlpatterns,
    *jobs.urlpatterns,
]
