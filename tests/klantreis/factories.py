"""Factories of step 4, written directly (use the services to test the services).

reis = KlantreisFactory(traject=traject)                      # persona "Starter", no phases yet
fase = FaseFactory(klantreis=reis, naam="Aanvragen")          # appended after the other phases
moment = ContactmomentFactory(fase=fase, beleving=-2, moment_van_waarheid=True)   # current journey
ContactmomentFactory(fase=fase, reis=Reis.GEWENST, beleving=2)                    # desired journey
PijnpuntFactory(contactmoment=moment)
interview = InterviewFactory(klantreis=reis)                  # held by the trajectory's creator
AlternatiefFactory(klantreis=reis)                            # existing feedback, with a reason
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from klantreis.choices import AlternatiefSoort, Beleving, Kanaal, Klanttype, Reis, Toestemming
from klantreis.models import Alternatief, Contactmoment, Fase, Interview, Inzicht, Klantreis, Pijnpunt
from tests.factories import TrajectFactory


class KlantreisFactory(DjangoModelFactory):
    class Meta:
        model = Klantreis

    traject = factory.SubFactory(TrajectFactory)
    persona_naam = "Starter die een vergunning aanvraagt"
    persona_omschrijving = "Vraagt voor het eerst een vergunning aan en kent de regels niet."
    persona_behoeften = "Snel weten waar hij aan toe is."


class FaseFactory(DjangoModelFactory):
    class Meta:
        model = Fase

    klantreis = factory.SubFactory(KlantreisFactory)
    naam = factory.Sequence(lambda n: f"Fase {n}")
    volgorde = factory.Sequence(lambda n: n)
    metriek = "Dagen tot besluit"


class ContactmomentFactory(DjangoModelFactory):
    class Meta:
        model = Contactmoment

    fase = factory.SubFactory(FaseFactory)
    reis = Reis.HUIDIG
    volgorde = factory.Sequence(lambda n: n)
    titel = factory.Sequence(lambda n: f"Contactmoment {n}")
    kanaal = Kanaal.WEBSITE
    klant_doet = "Vult het formulier in."
    klant_ervaart = "Weet niet welke bijlagen nodig zijn."
    beleving = Beleving.NEGATIEF
    citaten = "Ik snapte niet wat ze van me wilden."
    moment_van_waarheid = False


class PijnpuntFactory(DjangoModelFactory):
    class Meta:
        model = Pijnpunt

    contactmoment = factory.SubFactory(ContactmomentFactory)
    omschrijving = "Onduidelijk welke bijlagen nodig zijn"


class InterviewFactory(DjangoModelFactory):
    class Meta:
        model = Interview

    klantreis = factory.SubFactory(KlantreisFactory)
    datum = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    klanttype = Klanttype.INWONER
    pseudoniem = factory.Sequence(lambda n: f"Inwoner {n}")
    toestemming_wijze = Toestemming.SCHRIFTELIJK
    toestemming_op = factory.LazyAttribute(lambda o: o.datum)
    notities = "Vond het formulier lastig; belde twee keer voordat het duidelijk was."
    kerninzichten = "Bijlagenlijst ontbreekt\nGeen bevestiging van ontvangst"
    aangemaakt_door = factory.LazyAttribute(lambda o: o.klantreis.traject.aangemaakt_door)


class InzichtFactory(DjangoModelFactory):
    class Meta:
        model = Inzicht

    klantreis = factory.SubFactory(KlantreisFactory)
    interview = None
    tekst = "Klanten missen een bevestiging van ontvangst."
    gedeeld_door = factory.LazyAttribute(lambda o: o.klantreis.traject.aangemaakt_door)


class AlternatiefFactory(DjangoModelFactory):
    class Meta:
        model = Alternatief

    klantreis = factory.SubFactory(KlantreisFactory)
    soort = AlternatiefSoort.FEEDBACK
    reden = "Eenvoudig proces; het klachtenregister geeft een volledig beeld."
    bron = "Klachtenregister"
    periode = "2025"
    samenvatting = "Veertig klachten, vooral over de wachttijd."
    aangemaakt_door = factory.LazyAttribute(lambda o: o.klantreis.traject.aangemaakt_door)
