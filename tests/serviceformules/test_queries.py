"""The 6P page keeps a bounded number of queries: with or without assessments and improvement points,
and with a small or a large map of the current process beside it."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from serviceformules import services
from serviceformules.choices import Oordeel, P
from serviceformules.models import Serviceformule
from tests.proces.factories import ProcesVersieFactory, stappen_bulk
from trajecten.choices import Rol
from verbeterplan.services import afwijking_naar_verbeterpunt

pytestmark = pytest.mark.django_db

#: Measured on SQLite with an empty content-type cache, plus two.
ZES_P = 22  # measured 20 (the session is saved on every request: 3 of them)
CATALOGUS = 12  # measured 8 (lists) and 10 (a formule)


def alles_beoordeeld(traject, door) -> None:
    """The Flitsformule chosen, every P deviating and each with its improvement point."""
    services.formule_kiezen(
        traject=traject, door=door, formule=Serviceformule.objects.get(naam="Flitsformule")
    )
    for p in P:
        services.p_beoordelen(
            traject=traject, door=door, p=p, oordeel=Oordeel.WIJKT_AF, toelichting="Anders."
        )
        afwijking_naar_verbeterpunt(traject=traject, door=door, p=p)


@pytest.mark.parametrize(("stappen", "beoordeeld"), [(0, False), (3, True), (80, True)])
def test_the_6p_page_is_bounded(traject, gebruikers, django_assert_max_num_queries, stappen, beoordeeld):
    pl = gebruikers[Rol.PROJECTLEIDER]
    if beoordeeld:
        alles_beoordeeld(traject, pl)
    if stappen:
        stappen_bulk(ProcesVersieFactory(traject=traject), stappen)
    client = Client()
    client.force_login(pl)
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(ZES_P):
        response = client.get(reverse("serviceformules:zes_p", args=[traject.pk]))
    assert response.status_code == 200
    assert response.context["aantal_beoordeeld"] == (6 if beoordeeld else 0)


@pytest.mark.parametrize("producten", [0, 30])
def test_the_catalogue_and_the_product_list_are_bounded(gebruikers, django_assert_max_num_queries, producten):
    from tests.factories import ProductFactory

    flits = Serviceformule.objects.get(naam="Flitsformule")
    for i in range(producten):
        ProductFactory(naam=f"Product {i}", serviceformule=flits)
    client = Client()
    client.force_login(gebruikers["functioneel_beheerder"])
    for naam in ("serviceformules:catalogus", "serviceformules:producten"):
        with django_assert_max_num_queries(CATALOGUS):
            assert client.get(reverse(naam)).status_code == 200
    with django_assert_max_num_queries(CATALOGUS):
        assert client.get(flits.get_absolute_url()).status_code == 200
