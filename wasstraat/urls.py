"""URLs of the whole application."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="trajecten:lijst", permanent=False), name="home"),
    path(
        "account/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/sessie-verlengen/", views.sessie_verlengen, name="sessie_verlengen"),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("huisstijl.css", views.huisstijl_css, name="huisstijl_css"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("meldingen/", include("wasstraat.meldingen.urls")),
    path("trajecten/", include("trajecten.urls")),
    path("trajecten/<int:pk>/verbeterpunten/", include("verbeterplan.urls")),
    path("", include("klantreis.urls")),
    path("", include("serviceformules.urls")),
    path("beheer/", admin.site.urls),
]
