"""Permission-matrix rows for the kpi pages (merged into MATRIX in test_permissiematrix.py).

Viewing is for every member and management; defining, changing and measuring is ``beheer_kpis``;
approving is ``keur_kpis`` (SPEC.md, "Roles and permissions"). Each request gets a fresh KPI or
measurement, so every allowed person has something to change, approve or delete.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tests.views.conftest import Omgeving
from tests.views.matrix import BEKIJKEN, PL, SPEC_CONTRACT, Controle, Verzoek, _traject, get, post
from trajecten.choices import KpiRichting, Meetfrequentie
from trajecten.models import Kpi, KpiMeting

KPIS_BEHEREN = SPEC_CONTRACT["beheer_kpis"]
KPIS_GOEDKEUREN = SPEC_CONTRACT["keur_kpis"]


def _nieuwe_kpi(o: Omgeving) -> Kpi:
    return Kpi.objects.create(
        traject=o.traject,
        naam="Doorlooptijd",
        definitie="Kalenderdagen van ontvangst tot besluit.",
        eenheid="dagen",
        richting=KpiRichting.LAGER_IS_BETER,
        nulmeting=Decimal("56"),
        nulmeting_datum=dt.date(2026, 1, 15),
        streefwaarde=Decimal("28"),
        meetfrequentie=Meetfrequentie.MAANDELIJKS,
        aangemaakt_door=o.persoon(PL),
    )


def _kpi(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "kpi_pk": _nieuwe_kpi(o).pk})


def _kpi_gegevens(**anders) -> dict:
    return {
        "naam": "Klanttevredenheid",
        "definitie": "Gemiddeld rapportcijfer uit de enquête.",
        "eenheid": "rapportcijfer",
        "richting": KpiRichting.HOGER_IS_BETER,
        "nulmeting": "6,4",
        "nulmeting_datum": "2026-01-15",
        "streefwaarde": "7,5",
        "streefdatum": "",
        "meetfrequentie": Meetfrequentie.KWARTAAL,
        "bron": "KTO",
        **anders,
    }


def _kpi_aanmaken(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk}, _kpi_gegevens())


def _kpi_wijzigen(o: Omgeving, _wie) -> Verzoek:
    kpi = _nieuwe_kpi(o)
    return Verzoek({"pk": o.traject.pk, "kpi_pk": kpi.pk}, _kpi_gegevens(richting=KpiRichting.HOGER_IS_BETER))


def _goed_te_keuren(o: Omgeving, _wie) -> Verzoek:
    _nieuwe_kpi(o)  # something not approved yet, for every person
    return Verzoek({"pk": o.traject.pk})


def _meting_invoeren(o: Omgeving, _wie) -> Verzoek:
    kpi = _nieuwe_kpi(o)
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    return Verzoek({"pk": o.traject.pk, "kpi_pk": kpi.pk}, {"datum": gisteren.isoformat(), "waarde": "41,5"})


def _meting(o: Omgeving, _wie) -> Verzoek:
    kpi = _nieuwe_kpi(o)
    meting = KpiMeting.objects.create(
        kpi=kpi, datum=dt.date(2026, 2, 1), waarde=Decimal("50"), ingevoerd_door=o.persoon(PL)
    )
    return Verzoek({"pk": o.traject.pk, "kpi_pk": kpi.pk, "meting_pk": meting.pk})


RIJEN: dict[str, list[Controle]] = {
    "trajecten:kpis": [get(BEKIJKEN, _traject)],
    "trajecten:kpi_nieuw": [get(KPIS_BEHEREN, _traject), post(KPIS_BEHEREN, _kpi_aanmaken)],
    "trajecten:kpis_goedkeuren": [post(KPIS_GOEDKEUREN, _goed_te_keuren)],
    "trajecten:kpi": [get(BEKIJKEN, _kpi)],
    "trajecten:kpi_bewerken": [get(KPIS_BEHEREN, _kpi), post(KPIS_BEHEREN, _kpi_wijzigen)],
    "trajecten:kpi_verwijderen": [get(KPIS_BEHEREN, _kpi), post(KPIS_BEHEREN, _kpi)],
    "trajecten:kpi_grafiek": [get(BEKIJKEN, _kpi)],
    "trajecten:kpi_meting_nieuw": [post(KPIS_BEHEREN, _meting_invoeren)],
    "trajecten:kpi_meting_verwijderen": [get(KPIS_BEHEREN, _meting), post(KPIS_BEHEREN, _meting)],
}
