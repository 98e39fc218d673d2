"""Logging in through a real OpenID Connect provider: who becomes whom, and what is refused."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import UserFactory, in_groep
from wasstraat.accounts.choices import RechtenwijzigingSoort
from wasstraat.accounts.models import Groep, Rechtenwijziging, User
from wasstraat.sso.models import OidcIdentiteit

pytestmark = pytest.mark.django_db


def ingelogd_als(client) -> User | None:
    pk = client.session.get(SESSION_KEY)
    return User.objects.get(pk=pk) if pk else None


def meldingen(antwoord) -> list[str]:
    return [str(melding) for melding in get_messages(antwoord.wsgi_request)]


def test_the_login_page_offers_single_sign_on_only_when_configured(client, settings):
    zonder = client.get(reverse("login"))
    assert "Inloggen met" not in zonder.text
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404

    settings.OIDC_AAN = True
    settings.OIDC_AANBIEDER_NAAM = "Entra ID"
    met = client.get(reverse("login") + "?next=/meldingen/")
    assert "Inloggen met Entra ID" in met.text
    assert f'href="{reverse("oidc_authentication_init")}?next=/meldingen/"' in met.text


def test_a_first_login_links_the_local_account_with_the_same_verified_email(client, aanbieder):
    jan = UserFactory(username="jjansen", email="Jan.Jansen@gemeente.example", first_name="J.")
    aanbieder.account(
        "jan-sub",
        email="jan.jansen@gemeente.example",
        email_verified=True,
        given_name="Jan",
        family_name="Jansen",
    )

    antwoord = aanbieder.inloggen(client, "jan-sub")

    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("trajecten:lijst")
    assert ingelogd_als(client) == jan
    identiteit = OidcIdentiteit.objects.get()
    assert (identiteit.gebruiker, identiteit.issuer, identiteit.sub) == (jan, aanbieder.issuer, "jan-sub")
    jan.refresh_from_db()
    assert (jan.first_name, jan.last_name) == ("Jan", "Jansen")
    assert client.get(reverse("trajecten:lijst")).status_code == 200


def test_the_next_page_is_kept_through_the_provider(client, aanbieder):
    UserFactory(email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)

    antwoord = aanbieder.inloggen(client, "jan", volgende="/meldingen/")

    assert antwoord["Location"] == "/meldingen/"


def test_a_second_login_finds_the_user_by_sub_not_by_email(client, aanbieder):
    jan = UserFactory(email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)
    aanbieder.inloggen(client, "jan")
    client.logout()
    # The local address changes; the provider's stays: the link by sub still holds.
    User.objects.filter(pk=jan.pk).update(email="j.jansen@elders.example")

    aanbieder.browser.cookies.clear()
    antwoord = aanbieder.inloggen(client, "jan")

    assert antwoord.status_code == 302
    assert ingelogd_als(client) == jan
    assert OidcIdentiteit.objects.count() == 1
    jan.refresh_from_db()
    assert jan.email == "jan@gemeente.example"  # brought up to date from the claims


def test_an_email_address_changed_at_the_provider_never_relinks_to_another_account(client, aanbieder):
    jan = UserFactory(email="jan@gemeente.example")
    piet = UserFactory(email="piet@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)
    aanbieder.inloggen(client, "jan")
    client.logout()
    aanbieder.browser.cookies.clear()

    # Jan's provider account now carries Piet's address: it stays Jan, and Piet's address stays his.
    aanbieder.account("jan", email="piet@gemeente.example", email_verified=True)
    antwoord = aanbieder.inloggen(client, "jan")

    assert antwoord.status_code == 302
    assert ingelogd_als(client) == jan
    jan.refresh_from_db()
    assert jan.email == "jan@gemeente.example"
    assert not OidcIdentiteit.objects.filter(gebruiker=piet).exists()
    assert not Rechtenwijziging.objects.filter(gebruiker=jan).exists()


def test_a_new_email_address_from_the_provider_is_in_the_rights_log_and_told_to_the_old_one(
    client, aanbieder, mailoutbox, django_capture_on_commit_callbacks
):
    jan = UserFactory(email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)
    aanbieder.inloggen(client, "jan")
    client.logout()
    aanbieder.browser.cookies.clear()

    aanbieder.account("jan", email="j.jansen@gemeente.example", email_verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        aanbieder.inloggen(client, "jan")

    jan.refresh_from_db()
    assert jan.email == "j.jansen@gemeente.example"
    regel = Rechtenwijziging.objects.get(gebruiker=jan, soort=RechtenwijzigingSoort.EMAIL)
    assert regel.door is None
    assert regel.gegevens == {
        "oud": "jan@gemeente.example",
        "nieuw": "j.jansen@gemeente.example",
        "bron": aanbieder.issuer,
    }
    melding = [bericht for bericht in mailoutbox if bericht.to == ["jan@gemeente.example"]]
    assert len(melding) == 1
    assert aanbieder.issuer in melding[0].body


def test_another_provider_account_with_the_address_of_a_linked_user_is_refused(client, aanbieder):
    jan = UserFactory(email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)
    aanbieder.inloggen(client, "jan")
    client.logout()
    aanbieder.browser.cookies.clear()

    aanbieder.account("indringer", email="jan@gemeente.example", email_verified=True)
    antwoord = aanbieder.inloggen(client, "indringer")

    assert antwoord["Location"] == reverse("login")
    assert ingelogd_als(client) is None
    assert list(OidcIdentiteit.objects.values_list("sub", flat=True)) == ["jan"]
    assert OidcIdentiteit.objects.get().gebruiker == jan


def test_an_unverified_email_address_links_nobody(client, aanbieder):
    UserFactory(email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=False)

    antwoord = aanbieder.inloggen(client, "jan")

    assert antwoord["Location"] == reverse("login")
    assert ingelogd_als(client) is None
    assert not OidcIdentiteit.objects.exists()


def test_a_superuser_is_never_linked_by_email_address(client, aanbieder):
    UserFactory(email="root@gemeente.example", is_superuser=True, is_staff=True)
    aanbieder.account("root", email="root@gemeente.example", email_verified=True)

    antwoord = aanbieder.inloggen(client, "root")

    assert antwoord["Location"] == reverse("login")
    assert ingelogd_als(client) is None
    assert not OidcIdentiteit.objects.exists()


def test_an_unknown_person_is_refused_when_creating_users_is_off(client, aanbieder, settings):
    settings.OIDC_CREATE_USER = False
    aantal = User.objects.count()
    aanbieder.account("nieuw", email="nieuw@gemeente.example", email_verified=True, name="Nieuwe Collega")

    antwoord = aanbieder.inloggen(client, "nieuw")

    assert antwoord["Location"] == reverse("login")
    assert ingelogd_als(client) is None
    assert User.objects.count() == aantal
    assert meldingen(antwoord) == [
        "Er is nog geen Wasstraat-account voor je. Vraag de functioneel beheerder er een aan te maken."
    ]
    login = client.get(reverse("login"))
    assert "Inloggen met Testaanbieder" in login.text


def test_an_unknown_person_gets_an_account_when_creating_users_is_on(client, aanbieder, settings):
    settings.OIDC_CREATE_USER = True
    UserFactory(username="nieuw@gemeente.example")  # the name is taken: another is chosen
    aanbieder.account(
        "nieuw",
        email="nieuw@gemeente.example",
        email_verified=True,
        preferred_username="nieuw@gemeente.example",
        given_name="Nieuwe",
        family_name="Collega",
    )

    aanbieder.inloggen(client, "nieuw")

    gebruiker = ingelogd_als(client)
    assert gebruiker is not None
    assert gebruiker.username == "nieuw@gemeente.example-2"
    assert (gebruiker.email, gebruiker.get_full_name()) == ("nieuw@gemeente.example", "Nieuwe Collega")
    assert not gebruiker.has_usable_password()
    assert not (gebruiker.is_staff or gebruiker.is_superuser)
    assert OidcIdentiteit.objects.get().gebruiker == gebruiker


def test_a_deactivated_user_cannot_log_in_through_the_provider(client, aanbieder):
    UserFactory(email="weg@gemeente.example", is_active=False)
    aanbieder.account("weg", email="weg@gemeente.example", email_verified=True)

    antwoord = aanbieder.inloggen(client, "weg")

    assert antwoord["Location"] == reverse("login")
    assert ingelogd_als(client) is None
    assert meldingen(antwoord) == ["Je Wasstraat-account is gedeactiveerd."]


def test_a_callback_without_a_state_we_issued_is_refused(client, aanbieder):
    antwoord = client.get(reverse("oidc_authentication_callback") + "?code=verzonnen&state=verzonnen")

    assert antwoord["Location"] == reverse("login")
    assert ingelogd_als(client) is None


def test_an_unreachable_provider_leaves_local_login_working(client, aanbieder, settings):
    settings.OIDC_OP_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    gebruiker = UserFactory(username="lokaal")

    antwoord = client.get(reverse("oidc_authentication_init"))

    assert antwoord["Location"] == reverse("login")
    assert "niet mogelijk" in meldingen(antwoord)[0]
    lokaal = client.post(reverse("login"), {"username": "lokaal", "password": "Wasstraat2026!"})
    assert lokaal.status_code == 302
    assert ingelogd_als(client) == gebruiker


class TestGroepen:
    """OIDC_GROEPEN maps the groups claim to the global groups it names, and only those."""

    @pytest.fixture(autouse=True)
    def toewijzing(self, settings):
        settings.OIDC_GROEPEN = {
            "wasstraat-managers": Groep.MANAGEMENT,
            "wasstraat-privacy": Groep.PRIVACY,
            "wasstraat-beheer": "Bestaat niet",
        }

    def test_the_groups_claim_gives_and_takes_only_the_mapped_groups(self, client, aanbieder):
        jan = UserFactory(email="jan@gemeente.example", groepen=[Groep.TRAJECTLEIDERS])
        in_groep(jan, Groep.PRIVACY)
        aanbieder.account(
            "jan",
            email="jan@gemeente.example",
            email_verified=True,
            groups=["wasstraat-managers", "wasstraat-beheer", "iets-anders"],
        )

        aanbieder.inloggen(client, "jan")

        groepen = set(jan.groups.values_list("name", flat=True))
        assert groepen == {Groep.TRAJECTLEIDERS, Groep.MANAGEMENT}
        # The privacy officer sees the change in the rights log, made by the system on the provider's word.
        regel = Rechtenwijziging.objects.get(gebruiker=jan, soort=RechtenwijzigingSoort.GROEPEN)
        assert regel.door is None
        assert regel.gegevens["bron"] == aanbieder.issuer
        assert regel.gegevens["toegevoegd"] == [Groep.MANAGEMENT]
        assert regel.gegevens["verwijderd"] == [Groep.PRIVACY]

    def test_a_login_that_changes_no_group_writes_nothing_to_the_rights_log(self, client, aanbieder):
        jan = UserFactory(email="jan@gemeente.example", groepen=[Groep.MANAGEMENT])
        aanbieder.account(
            "jan", email="jan@gemeente.example", email_verified=True, groups=["wasstraat-managers"]
        )

        aanbieder.inloggen(client, "jan")

        assert not Rechtenwijziging.objects.filter(gebruiker=jan).exists()

    def test_the_provider_never_makes_anyone_superuser_or_staff(self, client, aanbieder, settings):
        settings.OIDC_GROEPEN = {
            "admins": "superuser",
            "staff": "is_staff",
            "beheer": Groep.FUNCTIONEEL_BEHEER,
        }
        jan = UserFactory(email="jan@gemeente.example")
        aanbieder.account(
            "jan",
            email="jan@gemeente.example",
            email_verified=True,
            groups=["admins", "staff", "beheer"],
            is_superuser=True,
            is_staff=True,
        )

        aanbieder.inloggen(client, "jan")

        jan.refresh_from_db()
        assert ingelogd_als(client) == jan
        assert not jan.is_superuser and not jan.is_staff
        assert list(jan.groups.values_list("name", flat=True)) == [Groep.FUNCTIONEEL_BEHEER]
        assert not jan.user_permissions.exists()

    def test_a_group_taken_away_at_the_provider_is_taken_away_at_the_next_login(self, client, aanbieder):
        jan = UserFactory(email="jan@gemeente.example")
        aanbieder.account(
            "jan", email="jan@gemeente.example", email_verified=True, groups=["wasstraat-managers"]
        )
        aanbieder.inloggen(client, "jan")
        assert jan.groups.filter(name=Groep.MANAGEMENT).exists()
        client.logout()
        aanbieder.browser.cookies.clear()

        aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)  # no groups claim at all
        aanbieder.inloggen(client, "jan")

        assert not jan.groups.exists()


def test_a_user_deactivated_after_logging_in_loses_the_session(client, aanbieder):
    jan = UserFactory(email="jan@gemeente.example")
    aanbieder.account("jan", email="jan@gemeente.example", email_verified=True)
    aanbieder.inloggen(client, "jan")
    User.objects.filter(pk=jan.pk).update(is_active=False)

    antwoord = client.get(reverse("meldingen:lijst"))

    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))
