"""Demo data: process maps (step 3a) with LEAN classification for the demo trajectories mapping their process.

Written through the services as the demo procesadviseur, backdated like the rest of the demo (see
`wasstraat.demo.data`): the omgevingsvergunning gets its current process of twelve steps over five
lanes, with a first sketch of the desired process (a copy with less waiting and waste); the
bijstandsuitkering gets its current process of nine steps. An improvement point is noted from a step,
as the method asks while mapping.

Idempotent: a trajectory that already has a process version is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from trajecten import services
from trajecten.choices import Kanaal, Lean, ProcesSoort, StapSoort, TijdEenheid, Verspilling
from trajecten.models import ProcesStap, Traject
from verbeterplan.services import verbeterpunt_vastleggen
from wasstraat.accounts.models import User

MIN, UUR, DAG = TijdEenheid.MINUTEN, TijdEenheid.UREN, TijdEenheid.DAGEN
ACTIE, BESLISSING, OVERDRACHT = StapSoort.ACTIE, StapSoort.BESLISSING, StapSoort.OVERDRACHT
WAARDE, NODIG, VERSPILLING = Lean.WAARDE, Lean.NODIG, Lean.VERSPILLING


@dataclass(frozen=True)
class S:
    """One step as the demo writes it: what, who, how, how long (value and unit) and its LEAN class."""

    naam: str
    actor: str
    soort: str
    kanaal: str
    bewerking: tuple[str, str]
    wacht: tuple[str, str]
    lean: str = NODIG
    verspilling: str = ""
    omschrijving: str = ""

    def velden(self) -> dict:
        return {
            "naam": self.naam,
            "actor": self.actor,
            "soort": self.soort,
            "kanaal": self.kanaal,
            "bewerkingstijd": Decimal(self.bewerking[0]),
            "bewerkingstijd_eenheid": self.bewerking[1],
            "wachttijd": Decimal(self.wacht[0]),
            "wachttijd_eenheid": self.wacht[1],
            "lean": self.lean,
            "verspilling": self.verspilling,
            "omschrijving": self.omschrijving,
        }


def processen_maken(gebruikers: dict[str, User]) -> list[str]:
    """Add the demo process maps to the demo trajectories that have none yet; returns their titles."""
    gemaakt = []
    for titel, bouwer in PROCESSEN.items():
        traject = Traject.objects.filter(titel=titel).first()
        if traject is None or traject.procesversies.exists():
            continue
        with transaction.atomic():
            bouwer(traject, gebruikers)
        gemaakt.append(titel)
    return gemaakt


def _kaart(traject: Traject, door: User, naam: str, toelichting: str, stappen: list[S]) -> list[ProcesStap]:
    """A current version with its steps added one by one, as the procesadviseur does on the page."""
    versie = services.procesversie_aanmaken(
        traject=traject, door=door, soort=ProcesSoort.HUIDIG, naam=naam, toelichting=toelichting
    )
    return [services.processtap_toevoegen(versie=versie, door=door, **stap.velden()) for stap in stappen]


def _vertakken(stap: ProcesStap, naar: ProcesStap, label: str, door: User) -> None:
    services.processtap_wijzigen(stap=stap, door=door, vertakking_naar=naar, vertakking_label=label)


# --- the maps -----------------------------------------------------------------------------------
# Stories laid out by hand so the texts read as texts.
# fmt: off

OMGEVINGSVERGUNNING = [
    S("Aanvraag indienen", "Aanvrager", ACTIE, Kanaal.WEBSITE, ("60", MIN), ("0", MIN), WAARDE,
      omschrijving="Via het Omgevingsloket, met tekeningen en foto's."),
    S("Aanvraag overnemen in zaaksysteem", "Vergunningverlener", ACTIE, Kanaal.INTERN,
      ("20", MIN), ("2", DAG), VERSPILLING, Verspilling.OVERBEWERKING,
      "Gegevens uit het Omgevingsloket worden met de hand overgetypt; de aanvraag ligt eerst twee dagen in "
      "de postbak."),
    S("Ontvangstbevestiging versturen", "Vergunningverlener", ACTIE, Kanaal.EMAIL, ("5", MIN), ("0", MIN)),
    S("Aanvraag compleet?", "Vergunningverlener", BESLISSING, Kanaal.INTERN, ("30", MIN), ("3", DAG),
      omschrijving="Volledigheidstoets: zijn alle stukken er en zijn ze bruikbaar?"),
    S("Aanvulling opvragen", "Vergunningverlener", ACTIE, Kanaal.EMAIL, ("15", MIN), ("0", MIN),
      VERSPILLING, Verspilling.FOUTEN, "Bij 40% van de aanvragen; de beslistermijn wordt opgeschort."),
    S("Aanvulling aanleveren", "Aanvrager", ACTIE, Kanaal.WEBSITE, ("45", MIN), ("10", DAG),
      VERSPILLING, Verspilling.WACHTEN, "De aanvrager heeft twee weken; de meesten gebruiken die helemaal."),
    S("Statusvraag doorzetten", "KCC", OVERDRACHT, Kanaal.TELEFOON, ("10", MIN), ("1", DAG),
      VERSPILLING, Verspilling.INRICHTING,
      "Aanvragers bellen gemiddeld 2,4 keer; het KCC ziet de stand niet en zet een terugbelverzoek uit."),
    S("Inhoudelijk beoordelen", "Vergunningverlener", ACTIE, Kanaal.INTERN, ("3", UUR), ("5", DAG), WAARDE,
      omschrijving="Toets aan het omgevingsplan en de bouwregels."),
    S("Welstandsadvies aanvragen", "Vergunningverlener", OVERDRACHT, Kanaal.INTERN, ("15", MIN), ("0", MIN)),
    S("Welstandsadvies uitbrengen", "Welstand", ACTIE, Kanaal.INTERN, ("1", UUR), ("10", DAG),
      omschrijving="De commissie vergadert eens per twee weken."),
    S("Juridische toets", "Jurist", ACTIE, Kanaal.INTERN, ("2", UUR), ("4", DAG),
      omschrijving="Alleen bij een afwijking van het omgevingsplan; nu standaard bij elke aanvraag."),
    S("Besluit nemen en bekendmaken", "Vergunningverlener", ACTIE, Kanaal.POST,
      ("1.5", UUR), ("2", DAG), WAARDE,
      omschrijving="Besluit per post aan de aanvrager; publicatie in het Gemeenteblad."),
]

BIJSTAND = [
    S("Aanvraag indienen", "Aanvrager", ACTIE, Kanaal.WEBSITE, ("45", MIN), ("0", MIN), WAARDE),
    S("Bewijsstukken opvragen", "Consulent intake", ACTIE, Kanaal.EMAIL, ("20", MIN), ("1", DAG),
      VERSPILLING, Verspilling.OVERBEWERKING,
      "Loonstroken en bankafschriften, ook als de gegevens in Suwinet en de BRP staan."),
    S("Bewijsstukken aanleveren", "Aanvrager", ACTIE, Kanaal.POST, ("1", UUR), ("8", DAG),
      VERSPILLING, Verspilling.WACHTEN),
    S("Stukken compleet?", "Consulent intake", BESLISSING, Kanaal.INTERN, ("30", MIN), ("2", DAG)),
    S("Ontbrekende stukken opvragen", "Consulent intake", ACTIE, Kanaal.POST, ("15", MIN), ("5", DAG),
      VERSPILLING, Verspilling.FOUTEN),
    S("Intakegesprek voeren", "Klantmanager", ACTIE, Kanaal.BALIE, ("1.5", UUR), ("7", DAG), WAARDE,
      omschrijving="Pas gepland als alle stukken binnen zijn."),
    S("Rapportage en advies", "Klantmanager", ACTIE, Kanaal.INTERN, ("2", UUR), ("3", DAG)),
    S("Recht en hoogte vaststellen", "Uitkeringsadministratie", ACTIE, Kanaal.INTERN, ("1", UUR), ("4", DAG),
      WAARDE),
    S("Beschikking versturen", "Uitkeringsadministratie", ACTIE, Kanaal.POST, ("10", MIN), ("2", DAG),
      VERSPILLING, Verspilling.TRANSPORT, "Per post, terwijl de aanvrager digitaal aanvroeg."),
]

# fmt: on


def _omgevingsvergunning(traject: Traject, g: dict[str, User]) -> None:
    """The current process as mapped from the dossiers, an improvement point and a first desired sketch."""
    from .data import _op, _tekst  # the demo's clock; imported here because data.py imports this module

    pa = g["procesadviseur"]
    with _op(-9, 10):
        stappen = _kaart(
            traject,
            pa,
            "Huidig proces reguliere procedure",
            _tekst("""
            Eerste versie op basis van twintig dossiers uit het zaaksysteem en gesprekken met Fatima en
            Jeroen. Wordt in de sessie 3a met het team aangevuld en daarna in 3b gecontroleerd.
            """),
            OMGEVINGSVERGUNNING,
        )
        _vertakken(stappen[3], stappen[7], "compleet", pa)
    with _op(-8, 14):
        verbeterpunt_vastleggen(
            traject=traject,
            door=pa,
            titel="Veelvoorkomende aanvullingen vooraf uitvragen",
            omschrijving=_tekst("""
                Bijna de helft van de aanvullingen gaat over dezelfde drie stukken (constructieberekening,
                foto's van de bestaande situatie, maatvoering). Die kunnen in het Omgevingsloket verplicht
                worden gesteld.
                """),
            processtap=stappen[4],
        )
    with _op(-3, 11):
        _gewenst_omgevingsvergunning(traject, pa, stappen)


def _gewenst_omgevingsvergunning(traject: Traject, pa: User, huidig: list[ProcesStap]) -> None:
    """A copy of the current process with the obvious waste taken out: a first sketch for step 8."""
    from .data import _tekst

    gewenst = services.procesversie_aanmaken(
        traject=traject,
        door=pa,
        soort=ProcesSoort.GEWENST,
        naam="Gewenst proces (werkhypothese)",
        toelichting=_tekst("""
            Werkhypothese voor stap 8: koppeling Omgevingsloket–zaaksysteem, een belmoment binnen vijf
            werkdagen, de stand van de aanvraag zichtbaar voor het KCC en een mandaat voor eenvoudige
            welstandsadviezen.
            """),
        kopie_van=huidig[0].versie,
    )
    stappen = {stap.naam: stap for stap in gewenst.stappen.all()}
    services.processtap_verwijderen(stap=stappen["Aanvraag overnemen in zaaksysteem"], door=pa)
    services.processtap_verwijderen(stap=stappen["Statusvraag doorzetten"], door=pa)
    services.processtap_toevoegen(
        versie=gewenst,
        door=pa,
        na=stappen["Ontvangstbevestiging versturen"],
        **S("Aanvrager bellen", "Vergunningverlener", ACTIE, Kanaal.TELEFOON, ("15", MIN), ("0", MIN),
            WAARDE, omschrijving="Binnen vijf werkdagen: uitleg over de procedure en eventuele aanvullingen.",
            ).velden(),
    )  # fmt: skip
    aanpassingen = {
        "Aanvraag compleet?": {"wachttijd": Decimal(1)},
        "Aanvulling aanleveren": {"wachttijd": Decimal(5)},
        "Welstandsadvies uitbrengen": {
            "wachttijd": Decimal(3),
            "omschrijving": "Eenvoudige plannen in mandaat.",
        },
        "Juridische toets": {"wachttijd": Decimal(2), "omschrijving": "Alleen bij een afwijking."},
    }
    for naam, velden in aanpassingen.items():
        services.processtap_wijzigen(stap=stappen[naam], door=pa, **velden)


def _bijstand(traject: Traject, g: dict[str, User]) -> None:
    """The current process of a bijstand application, mapped in the weeks after 3a started."""
    from .data import _op, _tekst

    pa = g["procesadviseur"]
    with _op(-50, 10):
        stappen = _kaart(
            traject,
            pa,
            "Huidig proces aanvraag levensonderhoud",
            _tekst("""
            In kaart gebracht met Jeroen en twee klantmanagers. De zoekperiode van vier weken voor jongeren
            staat er nog niet in; die volgt na de tweede startsessie.
            """),
            BIJSTAND,
        )
        _vertakken(stappen[3], stappen[5], "compleet", pa)


#: The demo trajectories (by title, as in `wasstraat.demo.data.TRAJECTEN`) that get process maps.
PROCESSEN: dict[str, Callable[[Traject, dict[str, User]], None]] = {
    "Omgevingsvergunning: sneller en voorspelbaar besluiten": _omgevingsvergunning,
    "Bijstandsuitkering: sneller zekerheid over inkomen": _bijstand,
}
