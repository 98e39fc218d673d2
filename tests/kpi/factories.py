"""Factories of step 2: KPI's and measurements, written directly (use the services to test the services).

kpi = KpiFactory(traject=traject)                  # "Doorlooptijd", 56 → 28 dagen, not approved
KpiMetingFactory(kpi=kpi, waarde=Decimal("41"))     # a measurement, entered by the KPI's creator
goedkeuren(kpi, door=proceseigenaar)               # approved, as the service would
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.factories import TrajectFactory
from trajecten.choices import KpiRichting, Meetfrequentie
from trajecten.models import Kpi, KpiMeting
from wasstraat.accounts.models import User


class KpiFactory(DjangoModelFactory):
    """A complete, unapproved KPI: the lead time, baseline 56 days four months ago, target 28."""

    class Meta:
        model = Kpi

    traject = factory.SubFactory(TrajectFactory)
    naam = factory.Sequence(lambda n: f"Doorlooptijd {n}")
    definitie = (
        "Gemiddeld aantal kalenderdagen tussen ontvangst van de aanvraag en verzending van het besluit."
    )
    eenheid = "dagen"
    richting = KpiRichting.LAGER_IS_BETER
    nulmeting = Decimal("56")
    nulmeting_datum = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=120))
    streefwaarde = Decimal("28")
    streefdatum = None
    meetfrequentie = Meetfrequentie.MAANDELIJKS
    bron = "Zaaksysteem"
    aangemaakt_door = factory.LazyAttribute(lambda o: o.traject.aangemaakt_door)


class KpiMetingFactory(DjangoModelFactory):
    """A measurement of yesterday, entered by whoever created the KPI."""

    class Meta:
        model = KpiMeting

    kpi = factory.SubFactory(KpiFactory)
    datum = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    waarde = Decimal("41")
    toelichting = ""
    ingevoerd_door = factory.LazyAttribute(lambda o: o.kpi.aangemaakt_door)


def goedkeuren(kpi: Kpi, *, door: User) -> Kpi:
    """Mark `kpi` approved directly (arranging a test; `services.kpis_goedkeuren` is tested on its own)."""
    Kpi.objects.filter(pk=kpi.pk).update(goedgekeurd_op=timezone.now(), goedgekeurd_door=door)
    kpi.refresh_from_db()
    return kpi


def kpi_gegevens(**anders) -> dict:
    """The fields of a valid KPI, as keyword arguments for the services."""
    return {
        "naam": "Klanttevredenheid",
        "definitie": "Gemiddeld rapportcijfer uit de enquête na afhandeling.",
        "eenheid": "rapportcijfer",
        "richting": KpiRichting.HOGER_IS_BETER,
        "nulmeting": Decimal("6.4"),
        "nulmeting_datum": dt.date(2026, 1, 15),
        "streefwaarde": Decimal("7.5"),
        "streefdatum": dt.date(2026, 12, 31),
        "meetfrequentie": Meetfrequentie.KWARTAAL,
        "bron": "KTO",
        **anders,
    }
