"""Two people completing the same step at the same moment give one transition, not two (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import translation

from tests.factories import SessieFactory, TrajectFactory, lid
from trajecten import services
from trajecten.choices import GebeurtenisSoort, Rol, SessieSoort, Stap, StapStatusKeuze
from trajecten.models import Gebeurtenis
from trajecten.services import WorkflowFout
from trajecten.services.traject import BASISVELDEN
from wasstraat.bewerking import Bewerkingsconflict, versie_van

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def gelijktijdig(*acties) -> list[object]:
    """Run each action in its own thread with its own connection, all released at one moment.

    Returns per action its result or the exception it raised.
    """
    start = threading.Barrier(len(acties))
    uitkomsten: list[object] = [None] * len(acties)

    def draai(i: int, actie) -> None:
        try:
            start.wait(timeout=10)
            with translation.override("en"):  # the active language is per thread
                uitkomsten[i] = actie()
        except Exception as fout:  # noqa: BLE001 - the test inspects what happened
            uitkomsten[i] = fout
        finally:
            connection.close()

    draden = [threading.Thread(target=draai, args=(i, a)) for i, a in enumerate(acties)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=30)
    assert not any(d.is_alive() for d in draden), "a thread hung (deadlock?)"
    return uitkomsten


@pytest.fixture
def stap_1_bezig():
    """A trajectory whose step 1 may be completed, with two projectleiders."""
    traject = TrajectFactory()
    tweede = lid(traject, Rol.PROJECTLEIDER)
    lid(traject, Rol.SPONSOR)
    lid(traject, Rol.PROCESEIGENAAR)
    SessieFactory(traject=traject, soort=SessieSoort.START, notities="Kick-off gehouden.")
    services.stap_starten(traject=traject, stap=Stap.S1, door=traject.aangemaakt_door)
    return traject, traject.aangemaakt_door, tweede


def test_two_people_completing_the_same_step_at_once_make_one_transition(stap_1_bezig):
    traject, eerste, tweede = stap_1_bezig
    uitkomsten = gelijktijdig(
        lambda: services.stap_afronden(traject=traject, stap=Stap.S1, door=eerste),
        lambda: services.stap_afronden(traject=traject, stap=Stap.S1, door=tweede),
    )
    gelukt = [u for u in uitkomsten if not isinstance(u, Exception)]
    geweigerd = [u for u in uitkomsten if isinstance(u, Exception)]
    assert len(gelukt) == 1, uitkomsten
    assert len(geweigerd) == 1 and isinstance(geweigerd[0], WorkflowFout), uitkomsten
    assert geweigerd[0].berichten == ["Only a step in progress can be completed."]
    afgerond = Gebeurtenis.objects.filter(
        traject=traject,
        soort=GebeurtenisSoort.STAP_TRANSITIE,
        stap="1",
        naar_status=StapStatusKeuze.AFGEROND,
    )
    assert afgerond.count() == 1
    assert traject.stappen.get(stap="1").status == StapStatusKeuze.AFGEROND


def test_two_edits_of_the_same_version_keep_one_and_refuse_the_other(stap_1_bezig):
    traject, eerste, tweede = stap_1_bezig
    gezien = versie_van(traject, BASISVELDEN)
    uitkomsten = gelijktijdig(
        lambda: services.traject_wijzigen(traject=traject, door=eerste, gezien=gezien, titel="Van A"),
        lambda: services.traject_wijzigen(traject=traject, door=tweede, gezien=gezien, titel="Van B"),
    )
    geweigerd = [u for u in uitkomsten if isinstance(u, Exception)]
    assert len(geweigerd) == 1 and isinstance(geweigerd[0], Bewerkingsconflict), uitkomsten
    traject.refresh_from_db()
    assert traject.titel in {"Van A", "Van B"}
    assert [w.nu for w in geweigerd[0].wijzigingen] == [traject.titel]
    assert Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.TRAJECT_GEWIJZIGD).count() == 1
