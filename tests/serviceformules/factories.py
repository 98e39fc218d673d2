"""Factories of the serviceformules and step 5, written directly (use the services to test the services).

formule = ServiceformuleFactory()          # a formule with all six P's filled in
PBeoordelingFactory(traject=traject, formule=formule, p=P.PRIJS, oordeel=Oordeel.WIJKT_AF)
FormulekeuzeFactory(traject=traject, formule=formule)
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from serviceformules.choices import Oordeel, P
from serviceformules.models import Formulekeuze, FormuleP, PBeoordeling, Serviceformule
from tests.factories import TrajectFactory


class ServiceformuleFactory(DjangoModelFactory):
    """A formule with its six P's (promise and internal agreement filled in)."""

    class Meta:
        model = Serviceformule
        django_get_or_create = ("naam",)
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Testformule {n}")
    omschrijving = "Standaardproducten, eenvoudig en snel."
    klantrol = "Klant"
    kernwaarden = "Eenvoudig\nSnel\nDirect duidelijk"

    @factory.post_generation
    def ps(self, create, extracted, **kwargs):
        if not create:
            return
        for p in P:
            FormuleP.objects.get_or_create(
                formule=self,
                p=p,
                defaults={
                    "zekerheid": f"Zekerheid voor {p.label}",
                    "interne_afspraak": f"Afspraak voor {p.label}",
                },
            )


class FormulekeuzeFactory(DjangoModelFactory):
    class Meta:
        model = Formulekeuze

    traject = factory.SubFactory(TrajectFactory)
    formule = factory.SubFactory(ServiceformuleFactory)
    gekozen_door = factory.LazyAttribute(lambda o: o.traject.aangemaakt_door)


class PBeoordelingFactory(DjangoModelFactory):
    class Meta:
        model = PBeoordeling

    traject = factory.SubFactory(TrajectFactory)
    formule = factory.SubFactory(ServiceformuleFactory)
    p = P.PRODUCT
    oordeel = Oordeel.KOMT_OVEREEN
    toelichting = "Komt overeen met het huidige proces."
    beoordeeld_door = factory.LazyAttribute(lambda o: o.traject.aangemaakt_door)
