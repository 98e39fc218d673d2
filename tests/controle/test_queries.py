"""The 3b pages keep a bounded number of queries: 60 steps, 10 people asked, each with comments.

Measured with little and with much data against the same bound, so a query per step, per person or
per comment fails the large case.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.controle.factories import versie_met_stappen
from tests.factories import lid
from trajecten.choices import ControleStatus, Rol
from trajecten.models import ProcesControle, StapOpmerking

pytestmark = pytest.mark.django_db

#: Measured on SQLite and PostgreSQL, plus two.
CONTROLEREN = 14  # measured 12
OVERZICHT = 18  # measured 16


def opzet(traject, pa, stappen: int, personen: int):
    """A version with `stappen` steps; `personen` medewerkers asked, each commenting on every third step."""
    versie = versie_met_stappen(traject, stappen)
    alle_stappen = list(versie.stappen.all())
    gevraagd = [lid(traject, Rol.VAKINHOUDELIJK_MEDEWERKER) for _ in range(personen)]
    controles = ProcesControle.objects.bulk_create(
        ProcesControle(versie=versie, gebruiker=g, uitgenodigd_door=pa, status=ControleStatus.OPMERKINGEN)
        for g in gevraagd
    )
    StapOpmerking.objects.bulk_create(
        StapOpmerking(controle=c, stap=s, tekst=f"Opmerking over {s.naam}")
        for c in controles
        for s in alle_stappen[::3]
    )
    return versie, gevraagd


@pytest.mark.parametrize(("stappen", "personen"), [(3, 1), (60, 10)], ids=["little", "much"])
def test_the_check_page_is_bounded(traject, pa, stappen, personen, django_assert_max_num_queries):
    versie, gevraagd = opzet(traject, pa, stappen, personen)
    client = Client()
    client.force_login(gevraagd[0])
    url = reverse("trajecten:proces_controleren", args=[traject.pk, versie.pk])
    with django_assert_max_num_queries(CONTROLEREN):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('name="tekst"') == stappen


@pytest.mark.parametrize(("stappen", "personen"), [(3, 1), (60, 10)], ids=["little", "much"])
def test_the_overview_is_bounded(traject, pa, stappen, personen, django_assert_max_num_queries):
    versie, gevraagd = opzet(traject, pa, stappen, personen)
    client = Client()
    client.force_login(pa)  # the procesadviseur: the page with both forms
    url = reverse("trajecten:proces_controle", args=[traject.pk, versie.pk])
    with django_assert_max_num_queries(OVERZICHT):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["controles"]) == personen
