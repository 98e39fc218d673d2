"""Logging out ends a single sign-on session at the provider too; a local account's logout stays local."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import jwt
import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VERBORGEN_VELD = re.compile(r'<input type="hidden" name="(?P<naam>[^"]+)" value="(?P<waarde>[^"]*)"')


def test_logging_out_sends_the_browser_to_the_providers_end_session_endpoint(client, aanbieder):
    jan = UserFactory(email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)
    aanbieder.inloggen(client, "jan")

    antwoord = client.post(reverse("logout"))

    assert antwoord.status_code == 302
    doel = urlsplit(antwoord["Location"])
    assert f"{doel.scheme}://{doel.netloc}{doel.path}" == aanbieder.discovery["end_session_endpoint"]
    parameters = parse_qs(doel.query)
    assert parameters["post_logout_redirect_uri"] == ["http://testserver/account/login/"]
    hint = jwt.decode(parameters["id_token_hint"][0], options={"verify_signature": False})
    assert (hint["sub"], hint["aud"], hint["iss"]) == ("jan", "wasstraat-test", aanbieder.issuer)
    assert SESSION_KEY not in client.session  # logged out here already
    assert jan.oidc_identiteiten.exists()


def test_the_provider_ends_its_session_and_sends_the_browser_back_to_our_login_page(client, aanbieder):
    UserFactory(email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)
    aanbieder.inloggen(client, "jan")
    uitloggen = client.post(reverse("logout"))["Location"]

    bevestigen = aanbieder.browser.get(uitloggen, timeout=10)
    assert bevestigen.status_code == 200, bevestigen.text
    formulier = dict(VERBORGEN_VELD.findall(bevestigen.text))
    actie = urljoin(bevestigen.url, re.search(r'action="([^"]+)"', bevestigen.text).group(1))
    terug = aanbieder.browser.post(
        actie, data={**formulier, "logout": "yes"}, allow_redirects=False, timeout=10
    )

    assert terug.is_redirect
    assert terug.headers["Location"] == "http://testserver/account/login/"
    # The provider's session is gone: the next login asks for the login name again.
    opnieuw = aanbieder.volgen(client.get(reverse("oidc_authentication_init"))["Location"])
    assert "Gebruikersnaam" in opnieuw.text


def test_a_local_accounts_logout_stays_here(client, aanbieder):
    client.force_login(UserFactory())

    antwoord = client.post(reverse("logout"))

    assert antwoord["Location"] == reverse("login")
    assert SESSION_KEY not in client.session


def test_without_single_sign_on_logout_is_as_before(client):
    client.force_login(UserFactory())

    antwoord = client.post(reverse("logout"))

    assert antwoord["Location"] == reverse("login")
    assert SESSION_KEY not in client.session
