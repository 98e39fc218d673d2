"""The 3b demo data: colleagues check the demo's current process maps, through the services, once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.controle.factories import versie_met_stappen
from trajecten.choices import ControleStatus, VersieStatus
from trajecten.models import Gebeurtenis, ProcesControle, ProcesVersie, StapOpmerking, Traject
from wasstraat.accounts.models import User
from wasstraat.demo.controles import CONTROLES, controles_laden

pytestmark = pytest.mark.django_db

OMGEVINGSVERGUNNING, BIJSTAND = CONTROLES


@pytest.fixture
def demo() -> dict[str, User]:
    """The demo, with (if the process demo did not make them) a current map of five steps for both
    trajectories of the 3b demo, last changed three weeks ago."""
    call_command("demodata", stdout=StringIO())
    for titel in CONTROLES:
        traject = Traject.objects.get(titel=titel)
        if not traject.procesversies.filter(soort="huidig", stappen__isnull=False).exists():
            versie = versie_met_stappen(traject, 5)
            ProcesVersie.objects.filter(pk=versie.pk).update(
                gewijzigd_op=timezone.now() - dt.timedelta(days=21)
            )
            controles_laden({u.username: u for u in User.objects.all()})
    return {u.username: u for u in User.objects.all()}


def _versie(titel: str) -> ProcesVersie:
    return (
        ProcesVersie.objects.filter(traject__titel=titel, soort="huidig", controles__isnull=False)
        .distinct()
        .get()
    )


def test_the_omgevingsvergunning_check_is_under_way(demo):
    versie = _versie(OMGEVINGSVERGUNNING)
    assert versie.status == VersieStatus.TER_CONTROLE
    statussen = dict(versie.controles.values_list("gebruiker__username", "status"))
    assert statussen == {
        "medewerker1": ControleStatus.BEVESTIGD,
        "medewerker2": ControleStatus.OPMERKINGEN,
        "proceseigenaar": ControleStatus.UITGENODIGD,
    }
    assert StapOpmerking.objects.filter(controle__versie=versie).values("stap").distinct().count() == 2


def test_the_bijstand_map_is_checked_online(demo):
    versie = _versie(BIJSTAND)
    assert versie.status == VersieStatus.GECONTROLEERD
    assert versie.gecontroleerd_door == demo["procesadviseur"]
    assert not versie.controles.filter(status=ControleStatus.UITGENODIGD).exists()


def test_the_history_runs_forward_and_lies_in_the_past(demo):
    nu = timezone.now()
    for titel in CONTROLES:
        versie = _versie(titel)
        for controle in versie.controles.all():
            assert versie.gewijzigd_op < controle.uitgenodigd_op < nu
            if controle.gereageerd_op:
                assert controle.uitgenodigd_op < controle.gereageerd_op < nu
        if versie.gecontroleerd_op:
            assert max(c.gereageerd_op for c in versie.controles.all()) < versie.gecontroleerd_op < nu


def test_loading_again_changes_nothing(demo):
    tellingen = (ProcesControle.objects.count(), StapOpmerking.objects.count(), Gebeurtenis.objects.count())
    controles_laden(demo)
    call_command("demodata", stdout=StringIO())
    assert (
        ProcesControle.objects.count(),
        StapOpmerking.objects.count(),
        Gebeurtenis.objects.count(),
    ) == tellingen


def test_a_trajectory_without_a_current_map_is_skipped(traject, gebruikers, monkeypatch):
    from wasstraat.demo import controles

    verhaal = controles.CONTROLES[OMGEVINGSVERGUNNING]
    versie_met_stappen(traject, 0)  # a current version without steps: nothing to check
    monkeypatch.setattr(controles, "CONTROLES", {traject.titel: verhaal, "Bestaat niet": verhaal})
    controles.controles_laden({"procesadviseur": gebruikers["procesadviseur"]})
    assert not ProcesControle.objects.exists()
