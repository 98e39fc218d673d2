"""The KPI pages keep a bounded number of queries, however many KPI's and measurements they show.

Each page is measured with little and with much data against the same bound, so a query per KPI or
per measurement fails the large case. Rows are made with `bulk_create`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from tests.kpi.factories import KpiFactory, goedkeuren
from trajecten.choices import Rol
from trajecten.models import Kpi, KpiMeting, Traject

#: Measured on SQLite and PostgreSQL with an empty content-type cache, plus two.
LIJST = 15  # measured 13
DETAIL = 14  # measured 12

pytestmark = pytest.mark.django_db


def kpis_met_metingen(traject: Traject, aantal: int, metingen: int, door) -> list[Kpi]:
    kpis = [KpiFactory(traject=traject, naam=f"KPI {i}") for i in range(aantal)]
    for kpi in kpis[::2]:
        goedkeuren(kpi, door=door)
    KpiMeting.objects.bulk_create(
        KpiMeting(
            kpi=kpi,
            datum=kpi.nulmeting_datum + dt.timedelta(days=30 * (m + 1)),
            waarde=Decimal(50 - m),
            ingevoerd_door=door,
        )
        for kpi in kpis
        for m in range(metingen)
    )
    return kpis


@pytest.fixture
def client_pe(gebruikers) -> Client:
    client = Client()
    client.force_login(gebruikers[Rol.PROCESEIGENAAR])
    return client


@pytest.mark.parametrize(("aantal", "metingen"), [(1, 1), (10, 24)], ids=["little", "much"])
def test_the_kpi_list_is_bounded(
    traject, gebruikers, client_pe, django_assert_max_num_queries, aantal, metingen
):
    kpis_met_metingen(traject, aantal, metingen, gebruikers[Rol.PROCESEIGENAAR])
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(LIJST):
        response = client_pe.get(f"/trajecten/{traject.pk}/kpis/")
    assert response.status_code == 200
    assert len(response.context["kpis"]) == aantal


@pytest.mark.parametrize("metingen", [1, 24], ids=["little", "much"])
def test_the_kpi_page_is_bounded(traject, gebruikers, client_pe, django_assert_max_num_queries, metingen):
    (kpi,) = kpis_met_metingen(traject, 1, metingen, gebruikers[Rol.PROCESEIGENAAR])
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(DETAIL):
        response = client_pe.get(kpi.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["metingen"]) == metingen
