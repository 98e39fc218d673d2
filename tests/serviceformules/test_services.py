"""The services of the catalogue and of step 5: who may, what they refuse, what they record."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from serviceformules import services
from serviceformules.choices import Oordeel, P
from serviceformules.models import Formulekeuze, FormuleP, PBeoordeling, Serviceformule
from tests.factories import ProductFactory, zet_stappen
from tests.serviceformules.factories import FormulekeuzeFactory, ServiceformuleFactory
from trajecten.choices import GebeurtenisSoort, Rol, Stap, TrajectStatus
from trajecten.models import Gebeurtenis
from trajecten.services import WorkflowFout
from verbeterplan.choices import VerbeterpuntBron
from verbeterplan.models import Verbeterpunt
from verbeterplan.services import afwijking_naar_verbeterpunt

pytestmark = pytest.mark.django_db

BEHEERDER = "functioneel_beheerder"


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    """Messages are compared in English, the source language."""
    with translation.override("en"):
        yield


def teksten(voorvoegsel: str = "") -> dict[str, dict[str, str]]:
    return {
        p.value: {
            "zekerheid": f"{voorvoegsel}Belofte {p.value}",
            "interne_afspraak": f"{voorvoegsel}Afspraak {p.value}",
        }
        for p in P
    }


def formule_gegevens(**anders) -> dict:
    return {
        "naam": "Meldingformule",
        "omschrijving": "Voor meldingen die snel opgelost moeten worden.",
        "klantrol": "Melder",
        "kernwaarden": "Snel\nZichtbaar",
        "actief": True,
        **anders,
    }


def gebeurtenissen(traject) -> list[Gebeurtenis]:
    return list(traject.gebeurtenissen.filter(soort=GebeurtenisSoort.SERVICEFORMULE).order_by("pk"))


# --- the catalogue ------------------------------------------------------------------------------


class TestCatalogue:
    def test_the_functional_administrator_adds_a_formule_with_all_six_ps(self, gebruikers):
        formule = services.formule_aanmaken(door=gebruikers[BEHEERDER], ps=teksten(), **formule_gegevens())
        assert not formule.landelijk
        rijen = {rij.p: rij for rij in formule.ps.all()}
        assert set(rijen) == set(P.values)
        assert rijen["prijs"].zekerheid == "Belofte prijs"
        assert rijen["prijs"].interne_afspraak == "Afspraak prijs"

    def test_a_new_formule_without_texts_still_has_six_empty_ps(self, gebruikers):
        formule = services.formule_aanmaken(door=gebruikers[BEHEERDER], **formule_gegevens())
        assert formule.ps.count() == 6
        assert not formule.ps.exclude(zekerheid="").exists()

    @pytest.mark.parametrize("rol", [Rol.PROJECTLEIDER, "management", "buitenstaander"])
    def test_only_the_functional_administrator_keeps_the_catalogue(self, gebruikers, rol):
        with pytest.raises(PermissionDenied):
            services.formule_aanmaken(door=gebruikers[rol], **formule_gegevens())
        flits = Serviceformule.objects.get(naam="Flitsformule")
        with pytest.raises(PermissionDenied):
            services.formule_wijzigen(formule=flits, door=gebruikers[rol], omschrijving="Anders.")
        with pytest.raises(PermissionDenied):
            services.product_formule_zetten(product=ProductFactory(), formule=flits, door=gebruikers[rol])
        assert not Serviceformule.objects.filter(naam="Meldingformule").exists()

    def test_a_formule_needs_a_unique_name_and_a_description(self, gebruikers):
        with pytest.raises(ValidationError) as fout:
            services.formule_aanmaken(door=gebruikers[BEHEERDER], **formule_gegevens(naam="Flitsformule"))
        assert "naam" in fout.value.message_dict
        with pytest.raises(ValidationError) as fout:
            services.formule_aanmaken(door=gebruikers[BEHEERDER], **formule_gegevens(omschrijving="  "))
        assert "omschrijving" in fout.value.message_dict

    def test_only_a_formules_own_fields_are_accepted(self, gebruikers):
        with pytest.raises(ValueError):
            services.formule_aanmaken(door=gebruikers[BEHEERDER], landelijk=True, **formule_gegevens())
        with pytest.raises(ValueError):
            services.formule_aanmaken(door=gebruikers[BEHEERDER], ps={"prestatie": {}}, **formule_gegevens())

    def test_changing_a_national_formule_changes_its_texts_and_keeps_it_national(self, gebruikers):
        flits = Serviceformule.objects.get(naam="Flitsformule")
        gewijzigd = services.formule_wijzigen(
            formule=flits,
            door=gebruikers[BEHEERDER],
            ps=teksten("Onze "),
            **formule_gegevens(naam="Flitsformule", actief=False),
        )
        assert gewijzigd.landelijk and not gewijzigd.actief
        assert gewijzigd.omschrijving == "Voor meldingen die snel opgelost moeten worden."
        assert FormuleP.objects.get(formule=flits, p=P.PROCES).zekerheid == "Onze Belofte proces"
        assert FormuleP.objects.filter(formule=flits).count() == 6

    def test_changing_fills_in_a_p_the_formule_was_missing(self, gebruikers):
        formule = ServiceformuleFactory()
        FormuleP.objects.filter(formule=formule, p=P.PROMOTIE).delete()
        services.formule_wijzigen(formule=formule, door=gebruikers[BEHEERDER], ps=teksten())
        assert FormuleP.objects.get(formule=formule, p=P.PROMOTIE).zekerheid == "Belofte promotie"

    def test_a_product_gets_its_formule_and_loses_it_again(self, gebruikers):
        product, flits = ProductFactory(), Serviceformule.objects.get(naam="Flitsformule")
        services.product_formule_zetten(product=product, formule=flits, door=gebruikers[BEHEERDER])
        product.refresh_from_db()
        assert product.serviceformule == flits
        services.product_formule_zetten(product=product, formule=None, door=gebruikers[BEHEERDER])
        product.refresh_from_db()
        assert product.serviceformule is None

    def test_a_product_cannot_get_an_inactive_formule(self, gebruikers):
        inactief = ServiceformuleFactory(actief=False)
        with pytest.raises(ValidationError) as fout:
            services.product_formule_zetten(
                product=ProductFactory(), formule=inactief, door=gebruikers[BEHEERDER]
            )
        assert "serviceformule" in fout.value.message_dict


# --- step 5: choosing the formule ---------------------------------------------------------------


class TestFormuleKiezen:
    @pytest.mark.parametrize(
        "rol", [Rol.PROJECTLEIDER, Rol.PROCESEIGENAAR, Rol.VAKINHOUDELIJK_MEDEWERKER, Rol.KLANTREISCOACH]
    )
    def test_the_team_roles_of_step_5_choose_the_formule(self, traject, gebruikers, rol):
        flits = Serviceformule.objects.get(naam="Flitsformule")
        keuze = services.formule_kiezen(
            traject=traject, door=gebruikers[rol], formule=flits, toelichting="Standaard."
        )
        assert keuze.formule == flits and keuze.gekozen_door == gebruikers[rol]
        (gebeurtenis,) = gebeurtenissen(traject)
        assert gebeurtenis.stap == Stap.S5
        assert gebeurtenis.omschrijving == "Serviceformule “Flitsformule” chosen."
        assert gebeurtenis.gegevens == {"formule": flits.pk, "vorige_formule": None}

    @pytest.mark.parametrize(
        "rol",
        [Rol.PROCESADVISEUR, Rol.SPONSOR, Rol.TEAMMANAGER, Rol.SPECIALIST, "management", "buitenstaander"],
    )
    def test_other_people_may_not_choose(self, traject, gebruikers, rol):
        with pytest.raises(PermissionDenied):
            services.formule_kiezen(
                traject=traject, door=gebruikers[rol], formule=Serviceformule.objects.get(naam="Flitsformule")
            )
        assert not Formulekeuze.objects.filter(traject=traject).exists()

    def test_an_inactive_formule_cannot_be_chosen(self, traject, gebruikers):
        with pytest.raises(ValidationError) as fout:
            services.formule_kiezen(
                traject=traject,
                door=gebruikers[Rol.PROJECTLEIDER],
                formule=ServiceformuleFactory(actief=False),
            )
        assert "formule" in fout.value.message_dict

    def test_a_chosen_formule_that_became_inactive_stays_chosen_with_a_new_explanation(
        self, traject, gebruikers
    ):
        formule = ServiceformuleFactory()
        pl = gebruikers[Rol.PROJECTLEIDER]
        services.formule_kiezen(traject=traject, door=pl, formule=formule)
        Serviceformule.objects.filter(pk=formule.pk).update(actief=False)
        keuze = services.formule_kiezen(traject=traject, door=pl, formule=formule, toelichting="Toch deze.")
        assert keuze.toelichting == "Toch deze."

    def test_choosing_the_same_again_records_nothing(self, traject, gebruikers):
        flits, pl = Serviceformule.objects.get(naam="Flitsformule"), gebruikers[Rol.PROJECTLEIDER]
        services.formule_kiezen(traject=traject, door=pl, formule=flits, toelichting="Past.")
        services.formule_kiezen(traject=traject, door=pl, formule=flits, toelichting=" Past. ")
        assert len(gebeurtenissen(traject)) == 1

    def test_another_formule_starts_afresh_and_keeps_the_earlier_assessments(self, traject, gebruikers):
        pl = gebruikers[Rol.PROJECTLEIDER]
        flits = Serviceformule.objects.get(naam="Flitsformule")
        wegwijs = Serviceformule.objects.get(naam="Wegwijsformule")
        services.formule_kiezen(traject=traject, door=pl, formule=flits)
        services.p_beoordelen(
            traject=traject, door=pl, p=P.PRIJS, oordeel=Oordeel.WIJKT_AF, toelichting="Te duur."
        )
        services.formule_kiezen(traject=traject, door=pl, formule=wegwijs)
        assert Formulekeuze.objects.get(traject=traject).formule == wegwijs
        assert PBeoordeling.objects.filter(traject=traject, formule=flits).count() == 1
        assert not PBeoordeling.objects.filter(traject=traject, formule=wegwijs).exists()
        laatste = gebeurtenissen(traject)[-1]
        assert "“Flitsformule”" in laatste.omschrijving and "“Wegwijsformule”" in laatste.omschrijving
        assert laatste.gegevens == {"formule": wegwijs.pk, "vorige_formule": flits.pk}

    @pytest.mark.parametrize("status", [TrajectStatus.GESTOPT, TrajectStatus.AFGEROND])
    def test_a_closed_trajectory_keeps_its_assessment(self, traject, gebruikers, status):
        traject = zet_stappen(traject, {}, traject_status=status)
        with pytest.raises(WorkflowFout):
            services.formule_kiezen(
                traject=traject,
                door=gebruikers[Rol.PROJECTLEIDER],
                formule=Serviceformule.objects.get(naam="Flitsformule"),
            )
        assert not Formulekeuze.objects.filter(traject=traject).exists()


# --- step 5: assessing a P ----------------------------------------------------------------------


@pytest.fixture
def gekozen(traject, gebruikers):
    """The trajectory with the Flitsformule chosen; returns (traject, formule, projectleider)."""
    flits = Serviceformule.objects.get(naam="Flitsformule")
    FormulekeuzeFactory(traject=traject, formule=flits)
    return traject, flits, gebruikers[Rol.PROJECTLEIDER]


class TestPBeoordelen:
    def test_assessing_copies_the_formules_promise_and_agreement(self, gekozen, gebruikers):
        traject, flits, _pl = gekozen
        vm = gebruikers[Rol.VAKINHOUDELIJK_MEDEWERKER]
        beoordeling = services.p_beoordelen(
            traject=traject,
            door=vm,
            p=P.PRIJS,
            oordeel=Oordeel.WIJKT_DEELS_AF,
            toelichting=" Leges achteraf. ",
        )
        teksten_ = FormuleP.objects.get(formule=flits, p=P.PRIJS)
        assert beoordeling.formule == flits and beoordeling.beoordeeld_door == vm
        assert beoordeling.toelichting == "Leges achteraf."
        assert (beoordeling.zekerheid, beoordeling.interne_afspraak) == (
            teksten_.zekerheid,
            teksten_.interne_afspraak,
        )
        (gebeurtenis,) = gebeurtenissen(traject)
        assert gebeurtenis.stap == Stap.S5
        assert gebeurtenis.omschrijving == "Price assessed against the Flitsformule: Partly deviates."
        assert "Leges" not in str(gebeurtenis.gegevens)

    def test_assessing_again_changes_the_same_assessment_with_the_current_texts(self, gekozen):
        traject, flits, pl = gekozen
        eerste = services.p_beoordelen(
            traject=traject, door=pl, p=P.PROCES, oordeel=Oordeel.WIJKT_AF, toelichting="Traag."
        )
        FormuleP.objects.filter(formule=flits, p=P.PROCES).update(zekerheid="Binnen een dag.")
        tweede = services.p_beoordelen(
            traject=traject, door=pl, p=P.PROCES, oordeel=Oordeel.KOMT_OVEREEN, toelichting="Nu snel."
        )
        assert tweede.pk == eerste.pk
        assert tweede.zekerheid == "Binnen een dag." and tweede.oordeel == Oordeel.KOMT_OVEREEN
        assert gebeurtenissen(traject)[-1].omschrijving == (
            "Process assessed again against the Flitsformule: Deviates → Matches."
        )

    def test_an_earlier_assessment_keeps_the_texts_it_was_made_against(self, gekozen, gebruikers):
        traject, flits, pl = gekozen
        services.p_beoordelen(
            traject=traject, door=pl, p=P.PLAATS, oordeel=Oordeel.WIJKT_AF, toelichting="Alleen balie."
        )
        oud = FormuleP.objects.get(formule=flits, p=P.PLAATS).zekerheid
        services.formule_wijzigen(
            formule=flits, door=gebruikers[BEHEERDER], ps={P.PLAATS: {"zekerheid": "Overal."}}
        )
        assert PBeoordeling.objects.get(traject=traject, p=P.PLAATS).zekerheid == oud

    @pytest.mark.parametrize("toelichting", ["", "   "])
    def test_an_explanation_is_required(self, gekozen, toelichting):
        traject, _flits, pl = gekozen
        with pytest.raises(ValidationError) as fout:
            services.p_beoordelen(
                traject=traject, door=pl, p=P.PRODUCT, oordeel=Oordeel.KOMT_OVEREEN, toelichting=toelichting
            )
        assert fout.value.message_dict["toelichting"] == [str(services.TOELICHTING_VERPLICHT)]
        assert not PBeoordeling.objects.filter(traject=traject).exists()
        assert not gebeurtenissen(traject)

    def test_an_unknown_verdict_or_p_is_refused(self, gekozen):
        traject, _flits, pl = gekozen
        with pytest.raises(ValidationError) as fout:
            services.p_beoordelen(
                traject=traject, door=pl, p=P.PRODUCT, oordeel="geweldig", toelichting="Ja."
            )
        assert "oordeel" in fout.value.message_dict
        with pytest.raises(ValidationError) as fout:
            services.p_beoordelen(
                traject=traject, door=pl, p="prestatie", oordeel=Oordeel.WIJKT_AF, toelichting="Ja."
            )
        assert "p" in fout.value.message_dict

    def test_assessing_needs_a_chosen_formule(self, traject, gebruikers):
        with pytest.raises(WorkflowFout) as fout:
            services.p_beoordelen(
                traject=traject,
                door=gebruikers[Rol.PROJECTLEIDER],
                p=P.PRODUCT,
                oordeel=Oordeel.WIJKT_AF,
                toelichting="x",
            )
        assert fout.value.berichten == ["Choose the serviceformule that fits the product first."]

    @pytest.mark.parametrize("rol", [Rol.PROCESADVISEUR, Rol.SPONSOR, "management"])
    def test_other_people_may_not_assess(self, gekozen, gebruikers, rol):
        traject, _flits, _pl = gekozen
        with pytest.raises(PermissionDenied):
            services.p_beoordelen(
                traject=traject, door=gebruikers[rol], p=P.PRODUCT, oordeel=Oordeel.WIJKT_AF, toelichting="x"
            )

    def test_a_stopped_trajectory_cannot_be_assessed(self, gekozen):
        traject, _flits, pl = gekozen
        traject = zet_stappen(traject, {}, traject_status=TrajectStatus.GESTOPT)
        with pytest.raises(WorkflowFout):
            services.p_beoordelen(
                traject=traject, door=pl, p=P.PRODUCT, oordeel=Oordeel.WIJKT_AF, toelichting="x"
            )


# --- step 5: a deviation becomes an improvement point (recorded by verbeterplan) ----------------


class TestAfwijkingNaarVerbeterpunt:
    def test_a_deviating_p_becomes_an_improvement_point_with_one_action(self, gekozen, gebruikers):
        traject, flits, pl = gekozen
        beoordeling = services.p_beoordelen(
            traject=traject, door=pl, p=P.PRIJS, oordeel=Oordeel.WIJKT_AF, toelichting="Leges pas na afloop."
        )
        krc = gebruikers[Rol.KLANTREISCOACH]
        punt = afwijking_naar_verbeterpunt(traject=traject, door=krc, p=P.PRIJS)
        assert punt.titel == "Price deviates from the Flitsformule"
        assert punt.omschrijving == "Leges pas na afloop."
        assert punt.p_beoordeling == beoordeling and punt.bron == VerbeterpuntBron.P_BEOORDELING
        assert punt.ingediend_door == krc
        assert traject.gebeurtenissen.filter(soort=GebeurtenisSoort.VERBETERPUNT).count() == 1

    def test_a_partial_deviation_says_so_in_the_title(self, gekozen):
        traject, _flits, pl = gekozen
        services.p_beoordelen(
            traject=traject, door=pl, p=P.PROMOTIE, oordeel=Oordeel.WIJKT_DEELS_AF, toelichting="x"
        )
        punt = afwijking_naar_verbeterpunt(traject=traject, door=pl, p=P.PROMOTIE)
        assert punt.titel == "Promotion (information) partly deviates from the Flitsformule"

    def test_a_matching_p_is_refused(self, gekozen):
        traject, _flits, pl = gekozen
        services.p_beoordelen(
            traject=traject, door=pl, p=P.PRODUCT, oordeel=Oordeel.KOMT_OVEREEN, toelichting="Klopt."
        )
        with pytest.raises(WorkflowFout) as fout:
            afwijking_naar_verbeterpunt(traject=traject, door=pl, p=P.PRODUCT)
        assert fout.value.berichten == ["Product matches the Flitsformule; there is no deviation to improve."]
        assert not Verbeterpunt.objects.filter(traject=traject).exists()

    def test_a_p_without_assessment_is_refused(self, gekozen):
        traject, _flits, pl = gekozen
        with pytest.raises(WorkflowFout) as fout:
            afwijking_naar_verbeterpunt(traject=traject, door=pl, p=P.PERSONEEL)
        assert fout.value.berichten == ["Staff has not been assessed yet."]

    def test_a_second_point_for_the_same_assessment_is_refused(self, gekozen):
        traject, _flits, pl = gekozen
        services.p_beoordelen(traject=traject, door=pl, p=P.PRIJS, oordeel=Oordeel.WIJKT_AF, toelichting="x")
        punt = afwijking_naar_verbeterpunt(traject=traject, door=pl, p=P.PRIJS)
        with pytest.raises(WorkflowFout) as fout:
            afwijking_naar_verbeterpunt(traject=traject, door=pl, p=P.PRIJS)
        assert fout.value.berichten == [f"An improvement point was already made from this P: “{punt.titel}”."]
        assert Verbeterpunt.objects.filter(traject=traject).count() == 1

    def test_after_another_formule_the_same_p_can_give_a_new_point(self, gekozen):
        traject, _flits, pl = gekozen
        services.p_beoordelen(traject=traject, door=pl, p=P.PRIJS, oordeel=Oordeel.WIJKT_AF, toelichting="x")
        afwijking_naar_verbeterpunt(traject=traject, door=pl, p=P.PRIJS)
        wegwijs = Serviceformule.objects.get(naam="Wegwijsformule")
        services.formule_kiezen(traject=traject, door=pl, formule=wegwijs)
        services.p_beoordelen(traject=traject, door=pl, p=P.PRIJS, oordeel=Oordeel.WIJKT_AF, toelichting="y")
        punt = afwijking_naar_verbeterpunt(traject=traject, door=pl, p=P.PRIJS)
        assert punt.titel == "Price deviates from the Wegwijsformule"
        assert Verbeterpunt.objects.filter(traject=traject).count() == 2

    @pytest.mark.parametrize("rol", [Rol.PROCESADVISEUR, Rol.SPONSOR, "management"])
    def test_other_people_may_not_use_the_one_action(self, gekozen, gebruikers, rol):
        traject, _flits, pl = gekozen
        services.p_beoordelen(traject=traject, door=pl, p=P.PRIJS, oordeel=Oordeel.WIJKT_AF, toelichting="x")
        with pytest.raises(PermissionDenied):
            afwijking_naar_verbeterpunt(traject=traject, door=gebruikers[rol], p=P.PRIJS)

    def test_a_finished_trajectory_gets_no_new_points(self, gekozen):
        traject, _flits, pl = gekozen
        services.p_beoordelen(traject=traject, door=pl, p=P.PRIJS, oordeel=Oordeel.WIJKT_AF, toelichting="x")
        traject = zet_stappen(traject, {}, traject_status=TrajectStatus.AFGEROND)
        with pytest.raises(WorkflowFout):
            afwijking_naar_verbeterpunt(traject=traject, door=pl, p=P.PRIJS)
