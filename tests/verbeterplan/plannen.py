"""A complete improvement plan for the PDF tests and the benchmark, written directly with the factories.

    volledig_plan(traject, acties=50)

KPI's with measurements, a current and a desired process version, a journey with both curves, a 6P
assessment, and `acties` actions (quick wins, long term and some not yet classified; estimates, cost,
departments, owners, KPI effects, one to three points each), plus rejected and open points.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from klantreis.choices import Kanaal, Reis
from serviceformules.choices import Oordeel, P
from tests.bpmn.factories import ProcesVersieFactory, groot_proces
from tests.factories import AfdelingFactory, VerbeterpuntFactory
from tests.klantreis.factories import ContactmomentFactory, FaseFactory, KlantreisFactory
from tests.kpi.factories import KpiFactory, KpiMetingFactory
from tests.serviceformules.factories import FormulekeuzeFactory, PBeoordelingFactory, ServiceformuleFactory
from tests.verbeterplan.factories import VerbeteractieFactory, besloten
from trajecten.choices import KpiRichting, ProcesSoort, Rol
from trajecten.models import Traject
from verbeterplan.choices import Termijn
from verbeterplan.models import ActieKpi, Verbeteractie

# fmt: off
#: Titles and descriptions of realistic actions; a plan of more takes them round again, numbered.
ACTIES = (
    ("Eén digitaal aanvraagformulier met uitleg per vraag",
     "Het papieren formulier en het webformulier worden één formulier dat alleen vraagt wat nodig is en "
     "per vraag uitlegt waarom. Bijlagen kunnen direct worden geüpload."),
    ("Gegevens zelf ophalen uit de basisregistraties",
     "De behandelaar raadpleegt BRP, BAG en Suwinet in plaats van de aanvrager om kopieën te vragen."),
    ("Ontvangstbevestiging met de verwachte beslisdatum",
     "Binnen een werkdag krijgt de aanvrager een bevestiging met wat er nu gebeurt, wie zijn contactpersoon "
     "is en wanneer hij uiterlijk een besluit heeft."),
    ("Volledigheidstoets op de dag van ontvangst",
     "Een vaste medewerker toetst nieuwe aanvragen dezelfde dag op volledigheid en belt de aanvrager "
     "als er iets ontbreekt, in plaats van een brief te sturen."),
    ("Vaste contactpersoon per aanvraag",
     "Iedere aanvraag krijgt één contactpersoon die van begin tot besluit bereikbaar is."),
    ("Standaardbesluiten voor eenvoudige aanvragen",
     "Voor de meest voorkomende, eenvoudige aanvragen komen standaardbesluiten met vaste tekstblokken, "
     "zodat de behandelaar niet elke keer een besluit hoeft op te stellen. Juridische zaken toetst de "
     "teksten eenmalig; daarna volstaat een steekproef per kwartaal."),
    ("Wachtrij zichtbaar maken op het teambord",
     "Het team ziet dagelijks hoeveel aanvragen wachten en hoe lang; bij meer dan tien dagen wordt "
     "bijgestuurd."),
    ("Koppeling zaaksysteem met het klantcontactsysteem",
     "Het KCC ziet de status van een aanvraag en kan vragen meteen beantwoorden, zonder door te "
     "verbinden naar de backoffice."),
    ("Taal van brieven op B1-niveau",
     "Alle brieven en het besluit worden herschreven op taalniveau B1 en getest met inwoners."),
    ("Overdracht tussen intake en behandeling schrappen",
     "Wie de aanvraag intakt, behandelt haar ook: de overdracht en het opnieuw lezen van het dossier "
     "vervallen."),
    ("Digitaal dossier in plaats van papieren map",
     "Alle stukken komen in het zaaksysteem; de papieren map en het scannen achteraf vervallen."),
    ("Evaluatie met aanvragers na het besluit",
     "Elk kwartaal een korte enquête onder aanvragers, besproken in het teamoverleg."),
)
# fmt: on

TERMIJNEN = (Termijn.QUICK_WIN, Termijn.LANGE_TERMIJN, Termijn.QUICK_WIN, Termijn.LANGE_TERMIJN, "")
SCHATTINGEN = ((5, 1), (4, 2), (5, 4), (3, 3), (2, 1), (4, 5), (1, 4), (3, 2), (5, 3), (2, 5), (None, None))
AFDELINGEN = ("Vergunningen", "Klantcontactcentrum", "Informatievoorziening", "Juridische Zaken")
FASEN = (
    ("Oriënteren", (0, 1)),
    ("Aanvragen", (-1, 1)),
    ("Wachten op besluit", (-2, 0)),
    ("Besluit ontvangen", (1, 2)),
    ("Na het besluit", (-1, 1)),
)


def _kpis(traject: Traject) -> list:
    vandaag = timezone.localdate()
    doorlooptijd = KpiFactory(traject=traject, naam="Doorlooptijd aanvraag tot besluit")
    tevredenheid = KpiFactory(
        traject=traject,
        naam="Klanttevredenheid",
        definitie="Gemiddeld rapportcijfer van aanvragers in de enquête na het besluit.",
        eenheid="rapportcijfer",
        richting=KpiRichting.HOGER_IS_BETER,
        nulmeting=Decimal("6.1"),
        streefwaarde=Decimal("7.5"),
        streefdatum=vandaag + dt.timedelta(days=300),
    )
    volledig = KpiFactory(
        traject=traject,
        naam="Aanvragen in één keer volledig",
        definitie="Aandeel aanvragen waarvoor geen stukken hoeven te worden nagevraagd.",
        eenheid="%",
        richting=KpiRichting.HOGER_IS_BETER,
        nulmeting=Decimal("38"),
        streefwaarde=Decimal("80"),
    )
    for dagen, waarde in ((90, "52"), (60, "47"), (30, "44")):
        KpiMetingFactory(kpi=doorlooptijd, datum=vandaag - dt.timedelta(days=dagen), waarde=Decimal(waarde))
    KpiMetingFactory(kpi=tevredenheid, datum=vandaag - dt.timedelta(days=20), waarde=Decimal("6.4"))
    return [doorlooptijd, tevredenheid, volledig]


def _processen(traject: Traject) -> None:
    groot_proces(ProcesVersieFactory(traject=traject, naam="Huidig proces aanvraag"), 12, banen=4)
    gewenst = ProcesVersieFactory(traject=traject, soort=ProcesSoort.GEWENST, naam="Gewenst proces aanvraag")
    groot_proces(gewenst, 7, banen=3)


def _klantreis(traject: Traject) -> None:
    reis = KlantreisFactory(traject=traject, persona_naam="Inwoner die voor het eerst aanvraagt")
    for volgorde, (naam, (huidig, gewenst)) in enumerate(FASEN):
        fase = FaseFactory(
            klantreis=reis, naam=naam, volgorde=volgorde, huidige_waarde="12", streefwaarde="5"
        )
        ContactmomentFactory(fase=fase, beleving=huidig, kanaal=Kanaal.WEBSITE, titel=f"{naam}: nu")
        ContactmomentFactory(fase=fase, reis=Reis.GEWENST, beleving=gewenst, titel=f"{naam}: gewenst")
    fase = reis.fasen.get(naam="Wachten op besluit")
    ContactmomentFactory(fase=fase, beleving=-2, moment_van_waarheid=True, titel="Hoort weken niets")


def _zes_p(traject: Traject) -> None:
    formule = ServiceformuleFactory(naam="Flitsformule")
    FormulekeuzeFactory(traject=traject, formule=formule)
    oordelen = itertools.cycle((Oordeel.KOMT_OVEREEN, Oordeel.WIJKT_DEELS_AF, Oordeel.WIJKT_AF))
    for p, oordeel in zip(P, oordelen, strict=False):
        PBeoordelingFactory(
            traject=traject,
            formule=formule,
            p=p,
            oordeel=oordeel,
            toelichting=f"{p.label}: het huidige proces is op dit punt beoordeeld in sessie 5.",
        )


def _acties(traject: Traject, aantal: int, kpis: list) -> list[Verbeteractie]:
    afdelingen = [AfdelingFactory(naam=naam) for naam in AFDELINGEN]
    eigenaren = [
        lid.gebruiker for lid in traject.teamleden.filter(rol__in=[Rol.PROCESEIGENAAR, Rol.TEAMMANAGER])
    ]
    eigenaren = eigenaren or [traject.aangemaakt_door]
    lijst = []
    for i in range(aantal):
        titel, omschrijving = ACTIES[i % len(ACTIES)]
        ronde = i // len(ACTIES)
        impact, inspanning = SCHATTINGEN[i % len(SCHATTINGEN)]
        actie = VerbeteractieFactory(
            traject=traject,
            titel=f"{titel} ({ronde + 1})" if ronde else titel,
            omschrijving=omschrijving,
            termijn=TERMIJNEN[i % len(TERMIJNEN)],
            impact=impact,
            inspanning=inspanning,
            kosten_eenmalig=Decimal(2500 * (i % 4)) if i % 3 else None,
            kosten_jaarlijks=Decimal("1200.50") if i % 5 == 1 else None,
            voorgestelde_eigenaar=eigenaren[i % len(eigenaren)] if i % 6 else None,
            wijzigt_gewenst_proces=i % 4 == 0,
        )
        actie.afdelingen.add(*afdelingen[i % 3 : i % 3 + 1 + i % 2])
        ActieKpi.objects.create(actie=actie, kpi=kpis[i % len(kpis)], verwacht_effect="Van 56 naar 30 dagen")
        for n in range(1 + i % 3):
            besloten(
                VerbeterpuntFactory(traject=traject, titel=f"Punt {i + 1}.{n + 1}: {titel.lower()}"), actie
            )
        lijst.append(actie)
    return lijst


def volledig_plan(traject: Traject, *, acties: int) -> list[Verbeteractie]:
    """Fill `traject` (with its team) with everything the verbeterplan PDF shows; returns the actions."""
    kpis = _kpis(traject)
    _processen(traject)
    _klantreis(traject)
    _zes_p(traject)
    lijst = _acties(traject, acties, kpis)
    besloten(
        VerbeterpuntFactory(traject=traject, titel="Parkeren bij het stadhuis"), reden="Buiten de scope."
    )
    VerbeterpuntFactory(traject=traject, titel="Openingstijden balie op zaterdag")
    return lijst
