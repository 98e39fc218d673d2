"""Demo data for step 3b: colleagues checking the map of the current process.

Runs after the process maps are loaded (`wasstraat.demo.processen`), through the 3b services as the
demo users. For the omgevingsvergunning the check is under way: the two medewerkers and the
proceseigenaar were asked; Fatima confirmed, Jeroen commented on two steps, Peter has not answered yet.
For the bijstand trajectory, further along, Mehmet completes 3a and starts 3b when he asks for the check;
everyone responded, he marked the map checked and completed 3b, so step 5 may start
(`wasstraat.demo.zes_p`).

The history is backdated to the working days after the version's last change, never into the future.
Idempotent: a version that already has invitations (or is checked) is left alone, and a trajectory
without a current process map is skipped.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from unittest import mock

from django.db import transaction
from django.utils import timezone

from trajecten import services
from trajecten.choices import GebeurtenisSoort, ProcesSoort, Stap, VersieStatus
from trajecten.models import Gebeurtenis, ProcesControle, ProcesStap, ProcesVersie, Traject
from wasstraat.accounts.models import User

#: The real clock, kept before `_om` replaces `timezone.now` for the backdated history.
_ECHTE_NU = timezone.now


def _werkdag_na(moment: dt.datetime, werkdagen: int, uur: int) -> dt.datetime:
    """`werkdagen` working days after `moment`, at `uur` local time."""
    dag = timezone.localtime(moment).date()
    for _ in range(werkdagen):
        dag += dt.timedelta(days=1)
        while dag.weekday() >= 5:
            dag += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur)))


@contextmanager
def _om(moment: dt.datetime) -> Iterator[None]:
    """Run the services as if it were `moment`; each tick of the clock adds a second."""
    tik = itertools.count()
    with mock.patch(
        "django.utils.timezone.now", side_effect=lambda: moment + dt.timedelta(seconds=next(tik))
    ):
        yield


@dataclass
class _Controle:
    """The 3b story of one version."""

    versie: ProcesVersie
    g: dict[str, User]
    vorige: dt.datetime | None = None

    def moment(self, werkdagen: int, uur: int) -> dt.datetime:
        """`werkdagen` working days after the map was last worked on (its own change or a process
        event), at `uur`; never in the future, and always after the moment before."""
        laatste = (
            Gebeurtenis.objects.filter(traject=self.versie.traject, soort=GebeurtenisSoort.PROCES)
            .exclude(gegevens__has_key="controle")  # not this check's own events
            .order_by("-tijdstip")
            .values_list("tijdstip", flat=True)
            .first()
        )
        basis = max(filter(None, [self.versie.gewijzigd_op, laatste]))
        gewenst = min(_werkdag_na(basis, werkdagen, uur), _ECHTE_NU() - dt.timedelta(minutes=30))
        self.vorige = max(gewenst, (self.vorige or basis) + dt.timedelta(minutes=1))
        return self.vorige

    def uitnodigen(self, namen: str) -> None:
        gebruikers = [self.g[naam] for naam in namen.split()]
        services.controle_uitnodigen(versie=self.versie, door=self.g["procesadviseur"], gebruikers=gebruikers)

    def _controle(self, naam: str) -> ProcesControle:
        return ProcesControle.objects.get(versie=self.versie, gebruiker=self.g[naam])

    def bevestigen(self, naam: str, opmerking: str = "") -> None:
        services.controle_bevestigen(
            controle=self._controle(naam), door=self.g[naam], algemene_opmerking=opmerking
        )

    def opmerking(self, naam: str, stap: ProcesStap, tekst: str) -> None:
        services.stap_opmerking_plaatsen(
            controle=self._controle(naam), door=self.g[naam], stap=stap, tekst=tekst
        )

    def stap(self, naam: str, nummer: int) -> ProcesStap:
        """The step called `naam`; else the `nummer`-th (from 1), or the last one of a shorter map."""
        stappen = list(self.versie.stappen.all())
        gevonden = [stap for stap in stappen if stap.naam == naam]
        return gevonden[0] if gevonden else stappen[min(nummer, len(stappen)) - 1]

    def markeren(self) -> None:
        services.versie_gecontroleerd_markeren(versie=self.versie, door=self.g["procesadviseur"])

    def starten(self, stap: Stap) -> None:
        services.stap_starten(traject=self.versie.traject, stap=stap, door=self.g["procesadviseur"])

    def afronden(self, stap: Stap) -> None:
        services.stap_afronden(traject=self.versie.traject, stap=stap, door=self.g["procesadviseur"])


def _omgevingsvergunning(c: _Controle) -> None:
    """Under way: one confirmed, one commented on two steps, the proceseigenaar still to answer."""
    with _om(c.moment(1, 9)):
        c.uitnodigen("medewerker1 medewerker2 proceseigenaar")
    with _om(c.moment(2, 11)):
        c.bevestigen(
            "medewerker1",
            "Klopt met hoe we nu werken. Let op: in de zomer vergadert de welstandscommissie maar eens per "
            "vier weken, dan is de wachttijd nog langer.",
        )
    with _om(c.moment(2, 15)):
        c.opmerking(
            "medewerker2",
            c.stap("Aanvulling opvragen", 5),
            "Voordat de brief met het verzoek om aanvulling de deur uitgaat, bellen we de aanvrager meestal "
            "eerst. Die stap ontbreekt nog.",
        )
        c.opmerking(
            "medewerker2",
            c.stap("Statusvraag doorzetten", 7),
            "Bij spoed zet het KCC geen terugbelverzoek uit maar verbindt het direct door met de "
            "vergunningverlener; dat gebeurt ongeveer één op de vijf keer.",
        )


def _bijstand(c: _Controle) -> None:
    """3a completed and 3b started; everyone responded; the map marked checked and 3b completed."""
    with _om(c.moment(1, 10)):
        c.afronden(Stap.S3A)  # the map is there; checking it is step 3b
        c.starten(Stap.S3B)
        c.uitnodigen("medewerker2 proceseigenaar")
    with _om(c.moment(2, 14)):
        c.opmerking(
            "medewerker2",
            c.stap("Bewijsstukken aanleveren", 3),
            "Veel aanvragers leveren de stukken in delen aan, aan de balie en per post; na elke zending "
            "kijken we opnieuw of het dossier compleet is.",
        )
    with _om(c.moment(3, 9)):
        c.bevestigen("proceseigenaar", "Herkenbaar: dit is het proces zoals het nu loopt.")
    with _om(c.moment(4, 16)):
        c.markeren()
        c.afronden(Stap.S3B)


#: Per demo trajectory (by title): what happens in 3b to its current process map.
CONTROLES: dict[str, Callable[[_Controle], None]] = {
    "Omgevingsvergunning: sneller en voorspelbaar besluiten": _omgevingsvergunning,
    "Bijstandsuitkering: sneller zekerheid over inkomen": _bijstand,
}


def _huidige_versie(titel: str) -> ProcesVersie | None:
    """The trajectory's newest current process map with steps, if it has one."""
    traject = Traject.objects.filter(titel=titel).first()
    if traject is None:
        return None
    return (
        ProcesVersie.objects.filter(traject=traject, soort=ProcesSoort.HUIDIG, stappen__isnull=False)
        .select_related("traject")
        .distinct()
        .order_by("-aangemaakt_op", "-pk")
        .first()
    )


def controles_laden(gebruikers: dict[str, User]) -> None:
    """Let demo colleagues check the current process maps (step 3b); safe to run any number of times."""
    for titel, verhaal in CONTROLES.items():
        versie = _huidige_versie(titel)
        if versie is None or versie.status == VersieStatus.GECONTROLEERD or versie.controles.exists():
            continue
        with transaction.atomic():
            verhaal(_Controle(versie=versie, g=gebruikers))
