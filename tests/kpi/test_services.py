"""The services of step 2: defining, approving, changing after approval, deleting, measuring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import zet_stappen
from tests.kpi.factories import KpiFactory, KpiMetingFactory, goedkeuren, kpi_gegevens
from trajecten import services
from trajecten.choices import GebeurtenisSoort, KpiRichting, Rol, TrajectStatus
from trajecten.models import Gebeurtenis, Kpi, KpiMeting
from verbeterplan.services import verbeterpunt_vastleggen

pytestmark = pytest.mark.django_db

PE = Rol.PROCESEIGENAAR
PL = Rol.PROJECTLEIDER


def _kpi_gebeurtenissen(traject, soort=GebeurtenisSoort.KPI):
    return list(Gebeurtenis.objects.filter(traject=traject, soort=soort).order_by("pk"))


# --- defining -----------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [Rol.PROJECTLEIDER, Rol.PROCESADVISEUR, Rol.PROCESEIGENAAR, Rol.TEAMMANAGER])
def test_the_roles_that_manage_kpis_define_one_unapproved_and_it_is_in_the_timeline(traject, gebruikers, rol):
    kpi = services.kpi_aanmaken(traject=traject, door=gebruikers[rol], **kpi_gegevens())
    assert kpi.pk and not kpi.is_goedgekeurd
    assert kpi.aangemaakt_door == gebruikers[rol]
    gebeurtenis = _kpi_gebeurtenissen(traject)[-1]
    assert gebeurtenis.stap == "2" and gebeurtenis.actor == gebruikers[rol]
    assert "Klanttevredenheid" in gebeurtenis.omschrijving


@pytest.mark.parametrize(
    "rol", [Rol.SPONSOR, Rol.KLANTREISCOACH, Rol.VAKINHOUDELIJK_MEDEWERKER, Rol.SPECIALIST]
)
def test_other_members_may_not_define_a_kpi(traject, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        services.kpi_aanmaken(traject=traject, door=gebruikers[rol], **kpi_gegevens())
    assert not Kpi.objects.exists()


def test_management_and_outsiders_may_not_define_a_kpi(traject, gebruikers):
    for wie in ("management", "buitenstaander"):
        with pytest.raises(PermissionDenied):
            services.kpi_aanmaken(traject=traject, door=gebruikers[wie], **kpi_gegevens())


@pytest.mark.parametrize(
    ("anders", "veld"),
    [
        ({"streefwaarde": Decimal("6.4")}, "streefwaarde"),  # equal to the baseline
        ({"streefwaarde": Decimal("5")}, "streefwaarde"),  # worse in the chosen direction
        ({"richting": KpiRichting.LAGER_IS_BETER}, "streefwaarde"),
        ({"streefdatum": dt.date(2026, 1, 1)}, "streefdatum"),  # before the baseline date
        ({"naam": ""}, "naam"),
        ({"richting": "zijwaarts"}, "richting"),
    ],
)
def test_an_invalid_kpi_is_refused_at_its_field(traject, gebruikers, anders, veld):
    with pytest.raises(ValidationError) as fout:
        services.kpi_aanmaken(traject=traject, door=gebruikers[PL], **kpi_gegevens(**anders))
    assert veld in fout.value.error_dict
    assert not Kpi.objects.exists()
    assert not _kpi_gebeurtenissen(traject)


def test_an_unknown_field_is_a_programming_error(traject, gebruikers):
    with pytest.raises(ValueError, match="goedgekeurd_op"):
        services.kpi_aanmaken(
            traject=traject, door=gebruikers[PL], goedgekeurd_op=timezone.now(), **kpi_gegevens()
        )


def test_a_stopped_trajectory_refuses_kpi_changes(traject, gebruikers):
    zet_stappen(traject, {}, traject_status=TrajectStatus.GESTOPT)
    with pytest.raises(services.WorkflowFout) as fout:
        services.kpi_aanmaken(traject=traject, door=gebruikers[PL], **kpi_gegevens())
    assert fout.value.berichten == ["The trajectory is stopped; its KPIs can no longer change."]


# --- approving ----------------------------------------------------------------------------------


def test_the_process_owner_approves_every_unapproved_kpi_as_a_decision(traject, gebruikers):
    eerste, tweede = KpiFactory(traject=traject, naam="Doorlooptijd"), KpiFactory(traject=traject, naam="FTR")
    goedgekeurd = services.kpis_goedkeuren(traject=traject, door=gebruikers[PE])
    assert {k.pk for k in goedgekeurd} == {eerste.pk, tweede.pk}
    for kpi in (eerste, tweede):
        kpi.refresh_from_db()
        assert kpi.is_goedgekeurd and kpi.goedgekeurd_door == gebruikers[PE]
    besluit = _kpi_gebeurtenissen(traject, GebeurtenisSoort.BESLUIT)[-1]
    assert besluit.omschrijving == "KPIs approved by the process owner: “Doorlooptijd”, “FTR”."
    assert besluit.gegevens == {"kpis": [eerste.pk, tweede.pk]}
    assert besluit.stap == "2" and besluit.actor == gebruikers[PE]


def test_approving_again_only_approves_the_new_kpi_and_keeps_the_first_approval(traject, gebruikers):
    oud = goedkeuren(KpiFactory(traject=traject), door=gebruikers[PE])
    eerder = oud.goedgekeurd_op
    nieuw = services.kpi_aanmaken(traject=traject, door=gebruikers[PL], **kpi_gegevens())
    assert not nieuw.is_goedgekeurd, "a KPI added after the approval starts unapproved"
    assert services.kpis_goedkeuren(traject=traject, door=gebruikers[PE]) == [nieuw]
    oud.refresh_from_db()
    assert oud.goedgekeurd_op == eerder


def test_approving_without_a_kpi_or_with_everything_approved_is_refused(traject, gebruikers):
    with pytest.raises(services.WorkflowFout) as fout:
        services.kpis_goedkeuren(traject=traject, door=gebruikers[PE])
    assert fout.value.berichten == ["There is no complete KPI to approve yet. Define at least one KPI first."]
    goedkeuren(KpiFactory(traject=traject), door=gebruikers[PE])
    with pytest.raises(services.WorkflowFout) as fout:
        services.kpis_goedkeuren(traject=traject, door=gebruikers[PE])
    assert fout.value.berichten == ["Every KPI has already been approved."]
    assert not _kpi_gebeurtenissen(traject, GebeurtenisSoort.BESLUIT)


@pytest.mark.parametrize("rol", [r for r in Rol if r != PE])
def test_only_the_process_owner_approves(traject, gebruikers, rol):
    kpi = KpiFactory(traject=traject)
    with pytest.raises(PermissionDenied):
        services.kpis_goedkeuren(traject=traject, door=gebruikers[rol])
    kpi.refresh_from_db()
    assert not kpi.is_goedgekeurd


# --- changing -----------------------------------------------------------------------------------


def test_an_unapproved_kpi_changes_freely_and_the_change_is_logged_briefly(traject, gebruikers):
    kpi = KpiFactory(traject=traject)
    services.kpi_wijzigen(kpi=kpi, door=gebruikers[PL], nulmeting=Decimal("54"), naam="Doorlooptijd")
    kpi.refresh_from_db()
    assert kpi.nulmeting == Decimal("54") and kpi.naam == "Doorlooptijd"
    gebeurtenis = _kpi_gebeurtenissen(traject)[-1]
    assert gebeurtenis.omschrijving == "KPI “Doorlooptijd” changed: name, baseline."
    assert gebeurtenis.gegevens["na_goedkeuring"] is False
    assert gebeurtenis.reden == ""


@pytest.mark.parametrize(
    "veld",
    [
        {"nulmeting": Decimal("50")},
        {"streefwaarde": Decimal("25")},
        {"definitie": "Anders gemeten."},
        {"eenheid": "werkdagen"},
        {"nulmeting_datum": dt.date(2025, 12, 1)},
    ],
)
def test_changing_a_guarded_field_of_an_approved_kpi_needs_a_reason(traject, gebruikers, veld):
    kpi = goedkeuren(KpiFactory(traject=traject), door=gebruikers[PE])
    aantal = len(_kpi_gebeurtenissen(traject))
    with pytest.raises(ValidationError) as fout:
        services.kpi_wijzigen(kpi=kpi, door=gebruikers[PL], reden="  ", **veld)
    assert set(fout.value.error_dict) == {"reden"}
    opgeslagen = Kpi.objects.get(pk=kpi.pk)
    naam, waarde = next(iter(veld.items()))
    assert getattr(opgeslagen, naam) != waarde, "nothing was saved"
    assert len(_kpi_gebeurtenissen(traject)) == aantal


def test_a_change_after_approval_keeps_the_approval_and_records_old_new_and_why(traject, gebruikers):
    kpi = goedkeuren(KpiFactory(traject=traject, naam="Doorlooptijd"), door=gebruikers[PE])
    reden = "De nulmeting bleek de mediaan te zijn in plaats van het gemiddelde."
    services.kpi_wijzigen(
        kpi=kpi, door=gebruikers[PL], reden=reden, nulmeting=Decimal("54.5"), streefwaarde=Decimal("27")
    )
    kpi.refresh_from_db()
    assert kpi.is_goedgekeurd, "the approval stays"
    assert (kpi.nulmeting, kpi.streefwaarde) == (Decimal("54.5"), Decimal("27"))
    gebeurtenis = _kpi_gebeurtenissen(traject)[-1]
    assert gebeurtenis.reden == reden
    assert gebeurtenis.actor == gebruikers[PL]
    assert gebeurtenis.gegevens["wijzigingen"] == {"nulmeting": ["56", "54.5"], "streefwaarde": ["28", "27"]}
    assert gebeurtenis.gegevens["na_goedkeuring"] is True
    assert "baseline 56 → 54.5" in gebeurtenis.omschrijving
    assert "target 28 → 27" in gebeurtenis.omschrijving


def test_renaming_an_approved_kpi_needs_no_reason(traject, gebruikers):
    kpi = goedkeuren(KpiFactory(traject=traject), door=gebruikers[PE])
    services.kpi_wijzigen(kpi=kpi, door=gebruikers[PL], naam="Doorlooptijd reguliere procedure")
    assert Kpi.objects.get(pk=kpi.pk).naam == "Doorlooptijd reguliere procedure"


def test_a_field_error_and_a_missing_reason_are_reported_together(traject, gebruikers):
    kpi = goedkeuren(KpiFactory(traject=traject), door=gebruikers[PE])
    with pytest.raises(ValidationError) as fout:
        services.kpi_wijzigen(kpi=kpi, door=gebruikers[PL], streefwaarde=Decimal("56"))
    assert set(fout.value.error_dict) == {"streefwaarde", "reden"}


def test_saving_without_changes_records_nothing(traject, gebruikers):
    kpi = KpiFactory(traject=traject)
    aantal = len(_kpi_gebeurtenissen(traject))
    services.kpi_wijzigen(kpi=kpi, door=gebruikers[PL], nulmeting=Decimal("56.00"), bron=kpi.bron)
    assert len(_kpi_gebeurtenissen(traject)) == aantal


def test_the_kpi_passed_in_is_left_alone_when_the_change_is_refused(traject, gebruikers):
    kpi = goedkeuren(KpiFactory(traject=traject), door=gebruikers[PE])
    with pytest.raises(ValidationError):
        services.kpi_wijzigen(kpi=kpi, door=gebruikers[PL], nulmeting=Decimal("1"))
    assert kpi.nulmeting == Decimal("56")


def test_a_member_without_the_right_may_not_change_a_kpi(traject, gebruikers):
    kpi = KpiFactory(traject=traject)
    with pytest.raises(PermissionDenied):
        services.kpi_wijzigen(kpi=kpi, door=gebruikers[Rol.SPONSOR], naam="Anders")


# --- deleting -----------------------------------------------------------------------------------


def test_an_unapproved_kpi_is_deleted_with_its_measurements(traject, gebruikers):
    kpi = KpiFactory(traject=traject, naam="Doorlooptijd")
    KpiMetingFactory.create_batch(3, kpi=kpi)
    services.kpi_verwijderen(kpi=kpi, door=gebruikers[PL])
    assert not Kpi.objects.exists() and not KpiMeting.objects.exists()
    gebeurtenis = _kpi_gebeurtenissen(traject)[-1]
    assert gebeurtenis.omschrijving == "KPI “Doorlooptijd” deleted, with 3 measurements."


def test_an_approved_kpi_is_only_deleted_with_a_reason(traject, gebruikers):
    kpi = goedkeuren(KpiFactory(traject=traject), door=gebruikers[PE])
    with pytest.raises(ValidationError) as fout:
        services.kpi_verwijderen(kpi=kpi, door=gebruikers[PL])
    assert set(fout.value.error_dict) == {"reden"}
    assert Kpi.objects.filter(pk=kpi.pk).exists()
    services.kpi_verwijderen(kpi=kpi, door=gebruikers[PL], reden="Dubbel met first time right.")
    assert not Kpi.objects.filter(pk=kpi.pk).exists()
    gebeurtenis = _kpi_gebeurtenissen(traject)[-1]
    assert gebeurtenis.reden == "Dubbel met first time right."
    assert gebeurtenis.gegevens["was_goedgekeurd"] is True
    assert gebeurtenis.gegevens["waarden"]["nulmeting"] == "56"


def test_a_kpi_with_improvement_points_is_never_deleted(traject, gebruikers):
    kpi = KpiFactory(traject=traject)
    verbeterpunt_vastleggen(traject=traject, door=gebruikers[Rol.SPONSOR], titel="Meten per week", kpi=kpi)
    assert services.kpi_verwijderbezwaren(kpi=kpi) == [
        "This KPI cannot be deleted: 1 improvement point was recorded from it and keeps it as its "
        "source. Change the KPI instead."
    ]
    with pytest.raises(services.WorkflowFout) as fout:
        services.kpi_verwijderen(kpi=kpi, door=gebruikers[PL], reden="Weg ermee.")
    assert "improvement point" in fout.value.berichten[0]
    assert Kpi.objects.filter(pk=kpi.pk).exists()


def test_a_kpi_deleted_in_the_meantime_is_a_clear_refusal(traject, gebruikers):
    kpi = KpiFactory(traject=traject)
    Kpi.objects.filter(pk=kpi.pk).delete()
    with pytest.raises(services.WorkflowFout) as fout:
        services.kpi_wijzigen(kpi=kpi, door=gebruikers[PL], naam="Nieuw")
    assert fout.value.berichten == ["This KPI no longer exists; someone deleted it in the meantime."]


# --- measurements -------------------------------------------------------------------------------


def test_a_measurement_is_recorded_with_who_entered_it(traject, gebruikers):
    kpi = KpiFactory(traject=traject, naam="Doorlooptijd")
    datum = timezone.localdate() - dt.timedelta(days=3)
    meting = services.meting_vastleggen(
        kpi=kpi, door=gebruikers[Rol.TEAMMANAGER], datum=datum, waarde=Decimal("41.5"), toelichting="Mei"
    )
    assert meting.ingevoerd_door == gebruikers[Rol.TEAMMANAGER]
    assert list(kpi.metingen.values_list("waarde", flat=True)) == [Decimal("41.5")]
    gebeurtenis = _kpi_gebeurtenissen(traject)[-1]
    assert gebeurtenis.omschrijving.startswith("Measurement of KPI “Doorlooptijd”: 41.5 on ")
    assert gebeurtenis.gegevens == {"kpi": kpi.pk, "meting": meting.pk}


def test_a_measurement_in_the_future_is_refused_at_the_date(traject, gebruikers):
    kpi = KpiFactory(traject=traject)
    with pytest.raises(ValidationError) as fout:
        services.meting_vastleggen(
            kpi=kpi, door=gebruikers[PL], datum=timezone.localdate() + dt.timedelta(days=1), waarde=Decimal(1)
        )
    assert set(fout.value.error_dict) == {"datum"}
    assert not KpiMeting.objects.exists()


def test_a_measurement_with_too_many_digits_is_refused_at_the_value(traject, gebruikers):
    kpi = KpiFactory(traject=traject)
    with pytest.raises(ValidationError) as fout:
        services.meting_vastleggen(
            kpi=kpi, door=gebruikers[PL], datum=timezone.localdate(), waarde=Decimal("12345678901.5")
        )
    assert set(fout.value.error_dict) == {"waarde"}


def test_measurements_of_an_approved_kpi_need_no_reason_and_keep_the_approval(traject, gebruikers):
    kpi = goedkeuren(KpiFactory(traject=traject), door=gebruikers[PE])
    services.meting_vastleggen(kpi=kpi, door=gebruikers[PL], datum=timezone.localdate(), waarde=Decimal(30))
    kpi.refresh_from_db()
    assert kpi.is_goedgekeurd


def test_a_measurement_is_deleted_and_the_timeline_keeps_what_it_was(traject, gebruikers):
    meting = KpiMetingFactory(kpi=KpiFactory(traject=traject, naam="FTR"), waarde=Decimal("77.25"))
    services.meting_verwijderen(meting=meting, door=gebruikers[PL])
    assert not KpiMeting.objects.exists()
    gebeurtenis = _kpi_gebeurtenissen(traject)[-1]
    assert gebeurtenis.gegevens["waarde"] == "77.25"
    assert "77.25" in gebeurtenis.omschrijving


def test_only_who_manages_kpis_enters_or_deletes_measurements(traject, gebruikers):
    kpi = KpiFactory(traject=traject)
    meting = KpiMetingFactory(kpi=kpi)
    for rol in (Rol.SPONSOR, Rol.KLANTREISCOACH, Rol.VAKINHOUDELIJK_MEDEWERKER, Rol.SPECIALIST):
        with pytest.raises(PermissionDenied):
            services.meting_vastleggen(kpi=kpi, door=gebruikers[rol], datum=timezone.localdate(), waarde=1)
        with pytest.raises(PermissionDenied):
            services.meting_verwijderen(meting=meting, door=gebruikers[rol])
    assert KpiMeting.objects.count() == 1
