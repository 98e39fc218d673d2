"""The step-6 services: deciding on points (accept, merge, reject, decide again), the actions and their
order, the guards (right, closed plan after step 6, stopped trajectory), the version check and the
audit trail."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from tests.factories import VerbeterpuntFactory, zet_stappen
from tests.kpi.factories import KpiFactory
from tests.verbeterplan.factories import VerbeteractieFactory
from trajecten.choices import GebeurtenisSoort, Rol, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import Gebeurtenis
from trajecten.services import WorkflowFout
from verbeterplan import services
from verbeterplan.choices import Termijn, VerbeterpuntStatus
from verbeterplan.models import ActieKpi, Verbeteractie, Verbeterpunt
from wasstraat.bewerking import Bewerkingsconflict, versie_van

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _engels():
    """Messages in English, the source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def pl(gebruikers):
    return gebruikers[Rol.PROJECTLEIDER]


@pytest.fixture
def punt(traject):
    return VerbeterpuntFactory(traject=traject, titel="Dubbele invoer", omschrijving="Twee systemen.")


def _gebeurtenissen(traject) -> list[Gebeurtenis]:
    return list(
        Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.VERBETERPLAN).order_by("pk")
    )


# --- accept, merge, reject ----------------------------------------------------------------------


def test_accepting_a_point_makes_a_new_action_at_the_end_of_the_plan(traject, pl, punt):
    VerbeteractieFactory(traject=traject, titel="Bestaande actie")
    actie = services.verbeterpunt_overnemen(punt=punt, door=pl, titel="Eén invoerscherm")
    punt.refresh_from_db()
    assert (actie.titel, actie.omschrijving, actie.volgorde) == ("Eén invoerscherm", "Twee systemen.", 2)
    assert (punt.status, punt.actie, punt.besloten_door) == (VerbeterpuntStatus.OVERGENOMEN, actie, pl)
    assert punt.besloten_op is not None
    gebeurtenis = _gebeurtenissen(traject)[-1]
    assert gebeurtenis.stap == Stap.S6 and gebeurtenis.actor == pl
    assert gebeurtenis.gegevens == {
        "verbeterpunt": punt.pk,
        "actie": actie.pk,
        "besluit": "overgenomen",
        "vorig": "Open",
    }


def test_an_accepted_point_without_a_title_gives_the_action_its_own_title(traject, pl, punt):
    assert services.verbeterpunt_overnemen(punt=punt, door=pl).titel == "Dubbele invoer"


def test_several_points_merge_into_one_action(traject, pl):
    actie = VerbeteractieFactory(traject=traject)
    punten = VerbeterpuntFactory.create_batch(3, traject=traject)
    for p in punten:
        assert services.verbeterpunt_samenvoegen(punt=p, actie=actie, door=pl) == actie
    assert set(actie.punten.all()) == set(punten)
    assert set(Verbeterpunt.objects.values_list("status", flat=True)) == {VerbeterpuntStatus.SAMENGEVOEGD}
    assert len(_gebeurtenissen(traject)) == 3


def test_a_point_cannot_merge_into_another_trajectorys_action(traject, pl, punt, maak_traject):
    vreemd = VerbeteractieFactory(traject=maak_traject(titel="Ander traject"))
    with pytest.raises(ValidationError) as fout:
        services.verbeterpunt_samenvoegen(punt=punt, actie=vreemd, door=pl)
    assert "actie" in fout.value.error_dict
    punt.refresh_from_db()
    assert punt.status == VerbeterpuntStatus.OPEN


def test_rejecting_needs_a_reason(traject, pl, punt):
    with pytest.raises(ValidationError) as fout:
        services.verbeterpunt_afwijzen(punt=punt, door=pl, reden="   ")
    assert "afwijzingsreden" in fout.value.error_dict
    punt.refresh_from_db()
    assert punt.status == VerbeterpuntStatus.OPEN
    services.verbeterpunt_afwijzen(punt=punt, door=pl, reden="Valt buiten de scope.")
    punt.refresh_from_db()
    assert (punt.status, punt.afwijzingsreden, punt.actie) == (
        VerbeterpuntStatus.AFGEWEZEN,
        "Valt buiten de scope.",
        None,
    )
    assert _gebeurtenissen(traject)[-1].reden == "Valt buiten de scope."


