"""Demo data of step 2: realistic KPI's with monthly measurements for the demo trajectories.

Written through the services, as the demo users whose role may do it, under the backdating clock of
`wasstraat.demo.data` (offsets in working days from today), so the timeline shows who defined, approved,
changed and measured what. Only the omgevingsvergunning has step 2 running: its KPI's are approved
by the proceseigenaar, one is changed afterwards with a reason, and one is added later and still
awaits approval. Two trajectories that have not reached step 2 have draft KPI's.

Idempotent: a trajectory that already has KPI's (or does not exist) is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from trajecten import services
from trajecten.choices import KpiRichting, Meetfrequentie
from trajecten.models import Kpi, Traject
from wasstraat.accounts.models import User

LAGER = KpiRichting.LAGER_IS_BETER
HOGER = KpiRichting.HOGER_IS_BETER

#: Working days between two monthly measurements.
MAAND = 21


@dataclass(frozen=True)
class DemoKpi:
    """One KPI of a demo trajectory, with the measurements after its baseline (oldest first)."""

    naam: str
    definitie: str
    eenheid: str
    richting: KpiRichting
    nulmeting: str
    streefwaarde: str
    bron: str
    metingen: tuple[str, ...] = ()
    meetfrequentie: Meetfrequentie = Meetfrequentie.MAANDELIJKS
    met_streefdatum: bool = True

    @property
    def interval(self) -> int:
        return 3 * MAAND if self.meetfrequentie == Meetfrequentie.KWARTAAL else MAAND


@dataclass(frozen=True)
class DemoPlan:
    """Who defines the KPI's of a trajectory and when; whether and when the proceseigenaar approves."""

    door: str
    dag: int  # defined on this working day (negative: in the past)
    kpis: tuple[DemoKpi, ...]
    goedkeuren: int | None = None  # approved on this working day
    nulmeting: int = -130  # the baseline was measured on this working day


# fmt: off
OMGEVINGSVERGUNNING = DemoPlan("teammanager", -46, goedkeuren=-40, kpis=(
    DemoKpi(
        "Doorlooptijd reguliere aanvraag omgevingsvergunning",
        "Het gemiddelde aantal kalenderdagen tussen de ontvangst van de aanvraag in het Omgevingsloket en "
        "de verzending van het besluit, over alle reguliere aanvragen (bouwen en verbouwen) die in de "
        "maand zijn afgehandeld.",
        "dagen", LAGER, "56", "28",
        "Zaaksysteem: maandrapportage afgehandelde zaken omgevingsvergunning",
        metingen=("57", "55", "58", "54", "51", "49"),
    ),
    DemoKpi(
        "Percentage besluiten binnen de wettelijke termijn",
        "Het aantal reguliere aanvragen waarop binnen acht weken is besloten, zonder verlenging van de "
        "beslistermijn, gedeeld door alle reguliere aanvragen die in de maand zijn afgehandeld, maal 100.",
        "%", HOGER, "71", "95",
        "Zaaksysteem: afgehandelde zaken met hun uiterste beslisdatum",
        metingen=("70", "73", "72", "76", "79", "81"),
    ),
    DemoKpi(
        "Klanttevredenheid aanvragers",
        "Het gemiddelde rapportcijfer (1 tot en met 10) dat aanvragers geven op de vraag \"Welk cijfer "
        "geeft u de gemeente voor de afhandeling van uw aanvraag?\" in de enquête na het besluit; alleen "
        "kwartalen met minstens 30 reacties.",
        "rapportcijfer", HOGER, "6.4", "7.5",
        "Klanttevredenheidsonderzoek (KTO) via de enquêtetool",
        metingen=("6.3", "6.7"), meetfrequentie=Meetfrequentie.KWARTAAL,
    ),
))

#: Added by the projectleider after the approval: it waits for the proceseigenaar.
STATUSVRAGEN = DemoKpi(
    "Statusvragen bij het KCC per aanvraag",
    "Het gemiddelde aantal keren dat een aanvrager het Klantcontactcentrum belt of mailt over de stand "
    "van zijn aanvraag, van de indiening tot het besluit.",
    "contactmomenten", LAGER, "2.4", "1.2",
    "Klantcontactsysteem van het KCC, contacten gekoppeld aan het zaaknummer",
    metingen=("2.5", "2.3"),
)

PARKEERVERGUNNING = DemoPlan("projectleider", -8, nulmeting=-30, kpis=(
    DemoKpi(
        "Percentage online aangevraagde parkeervergunningen",
        "Het aantal aanvragen, kentekenwijzigingen en opzeggingen dat online met DigiD is gedaan, gedeeld "
        "door alle aanvragen, wijzigingen en opzeggingen in de maand, maal 100.",
        "%", HOGER, "35", "90",
        "Parkeervergunningensysteem: mutaties per kanaal",
        metingen=("37",),
    ),
    DemoKpi(
        "Doorlooptijd tot een actieve vergunning",
        "Het gemiddelde aantal werkdagen tussen de aanvraag en het moment waarop de vergunning actief is "
        "in het parkeersysteem.",
        "werkdagen", LAGER, "9", "1",
        "Parkeervergunningensysteem: datum aanvraag en datum activering",
    ),
))

