"""The trajectory services: creating and changing a trajectory, its status, team, sessions and points."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from tests.factories import (
    ProductFactory,
    SessieFactory,
    TeamlidFactory,
    TrajectFactory,
    UserFactory,
    lid,
    zet_stappen,
)
from trajecten import selectors, services
from trajecten.choices import (
    Discipline,
    GebeurtenisSoort,
    Rol,
    SessieSoort,
    Stap,
    StapStatusKeuze,
    TrajectStatus,
)
from trajecten.models import Gebeurtenis, Teamlid, Traject, TrajectUserObjectPermission
from trajecten.permissions import rechten_voor, rechten_voor_rollen, traject_met_recht
from trajecten.services import WorkflowFout
from trajecten.services.traject import BASISVELDEN
from verbeterplan.choices import VerbeterpuntBron
from verbeterplan.services import verbeterpunt_vastleggen
from wasstraat.accounts.models import Groep
from wasstraat.bewerking import Bewerkingsconflict, versie_van

pytestmark = pytest.mark.django_db


def gebeurtenissen(traject: Traject, soort: str) -> list[Gebeurtenis]:
    return list(Gebeurtenis.objects.filter(traject=traject, soort=soort).order_by("pk"))


def codenames(traject: Traject, gebruiker) -> set[str]:
    """The permission rows guardian holds for `gebruiker` on `traject`."""
    return set(
        TrajectUserObjectPermission.objects.filter(content_object=traject, user=gebruiker).values_list(
            "permission__codename", flat=True
        )
    )


# --- traject_aanmaken ---------------------------------------------------------------------------


def test_creating_a_trajectory_makes_its_creator_the_projectleider():
    maker = UserFactory(groepen=[Groep.TRAJECTLEIDERS])
    traject = services.traject_aanmaken(
        door=maker,
        product=ProductFactory(),
        titel="Sneller parkeervergunning",
        aanleiding="Lange wachttijd.",
        doel="Binnen vijf dagen een besluit.",
        startdatum=dt.date(2026, 3, 1),
        einddatum=dt.date(2026, 12, 1),
    )
    assert traject.status == TrajectStatus.CONCEPT
    assert traject.aangemaakt_door == maker
    assert list(traject.teamleden.values_list("gebruiker", "rol")) == [(maker.pk, "projectleider")]
    assert codenames(traject, maker) == rechten_voor_rollen([Rol.PROJECTLEIDER])


def test_a_new_trajectory_has_one_not_started_row_per_step():
    traject = TrajectFactory()
    rijen = list(traject.stappen.order_by("pk").values_list("stap", "status"))
    assert [s for s, _ in rijen] == [s.value for s in Stap]
    assert len(rijen) == 11
    assert {status for _, status in rijen} == {StapStatusKeuze.NIET_GESTART}


def test_creating_a_trajectory_is_audited():
    traject = TrajectFactory(titel="Minder bezwaren WOZ")
    [aangemaakt] = gebeurtenissen(traject, GebeurtenisSoort.TRAJECT_AANGEMAAKT)
    assert aangemaakt.actor == traject.aangemaakt_door
    assert "Minder bezwaren WOZ" in aangemaakt.omschrijving
    [lid_erbij] = gebeurtenissen(traject, GebeurtenisSoort.LID_TOEGEVOEGD)
    assert lid_erbij.gegevens["rol"] == "projectleider"


def test_only_users_who_may_lead_trajectories_can_create_one():
    with pytest.raises(PermissionDenied):
        services.traject_aanmaken(
            door=UserFactory(), product=ProductFactory(), titel="Titel", aanleiding="A", doel="D"
        )
    assert not Traject.objects.exists()


def test_management_cannot_create_a_trajectory():
    with pytest.raises(PermissionDenied):
        services.traject_aanmaken(
            door=UserFactory(groepen=[Groep.MANAGEMENT]),
            product=ProductFactory(),
            titel="T",
            aanleiding="A",
            doel="D",
        )


def test_a_trajectory_cannot_end_before_it_starts():
    with pytest.raises(ValidationError) as fout:
        TrajectFactory(startdatum=dt.date(2026, 5, 1), einddatum=dt.date(2026, 4, 1))
    assert "einddatum" in fout.value.message_dict
    assert not Traject.objects.exists()


# --- traject_wijzigen ---------------------------------------------------------------------------


def test_changing_the_basics_records_the_changed_fields(traject, gebruikers):
    traject = services.traject_wijzigen(
        traject=traject,
        door=gebruikers[Rol.PROCESEIGENAAR],
        gezien=versie_van(traject, BASISVELDEN),
        titel="Nieuwe titel",
        doel=traject.doel,
    )
    assert traject.titel == "Nieuwe titel"
    [gewijzigd] = gebeurtenissen(traject, GebeurtenisSoort.TRAJECT_GEWIJZIGD)
    assert gewijzigd.actor == gebruikers[Rol.PROCESEIGENAAR]
    assert list(gewijzigd.gegevens["wijzigingen"]) == ["titel"]
    assert gewijzigd.gegevens["wijzigingen"]["titel"][1] == "Nieuwe titel"


def test_a_change_on_a_stale_version_is_refused_and_says_what_changed(traject, gebruikers):
    gezien = versie_van(traject, BASISVELDEN)
    services.traject_wijzigen(
        traject=traject, door=gebruikers[Rol.PROJECTLEIDER], gezien=gezien, titel="Eerste"
    )
    with pytest.raises(Bewerkingsconflict) as fout:
        services.traject_wijzigen(
            traject=traject, door=gebruikers[Rol.PROCESEIGENAAR], gezien=gezien, titel="Tweede"
        )
    assert [(w.veld, w.nu) for w in fout.value.wijzigingen] == [("titel", "Eerste")]
    traject.refresh_from_db()
    assert traject.titel == "Eerste"
    # With the version the conflict carries, saving again is a deliberate choice and goes through.
    services.traject_wijzigen(
        traject=traject, door=gebruikers[Rol.PROCESEIGENAAR], gezien=fout.value.nieuwe_versie, titel="Tweede"
    )
    traject.refresh_from_db()
    assert traject.titel == "Tweede"


def test_a_change_to_other_fields_in_the_meantime_is_no_conflict(traject, gebruikers):
    gezien = versie_van(traject, BASISVELDEN)
    services.traject_pauzeren(traject=traject, door=gebruikers[Rol.PROJECTLEIDER], reden="Vakantie")
    services.traject_wijzigen(traject=traject, door=gebruikers[Rol.PROCESEIGENAAR], gezien=gezien, titel="X")
    traject.refresh_from_db()
    assert traject.titel == "X"


def test_a_change_that_changes_nothing_records_nothing(traject, gebruikers):
    services.traject_wijzigen(
        traject=traject,
        door=gebruikers[Rol.PROJECTLEIDER],
        gezien=versie_van(traject, BASISVELDEN),
        titel=traject.titel,
        aanleiding=traject.aanleiding,
    )
    assert gebeurtenissen(traject, GebeurtenisSoort.TRAJECT_GEWIJZIGD) == []


def test_invalid_basics_are_refused_and_not_saved(traject, gebruikers):
    with pytest.raises(ValidationError):
        services.traject_wijzigen(
            traject=traject,
            door=gebruikers[Rol.PROJECTLEIDER],
            startdatum=dt.date(2026, 5, 1),
            einddatum=dt.date(2026, 1, 1),
        )
    traject.refresh_from_db()
    assert traject.startdatum is None


@pytest.mark.parametrize(
    "rol",
    [
        Rol.SPONSOR,
        Rol.PROCESADVISEUR,
        Rol.KLANTREISCOACH,
        Rol.TEAMMANAGER,
        Rol.VAKINHOUDELIJK_MEDEWERKER,
        Rol.SPECIALIST,
        "management",
        "buitenstaander",
    ],
)
def test_only_projectleider_and_proceseigenaar_change_the_basics(traject, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        services.traject_wijzigen(traject=traject, door=gebruikers[rol], titel="X")


# --- pause, resume, stop ------------------------------------------------------------------------


def test_pausing_needs_a_reason(traject, gebruikers):
    with pytest.raises(ValidationError) as fout:
        services.traject_pauzeren(traject=traject, door=gebruikers[Rol.PROJECTLEIDER], reden=" ")
    assert "reden" in fout.value.message_dict
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.CONCEPT


def test_a_paused_draft_resumes_as_a_draft(traject, gebruikers):
    pl = gebruikers[Rol.PROJECTLEIDER]
    traject = services.traject_pauzeren(traject=traject, door=pl, reden="Zomerstop")
    assert traject.status == TrajectStatus.GEPAUZEERD
    traject = services.traject_hervatten(traject=traject, door=pl)
    assert traject.status == TrajectStatus.CONCEPT


def test_a_paused_running_trajectory_resumes_running(traject, gebruikers):
    pe = gebruikers[Rol.PROCESEIGENAAR]
    services.stap_starten(traject=traject, stap=Stap.S1, door=gebruikers[Rol.PROJECTLEIDER])
    traject = services.traject_pauzeren(traject=traject, door=pe, reden="Reorganisatie")
    traject = services.traject_hervatten(traject=traject, door=pe)
    assert traject.status == TrajectStatus.LOPEND
    [pauze, hervat] = gebeurtenissen(traject, GebeurtenisSoort.TRAJECT_STATUS)[1:]
    assert (pauze.van_status, pauze.naar_status, pauze.reden) == ("lopend", "gepauzeerd", "Reorganisatie")
    assert (hervat.van_status, hervat.naar_status, hervat.actor) == ("gepauzeerd", "lopend", pe)


def test_only_a_paused_trajectory_can_be_resumed(traject, gebruikers):
    with pytest.raises(WorkflowFout) as fout:
        services.traject_hervatten(traject=traject, door=gebruikers[Rol.PROJECTLEIDER])
    assert fout.value.berichten == ["A trajectory that is draft cannot be resumed."]


def test_a_paused_trajectory_cannot_be_paused_again(traject, gebruikers):
    pl = gebruikers[Rol.PROJECTLEIDER]
    services.traject_pauzeren(traject=traject, door=pl, reden="Zomerstop")
    with pytest.raises(WorkflowFout):
        services.traject_pauzeren(traject=traject, door=pl, reden="Nog eens")


def test_stopping_needs_a_reason_and_is_recorded(traject, gebruikers):
    pl = gebruikers[Rol.PROJECTLEIDER]
    with pytest.raises(ValidationError):
        services.traject_stoppen(traject=traject, door=pl, reden="")
    traject = services.traject_stoppen(traject=traject, door=pl, reden="Product wordt afgeschaft")
    assert (traject.status, traject.stopreden) == (TrajectStatus.GESTOPT, "Product wordt afgeschaft")
    [gestopt] = gebeurtenissen(traject, GebeurtenisSoort.TRAJECT_STATUS)
    assert (gestopt.van_status, gestopt.naar_status, gestopt.reden) == (
        "concept",
        "gestopt",
        "Product wordt afgeschaft",
    )


def test_a_paused_trajectory_can_be_stopped(traject, gebruikers):
    pl = gebruikers[Rol.PROJECTLEIDER]
    services.traject_pauzeren(traject=traject, door=pl, reden="Zomerstop")
    traject = services.traject_stoppen(traject=traject, door=pl, reden="Geen budget")
    assert traject.status == TrajectStatus.GESTOPT


@pytest.mark.parametrize("actie", ["traject_pauzeren", "traject_hervatten", "traject_stoppen"])
def test_stopped_is_final(traject, gebruikers, actie):
    pl = gebruikers[Rol.PROJECTLEIDER]
    services.traject_stoppen(traject=traject, door=pl, reden="Geen budget")
    with pytest.raises(WorkflowFout):
        getattr(services, actie)(traject=traject, door=pl, reden="Toch weer")
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.GESTOPT


@pytest.mark.parametrize("actie", ["traject_pauzeren", "traject_hervatten", "traject_stoppen"])
def test_a_finished_trajectory_cannot_be_paused_resumed_or_stopped(traject, gebruikers, actie):
    traject = zet_stappen(
        traject, dict.fromkeys(Stap, StapStatusKeuze.AFGEROND), traject_status=TrajectStatus.AFGEROND
    )
    with pytest.raises(WorkflowFout):
        getattr(services, actie)(traject=traject, door=gebruikers[Rol.PROJECTLEIDER], reden="R")


@pytest.mark.parametrize("rol", [Rol.SPONSOR, Rol.PROCESADVISEUR, Rol.TEAMMANAGER, "management"])
def test_only_projectleider_and_proceseigenaar_pause_and_stop(traject, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        services.traject_pauzeren(traject=traject, door=gebruikers[rol], reden="R")
    with pytest.raises(PermissionDenied):
        services.traject_stoppen(traject=traject, door=gebruikers[rol], reden="R")


# --- team ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rollen",
    [
        [Rol.SPONSOR],
        [Rol.PROCESADVISEUR, Rol.PROJECTLEIDER],
        [Rol.KLANTREISCOACH, Rol.SPECIALIST],
        [Rol.PROCESEIGENAAR, Rol.TEAMMANAGER, Rol.VAKINHOUDELIJK_MEDEWERKER],
        list(Rol),
    ],
    ids=lambda rollen: "+".join(rollen),
)
def test_permission_rows_follow_the_memberships_exactly(rollen):
    traject = TrajectFactory()
    persoon = UserFactory()
    leden = [TeamlidFactory(traject=traject, gebruiker=persoon, rol=rol) for rol in rollen]
    assert codenames(traject, persoon) == rechten_voor_rollen(rollen)
    assert rechten_voor(persoon, traject) == rechten_voor_rollen(rollen)
    for i, teamlid in enumerate(leden):
        services.teamlid_verwijderen(teamlid=teamlid, door=traject.aangemaakt_door)
        assert codenames(traject, persoon) == rechten_voor_rollen(rollen[i + 1 :])
    assert codenames(traject, persoon) == set()
    assert rechten_voor(persoon, traject) == frozenset()


def test_permission_rows_are_per_trajectory():
    persoon = UserFactory()
    eerste, tweede = TrajectFactory(), TrajectFactory()
    TeamlidFactory(traject=eerste, gebruiker=persoon, rol=Rol.PROCESEIGENAAR)
    TeamlidFactory(traject=tweede, gebruiker=persoon, rol=Rol.SPONSOR)
    assert codenames(eerste, persoon) == rechten_voor_rollen([Rol.PROCESEIGENAAR])
    assert codenames(tweede, persoon) == rechten_voor_rollen([Rol.SPONSOR])


def test_adding_and_removing_a_member_is_audited(traject, gebruikers):
    pl = gebruikers[Rol.PROJECTLEIDER]
    nieuw = UserFactory(first_name="Fatima", last_name="Bakker")
    teamlid = services.teamlid_toevoegen(
        traject=traject, door=pl, gebruiker=nieuw, rol=Rol.SPECIALIST, discipline=Discipline.JURIST
    )
    services.teamlid_verwijderen(teamlid=teamlid, door=pl)
    erbij = gebeurtenissen(traject, GebeurtenisSoort.LID_TOEGEVOEGD)[-1]
    eraf = gebeurtenissen(traject, GebeurtenisSoort.LID_VERWIJDERD)[-1]
    assert erbij.gegevens == {"gebruiker": nieuw.pk, "rol": "specialist", "discipline": "jurist"}
    assert eraf.gegevens == erbij.gegevens
    assert erbij.actor == eraf.actor == pl
    assert "Fatima Bakker" in erbij.omschrijving and "Fatima Bakker" in eraf.omschrijving
    assert not Teamlid.objects.filter(pk=teamlid.pk).exists()


def test_the_last_projectleider_cannot_be_removed(traject, gebruikers):
    enige = traject.teamleden.get(rol=Rol.PROJECTLEIDER)
    with pytest.raises(WorkflowFout):
        services.teamlid_verwijderen(teamlid=enige, door=gebruikers[Rol.PROCESEIGENAAR])
    assert Teamlid.objects.filter(pk=enige.pk).exists()


def test_a_projectleider_can_be_removed_once_there_is_another(traject, gebruikers):
    lid(traject, Rol.PROJECTLEIDER)
    services.teamlid_verwijderen(
        teamlid=traject.teamleden.get(gebruiker=gebruikers[Rol.PROJECTLEIDER]),
        door=gebruikers[Rol.PROCESEIGENAAR],
    )
    assert codenames(traject, gebruikers[Rol.PROJECTLEIDER]) == set()


def test_the_same_role_twice_is_refused(traject, gebruikers):
    with pytest.raises(ValidationError) as fout:
        services.teamlid_toevoegen(
            traject=traject,
            door=gebruikers[Rol.PROJECTLEIDER],
            gebruiker=gebruikers[Rol.SPONSOR],
            rol=Rol.SPONSOR,
        )
    assert "gebruiker" in fout.value.message_dict
    assert traject.teamleden.filter(rol=Rol.SPONSOR).count() == 1


def test_a_person_may_hold_several_roles_and_a_role_several_people(traject, gebruikers):
    sponsor = gebruikers[Rol.SPONSOR]
    services.teamlid_toevoegen(
        traject=traject,
        door=gebruikers[Rol.PROJECTLEIDER],
        gebruiker=sponsor,
        rol=Rol.VAKINHOUDELIJK_MEDEWERKER,
    )
    lid(traject, Rol.SPONSOR)
    assert traject.teamleden.filter(gebruiker=sponsor).count() == 2
    assert traject.teamleden.filter(rol=Rol.SPONSOR).count() == 2


def test_a_specialist_needs_a_discipline(traject, gebruikers):
    with pytest.raises(ValidationError) as fout:
        services.teamlid_toevoegen(
            traject=traject, door=gebruikers[Rol.PROJECTLEIDER], gebruiker=UserFactory(), rol=Rol.SPECIALIST
        )
    assert "discipline" in fout.value.message_dict


def test_only_a_specialist_has_a_discipline(traject, gebruikers):
    with pytest.raises(ValidationError) as fout:
        services.teamlid_toevoegen(
            traject=traject,
            door=gebruikers[Rol.PROJECTLEIDER],
            gebruiker=UserFactory(),
            rol=Rol.SPONSOR,
            discipline=Discipline.CISO,
        )
    assert "discipline" in fout.value.message_dict


def test_a_specialist_may_review_from_two_disciplines(traject, gebruikers):
    specialist = gebruikers[Rol.SPECIALIST]  # ICT already
    services.teamlid_toevoegen(
        traject=traject,
        door=gebruikers[Rol.PROJECTLEIDER],
        gebruiker=specialist,
        rol=Rol.SPECIALIST,
        discipline=Discipline.CISO,
    )
    assert set(traject.teamleden.filter(gebruiker=specialist).values_list("discipline", flat=True)) == {
        "ict",
        "ciso",
    }


def test_an_inactive_account_cannot_join(traject, gebruikers):
    with pytest.raises(ValidationError):
        services.teamlid_toevoegen(
            traject=traject,
            door=gebruikers[Rol.PROJECTLEIDER],
            gebruiker=UserFactory(is_active=False),
            rol=Rol.SPONSOR,
        )


@pytest.mark.parametrize(
    "rol",
    [
        Rol.SPONSOR,
        Rol.PROCESADVISEUR,
        Rol.KLANTREISCOACH,
        Rol.TEAMMANAGER,
        Rol.VAKINHOUDELIJK_MEDEWERKER,
        Rol.SPECIALIST,
        "management",
        "buitenstaander",
    ],
)
def test_only_projectleider_and_proceseigenaar_manage_the_team(traject, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        services.teamlid_toevoegen(
            traject=traject, door=gebruikers[rol], gebruiker=UserFactory(), rol=Rol.SPONSOR
        )
    with pytest.raises(PermissionDenied):
        services.teamlid_verwijderen(teamlid=traject.teamleden.get(rol=Rol.SPONSOR), door=gebruikers[rol])


def test_the_proceseigenaar_manages_the_team_too(traject, gebruikers):
    nieuw = UserFactory()
    teamlid = services.teamlid_toevoegen(
        traject=traject, door=gebruikers[Rol.PROCESEIGENAAR], gebruiker=nieuw, rol=Rol.TEAMMANAGER
    )
    assert codenames(traject, nieuw) == rechten_voor_rollen([Rol.TEAMMANAGER])
    services.teamlid_verwijderen(teamlid=teamlid, door=gebruikers[Rol.PROCESEIGENAAR])
    assert codenames(traject, nieuw) == set()


# --- who sees what ------------------------------------------------------------------------------


def test_management_sees_every_trajectory_read_only(gebruikers):
    trajecten = [TrajectFactory() for _ in range(3)]
    manager = gebruikers["management"]
    assert set(selectors.trajecten_voor(gebruiker=manager)) == set(trajecten)
    for traject in trajecten:
        assert rechten_voor(manager, traject) == {"view_traject"}
        assert traject_met_recht(manager, traject.pk)[0] == traject
        with pytest.raises(PermissionDenied):
            traject_met_recht(manager, traject.pk, "change_traject")
    with pytest.raises(PermissionDenied):
        services.traject_wijzigen(traject=trajecten[0], door=manager, titel="X")
    with pytest.raises(PermissionDenied):
        services.teamlid_toevoegen(traject=trajecten[0], door=manager, gebruiker=manager, rol=Rol.SPONSOR)


def test_outsiders_see_nothing(traject, gebruikers):
    buitenstaander = gebruikers["buitenstaander"]
    assert list(selectors.trajecten_voor(gebruiker=buitenstaander)) == []
    assert rechten_voor(buitenstaander, traject) == frozenset()
    with pytest.raises(Http404):
        traject_met_recht(buitenstaander, traject.pk)
    with pytest.raises(Http404):
        traject_met_recht(buitenstaander, traject.pk, "change_traject")


def test_members_see_only_their_own_trajectories(traject, gebruikers):
    TrajectFactory()  # someone else's
    for rol in Rol:
        assert list(selectors.trajecten_voor(gebruiker=gebruikers[rol])) == [traject]


def test_a_member_whose_role_may_not_gets_403_not_404(traject, gebruikers):
    with pytest.raises(PermissionDenied):
        traject_met_recht(gebruikers[Rol.SPONSOR], traject.pk, "beheer_team")
    assert traject_met_recht(gebruikers[Rol.SPONSOR], traject.pk)[1] == rechten_voor_rollen([Rol.SPONSOR])


def test_a_missing_trajectory_is_404(gebruikers):
    with pytest.raises(Http404):
        traject_met_recht(gebruikers["management"], 999_999)


def test_a_removed_member_no_longer_sees_the_trajectory(traject, gebruikers):
    sponsor = gebruikers[Rol.SPONSOR]
    services.teamlid_verwijderen(
        teamlid=traject.teamleden.get(gebruiker=sponsor), door=gebruikers[Rol.PROJECTLEIDER]
    )
    assert list(selectors.trajecten_voor(gebruiker=sponsor)) == []
    with pytest.raises(Http404):
        traject_met_recht(sponsor, traject.pk)


# --- sessions -----------------------------------------------------------------------------------


def sessie_velden(**velden) -> dict:
    begin = timezone.now() + dt.timedelta(days=3)
    return {
        "soort": SessieSoort.PROCES_HUIDIG,
        "titel": "Sessie 1: huidig proces",
        "begint_op": begin,
        "eindigt_op": begin + dt.timedelta(hours=2),
        "locatie": "Stadhuis",
        **velden,
    }


def test_planning_a_session_records_it_with_its_attendees(traject, gebruikers):
    aanwezigen = [gebruikers[Rol.PROCESADVISEUR], gebruikers[Rol.VAKINHOUDELIJK_MEDEWERKER]]
    sessie = services.sessie_plannen(
        traject=traject, door=gebruikers[Rol.PROCESADVISEUR], aanwezigen=aanwezigen, **sessie_velden()
    )
    assert set(sessie.aanwezigen.all()) == set(aanwezigen)
    [gepland] = gebeurtenissen(traject, GebeurtenisSoort.SESSIE_GEPLAND)
    assert gepland.gegevens == {"sessie": sessie.pk}
    assert gepland.actor == gebruikers[Rol.PROCESADVISEUR]


def test_an_online_session_needs_no_location(traject, gebruikers):
    sessie = services.sessie_plannen(
        traject=traject,
        door=gebruikers[Rol.PROJECTLEIDER],
        **sessie_velden(locatie="", online_link="https://teams.example.nl/meet/123"),
    )
    assert sessie.online_link


def test_a_session_needs_a_location_or_a_link(traject, gebruikers):
    with pytest.raises(ValidationError) as fout:
        services.sessie_plannen(
            traject=traject, door=gebruikers[Rol.PROJECTLEIDER], **sessie_velden(locatie="", online_link="")
        )
    assert "locatie" in fout.value.message_dict
    assert not traject.sessies.exists()


@pytest.mark.parametrize("duur", [dt.timedelta(0), dt.timedelta(hours=-1)])
def test_a_session_ends_after_it_starts(traject, gebruikers, duur):
    velden = sessie_velden()
    velden["eindigt_op"] = velden["begint_op"] + duur
    with pytest.raises(ValidationError) as fout:
        services.sessie_plannen(traject=traject, door=gebruikers[Rol.PROJECTLEIDER], **velden)
    assert "eindigt_op" in fout.value.message_dict


def test_the_klantreiscoach_plans_journey_sessions_only(traject, gebruikers):
    coach = gebruikers[Rol.KLANTREISCOACH]
    sessie = services.sessie_plannen(
        traject=traject, door=coach, **sessie_velden(soort=SessieSoort.KLANTREIS)
    )
    assert sessie.soort == SessieSoort.KLANTREIS
    for soort in set(SessieSoort) - {SessieSoort.KLANTREIS}:
        with pytest.raises(PermissionDenied):
            services.sessie_plannen(traject=traject, door=coach, **sessie_velden(soort=soort))
    with pytest.raises(PermissionDenied):
        services.sessie_wijzigen(sessie=sessie, door=coach, soort=SessieSoort.START)
    services.sessie_wijzigen(sessie=sessie, door=coach, notities="Drie interviews gepland.")


@pytest.mark.parametrize(
    "rol",
    [
        Rol.SPONSOR,
        Rol.PROCESEIGENAAR,
        Rol.TEAMMANAGER,
        Rol.SPECIALIST,
        Rol.VAKINHOUDELIJK_MEDEWERKER,
        "management",
        "buitenstaander",
    ],
)
def test_only_projectleider_procesadviseur_and_coach_plan_sessions(traject, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        services.sessie_plannen(traject=traject, door=gebruikers[rol], **sessie_velden())


def test_recording_the_notes_of_a_session_is_audited(traject, gebruikers):
    sessie = SessieFactory(traject=traject)
    nieuwe_aanwezige = gebruikers[Rol.SPONSOR]
    sessie = services.sessie_wijzigen(
        sessie=sessie,
        door=gebruikers[Rol.PROCESADVISEUR],
        notities="Knelpunt: dubbele invoer.",
        aanwezigen=[nieuwe_aanwezige],
    )
    sessie.refresh_from_db()
    assert sessie.notities == "Knelpunt: dubbele invoer."
    assert list(sessie.aanwezigen.all()) == [nieuwe_aanwezige]
    assert gebeurtenissen(traject, GebeurtenisSoort.SESSIE_GEWIJZIGD)[0].gegevens == {"sessie": sessie.pk}


def test_changing_a_session_validates_it(traject, gebruikers):
    sessie = SessieFactory(traject=traject)
    with pytest.raises(ValidationError):
        services.sessie_wijzigen(sessie=sessie, door=gebruikers[Rol.PROJECTLEIDER], locatie="")


# --- improvement points -------------------------------------------------------------------------


@pytest.mark.parametrize("rol", list(Rol))
def test_every_member_records_an_improvement_point(traject, gebruikers, rol):
    punt = verbeterpunt_vastleggen(
        traject=traject,
        door=gebruikers[rol],
        titel="Formulier korter",
        omschrijving="Vraag 7 tot 12 zijn overbodig.",
    )
    assert (punt.bron, punt.sessie, punt.ingediend_door) == (VerbeterpuntBron.TRAJECT, None, gebruikers[rol])
    [vastgelegd] = gebeurtenissen(traject, GebeurtenisSoort.VERBETERPUNT)
    assert vastgelegd.gegevens == {"verbeterpunt": punt.pk}


def test_an_improvement_point_from_a_session(traject, gebruikers):
    sessie = SessieFactory(traject=traject)
    punt = verbeterpunt_vastleggen(
        traject=traject, door=gebruikers[Rol.SPONSOR], titel="Eén loket", sessie=sessie
    )
    assert (punt.bron, punt.sessie) == (VerbeterpuntBron.SESSIE, sessie)
    assert str(sessie) in punt.bron_omschrijving


@pytest.mark.parametrize("wie", ["buitenstaander", "management", "functioneel_beheerder"])
def test_outsiders_and_management_cannot_record_improvement_points(traject, gebruikers, wie):
    with pytest.raises(PermissionDenied):
        verbeterpunt_vastleggen(traject=traject, door=gebruikers[wie], titel="Inbreker")
    assert not traject.verbeterpunten.exists()


def test_a_session_of_another_trajectory_is_refused(traject, gebruikers):
    andere_sessie = SessieFactory()
    with pytest.raises(ValidationError) as fout:
        verbeterpunt_vastleggen(
            traject=traject, door=gebruikers[Rol.SPONSOR], titel="Verkeerd", sessie=andere_sessie
        )
    assert "sessie" in fout.value.message_dict
    assert not traject.verbeterpunten.exists()
    assert gebeurtenissen(traject, GebeurtenisSoort.VERBETERPUNT) == []


def test_an_improvement_point_needs_a_title(traject, gebruikers):
    with pytest.raises(ValidationError) as fout:
        verbeterpunt_vastleggen(traject=traject, door=gebruikers[Rol.SPONSOR], titel="")
    assert "titel" in fout.value.message_dict
