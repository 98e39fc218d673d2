"""Factories of the process-map tests: versions and steps made through the services.

versie = ProcesVersieFactory(traject=traject)                 # a current version, by the procesadviseur
stap = ProcesStapFactory(versie=versie, naam="Intake")        # appended at the end
stappen_bulk(versie, 60)                                      # many steps in one insert (query tests)
"""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from tests.factories import TrajectFactory, lid
from trajecten import services
from trajecten.choices import Kanaal, Lean, ProcesSoort, Rol, StapSoort, TijdEenheid, Verspilling
from trajecten.models import ProcesStap, ProcesVersie, Traject
from wasstraat.accounts.models import User


def procesadviseur(traject: Traject) -> User:
    """The trajectory's procesadviseur; one is added to the team if there is none."""
    teamlid = traject.teamleden.filter(rol=Rol.PROCESADVISEUR).select_related("gebruiker").first()
    return teamlid.gebruiker if teamlid else lid(traject, Rol.PROCESADVISEUR)


class ProcesVersieFactory(DjangoModelFactory):
    """A version made by `services.procesversie_aanmaken`, by the procesadviseur unless `door` is given."""

    class Meta:
        model = ProcesVersie

    traject = factory.SubFactory(TrajectFactory)
    soort = ProcesSoort.HUIDIG
    naam = factory.Sequence(lambda n: f"Procesversie {n}")
    toelichting = ""
    door = factory.LazyAttribute(lambda o: procesadviseur(o.traject))

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> ProcesVersie:
        return services.procesversie_aanmaken(**kwargs)


class ProcesStapFactory(DjangoModelFactory):
    """A step appended by `services.processtap_toevoegen`: an action of 10 minutes, 1 day waiting."""

    class Meta:
        model = ProcesStap

    versie = factory.SubFactory(ProcesVersieFactory)
    naam = factory.Sequence(lambda n: f"Stap {n}")
    actor = "Vergunningverlener"
    kanaal = Kanaal.INTERN
    soort = StapSoort.ACTIE
    bewerkingstijd = Decimal(10)
    bewerkingstijd_eenheid = TijdEenheid.MINUTEN
    wachttijd = Decimal(1)
    wachttijd_eenheid = TijdEenheid.DAGEN
    lean = Lean.NODIG
    verspilling = ""
    door = factory.LazyAttribute(lambda o: procesadviseur(o.versie.traject))

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> ProcesStap:
        return services.processtap_toevoegen(**kwargs)


ACTOREN = ("Aanvrager", "KCC", "Vergunningverlener", "Jurist", "Welstand", "Toezicht", "Archief", "Financiën")


def stappen_bulk(versie: ProcesVersie, aantal: int) -> list[ProcesStap]:
    """`aantal` steps over eight lanes in one insert, with waste steps and a branch every tenth step."""
    stappen = ProcesStap.objects.bulk_create(
        ProcesStap(
            versie=versie,
            volgorde=n,
            naam=f"Stap {n}",
            actor=ACTOREN[n % len(ACTOREN)],
            soort=StapSoort.BESLISSING if n % 10 == 0 else StapSoort.ACTIE,
            bewerkingstijd=Decimal(15),
            wachttijd=Decimal(n % 3),
            lean=Lean.VERSPILLING if n % 7 == 0 else Lean.WAARDE if n % 2 else Lean.NODIG,
            verspilling=Verspilling.WACHTEN if n % 7 == 0 else "",
        )
        for n in range(1, aantal + 1)
    )
    stappen = list(versie.stappen.order_by("volgorde"))
    vertakt = []
    for stap in stappen:
        if stap.soort == StapSoort.BESLISSING:
            stap.vertakking_naar = stappen[max(0, stap.volgorde - 5)]
            stap.vertakking_label = "onvolledig"
            vertakt.append(stap)
    ProcesStap.objects.bulk_update(vertakt, ["vertakking_naar", "vertakking_label"])
    return stappen