def test_the_database_refuses_a_rejection_without_reason_and_a_merge_without_action(traject, punt):
    with pytest.raises(IntegrityError), transaction.atomic():
        Verbeterpunt.objects.filter(pk=punt.pk).update(status=VerbeterpuntStatus.AFGEWEZEN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Verbeterpunt.objects.filter(pk=punt.pk).update(status=VerbeterpuntStatus.SAMENGEVOEGD)


def test_a_point_can_be_decided_again_and_its_action_stays(traject, pl, punt):
    actie = services.verbeterpunt_overnemen(punt=punt, door=pl)
    services.verbeterpunt_afwijzen(punt=punt, door=pl, reden="Toch niet.")
    punt.refresh_from_db()
    assert punt.status == VerbeterpuntStatus.AFGEWEZEN and punt.actie is None
    assert Verbeteractie.objects.filter(pk=actie.pk).exists(), "nothing is deleted"
    andere = VerbeteractieFactory(traject=traject)
    services.verbeterpunt_samenvoegen(punt=punt, actie=andere, door=pl)
    punt.refresh_from_db()
    assert (punt.status, punt.actie, punt.afwijzingsreden) == (VerbeterpuntStatus.SAMENGEVOEGD, andere, "")
    assert [g.gegevens["vorig"] for g in _gebeurtenissen(traject)] == [
        "Open",
        "Accepted into a new action",
        "Rejected",
    ]


def test_deciding_the_same_again_writes_nothing(traject, pl, punt):
    actie = VerbeteractieFactory(traject=traject)
    services.verbeterpunt_samenvoegen(punt=punt, actie=actie, door=pl)
    services.verbeterpunt_samenvoegen(punt=punt, actie=actie, door=pl)
    assert len(_gebeurtenissen(traject)) == 1


# --- guards -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rol", [Rol.PROJECTLEIDER, Rol.PROCESADVISEUR, Rol.KLANTREISCOACH, Rol.PROCESEIGENAAR]
)
def test_the_plan_roles_may_decide(traject, gebruikers, punt, rol):
    services.verbeterpunt_afwijzen(punt=punt, door=gebruikers[rol], reden="Niet nodig.")


@pytest.mark.parametrize("wie", [Rol.SPONSOR, Rol.TEAMMANAGER, Rol.VAKINHOUDELIJK_MEDEWERKER, "management"])
def test_others_may_not_decide_or_edit(traject, gebruikers, punt, wie):
    door = gebruikers[wie]
    with pytest.raises(PermissionDenied):
        services.verbeterpunt_afwijzen(punt=punt, door=door, reden="Niet nodig.")
    with pytest.raises(PermissionDenied):
        services.verbeteractie_aanmaken(traject=traject, door=door, titel="Actie")
    actie = VerbeteractieFactory(traject=traject)
    with pytest.raises(PermissionDenied):
        services.verbeteractie_verplaatsen(actie=actie, door=door, richting=services.OP)


def test_after_step_6_is_completed_every_step_6_service_refuses(traject, pl, punt):
    actie = VerbeteractieFactory(traject=traject)
    zet_stappen(traject, {Stap.S6: StapStatusKeuze.AFGEROND}, traject_status=TrajectStatus.LOPEND)
    pogingen = [
        lambda: services.verbeterpunt_overnemen(punt=punt, door=pl),
        lambda: services.verbeterpunt_samenvoegen(punt=punt, actie=actie, door=pl),
        lambda: services.verbeterpunt_afwijzen(punt=punt, door=pl, reden="Later."),
        lambda: services.verbeteractie_aanmaken(traject=traject, door=pl, titel="Nieuw"),
        lambda: services.verbeteractie_wijzigen(actie=actie, door=pl, titel="Anders"),
        lambda: services.verbeteractie_verplaatsen(actie=actie, door=pl, richting=services.NEER),
    ]
    for poging in pogingen:
        with pytest.raises(WorkflowFout) as fout:
            poging()
        assert "Step 6 has been completed" in fout.value.berichten[0]
    punt.refresh_from_db()
    assert punt.status == VerbeterpuntStatus.OPEN
    assert Verbeteractie.objects.get(pk=actie.pk).titel == actie.titel


