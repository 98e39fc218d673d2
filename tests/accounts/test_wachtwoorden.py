"""Passwords: only a superuser sets another person's (logged, never the password itself); everyone else
who may change an account e-mails a link with which the person sets their own (logged)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.accounts.beheer import resetlink_url, staat, wachtwoord_url, wijzigen_url
from tests.factories import WACHTWOORD
from wasstraat.accounts.choices import RechtenwijzigingSoort as Soort
from wasstraat.accounts.models import Rechtenwijziging, User

pytestmark = pytest.mark.django_db

NIEUW = "Een-heel-nieuw-wachtwoord-42"


def _zetten(client: Client, gebruiker: User):
    data = {"password1": NIEUW, "password2": NIEUW, "usable_password": "true", "set-password": "1"}
    return client.post(wachtwoord_url(gebruiker), data)


# --- setting a password in the admin ----------------------------------------------------------------


@pytest.mark.parametrize("methode", ["get", "post"])
def test_the_beheerder_cannot_open_or_post_the_password_form(als, beheerder, collega, methode):
    client = als(beheerder)
    voor = staat(collega)
    response = client.get(wachtwoord_url(collega)) if methode == "get" else _zetten(client, collega)
    assert response.status_code == 403
    assert staat(collega) == voor
    assert not Rechtenwijziging.objects.exists()


def test_the_beheerder_cannot_set_a_privileged_password_either(als, beheerder, superuser, manager):
    client = als(beheerder)
    for gebruiker in (superuser, manager, beheerder):
        voor = staat(gebruiker)
        assert _zetten(client, gebruiker).status_code == 403
        assert staat(gebruiker) == voor


def test_the_beheerder_is_offered_a_reset_link_instead(als, beheerder, collega):
    response = als(beheerder).get(wijzigen_url(collega))
    inhoud = response.content.decode()
    assert 'href="../resetlink/"' in inhoud and 'href="../password/"' not in inhoud


def test_a_superuser_sets_another_persons_password_and_the_log_never_holds_it(als, superuser, collega):
    response = _zetten(als(superuser), collega)
    assert response.status_code == 302
    assert User.objects.get(pk=collega.pk).check_password(NIEUW)
    [regel] = Rechtenwijziging.objects.all()
    assert (regel.soort, regel.door, regel.gebruiker) == (Soort.WACHTWOORD, superuser, collega)
    assert NIEUW not in f"{regel.omschrijving} {regel.gegevens}"
    assert collega.password not in f"{regel.omschrijving} {regel.gegevens}"


def test_a_superuser_switching_off_a_password_is_logged(als, superuser, collega):
    data = {"usable_password": "false", "unset-password": "1"}
    assert als(superuser).post(wachtwoord_url(collega), data).status_code == 302
    assert not User.objects.get(pk=collega.pk).has_usable_password()
    [regel] = Rechtenwijziging.objects.all()
    assert regel.soort == Soort.WACHTWOORD and regel.gegevens == {"bruikbaar": False}


def test_an_invalid_password_changes_and_logs_nothing(als, superuser, collega):
    data = {"password1": NIEUW, "password2": "iets anders", "usable_password": "true"}
    assert als(superuser).post(wachtwoord_url(collega), data).status_code == 200
    assert User.objects.get(pk=collega.pk).check_password(WACHTWOORD)
    assert not Rechtenwijziging.objects.exists()


def test_a_superusers_own_password_goes_through_the_form_that_asks_for_the_old_one(als, superuser):
    response = als(superuser).get(wachtwoord_url(superuser))
    assert response.status_code == 302 and response.url == reverse("admin:password_change")


# --- the e-mailed link ------------------------------------------------------------------------------


def _link(bericht) -> str:
    """The path of the link in the e-mail (the test client has no host)."""
    [pad] = re.findall(r"https?://[^/\s]+(/account/wachtwoord/\S+/)", bericht.body)
    return pad


def test_the_beheerder_sends_a_reset_link_and_the_person_sets_their_own_password(
    als, beheerder, collega, django_capture_on_commit_callbacks
):
    client = als(beheerder)
    assert client.get(resetlink_url(collega)).status_code == 200  # asks first
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resetlink_url(collega))
    assert response.status_code == 302 and response.url == wijzigen_url(collega)
    [regel] = Rechtenwijziging.objects.all()
    assert (regel.soort, regel.door, regel.gebruiker) == (Soort.RESETLINK, beheerder, collega)
    [bericht] = mail.outbox
    assert bericht.to == [collega.email]
    assert "/account/wachtwoord/" not in f"{regel.omschrijving} {regel.gegevens}"  # the link is not logged
    assert User.objects.get(pk=collega.pk).check_password(WACHTWOORD)  # nothing changes until it is used

    persoon = Client()
    formulier = persoon.get(_link(bericht), follow=True)
    assert formulier.status_code == 200 and formulier.context["validlink"]
    antwoord = persoon.post(formulier.redirect_chain[-1][0], {"new_password1": NIEUW, "new_password2": NIEUW})
    assert antwoord.status_code == 302 and antwoord.url == reverse("password_reset_complete")
    assert User.objects.get(pk=collega.pk).check_password(NIEUW)
    assert persoon.get(_link(bericht), follow=True).context["validlink"] is False  # used once only


def test_a_reset_link_to_a_privileged_account_is_refused_to_the_beheerder(als, beheerder, manager):
    client = als(beheerder)
    assert client.get(resetlink_url(manager)).status_code == 403
    assert client.post(resetlink_url(manager)).status_code == 403
    assert not Rechtenwijziging.objects.exists() and not mail.outbox


def test_a_reset_link_needs_an_e_mail_address(als, beheerder, collega):
    User.objects.filter(pk=collega.pk).update(email="")
    response = als(beheerder).post(resetlink_url(collega), follow=True)
    assert response.status_code == 200
    assert "no e-mail address" in response.content.decode()
    assert not Rechtenwijziging.objects.exists() and not mail.outbox


def test_the_list_action_sends_links_only_where_allowed(
    als, beheerder, collega, manager, django_capture_on_commit_callbacks
):
    data = {"action": "resetlinks_versturen", "_selected_action": [collega.pk, manager.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        response = als(beheerder).post(reverse("admin:accounts_user_changelist"), data, follow=True)
    assert response.status_code == 200
    assert "only a superuser sends it a link" in response.content.decode()
    assert [r.gebruiker for r in Rechtenwijziging.objects.all()] == [collega]
    assert [bericht.to for bericht in mail.outbox] == [[collega.email]]


def test_a_broken_link_says_so(client, db):
    response = client.get(
        reverse("password_reset_confirm", kwargs={"uidb64": "MTIz", "token": "ongeldig"}), follow=True
    )
    assert response.status_code == 200 and response.context["validlink"] is False
