"""URLs of the whole application."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from . import views
from .sso import views as sso_views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="trajecten:lijst", permanent=False), name="home"),
    path(
        "account/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    # Logging out also ends a single sign-on session at the provider (wasstraat/sso).
    path("account/logout/", sso_views.Uitloggen.as_view(), name="logout"),
    path("account/sessie-verlengen/", views.sessie_verlengen, name="sessie_verlengen"),
    # the e-mailed link to set a password (sent from the admin by whoever may change the account)
    path(
        "account/wachtwoord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/wachtwoord/ingesteld/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("huisstijl.css", views.huisstijl_css, name="huisstijl_css"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("oidc/", include("wasstraat.sso.urls")),
    path("meldingen/", include("wasstraat.meldingen.urls")),
    path("trajecten/", include("trajecten.urls")),
    path("trajecten/<int:pk>/verbeterpunten/", include("verbeterplan.urls")),
    path("toetsingen/", include("verbeterplan.urls_toetsingen")),
    path("", include("wasstraat.accounts.urls")),
    path("", include("klantreis.urls")),
    path("", include("serviceformules.urls")),
    path("beheer/", admin.site.urls),
]