def test_while_step_6_is_in_progress_points_are_decided_again(traject, pl, punt):
    zet_stappen(traject, {Stap.S6: StapStatusKeuze.BEZIG}, traject_status=TrajectStatus.LOPEND)
    services.verbeterpunt_overnemen(punt=punt, door=pl)
    services.verbeterpunt_afwijzen(punt=punt, door=pl, reden="Toch niet.")


def test_a_stopped_trajectory_refuses_the_plan(traject, pl, punt):
    zet_stappen(traject, {}, traject_status=TrajectStatus.GESTOPT)
    with pytest.raises(WorkflowFout):
        services.verbeterpunt_afwijzen(punt=punt, door=pl, reden="Later.")


def test_two_people_deciding_the_same_point_one_is_told_it_changed(traject, gebruikers, punt):
    gezien = versie_van(punt, services.BESLUITVELDEN)
    services.verbeterpunt_afwijzen(
        punt=punt, door=gebruikers[Rol.PROJECTLEIDER], reden="Eerste.", gezien=gezien
    )
    with pytest.raises(Bewerkingsconflict) as conflict:
        services.verbeterpunt_overnemen(punt=punt, door=gebruikers[Rol.PROCESADVISEUR], gezien=gezien)
    assert {w.veld for w in conflict.value.wijzigingen} == {"status", "afwijzingsreden"}
    punt.refresh_from_db()
    assert punt.status == VerbeterpuntStatus.AFGEWEZEN
    assert not Verbeteractie.objects.filter(traject=traject).exists()


# --- actions ------------------------------------------------------------------------------------


def test_an_action_is_created_with_its_fields_departments_and_kpi_effects(traject, pl, gebruikers):
    from tests.factories import AfdelingFactory

    kpi = KpiFactory(traject=traject, naam="Doorlooptijd")
    afdeling = AfdelingFactory(naam="Vergunningen")
    actie = services.verbeteractie_aanmaken(
        traject=traject,
        door=pl,
        titel="Digitaal aanvragen",
        termijn=Termijn.LANGE_TERMIJN,
        impact=5,
        inspanning=4,
        kosten_eenmalig=Decimal("12500.00"),
        kosten_jaarlijks=Decimal("1200.50"),
        afdelingen=[afdeling],
        voorgestelde_eigenaar=gebruikers[Rol.TEAMMANAGER],
        wijzigt_gewenst_proces=True,
        kpi_effecten={kpi.pk: "Van 56 naar 30 dagen"},
    )
    assert list(actie.afdelingen.all()) == [afdeling]
    assert ActieKpi.objects.get(actie=actie).verwacht_effect == "Van 56 naar 30 dagen"
    assert actie.volgorde == 1
    assert "Digitaal aanvragen" in _gebeurtenissen(traject)[-1].omschrijving


def test_the_proposed_owner_must_be_on_the_team(traject, pl):
    from tests.factories import UserFactory

    with pytest.raises(ValidationError) as fout:
        services.verbeteractie_aanmaken(
            traject=traject, door=pl, titel="X", voorgestelde_eigenaar=UserFactory()
        )
    assert "voorgestelde_eigenaar" in fout.value.error_dict


def test_impact_and_effort_are_1_to_5(traject, pl):
    with pytest.raises(ValidationError) as fout:
        services.verbeteractie_aanmaken(traject=traject, door=pl, titel="X", impact=6, inspanning=0)
    assert {"impact", "inspanning"} <= set(fout.value.error_dict)


