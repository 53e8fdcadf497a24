"""Web pages: documents (in progress)."""

urlpatterns: list = []
