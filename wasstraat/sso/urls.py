"""URLs of single sign-on, under /oidc/.

Without a namespace: mozilla-django-oidc reverses these names itself (the callback for the redirect URI,
all three for the session refresh's exemptions).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("authenticate/", views.OidcInloggen.as_view(), name="oidc_authentication_init"),
    path("callback/", views.OidcTerugkeer.as_view(), name="oidc_authentication_callback"),
    path("logout/", views.Uitloggen.as_view(), name="oidc_logout"),
]
