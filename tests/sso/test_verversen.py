"""Session refresh (SessionRefresh): only a provider session, only a page the person opens."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.factories import UserFactory
from wasstraat.accounts.models import Groep

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan(client, aanbieder):
    """Jan, logged in through the provider, whose ID token is due for a check."""
    gebruiker = UserFactory(email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True, groups=["managers"])
    aanbieder.inloggen(client, "jan")
    verlopen(client)
    return gebruiker


def verlopen(client) -> None:
    sessie = client.session
    sessie["oidc_id_token_expiration"] = 0
    sessie.save()


def test_a_page_after_the_interval_checks_silently_with_the_provider(client, aanbieder, jan, settings):
    settings.OIDC_GROEPEN = {"managers": Groep.MANAGEMENT}

    antwoord = client.get(reverse("meldingen:lijst"))

    assert antwoord.status_code == 302
    naar = urlsplit(antwoord["Location"])
    assert f"{naar.scheme}://{naar.netloc}{naar.path}" == aanbieder.discovery["authorization_endpoint"]
    assert parse_qs(naar.query)["prompt"] == ["none"]
    # Still logged in at the provider: straight back, without a login page, to the page asked for.
    terug = aanbieder.naar_ons(client, aanbieder.volgen(antwoord["Location"]))
    assert terug["Location"] == reverse("meldingen:lijst")
    assert client.session[SESSION_KEY] == str(jan.pk)
    assert jan.groups.filter(name=Groep.MANAGEMENT).exists()  # brought up to date on the way
    assert client.get(reverse("meldingen:lijst")).status_code == 200


def test_someone_no_longer_logged_in_at_the_provider_is_logged_out_here(client, aanbieder, jan):
    antwoord = client.get(reverse("meldingen:lijst"))
    aanbieder.browser.cookies.clear()  # the provider's session ended

    terug = aanbieder.naar_ons(client, aanbieder.volgen(antwoord["Location"]))

    assert terug["Location"] == reverse("login")
    assert SESSION_KEY not in client.session


def test_requests_behind_the_page_are_never_sent_to_the_provider(client, aanbieder, jan):
    lijst = reverse("meldingen:lijst")
    assert client.get(lijst, headers={"HX-Request": "true"}).status_code == 200
    assert client.get(lijst, headers={"X-Requested-With": "XMLHttpRequest"}).status_code == 200
    assert client.get(lijst, headers={"Sec-Fetch-Mode": "cors"}).status_code == 200
    assert client.post(reverse("sessie_verlengen")).status_code == 200
    assert client.get(reverse("huisstijl_css")).status_code == 200
    # A page the person opens does go by way of the provider.
    assert client.get(lijst, headers={"Sec-Fetch-Mode": "navigate"}).status_code == 302


def test_a_local_accounts_session_is_never_refreshed(client, aanbieder):
    client.force_login(UserFactory())
    verlopen(client)

    assert client.get(reverse("meldingen:lijst")).status_code == 200
    assert client.get(reverse("trajecten:lijst")).status_code == 200


def test_a_session_within_the_interval_is_left_alone(client, aanbieder):
    UserFactory(email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)
    aanbieder.inloggen(client, "jan")

    assert client.get(reverse("meldingen:lijst")).status_code == 200
