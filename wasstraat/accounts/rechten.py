"""Who may change whose account, rights and password: SPEC.md "outside trajectories", in one place.

- Only a superuser gives or takes the superuser and staff flags, permissions, and every group except
  those in `BEHEER_TOEWIJSBAAR` (Trajectleiders); only a superuser sets another person's password.
- The functioneel beheerder (``accounts.change_user``) changes accounts without privileges only: an
  account that is superuser or staff, or holds a permission or any other group, is read-only to them
  (otherwise: change its e-mail address, send a reset link, and take it over).
- Nobody changes their own flags, groups or permissions, nor sets their own password in the admin.

The admin (`wasstraat/accounts/admin.py`) shows and hides fields by these rules; the services
(`wasstraat/accounts/services.py`) check them again, so a crafted request is refused too.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models import QuerySet

from .groepen import BEHEER_TOEWIJSBAAR
from .models import User

ACCOUNTS_BEHEREN = "accounts.change_user"


def is_bevoorrecht(gebruiker: User) -> bool:
    """Superuser or staff, or holding a permission or a group the functioneel beheerder may not give."""
    if gebruiker.is_superuser or gebruiker.is_staff:
        return True
    if gebruiker.pk is None:
        return False
    return (
        gebruiker.user_permissions.exists() or gebruiker.groups.exclude(name__in=BEHEER_TOEWIJSBAAR).exists()
    )


def mag_account_wijzigen(door: User, gebruiker: User) -> bool:
    """Whether `door` may change `gebruiker`'s account (name, e-mail address, department, active)."""
    if not door.is_active:
        return False
    if door.is_superuser:
        return True
    return door.has_perm(ACCOUNTS_BEHEREN) and not is_bevoorrecht(gebruiker)


def mag_rechten_geven(door: User, gebruiker: User) -> bool:
    """Whether `door` may change the superuser and staff flags and the permissions of `gebruiker`."""
    return door.is_active and door.is_superuser and door.pk != gebruiker.pk


def mag_groepen_wijzigen(door: User, gebruiker: User) -> bool:
    """Whether `door` may change `gebruiker`'s groups at all (which ones: `toewijsbare_groepen`)."""
    return door.pk != gebruiker.pk and mag_account_wijzigen(door, gebruiker)


def toewijsbare_groepen(door: User) -> QuerySet[Group]:
    """The groups `door` may give or take: all for a superuser, Trajectleiders for the beheerder."""
    if door.is_active and door.is_superuser:
        return Group.objects.all()
    if door.is_active and door.has_perm(ACCOUNTS_BEHEREN):
        return Group.objects.filter(name__in=BEHEER_TOEWIJSBAAR)
    return Group.objects.none()


def mag_wachtwoord_zetten(door: User, gebruiker: User) -> bool:
    """Only a superuser sets a password, and only someone else's."""
    return door.is_active and door.is_superuser and door.pk != gebruiker.pk


def mag_groepsrechten_wijzigen(door: User) -> bool:
    """Only a superuser changes what a group may (the admin of groups)."""
    return door.is_active and door.is_superuser
