"""The global groups and their global permissions, set up after every migrate (idempotent)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from .models import Groep

#: Global permissions per group, as "app_label.codename".
GROEP_RECHTEN: dict[str, tuple[str, ...]] = {
    Groep.TRAJECTLEIDERS: ("trajecten.add_traject",),
    Groep.MANAGEMENT: ("trajecten.view_traject",),
    Groep.FUNCTIONEEL_BEHEER: (
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "accounts.add_afdeling",
        "accounts.change_afdeling",
        "accounts.view_afdeling",
        "accounts.delete_afdeling",
        "serviceformules.add_product",
        "serviceformules.change_product",
        "serviceformules.view_product",
        "serviceformules.delete_product",
        "serviceformules.add_serviceformule",
        "serviceformules.change_serviceformule",
        "serviceformules.view_serviceformule",
    ),
    Groep.PRIVACY: ("klantreis.view_interviewlog", "accounts.view_rechtenwijziging"),
}

#: The groups the functioneel beheerder may give and take (and log). Every other group, the superuser
#: and staff flags and permissions are for a superuser only (SPEC.md, "outside trajectories").
BEHEER_TOEWIJSBAAR: frozenset[str] = frozenset({Groep.TRAJECTLEIDERS})


def groepen_inrichten(**kwargs) -> None:
    """Create the groups and give each exactly its global permissions (post_migrate receiver)."""
    for naam, rechten in GROEP_RECHTEN.items():
        groep, _ = Group.objects.get_or_create(name=naam)
        permissies = []
        for recht in rechten:
            app_label, codename = recht.split(".")
            permissie = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permissie is not None:  # not yet created on the very first migrate of that app
                permissies.append(permissie)
        groep.permissions.set(permissies)
