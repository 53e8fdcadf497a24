"""URL configuration."""

from django.urls import path

from skyddsnat.api.router import api
from skyddsnat.web import views as web

urlpatterns = [
    path("", web.home, name="home"),
    path("api/v1/", api.urls),
]
