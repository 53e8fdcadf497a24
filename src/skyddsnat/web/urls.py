"""The web pages' URLs; each view module keeps its own ``urlpatterns``."""

from django.urls import path

from skyddsnat.web.views import (
    administration,
    administration_import,
    audit_log,
    break_glass,
    case,
    committee,
    documents,
    drafts,
    family,
    followup,
    home,
    intake,
    interventions,
    investigation,
    jobs,
    journal,
    my_cases,
    plans,
    search,
    situation,
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
    *family.urlpatterns,
    *journal.urlpatterns,
    *investigation.urlpatterns,
    *interventions.urlpatterns,
    *plans.urlpatterns,
    *situation.urlpatterns,
    *documents.urlpatterns,
    *drafts.urlpatterns,
    *followup.urlpatterns,
    *committee.urlpatterns,
    *administration.urlpatterns,
    *administration_import.urlpatterns,
    *jobs.urlpatterns,
]
