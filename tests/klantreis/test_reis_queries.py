"""The journey pages keep a bounded number of queries, however many phases and contact moments they show.

Each page is measured with little data and with 10 phases × 8 contact moments (both journeys, each
with a pain point) against the same bound, so a query per phase, per contact moment or per pain point
fails the large case. Rows are made with `bulk_create`.
"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klantreis.choices import Beleving, Kanaal, Reis
from klantreis.models import Contactmoment, Fase, Pijnpunt
from tests.klantreis.factories import AlternatiefFactory, InterviewFactory, InzichtFactory, KlantreisFactory
from trajecten.choices import Rol
from verbeterplan.services import verbeterpunt_vastleggen

#: Measured on SQLite with an empty content-type cache, plus two (the same for little and much data).
OVERZICHT = 23  # measured 21
CURVE = 15  # measured 13
CONTACTMOMENT = 16  # measured 14
VERBETERPUNTEN = 15  # measured 13

pytestmark = pytest.mark.django_db


def reis_met(traject, fasen: int, momenten: int, door) -> list[Contactmoment]:
    """A journey with `fasen` phases of `momenten` contact moments each (half current, half desired),
    every moment with a pain point; one interview, insight and alternative source."""
    reis = KlantreisFactory(traject=traject)
    gemaakt = Fase.objects.bulk_create(
        Fase(klantreis=reis, naam=f"Fase {f}", volgorde=f, metriek="Dagen") for f in range(1, fasen + 1)
    )
    alle = Contactmoment.objects.bulk_create(
        Contactmoment(
            fase=fase,
            reis=Reis.HUIDIG if m % 2 else Reis.GEWENST,
            volgorde=m,
            titel=f"Moment {fase.volgorde}.{m}",
            kanaal=list(Kanaal.values)[m % len(Kanaal.values)],
            beleving=list(Beleving.values)[m % 5],
            moment_van_waarheid=m == 3,
            citaten="Het duurde lang.",
        )
        for fase in gemaakt
        for m in range(1, momenten + 1)
    )
    Pijnpunt.objects.bulk_create(Pijnpunt(contactmoment=moment, omschrijving="Te lang") for moment in alle)
    interview = InterviewFactory(klantreis=reis, aangemaakt_door=door)
    InzichtFactory(klantreis=reis, interview=interview, gedeeld_door=door)
    AlternatiefFactory(klantreis=reis, aangemaakt_door=door)
    return alle


@pytest.fixture
def coach(gebruikers) -> Client:
    client = Client()
    client.force_login(gebruikers[Rol.KLANTREISCOACH])
    return client


@pytest.mark.parametrize(("fasen", "momenten"), [(1, 2), (10, 8)], ids=["little", "much"])
def test_the_journey_page_is_bounded(
    traject, gebruikers, coach, django_assert_max_num_queries, fasen, momenten
):
    reis_met(traject, fasen, momenten, gebruikers[Rol.KLANTREISCOACH])
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(OVERZICHT):
        response = coach.get(reverse("klantreis:overzicht", args=[traject.pk]))
    assert response.status_code == 200
    assert len(response.context["fasen"]) == fasen
    assert sum(len(f.huidig) + len(f.gewenst) for f in response.context["fasen"]) == fasen * momenten


@pytest.mark.parametrize(("fasen", "momenten"), [(1, 2), (10, 8)], ids=["little", "much"])
def test_the_curve_download_is_bounded(
    traject, gebruikers, coach, django_assert_max_num_queries, fasen, momenten
):
    reis_met(traject, fasen, momenten, gebruikers[Rol.KLANTREISCOACH])
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(CURVE):
        response = coach.get(reverse("klantreis:curve", args=[traject.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("pijnpunten", [1, 20], ids=["little", "much"])
def test_the_contact_moment_page_is_bounded(
    traject, gebruikers, coach, django_assert_max_num_queries, pijnpunten
):
    moment = reis_met(traject, 1, 1, gebruikers[Rol.KLANTREISCOACH])[0]
    extra = Pijnpunt.objects.bulk_create(
        Pijnpunt(contactmoment=moment, omschrijving=f"Pijnpunt {i}") for i in range(pijnpunten)
    )
    for pijnpunt in extra:
        verbeterpunt_vastleggen(
            traject=traject, door=gebruikers[Rol.SPONSOR], titel=pijnpunt.omschrijving, pijnpunt=pijnpunt
        )
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(CONTACTMOMENT):
        response = coach.get(moment.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["verbeterpunten"]) == pijnpunten


@pytest.mark.parametrize("aantal", [1, 12], ids=["little", "much"])
def test_the_improvement_points_list_with_journey_sources_is_bounded(
    traject, gebruikers, coach, django_assert_max_num_queries, aantal
):
    momenten = reis_met(traject, 2, 6, gebruikers[Rol.KLANTREISCOACH])
    door = gebruikers[Rol.SPONSOR]
    for moment in momenten[:aantal]:
        verbeterpunt_vastleggen(traject=traject, door=door, titel=f"Uit {moment.titel}", contactmoment=moment)
        verbeterpunt_vastleggen(
            traject=traject, door=door, titel=f"Uit pijn {moment.titel}", pijnpunt=moment.pijnpunten.get()
        )
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(VERBETERPUNTEN):
        response = coach.get(reverse("verbeterplan:verbeterpunten", args=[traject.pk]))
    assert response.status_code == 200
    assert len(response.context["punten"]) == 2 * aantal


def test_the_journey_page_needs_as_many_queries_for_80_contact_moments_as_for_2(
    traject, maak_traject, gebruikers, coach
):
    groot = maak_traject(titel="Groot")
    reis_met(traject, 1, 2, gebruikers[Rol.KLANTREISCOACH])
    reis_met(groot, 10, 8, gebruikers[Rol.KLANTREISCOACH])
    aantallen = []
    for t in (traject, groot):
        coach.get(reverse("klantreis:overzicht", args=[t.pk]))  # warm the caches alike
        with CaptureQueriesContext(connection) as queries:
            assert coach.get(reverse("klantreis:overzicht", args=[t.pk])).status_code == 200
        aantallen.append(len(queries))
    assert aantallen[0] == aantallen[1], aantallen
