"""Writes of the improvement plan."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from klantreis.models import Contactmoment, Pijnpunt
from serviceformules.models import PBeoordeling
from trajecten.choices import GebeurtenisSoort
from trajecten.models import Kpi, ProcesStap, Sessie, Traject
from trajecten.permissions import rechten_voor
from trajecten.services import gebeurtenis_vastleggen
from wasstraat.accounts.models import User

from .choices import VerbeterpuntBron
from .models import Verbeterpunt


def _bron(**bronnen) -> VerbeterpuntBron:
    gegeven = [naam for naam, waarde in bronnen.items() if waarde is not None]
    if len(gegeven) > 1:
        raise ValueError("An improvement point has one source.")
    return VerbeterpuntBron(gegeven[0]) if gegeven else VerbeterpuntBron.TRAJECT


@transaction.atomic
def verbeterpunt_vastleggen(
    *,
    traject: Traject,
    door: User,
    titel: str,
    omschrijving: str = "",
    sessie: Sessie | None = None,
    kpi: Kpi | None = None,
    processtap: ProcesStap | None = None,
    contactmoment: Contactmoment | None = None,
    pijnpunt: Pijnpunt | None = None,
    p_beoordeling: PBeoordeling | None = None,
) -> Verbeterpunt:
    """Record an improvement point where it arose: the trajectory page, a session, a KPI, a process step,
    a contact moment of the journey (a moment of truth among them), a pain point or a P of the 6P assessment.

    Any member may. At most one source object is given; it must belong to the trajectory.
    """
    if "vastleggen_verbeterpunt" not in rechten_voor(door, traject):
        raise PermissionDenied(_("Only team members can record improvement points."))
    punt = Verbeterpunt(
        traject=traject,
        titel=titel,
        omschrijving=omschrijving,
        sessie=sessie,
        kpi=kpi,
        processtap=processtap,
        contactmoment=contactmoment,
        pijnpunt=pijnpunt,
        p_beoordeling=p_beoordeling,
        ingediend_door=door,
        bron=_bron(
            sessie=sessie,
            kpi=kpi,
            processtap=processtap,
            contactmoment=contactmoment,
            pijnpunt=pijnpunt,
            p_beoordeling=p_beoordeling,
        ),
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
