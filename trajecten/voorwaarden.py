"""Completion condition of step 1, the one step whose content lives in this app."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import Rol, SessieSoort, Stap
from .models import Traject
from .workflow import registreer_voorwaarde

VEREISTE_ROLLEN = (Rol.SPONSOR, Rol.PROCESEIGENAAR, Rol.PROJECTLEIDER)


@registreer_voorwaarde(Stap.S1)
def projectteam_compleet(traject: Traject) -> list[str]:
    """Sponsor, proceseigenaar and projectleider assigned; the start session held and its notes recorded."""
    aanwezig = set(traject.teamleden.values_list("rol", flat=True))
    ontbreekt = [
        _("Assign a %(rol)s.") % {"rol": str(rol.label).lower()}
        for rol in VEREISTE_ROLLEN
        if rol not in aanwezig
    ]
    startsessies = traject.sessies.filter(soort=SessieSoort.START, begint_op__lte=timezone.now())
    if not startsessies.exists():
        ontbreekt.append(
            _("Record the start session (a session of type “start session” that has taken place).")
        )
    elif not startsessies.exclude(notities="").exists():
        ontbreekt.append(_("Record the notes of the start session."))
    return ontbreekt


@registreer_voorwaarde(Stap.S3B)
def huidig_proces_gecontroleerd(traject: Traject) -> list[str]:
    """A current process version is checked (3b); skipping 3b ("3a en 3b samengevoegd") is the workflow's."""
    from .choices import ProcesSoort, VersieStatus

    if traject.procesversies.filter(soort=ProcesSoort.HUIDIG, status=VersieStatus.GECONTROLEERD).exists():
        return []
    return [
        _(
            "Mark the current process as checked: after the invited colleagues confirmed it or "
            "commented on it, or in a 3b session."
        )
    ]


@registreer_voorwaarde(Stap.S3A)
def huidig_proces_in_kaart(traject: Traject) -> list[str]:
    """A version of the current process with at least one step exists."""
    from .choices import ProcesSoort

    if traject.procesversies.filter(soort=ProcesSoort.HUIDIG, stappen__isnull=False).exists():
        return []
    return [_("Map the current process: add at least one step to a version of the current process.")]


@registreer_voorwaarde(Stap.S2)
def kpis_bepaald(traject: Traject) -> list[str]:
    """At least one KPI complete in all its core fields (KPI_KERNVELDEN) and approved by the proceseigenaar.

    One query, so the trajectory page stays bounded.
    """
    from django.db.models import Count, Q

    from .services.kpi import KPI_COMPLEET

    telling = traject.kpis.filter(KPI_COMPLEET).aggregate(
        compleet=Count("pk"), goedgekeurd=Count("pk", filter=Q(goedgekeurd_op__isnull=False))
    )
    if not telling["compleet"]:
        return [_("Define at least one KPI (definition, unit, direction, baseline and target).")]
    if not telling["goedgekeurd"]:
        return [_("Have the KPIs approved by the process owner.")]
    return []
