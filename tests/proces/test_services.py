"""The services of the process maps: versions, copies, steps, order, deletion, the 3b lock, import."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tests.factories import VerbeterpuntFactory, zet_stappen
from tests.proces.factories import ProcesStapFactory, ProcesVersieFactory
from trajecten import services
from trajecten.choices import (
    GebeurtenisSoort,
    Lean,
    ProcesSoort,
    Rol,
    StapSoort,
    TijdEenheid,
    TrajectStatus,
    VersieStatus,
    Verspilling,
)
from trajecten.models import Gebeurtenis, ProcesStap, ProcesVersie
from trajecten.services import WorkflowFout
from trajecten.services.proces import TIJDENS_CONTROLE
from verbeterplan.services import verbeterpunt_vastleggen


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def pa(gebruikers):
    return gebruikers[Rol.PROCESADVISEUR]


@pytest.fixture
def versie(traject, pa) -> ProcesVersie:
    return services.procesversie_aanmaken(
        traject=traject, door=pa, soort=ProcesSoort.HUIDIG, naam="Huidig proces"
    )


def namen(versie: ProcesVersie) -> list[str]:
    return list(versie.stappen.order_by("volgorde").values_list("naam", flat=True))


def volgorden(versie: ProcesVersie) -> list[int]:
    return list(versie.stappen.order_by("volgorde").values_list("volgorde", flat=True))


def proces_gebeurtenissen(traject) -> list[Gebeurtenis]:
    return list(Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.PROCES).order_by("pk"))


# --- versions -------------------------------------------------------------------------------------


def test_a_version_is_created_as_a_draft_and_recorded_in_the_timeline(traject, pa):
    versie = services.procesversie_aanmaken(
        traject=traject,
        door=pa,
        soort=ProcesSoort.HUIDIG,
        naam="Huidig proces",
        toelichting="Reguliere procedure",
    )
    assert versie.status == VersieStatus.CONCEPT
    assert versie.aangemaakt_door == pa
    [gebeurtenis] = proces_gebeurtenissen(traject)
    assert gebeurtenis.omschrijving == "Process version “Huidig proces” (current) created."
    assert gebeurtenis.gegevens == {"versie": versie.pk, "kopie_van": None}


@pytest.mark.parametrize("rol", [Rol.PROCESADVISEUR, Rol.PROJECTLEIDER])
def test_the_procesadviseur_and_projectleider_may_map_the_process(traject, gebruikers, rol):
    services.procesversie_aanmaken(
        traject=traject, door=gebruikers[rol], soort=ProcesSoort.HUIDIG, naam="Kaart"
    )


@pytest.mark.parametrize(
    "rol", [Rol.PROCESEIGENAAR, Rol.VAKINHOUDELIJK_MEDEWERKER, Rol.SPONSOR, "buitenstaander"]
)
def test_others_may_not(traject, gebruikers, rol, versie):
    with pytest.raises(PermissionDenied):
        services.procesversie_aanmaken(
            traject=traject, door=gebruikers[rol], soort=ProcesSoort.HUIDIG, naam="Kaart"
        )
    with pytest.raises(PermissionDenied):
        services.processtap_toevoegen(versie=versie, door=gebruikers[rol], naam="Stap", actor="KCC")


def test_a_stopped_trajectory_keeps_its_maps(traject, pa, versie):
    zet_stappen(traject, {}, traject_status=TrajectStatus.GESTOPT)
    with pytest.raises(WorkflowFout) as fout:
        services.processtap_toevoegen(versie=versie, door=pa, naam="Stap", actor="KCC")
    assert fout.value.berichten == ["This trajectory is stopped: its process maps can no longer change."]


def test_a_version_needs_a_name_and_a_valid_kind(traject, pa):
    with pytest.raises(ValidationError) as fout:
        services.procesversie_aanmaken(traject=traject, door=pa, soort="ooit", naam="")
    assert set(fout.value.error_dict) == {"soort", "naam"}
    assert not ProcesVersie.objects.exists()


def test_a_copy_has_every_step_in_order_with_its_branches_pointing_at_the_copies(traject, pa, versie):
    for naam in ("Indienen", "Registreren", "Volledig?", "Aanvullen", "Beoordelen", "Besluiten"):
        ProcesStapFactory(versie=versie, naam=naam, door=pa)
    origineel = {s.naam: s for s in versie.stappen.all()}
    services.processtap_wijzigen(
        stap=origineel["Volledig?"],
        door=pa,
        soort=StapSoort.BESLISSING,
        vertakking_naar=origineel["Aanvullen"],
        vertakking_label="onvolledig",
        lean=Lean.VERSPILLING,
        verspilling=Verspilling.FOUTEN,
    )
    kopie = services.procesversie_aanmaken(
        traject=traject, door=pa, soort=ProcesSoort.GEWENST, naam="Gewenst proces", kopie_van=versie
    )
    assert kopie.gekopieerd_van == versie
    assert namen(kopie) == namen(versie)
    assert volgorden(kopie) == [1, 2, 3, 4, 5, 6]
    gekopieerd = {s.naam: s for s in kopie.stappen.all()}
    beslissing = gekopieerd["Volledig?"]
    assert beslissing.vertakking_naar == gekopieerd["Aanvullen"]  # the copy, not the original
    assert beslissing.vertakking_naar.versie == kopie
    assert (beslissing.vertakking_label, beslissing.lean, beslissing.verspilling) == (
        "onvolledig",
        Lean.VERSPILLING,
        Verspilling.FOUTEN,
    )
    assert not set(gekopieerd.values()) & set(origineel.values())
    assert versie.stappen.count() == 6  # the original is untouched
    laatste = proces_gebeurtenissen(traject)[-1]
    assert laatste.omschrijving == (
        "Process version “Gewenst proces” (desired) created as a copy of “Huidig proces”."
    )
    assert laatste.gegevens == {"versie": kopie.pk, "kopie_van": versie.pk}


def test_a_copy_of_another_trajectorys_version_is_refused(traject, pa, maak_traject):
    ander = maak_traject(titel="Ander traject")
    vreemd = ProcesVersieFactory(traject=ander, door=pa)
    with pytest.raises(ValidationError) as fout:
        services.procesversie_aanmaken(
            traject=traject, door=pa, soort=ProcesSoort.GEWENST, naam="X", kopie_van=vreemd
        )
    assert fout.value.message_dict == {"kopie_van": ["Choose a version of this trajectory."]}


def test_renaming_a_version(traject, pa, versie):
    services.procesversie_wijzigen(
        versie=versie, door=pa, naam="Huidig proces (regulier)", toelichting="Alleen bouwen"
    )
    versie.refresh_from_db()
    assert (versie.naam, versie.toelichting) == ("Huidig proces (regulier)", "Alleen bouwen")
    assert proces_gebeurtenissen(traject)[-1].omschrijving == (
        "Process version “Huidig proces” changed: name, explanation."
    )


# --- steps ----------------------------------------------------------------------------------------


def test_steps_are_appended_or_inserted_after_a_step(pa, versie):
    a = ProcesStapFactory(versie=versie, naam="A", door=pa)
    ProcesStapFactory(versie=versie, naam="C", door=pa)
    b = services.processtap_toevoegen(versie=versie, door=pa, na=a, naam="B", actor="KCC")
    assert namen(versie) == ["A", "B", "C"]
    assert volgorden(versie) == [1, 2, 3]
    assert b.volgorde == 2


def test_a_step_after_a_step_of_another_version_is_refused(traject, pa, versie):
    ander = ProcesStapFactory(versie=ProcesVersieFactory(traject=traject, door=pa), door=pa)
    with pytest.raises(ValidationError) as fout:
        services.processtap_toevoegen(versie=versie, door=pa, na=ander, naam="B", actor="KCC")
    assert "na" in fout.value.error_dict


def test_an_actor_takes_the_spelling_already_used_in_the_version(pa, versie):
    ProcesStapFactory(versie=versie, actor="Klantcontactcentrum", door=pa)
    stap = services.processtap_toevoegen(
        versie=versie, door=pa, naam="Terugbellen", actor="  klantcontactCENTRUM "
    )
    assert stap.actor == "Klantcontactcentrum"


def test_waste_needs_its_type_and_only_a_decision_branches(pa, versie):
    eerste = ProcesStapFactory(versie=versie, door=pa)
    with pytest.raises(ValidationError) as fout:
        services.processtap_toevoegen(
            versie=versie, door=pa, naam="Wachten", actor="KCC", lean=Lean.VERSPILLING, vertakking_naar=eerste
        )
    assert fout.value.message_dict == {
        "verspilling": ["Choose the type of waste."],
        "vertakking_naar": ["Only a decision can branch to another step."],
    }
    assert versie.stappen.count() == 1


def test_a_negative_time_is_refused(pa, versie):
    with pytest.raises(ValidationError):
        services.processtap_toevoegen(versie=versie, door=pa, naam="Stap", actor="KCC", wachttijd=Decimal(-1))


def test_editing_a_step(pa, versie):
    stap = ProcesStapFactory(versie=versie, door=pa)
    services.processtap_wijzigen(
        stap=stap,
        door=pa,
        bewerkingstijd=Decimal("1.5"),
        bewerkingstijd_eenheid=TijdEenheid.UREN,
        naam="Intake",
    )
    stap.refresh_from_db()
    assert (stap.naam, stap.bewerkingstijd, stap.bewerkingstijd_minuten) == ("Intake", Decimal("1.50"), 90)


def test_a_small_edit_of_a_draft_stays_out_of_the_timeline(traject, pa, versie):
    stap = ProcesStapFactory(versie=versie, door=pa)
    services.processtap_wijzigen(stap=stap, door=pa, naam="Intake")
    services.processtap_verplaatsen(
        stap=ProcesStapFactory(versie=versie, door=pa), door=pa, richting="omhoog"
    )
    assert len(proces_gebeurtenissen(traject)) == 1  # only the version's creation
    versie.refresh_from_db()
    assert versie.gewijzigd_op > versie.aangemaakt_op


# --- order ----------------------------------------------------------------------------------------


@pytest.fixture
def abcd(pa, versie) -> dict[str, ProcesStap]:
    return {naam: ProcesStapFactory(versie=versie, naam=naam, door=pa) for naam in "ABCD"}


def test_moving_up_and_down(pa, versie, abcd):
    services.processtap_verplaatsen(stap=abcd["C"], door=pa, richting="omhoog")
    assert namen(versie) == ["A", "C", "B", "D"]
    services.processtap_verplaatsen(stap=abcd["A"], door=pa, richting="omlaag")
    assert namen(versie) == ["C", "A", "B", "D"]
    assert volgorden(versie) == [1, 2, 3, 4]


def test_moving_to_a_position(pa, versie, abcd):
    services.processtap_verplaatsen(stap=abcd["D"], door=pa, positie=1)
    assert namen(versie) == ["D", "A", "B", "C"]
    services.processtap_verplaatsen(stap=abcd["D"], door=pa, positie=3)
    assert namen(versie) == ["A", "B", "D", "C"]
    assert volgorden(versie) == [1, 2, 3, 4]


def test_the_first_step_cannot_move_up_nor_anything_beyond_the_end(pa, versie, abcd):
    with pytest.raises(WorkflowFout) as fout:
        services.processtap_verplaatsen(stap=abcd["A"], door=pa, richting="omhoog")
    assert fout.value.berichten == ["Step “A” cannot move further: it is already the first or the last step."]
    with pytest.raises(WorkflowFout):
        services.processtap_verplaatsen(stap=abcd["D"], door=pa, richting="omlaag")
    with pytest.raises(WorkflowFout) as fout:
        services.processtap_verplaatsen(stap=abcd["A"], door=pa, positie=5)
    assert fout.value.berichten == ["Choose a position from 1 to 4."]
    assert namen(versie) == ["A", "B", "C", "D"]


def test_gaps_in_the_numbering_are_closed_when_moving(pa, versie, abcd):
    ProcesStap.objects.filter(pk=abcd["D"].pk).update(volgorde=10)  # e.g. left by an old import
    services.processtap_verplaatsen(stap=abcd["B"], door=pa, richting="omlaag")
    assert namen(versie) == ["A", "C", "B", "D"]
    assert volgorden(versie) == [1, 2, 3, 4]


# --- deleting -------------------------------------------------------------------------------------


def test_deleting_a_step_closes_the_gap_and_is_recorded(traject, pa, versie, abcd):
    services.processtap_wijzigen(
        stap=abcd["A"], door=pa, soort=StapSoort.BESLISSING, vertakking_naar=abcd["B"]
    )
    services.processtap_verwijderen(stap=abcd["B"], door=pa)
    assert namen(versie) == ["A", "C", "D"]
    assert volgorden(versie) == [1, 2, 3]
    assert ProcesStap.objects.get(pk=abcd["A"].pk).vertakking_naar is None  # the branch went with it
    assert proces_gebeurtenissen(traject)[-1].omschrijving == "Step 2 “B” deleted from “Huidig proces”."


def test_a_step_with_improvement_points_cannot_be_deleted(traject, pa, versie, abcd):
    verbeterpunt_vastleggen(traject=traject, door=pa, titel="Dubbele invoer", processtap=abcd["B"])
    with pytest.raises(WorkflowFout) as fout:
        services.processtap_verwijderen(stap=abcd["B"], door=pa)
    assert fout.value.berichten == [
        "Step “B” cannot be deleted: an improvement point was recorded from it. "
        "Change the step instead, or copy the version to start afresh."
    ]
    assert namen(versie) == ["A", "B", "C", "D"]


# --- checked versions and versions under check -------------------------------------------------------


def test_a_checked_version_cannot_be_changed_only_copied(traject, pa, versie, abcd):
    ProcesVersie.objects.filter(pk=versie.pk).update(status=VersieStatus.GECONTROLEERD)
    pogingen = [
        lambda: services.procesversie_wijzigen(versie=versie, door=pa, naam="Anders"),
        lambda: services.processtap_toevoegen(versie=versie, door=pa, naam="E", actor="KCC"),
        lambda: services.processtap_wijzigen(stap=abcd["A"], door=pa, naam="Anders"),
        lambda: services.processtap_verplaatsen(stap=abcd["B"], door=pa, richting="omhoog"),
        lambda: services.processtap_verwijderen(stap=abcd["C"], door=pa),
        lambda: services.processtappen_importeren(
            versie=versie, door=pa, stappen=[{"naam": "E", "actor": "KCC"}]
        ),
    ]
    for poging in pogingen:
        with pytest.raises(WorkflowFout) as fout:
            poging()
        assert fout.value.berichten == [
            "This version has been checked (step 3b) and can no longer be changed. "
            "Copy it to a new version to change it."
        ]
    assert namen(versie) == ["A", "B", "C", "D"]
    kopie = services.procesversie_aanmaken(
        traject=traject, door=pa, soort=ProcesSoort.HUIDIG, naam="Huidig, bijgewerkt", kopie_van=versie
    )
    assert kopie.status == VersieStatus.CONCEPT
    services.processtap_toevoegen(versie=kopie, door=pa, naam="E", actor="KCC")
    assert namen(kopie) == ["A", "B", "C", "D", "E"]


def test_a_change_while_the_version_is_being_checked_is_recorded_for_3b(traject, pa, versie, abcd):
    ProcesVersie.objects.filter(pk=versie.pk).update(status=VersieStatus.TER_CONTROLE)
    voor = len(proces_gebeurtenissen(traject))
    services.processtap_wijzigen(stap=abcd["A"], door=pa, naam="Aanvraag indienen")
    services.processtap_toevoegen(versie=versie, door=pa, naam="E", actor="KCC")
    services.processtap_verplaatsen(stap=abcd["D"], door=pa, richting="omhoog")
    services.processtap_verwijderen(stap=abcd["B"], door=pa)
    nieuw = proces_gebeurtenissen(traject)[voor:]
    assert [g.omschrijving for g in nieuw] == [
        "Step 1 “Aanvraag indienen” of “Huidig proces” changed.",
        "Step “E” added to “Huidig proces”.",
        "Step “D” of “Huidig proces” moved to position 3.",
        "Step 2 “B” deleted from “Huidig proces”.",
    ]
    assert all(g.gegevens["versie"] == versie.pk and g.gegevens[TIJDENS_CONTROLE] is True for g in nieuw)
    versie.refresh_from_db()
    assert versie.status == VersieStatus.TER_CONTROLE  # still under check


# --- import (used by the BPMN import) ----------------------------------------------------------------


def test_importing_steps_with_a_branch(traject, pa, versie):
    ProcesStapFactory(versie=versie, naam="Bestaand", door=pa)
    stappen = services.processtappen_importeren(
        versie=versie,
        door=pa,
        stappen=[
            {"naam": "Indienen", "actor": "Aanvrager", "lean": Lean.WAARDE},
            {"naam": "Volledig?", "actor": "KCC", "soort": StapSoort.BESLISSING, "vertakking_naar_index": 0,
             "vertakking_label": "nee"},
            {"naam": "Besluiten", "actor": "kcc", "bewerkingstijd": Decimal(30)},
        ],
    )  # fmt: skip
    assert namen(versie) == ["Bestaand", "Indienen", "Volledig?", "Besluiten"]
    assert volgorden(versie) == [1, 2, 3, 4]
    beslissing = ProcesStap.objects.get(pk=stappen[1].pk)
    assert beslissing.vertakking_naar_id == stappen[0].pk
    assert stappen[2].actor == "KCC"  # the lane's spelling from earlier in the import
    assert proces_gebeurtenissen(traject)[-1].omschrijving == "3 steps imported into “Huidig proces”."


@pytest.mark.parametrize(
    ("stappen", "bericht"),
    [
        (
            [{"naam": "A", "actor": "KCC"}, {"naam": "B", "actor": "KCC", "lean": Lean.VERSPILLING}],
            "Step 2 (“B”): Choose the type of waste.",
        ),
        (
            [{"naam": "A", "actor": "KCC", "vertakking_naar_index": 1}, {"naam": "B", "actor": "KCC"}],
            "Step 1 (“A”): Only a decision can branch to another step.",
        ),
        (
            [{"naam": "A", "actor": "KCC", "soort": StapSoort.BESLISSING, "vertakking_naar_index": 7}],
            "Step 1 (“A”): it branches to a step that is not in the import.",
        ),
        ([{"naam": "", "actor": "KCC"}], "Step 1 (“”): This field cannot be blank."),
    ],
)
def test_an_invalid_import_changes_nothing(traject, pa, versie, stappen, bericht):
    voor = len(proces_gebeurtenissen(traject))
    with pytest.raises(ValidationError) as fout:
        services.processtappen_importeren(versie=versie, door=pa, stappen=stappen)
    assert bericht in fout.value.messages
    assert not versie.stappen.exists()
    assert len(proces_gebeurtenissen(traject)) == voor


def test_an_improvement_point_from_a_step_keeps_its_source(traject, pa, versie):
    stap = ProcesStapFactory(versie=versie, door=pa)
    punt = VerbeterpuntFactory(traject=traject, processtap=stap, bron="processtap")
    assert punt.bron_object == stap
