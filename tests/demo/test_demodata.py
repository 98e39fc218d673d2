"""The demo data: loads through the services, spreads trajectories over the steps, loads twice safely."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from trajecten.choices import StapStatusKeuze, TrajectStatus
from trajecten.models import Traject
from wasstraat.accounts.models import User

pytestmark = pytest.mark.django_db


def _tellingen() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_it_loads_twice_without_duplicating_anything():
    call_command("demodata", stdout=StringIO())
    eerst = _tellingen()
    uitvoer = StringIO()
    call_command("demodata", stdout=uitvoer)
    assert _tellingen() == eerst
    assert "Wasstraat2026!" in uitvoer.getvalue()


def test_it_has_a_user_per_role_and_trajectories_in_different_states():
    call_command("demodata", stdout=StringIO())
    for naam in (
        "projectleider",
        "procesadviseur",
        "klantreiscoach",
        "proceseigenaar",
        "teammanager",
        "sponsor",
        "medewerker1",
        "medewerker2",
        "privacy",
        "ciso",
        "ict",
        "jurist",
        "applicatiebeheer",
        "communicatie",
        "manager",
        "beheerder",
    ):
        gebruiker = User.objects.get(username=naam)
        assert gebruiker.check_password("Wasstraat2026!")
    assert Traject.objects.count() >= 6
    statussen = set(Traject.objects.values_list("status", flat=True))
    assert {
        TrajectStatus.CONCEPT,
        TrajectStatus.LOPEND,
        TrajectStatus.GEPAUZEERD,
        TrajectStatus.GESTOPT,
    } <= statussen
    bezige_stappen = set(
        Traject.objects.filter(stappen__status=StapStatusKeuze.BEZIG).values_list("stappen__stap", flat=True)
    )
    assert {"1", "2", "3a", "4"} <= bezige_stappen
