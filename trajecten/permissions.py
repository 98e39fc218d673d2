"""Who may do what inside a trajectory: the one mapping from team roles to object permissions.

`Teamlid` rows are the single source of truth; `rechten_bijwerken` keeps guardian's per-trajectory
permission rows in step with them. Management (a global group with the global ``view_traject``
permission) sees every trajectory, read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from guardian.core import ObjectPermissionChecker

from wasstraat.accounts.models import User

from .choices import Rol
from .models import Teamlid, Traject, TrajectUserObjectPermission

BEKIJKEN = "view_traject"
#: Seeing what a review of the improvement plan needs (the plan, the trajectory's basics, the process
#: maps, the journey without interview notes). Everyone who may view the trajectory may (`heeft_recht`);
#: a specialist asked for a review who is not on the team holds only this, given by the request
#: (`verbeterplan`, through `registreer_rechtenbron`), and sees nothing else of the trajectory.
TOETSSTUKKEN = "bekijk_toetsstukken"

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


#: Rights a person holds in a trajectory for another reason than a role (a review request), registered
#: by the apps that grant them, so `trajecten` never imports those apps: (traject, gebruiker) → rights.
Rechtenbron = Callable[[Traject, User], frozenset[str]]
_rechtenbronnen: list[Rechtenbron] = []


def registreer_rechtenbron(functie: Rechtenbron) -> Rechtenbron:
    """Register a source of per-trajectory rights beside the roles; `rechten_bijwerken` adds what it
    gives, so guardian's rows stay the one place a page reads rights from."""
    if functie not in _rechtenbronnen:
        _rechtenbronnen.append(functie)
    return functie


def rechten_voor_rollen(rollen: Iterable[str]) -> frozenset[str]:
    """The permission codenames that a set of roles grants in one trajectory."""
    rollen = list(rollen)
    if not rollen:
        return frozenset()
    return IEDER_LID.union(*(ROL_RECHTEN[Rol(r)] for r in rollen))


def rechten_bijwerken(*, traject: Traject, gebruiker: User) -> None:
    """Make guardian's permission rows for `gebruiker` on `traject` match their memberships (and what
    the registered sources give, such as a review request)."""
    rollen = Teamlid.objects.filter(traject=traject, gebruiker=gebruiker).values_list("rol", flat=True)
    gewenst = rechten_voor_rollen(rollen).union(*(bron(traject, gebruiker) for bron in _rechtenbronnen))
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


def heeft_recht(rechten: frozenset[str], recht: str) -> bool:
    """Whether `rechten` (from `rechten_voor`) include `recht`; viewing the trajectory includes seeing
    what a review needs (`TOETSSTUKKEN`)."""
    return recht in rechten or (recht == TOETSSTUKKEN and BEKIJKEN in rechten)


def alleen_toetsing(rechten: frozenset[str]) -> bool:
    """Someone who sees the trajectory only for a review asked of them (not on the team, not management):
    pages hide the links to what they may not open."""
    return TOETSSTUKKEN in rechten and BEKIJKEN not in rechten


def traject_met_recht(
    gebruiker: User, pk: int, recht: str | None = None, queryset=None, *, zicht: str = BEKIJKEN
) -> tuple[Traject, frozenset[str]]:
    """The trajectory `pk` if `gebruiker` holds `recht` on it (default: `zicht`).

    `zicht` is what makes the trajectory visible to this page: `BEKIJKEN` (the team and management),
    or `TOETSSTUKKEN` for the pages a review needs (also a specialist asked for a review). Not visible
    at all: 404 (the trajectory's existence is not revealed). Visible but the role may not: 403.
    """
    recht = recht or zicht
    queryset = queryset if queryset is not None else Traject.objects.select_related("product")
    try:
        traject = queryset.get(pk=pk)
    except Traject.DoesNotExist:
        raise Http404 from None
    rechten = rechten_voor(gebruiker, traject)
    if not heeft_recht(rechten, zicht):
        raise Http404
    if not heeft_recht(rechten, recht):
        raise PermissionDenied
    return traject, rechten
