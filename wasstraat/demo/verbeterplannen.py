"""Demo data of step 6: the Bijstand trajectory's improvement plan in draft, written through the services.

The team has decided on most of its improvement points: three became actions (one with a second point
merged into it), one was rejected with its reason, and one point noted later is still open, so the
plan page shows both what became of the points and what step 6 still needs. Step 6 itself is not
started: Bijstand has no KPI's yet (step 2) and its journey is still in progress (step 4); the plan is
prepared ahead, which the services allow while step 6 is not completed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from serviceformules.choices import P
from trajecten.models import Traject
from verbeterplan import services
from verbeterplan.choices import Termijn
from verbeterplan.models import Verbeterpunt
from wasstraat.accounts.models import Afdeling, User


@dataclass(frozen=True)
class DemoActie:
    """An action made of the point `punt` (its title, or the P whose deviation it is: that title is in
    the language the demo was loaded in), with its fields; `samenvoegen` are further points."""

    punt: str
    titel: str
    omschrijving: str
    termijn: str
    impact: int
    inspanning: int
    afdelingen: tuple[str, ...]
    eigenaar: str
    kosten_eenmalig: str | None = None
    kosten_jaarlijks: str | None = None
    wijzigt_gewenst_proces: bool = False
    door: str = "projectleider"
    samenvoegen: tuple[str, ...] = ()


BIJSTAND = "Bijstandsuitkering: sneller zekerheid over inkomen"

# fmt: off
#: Points noted in the plan session itself (before the decisions), by whom.
NIEUWE_PUNTEN: tuple[tuple[str, str, str], ...] = (
    ("procesadviseur", "Bewijsstukken digitaal laten uploaden",
     "Stukken komen nu per post of via de balie en worden na elke zending opnieuw beoordeeld."),
    ("klantreiscoach", "Website noemt de mogelijkheid van een voorschot niet",
     "Uit de 6P-beoordeling (promotie) en de interviews: aanvragers weten niet dat een voorschot kan."),
)

ACTIES: tuple[DemoActie, ...] = (
    DemoActie(
        punt="Suwinet raadplegen in plaats van loonstroken opvragen",
        titel="Gegevens zelf ophalen via Suwinet",
        omschrijving="De consulent raadpleegt loon, uitkeringen en inschrijving in Suwinet; de aanvrager "
                     "levert alleen nog aan wat daar niet in staat, en dat kan digitaal.",
        termijn=Termijn.QUICK_WIN, impact=4, inspanning=2,
        afdelingen=("Sociaal Domein", "Informatievoorziening"), eigenaar="proceseigenaar",
        kosten_eenmalig="2500", samenvoegen=("Bewijsstukken digitaal laten uploaden",),
    ),
    DemoActie(
        punt=P.PROCES,
        titel="Intakegesprek binnen vijf werkdagen, vóór de stukken compleet zijn",
        omschrijving="Het gesprek wordt gepland bij de aanvraag; samen met de aanvrager wordt een plan "
                     "gemaakt en afgesproken welke stukken nog nodig zijn.",
        termijn=Termijn.LANGE_TERMIJN, impact=5, inspanning=4,
        afdelingen=("Sociaal Domein",), eigenaar="proceseigenaar",
        kosten_eenmalig="15000", wijzigt_gewenst_proces=True, door="procesadviseur",
    ),
    DemoActie(
        punt=P.PERSONEEL,
        titel="Eén vaste klantmanager per aanvraag",
        omschrijving="Eén klantmanager houdt de regie van aanvraag tot besluit en is direct bereikbaar.",
        termijn=Termijn.LANGE_TERMIJN, impact=5, inspanning=3,
        afdelingen=("Sociaal Domein", "Klantcontactcentrum"), eigenaar="proceseigenaar",
        kosten_jaarlijks="8000", wijzigt_gewenst_proces=True, door="proceseigenaar",
    ),
)

AFGEWEZEN: dict[str, str] = {
    "Jongeren begeleiden tijdens de zoekperiode":
        "Hoort bij het traject van het Jongerenloket, dat de zoekperiode al herziet; daar doorgegeven.",
}
# fmt: on


def verbeterplannen_maken(gebruikers: dict[str, User]) -> list[str]:
    """Draft the Bijstand plan (skipped once it has actions); returns the titles that got one."""
    traject = Traject.objects.filter(titel=BIJSTAND).first()
    if traject is None or traject.verbeteracties.exists() or not traject.verbeterpunten.exists():
        return []
    with transaction.atomic():
        _opstellen(traject, gebruikers)
    return [BIJSTAND]


def _punt(traject: Traject, sleutel: str) -> Verbeterpunt:
    if sleutel in P.values:
        return Verbeterpunt.objects.get(traject=traject, p_beoordeling__p=sleutel)
    return Verbeterpunt.objects.get(traject=traject, titel=sleutel)


def _opstellen(traject: Traject, g: dict[str, User]) -> None:
    from .data import _op  # the demo's clock; data.py calls this module, so import it here

    with _op(-37, 10):
        for door, titel, omschrijving in NIEUWE_PUNTEN:
            services.verbeterpunt_vastleggen(
                traject=traject, door=g[door], titel=titel, omschrijving=omschrijving
            )
    team = set(traject.teamleden.values_list("gebruiker__username", flat=True))
    for nummer, demo in enumerate(ACTIES):
        with _op(-36, 10 + nummer):
            door = g[demo.door]
            actie = services.verbeterpunt_overnemen(
                punt=_punt(traject, demo.punt), door=door, titel=demo.titel
            )
            services.verbeteractie_wijzigen(
                actie=actie,
                door=door,
                titel=demo.titel,
                omschrijving=demo.omschrijving,
                termijn=demo.termijn,
                impact=demo.impact,
                inspanning=demo.inspanning,
                kosten_eenmalig=Decimal(demo.kosten_eenmalig) if demo.kosten_eenmalig else None,
                kosten_jaarlijks=Decimal(demo.kosten_jaarlijks) if demo.kosten_jaarlijks else None,
                afdelingen=list(Afdeling.objects.filter(naam__in=demo.afdelingen)),
                voorgestelde_eigenaar=g[demo.eigenaar] if demo.eigenaar in team else None,
                wijzigt_gewenst_proces=demo.wijzigt_gewenst_proces,
            )
            for titel in demo.samenvoegen:
                services.verbeterpunt_samenvoegen(punt=_punt(traject, titel), actie=actie, door=door)
    with _op(-36, 15):
        for titel, reden in AFGEWEZEN.items():
            services.verbeterpunt_afwijzen(punt=_punt(traject, titel), door=g["projectleider"], reden=reden)
    with _op(-35, 9):  # the team wants to tackle the lead time first
        tweede = traject.verbeteracties.get(volgorde=2)
        services.verbeteractie_verplaatsen(actie=tweede, door=g["projectleider"], richting=services.OP)