def test_changing_an_action_records_what_changed_and_kpi_effects_come_and_go(traject, pl):
    kpi = KpiFactory(traject=traject, naam="Klanttevredenheid")
    actie = VerbeteractieFactory(traject=traject, titel="Oud")
    services.verbeteractie_wijzigen(actie=actie, door=pl, titel="Nieuw", kpi_effecten={kpi.pk: "+1 punt"})
    assert ActieKpi.objects.get(actie=actie).verwacht_effect == "+1 punt"
    laatste = _gebeurtenissen(traject)[-1]
    assert laatste.gegevens["velden"] == ["titel"] and laatste.gegevens["kpis"] == ["Klanttevredenheid"]
    services.verbeteractie_wijzigen(actie=actie, door=pl, kpi_effecten={kpi.pk: ""})
    assert not ActieKpi.objects.filter(actie=actie).exists()
    aantal = len(_gebeurtenissen(traject))
    services.verbeteractie_wijzigen(actie=actie, door=pl, titel="Nieuw", kpi_effecten={kpi.pk: ""})
    assert len(_gebeurtenissen(traject)) == aantal, "no change, no event"


def test_a_kpi_effect_changed_by_someone_else_is_a_conflict(traject, gebruikers):
    kpi = KpiFactory(traject=traject, naam="Doorlooptijd")
    actie = VerbeteractieFactory(traject=traject)
    kpis = [kpi]
    gezien = versie_van(
        actie, services.ACTIEVELDEN, extra=services.kpi_extra(kpis, services.kpi_effecten_van(actie, kpis))
    )
    services.verbeteractie_wijzigen(
        actie=actie, door=gebruikers[Rol.PROCESADVISEUR], kpi_effecten={kpi.pk: "A"}
    )
    with pytest.raises(Bewerkingsconflict) as conflict:
        services.verbeteractie_wijzigen(
            actie=actie, door=gebruikers[Rol.PROJECTLEIDER], gezien=gezien, kpi_effecten={kpi.pk: "B"}
        )
    assert [w.veld for w in conflict.value.wijzigingen] == [f"kpi_{kpi.pk}"]


def test_actions_move_up_and_down_and_stay_numbered_1_to_n(traject, pl):
    a, b, c = (VerbeteractieFactory(traject=traject, titel=t) for t in "ABC")
    services.verbeteractie_verplaatsen(actie=c, door=pl, richting=services.OP)
    assert list(Verbeteractie.objects.filter(traject=traject).values_list("titel", "volgorde")) == [
        ("A", 1),
        ("C", 2),
        ("B", 3),
    ]
    with pytest.raises(WorkflowFout):
        services.verbeteractie_verplaatsen(actie=a, door=pl, richting=services.OP)
    services.verbeteractie_verplaatsen(actie=a, door=pl, richting=services.NEER)
    assert list(Verbeteractie.objects.filter(traject=traject).values_list("titel", flat=True)) == [
        "C",
        "A",
        "B",
    ]


def test_a_kpi_an_action_expects_to_move_cannot_be_deleted(traject, pl):
    from trajecten.services.kpi import kpi_verwijderbezwaren, kpi_verwijderen

    kpi = KpiFactory(traject=traject, naam="Doorlooptijd")
    actie = VerbeteractieFactory(traject=traject)
    services.verbeteractie_wijzigen(actie=actie, door=pl, kpi_effecten={kpi.pk: "Sneller"})
    assert kpi_verwijderbezwaren(kpi=kpi) == [
        "This KPI cannot be deleted: 1 improvement action expects to move it. Remove the expected effect "
        "from that action first."
    ]
    with pytest.raises(WorkflowFout):
        kpi_verwijderen(kpi=kpi, door=pl)
    assert ActieKpi.objects.filter(kpi=kpi).exists()
