"""The 3b services: inviting, confirming, commenting per step and marking a current version checked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.controle.factories import versie_met_stappen
from tests.factories import SessieFactory, TeamlidFactory, UserFactory, lid, zet_stappen
from trajecten import services
from trajecten.choices import (
    ControleStatus,
    GebeurtenisSoort,
    ProcesSoort,
    Rol,
    SessieSoort,
    Stap,
    StapStatusKeuze,
    TrajectStatus,
    VersieStatus,
)
from trajecten.models import Gebeurtenis, ProcesControle, StapOpmerking, Teamlid
from trajecten.services import WorkflowFout

pytestmark = pytest.mark.django_db


def uitnodigen(versie, pa, *personen):
    return services.controle_uitnodigen(versie=versie, door=pa, gebruikers=list(personen))


def controle_van(versie, persoon) -> ProcesControle:
    return ProcesControle.objects.get(versie=versie, gebruiker=persoon)


# --- the whole flow -------------------------------------------------------------------------------


def test_the_whole_flow_invite_confirm_comment_mark_and_complete_step_3b(traject, versie, pa, vm, pe):
    traject = zet_stappen(
        traject,
        {
            Stap.S1: StapStatusKeuze.AFGEROND,
            Stap.S3A: StapStatusKeuze.AFGEROND,
            Stap.S3B: StapStatusKeuze.BEZIG,
        },
        traject_status=TrajectStatus.LOPEND,
    )
    nieuw = uitnodigen(versie, pa, vm, pe)
    assert [c.gebruiker for c in nieuw] == [vm, pe]
    versie.refresh_from_db()
    assert versie.status == VersieStatus.TER_CONTROLE

    with pytest.raises(WorkflowFout) as fout:  # 3b cannot be completed before the check is marked
        services.stap_afronden(traject=traject, stap=Stap.S3B, door=pa)
    assert "Mark the current process as checked" in fout.value.berichten[0]

    services.controle_bevestigen(controle=controle_van(versie, vm), door=vm, algemene_opmerking=" Klopt. ")
    stap = versie.stappen.all()[1]
    services.stap_opmerking_plaatsen(
        controle=controle_van(versie, pe), door=pe, stap=stap, tekst="Hier ontbreekt de vooroverlegstap."
    )
    assert controle_van(versie, vm).status == ControleStatus.BEVESTIGD
    assert controle_van(versie, vm).algemene_opmerking == "Klopt."
    assert controle_van(versie, pe).status == ControleStatus.OPMERKINGEN
    assert controle_van(versie, pe).gereageerd_op is not None

    services.versie_gecontroleerd_markeren(versie=versie, door=pa)
    versie.refresh_from_db()
    assert versie.status == VersieStatus.GECONTROLEERD
    assert versie.gecontroleerd_door == pa and versie.gecontroleerd_op is not None
    assert versie.controle_sessie is None

    besluit = Gebeurtenis.objects.get(traject=traject, soort=GebeurtenisSoort.BESLUIT, stap=Stap.S3B)
    assert besluit.actor == pa
    assert besluit.gegevens["bevestigd"] == [vm.pk]
    assert besluit.gegevens["opmerkingen_bij_stappen"] == 1
    assert str(vm) in besluit.omschrijving

    services.stap_afronden(traject=traject, stap=Stap.S3B, door=pa)
    assert traject.stappen.get(stap=Stap.S3B).status == StapStatusKeuze.AFGEROND


def test_the_responses_stay_after_the_version_is_checked_and_can_no_longer_change(versie, pa, vm, pe):
    uitnodigen(versie, pa, vm, pe)
    stap = versie.stappen.first()
    opmerking = services.stap_opmerking_plaatsen(
        controle=controle_van(versie, vm), door=vm, stap=stap, tekst="Mist"
    )
    services.controle_bevestigen(controle=controle_van(versie, pe), door=pe, algemene_opmerking="Goed zo")
    services.versie_gecontroleerd_markeren(versie=versie, door=pa)

    with pytest.raises(WorkflowFout):
        services.opmerking_verwijderen(opmerking=opmerking, door=vm)
    with pytest.raises(WorkflowFout):
        services.stap_opmerking_plaatsen(
            controle=controle_van(versie, vm), door=vm, stap=stap, tekst="Nog één"
        )
    with pytest.raises(WorkflowFout):
        services.controle_bevestigen(controle=controle_van(versie, vm), door=vm)
    with pytest.raises(WorkflowFout):
        uitnodigen(versie, pa, vm)
    assert list(StapOpmerking.objects.filter(controle__versie=versie).values_list("tekst", flat=True)) == [
        "Mist"
    ]
    assert controle_van(versie, pe).algemene_opmerking == "Goed zo"
    assert controle_van(versie, vm).status == ControleStatus.OPMERKINGEN


# --- inviting -------------------------------------------------------------------------------------


def test_inviting_twice_asks_each_person_once(versie, pa, vm, pe):
    uitnodigen(versie, pa, vm)
    assert [c.gebruiker for c in uitnodigen(versie, pa, vm, pe, pe)] == [pe]
    assert uitnodigen(versie, pa, vm, pe) == []
    assert versie.controles.count() == 2
    assert (
        Gebeurtenis.objects.filter(soort=GebeurtenisSoort.PROCES, gegevens__controle="uitgenodigd").count()
        == 2
    )


@pytest.mark.parametrize("rol", [Rol.SPONSOR, Rol.PROJECTLEIDER, Rol.PROCESADVISEUR, Rol.KLANTREISCOACH])
def test_only_subject_matter_employees_and_the_process_owner_can_be_asked(versie, pa, gebruikers, rol):
    with pytest.raises(ValidationError) as fout:
        uitnodigen(versie, pa, gebruikers[Rol.VAKINHOUDELIJK_MEDEWERKER], gebruikers[rol])
    assert str(gebruikers[rol]) in str(fout.value.message_dict["gebruikers"])
    assert not versie.controles.exists()


def test_someone_outside_the_team_cannot_be_asked(versie, pa, gebruikers):
    with pytest.raises(ValidationError):
        uitnodigen(versie, pa, gebruikers["buitenstaander"])
    with pytest.raises(ValidationError):
        uitnodigen(versie, pa, UserFactory())


def test_an_inactive_member_cannot_be_asked(traject, versie, pa):
    vm2 = lid(traject, Rol.VAKINHOUDELIJK_MEDEWERKER)
    vm2.is_active = False
    vm2.save()
    with pytest.raises(ValidationError):
        uitnodigen(versie, pa, vm2)


def test_nobody_chosen_is_refused(versie, pa):
    with pytest.raises(ValidationError) as fout:
        uitnodigen(versie, pa)
    assert "gebruikers" in fout.value.message_dict


@pytest.mark.parametrize("rol", [Rol.PROJECTLEIDER, Rol.PROCESEIGENAAR, Rol.VAKINHOUDELIJK_MEDEWERKER])
def test_only_the_process_adviser_invites(versie, gebruikers, vm, rol):
    with pytest.raises(PermissionDenied):
        uitnodigen(versie, gebruikers[rol], vm)
    assert not versie.controles.exists()


def test_the_process_adviser_of_another_trajectory_may_not_invite(versie, vm, maak_traject):
    ander = TeamlidFactory(traject=maak_traject(), rol=Rol.PROCESADVISEUR).gebruiker
    with pytest.raises(PermissionDenied):
        uitnodigen(versie, ander, vm)


def test_a_desired_version_is_not_checked_in_3b(traject, pa, vm):
    gewenst = versie_met_stappen(traject, 2, soort=ProcesSoort.GEWENST)
    with pytest.raises(WorkflowFout) as fout:
        uitnodigen(gewenst, pa, vm)
    assert fout.value.berichten == ["Only the current process is checked in step 3b, not a desired one."]
    with pytest.raises(WorkflowFout):
        services.versie_gecontroleerd_markeren(versie=gewenst, door=pa)


def test_a_version_without_steps_cannot_be_sent_for_checking(traject, pa, vm):
    leeg = versie_met_stappen(traject, 0)
    with pytest.raises(WorkflowFout):
        uitnodigen(leeg, pa, vm)
    sessie = SessieFactory(traject=traject, soort=SessieSoort.PROCES_CONTROLE, notities="Besproken.")
    with pytest.raises(WorkflowFout):
        services.versie_gecontroleerd_markeren(versie=leeg, door=pa, sessie=sessie)


# --- responding -----------------------------------------------------------------------------------


def test_only_the_invited_person_responds(versie, pa, vm, pe, gebruikers):
    uitnodigen(versie, pa, vm)
    controle = controle_van(versie, vm)
    stap = versie.stappen.first()
    for ander in (pe, pa, gebruikers[Rol.PROJECTLEIDER], gebruikers["buitenstaander"]):
        with pytest.raises(PermissionDenied):
            services.controle_bevestigen(controle=controle, door=ander)
        with pytest.raises(PermissionDenied):
            services.stap_opmerking_plaatsen(controle=controle, door=ander, stap=stap, tekst="Niet van mij")
    assert controle_van(versie, vm).status == ControleStatus.UITGENODIGD
    assert not StapOpmerking.objects.exists()


def test_an_invited_person_who_left_the_team_can_no_longer_respond(traject, versie, pa, vm):
    uitnodigen(versie, pa, vm)
    services.teamlid_verwijderen(
        teamlid=Teamlid.objects.get(traject=traject, gebruiker=vm), door=traject.aangemaakt_door
    )
    with pytest.raises(PermissionDenied):
        services.controle_bevestigen(controle=controle_van(versie, vm), door=vm)


def test_a_comment_must_be_on_a_step_of_the_version_being_checked(traject, versie, pa, vm):
    uitnodigen(versie, pa, vm)
    andere_stap = versie_met_stappen(traject, 1).stappen.get()
    with pytest.raises(ValidationError) as fout:
        services.stap_opmerking_plaatsen(
            controle=controle_van(versie, vm), door=vm, stap=andere_stap, tekst="Hm"
        )
    assert "stap" in fout.value.message_dict


def test_an_empty_comment_is_refused(versie, pa, vm):
    uitnodigen(versie, pa, vm)
    with pytest.raises(ValidationError) as fout:
        services.stap_opmerking_plaatsen(
            controle=controle_van(versie, vm), door=vm, stap=versie.stappen.first(), tekst="  \n "
        )
    assert "tekst" in fout.value.message_dict
    assert controle_van(versie, vm).status == ControleStatus.UITGENODIGD


def test_removing_ones_last_comment_makes_the_invitation_unanswered_again(versie, pa, vm):
    uitnodigen(versie, pa, vm)
    controle = controle_van(versie, vm)
    eerste, tweede = versie.stappen.all()[:2]
    a = services.stap_opmerking_plaatsen(controle=controle, door=vm, stap=eerste, tekst="Een")
    b = services.stap_opmerking_plaatsen(controle=controle, door=vm, stap=tweede, tekst="Twee")
    services.opmerking_verwijderen(opmerking=a, door=vm)
    assert controle_van(versie, vm).status == ControleStatus.OPMERKINGEN
    services.opmerking_verwijderen(opmerking=b, door=vm)
    assert controle_van(versie, vm).status == ControleStatus.UITGENODIGD
    assert controle_van(versie, vm).gereageerd_op is None


def test_only_ones_own_comment_can_be_removed(versie, pa, vm, pe):
    uitnodigen(versie, pa, vm, pe)
    opmerking = services.stap_opmerking_plaatsen(
        controle=controle_van(versie, vm), door=vm, stap=versie.stappen.first(), tekst="Van mij"
    )
    with pytest.raises(PermissionDenied):
        services.opmerking_verwijderen(opmerking=opmerking, door=pe)
    assert StapOpmerking.objects.filter(pk=opmerking.pk).exists()


# --- marking checked ------------------------------------------------------------------------------


def test_marking_online_waits_for_everyone_and_names_who_has_not_responded(versie, pa, vm, pe, traject):
    vm2 = lid(traject, Rol.VAKINHOUDELIJK_MEDEWERKER, first_name="Jeroen", last_name="Visser")
    uitnodigen(versie, pa, vm, pe, vm2)
    services.controle_bevestigen(controle=controle_van(versie, vm), door=vm)
    with pytest.raises(WorkflowFout) as fout:
        services.versie_gecontroleerd_markeren(versie=versie, door=pa)
    bericht = fout.value.berichten[0]
    assert str(pe) in bericht and "Jeroen Visser" in bericht and str(vm) not in bericht
    versie.refresh_from_db()
    assert versie.status == VersieStatus.TER_CONTROLE


def test_marking_online_needs_at_least_one_invitation(versie, pa):
    with pytest.raises(WorkflowFout) as fout:
        services.versie_gecontroleerd_markeren(versie=versie, door=pa)
    assert "Ask at least one colleague" in fout.value.berichten[0]


@pytest.mark.parametrize("rol", [Rol.PROJECTLEIDER, Rol.PROCESEIGENAAR, Rol.VAKINHOUDELIJK_MEDEWERKER])
def test_only_the_process_adviser_marks_the_version_checked(versie, pa, vm, gebruikers, rol):
    uitnodigen(versie, pa, vm)
    services.controle_bevestigen(controle=controle_van(versie, vm), door=vm)
    with pytest.raises(PermissionDenied):
        services.versie_gecontroleerd_markeren(versie=versie, door=gebruikers[rol])
    versie.refresh_from_db()
    assert versie.status == VersieStatus.TER_CONTROLE


def test_a_checked_version_cannot_be_marked_again(versie, pa, vm):
    uitnodigen(versie, pa, vm)
    services.controle_bevestigen(controle=controle_van(versie, vm), door=vm)
    services.versie_gecontroleerd_markeren(versie=versie, door=pa)
    with pytest.raises(WorkflowFout):
        services.versie_gecontroleerd_markeren(versie=versie, door=pa)
    assert Gebeurtenis.objects.filter(soort=GebeurtenisSoort.BESLUIT).count() == 1


def test_marking_in_a_session_that_took_place_with_notes(traject, versie, pa, vm):
    uitnodigen(versie, pa, vm)  # someone asked online who never answered does not stand in the way
    sessie = SessieFactory(
        traject=traject,
        soort=SessieSoort.PROCES_CONTROLE,
        titel="Sessie 3b",
        notities="Twee stappen aangevuld.",
    )
    services.versie_gecontroleerd_markeren(versie=versie, door=pa, sessie=sessie)
    versie.refresh_from_db()
    assert versie.status == VersieStatus.GECONTROLEERD
    assert versie.controle_sessie == sessie
    besluit = Gebeurtenis.objects.get(soort=GebeurtenisSoort.BESLUIT)
    assert besluit.gegevens["sessie"] == sessie.pk
    assert "Sessie 3b" in besluit.omschrijving


def _sessie(traject, **velden):
    standaard = {"soort": SessieSoort.PROCES_CONTROLE, "notities": "Besproken."}
    return SessieFactory(traject=traject, **{**standaard, **velden})


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"notities": ""}, "Record the notes of this session first."),
        (
            {
                "begint_op": timezone.now() + dt.timedelta(days=2),
                "eindigt_op": timezone.now() + dt.timedelta(days=2, hours=1),
            },
            "This session has not taken place yet.",
        ),
        (
            {"soort": SessieSoort.PROCES_HUIDIG},
            "Choose a 3b session (checking the process) of this trajectory.",
        ),
    ],
    ids=["without notes", "in the future", "a 3a session"],
)
def test_marking_in_a_session_needs_a_past_3b_session_with_notes(traject, versie, pa, velden, melding):
    sessie = _sessie(traject, **velden)
    with pytest.raises(ValidationError) as fout:
        services.versie_gecontroleerd_markeren(versie=versie, door=pa, sessie=sessie)
    assert fout.value.message_dict == {"sessie": [melding]}
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT


def test_a_session_of_another_trajectory_does_not_count(versie, pa, maak_traject):
    sessie = _sessie(maak_traject())
    with pytest.raises(ValidationError):
        services.versie_gecontroleerd_markeren(versie=versie, door=pa, sessie=sessie)


# --- step 3b's completion condition ---------------------------------------------------------------


def test_step_3b_is_met_by_a_checked_current_version_only(traject, versie, pa, vm):
    from trajecten import workflow

    assert workflow.ontbrekend(traject, Stap.S3B) != []
    gewenst = versie_met_stappen(traject, 1, soort=ProcesSoort.GEWENST)
    assert gewenst.status == VersieStatus.CONCEPT
    uitnodigen(versie, pa, vm)
    services.controle_bevestigen(controle=controle_van(versie, vm), door=vm)
    assert workflow.ontbrekend(traject, Stap.S3B) != []
    services.versie_gecontroleerd_markeren(versie=versie, door=pa)
    assert workflow.ontbrekend(traject, Stap.S3B) == []


def test_skipping_3b_stays_possible_without_a_checked_version(traject, pa):
    traject = zet_stappen(
        traject,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S3A: StapStatusKeuze.AFGEROND},
        traject_status=TrajectStatus.LOPEND,
    )
    services.stap_overslaan(traject=traject, stap=Stap.S3B, door=pa, reden="3a en 3b samengevoegd.")
    assert traject.stappen.get(stap=Stap.S3B).status == StapStatusKeuze.OVERGESLAGEN
