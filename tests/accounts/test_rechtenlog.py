"""The rights log: written by the services, append-only (model, bulk and, on PostgreSQL, SQL), and read by
the privacy officer on a page of the application."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from tests.factories import UserFactory
from wasstraat.accounts import services
from wasstraat.accounts.choices import RechtenwijzigingSoort as Soort
from wasstraat.accounts.models import Groep, Rechtenwijziging, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def regel(superuser, collega, groepen) -> Rechtenwijziging:
    [regel] = services.rechten_wijzigen(
        door=superuser, gebruiker=collega, groepen=[groepen[Groep.MANAGEMENT]]
    )
    return regel


# --- the services check the rules themselves ---------------------------------------------------------


@pytest.mark.parametrize(
    "wijziging",
    [
        {"is_superuser": True},
        {"is_staff": True},
        {"permissies": "change_user"},
        {"groepen": Groep.MANAGEMENT},
    ],
)
def test_the_service_refuses_the_beheerder_whatever_calls_it(beheerder, collega, groepen, wijziging):
    if "permissies" in wijziging:
        wijziging = {"permissies": [Permission.objects.get(codename="change_user")]}
    elif "groepen" in wijziging:
        wijziging = {"groepen": [groepen[Groep.TRAJECTLEIDERS], groepen[Groep.MANAGEMENT]]}
    with pytest.raises(PermissionDenied):
        services.rechten_wijzigen(door=beheerder, gebruiker=collega, **wijziging)
    collega = User.objects.get(pk=collega.pk)
    assert not collega.is_superuser and not collega.is_staff and not collega.user_permissions.exists()
    assert list(collega.groups.values_list("name", flat=True)) == [Groep.TRAJECTLEIDERS]


def test_the_service_refuses_the_beheerder_a_privileged_account_even_to_make_it_ordinary(beheerder, manager):
    with pytest.raises(PermissionDenied):
        services.rechten_wijzigen(door=beheerder, gebruiker=manager, groepen=[])
    assert manager.groups.filter(name=Groep.MANAGEMENT).exists()
    with pytest.raises(PermissionDenied):
        services.wachtwoordlink_versturen(door=beheerder, gebruiker=manager)


def test_the_service_refuses_anyone_their_own_rights(superuser, groepen):
    with pytest.raises(PermissionDenied):
        services.rechten_wijzigen(door=superuser, gebruiker=superuser, is_superuser=False)
    with pytest.raises(PermissionDenied):
        services.rechten_wijzigen(door=superuser, gebruiker=superuser, groepen=[groepen[Groep.PRIVACY]])
    assert User.objects.get(pk=superuser.pk).is_superuser and not Rechtenwijziging.objects.exists()


def test_asking_for_what_already_is_logs_nothing(superuser, collega, groepen):
    assert (
        services.rechten_wijzigen(
            door=superuser, gebruiker=collega, is_superuser=False, groepen=[groepen[Groep.TRAJECTLEIDERS]]
        )
        == []
    )
    assert not Rechtenwijziging.objects.exists()


def test_a_change_by_the_system_names_its_source_and_no_person(collega, groepen):
    regels = services.account_door_systeem_wijzigen(
        gebruiker=collega,
        bron="https://login.gemeente.example",
        groepen_erbij=[groepen[Groep.MANAGEMENT]],
        email="nieuw@gemeente.example",
    )

    assert [regel.soort for regel in regels] == [Soort.GROEPEN, Soort.EMAIL]
    assert all(regel.door is None for regel in regels)
    assert {regel.gegevens["bron"] for regel in regels} == {"https://login.gemeente.example"}
    collega.refresh_from_db()
    assert collega.email == "nieuw@gemeente.example"
    assert collega.groups.filter(name=Groep.MANAGEMENT).exists()
    # What already is, is not written again.
    assert (
        services.account_door_systeem_wijzigen(
            gebruiker=collega,
            bron="https://login.gemeente.example",
            groepen_erbij=[groepen[Groep.MANAGEMENT]],
            email="nieuw@gemeente.example",
        )
        == []
    )


@pytest.mark.parametrize(
    "fout",
    [
        {"bron": ""},
        {"email": "geen adres"},
        {"groepen_erbij": "dubbel", "groepen_eraf": "dubbel"},
    ],
)
def test_a_change_by_the_system_without_a_source_or_with_nonsense_is_refused(collega, groepen, fout):
    argumenten = {"gebruiker": collega, "bron": "https://login.gemeente.example", **fout}
    for veld in ("groepen_erbij", "groepen_eraf"):
        if argumenten.get(veld) == "dubbel":
            argumenten[veld] = [groepen[Groep.MANAGEMENT]]
    voor = set(collega.groups.all())

    with pytest.raises(ValidationError if "email" in fout else ValueError):
        services.account_door_systeem_wijzigen(**argumenten)

    assert not Rechtenwijziging.objects.exists()
    assert set(collega.groups.all()) == voor


# --- append-only --------------------------------------------------------------------------------------


def test_an_entry_cannot_be_changed_or_deleted(regel):
    regel.omschrijving = "Niets gebeurd."
    with pytest.raises(PermissionError):
        regel.save()
    with pytest.raises(PermissionError):
        regel.delete()
    with pytest.raises(PermissionError):
        Rechtenwijziging.objects.update(omschrijving="Niets gebeurd.")
    with pytest.raises(PermissionError):
        Rechtenwijziging.objects.all().delete()
    regel.refresh_from_db()
    assert regel.omschrijving != "Niets gebeurd."


def test_an_account_with_history_in_the_log_cannot_be_deleted(regel, collega):
    with pytest.raises(ProtectedError):
        collega.delete()


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE accounts_rechtenwijziging SET omschrijving = 'Niets gebeurd.' WHERE id = %s",
        "UPDATE accounts_rechtenwijziging SET door_id = NULL WHERE id = %s",
        "DELETE FROM accounts_rechtenwijziging WHERE id = %s",
    ],
    ids=["update", "update-actor", "delete"],
)
def test_the_database_refuses_raw_changes_to_the_log(regel, sql):
    with pytest.raises(DatabaseError, match="The rights log cannot be changed or deleted"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [regel.pk])
    assert Rechtenwijziging.objects.filter(pk=regel.pk, door__isnull=False).exists()


def test_the_admin_shows_the_log_read_only(als, superuser, regel):
    client = als(superuser)
    assert client.get(reverse("admin:accounts_rechtenwijziging_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_rechtenwijziging_add")).status_code == 403
    url = reverse("admin:accounts_rechtenwijziging_delete", args=[regel.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Rechtenwijziging.objects.filter(pk=regel.pk).exists()


# --- the page of the privacy officer -------------------------------------------------------------------


def test_the_privacy_officer_reads_the_log_in_the_application(als, privacyfunctionaris, regel, superuser):
    response = als(privacyfunctionaris).get(reverse("accounts:rechtenlog"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    inhoud = response.content.decode()
    assert "Groups added: Management" in inhoud and str(superuser) in inhoud and "collega" in inhoud
    assert reverse("accounts:rechtenlog") in inhoud  # in the menu


@pytest.mark.parametrize("wie", ["beheerder", "collega", "manager"])
def test_nobody_else_reads_the_log(als, request, wie, regel):
    gebruiker = request.getfixturevalue(wie)
    response = als(gebruiker).get(reverse("accounts:rechtenlog"))
    assert response.status_code == 403
    assert (
        reverse("accounts:rechtenlog") not in als(gebruiker).get(reverse("meldingen:lijst")).content.decode()
    )


def test_anonymous_goes_to_the_login_page(client, db):
    response = client.get(reverse("accounts:rechtenlog"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_log_filters_by_type_account_and_period(als, privacyfunctionaris, superuser, collega, regel):
    ander = UserFactory(username="andere.persoon", first_name="Anna", last_name="Anders")
    services.rechten_wijzigen(door=superuser, gebruiker=ander, is_staff=True)
    client = als(privacyfunctionaris)
    adres = reverse("accounts:rechtenlog")

    def regels(**filters):
        return list(client.get(adres, filters).context["pagina"].object_list)

    assert regels(soort=Soort.STAFF) == [Rechtenwijziging.objects.get(gebruiker=ander)]
    assert regels(zoek="Anders") == [Rechtenwijziging.objects.get(gebruiker=ander)]
    assert regels(zoek="collega") == [regel]
    assert len(regels(van=regel.tijdstip.date().isoformat())) == 2
    bad = client.get(adres, {"van": "gisteren", "soort": "gehackt"})
    assert {"van", "soort"} <= set(bad.context["filter_form"].errors)
    assert len(bad.context["pagina"].object_list) == 2  # bad filters are ignored
    onmogelijk = client.get(adres, {"van": "31-02-2026", "tot": "01-01-2020"})
    assert "“31-02-2026” is not an existing date" in onmogelijk.text
    assert 'value="31-02-2026"' in onmogelijk.text  # what was typed stays in the field


def test_the_privacy_group_holds_the_right(privacyfunctionaris, manager, beheerder):
    assert privacyfunctionaris.has_perm("accounts.view_rechtenwijziging")
    assert not manager.has_perm("accounts.view_rechtenwijziging")
    assert not beheerder.has_perm("accounts.view_rechtenwijziging")
