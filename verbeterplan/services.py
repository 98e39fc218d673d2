"""Writes of the improvement plan."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from trajecten.choices import GebeurtenisSoort
from trajecten.models import Sessie, Traject
from trajecten.permissions import rechten_voor
from trajecten.services import gebeurtenis_vastleggen
from wasstraat.accounts.models import User

from .choices import VerbeterpuntBron
from .models import Verbeterpunt


@transaction.atomic
def verbeterpunt_vastleggen(
    *,
    traject: Traject,
    door: User,
    titel: str,
    omschrijving: str = "",
    sessie: Sessie | None = None,
) -> Verbeterpunt:
    """Record an improvement point from the trajectory page or a session; any member may."""
    if "vastleggen_verbeterpunt" not in rechten_voor(door, traject):
        raise PermissionDenied(_("Only team members can record improvement points."))
    punt = Verbeterpunt(
        traject=traject,
        titel=titel,
        omschrijving=omschrijving,
        sessie=sessie,
        ingediend_door=door,
        bron=VerbeterpuntBron.SESSIE if sessie else VerbeterpuntBron.TRAJECT,
    )
    punt.full_clean()
    punt.save()
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.VERBETERPUNT,
        omschrijving=_("Improvement point “%(titel)s” recorded (%(bron)s).")
        % {"titel": titel, "bron": punt.bron_omschrijving},
        gegevens={"verbeterpunt": punt.pk},
    )
    return punt
