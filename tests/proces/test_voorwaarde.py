"""Step 3a's completion condition, through the workflow service: a current version with a step."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from tests.factories import zet_stappen
from tests.proces.factories import ProcesStapFactory, ProcesVersieFactory
from trajecten import services, workflow
from trajecten.choices import ProcesSoort, Rol, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import StapStatus
from trajecten.services import WorkflowFout

ONTBREEKT = "Map the current process: add at least one step to a version of the current process."


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def drie_a_bezig(traject):
    return zet_stappen(
        traject,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S3A: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )


@pytest.fixture
def pa(gebruikers):
    return gebruikers[Rol.PROCESADVISEUR]


def afronden(traject, pa):
    services.stap_afronden(traject=traject, stap=Stap.S3A, door=pa)
    return StapStatus.objects.get(traject=traject, stap=Stap.S3A).status


def test_3a_cannot_be_completed_without_a_current_process(drie_a_bezig, pa):
    with pytest.raises(WorkflowFout) as fout:
        afronden(drie_a_bezig, pa)
    assert fout.value.berichten == [ONTBREEKT]


def test_an_empty_current_version_is_not_enough(drie_a_bezig, pa):
    ProcesVersieFactory(traject=drie_a_bezig, door=pa)
    with pytest.raises(WorkflowFout) as fout:
        afronden(drie_a_bezig, pa)
    assert fout.value.berichten == [ONTBREEKT]


def test_a_desired_version_does_not_count(drie_a_bezig, pa):
    gewenst = ProcesVersieFactory(traject=drie_a_bezig, soort=ProcesSoort.GEWENST, door=pa)
    ProcesStapFactory(versie=gewenst, door=pa)
    assert workflow.ontbrekend(drie_a_bezig, Stap.S3A) == [ONTBREEKT]


def test_3a_is_completed_once_the_current_process_has_a_step(drie_a_bezig, pa):
    ProcesStapFactory(versie=ProcesVersieFactory(traject=drie_a_bezig, door=pa), door=pa)
    assert workflow.ontbrekend(drie_a_bezig, Stap.S3A) == []
    assert afronden(drie_a_bezig, pa) == StapStatusKeuze.AFGEROND


def test_another_trajectorys_process_does_not_count(drie_a_bezig, pa, maak_traject):
    ander = maak_traject(titel="Ander traject")
    ProcesStapFactory(versie=ProcesVersieFactory(traject=ander, door=pa), door=pa)
    assert workflow.ontbrekend(drie_a_bezig, Stap.S3A) == [ONTBREEKT]
