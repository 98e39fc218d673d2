"""The demo's KPI's: made through the services, approved where step 2 runs, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from trajecten import workflow
from trajecten.choices import GebeurtenisSoort, Stap
from trajecten.models import Gebeurtenis, Kpi, KpiMeting, Traject
from wasstraat.accounts.models import User
from wasstraat.demo.kpis import OMGEVINGSVERGUNNING, PLANNEN, kpis_maken

pytestmark = pytest.mark.django_db

OMGEVING = "Omgevingsvergunning: sneller en voorspelbaar besluiten"


@pytest.fixture
def demo():
    call_command("demodata", stdout=StringIO())


def test_the_omgevingsvergunning_has_approved_kpis_with_monthly_measurements(demo):
    traject = Traject.objects.get(titel=OMGEVING)
    kpis = list(traject.kpis.order_by("pk"))
    assert [k.naam for k in kpis[:3]] == [d.naam for d in OMGEVINGSVERGUNNING.kpis]
    assert all(k.is_goedgekeurd for k in kpis[:3])
    assert kpis[0].goedgekeurd_door.username == "proceseigenaar"
    assert not kpis[3].is_goedgekeurd, "the KPI added after the approval waits for approval"
    doorlooptijd = kpis[0]
    assert (doorlooptijd.nulmeting, doorlooptijd.streefwaarde, doorlooptijd.eenheid) == (56, 28, "dagen")
    datums = list(doorlooptijd.metingen.values_list("datum", flat=True))
    assert len(datums) == 6 and datums == sorted(datums)
    assert all(27 <= (b - a).days <= 33 for a, b in zip(datums, datums[1:], strict=False)), datums
    assert datums[0] > doorlooptijd.nulmeting_datum
    assert workflow.ontbrekend(traject, Stap.S2) == []


def test_the_change_after_approval_is_in_the_timeline_with_its_reason(demo):
    traject = Traject.objects.get(titel=OMGEVING)
    wijziging = Gebeurtenis.objects.get(
        traject=traject, soort=GebeurtenisSoort.KPI, gegevens__na_goedkeuring=True
    )
    assert wijziging.reden and wijziging.actor.username == "teammanager"
    assert "definitie" in wijziging.gegevens["wijzigingen"]
    assert Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.BESLUIT, stap="2").exists()


def test_trajectories_before_step_2_have_draft_kpis_only(demo):
    for titel in PLANNEN:
        if titel != OMGEVING:
            traject = Traject.objects.get(titel=titel)
            assert traject.kpis.exists() and not traject.kpis.filter(goedgekeurd_op__isnull=False).exists()


def test_making_the_kpis_again_changes_nothing(demo):
    aantallen = (Kpi.objects.count(), KpiMeting.objects.count(), Gebeurtenis.objects.count())
    gebruikers = {u.username: u for u in User.objects.all()}
    assert kpis_maken(gebruikers) == []
    assert (Kpi.objects.count(), KpiMeting.objects.count(), Gebeurtenis.objects.count()) == aantallen
