"""Logging in and out through the OpenID Connect provider (mozilla-django-oidc's views, adapted)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .backends import OidcBackend
from .instellingen import AanbiederOnbereikbaar, oidc_aan, oidc_instelling
from .services import AanmeldingGeweigerd

logger = logging.getLogger(__name__)

#: The backend path Django stores in the session of someone who logged in through the provider.
OIDC_BACKEND = f"{OidcBackend.__module__}.{OidcBackend.__qualname__}"
#: What a failed code flow raises besides our own refusal: a forged or expired token, an unreachable
#: provider, a refused token request.
MISLUKT = (SuspiciousOperation, AanbiederOnbereikbaar, requests.RequestException, jwt.PyJWTError)


def oidc_sessie(request: HttpRequest) -> bool:
    """Whether this session was logged in through the provider (not with a local password)."""
    return request.session.get(auth.BACKEND_SESSION_KEY) == OIDC_BACKEND


def _niet_gelukt(request: HttpRequest, reden: str, bericht: str = "") -> HttpResponse:
    logger.warning("Single sign-on: login refused: %s", reden)
    messages.error(
        request,
        bericht
        or _("Logging in with %(naam)s did not succeed. Try again, or ask the functional administrator.")
        % {"naam": settings.OIDC_AANBIEDER_NAAM},
    )
    return redirect("login")


class OidcInloggen(OIDCAuthenticationRequestView):
    """Send the browser to the provider to log in (``?next=`` is kept for after the login)."""

    get_settings = staticmethod(oidc_instelling)

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # the endpoint is read per request, from discovery if need be

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_aan():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_instelling("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except AanbiederOnbereikbaar as fout:
            return _niet_gelukt(
                request,
                str(fout),
                _("Logging in with %(naam)s is not possible right now. Try again later.")
                % {"naam": settings.OIDC_AANBIEDER_NAAM},
            )
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class OidcTerugkeer(OIDCAuthenticationCallbackView):
    """The provider sends the browser back here with a code (or an error): log the person in, or not."""

    get_settings = staticmethod(oidc_instelling)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_aan():
            raise Http404
        if request.GET.get("error"):
            return self._fout_van_aanbieder(request)
        staat = self._staat_ophalen(request)
        if staat is None:
            return _niet_gelukt(request, "unknown or missing state")
        backend = OidcBackend()
        try:
            gebruiker = backend.aanmelden(
                request, nonce=staat.get("nonce"), code_verifier=staat.get("code_verifier")
            )
        except AanmeldingGeweigerd as fout:
            return _niet_gelukt(request, fout.reden, fout.bericht)
        except MISLUKT as fout:
            return _niet_gelukt(request, f"{type(fout).__name__}: {fout}")
        if gebruiker is None or not gebruiker.is_active:
            return _niet_gelukt(request, "no user")
        gebruiker.backend = OIDC_BACKEND
        self.user = gebruiker
        antwoord = self.login_success()
        # After login(): logging in as someone else than before starts a new session.
        request.session["oidc_id_token"] = backend.id_token
        return antwoord

    def _fout_van_aanbieder(self, request: HttpRequest) -> HttpResponse:
        """The provider refused (e.g. ``login_required`` on a silent session refresh): log out here too."""
        staten = request.session.get("oidc_states")
        if isinstance(staten, dict) and staten.pop(request.GET.get("state", ""), None) is not None:
            request.session["oidc_states"] = staten
        if request.user.is_authenticated:
            auth.logout(request)
        return _niet_gelukt(request, f"provider answered {request.GET.get('error')!r}")

    def _staat_ophalen(self, request: HttpRequest) -> dict[str, Any] | None:
        """The nonce and PKCE verifier kept for this state, removed from the session (used once)."""
        staat, staten = request.GET.get("state"), request.session.get("oidc_states")
        if not request.GET.get("code") or not isinstance(staten, dict) or staat not in staten:
            return None
        gegevens = staten.pop(staat)
        request.session["oidc_states"] = staten
        request.session.save()
        # As the library does: reload the session after the (slow) token exchange's start, so that a
        # parallel tab's changes to the session are not overwritten.
        request.session = request.session.__class__(request.session.session_key)
        return gegevens


def provider_uitlog_url(request: HttpRequest) -> str:
    """Where to send the browser to log out at the provider too (``OIDC_OP_LOGOUT_URL_METHOD``).

    The provider's end_session_endpoint with ``id_token_hint`` and ``post_logout_redirect_uri`` (the
    login page, which must be registered at the provider); without such an endpoint, the login page.
    """
    terug = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    try:
        eindpunt = oidc_instelling("OIDC_OP_LOGOUT_ENDPOINT")
    except AanbiederOnbereikbaar as fout:
        logger.warning("Single sign-on: logged out here only: %s", fout)
        return terug
    if not eindpunt:
        return terug
    parameters = {"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": terug}
    if id_token := request.session.get("oidc_id_token"):
        parameters["id_token_hint"] = id_token
    return f"{eindpunt}{'&' if '?' in eindpunt else '?'}{urlencode(parameters)}"


class Uitloggen(auth_views.LogoutView):
    """Log out (POST); a session that came from the provider is then also ended at the provider."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        bij_aanbieder = ""
        if oidc_aan() and request.user.is_authenticated and oidc_sessie(request):
            bij_aanbieder = import_string(settings.OIDC_OP_LOGOUT_URL_METHOD)(request)
        antwoord = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(bij_aanbieder) if bij_aanbieder else antwoord
