"""Web pages: interventions (in progress)."""

urlpatterns: list = []
