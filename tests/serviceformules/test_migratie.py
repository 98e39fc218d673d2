"""The national formules the data migration 0003 seeds: present after migrate, all six P's filled in,
idempotent, and never overwriting what the municipality changed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from serviceformules.choices import P
from serviceformules.models import FormuleP, Serviceformule

pytestmark = pytest.mark.django_db

zaaien = importlib.import_module("serviceformules.migrations.0003_landelijke_formules")

LANDELIJK = {"Flitsformule", "Wegwijsformule", "Beheerformule", "Ontwikkelformule", "Toezichtformule"}


def test_the_national_formules_exist_after_migrate_with_all_six_ps_filled_in():
    formules = Serviceformule.objects.filter(landelijk=True).prefetch_related("ps")
    assert {f.naam for f in formules} == LANDELIJK
    for formule in formules:
        assert formule.actief
        assert formule.omschrijving and formule.klantrol
        assert len(formule.kernwaarden_lijst) >= 3, formule.naam
        ps = {rij.p: rij for rij in formule.ps.all()}
        assert set(ps) == set(P.values), formule.naam
        for rij in ps.values():
            assert rij.zekerheid.strip() and rij.interne_afspraak.strip(), f"{formule.naam}: {rij.p}"


def test_the_flitsformule_and_the_wegwijsformule_say_what_the_method_says():
    flits = Serviceformule.objects.get(naam="Flitsformule")
    assert {"Eenvoudig", "Snel", "Standaard", "Direct duidelijk"} <= set(flits.kernwaarden_lijst)
    assert "rijbewijs" in flits.omschrijving
    wegwijs = Serviceformule.objects.get(naam="Wegwijsformule")
    assert "afdelingen" in wegwijs.omschrijving and "op maat" in wegwijs.omschrijving


def test_seeding_again_changes_nothing_and_keeps_the_municipalitys_edits():
    flits = Serviceformule.objects.get(naam="Flitsformule")
    flits.omschrijving = "Onze eigen tekst."
    flits.save()
    FormuleP.objects.filter(formule=flits, p=P.PRIJS).update(zekerheid="Gratis, altijd.")
    Serviceformule.objects.filter(naam="Toezichtformule").update(actief=False)
    aantallen = (Serviceformule.objects.count(), FormuleP.objects.count())

    zaaien.landelijke_formules_zaaien(apps, None)
    zaaien.landelijke_formules_zaaien(apps, None)

    assert (Serviceformule.objects.count(), FormuleP.objects.count()) == aantallen
    flits.refresh_from_db()
    assert flits.omschrijving == "Onze eigen tekst."
    assert FormuleP.objects.get(formule=flits, p=P.PRIJS).zekerheid == "Gratis, altijd."
    assert not Serviceformule.objects.get(naam="Toezichtformule").actief


def test_a_deleted_national_formule_comes_back_with_its_six_ps():
    Serviceformule.objects.filter(naam="Beheerformule").delete()
    zaaien.landelijke_formules_zaaien(apps, None)
    beheer = Serviceformule.objects.get(naam="Beheerformule")
    assert beheer.landelijk
    assert beheer.ps.count() == 6


def test_reversing_the_migration_removes_nothing():
    migratie = zaaien.Migration
    (operatie,) = migratie.operations
    assert operatie.reversible
    assert operatie.reverse_code.__name__ == "noop"
