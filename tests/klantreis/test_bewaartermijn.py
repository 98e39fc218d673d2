"""The retention period of interview notes: which notes go and when, what stays, that the deletion is
logged once, and the nightly Celery task (also through a real worker on Redis, run twice)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from celery.signals import task_postrun
from django.conf import settings as django_settings
from django.utils import timezone, translation

from klantreis.choices import Handeling
from klantreis.models import Interview, InterviewLog, Inzicht
from klantreis.privacy import bewaartermijn_begin, maanden_verschoven, notities_opschonen
from klantreis.tasks import interviewnotities_opschonen
from tests.factories import TrajectFactory
from tests.klantreis.factories import InterviewFactory, InzichtFactory, KlantreisFactory
from tests.trajecten.test_tasks import echte_worker, wacht_tot  # noqa: F401  (a fixture, and its helper)
from trajecten import services
from trajecten.choices import GebeurtenisSoort, Stap, StapStatusKeuze
from trajecten.models import Gebeurtenis, StapStatus, Traject
from wasstraat.celery import app as celery_app

NOTITIES = "Meneer vertelde over zijn verbouwing en de buren."
#: A fixed "now" (in the Dutch time zone), so month arithmetic is checked on known dates.
NU = timezone.make_aware(dt.datetime(2026, 3, 15, 2, 30))


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    with translation.override("en"):
        yield


def stap4(traject: Traject, status: str = StapStatusKeuze.AFGEROND, afgerond_op: dt.datetime | None = None):
    StapStatus.objects.filter(traject=traject, stap=Stap.S4).update(status=status, afgerond_op=afgerond_op)


def interview_van(traject: Traject | None = None, **velden) -> Interview:
    reis = KlantreisFactory(traject=traject) if traject else KlantreisFactory()
    return InterviewFactory(klantreis=reis, notities=NOTITIES, **velden)


def maanden_geleden(maanden: int, nu: dt.datetime = NU) -> dt.datetime:
    return maanden_verschoven(timezone.localtime(nu), -maanden)


def log_bewaartermijn() -> list[InterviewLog]:
    return list(InterviewLog.objects.filter(handeling=Handeling.BEWAARTERMIJN))


# --- calendar months ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("van", "maanden", "naar"),
    [
        (dt.datetime(2026, 3, 15, 2, 30), -12, dt.datetime(2025, 3, 15, 2, 30)),
        (dt.datetime(2026, 3, 31, 12, 0), -1, dt.datetime(2026, 2, 28, 12, 0)),
        (dt.datetime(2024, 3, 31, 12, 0), -1, dt.datetime(2024, 2, 29, 12, 0)),  # a leap year
        (dt.datetime(2024, 2, 29, 8, 0), 12, dt.datetime(2025, 2, 28, 8, 0)),
        (dt.datetime(2026, 1, 10, 0, 0), -1, dt.datetime(2025, 12, 10, 0, 0)),  # over the year's end
        (dt.datetime(2025, 11, 30, 0, 0), 3, dt.datetime(2026, 2, 28, 0, 0)),
        (dt.datetime(2026, 5, 5, 5, 5), 0, dt.datetime(2026, 5, 5, 5, 5)),
    ],
)
def test_months_are_calendar_months(van, maanden, naar):
    assert maanden_verschoven(van, maanden) == naar


def test_shifting_keeps_the_time_zone():
    verschoven = maanden_verschoven(timezone.localtime(NU), -6)  # March (CET) to September (CEST)
    assert verschoven.tzinfo is not None
    assert timezone.localtime(verschoven).hour == 2


# --- the rules ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_notes_go_after_the_retention_period_and_everything_else_stays(gebruikers, maak_traject):
    traject = maak_traject()
    interview = interview_van(traject, pseudoniem="Inwoner 12", kerninzichten="Wil de status volgen")
    inzicht = InzichtFactory(klantreis=interview.klantreis, interview=interview, tekst="Status onduidelijk")
    stap4(traject, afgerond_op=maanden_geleden(13))
    voor = Interview.objects.get(pk=interview.pk)

    assert notities_opschonen(nu=NU) == 1

    na = Interview.objects.get(pk=interview.pk)
    assert na.notities == "" and na.notities_verwijderd_op == NU
    for veld in ("datum", "klanttype", "pseudoniem", "toestemming_wijze", "toestemming_op", "kerninzichten"):
        assert getattr(na, veld) == getattr(voor, veld), veld
    assert Inzicht.objects.get(pk=inzicht.pk).interview == na
    [regel] = log_bewaartermijn()
    assert regel.actor is None and regel.interview == na and regel.traject == traject
    assert regel.interview_label == str(voor)
    assert "retention period of 12 months" in regel.omschrijving
    assert "verbouwing" not in regel.omschrijving
    [gebeurtenis] = Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.KLANTREIS)
    assert gebeurtenis.actor is None and "1 interview" in gebeurtenis.omschrijving
    assert "Inwoner 12" not in gebeurtenis.omschrijving and "verbouwing" not in str(gebeurtenis.gegevens)


@pytest.mark.django_db
def test_exactly_twelve_months_is_not_yet_more_than_twelve_months():
    interview = interview_van()
    traject = interview.klantreis.traject
    stap4(traject, afgerond_op=maanden_geleden(12))
    assert notities_opschonen(nu=NU) == 0
    assert Interview.objects.get(pk=interview.pk).notities == NOTITIES
    assert notities_opschonen(nu=NU + dt.timedelta(seconds=1)) == 1
    assert Interview.objects.get(pk=interview.pk).notities == ""


@pytest.mark.django_db
def test_notes_stay_within_the_retention_period():
    interview = interview_van()
    stap4(interview.klantreis.traject, afgerond_op=maanden_geleden(11))
    assert notities_opschonen(nu=NU) == 0
    assert Interview.objects.get(pk=interview.pk).notities == NOTITIES
    assert not InterviewLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", [StapStatusKeuze.NIET_GESTART, StapStatusKeuze.BEZIG])
def test_notes_stay_while_step_4_is_not_completed(status):
    interview = interview_van()
    stap4(interview.klantreis.traject, status=status, afgerond_op=None)
    assert notities_opschonen(nu=NU) == 0
    assert Interview.objects.get(pk=interview.pk).notities == NOTITIES


@pytest.mark.django_db
def test_a_reopened_step_stops_the_clock_even_with_an_old_completion_date():
    interview = interview_van()
    stap4(interview.klantreis.traject, status=StapStatusKeuze.BEZIG, afgerond_op=maanden_geleden(24))
    assert notities_opschonen(nu=NU) == 0
    assert Interview.objects.get(pk=interview.pk).notities == NOTITIES


@pytest.mark.django_db
def test_completing_the_step_again_restarts_the_clock():
    interview = interview_van()
    stap4(interview.klantreis.traject, afgerond_op=maanden_geleden(2))  # reopened and completed again
    assert notities_opschonen(nu=NU) == 0
    assert Interview.objects.get(pk=interview.pk).notities == NOTITIES


@pytest.mark.django_db
def test_only_the_due_trajectory_loses_its_notes():
    oud = interview_van()
    stap4(oud.klantreis.traject, afgerond_op=maanden_geleden(13))
    jong = interview_van()
    stap4(jong.klantreis.traject, afgerond_op=maanden_geleden(1))
    tweede_oud = InterviewFactory(klantreis=oud.klantreis, notities="Nog een gesprek.")
    assert notities_opschonen(nu=NU) == 2
    assert set(Interview.objects.filter(notities="").values_list("pk", flat=True)) == {oud.pk, tweede_oud.pk}
    assert Interview.objects.get(pk=jong.pk).notities == NOTITIES
    assert {r.interview_id for r in log_bewaartermijn()} == {oud.pk, tweede_oud.pk}
    assert Gebeurtenis.objects.filter(soort=GebeurtenisSoort.KLANTREIS).count() == 1  # one per trajectory


def _stoppen(traject: Traject) -> None:
    """Stop the trajectory through the service (as its projectleider), now."""
    services.traject_stoppen(traject=traject, door=traject.aangemaakt_door, reden="Geen budget meer.")


@pytest.mark.django_db
def test_a_stopped_trajectory_starts_the_clock_even_without_step_4_completed():
    interview = interview_van()
    traject = interview.klantreis.traject
    _stoppen(traject)
    nu = timezone.now()
    assert bewaartermijn_begin(Traject.objects.get(pk=traject.pk))[1] == "gestopt"
    assert notities_opschonen(nu=maanden_verschoven(timezone.localtime(nu), 11)) == 0
    assert notities_opschonen(nu=maanden_verschoven(timezone.localtime(nu), 12) + dt.timedelta(days=1)) == 1
    assert Interview.objects.get(pk=interview.pk).notities == ""
    [regel] = log_bewaartermijn()
    assert "after the trajectory was stopped" in regel.omschrijving and regel.actor is None


@pytest.mark.django_db
def test_step_4_completed_before_the_stop_keeps_counting_from_the_completion():
    interview = interview_van()
    traject = interview.klantreis.traject
    stap4(traject, afgerond_op=timezone.now() - dt.timedelta(days=30))
    _stoppen(traject)
    begin, reden = bewaartermijn_begin(Traject.objects.get(pk=traject.pk))
    assert reden == "afgerond" and begin < timezone.now() - dt.timedelta(days=29)


@pytest.mark.django_db
def test_a_paused_trajectory_keeps_its_notes():
    interview = interview_van()
    traject = interview.klantreis.traject
    services.traject_pauzeren(traject=traject, door=traject.aangemaakt_door, reden="Even wachten.")
    assert bewaartermijn_begin(Traject.objects.get(pk=traject.pk)) == (None, "")
    assert notities_opschonen(nu=maanden_verschoven(timezone.localtime(timezone.now()), 24)) == 0


@pytest.mark.django_db
def test_running_twice_deletes_once_and_logs_once():
    interview = interview_van()
    stap4(interview.klantreis.traject, afgerond_op=maanden_geleden(13))
    assert notities_opschonen(nu=NU) == 1
    verwijderd_op = Interview.objects.get(pk=interview.pk).notities_verwijderd_op
    gebeurtenissen = Gebeurtenis.objects.count()
    assert notities_opschonen(nu=NU + dt.timedelta(days=1)) == 0
    assert Interview.objects.get(pk=interview.pk).notities_verwijderd_op == verwijderd_op
    assert len(log_bewaartermijn()) == 1
    assert Gebeurtenis.objects.count() == gebeurtenissen


@pytest.mark.django_db
def test_an_interview_without_notes_is_marked_once_as_well():
    interview = interview_van()
    Interview.objects.filter(pk=interview.pk).update(notities="")
    stap4(interview.klantreis.traject, afgerond_op=maanden_geleden(13))
    assert notities_opschonen(nu=NU) == 1
    assert Interview.objects.get(pk=interview.pk).notities_verwijderd_op == NU
    assert notities_opschonen(nu=NU) == 0


@pytest.mark.django_db
def test_the_retention_period_is_a_setting(settings):
    interview = interview_van()
    stap4(interview.klantreis.traject, afgerond_op=maanden_geleden(13))
    settings.KLANTREIS_BEWAARTERMIJN_MAANDEN = 24
    assert notities_opschonen(nu=NU) == 0
    settings.KLANTREIS_BEWAARTERMIJN_MAANDEN = 6
    assert notities_opschonen(nu=NU) == 1
    [regel] = log_bewaartermijn()
    assert "6 months" in regel.omschrijving


def test_the_default_retention_period_is_twelve_months():
    assert django_settings.KLANTREIS_BEWAARTERMIJN_MAANDEN == 12


# --- the task -----------------------------------------------------------------------------------


def test_the_task_is_scheduled_every_night_under_its_registered_name():
    [regel] = [r for r in django_settings.CELERY_BEAT_SCHEDULE.values() if "interview" in r["task"]]
    assert regel["task"] == interviewnotities_opschonen.name == "klantreis.tasks.interviewnotities_opschonen"
    assert regel["task"] in celery_app.tasks


@pytest.mark.django_db
def test_the_task_calls_the_service():
    interview = interview_van()
    stap4(interview.klantreis.traject, afgerond_op=maanden_geleden(13, nu=timezone.now()))
    assert interviewnotities_opschonen.apply().get() == 1
    assert interviewnotities_opschonen.apply().get() == 0
    assert Interview.objects.get(pk=interview.pk).notities == ""
    assert len(log_bewaartermijn()) == 1


@pytest.fixture
def afgeronde_taken() -> Iterator[list]:
    """The return values of the retention task as the worker finishes it (the worker is a thread here)."""
    klaar: list = []

    def na_afloop(sender=None, retval=None, **kwargs) -> None:
        if getattr(sender, "name", "") == interviewnotities_opschonen.name:
            klaar.append(retval)

    task_postrun.connect(na_afloop, weak=False)
    yield klaar
    task_postrun.disconnect(na_afloop)


@pytest.mark.celery_worker
def test_a_real_worker_deletes_the_notes_once_when_run_twice(echte_worker, afgeronde_taken):  # noqa: F811
    interview = InterviewFactory(klantreis=KlantreisFactory(traject=TrajectFactory()), notities=NOTITIES)
    stap4(interview.klantreis.traject, afgerond_op=maanden_geleden(13, nu=timezone.now()))
    jong = InterviewFactory(klantreis=KlantreisFactory(traject=TrajectFactory()), notities=NOTITIES)

    interviewnotities_opschonen.delay()
    assert wacht_tot(lambda: len(afgeronde_taken) == 1), "the worker did not run the task in time"
    interviewnotities_opschonen.delay()
    assert wacht_tot(lambda: len(afgeronde_taken) == 2), "the worker did not run the second task in time"

    assert afgeronde_taken == [1, 0]
    assert Interview.objects.get(pk=interview.pk).notities == ""
    assert Interview.objects.get(pk=jong.pk).notities == NOTITIES
    [regel] = log_bewaartermijn()
    assert regel.interview_id == interview.pk and regel.actor is None
