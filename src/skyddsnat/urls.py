"""URL configuration."""

from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from skyddsnat.accounts import set_password, sso_views, two_factor
from skyddsnat.api.router import api
from skyddsnat.health import HealthView
from skyddsnat.web.views.home import LoginView


class FaviconView(RedirectView):
    """``/favicon.ico``, which browsers and bookmarks ask for by habit: the icon the pages name."""

    permanent = True

    def get_redirect_url(self, *args: object, **kwargs: object) -> str:
        return static("web/favicon.svg")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The one-time link an administrator gives a new user (accounts.administration.password_link).
    *set_password.urlpatterns,
    *two_factor.urlpatterns,
    # Single sign-on with the municipality's identity provider (decision 0024).
    *sso_views.urlpatterns,
    path("api/v1/", api.urls),
    path("halsa/", HealthView.as_view(), name="health"),
    path("", include("skyddsnat.web.urls")),
]

handler403 = "skyddsnat.web.views.break_glass.forbidden"
