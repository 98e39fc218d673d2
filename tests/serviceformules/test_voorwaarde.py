"""Step 5's completion condition, plugged into the workflow: a serviceformule chosen and all six P's
assessed against it; choosing another formule makes the step incomplete again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from serviceformules import services as formules
from serviceformules.choices import Oordeel, P
from serviceformules.models import Serviceformule
from tests.factories import zet_stappen
from tests.serviceformules.factories import PBeoordelingFactory
from trajecten import services, workflow
from trajecten.choices import Rol, Stap, StapStatusKeuze, TrajectStatus

pytestmark = pytest.mark.django_db

KIES = "Choose the serviceformule that fits the product."
ALLE = "Assess all six P's."


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def stap5_bezig(traject):
    return zet_stappen(
        traject,
        {
            Stap.S1: StapStatusKeuze.AFGEROND,
            Stap.S3A: StapStatusKeuze.AFGEROND,
            Stap.S3B: StapStatusKeuze.AFGEROND,
            Stap.S5: StapStatusKeuze.BEZIG,
        },
        traject_status=TrajectStatus.LOPEND,
    )


def beoordeel(traject, door, ps) -> None:
    for p in ps:
        formules.p_beoordelen(
            traject=traject, door=door, p=p, oordeel=Oordeel.KOMT_OVEREEN, toelichting="Klopt."
        )


def test_without_a_formule_step_5_asks_for_the_choice_and_the_six_ps(stap5_bezig, gebruikers):
    assert workflow.ontbrekend(stap5_bezig, Stap.S5) == [KIES, ALLE]
    with pytest.raises(services.WorkflowFout) as fout:
        services.stap_afronden(traject=stap5_bezig, stap=Stap.S5, door=gebruikers[Rol.PROJECTLEIDER])
    assert fout.value.berichten == [KIES, ALLE]


def test_with_a_formule_and_five_ps_step_5_names_the_sixth(stap5_bezig, gebruikers):
    pl = gebruikers[Rol.PROJECTLEIDER]
    formules.formule_kiezen(
        traject=stap5_bezig, door=pl, formule=Serviceformule.objects.get(naam="Flitsformule")
    )
    assert workflow.ontbrekend(stap5_bezig, Stap.S5) == [
        "Assess the remaining P's: Product, Price, Place (channel), Staff, Process, Promotion (information)."
    ]
    beoordeel(stap5_bezig, pl, [p for p in P if p != P.PROMOTIE])
    assert workflow.ontbrekend(stap5_bezig, Stap.S5) == ["Assess the remaining P: Promotion (information)."]
    with pytest.raises(services.WorkflowFout):
        services.stap_afronden(traject=stap5_bezig, stap=Stap.S5, door=pl)


def test_with_all_six_ps_the_project_leader_completes_step_5(stap5_bezig, gebruikers):
    pl = gebruikers[Rol.PROJECTLEIDER]
    formules.formule_kiezen(
        traject=stap5_bezig, door=pl, formule=Serviceformule.objects.get(naam="Flitsformule")
    )
    beoordeel(stap5_bezig, pl, list(P))
    assert workflow.ontbrekend(stap5_bezig, Stap.S5) == []
    rij = services.stap_afronden(traject=stap5_bezig, stap=Stap.S5, door=pl)
    assert rij.status == StapStatusKeuze.AFGEROND


def test_deviations_count_as_assessed_too(stap5_bezig, gebruikers):
    pl = gebruikers[Rol.PROJECTLEIDER]
    formules.formule_kiezen(
        traject=stap5_bezig, door=pl, formule=Serviceformule.objects.get(naam="Flitsformule")
    )
    for p, oordeel in zip(P, [Oordeel.WIJKT_AF, Oordeel.WIJKT_DEELS_AF] * 3, strict=True):
        formules.p_beoordelen(traject=stap5_bezig, door=pl, p=p, oordeel=oordeel, toelichting="Wijkt af.")
    assert workflow.ontbrekend(stap5_bezig, Stap.S5) == []


def test_another_formule_makes_step_5_incomplete_again(stap5_bezig, gebruikers):
    pl = gebruikers[Rol.PROJECTLEIDER]
    formules.formule_kiezen(
        traject=stap5_bezig, door=pl, formule=Serviceformule.objects.get(naam="Flitsformule")
    )
    beoordeel(stap5_bezig, pl, list(P))
    formules.formule_kiezen(
        traject=stap5_bezig, door=pl, formule=Serviceformule.objects.get(naam="Wegwijsformule")
    )
    assert len(workflow.ontbrekend(stap5_bezig, Stap.S5)) == 1
    assert "Assess the remaining P's" in workflow.ontbrekend(stap5_bezig, Stap.S5)[0]
    with pytest.raises(services.WorkflowFout):
        services.stap_afronden(traject=stap5_bezig, stap=Stap.S5, door=pl)


def test_only_assessments_of_this_trajectory_count(stap5_bezig, gebruikers, maak_traject):
    pl = gebruikers[Rol.PROJECTLEIDER]
    flits = Serviceformule.objects.get(naam="Flitsformule")
    formules.formule_kiezen(traject=stap5_bezig, door=pl, formule=flits)
    ander = maak_traject(titel="Een ander traject")
    for p in P:
        PBeoordelingFactory(traject=ander, formule=flits, p=p)
    assert workflow.ontbrekend(stap5_bezig, Stap.S5)


def test_the_condition_costs_two_queries(stap5_bezig, gebruikers, django_assert_num_queries):
    pl = gebruikers[Rol.PROJECTLEIDER]
    formules.formule_kiezen(
        traject=stap5_bezig, door=pl, formule=Serviceformule.objects.get(naam="Flitsformule")
    )
    beoordeel(stap5_bezig, pl, list(P))
    with django_assert_num_queries(2):
        assert workflow.ontbrekend(stap5_bezig, Stap.S5) == []
