"""The interface is Dutch, whatever the browser asks, unless the user picks English."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_the_dutch_interface(client):
    antwoord = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in antwoord.content.decode()


def test_the_language_switch_gives_english_and_back(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()
    client.post(reverse("set_language"), {"language": "nl", "next": reverse("login")})
    assert '<html lang="nl">' in client.get(reverse("login")).content.decode()
