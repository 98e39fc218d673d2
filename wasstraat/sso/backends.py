"""The authentication backend for OpenID Connect, on mozilla-django-oidc's code flow."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from wasstraat.accounts.models import User

from .instellingen import oidc_instelling, verwachte_issuer
from .services import gebruiker_aanmelden


class OidcBackend(OIDCAuthenticationBackend):
    """Logs a person in with the provider's authorization code; users are matched in `services`.

    Django's ``authenticate()`` never reaches this backend's code flow: ``authenticate`` answers None,
    and only our callback view calls `aanmelden`. So a provider login passes django-axes by (the
    provider throttles its own logins): a failed one never counts as a wrong password, nor does an
    account or address locked by axes stop anyone from logging in through the provider.
    """

    get_settings = staticmethod(oidc_instelling)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads the endpoints here; we read them per login (`aanmelden`), so that Django,
        # which makes a backend for every password login too, never waits for the provider.
        self.UserModel = get_user_model()
        self.id_token = ""

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        return None

    def aanmelden(self, request: HttpRequest, *, nonce: str | None, code_verifier: str | None) -> User | None:
        """Exchange the code in `request` for tokens, verify them and return the user (or refuse).

        Raises `AanmeldingGeweigerd`, `SuspiciousOperation`, `AanbiederOnbereikbaar`,
        ``requests.RequestException`` or a PyJWT error when the login fails.
        """
        OIDCAuthenticationBackend.__init__(self)  # the settings, endpoints from discovery
        return OIDCAuthenticationBackend.authenticate(self, request, nonce=nonce, code_verifier=code_verifier)

    def get_user(self, user_id: Any) -> User | None:
        # The library's get_user ignores is_active; a deactivated user must lose their session.
        return ModelBackend.get_user(self, user_id)

    def store_tokens(self, access_token: str, id_token: str) -> None:
        # Kept for the view, which stores it after login() (a login may flush the session).
        self.id_token = id_token

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub"))

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The ID token's claims, completed by the userinfo endpoint's (which must name the same sub)."""
        self._token_controleren(payload)
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if str(userinfo.get("sub")) != str(payload.get("sub")):
                raise SuspiciousOperation("userinfo names another sub than the ID token")
            claims.update(userinfo)
        return claims

    def _token_controleren(self, payload: dict[str, Any]) -> None:
        """What the library leaves unchecked: the token is for us, from the expected issuer."""
        doelgroep = payload.get("aud")
        doelgroepen = doelgroep if isinstance(doelgroep, list) else [doelgroep]
        if self.OIDC_RP_CLIENT_ID not in doelgroepen:
            raise SuspiciousOperation("ID token is not meant for this client")
        issuer = verwachte_issuer()
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token from another issuer")

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        claims = self.get_userinfo(access_token, id_token, payload)
        return gebruiker_aanmelden(issuer=str(payload.get("iss") or ""), claims=claims)
