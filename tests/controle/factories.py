"""Factories of the 3b tests: process versions with steps, and invitations to check them.

Versions and steps are written directly (the process services are tested in their own directory);
invitations and responses go through the 3b services where a test is about them.

    versie = versie_met_stappen(traject, 5)                  # a current version with five steps
    controle = ProcesControleFactory(versie=versie, gebruiker=vm)   # an invitation, no e-mail
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from trajecten.choices import ProcesSoort, Rol, StapSoort
from trajecten.models import ProcesControle, ProcesStap, ProcesVersie, Traject


def _projectleider(traject: Traject):
    lid = traject.teamleden.filter(rol=Rol.PROJECTLEIDER).select_related("gebruiker").first()
    return lid.gebruiker if lid else traject.aangemaakt_door


class ProcesVersieFactory(DjangoModelFactory):
    """A current (huidig) process version in draft, without steps."""

    class Meta:
        model = ProcesVersie

    traject = factory.SubFactory("tests.factories.TrajectFactory")
    soort = ProcesSoort.HUIDIG
    naam = factory.Sequence(lambda n: f"Huidig proces {n}")
    aangemaakt_door = factory.LazyAttribute(lambda o: _projectleider(o.traject))


class ProcesStapFactory(DjangoModelFactory):
    class Meta:
        model = ProcesStap

    versie = factory.SubFactory(ProcesVersieFactory)
    volgorde = factory.Sequence(lambda n: n + 1)
    naam = factory.Sequence(lambda n: f"Processtap {n}")
    actor = "Vergunningverlener"
    soort = StapSoort.ACTIE


ACTOREN = ("Aanvrager", "KCC", "Vergunningverlener", "Teamleider", "Jurist", "Archief", "Toezicht", "Griffie")


def versie_met_stappen(traject: Traject, aantal: int = 3, **velden) -> ProcesVersie:
    """A version of `traject` with `aantal` steps over up to eight lanes, in one insert."""
    versie = ProcesVersieFactory(traject=traject, **velden)
    ProcesStap.objects.bulk_create(
        ProcesStap(
            versie=versie,
            volgorde=i + 1,
            naam=f"Stap {i + 1}: dossier behandelen",
            actor=ACTOREN[i % len(ACTOREN)],
            soort=StapSoort.ACTIE,
        )
        for i in range(aantal)
    )
    return versie


class ProcesControleFactory(DjangoModelFactory):
    """An invitation written directly: no e-mail, no timeline event."""

    class Meta:
        model = ProcesControle

    versie = factory.SubFactory(ProcesVersieFactory)
    gebruiker = factory.SubFactory("tests.factories.UserFactory")
    uitgenodigd_door = factory.LazyAttribute(
        lambda o: o.versie.traject.teamleden.get(rol=Rol.PROCESADVISEUR).gebruiker
    )
