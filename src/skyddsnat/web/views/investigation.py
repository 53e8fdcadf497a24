"""Web pages: investigation (in progress)."""

urlpatterns: list = []
