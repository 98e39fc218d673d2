"""Step 4's completion condition, plugged into the workflow: a journey with at least one interview (or an
alternative source with its reason), the current journey with phases and contact moments, and the
desired journey."""

from __future__ import annotations

import pytest

from klantreis.choices import Reis
from klantreis.voorwaarden import klantreis_compleet
from tests.factories import zet_stappen
from tests.klantreis.factories import (
    AlternatiefFactory,
    ContactmomentFactory,
    FaseFactory,
    InterviewFactory,
    KlantreisFactory,
)
from trajecten import services, workflow
from trajecten.choices import Rol, Stap, StapStatusKeuze, TrajectStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def stap4_bezig(traject):
    return zet_stappen(
        traject,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S4: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )


def test_without_a_journey_everything_is_missing(traject):
    assert len(klantreis_compleet(traject)) == 4
    assert workflow.ontbrekend(traject, Stap.S4) == klantreis_compleet(traject)


def test_a_persona_alone_still_misses_sources_and_both_journeys(traject):
    KlantreisFactory(traject=traject)
    assert len(klantreis_compleet(traject)) == 3


@pytest.mark.parametrize("bron", ["interview", "alternatief"])
def test_an_interview_or_an_alternative_source_counts_as_the_customers_voice(traject, bron):
    reis = KlantreisFactory(traject=traject)
    if bron == "interview":
        InterviewFactory(klantreis=reis)
    else:
        AlternatiefFactory(klantreis=reis)
    assert len(klantreis_compleet(traject)) == 2  # both journeys still missing


def test_an_alternative_without_a_reason_does_not_count(traject):
    reis = KlantreisFactory(traject=traject)
    AlternatiefFactory(klantreis=reis, reden="")
    assert len(klantreis_compleet(traject)) == 3


def test_the_current_journey_alone_is_not_enough(traject):
    reis = KlantreisFactory(traject=traject)
    InterviewFactory(klantreis=reis)
    ContactmomentFactory(fase=FaseFactory(klantreis=reis), reis=Reis.HUIDIG)
    ontbreekt = klantreis_compleet(traject)
    assert len(ontbreekt) == 1
    ContactmomentFactory(fase=FaseFactory(klantreis=reis), reis=Reis.GEWENST)
    assert klantreis_compleet(traject) == []


def test_phases_without_contact_moments_do_not_count(traject):
    reis = KlantreisFactory(traject=traject)
    AlternatiefFactory(klantreis=reis)
    FaseFactory(klantreis=reis)
    assert len(klantreis_compleet(traject)) == 2


def test_another_trajectorys_journey_does_not_count(traject, maak_traject):
    ander = maak_traject(titel="Ander traject")
    reis = KlantreisFactory(traject=ander)
    InterviewFactory(klantreis=reis)
    fase = FaseFactory(klantreis=reis)
    ContactmomentFactory(fase=fase, reis=Reis.HUIDIG)
    ContactmomentFactory(fase=fase, reis=Reis.GEWENST)
    assert klantreis_compleet(ander) == []
    assert len(klantreis_compleet(traject)) == 4


@pytest.mark.parametrize("aantal", [1, 30], ids=["little", "much"])
def test_the_condition_is_one_query(traject, django_assert_num_queries, aantal):
    reis = KlantreisFactory(traject=traject)
    for _ in range(aantal):
        InterviewFactory(klantreis=reis)
        fase = FaseFactory(klantreis=reis)
        ContactmomentFactory(fase=fase, reis=Reis.HUIDIG)
        ContactmomentFactory(fase=fase, reis=Reis.GEWENST)
    with django_assert_num_queries(1):
        assert klantreis_compleet(traject) == []


def test_the_coach_completes_step_4_once_the_journey_is_complete(stap4_bezig, gebruikers):
    traject, coach = stap4_bezig, gebruikers[Rol.KLANTREISCOACH]
    with pytest.raises(services.WorkflowFout) as fout:
        services.stap_afronden(traject=traject, stap=Stap.S4, door=coach)
    assert len(fout.value.berichten) == 4
    reis = KlantreisFactory(traject=traject)
    InterviewFactory(klantreis=reis)
    fase = FaseFactory(klantreis=reis)
    ContactmomentFactory(fase=fase, reis=Reis.HUIDIG)
    ContactmomentFactory(fase=fase, reis=Reis.GEWENST)
    services.stap_afronden(traject=traject, stap=Stap.S4, door=coach)
    assert traject.stappen.get(stap=Stap.S4).status == StapStatusKeuze.AFGEROND
