"""The user admin (`/beheer/accounts/user/`) as an attacker would use it: crafted POSTs to its own URLs.

The functioneel beheerder may change ordinary accounts and give or take the group Trajectleiders; they
can never grant superuser, staff, permissions or a privileged group, never change a privileged account
(their own included), and never set a password. A superuser can grant all of it, except to themselves,
and every grant lands in the rights log.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from tests.accounts.beheer import formulierdata, staat, velden_van, wijzigen_url
from tests.factories import UserFactory
from wasstraat.accounts.choices import RechtenwijzigingSoort as Soort
from wasstraat.accounts.models import Groep, Rechtenwijziging, User

pytestmark = pytest.mark.django_db

RECHTENVELDEN = {"is_superuser", "is_staff", "user_permissions"}


def _permissie(recht: str = "accounts.change_user") -> Permission:
    app_label, codename = recht.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _met_aanval(data: dict, groepen) -> dict:
    """The unchanged form plus everything a beheerder would like to give."""
    return {
        **data,
        "is_superuser": "on",
        "is_staff": "on",
        "user_permissions": [str(_permissie().pk), str(_permissie("klantreis.view_interviewlog").pk)],
        "groups": [str(groepen[Groep.TRAJECTLEIDERS].pk)],
    }


# --- the functioneel beheerder ----------------------------------------------------------------------


def test_the_beheerder_gets_no_superuser_staff_or_permission_field_and_only_trajectleiders_to_give(
    als, beheerder, collega, groepen
):
    client = als(beheerder)
    velden = velden_van(client, wijzigen_url(collega))
    assert not velden & RECHTENVELDEN
    form = client.get(wijzigen_url(collega)).context["adminform"].form
    assert list(form.fields["groups"].queryset.values_list("name", flat=True)) == [Groep.TRAJECTLEIDERS]


def test_a_crafted_post_by_the_beheerder_grants_nothing(als, beheerder, collega, groepen):
    client = als(beheerder)
    voor = staat(collega)
    data = _met_aanval(formulierdata(client, wijzigen_url(collega)), groepen)
    response = client.post(wijzigen_url(collega), data)
    assert response.status_code == 302  # the ordinary fields were saved; the rest was never on the form
    assert staat(collega) == voor
    assert not Rechtenwijziging.objects.exists()


@pytest.mark.parametrize("naam", [Groep.MANAGEMENT, Groep.PRIVACY, Groep.FUNCTIONEEL_BEHEER])
def test_the_beheerder_cannot_give_a_privileged_group(als, beheerder, collega, groepen, naam):
    client = als(beheerder)
    voor = staat(collega)
    data = formulierdata(client, wijzigen_url(collega))
    data["groups"] = [str(groepen[Groep.TRAJECTLEIDERS].pk), str(groepen[naam].pk)]
    response = client.post(wijzigen_url(collega), data)
    assert response.status_code == 200
    assert "groups" in response.context["adminform"].form.errors
    assert staat(collega) == voor
    assert not Rechtenwijziging.objects.exists()


@pytest.fixture(
    params=["superuser", "manager", "privacyfunctionaris", "andere_beheerder", "staf", "met_permissie"]
)
def bevoorrecht(request, superuser, manager, privacyfunctionaris) -> User:
    """An account the beheerder must not touch: it has a privilege to take over."""
    if request.param == "andere_beheerder":
        return UserFactory(username="beheerder2", is_staff=True, groepen=[Groep.FUNCTIONEEL_BEHEER])
    if request.param == "staf":
        return UserFactory(username="staf", is_staff=True)
    if request.param == "met_permissie":
        gebruiker = UserFactory(username="met_permissie")
        gebruiker.user_permissions.add(_permissie("trajecten.view_traject"))
        return gebruiker
    return {"superuser": superuser, "manager": manager, "privacyfunctionaris": privacyfunctionaris}[
        request.param
    ]


def test_a_privileged_account_is_read_only_to_the_beheerder(als, beheerder, bevoorrecht):
    client = als(beheerder)
    response = client.get(wijzigen_url(bevoorrecht))
    assert response.status_code == 200  # they may look (view_user) ...
    form = response.context["adminform"].form
    assert all(veld.disabled for veld in form.fields.values())  # ... but nothing is editable
    inhoud = response.content.decode()
    assert "../resetlink/" not in inhoud and "../password/" not in inhoud


def test_a_crafted_change_of_a_privileged_account_is_refused(als, beheerder, bevoorrecht, groepen):
    client = als(beheerder)
    voor = staat(bevoorrecht)
    data = {
        "username": bevoorrecht.username,
        "email": "aanvaller@example.org",  # then a reset link, and the account is theirs
        "is_active": "on",
        "groups": [str(groepen[Groep.TRAJECTLEIDERS].pk)],
        "is_superuser": "on",
    }
    assert client.post(wijzigen_url(bevoorrecht), data).status_code == 403
    assert staat(bevoorrecht) == voor
    assert not Rechtenwijziging.objects.exists()


def test_the_beheerder_cannot_change_their_own_account(als, beheerder, groepen):
    client = als(beheerder)
    voor = staat(beheerder)
    data = {"username": "beheerder", "email": "b@example.org", "is_active": "on", "is_superuser": "on"}
    data["groups"] = [str(groepen[Groep.MANAGEMENT].pk), str(groepen[Groep.PRIVACY].pk)]
    assert client.post(wijzigen_url(beheerder), data).status_code == 403
    assert staat(beheerder) == voor


def test_the_beheerder_gives_and_takes_trajectleiders_and_both_are_logged(als, beheerder, groepen):
    persoon = UserFactory(username="nieuwkomer")
    client = als(beheerder)
    data = formulierdata(client, wijzigen_url(persoon))
    data["groups"] = [str(groepen[Groep.TRAJECTLEIDERS].pk)]
    assert client.post(wijzigen_url(persoon), data).status_code == 302
    assert list(persoon.groups.values_list("name", flat=True)) == [Groep.TRAJECTLEIDERS]
    data["groups"] = []
    assert client.post(wijzigen_url(persoon), data).status_code == 302
    assert not persoon.groups.exists()
    erbij, eraf = Rechtenwijziging.objects.order_by("pk")
    assert (erbij.soort, erbij.door, erbij.gebruiker) == (Soort.GROEPEN, beheerder, persoon)
    assert erbij.gegevens == {"toegevoegd": [Groep.TRAJECTLEIDERS], "verwijderd": []}
    assert eraf.gegevens == {"toegevoegd": [], "verwijderd": [Groep.TRAJECTLEIDERS]}


def test_a_changed_e_mail_address_is_logged_and_the_old_address_told(
    als, beheerder, collega, django_capture_on_commit_callbacks
):
    client = als(beheerder)
    data = formulierdata(client, wijzigen_url(collega))
    oud = collega.email
    data["email"] = "nieuw.adres@gemeente.example.nl"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(wijzigen_url(collega), data).status_code == 302
    [regel] = Rechtenwijziging.objects.all()
    assert (regel.soort, regel.door, regel.gebruiker) == (Soort.EMAIL, beheerder, collega)
    assert regel.gegevens == {"oud": oud, "nieuw": "nieuw.adres@gemeente.example.nl"}
    [bericht] = mail.outbox
    assert bericht.to == [oud] and "nieuw.adres@gemeente.example.nl" in bericht.body


# --- new accounts -----------------------------------------------------------------------------------


def _nieuw(groepen, *groepnamen: str) -> dict:
    return {
        "username": "nieuwe.collega",
        "first_name": "Nieuwe",
        "last_name": "Collega",
        "email": "nieuwe.collega@gemeente.example.nl",
        "functie": "Adviseur",
        "groups": [str(groepen[naam].pk) for naam in groepnamen],
        # what Django's own form would take, and an attacker adds
        "password1": "Geheim-van-de-beheerder-1",
        "password2": "Geheim-van-de-beheerder-1",
        "usable_password": "true",
        "is_superuser": "on",
        "is_staff": "on",
    }


def test_a_new_account_gets_no_password_from_the_beheerder_but_a_link(
    als, beheerder, groepen, django_capture_on_commit_callbacks
):
    client = als(beheerder)
    assert not {"password1", "password2", "usable_password"} & velden_van(
        client, reverse("admin:accounts_user_add")
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:accounts_user_add"), _nieuw(groepen, Groep.TRAJECTLEIDERS))
    assert response.status_code == 302
    nieuw = User.objects.get(username="nieuwe.collega")
    assert not nieuw.has_usable_password() and not nieuw.check_password("Geheim-van-de-beheerder-1")
    assert not nieuw.is_superuser and not nieuw.is_staff
    assert list(nieuw.groups.values_list("name", flat=True)) == [Groep.TRAJECTLEIDERS]
    soorten = set(
        Rechtenwijziging.objects.filter(gebruiker=nieuw, door=beheerder).values_list("soort", flat=True)
    )
    assert soorten == {Soort.GROEPEN, Soort.UITNODIGING}
    [bericht] = mail.outbox
    assert bericht.to == ["nieuwe.collega@gemeente.example.nl"]
    assert "/account/wachtwoord/" in bericht.body


def test_a_new_account_with_a_privileged_group_is_refused_and_not_made(als, beheerder, groepen):
    client = als(beheerder)
    response = client.post(reverse("admin:accounts_user_add"), _nieuw(groepen, Groep.MANAGEMENT))
    assert response.status_code == 200
    assert "groups" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="nieuwe.collega").exists()
    assert not Rechtenwijziging.objects.exists() and not mail.outbox


def test_a_new_account_needs_an_e_mail_address_for_its_link(als, beheerder, groepen):
    data = {**_nieuw(groepen), "email": ""}
    response = als(beheerder).post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="nieuwe.collega").exists()


# --- the superuser ----------------------------------------------------------------------------------


def test_a_superuser_grants_every_privilege_and_each_kind_is_logged(als, superuser, collega, groepen):
    client = als(superuser)
    data = formulierdata(client, wijzigen_url(collega))
    data.update(
        is_superuser="on",
        is_staff="on",
        groups=[str(groepen[Groep.TRAJECTLEIDERS].pk), str(groepen[Groep.MANAGEMENT].pk)],
        user_permissions=[str(_permissie("trajecten.view_traject").pk)],
    )
    assert client.post(wijzigen_url(collega), data).status_code == 302
    collega = User.objects.get(pk=collega.pk)
    assert collega.is_superuser and collega.is_staff
    assert set(collega.groups.values_list("name", flat=True)) == {Groep.TRAJECTLEIDERS, Groep.MANAGEMENT}
    regels = {r.soort: r for r in Rechtenwijziging.objects.filter(gebruiker=collega, door=superuser)}
    assert set(regels) == {Soort.SUPERUSER, Soort.STAFF, Soort.GROEPEN, Soort.PERMISSIES}
    assert regels[Soort.GROEPEN].gegevens == {"toegevoegd": [Groep.MANAGEMENT], "verwijderd": []}
    assert regels[Soort.PERMISSIES].gegevens == {"toegevoegd": ["trajecten.view_traject"], "verwijderd": []}
    assert regels[Soort.SUPERUSER].gegevens == {"van": False, "naar": True}


def test_a_superuser_takes_privileges_away_and_that_is_logged_too(als, superuser, manager):
    client = als(superuser)
    data = formulierdata(client, wijzigen_url(manager))
    data["groups"] = []
    assert client.post(wijzigen_url(manager), data).status_code == 302
    assert not manager.groups.exists()
    [regel] = Rechtenwijziging.objects.all()
    assert regel.gegevens == {"toegevoegd": [], "verwijderd": [Groep.MANAGEMENT]}


def test_nobody_changes_their_own_rights_not_even_a_superuser(als, superuser, groepen):
    client = als(superuser)
    assert not velden_van(client, wijzigen_url(superuser)) & (RECHTENVELDEN | {"groups"})
    voor = staat(superuser)
    data = formulierdata(client, wijzigen_url(superuser))
    data["groups"] = [str(groepen[Groep.PRIVACY].pk)]  # and "is_superuser" left out: taking it away
    data["is_staff"] = ""
    assert client.post(wijzigen_url(superuser), data).status_code == 302
    assert staat(superuser) == voor
    assert not Rechtenwijziging.objects.exists()


def test_a_superuser_changes_an_ordinary_account_without_logging_rights(als, superuser, collega):
    client = als(superuser)
    data = formulierdata(client, wijzigen_url(collega))
    data["functie"] = "Teamleider"
    assert client.post(wijzigen_url(collega), data).status_code == 302
    assert User.objects.get(pk=collega.pk).functie == "Teamleider"
    assert not Rechtenwijziging.objects.exists()
