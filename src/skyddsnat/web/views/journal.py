"""Web pages: journal (in progress)."""

urlpatterns: list = []
