"""Permission-matrix rows for the process pages of step 3a (merged into MATRIX in test_permissiematrix.py).

SPEC: "edit process maps" is the procesadviseur's and the projectleider's (`bewerk_proces`); every
member and management may view them. Each request gets a fresh version with three steps (written
directly, for speed), so a POST by someone allowed never changes what the next person meets.
"""

from __future__ import annotations

from decimal import Decimal

from tests.views.conftest import Omgeving
from tests.views.matrix import PA, SPEC_CONTRACT, TOETSZICHT, Controle, Verzoek, _traject, get, post
from trajecten.choices import Lean, ProcesSoort, StapSoort, TijdEenheid, Verspilling
from trajecten.models import ProcesStap, ProcesVersie

#: "edit process maps": procesadviseur and projectleider.
PROCES_BEWERKEN = SPEC_CONTRACT["bewerk_proces"]


def _versie(o: Omgeving, soort: str = ProcesSoort.HUIDIG) -> ProcesVersie:
    versie = ProcesVersie.objects.create(
        traject=o.traject, soort=soort, naam=f"Huidig proces {soort}", aangemaakt_door=o.persoon(PA)
    )
    ProcesStap.objects.bulk_create(
        [
            ProcesStap(
                versie=versie, volgorde=1, naam="Aanvraag indienen", actor="Aanvrager", lean=Lean.WAARDE
            ),
            ProcesStap(versie=versie, volgorde=2, naam="Registreren", actor="KCC", wachttijd=Decimal(2)),
            ProcesStap(
                versie=versie,
                volgorde=3,
                naam="Aanvulling vragen",
                actor="Vergunningverlener",
                lean=Lean.VERSPILLING,
                verspilling=Verspilling.FOUTEN,
            ),
        ]
    )
    return versie


def _met_versie(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "versie_pk": _versie(o).pk})


def _twee_versies(o: Omgeving, _wie) -> Verzoek:
    _versie(o)
    _versie(o, ProcesSoort.GEWENST)
    return Verzoek({"pk": o.traject.pk})


def _nieuwe_versie(o: Omgeving, _wie) -> Verzoek:
    data = {"soort": ProcesSoort.HUIDIG, "naam": "Huidig proces", "toelichting": "", "kopie_van": ""}
    return Verzoek({"pk": o.traject.pk}, data)


def _versie_hernoemen(o: Omgeving, _wie) -> Verzoek:
    versie = _versie(o)
    return Verzoek({"pk": o.traject.pk, "versie_pk": versie.pk}, {"naam": "Huidig proces (regulier)"})


def stapgegevens(prefix: str, **anders) -> dict:
    """A valid step as the step form posts it, with the form's prefix ("nieuw" or "stap<pk>")."""
    velden = {
        "naam": "Volledigheid toetsen",
        "actor": "Vergunningverlener",
        "omschrijving": "",
        "soort": StapSoort.ACTIE,
        "kanaal": "intern",
        "bewerkingstijd": "20",
        "bewerkingstijd_eenheid": TijdEenheid.MINUTEN,
        "wachttijd": "1,5",
        "wachttijd_eenheid": TijdEenheid.DAGEN,
        "lean": Lean.NODIG,
        "verspilling": "",
        "vertakking_naar": "",
        "vertakking_label": "",
        "na": "",
        **anders,
    }
    return {f"{prefix}-{naam}": waarde for naam, waarde in velden.items()}


def _nieuwe_stap(o: Omgeving, _wie) -> Verzoek:
    versie = _versie(o)
    return Verzoek({"pk": o.traject.pk, "versie_pk": versie.pk}, stapgegevens("nieuw"))


def _stap(o: Omgeving, _wie) -> Verzoek:
    versie = _versie(o)
    stap = versie.stappen.get(volgorde=2)
    return Verzoek({"pk": o.traject.pk, "versie_pk": versie.pk, "stap_pk": stap.pk})


def _stap_wijzigen(o: Omgeving, wie) -> Verzoek:
    verzoek = _stap(o, wie)
    data = stapgegevens(f"stap{verzoek.kwargs['stap_pk']}", naam="Ontvangst registreren")
    return Verzoek(verzoek.kwargs, data)


def _stap_omlaag(o: Omgeving, wie) -> Verzoek:
    return Verzoek(_stap(o, wie).kwargs, {"richting": "omlaag"})


RIJEN: dict[str, list[Controle]] = {
    "trajecten:procesversies": [get(TOETSZICHT, _traject, zicht=TOETSZICHT)],
    "trajecten:procesversie_nieuw": [
        get(PROCES_BEWERKEN, _traject),
        post(PROCES_BEWERKEN, _nieuwe_versie),
    ],
    "trajecten:proces_vergelijken": [get(TOETSZICHT, _twee_versies, zicht=TOETSZICHT)],
    "trajecten:proces": [get(TOETSZICHT, _met_versie, zicht=TOETSZICHT)],
    "trajecten:procesversie_bewerken": [
        get(PROCES_BEWERKEN, _met_versie),
        post(PROCES_BEWERKEN, _versie_hernoemen),
    ],
    "trajecten:proces_diagram": [get(TOETSZICHT, _met_versie, zicht=TOETSZICHT)],
    "trajecten:processtap_nieuw": [
        get(PROCES_BEWERKEN, _met_versie),
        post(PROCES_BEWERKEN, _nieuwe_stap),
    ],
    "trajecten:processtap_bewerken": [
        get(PROCES_BEWERKEN, _stap),
        post(PROCES_BEWERKEN, _stap_wijzigen),
    ],
    "trajecten:processtap_verwijderen": [
        get(PROCES_BEWERKEN, _stap),
        post(PROCES_BEWERKEN, _stap),
    ],
    "trajecten:processtap_verplaatsen": [post(PROCES_BEWERKEN, _stap_omlaag)],
}
