"""Permission-matrix rows for the journey pages of step 4 (merged into MATRIX in test_permissiematrix.py).

Viewing the journey, a contact moment and the curve is for every member and management; editing the
persona, phases, contact moments and pain points is ``bewerk_klantreis``, the klantreiscoach (SPEC.md,
"Roles and permissions"). Each request gets fresh objects, so every allowed person has something to
change, move or delete.
"""

from __future__ import annotations

from django.db.models import Max

from klantreis.choices import Beleving, Kanaal, Reis
from klantreis.models import Contactmoment, Fase, Klantreis, Pijnpunt
from tests.views.conftest import Omgeving
from tests.views.matrix import SPEC_CONTRACT, TOETSZICHT, Controle, Verzoek, get, post

BEWERKEN = SPEC_CONTRACT["bewerk_klantreis"]


def _reis(o: Omgeving) -> Klantreis:
    reis, _nieuw = Klantreis.objects.get_or_create(
        traject=o.traject, defaults={"persona_naam": "Starter die een vergunning aanvraagt"}
    )
    return reis


def _fase(o: Omgeving) -> Fase:
    """A new phase at the end of the journey (after at least one other, so it can move up)."""
    reis = _reis(o)
    if not reis.fasen.exists():
        Fase.objects.create(klantreis=reis, naam="Oriënteren", volgorde=1)
    volgorde = (reis.fasen.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    return Fase.objects.create(klantreis=reis, naam=f"Fase {volgorde}", volgorde=volgorde, metriek="Dagen")


def _moment(o: Omgeving, fase: Fase | None = None) -> Contactmoment:
    fase = fase or _fase(o)
    volgorde = (fase.contactmomenten.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    return Contactmoment.objects.create(
        fase=fase,
        reis=Reis.HUIDIG,
        volgorde=volgorde,
        titel=f"Contactmoment {volgorde}",
        kanaal=Kanaal.WEBSITE,
        beleving=Beleving.NEGATIEF,
        moment_van_waarheid=True,
    )


def _overzicht(o: Omgeving, _wie) -> Verzoek:
    _moment(o)  # a journey with something to draw
    return Verzoek({"pk": o.traject.pk})


def _persona(o: Omgeving, _wie) -> Verzoek:
    _reis(o)
    data = {"persona_naam": "Ondernemer", "persona_omschrijving": "Horeca", "persona_behoeften": "Snelheid"}
    return Verzoek({"pk": o.traject.pk}, data)


def _fase_gegevens() -> dict:
    return {
        "naam": "Wachten",
        "omschrijving": "",
        "metriek": "Dagen",
        "huidige_waarde": "56",
        "streefwaarde": "5",
    }


def _fase_toevoegen(o: Omgeving, _wie) -> Verzoek:
    _reis(o)
    return Verzoek({"pk": o.traject.pk}, _fase_gegevens())


def _fase_kwargs(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "fase_pk": _fase(o).pk}, _fase_gegevens())


def _fase_omhoog(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "fase_pk": _fase(o).pk}, {"richting": "op"})


def _moment_gegevens(fase: Fase) -> dict:
    return {
        "fase": fase.pk,
        "reis": Reis.GEWENST,
        "titel": "Besluit in de app",
        "kanaal": Kanaal.APP,
        "klant_doet": "Opent de melding.",
        "klant_ervaart": "Duidelijkheid.",
        "beleving": str(Beleving.POSITIEF.value),
        "citaten": "",
        "moment_van_waarheid": "on",
    }


def _moment_toevoegen(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk}, _moment_gegevens(_fase(o)))


def _moment_kwargs(o: Omgeving, _wie) -> Verzoek:
    moment = _moment(o)
    return Verzoek({"pk": o.traject.pk, "cm_pk": moment.pk}, _moment_gegevens(moment.fase))


def _moment_omhoog(o: Omgeving, _wie) -> Verzoek:
    fase = _fase(o)
    _moment(o, fase)
    return Verzoek({"pk": o.traject.pk, "cm_pk": _moment(o, fase).pk}, {"richting": "op"})


def _pijnpunt_toevoegen(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "cm_pk": _moment(o).pk}, {"omschrijving": "Geen bevestiging"})


def _pijnpunt(o: Omgeving, _wie) -> Verzoek:
    pijnpunt = Pijnpunt.objects.create(contactmoment=_moment(o), omschrijving="Te lange wachttijd")
    return Verzoek({"pk": o.traject.pk, "pijnpunt_pk": pijnpunt.pk})


RIJEN: dict[str, list[Controle]] = {
    "klantreis:overzicht": [get(TOETSZICHT, _overzicht, zicht=TOETSZICHT)],
    "klantreis:bewerken": [get(BEWERKEN, _persona), post(BEWERKEN, _persona)],
    "klantreis:curve": [get(TOETSZICHT, _overzicht, zicht=TOETSZICHT)],
    "klantreis:fase_nieuw": [get(BEWERKEN, _fase_toevoegen), post(BEWERKEN, _fase_toevoegen)],
    "klantreis:fase_bewerken": [get(BEWERKEN, _fase_kwargs), post(BEWERKEN, _fase_kwargs)],
    "klantreis:fase_verwijderen": [get(BEWERKEN, _fase_kwargs), post(BEWERKEN, _fase_kwargs)],
    "klantreis:fase_verplaatsen": [post(BEWERKEN, _fase_omhoog)],
    "klantreis:contactmoment_nieuw": [get(BEWERKEN, _moment_toevoegen), post(BEWERKEN, _moment_toevoegen)],
    "klantreis:contactmoment": [get(TOETSZICHT, _moment_kwargs, zicht=TOETSZICHT)],
    "klantreis:contactmoment_bewerken": [get(BEWERKEN, _moment_kwargs), post(BEWERKEN, _moment_kwargs)],
    "klantreis:contactmoment_verwijderen": [get(BEWERKEN, _moment_kwargs), post(BEWERKEN, _moment_kwargs)],
    "klantreis:contactmoment_verplaatsen": [post(BEWERKEN, _moment_omhoog)],
    "klantreis:pijnpunt_nieuw": [post(BEWERKEN, _pijnpunt_toevoegen)],
    "klantreis:pijnpunt_verwijderen": [get(BEWERKEN, _pijnpunt), post(BEWERKEN, _pijnpunt)],
}
