"""Process versions and steps for the swimlane and BPMN tests (and the benchmark).

Written directly (no audit events): these tests are about drawing and exchanging a map, not about
editing one; the process services have their own tests.

    versie = ProcesVersieFactory(traject=traject)
    stappen = voorbeeldproces(versie)          # eight realistic steps: every kind, a branch, waste
    stappen = groot_proces(versie, 60, banen=8)
"""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from tests.factories import TrajectFactory
from trajecten.choices import Kanaal, Lean, ProcesSoort, StapSoort, TijdEenheid, Verspilling
from trajecten.models import ProcesStap, ProcesVersie


class ProcesVersieFactory(DjangoModelFactory):
    class Meta:
        model = ProcesVersie

    traject = factory.SubFactory(TrajectFactory)
    soort = ProcesSoort.HUIDIG
    naam = factory.Sequence(lambda n: f"Huidig proces {n}")
    aangemaakt_door = factory.LazyAttribute(lambda o: o.traject.aangemaakt_door)


class ProcesStapFactory(DjangoModelFactory):
    class Meta:
        model = ProcesStap

    versie = factory.SubFactory(ProcesVersieFactory)
    volgorde = factory.Sequence(lambda n: n + 1)
    naam = factory.Sequence(lambda n: f"Stap {n}")
    actor = "Vergunningverlener"


def voorbeeldproces(versie: ProcesVersie) -> list[ProcesStap]:
    """An omgevingsvergunning as mapped in a 3a session: three lanes, every kind of step, a
    decision that branches back, waste and value-adding steps, every channel and unit in use."""
    rijen = [
        (
            "Aanvraag indienen",
            "Aanvrager",
            StapSoort.ACTIE,
            Kanaal.WEBSITE,
            ("45", "min"),
            ("0", "dag"),
            Lean.WAARDE,
            "",
        ),
        (
            "Aanvraag registreren in zaaksysteem",
            "KCC",
            StapSoort.ACTIE,
            Kanaal.INTERN,
            ("10", "min"),
            ("1", "dag"),
            Lean.NODIG,
            "",
        ),
        (
            "Doorzetten naar vergunningen",
            "KCC",
            StapSoort.OVERDRACHT,
            Kanaal.EMAIL,
            ("5", "min"),
            ("2", "dag"),
            Lean.VERSPILLING,
            Verspilling.TRANSPORT,
        ),
        (
            "Aanvraag volledig?",
            "Vergunningverlener",
            StapSoort.BESLISSING,
            Kanaal.INTERN,
            ("0.5", "uur"),
            ("0", "dag"),
            Lean.NODIG,
            "",
        ),
        (
            "Aanvulling opvragen",
            "Vergunningverlener",
            StapSoort.ACTIE,
            Kanaal.POST,
            ("20", "min"),
            ("0", "dag"),
            Lean.VERSPILLING,
            Verspilling.FOUTEN,
        ),
        (
            "Wachten op aanvulling",
            "Aanvrager",
            StapSoort.WACHTEN,
            Kanaal.POST,
            ("0", "min"),
            ("10", "dag"),
            Lean.VERSPILLING,
            Verspilling.WACHTEN,
        ),
        (
            "Inhoudelijk toetsen",
            "Vergunningverlener",
            StapSoort.ACTIE,
            Kanaal.INTERN,
            ("2.75", "uur"),
            ("3", "dag"),
            Lean.WAARDE,
            "",
        ),
        (
            "Besluit tekenen",
            "Teamleider <Vergunningen & Handhaving>",
            StapSoort.ACTIE,
            Kanaal.BALIE,
            ("15", "min"),
            ("4", "dag"),
            Lean.NODIG,
            "",
        ),
    ]
    stappen = [
        ProcesStap.objects.create(
            versie=versie,
            volgorde=nummer,
            naam=naam,
            omschrijving=f'Wat er gebeurt bij “{naam}”.\nTweede regel met <tekens> & "aanhalingstekens".'
            if nummer % 2
            else "",
            actor=actor,
            soort=soort,
            kanaal=kanaal,
            bewerkingstijd=Decimal(bewerking[0]),
            bewerkingstijd_eenheid=bewerking[1],
            wachttijd=Decimal(wachten[0]),
            wachttijd_eenheid=wachten[1],
            lean=lean,
            verspilling=verspilling,
        )
        for nummer, (naam, actor, soort, kanaal, bewerking, wachten, lean, verspilling) in enumerate(
            rijen, start=1
        )
    ]
    beslissing = stappen[3]
    beslissing.vertakking_naar = stappen[6]  # complete: straight to the assessment
    beslissing.vertakking_label = "ja, volledig"
    beslissing.save()
    return stappen


BANEN = [
    "Aanvrager",
    "KCC",
    "Vergunningverlener",
    "Jurist",
    "Teamleider Vergunningen en Handhaving",
    "Omgevingsdienst",
    "Welstandscommissie",
    "Burgemeester en wethouders",
]
_SOORTEN = [
    StapSoort.ACTIE,
    StapSoort.ACTIE,
    StapSoort.BESLISSING,
    StapSoort.ACTIE,
    StapSoort.WACHTEN,
    StapSoort.OVERDRACHT,
]
_LEAN = [Lean.WAARDE, Lean.NODIG, Lean.NODIG, Lean.VERSPILLING]


def groot_proces(versie: ProcesVersie, aantal: int, banen: int = 8) -> list[ProcesStap]:
    """`aantal` steps over `banen` lanes, every kind, one in four waste, decisions branching back."""
    stappen = ProcesStap.objects.bulk_create(
        [
            ProcesStap(
                versie=versie,
                volgorde=i + 1,
                naam=f"Stap {i + 1}: dossier beoordelen en vastleggen in het zaaksysteem",
                actor=BANEN[(i * 3) % banen],
                soort=_SOORTEN[i % len(_SOORTEN)],
                kanaal=Kanaal.INTERN,
                bewerkingstijd=Decimal(15 + i % 4 * 15),
                bewerkingstijd_eenheid=TijdEenheid.MINUTEN,
                wachttijd=Decimal(i % 3),
                wachttijd_eenheid=TijdEenheid.DAGEN,
                lean=_LEAN[i % len(_LEAN)],
                verspilling=Verspilling.WACHTEN if _LEAN[i % len(_LEAN)] == Lean.VERSPILLING else "",
            )
            for i in range(aantal)
        ]
    )
    if any(s.pk is None for s in stappen):
        stappen = list(versie.stappen.order_by("volgorde"))
    beslissingen = []
    for i, stap in enumerate(stappen):
        if stap.soort == StapSoort.BESLISSING and i >= 2:
            stap.vertakking_naar = stappen[i - 2]
            stap.vertakking_label = "onvolledig"
            beslissingen.append(stap)
    ProcesStap.objects.bulk_update(beslissingen, ["vertakking_naar", "vertakking_label"])
    return stappen
