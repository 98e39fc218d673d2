"""The welcome e-mail to a new team member: after commit, once, and through a real worker on Redis."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core import mail

from tests.factories import TrajectFactory, UserFactory
from trajecten import services
from trajecten.choices import Rol
from trajecten.models import Teamlid
from trajecten.tasks import welkom_teamlid
from wasstraat.celery import app as celery_app
from wasstraat.meldingen.models import Melding


@pytest.fixture
def traject(db):
    return TrajectFactory()


def toevoegen(traject, gebruiker, rol=Rol.PROCESADVISEUR) -> Teamlid:
    return services.teamlid_toevoegen(
        traject=traject, door=traject.aangemaakt_door, gebruiker=gebruiker, rol=rol
    )


def test_adding_a_member_emails_them_after_commit(traject, django_capture_on_commit_callbacks):
    nieuw = UserFactory(email="nieuw@gemeente.example.nl")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        teamlid = toevoegen(traject, nieuw)
    assert mail.outbox == []  # nothing is sent before the transaction commits
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["nieuw@gemeente.example.nl"]
    assert traject.titel in bericht.subject
    assert f"/trajecten/{traject.pk}/" in bericht.body
    melding = Melding.objects.get(sleutel=f"teamlid-welkom-{teamlid.pk}")
    assert melding.ontvanger == nieuw
    assert melding.email_verzonden_op is not None
    assert melding.gelezen_op is None


def test_the_task_runs_when_the_transaction_commits(traject, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        toevoegen(traject, UserFactory())
    assert len(mail.outbox) == 1
    assert Melding.objects.count() == 1


def test_running_the_task_twice_sends_one_email(traject, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        teamlid = toevoegen(traject, UserFactory())
    welkom_teamlid.apply(args=[teamlid.pk])
    welkom_teamlid(teamlid.pk)
    assert len(mail.outbox) == 1
    assert Melding.objects.filter(sleutel=f"teamlid-welkom-{teamlid.pk}").count() == 1


def test_a_membership_removed_before_the_task_runs_sends_nothing(traject, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        teamlid = toevoegen(traject, UserFactory())
    services.teamlid_verwijderen(teamlid=teamlid, door=traject.aangemaakt_door)
    for callback in callbacks:
        callback()
    welkom_teamlid.apply(args=[teamlid.pk])
    assert mail.outbox == []
    assert not Melding.objects.exists()


def test_the_creator_is_not_welcomed_to_their_own_trajectory(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        TrajectFactory()
    assert mail.outbox == []


def test_a_member_without_email_address_gets_only_the_notification(
    traject, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        teamlid = toevoegen(traject, UserFactory(email=""))
    assert mail.outbox == []
    melding = Melding.objects.get(sleutel=f"teamlid-welkom-{teamlid.pk}")
    assert melding.email_verzonden_op is None


# --- a real worker ------------------------------------------------------------------------------


def broker_pools_vergeten() -> None:
    """Let the app look up its connection pools again, so a changed broker URL takes effect.

    The pools themselves stay open: kombu keeps them in a process-wide registry per URL.
    """
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def echte_worker(transactional_db, monkeypatch):
    """A Celery worker thread on Redis (settings.REDIS_URL), tasks not eager, for this test only.

    The worker runs in this process, so it shares the locmem outbox and sees committed rows.
    """
    from celery.contrib.testing.worker import start_worker

    monkeypatch.setenv("CELERY_SKIP_CHECKS", "1")  # system checks are tested elsewhere
    eerder = {
        "broker_url": celery_app.conf.broker_url,
        "task_always_eager": celery_app.conf.task_always_eager,
    }
    celery_app.conf.broker_url = settings.REDIS_URL
    celery_app.conf.task_always_eager = False
    broker_pools_vergeten()
    with celery_app.connection_for_write() as verbinding:  # no leftovers of earlier runs
        verbinding.default_channel.queue_purge(celery_app.conf.task_default_queue)
    try:
        with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=30) as worker:
            yield worker
    finally:
        celery_app.conf.update(eerder)
        broker_pools_vergeten()


def wacht_tot(voorwaarde, seconden: float = 30) -> bool:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.celery_worker
def test_a_real_worker_sends_the_welcome_email(echte_worker):
    traject = TrajectFactory()
    nieuw = UserFactory(email="collega@gemeente.example.nl")
    teamlid = toevoegen(traject, nieuw, rol=Rol.KLANTREISCOACH)  # autocommit: on_commit fires now

    def verzonden() -> bool:
        return Melding.objects.filter(
            sleutel=f"teamlid-welkom-{teamlid.pk}", email_verzonden_op__isnull=False
        ).exists()

    assert wacht_tot(verzonden), "the worker did not send the e-mail in time"
    assert [m.to for m in mail.outbox] == [["collega@gemeente.example.nl"]]
