"""Who may do what inside a trajectory: the one mapping from team roles to object permissions.

`Teamlid` rows are the single source of truth; `rechten_bijwerken` keeps guardian's per-trajectory
permission rows in step with them. Management (a global group with the global ``view_traject``
permission) sees every trajectory, read-only.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from guardian.core import ObjectPermissionChecker

from wasstraat.accounts.models import User

from .choices import Rol
from .models import Teamlid, Traject, TrajectUserObjectPermission

BEKIJKEN = "view_traject"

#: Every member may view the trajectory and record improvement points.
IEDER_LID = frozenset({BEKIJKEN, "vastleggen_verbeterpunt"})

#: The contract of SPEC.md "Roles and permissions", per role (on top of IEDER_LID).
ROL_RECHTEN: dict[Rol, frozenset[str]] = {
    Rol.SPONSOR: frozenset(),
    Rol.PROCESEIGENAAR: frozenset(
        {
            "change_traject",
            "beheer_team",
            "beheer_kpis",
            "keur_kpis",
            "beoordeel_6p",
            "bewerk_verbeterplan",
            "besluit_implementatie",
            "houd_evaluatie",
        }
    ),
    Rol.PROJECTLEIDER: frozenset(
        {
            "change_traject",
            "beheer_team",
            "beheer_sessies",
            "beheer_kpis",
            "bewerk_proces",
            "beoordeel_6p",
            "bewerk_verbeterplan",
            "vraag_toetsing",
            "stel_implementatieplan_op",
            "werk_voortgang_bij",
            "houd_evaluatie",
        }
    ),
    Rol.PROCESADVISEUR: frozenset(
        {
            "beheer_sessies",
            "beheer_kpis",
            "bewerk_proces",
            "bewerk_verbeterplan",
            "stel_implementatieplan_op",
        }
    ),
    Rol.KLANTREISCOACH: frozenset(
        {
            "beheer_klantreissessies",
            "bewerk_klantreis",
            "lees_interviews",
            "beoordeel_6p",
            "bewerk_verbeterplan",
        }
    ),
    Rol.VAKINHOUDELIJK_MEDEWERKER: frozenset({"beoordeel_6p"}),
    Rol.TEAMMANAGER: frozenset({"beheer_kpis", "werk_voortgang_bij"}),
    Rol.SPECIALIST: frozenset(),
}

#: Roles nobody may give themselves: they open residents' interview notes ("klantreiscoach only"), so
#: someone else with team rights must give them (and the privacy officer is told, trajecten.rolwijzigingen).
NIET_ZELF_TOEKENNEN: frozenset[Rol] = frozenset(
    rol for rol, rechten in ROL_RECHTEN.items() if "lees_interviews" in rechten
)


def rechten_voor_rollen(rollen: Iterable[str]) -> frozenset[str]:
    """The permission codenames that a set of roles grants in one trajectory."""
    rollen = list(rollen)
    if not rollen:
        return frozenset()
    return IEDER_LID.union(*(ROL_RECHTEN[Rol(r)] for r in rollen))


def rechten_bijwerken(*, traject: Traject, gebruiker: User) -> None:
    """Make guardian's permission rows for `gebruiker` on `traject` match their memberships."""
    rollen = Teamlid.objects.filter(traject=traject, gebruiker=gebruiker).values_list("rol", flat=True)
    gewenst = rechten_voor_rollen(rollen)
    bestaand = dict(
        TrajectUserObjectPermission.objects.filter(content_object=traject, user=gebruiker).values_list(
            "permission__codename", "pk"
        )
    )
    with transaction.atomic():
        weg = [pk for codename, pk in bestaand.items() if codename not in gewenst]
        if weg:
            TrajectUserObjectPermission.objects.filter(pk__in=weg).delete()
        nieuw = gewenst - bestaand.keys()
        if nieuw:
            permissies = Permission.objects.filter(
                content_type__app_label="trajecten",
                content_type__model="traject",
                codename__in=nieuw,
            )
            TrajectUserObjectPermission.objects.bulk_create(
                TrajectUserObjectPermission(user=gebruiker, permission=p, content_object=traject)
                for p in permissies
            )


def is_management(gebruiker: User) -> bool:
    """Management sees every trajectory (global view permission), read-only."""
    return gebruiker.is_active and gebruiker.has_perm(f"trajecten.{BEKIJKEN}")


def rechten_voor(
    gebruiker: User, traject: Traject, checker: ObjectPermissionChecker | None = None
) -> frozenset[str]:
    """The codenames `gebruiker` holds on `traject`, management's global view included.

    Pass a checker that has `prefetch_perms` for many trajectories to avoid a query per object.
    Without one, a single query reads the person's own rows: roles are given per person
    (`rechten_bijwerken`), never to a group, so guardian's second query for group rows (on every
    page of a trajectory) would find nothing.
    """
    if not gebruiker.is_authenticated or not gebruiker.is_active:
        return frozenset()
    if checker is not None or gebruiker.is_superuser:
        rechten = frozenset((checker or ObjectPermissionChecker(gebruiker)).get_perms(traject))
    else:
        rijen = TrajectUserObjectPermission.objects.filter(user=gebruiker, content_object=traject)
        rechten = frozenset(rijen.values_list("permission__codename", flat=True))
    if BEKIJKEN not in rechten and is_management(gebruiker):
        rechten |= {BEKIJKEN}
    return rechten


def traject_met_recht(
    gebruiker: User, pk: int, recht: str = BEKIJKEN, queryset=None
) -> tuple[Traject, frozenset[str]]:
    """The trajectory `pk` if `gebruiker` holds `recht` on it.

    Not visible at all: 404 (the trajectory's existence is not revealed). Visible but the role
    may not: 403.
    """
    queryset = queryset if queryset is not None else Traject.objects.select_related("product")
    try:
        traject = queryset.get(pk=pk)
    except Traject.DoesNotExist:
        raise Http404 from None
    rechten = rechten_voor(gebruiker, traject)
    if BEKIJKEN not in rechten:
        raise Http404
    if recht not in rechten:
        raise PermissionDenied
    return traject, rechten
