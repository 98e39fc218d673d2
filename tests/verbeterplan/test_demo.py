"""The demo's draft improvement plan (Bijstand): points decided through the services, actions with
their fields, one point still open, every decision in the timeline; loading again adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from trajecten import workflow
from trajecten.choices import GebeurtenisSoort, Stap
from trajecten.models import Gebeurtenis, Traject
from verbeterplan.choices import Termijn, VerbeterpuntStatus
from wasstraat.accounts.models import User
from wasstraat.demo.verbeterplannen import verbeterplannen_maken

pytestmark = pytest.mark.django_db


def test_the_bijstand_has_a_draft_plan_with_decided_points_and_actions():
    call_command("demodata", stdout=StringIO())
    traject = Traject.objects.get(titel__startswith="Bijstand")
    acties = list(traject.verbeteracties.order_by("volgorde"))
    assert [a.volgorde for a in acties] == [1, 2, 3]
    assert {a.termijn for a in acties} == {Termijn.QUICK_WIN, Termijn.LANGE_TERMIJN}
    assert all(a.impact and a.inspanning and a.afdelingen.exists() for a in acties)
    assert any(a.punten.count() == 2 for a in acties), "two points merged into one action"
    statussen = list(traject.verbeterpunten.values_list("status", flat=True))
    assert set(statussen) == set(VerbeterpuntStatus.values)
    assert workflow.ontbrekend(traject, Stap.S6) == [
        "Neem een besluit over 1 open verbeterpunt: neem het over in een actie, voeg het samen met een "
        "actie of wijs het af met een reden."
    ]
    gebeurtenissen = Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.VERBETERPLAN)
    assert gebeurtenissen.count() >= 8 and not gebeurtenissen.filter(actor__isnull=True).exists()

    gebruikers = {u.username: u for u in User.objects.all()}
    assert verbeterplannen_maken(gebruikers) == []
    client = Client()
    client.force_login(gebruikers["procesadviseur"])
    assert client.get(reverse("verbeterplan:plan", args=[traject.pk])).status_code == 200
    inhoud = client.get(reverse("verbeterplan:acties", args=[traject.pk])).content.decode()
    assert "Gegevens zelf ophalen via Suwinet" in inhoud and "<svg" in inhoud
