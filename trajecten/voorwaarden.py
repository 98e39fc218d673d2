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
