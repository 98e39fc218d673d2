"""Step 2's completion condition, plugged into the workflow: at least one complete KPI, approved by
the proceseigenaar."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.factories import zet_stappen
from tests.kpi.factories import KpiFactory, goedkeuren, kpi_gegevens
from trajecten import services, workflow
from trajecten.choices import Rol, Stap, StapStatusKeuze, TrajectStatus

pytestmark = pytest.mark.django_db

DEFINIEER = "Define at least one KPI (definition, unit, direction, baseline and target)."
KEUR = "Have the KPIs approved by the process owner."


@pytest.fixture
def stap2_bezig(traject):
    return zet_stappen(
        traject,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S2: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )


def test_step_2_is_completed_once_a_kpi_is_defined_and_approved(stap2_bezig, gebruikers):
    traject, pe = stap2_bezig, gebruikers[Rol.PROCESEIGENAAR]
    with pytest.raises(services.WorkflowFout) as fout:
        services.stap_afronden(traject=traject, stap=Stap.S2, door=pe)
    assert fout.value.berichten == [DEFINIEER]

    services.kpi_aanmaken(traject=traject, door=gebruikers[Rol.PROJECTLEIDER], **kpi_gegevens())
    with pytest.raises(services.WorkflowFout) as fout:
        services.stap_afronden(traject=traject, stap=Stap.S2, door=pe)
    assert fout.value.berichten == [KEUR]

    services.kpis_goedkeuren(traject=traject, door=pe)
    rij = services.stap_afronden(traject=traject, stap=Stap.S2, door=pe)
    assert rij.status == StapStatusKeuze.AFGEROND


def test_one_approved_kpi_is_enough_even_with_a_newer_unapproved_one(stap2_bezig, gebruikers):
    goedkeuren(KpiFactory(traject=stap2_bezig), door=gebruikers[Rol.PROCESEIGENAAR])
    KpiFactory(traject=stap2_bezig)
    assert workflow.ontbrekend(stap2_bezig, Stap.S2) == []


def test_only_kpis_of_this_trajectory_count(stap2_bezig, gebruikers, maak_traject):
    ander = maak_traject(titel="Een ander traject")
    goedkeuren(KpiFactory(traject=ander), door=gebruikers[Rol.PROCESEIGENAAR])
    assert workflow.ontbrekend(stap2_bezig, Stap.S2) == [DEFINIEER]


def test_the_condition_costs_one_query(stap2_bezig, django_assert_num_queries):
    KpiFactory.create_batch(5, traject=stap2_bezig)
    with django_assert_num_queries(1):
        assert workflow.ontbrekend(stap2_bezig, Stap.S2) == [KEUR]


def test_the_trajectory_page_shows_what_step_2_misses(stap2_bezig, gebruikers, client):
    client.force_login(gebruikers[Rol.SPONSOR])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch's choice
    response = client.get(stap2_bezig.get_absolute_url())
    assert response.status_code == 200
    stappen = {s.regel.stap: s for s in response.context["stappen"]}
    assert stappen[Stap.S2].ontbrekend == [DEFINIEER]
