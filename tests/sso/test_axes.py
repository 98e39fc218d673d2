"""django-axes and single sign-on side by side: neither locks the other out (axes switched on here)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from tests.factories import WACHTWOORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def axes_aan(settings):
    settings.AXES_ENABLED = True


def test_failed_single_sign_on_logins_lock_nobody_out(client, aanbieder, settings):
    collega = UserFactory(username="collega")
    aanbieder.account("onbekend", email="onbekend@gemeente.example", email_verified=True)

    for _poging in range(settings.AXES_FAILURE_LIMIT + 2):
        antwoord = aanbieder.inloggen(client, "onbekend")
        assert antwoord["Location"] == reverse("login")

    assert not AccessAttempt.objects.exists()  # a refusal by the provider is not a wrong password
    lokaal = Client().post(reverse("login"), {"username": "collega", "password": WACHTWOORD})
    assert lokaal.status_code == 302
    assert Client().get(reverse("oidc_authentication_init")).status_code == 302
    assert collega.pk


def test_an_account_locked_by_wrong_passwords_can_still_log_in_through_the_provider(
    client, aanbieder, settings
):
    jan = UserFactory(username="jan", email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)
    for _poging in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "jan", "password": "verkeerd"})
    assert client.post(reverse("login"), {"username": "jan", "password": WACHTWOORD}).status_code == 429

    antwoord = aanbieder.inloggen(client, "jan")

    assert antwoord["Location"] == reverse("trajecten:lijst")
    assert client.session[SESSION_KEY] == str(jan.pk)
    assert AccessLog.objects.filter(username="jan").exists()  # axes still records the login
