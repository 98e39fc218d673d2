"""Demo data of step 5: every demo product gets its serviceformule, and the bijstand its 6P assessment.

The formules of the products are master data, given by the demo functioneel beheerder through
`product_formule_zetten` (only to products that have none, so a formule chosen since stays). Inside a
trajectory everything goes through the step-5 services as the demo users whose role may do it, backdated
with the clock of `wasstraat.demo.data` (offsets in working days from today).

Step 5 needs step 3 done. Of the demo trajectories only the bijstand gets there (3a and 3b are completed
in `wasstraat.demo.controles` once colleagues checked the map): the projectleider starts step 5, chooses
the product's Wegwijsformule, the team assesses the six P's in a 6P session (two match, two partly
deviate, two deviate), the two deviations become improvement points, and the projectleider completes
the step.

Idempotent: a product with a formule keeps it; a trajectory with a chosen formule, or whose step 3 is not
done, is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from serviceformules.choices import Oordeel, P
from serviceformules.models import Formulekeuze, Product, Serviceformule
from serviceformules.services import formule_kiezen, p_beoordelen, product_formule_zetten
from trajecten import services
from trajecten.choices import SessieSoort, Stap, StapStatusKeuze
from trajecten.models import Traject
from verbeterplan.services import afwijking_naar_verbeterpunt
from wasstraat.accounts.models import User

#: The formule of every demo product (`wasstraat.demo.data.PRODUCTEN`), from the national catalogue.
FORMULES: dict[str, str] = {
    "Aanvraag omgevingsvergunning": "Wegwijsformule",
    "Parkeervergunning bewoners": "Flitsformule",
    "Verhuizing doorgeven": "Flitsformule",
    "Paspoort en ID-kaart": "Flitsformule",
    "Bijstandsuitkering aanvragen": "Wegwijsformule",
    "Melding openbare ruimte": "Beheerformule",
    "Kwijtschelding gemeentelijke belastingen": "Flitsformule",
    "Evenementenvergunning": "Wegwijsformule",
    "Huwelijk of geregistreerd partnerschap": "Flitsformule",
    "Uittreksel BRP": "Flitsformule",
    "Gehandicaptenparkeerkaart": "Wegwijsformule",
    "Bezwaar WOZ-waarde": "Toezichtformule",
}

KOMT_OVEREEN, DEELS, WIJKT_AF = Oordeel.KOMT_OVEREEN, Oordeel.WIJKT_DEELS_AF, Oordeel.WIJKT_AF


@dataclass(frozen=True)
class Beoordeling:
    """The verdict on one P, who recorded it, and its explanation."""

    door: str
    oordeel: Oordeel
    toelichting: str


@dataclass(frozen=True)
class DemoZesP:
    """A 6P assessment and the working days on which it happened."""

    toelichting: str  # why the product's formule fits
    start: int  # step 5 started, formule chosen, session planned
    sessie: tuple[str, int, str]  # title, working day, participants
    sessie_notities: str
    beoordelingen: dict[P, Beoordeling]
    verbeterpunten: tuple[P, ...]  # deviations turned into improvement points, the day after the session
    afronden: int | None = None  # the projectleider completes step 5


# fmt: off
BIJSTAND = DemoZesP(
    """
    Een aanvraag levensonderhoud raakt bijna altijd ook werk, schulden of zorg. Aanvragers hebben baat
    bij één contactpersoon en advies op maat: dat is de Wegwijsformule, de formule die het product in de
    catalogus heeft.
    """,
    start=-44,
    sessie=("6P-sessie: de bijstandsaanvraag langs de Wegwijsformule", -41,
            "projectleider proceseigenaar procesadviseur klantreiscoach medewerker2"),
    sessie_notities="""
        Per P de belofte en de interne afspraak van de Wegwijsformule naast de gecontroleerde proceskaart
        en de eerste inzichten uit de klantreis gelegd.

        Conclusies:
        - Prijs en promotie komen overeen met de formule.
        - Product en plaats wijken deels af: de aanvraag staat los van schulden en zorg, en stukken gaan
          nog per post.
        - Personeel en proces wijken af: drie wisselende contactpersonen, en het intakegesprek pas als alle
          stukken binnen zijn. Beide worden een verbeterpunt.
        """,
    beoordelingen={
        P.PRODUCT: Beoordeling("projectleider", DEELS, """
            De aanvraag levensonderhoud wordt als los product behandeld. Schulden en zorg komen pas in het
            intakegesprek ter sprake, en wie schuldhulp nodig heeft, moet zich daar zelf opnieuw aanmelden.
            Binnen Werk en Inkomen wordt wel naar de hele situatie gekeken.
            """),
        P.PRIJS: Beoordeling("projectleider", KOMT_OVEREEN, """
            Een aanvraag kost niets. De klantmanager geeft in het intakegesprek een overzicht van wat de
            aanvrager kan verwachten: de hoogte van de uitkering, de kostendelersnorm en de verrekening van
            een voorschot.
            """),
        P.PLAATS: Beoordeling("klantreiscoach", DEELS, """
            Aanvragen kan online, maar bewijsstukken gaan nog per post of via de balie (proceskaart: stap
            "Bewijsstukken aanleveren"). Het gesprek is altijd op het stadskantoor; een huisbezoek komt
            alleen voor als controle, niet als keuze van de aanvrager.
            """),
        P.PERSONEEL: Beoordeling("proceseigenaar", WIJKT_AF, """
            Tot het besluit heeft de aanvrager met drie mensen te maken: de consulent intake, de
            klantmanager en de uitkeringsadministratie (drie zwembanen in de proceskaart). Niemand houdt de
            regie, en wie belt, krijgt het KCC. In de interviews moesten aanvragers hun verhaal steeds
            opnieuw doen.
            """),
        P.PROCES: Beoordeling("projectleider", WIJKT_AF, """
            Er is geen gezamenlijk plan met de aanvrager. Het intakegesprek wordt pas gepland als alle
            stukken binnen zijn, ontbrekende stukken worden per post opgevraagd en het dossier wordt na elke
            zending opnieuw beoordeeld. De doorlooptijd is gemiddeld 6,5 week.
            """),
        P.PROMOTIE: Beoordeling("klantreiscoach", KOMT_OVEREEN, """
            De ingangen zijn bekend: de website, het Jongerenloket en de ketenpartners verwijzen goed door,
            zo bleek ook uit de interviews. Aandachtspunt voor de klantreis: de website noemt de mogelijkheid
            van een voorschot niet.
            """),
    },
    verbeterpunten=(P.PERSONEEL, P.PROCES),
    afronden=-39,
)
# fmt: on

#: The demo trajectories (by title, see `wasstraat.demo.data.TRAJECTEN`) with a 6P assessment.
ZES_P: dict[str, DemoZesP] = {
    "Bijstandsuitkering: sneller zekerheid over inkomen": BIJSTAND,
}


def zes_p_maken(gebruikers: dict[str, User]) -> list[str]:
    """Give the products their formule and the demo trajectories past step 3 their 6P assessment;
    returns the titles of the trajectories that got one."""
    formules_toekennen(gebruikers["beheerder"])
    gedaan = []
    for titel, demo in ZES_P.items():
        traject = Traject.objects.filter(titel=titel).first()
        if traject is None or not _stap_3_klaar(traject) or _formule_gekozen(traject):
            continue
        with transaction.atomic():
            _beoordelen(traject, demo, gebruikers)
        gedaan.append(titel)
    return gedaan


@transaction.atomic
def formules_toekennen(beheerder: User) -> None:
    """Every demo product without a formule gets the one of `FORMULES` (when it is in the catalogue)."""
    catalogus = Serviceformule.objects.filter(naam__in=set(FORMULES.values()), actief=True)
    formules = {formule.naam: formule for formule in catalogus}
    for product in Product.objects.filter(naam__in=FORMULES, serviceformule__isnull=True):
        formule = formules.get(FORMULES[product.naam])
        if formule is not None:
            product_formule_zetten(product=product, formule=formule, door=beheerder)


def _formule_gekozen(traject: Traject) -> bool:
    return Formulekeuze.objects.filter(traject=traject).exists()


def _stap_3_klaar(traject: Traject) -> bool:
    statussen = dict(traject.stappen.filter(stap__in=[Stap.S3A, Stap.S3B]).values_list("stap", "status"))
    return len(statussen) == 2 and all(StapStatusKeuze(s).is_klaar for s in statussen.values())


def _beoordelen(traject: Traject, demo: DemoZesP, g: dict[str, User]) -> None:
    from .data import STADSKANTOOR, _moment, _op, _tekst  # data.py imports this module

    pl = g["projectleider"]
    product = traject.product
    formule = product.serviceformule or Serviceformule.objects.get(naam=FORMULES[product.naam])
    titel, dag, aanwezigen = demo.sessie
    with _op(demo.start, 9):
        services.stap_starten(traject=traject, stap=Stap.S5, door=pl)
        formule_kiezen(traject=traject, door=pl, formule=formule, toelichting=_tekst(demo.toelichting))
        sessie = services.sessie_plannen(
            traject=traject,
            door=pl,
            soort=SessieSoort.SERVICEFORMULE,
            titel=titel,
            begint_op=_moment(dag, 10),
            eindigt_op=_moment(dag, 12),
            locatie=STADSKANTOOR,
            online_link="",
            notities="",
            aanwezigen=[g[naam] for naam in aanwezigen.split()],
        )
    with _op(dag, 11):
        for p, beoordeling in demo.beoordelingen.items():
            p_beoordelen(
                traject=traject,
                door=g[beoordeling.door],
                p=p,
                oordeel=beoordeling.oordeel,
                toelichting=_tekst(beoordeling.toelichting),
            )
    with _op(dag, 14):
        services.sessie_wijzigen(sessie=sessie, door=pl, notities=_tekst(demo.sessie_notities))
    with _op(dag + 1, 10):
        for p in demo.verbeterpunten:
            afwijking_naar_verbeterpunt(traject=traject, door=pl, p=p)
    if demo.afronden is not None:
        with _op(demo.afronden, 16):
            services.stap_afronden(traject=traject, stap=Stap.S5, door=pl)
