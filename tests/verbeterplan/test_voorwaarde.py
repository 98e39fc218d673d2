"""Step 6's completion condition, registered from the verbeterplan app: every point decided (a rejection
with a reason), at least one action, every action quick win or long term — said in Dutch."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.factories import VerbeterpuntFactory, zet_stappen
from tests.verbeterplan.factories import VerbeteractieFactory, besloten
from trajecten import workflow
from trajecten.choices import Stap
from verbeterplan.choices import Termijn

pytestmark = pytest.mark.django_db


def _ontbrekend(traject) -> list[str]:
    with translation.override("nl"):
        return workflow.ontbrekend(traject, Stap.S6)


def test_an_empty_plan_needs_an_action(traject):
    assert _ontbrekend(traject) == ["Voeg ten minste één actie toe aan het verbeterplan."]


def test_open_points_and_undecided_actions_are_named(traject):
    VerbeterpuntFactory.create_batch(2, traject=traject)
    VerbeteractieFactory(traject=traject, titel="Eén loket", termijn="")
    VerbeteractieFactory(traject=traject, titel="Snel antwoord", termijn=Termijn.QUICK_WIN)
    assert _ontbrekend(traject) == [
        "Neem een besluit over 2 open verbeterpunten: neem elk over in een actie, voeg het samen met "
        "een actie of wijs het af met een reden.",
        "Geef deze actie aan als quick win of lange termijn: “Eén loket”.",
    ]


def test_one_open_point_reads_in_the_singular(traject):
    VerbeterpuntFactory(traject=traject)
    VerbeteractieFactory(traject=traject)
    assert _ontbrekend(traject) == [
        "Neem een besluit over 1 open verbeterpunt: neem het over in een actie, voeg het samen met een "
        "actie of wijs het af met een reden."
    ]


def test_the_condition_is_met_when_everything_is_decided(traject):
    actie = VerbeteractieFactory(traject=traject, termijn=Termijn.LANGE_TERMIJN)
    besloten(VerbeterpuntFactory(traject=traject), actie)
    besloten(VerbeterpuntFactory(traject=traject), reden="Valt buiten de scope.")
    assert _ontbrekend(traject) == []


def test_the_condition_takes_two_queries(traject, django_assert_num_queries):
    VerbeterpuntFactory.create_batch(5, traject=traject)
    VerbeteractieFactory.create_batch(5, traject=traject)
    with django_assert_num_queries(2):
        workflow.ontbrekend(traject, Stap.S6)


def test_step_6_completes_once_the_plan_is_ready_and_then_the_plan_is_closed(traject, gebruikers):
    from trajecten import services as trajectservices
    from trajecten.choices import Rol, StapStatusKeuze, TrajectStatus
    from trajecten.services import WorkflowFout
    from verbeterplan import services

    klaar = {
        stap: StapStatusKeuze.AFGEROND for stap in (Stap.S1, Stap.S2, Stap.S3A, Stap.S3B, Stap.S4, Stap.S5)
    }
    zet_stappen(traject, klaar | {Stap.S6: StapStatusKeuze.BEZIG}, traject_status=TrajectStatus.LOPEND)
    pl = gebruikers[Rol.PROJECTLEIDER]
    punt = VerbeterpuntFactory(traject=traject)
    with translation.override("nl"), pytest.raises(WorkflowFout) as fout:
        trajectservices.stap_afronden(traject=traject, stap=Stap.S6, door=pl)
    assert "Neem een besluit over 1 open verbeterpunt" in " ".join(fout.value.berichten)

    actie = services.verbeterpunt_overnemen(punt=punt, door=pl)
    services.verbeteractie_wijzigen(actie=actie, door=pl, termijn=Termijn.QUICK_WIN)
    trajectservices.stap_afronden(traject=traject, stap=Stap.S6, door=pl)
    with pytest.raises(WorkflowFout):
        services.verbeterpunt_afwijzen(punt=punt, door=pl, reden="Toch niet.")

    trajectservices.stap_heropenen(traject=traject, stap=Stap.S6, door=pl, reden="Nieuw punt uit de 6P.")
    services.verbeterpunt_afwijzen(punt=punt, door=pl, reden="Toch niet.")