OPENBARE_RUIMTE = DemoPlan("procesadviseur", -12, nulmeting=-50, kpis=(
    DemoKpi(
        "Melders met terugkoppeling binnen vijf werkdagen",
        "Het aantal meldingen waarop de melder binnen vijf werkdagen een inhoudelijke terugkoppeling kreeg, "
        "gedeeld door alle meldingen in de maand, maal 100.",
        "%", HOGER, "38", "90",
        "Meldingensysteem openbare ruimte (beide systemen samengevoegd)",
        metingen=("41", "39"),
    ),
    DemoKpi(
        "Percentage dubbele meldingen",
        "Het aantal meldingen over een probleem dat al eerder gemeld en nog niet opgelost was, gedeeld door "
        "alle meldingen in de maand, maal 100.",
        "%", LAGER, "30", "15",
        "Meldingensysteem openbare ruimte: meldingen gekoppeld als dubbel",
        metingen=("31",),
    ),
))

#: The demo trajectories (by title, see `wasstraat.demo.data.TRAJECTEN`) and their KPI's.
PLANNEN: dict[str, DemoPlan] = {
    "Omgevingsvergunning: sneller en voorspelbaar besluiten": OMGEVINGSVERGUNNING,
    "Parkeervergunning bewoners: volledig digitaal regelen": PARKEERVERGUNNING,
    "Melding openbare ruimte: terugkoppeling binnen vijf werkdagen": OPENBARE_RUIMTE,
}
# fmt: on


def kpis_maken(gebruikers: dict[str, User]) -> list[str]:
    """Give the demo trajectories their KPI's; returns the titles of the trajectories that got them."""
    gedaan = []
    for titel, plan in PLANNEN.items():
        traject = Traject.objects.filter(titel=titel).first()
        if traject is None or traject.kpis.exists():
            continue
        with transaction.atomic():
            _plan_uitvoeren(traject, plan, gebruikers)
            if plan is OMGEVINGSVERGUNNING:
                _na_de_goedkeuring(traject, gebruikers)
        gedaan.append(titel)
    return gedaan


def _plan_uitvoeren(traject: Traject, plan: DemoPlan, g: dict[str, User]) -> None:
    from .data import _op  # the demo's clock; data.py calls this module, so import it here

    for nummer, demo in enumerate(plan.kpis):
        with _op(plan.dag, 10, nummer * 5):
            kpi = _kpi_aanmaken(traject, demo, g[plan.door], plan.nulmeting)
        _metingen(kpi, demo, g[plan.door], plan.nulmeting, ingevoerd_vanaf=plan.dag)
    if plan.goedkeuren is not None:
        with _op(plan.goedkeuren, 11):
            services.kpis_goedkeuren(traject=traject, door=g["proceseigenaar"])


def _kpi_aanmaken(traject: Traject, demo: DemoKpi, door: User, nulmeting: int) -> Kpi:
    from .data import _moment

    return services.kpi_aanmaken(
        traject=traject,
        door=door,
        naam=demo.naam,
        definitie=demo.definitie,
        eenheid=demo.eenheid,
        richting=demo.richting,
        nulmeting=Decimal(demo.nulmeting),
        nulmeting_datum=_moment(nulmeting).date(),
        streefwaarde=Decimal(demo.streefwaarde),
        streefdatum=traject.einddatum if demo.met_streefdatum else None,
        meetfrequentie=demo.meetfrequentie,
        bron=demo.bron,
    )


def _metingen(kpi: Kpi, demo: DemoKpi, door: User, nulmeting: int, *, ingevoerd_vanaf: int) -> None:
    """One measurement per period after the baseline. Those from before the KPI existed are entered
    when it is defined (taken from the records); later ones a working day after their date."""
    from .data import _moment, _op

    for nummer, waarde in enumerate(demo.metingen, start=1):
        dag = nulmeting + nummer * demo.interval
        if dag >= 0:
            break
        with _op(max(ingevoerd_vanaf, min(dag + 1, -1)), 15, nummer):
            services.meting_vastleggen(
                kpi=kpi,
                door=door,
                datum=_moment(dag).date(),
                waarde=Decimal(waarde),
                toelichting="Overgenomen uit de rapportage." if dag < ingevoerd_vanaf else "",
            )


def _na_de_goedkeuring(traject: Traject, g: dict[str, User]) -> None:
    """A change after the approval (with its reason, kept in the timeline) and a KPI added later."""
    from .data import _op

    doorlooptijd = traject.kpis.get(naam__startswith="Doorlooptijd")
    with _op(-30, 14):
        services.kpi_wijzigen(
            kpi=doorlooptijd,
            door=g["teammanager"],
            definitie=doorlooptijd.definitie
            + " Dagen waarin de termijn is opgeschort voor aanvullende gegevens tellen mee.",
            reden="In het teamoverleg bleek dat niet iedereen de opschortingsdagen meetelde. De definitie "
            "zegt het nu expliciet; de nulmeting was al zo berekend en blijft vergelijkbaar.",
        )
    with _op(-10, 9):
        kpi = _kpi_aanmaken(traject, STATUSVRAGEN, g["projectleider"], -50)
    _metingen(kpi, STATUSVRAGEN, g["projectleider"], -50, ingevoerd_vanaf=-10)
