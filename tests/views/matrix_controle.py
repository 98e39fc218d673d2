"""Permission-matrix rows for the 3b pages (merged into MATRIX in test_permissiematrix.py).

SPEC: 3b is completed by the procesadviseur, so inviting colleagues and marking a version checked are
the procesadviseur's (a role, not a guardian permission: `PROCESADVISEUR` below); "confirm or comment
on a map in 3b" belongs to the invited medewerkers and proceseigenaar. In these rows the vakinhoudelijk
medewerker is the invited person: every other member gets 403 on the check page, outsiders 404.

Each request gets a fresh current version (with three steps), so a POST by someone allowed never
changes what the next person is checked against.
"""

from __future__ import annotations

from tests.controle.factories import versie_met_stappen
from tests.views.conftest import Omgeving
from tests.views.matrix import BEKIJKEN, PA, VM, Controle, Verzoek, get, post
from trajecten.choices import ControleStatus
from trajecten.models import ProcesControle, ProcesVersie

#: Who organises the check: the procesadviseur (workflow table, step 3b).
PROCESADVISEUR = frozenset({PA})
#: Who responds: the invited person; here the vakinhoudelijk medewerker.
GEVRAAGD = frozenset({VM})


def _versie(o: Omgeving) -> ProcesVersie:
    return versie_met_stappen(o.traject, 3)


def _gevraagd(o: Omgeving, status: str = ControleStatus.UITGENODIGD) -> ProcesVersie:
    """A fresh version with the vakinhoudelijk medewerker asked to check it."""
    versie = _versie(o)
    ProcesControle.objects.create(
        versie=versie, gebruiker=o.persoon(VM), uitgenodigd_door=o.persoon(PA), status=status
    )
    return versie


def _overzicht(o: Omgeving, _wie) -> Verzoek:
    versie = _gevraagd(o)
    return Verzoek({"pk": o.traject.pk, "versie_pk": versie.pk})


def _uitnodigen(o: Omgeving, _wie) -> Verzoek:
    versie = _versie(o)
    return Verzoek({"pk": o.traject.pk, "versie_pk": versie.pk}, {"gebruikers": [o.persoon(VM).pk]})


def _markeren(o: Omgeving, _wie) -> Verzoek:
    """Everyone asked has responded: marking online succeeds."""
    versie = _gevraagd(o, ControleStatus.BEVESTIGD)
    return Verzoek({"pk": o.traject.pk, "versie_pk": versie.pk}, {"manier": "online"})


def _controleren(o: Omgeving, _wie) -> Verzoek:
    versie = _gevraagd(o)
    return Verzoek({"pk": o.traject.pk, "versie_pk": versie.pk})


def _bevestigen(o: Omgeving, _wie) -> Verzoek:
    versie = _gevraagd(o)
    data = {"actie": "bevestigen", "algemene_opmerking": "Klopt."}
    return Verzoek({"pk": o.traject.pk, "versie_pk": versie.pk}, data)


def _opmerking(o: Omgeving, _wie) -> Verzoek:
    versie = _gevraagd(o)
    data = {"actie": "opmerking", "stap": versie.stappen.first().pk, "tekst": "Hier ontbreekt een stap."}
    return Verzoek({"pk": o.traject.pk, "versie_pk": versie.pk}, data)


RIJEN: dict[str, list[Controle]] = {
    "trajecten:proces_controle": [get(BEKIJKEN, _overzicht), post(PROCESADVISEUR, _uitnodigen)],
    "trajecten:proces_gecontroleerd": [post(PROCESADVISEUR, _markeren)],
    "trajecten:proces_controleren": [
        get(GEVRAAGD, _controleren),
        post(GEVRAAGD, _bevestigen),
        post(GEVRAAGD, _opmerking),
    ],
}
