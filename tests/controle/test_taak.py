"""The invitation e-mail of 3b: sent after commit, once per invitation, with a link to the check page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from trajecten import services
from trajecten.models import ProcesControle
from trajecten.tasks import controle_uitnodiging
from wasstraat.meldingen.models import Melding

pytestmark = pytest.mark.django_db


def test_each_invitee_is_emailed_after_commit_with_a_link_to_the_check_page(
    versie, pa, vm, pe, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.controle_uitnodigen(versie=versie, door=pa, gebruikers=[vm, pe])
    assert mail.outbox == []  # nothing is sent before the transaction commits
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([vm.email, pe.email])
    link = reverse("trajecten:proces_controleren", args=[versie.traject_id, versie.pk])
    for bericht in mail.outbox:
        assert versie.naam in bericht.subject
        assert link in bericht.body
    controle = ProcesControle.objects.get(versie=versie, gebruiker=vm)
    melding = Melding.objects.get(sleutel=f"procescontrole-uitnodiging-{controle.pk}")
    assert melding.ontvanger == vm and melding.url == link


def test_running_the_task_twice_sends_one_email(versie, pa, vm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (controle,) = services.controle_uitnodigen(versie=versie, door=pa, gebruikers=[vm])
    controle_uitnodiging.apply(args=[controle.pk])
    controle_uitnodiging(controle.pk)
    assert len(mail.outbox) == 1
    assert Melding.objects.filter(ontvanger=vm).count() == 1


def test_inviting_someone_again_sends_nothing_new(versie, pa, vm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.controle_uitnodigen(versie=versie, door=pa, gebruikers=[vm])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.controle_uitnodigen(versie=versie, door=pa, gebruikers=[vm])
    assert callbacks == []
    assert len(mail.outbox) == 1


def test_the_task_does_nothing_for_an_invitation_that_is_gone(db):
    controle_uitnodiging(987654)
    assert mail.outbox == []
