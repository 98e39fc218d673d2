"""Logging in and out, login throttling (axes), extending the session, and what every page carries:
the Content Security Policy with a nonce and the skip link."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import WACHTWOORD, UserFactory
from wasstraat.demo import data as demodata


def nl(tekst: str) -> str:
    with translation.override("nl"):
        return gettext(tekst)


@pytest.fixture
def persoon(db):
    return UserFactory(username="j.jansen", first_name="Jan", last_name="Jansen")


# --- logging in -----------------------------------------------------------------------------------


def test_the_login_page_speaks_dutch(client: Client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert '<html lang="nl">' in inhoud
    assert "Gebruikersnaam" in inhoud and "Wachtwoord" in inhoud  # Django's own Dutch labels
    assert "<h1" in inhoud and inhoud.count("<h1") == 1


@pytest.mark.vertaling
def test_the_login_page_has_its_dutch_heading(client: Client, db):
    assert "Inloggen bij Wasstraat" in client.get(reverse("login")).content.decode()


def test_logging_in_with_the_demo_password_works(client: Client, persoon):
    assert demodata.WACHTWOORD == WACHTWOORD  # the tests' users have the documented demo password
    response = client.post(reverse("login"), {"username": "j.jansen", "password": demodata.WACHTWOORD})
    assert response.status_code == 302
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)
    assert client.session[SESSION_KEY] == str(persoon.pk)
    assert client.get(response.url).status_code == 200


def test_logging_in_sends_you_back_where_you_were(client: Client, persoon):
    doel = reverse("meldingen:lijst")
    response = client.post(
        f"{reverse('login')}?next={doel}", {"username": "j.jansen", "password": WACHTWOORD, "next": doel}
    )
    assert response.status_code == 302 and response.url == doel


def test_a_wrong_password_shows_the_form_again_with_the_username_kept(client: Client, persoon):
    response = client.post(reverse("login"), {"username": "j.jansen", "password": "fout"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'value="j.jansen"' in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_logged_in_user_is_sent_on_from_the_login_page(client: Client, persoon):
    client.force_login(persoon)
    response = client.get(reverse("login"))
    assert response.status_code == 302 and response.url == reverse(settings.LOGIN_REDIRECT_URL)


@override_settings(AXES_ENABLED=True)
def test_after_too_many_failures_login_is_blocked_with_429_even_for_the_right_password(persoon):
    client = Client()
    url = reverse("login")
    for _poging in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "j.jansen", "password": "verkeerd"})
        assert response.status_code in (200, 429)
    response = client.post(url, {"username": "j.jansen", "password": WACHTWOORD})
    assert response.status_code == 429
    assert "registration/lockout.html" in [t.name for t in response.templates]
    assert nl("Too many login attempts") in response.content.decode()
    assert SESSION_KEY not in client.session
    assert client.get(reverse("trajecten:lijst")).status_code == 302  # still not logged in


@override_settings(AXES_ENABLED=True)
def test_with_axes_on_a_right_password_still_logs_in(persoon):
    client = Client()
    response = client.post(reverse("login"), {"username": "j.jansen", "password": WACHTWOORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(persoon.pk)


def _mislukt(client: Client, gebruikersnaam: str, **meta) -> None:
    for _poging in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": gebruikersnaam, "password": "verkeerd"}, **meta)


def _inloggen(gebruikersnaam: str, **meta) -> int:
    return (
        Client()
        .post(reverse("login"), {"username": gebruikersnaam, "password": WACHTWOORD}, **meta)
        .status_code
    )


@override_settings(AXES_ENABLED=True)
def test_one_persons_failures_do_not_lock_out_colleagues_behind_the_same_address(persoon):
    UserFactory(username="p.pietersen")
    _mislukt(Client(), "j.jansen", REMOTE_ADDR="192.0.2.10")
    assert _inloggen("j.jansen", REMOTE_ADDR="192.0.2.10") == 429
    assert _inloggen("p.pietersen", REMOTE_ADDR="192.0.2.10") == 302  # same network, other person


@override_settings(AXES_ENABLED=True)
def test_nobody_can_lock_someone_elses_account_from_another_address(persoon):
    _mislukt(Client(), "j.jansen", REMOTE_ADDR="203.0.113.66")  # an attacker elsewhere
    assert _inloggen("j.jansen", REMOTE_ADDR="192.0.2.10") == 302


@override_settings(AXES_ENABLED=True, TRUSTED_PROXIES=["10.0.0.2"])
def test_behind_a_trusted_proxy_the_lockout_is_per_client_address(persoon):
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    _mislukt(Client(), "j.jansen", HTTP_X_FORWARDED_FOR="198.51.100.1", **via_proxy)
    assert _inloggen("j.jansen", HTTP_X_FORWARDED_FOR="198.51.100.1", **via_proxy) == 429
    assert _inloggen("j.jansen", HTTP_X_FORWARDED_FOR="198.51.100.2", **via_proxy) == 302


@override_settings(AXES_ENABLED=True, TRUSTED_PROXIES=[])
def test_a_forwarded_header_from_an_untrusted_sender_does_not_dodge_the_lockout(persoon):
    client = Client()
    for nummer in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "j.jansen", "password": "verkeerd"},
            REMOTE_ADDR="203.0.113.66",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{nummer}",  # a new "address" on every try
        )
    assert _inloggen("j.jansen", REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.99") == 429


# --- logging out ----------------------------------------------------------------------------------


def test_logging_out_is_a_post_and_ends_the_session(client: Client, persoon):
    client.force_login(persoon)
    assert client.get(reverse("logout")).status_code == 405  # a link cannot log you out
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert SESSION_KEY not in client.session
    assert client.get(reverse("trajecten:lijst")).status_code == 302


def test_every_page_offers_logging_out_as_a_form(client: Client, persoon):
    client.force_login(persoon)
    inhoud = client.get(reverse("trajecten:lijst")).content.decode()
    assert re.search(rf'<form method="post" action="{reverse("logout")}"', inhoud)


# --- extending the session ------------------------------------------------------------------------


def test_extending_the_session_answers_with_its_new_lifetime(client: Client, persoon):
    client.force_login(persoon)
    response = client.post(reverse("sessie_verlengen"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"verloopt_over": settings.SESSION_COOKIE_AGE}
    assert client.cookies[settings.SESSION_COOKIE_NAME].value  # the cookie was renewed


def test_extending_the_session_sends_an_anonymous_user_to_login(client: Client, db):
    url = reverse("sessie_verlengen")
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_extending_the_session_is_a_post(client: Client, persoon):
    client.force_login(persoon)
    assert client.get(reverse("sessie_verlengen")).status_code == 405


def test_the_page_tells_the_script_when_to_warn(client: Client, persoon):
    client.force_login(persoon)
    inhoud = client.get(reverse("trajecten:lijst")).content.decode()
    assert f'data-sessie-duur="{settings.SESSION_COOKIE_AGE}"' in inhoud
    assert f'data-sessie-verlengen="{reverse("sessie_verlengen")}"' in inhoud
    assert 'id="sessie-waarschuwing"' in inhoud


# --- on every page --------------------------------------------------------------------------------


@pytest.mark.parametrize("ingelogd", [False, True], ids=["login page", "list"])
def test_the_csp_header_has_a_nonce_in_script_src(client: Client, persoon, ingelogd: bool):
    if ingelogd:
        client.force_login(persoon)
    response = client.get(reverse("trajecten:lijst" if ingelogd else "login"))
    assert response.status_code == 200
    beleid = dict(
        (deel.strip().split(" ", 1) + [""])[:2] for deel in response["Content-Security-Policy"].split(";")
    )
    nonce = re.fullmatch(r"'self' 'nonce-([A-Za-z0-9+/=]+)'", beleid["script-src"])
    assert nonce, beleid["script-src"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert beleid["object-src"] == "'none'" and beleid["frame-ancestors"] == "'none'"
    # every script on the page carries that nonce
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts and all(f'nonce="{nonce.group(1)}"' in s for s in scripts)


def test_each_request_gets_its_own_nonce(client: Client, db):
    eerste = client.get(reverse("login"))["Content-Security-Policy"]
    tweede = client.get(reverse("login"))["Content-Security-Policy"]
    assert eerste != tweede


def test_no_inline_styles_or_scripts_on_a_page(client: Client, persoon):
    client.force_login(persoon)
    inhoud = client.get(reverse("trajecten:lijst")).content.decode()
    assert " style=" not in inhoud and "<style" not in inhoud
    assert all("src=" in s for s in re.findall(r"<script[^>]*>", inhoud))


@pytest.mark.parametrize("ingelogd", [False, True], ids=["login page", "list"])
def test_pages_start_with_a_skip_link_to_the_main_content(client: Client, persoon, ingelogd: bool):
    if ingelogd:
        client.force_login(persoon)
    inhoud = client.get(reverse("trajecten:lijst" if ingelogd else "login")).content.decode()
    links = re.findall(r'<a [^>]*href="#inhoud"', inhoud)
    assert links, "no skip link"
    assert inhoud.index(links[0]) < inhoud.index("<header")  # the first thing a keyboard reaches
    assert '<main id="inhoud"' in inhoud
