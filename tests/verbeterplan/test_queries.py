"""The step-6 pages keep a bounded number of queries whatever the size of the plan: the plan page with
5 or 200 points (every kind of source) and 50 actions, the actions page with its matrix at 5 and 50
actions (each with points, departments and KPI effects), an action's page with 3 or 60 points, and a
point's decision page with 5 or 50 actions to merge into."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from serviceformules.choices import P
from tests.factories import AfdelingFactory, SessieFactory, VerbeterpuntFactory
from tests.klantreis.factories import ContactmomentFactory, FaseFactory, KlantreisFactory, PijnpuntFactory
from tests.kpi.factories import KpiFactory
from tests.proces.factories import ProcesStapFactory, ProcesVersieFactory
from tests.serviceformules.factories import PBeoordelingFactory, ServiceformuleFactory
from tests.verbeterplan.factories import VerbeteractieFactory, besloten
from trajecten.choices import Rol, SessieSoort
from verbeterplan.choices import VerbeterpuntBron
from verbeterplan.models import ActieKpi

pytestmark = pytest.mark.django_db

#: Measured on SQLite with an empty content-type cache, plus two.
PLAN = 17  # measured 15
ACTIES = 16  # measured 14 (the SVG file: 11)
ACTIE = 16  # measured 14
ACTIEFORMULIER = 19  # measured 17
BESLUIT = 15  # measured 13


def _bronnen(traject) -> list[dict]:
    """One source of every kind, as keyword arguments of a point."""
    kpi = KpiFactory(traject=traject)
    sessie = SessieFactory(traject=traject, soort=SessieSoort.KLANTREIS)
    stap = ProcesStapFactory(versie=ProcesVersieFactory(traject=traject))
    fase = FaseFactory(klantreis=KlantreisFactory(traject=traject))
    moment = ContactmomentFactory(fase=fase, moment_van_waarheid=True)
    pijnpunt = PijnpuntFactory(contactmoment=ContactmomentFactory(fase=fase))
    beoordeling = PBeoordelingFactory(traject=traject, formule=ServiceformuleFactory(), p=P.PRIJS)
    return [
        {},
        {"bron": VerbeterpuntBron.KPI, "kpi": kpi},
        {"bron": VerbeterpuntBron.SESSIE, "sessie": sessie},
        {"bron": VerbeterpuntBron.PROCESSTAP, "processtap": stap},
        {"bron": VerbeterpuntBron.CONTACTMOMENT, "contactmoment": moment},
        {"bron": VerbeterpuntBron.PIJNPUNT, "pijnpunt": pijnpunt},
        {"bron": VerbeterpuntBron.P_BEOORDELING, "p_beoordeling": beoordeling},
    ]


def _plan(traject, *, punten: int, acties: int):
    """`acties` actions with departments and a KPI effect; `punten` points over every kind of source,
    the first merged into the actions in turn, every fifth rejected, the rest open."""
    bronnen = _bronnen(traject)
    afdeling = AfdelingFactory(naam="Vergunningen")
    kpi = KpiFactory(traject=traject)
    lijst = []
    for _ in range(acties):
        actie = VerbeteractieFactory(traject=traject)
        actie.afdelingen.add(afdeling)
        ActieKpi.objects.create(actie=actie, kpi=kpi, verwacht_effect="Sneller")
        lijst.append(actie)
    ronde = itertools.cycle(lijst)
    for n, bron in zip(range(punten), itertools.cycle(bronnen), strict=False):
        punt = VerbeterpuntFactory(traject=traject, **bron)
        if n % 5 == 4:
            besloten(punt, reden="Buiten de scope.")
        elif lijst and n % 2 == 0:
            besloten(punt, next(ronde))
    return lijst


def _get(client: Client, url: str, grens: int, assert_max):
    ContentType.objects.clear_cache()
    ContentType.objects.clear_cache()
    with assert_max(grens):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.fixture
def client(gebruikers) -> Client:
    client = Client()
    client.force_login(gebruikers[Rol.PROJECTLEIDER])
    return client


@pytest.mark.parametrize(("punten", "acties"), [(5, 1), (200, 50)])
def test_the_plan_page_is_bounded(traject, client, django_assert_max_num_queries, punten, acties):
    _plan(traject, punten=punten, acties=acties)
    response = _get(
        client, reverse("verbeterplan:plan", args=[traject.pk]), PLAN, django_assert_max_num_queries
    )
    assert response.context["aantal_punten"] == punten
    response = _get(
        client,
        reverse("verbeterplan:plan", args=[traject.pk]) + "?groeperen=bron&besluit=besloten",
        PLAN,
        django_assert_max_num_queries,
    )


@pytest.mark.parametrize("acties", [5, 50])
def test_the_actions_page_with_its_matrix_is_bounded(traject, client, django_assert_max_num_queries, acties):
    _plan(traject, punten=2 * acties, acties=acties)
    response = _get(
        client, reverse("verbeterplan:acties", args=[traject.pk]), ACTIES, django_assert_max_num_queries
    )
    assert len(response.context["matrix_tabel"]) == acties
    _get(client, reverse("verbeterplan:matrix", args=[traject.pk]), ACTIES, django_assert_max_num_queries)


@pytest.mark.parametrize("punten", [3, 60])
def test_an_actions_page_is_bounded(traject, client, django_assert_max_num_queries, punten):
    actie = VerbeteractieFactory(traject=traject)
    for bron, _ in zip(itertools.cycle(_bronnen(traject)), range(punten), strict=False):
        besloten(VerbeterpuntFactory(traject=traject, **bron), actie)
    response = _get(client, actie.get_absolute_url(), ACTIE, django_assert_max_num_queries)
    assert len(response.context["actie"].punten.all()) == punten
    _get(
        client,
        reverse("verbeterplan:actie_bewerken", args=[traject.pk, actie.pk]),
        ACTIEFORMULIER,
        django_assert_max_num_queries,
    )


@pytest.mark.parametrize("acties", [5, 50])
def test_a_points_decision_page_is_bounded(traject, client, django_assert_max_num_queries, acties):
    _plan(traject, punten=3, acties=acties)
    punt = VerbeterpuntFactory(traject=traject, bron=VerbeterpuntBron.KPI, kpi=KpiFactory(traject=traject))
    url = reverse("verbeterplan:punt_samenvoegen", args=[traject.pk, punt.pk])
    _get(client, url, BESLUIT, django_assert_max_num_queries)
