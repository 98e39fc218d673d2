"""The admin of groups: what a group may is a permission, so only a superuser changes it (logged); the
global groups are set in code (`groepen.GROEP_RECHTEN`, again after every migrate) and read-only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wasstraat.accounts import services
from wasstraat.accounts.choices import RechtenwijzigingSoort as Soort
from wasstraat.accounts.groepen import GROEP_RECHTEN
from wasstraat.accounts.models import Groep, Rechtenwijziging

pytestmark = pytest.mark.django_db


def _rechten(groep: Group) -> set[str]:
    return set(groep.permissions.values_list("codename", flat=True))


def _permissie(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


@pytest.fixture
def eigen_groep(db) -> Group:
    return Group.objects.create(name="Kwaliteitsteam")


def test_the_beheerder_cannot_reach_the_groups(als, beheerder, groepen, eigen_groep):
    client = als(beheerder)
    trajectleiders = groepen[Groep.TRAJECTLEIDERS]
    voor = _rechten(trajectleiders)
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_add")).status_code == 403
    data = {"name": trajectleiders.name, "permissions": [_permissie("change_user").pk]}
    assert client.post(reverse("admin:auth_group_change", args=[trajectleiders.pk]), data).status_code == 403
    assert (
        client.post(reverse("admin:auth_group_add"), {"name": "Stiekem", "permissions": [1]}).status_code
        == 403
    )
    assert (
        client.post(reverse("admin:auth_group_delete", args=[eigen_groep.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert _rechten(trajectleiders) == voor
    assert (
        not Group.objects.filter(name="Stiekem").exists() and Group.objects.filter(pk=eigen_groep.pk).exists()
    )
    assert not Rechtenwijziging.objects.exists()


def test_a_global_group_is_read_only_even_to_a_superuser(als, superuser, groepen):
    client = als(superuser)
    management = groepen[Groep.MANAGEMENT]
    voor = _rechten(management)
    url = reverse("admin:auth_group_change", args=[management.pk])
    assert client.get(url).status_code == 200  # view only
    data = {"name": "Iets anders", "permissions": [_permissie("change_user").pk]}
    assert client.post(url, data).status_code == 403
    assert (
        client.post(reverse("admin:auth_group_delete", args=[management.pk]), {"post": "yes"}).status_code
        == 403
    )
    management.refresh_from_db()
    assert management.name == Groep.MANAGEMENT and _rechten(management) == voor


def test_a_superuser_changes_another_groups_permissions_and_it_is_logged(als, superuser, eigen_groep):
    client = als(superuser)
    url = reverse("admin:auth_group_change", args=[eigen_groep.pk])
    data = {"name": eigen_groep.name, "permissions": [_permissie("view_traject").pk]}
    assert client.post(url, data).status_code == 302
    assert _rechten(eigen_groep) == {"view_traject"}
    [regel] = Rechtenwijziging.objects.all()
    assert (regel.soort, regel.door, regel.gebruiker, regel.groep_naam) == (
        Soort.GROEPSRECHTEN,
        superuser,
        None,
        "Kwaliteitsteam",
    )
    assert regel.gegevens == {"toegevoegd": ["trajecten.view_traject"], "verwijderd": []}


def test_a_new_group_with_permissions_is_logged(als, superuser):
    data = {"name": "Auditors", "permissions": [_permissie("view_gebeurtenis").pk]}
    assert als(superuser).post(reverse("admin:auth_group_add"), data).status_code == 302
    [regel] = Rechtenwijziging.objects.all()
    assert regel.groep_naam == "Auditors" and regel.gegevens["toegevoegd"] == ["trajecten.view_gebeurtenis"]


def test_the_service_refuses_the_beheerder_and_the_global_groups(beheerder, superuser, eigen_groep, groepen):
    with pytest.raises(PermissionDenied):
        services.groepsrechten_wijzigen(
            door=beheerder, groep=eigen_groep, permissies=[_permissie("change_user")]
        )
    for naam in GROEP_RECHTEN:
        with pytest.raises(PermissionDenied):
            services.groepsrechten_wijzigen(
                door=superuser, groep=groepen[naam], permissies=[_permissie("change_user")]
            )
    assert not _rechten(eigen_groep) and not Rechtenwijziging.objects.exists()
