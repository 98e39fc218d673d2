"""End to end in Chromium: log in through the OpenID Connect provider, land on "Mijn trajecten", log out.

The provider (tests/sso/provider.mjs) runs for `live_server`'s redirect URIs. Logging out is a form POST
that the provider's logout page answers, so this also shows that the Content Security Policy's
form-action lets the browser go there (a CSP violation is a console error, which fails the test).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.factories import UserFactory
from tests.sso.conftest import AANBIEDER_NAAM, oidc_instellingen
from wasstraat.sso.models import OidcIdentiteit

pytestmark = pytest.mark.browser


def test_logging_in_and_out_through_the_provider(
    pagina: Page, live_server, transactional_db, start_aanbieder, settings, controleer_pagina, schermafdruk
):
    aanbieder = start_aanbieder(
        [f"{live_server.url}/oidc/callback/"], [f"{live_server.url}{reverse('login')}"]
    )
    instellingen = oidc_instellingen(
        aanbieder.issuer,
        settings.CONTENT_SECURITY_POLICY,
        settings.AUTHENTICATION_BACKENDS,
        settings.MIDDLEWARE,
    )
    for naam, waarde in instellingen.items():
        setattr(settings, naam, waarde)
    jan = UserFactory(email="jan.jansen@gemeente.example", first_name="J.", last_name="Jansen")
    aanbieder.account(
        "jan-bij-de-aanbieder",
        email="jan.jansen@gemeente.example",
        email_verified=True,
        given_name="Jan",
        family_name="Jansen",
    )

    pagina.goto(live_server.url + "/")
    expect(pagina).to_have_url(f"{live_server.url}{reverse('login')}?next=/trajecten/")
    controleer_pagina(pagina, "login with single sign-on")
    schermafdruk(pagina, "inloggen-sso")
    pagina.get_by_role("link", name=f"Inloggen met {AANBIEDER_NAAM}").click()

    # The provider's own login page.
    pagina.get_by_label("Gebruikersnaam").fill("jan-bij-de-aanbieder")
    pagina.get_by_role("button", name="Inloggen bij de testaanbieder").click()

    expect(pagina).to_have_url(live_server.url + reverse("trajecten:lijst"))
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Mijn trajecten")
    expect(pagina.locator("header")).to_contain_text("Jan Jansen")  # name taken from the claims
    controleer_pagina(pagina, "my trajectories")
    assert OidcIdentiteit.objects.get().gebruiker == jan

    pagina.get_by_role("button", name="Uitloggen").click()
    expect(pagina).to_have_url(re.compile(re.escape(aanbieder.discovery["end_session_endpoint"]) + r"\?"))
    pagina.get_by_role("button", name="Ja, uitloggen").click()

    expect(pagina).to_have_url(f"{live_server.url}{reverse('login')}")
    expect(pagina.get_by_role("link", name=f"Inloggen met {AANBIEDER_NAAM}")).to_be_visible()
    assert not pagina.fouten, "\n".join(pagina.fouten)
    # Logged out here as well: a page asks for the login again.
    pagina.goto(live_server.url + reverse("trajecten:lijst"))
    expect(pagina).to_have_url(f"{live_server.url}{reverse('login')}?next=/trajecten/")
