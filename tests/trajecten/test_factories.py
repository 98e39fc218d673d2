"""The shared factories build what the application itself would build."""

from __future__ import annotations

import pytest

from tests.factories import (
    WACHTWOORD,
    SessieFactory,
    TeamlidFactory,
    TrajectFactory,
    UserFactory,
    VerbeterpuntFactory,
    lid,
    zet_stappen,
)
from trajecten.choices import Rol, Stap, StapStatusKeuze, TrajectStatus
from trajecten.permissions import rechten_voor, rechten_voor_rollen
from wasstraat.accounts.models import Groep

pytestmark = pytest.mark.django_db


def test_users_have_the_documented_password():
    assert UserFactory().check_password(WACHTWOORD)


def test_a_trajectory_comes_with_steps_projectleider_and_permissions():
    traject = TrajectFactory()
    maker = traject.aangemaakt_door
    assert maker.groups.filter(name=Groep.TRAJECTLEIDERS).exists()
    assert traject.stappen.count() == len(Stap)
    assert rechten_voor(maker, traject) == rechten_voor_rollen([Rol.PROJECTLEIDER])


def test_lid_gives_a_new_user_a_role():
    traject = TrajectFactory()
    specialist = lid(traject, Rol.SPECIALIST)
    jurist = lid(traject, Rol.SPECIALIST, discipline="jurist")
    assert traject.teamleden.get(gebruiker=specialist).discipline == "ict"
    assert traject.teamleden.get(gebruiker=jurist).discipline == "jurist"
    assert rechten_voor(specialist, traject) == rechten_voor_rollen([Rol.SPECIALIST])


def test_teamlid_session_and_point_belong_to_one_trajectory():
    teamlid = TeamlidFactory(rol=Rol.SPONSOR)
    sessie = SessieFactory(traject=teamlid.traject, aanwezigen=[teamlid.gebruiker])
    punt = VerbeterpuntFactory(traject=teamlid.traject)
    assert list(sessie.aanwezigen.all()) == [teamlid.gebruiker]
    assert sessie.aangemaakt_door == teamlid.traject.aangemaakt_door
    assert punt.ingediend_door == teamlid.traject.aangemaakt_door


def test_fixtures_give_a_full_team(traject, gebruikers):
    for rol in Rol:
        assert traject.teamleden.filter(gebruiker=gebruikers[rol], rol=rol).exists()
    assert not traject.teamleden.filter(gebruiker=gebruikers["buitenstaander"]).exists()


def test_zet_stappen_arranges_a_state():
    traject = zet_stappen(
        TrajectFactory(), {Stap.S1: StapStatusKeuze.AFGEROND}, traject_status=TrajectStatus.GESTOPT
    )
    assert traject.status == TrajectStatus.GESTOPT and traject.stopreden
    assert traject.stappen.get(stap=Stap.S1).status == StapStatusKeuze.AFGEROND
