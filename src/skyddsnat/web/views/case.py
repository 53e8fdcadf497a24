"""Web pages: case (in progress)."""

urlpatterns: list = []
