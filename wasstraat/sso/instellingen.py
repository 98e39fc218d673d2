"""The OpenID Connect settings as the code reads them, with the provider's endpoints from discovery.

The settings block at the end of `wasstraat/settings/base.py` reads the environment. The provider's
endpoints can be given one by one (``OIDC_OP_AUTHORIZATION_ENDPOINT`` …) or found in its discovery
document (``OIDC_OP_ISSUER`` + ``/.well-known/openid-configuration``). The document is fetched on first
use, not when Django starts, so an unreachable provider never stops the application (local accounts keep
working); it is kept for `DISCOVERY_BEWAARTIJD` seconds.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import requests
from django.conf import settings
from mozilla_django_oidc.utils import import_from_settings

#: Endpoint settings of mozilla-django-oidc (and our logout endpoint) → key in the discovery document.
ENDPOINTS: dict[str, str] = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}
#: Endpoints without which the code flow cannot run.
VEREIST = ("OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT")
DISCOVERY_PAD = "/.well-known/openid-configuration"
DISCOVERY_BEWAARTIJD = 60 * 60

_documenten: dict[str, tuple[float, dict[str, Any]]] = {}
_slot = threading.Lock()


class AanbiederOnbereikbaar(Exception):
    """The provider's discovery document could not be fetched or lacks what we need."""


def oidc_aan() -> bool:
    """Whether single sign-on is configured (``OIDC_RP_CLIENT_ID`` set)."""
    return bool(getattr(settings, "OIDC_AAN", False))


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + DISCOVERY_PAD


def discovery() -> dict[str, Any]:
    """The provider's discovery document (cached); {} when ``OIDC_OP_ISSUER`` is not set."""
    issuer = getattr(settings, "OIDC_OP_ISSUER", "")
    if not issuer:
        return {}
    with _slot:
        bewaard = _documenten.get(issuer)
        if bewaard and bewaard[0] > time.monotonic():
            return bewaard[1]
    try:
        antwoord = requests.get(
            discovery_url(issuer),
            timeout=getattr(settings, "OIDC_TIMEOUT", 10),
            verify=getattr(settings, "OIDC_VERIFY_SSL", True),
            proxies=getattr(settings, "OIDC_PROXY", None),
        )
        antwoord.raise_for_status()
        document = antwoord.json()
    except (requests.RequestException, ValueError) as fout:
        raise AanbiederOnbereikbaar(f"discovery document of {issuer} unavailable: {fout}") from fout
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise AanbiederOnbereikbaar(f"discovery document of {issuer} names another issuer")
    with _slot:
        _documenten[issuer] = (time.monotonic() + DISCOVERY_BEWAARTIJD, document)
    return document


def discovery_vergeten(*, setting: str = "", **kwargs) -> None:
    """Forget the cached documents (receiver of ``setting_changed`` for the OIDC settings)."""
    if not setting or setting.startswith("OIDC_"):
        with _slot:
            _documenten.clear()


def oidc_instelling(naam: str, *standaard: Any) -> Any:
    """A setting for mozilla-django-oidc: an endpoint from the settings, else from discovery.

    Used as ``get_settings`` by our subclasses of the library's backend, views and middleware.
    """
    if naam in ENDPOINTS and not getattr(settings, naam, ""):
        waarde = discovery().get(ENDPOINTS[naam], "")
        if not waarde and naam in VEREIST:
            raise AanbiederOnbereikbaar(f"the provider publishes no {ENDPOINTS[naam]}")
        return waarde
    return import_from_settings(naam, *standaard)


def verwachte_issuer() -> str:
    """The issuer the ID token must name: the discovery document's, or ``OIDC_OP_ISSUER``; '' = unchecked."""
    return discovery().get("issuer", "") or getattr(settings, "OIDC_OP_ISSUER", "")
