"""The demo's process maps: realistic, classified, written through the services, and loaded once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from trajecten.choices import GebeurtenisSoort, Lean, ProcesSoort, StapSoort
from trajecten.models import Gebeurtenis, ProcesVersie, Traject
from trajecten.procesanalyse import kengetallen, vergelijking
from wasstraat.demo.processen import PROCESSEN, processen_maken

pytestmark = pytest.mark.django_db

OMGEVINGSVERGUNNING = "Omgevingsvergunning: sneller en voorspelbaar besluiten"


@pytest.fixture
def demo():
    call_command("demodata", stdout=StringIO())


def test_the_omgevingsvergunning_has_a_current_map_and_a_desired_sketch(demo):
    traject = Traject.objects.get(titel=OMGEVINGSVERGUNNING)
    huidig = traject.procesversies.get(soort=ProcesSoort.HUIDIG)
    gewenst = traject.procesversies.get(soort=ProcesSoort.GEWENST)
    stappen = list(huidig.stappen.all())
    assert len(stappen) == 12
    assert {s.actor for s in stappen} == {"Aanvrager", "KCC", "Vergunningverlener", "Jurist", "Welstand"}
    beslissing = next(s for s in stappen if s.soort == StapSoort.BESLISSING)
    assert beslissing.vertakking_naar.naam == "Inhoudelijk beoordelen"
    figuren = kengetallen(stappen)
    assert figuren.aantal_verspilling == 4
    assert len(figuren.verspilling_tijd) == 4  # four kinds of waste
    assert figuren.overdrachten >= 5
    assert gewenst.gekopieerd_van == huidig
    regels = {r.naam: r for r in vergelijking(figuren, kengetallen(gewenst.stappen.all()))}
    assert all(r.oordeel in ("beter", "gelijk", None) for r in regels.values()), regels
    assert huidig.stappen.filter(verbeterpunten__isnull=False).exists()  # a point noted from a step
    assert Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.PROCES).exists()


def test_every_demo_map_is_classified_and_branches_inside_its_version(demo):
    for titel in PROCESSEN:
        for versie in ProcesVersie.objects.filter(traject__titel=titel):
            stappen = list(versie.stappen.all())
            assert [s.volgorde for s in stappen] == list(range(1, len(stappen) + 1))
            assert {s.lean for s in stappen} == set(Lean.values)
            for stap in stappen:
                stap.full_clean()


def test_loading_again_adds_no_maps(demo, django_user_model):
    aantal = ProcesVersie.objects.count()
    gebruikers = {u.username: u for u in django_user_model.objects.all()}
    assert processen_maken(gebruikers) == []
    assert ProcesVersie.objects.count() == aantal
