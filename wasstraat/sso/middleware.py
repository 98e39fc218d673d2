"""Session refresh: check now and then, silently, that the provider still lets the person in."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.deprecation import MiddlewareMixin
from mozilla_django_oidc.middleware import SessionRefresh

from .instellingen import AanbiederOnbereikbaar, oidc_aan, oidc_instelling
from .views import oidc_sessie


class SessieVerversen(SessionRefresh):
    """mozilla-django-oidc's SessionRefresh, for sessions that logged in through the provider only.

    Every ``OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS`` the next page the person opens goes by way of the
    provider with ``prompt=none``: still logged in there, they are back at once (with groups and name
    updated); not any more (left the organisation, blocked), they are logged out here too. It never
    acts on a local account's session, nor on a request the browser makes behind the page (htmx, the
    session-renewal button of static/js/wasstraat.js, fetch): a redirect to the provider cannot be
    followed there. Such requests just pass; the next page load refreshes.
    """

    get_settings = staticmethod(oidc_instelling)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        # The library reads the endpoints here, once; we read them when a refresh is due.
        MiddlewareMixin.__init__(self, get_response)
        self.OIDC_EXEMPT_URLS = getattr(settings, "OIDC_EXEMPT_URLS", [])

    def is_refreshable_url(self, request: HttpRequest) -> bool:
        return (
            oidc_aan()
            and request.user.is_authenticated
            and oidc_sessie(request)
            and not _achter_de_pagina(request)
            and super().is_refreshable_url(request)
        )

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        if not self.is_refreshable_url(request):
            return None
        try:
            self._instellingen_lezen()
        except AanbiederOnbereikbaar:
            return None  # try again on the next page; the session itself is still valid here
        return super().process_request(request)

    def _instellingen_lezen(self) -> None:
        """What the library's __init__ reads, read now (the endpoint may come from discovery)."""
        self.OIDC_OP_AUTHORIZATION_ENDPOINT = oidc_instelling("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_STATE_SIZE = getattr(settings, "OIDC_STATE_SIZE", 32)
        self.OIDC_AUTHENTICATION_CALLBACK_URL = getattr(
            settings, "OIDC_AUTHENTICATION_CALLBACK_URL", "oidc_authentication_callback"
        )
        self.OIDC_RP_SCOPES = settings.OIDC_RP_SCOPES
        self.OIDC_USE_NONCE = getattr(settings, "OIDC_USE_NONCE", True)
        self.OIDC_NONCE_SIZE = getattr(settings, "OIDC_NONCE_SIZE", 32)


def _achter_de_pagina(request: HttpRequest) -> bool:
    """A request made by the page's script (htmx, fetch, XMLHttpRequest), not a page the person opens."""
    if request.headers.get("HX-Request") or request.headers.get("X-Requested-With"):
        return True
    modus = request.headers.get("Sec-Fetch-Mode")
    return bool(modus) and modus != "navigate"
