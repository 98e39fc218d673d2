"""The klantreiscoach role opens the interview notes: nobody gives it to themselves, and every grant and
revocation is in the privacy log and before the privacy officers (in the application and by e-mail)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from klantreis import tasks
from klantreis.choices import ROLHANDELINGEN, Handeling
from klantreis.models import InterviewLog
from tests.factories import TrajectFactory, UserFactory
from trajecten import services
from trajecten.choices import Rol
from trajecten.models import Teamlid
from wasstraat.accounts.models import Groep
from wasstraat.meldingen.models import Melding

pytestmark = pytest.mark.django_db


@pytest.fixture
def privacyfunctionarissen(db):
    return [
        UserFactory(username="privacy1", groepen=[Groep.PRIVACY]),
        UserFactory(username="privacy2", groepen=[Groep.PRIVACY]),
    ]


def _rolregels(traject) -> list[InterviewLog]:
    return list(InterviewLog.objects.filter(traject=traject, handeling__in=ROLHANDELINGEN).order_by("pk"))


def _coach_worden(traject, door):
    return services.teamlid_toevoegen(traject=traject, door=door, gebruiker=door, rol=Rol.KLANTREISCOACH)


@pytest.mark.parametrize("rol", [Rol.PROJECTLEIDER, Rol.PROCESEIGENAAR])
def test_nobody_who_manages_the_team_makes_themselves_the_coach(traject, gebruikers, rol):
    wie = gebruikers[rol]
    voor = _rolregels(traject)
    with pytest.raises(ValidationError) as fout:
        _coach_worden(traject, wie)
    assert "rol" in fout.value.error_dict
    assert not Teamlid.objects.filter(traject=traject, gebruiker=wie, rol=Rol.KLANTREISCOACH).exists()
    assert "lees_interviews" not in services.rechten_voor(wie, traject)
    assert _rolregels(traject) == voor


def test_the_creator_of_a_trajectory_cannot_make_themselves_the_coach_either():
    traject = TrajectFactory()
    with pytest.raises(ValidationError):
        _coach_worden(traject, traject.aangemaakt_door)


def test_the_team_page_refuses_it_at_the_field_in_dutch_and_keeps_the_input(traject, gebruikers):
    projectleider = gebruikers[Rol.PROJECTLEIDER]
    client = Client()
    client.force_login(projectleider)
    url = reverse("trajecten:team", args=[traject.pk])
    response = client.post(url, {"gebruiker": projectleider.pk, "rol": Rol.KLANTREISCOACH, "discipline": ""})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["rol"] == [
        "Je kunt jezelf deze rol niet geven: die geeft toegang tot de interviewnotities. Iemand anders die "
        "het team beheert, moet hem aan je geven."
    ]
    assert form["rol"].value() == Rol.KLANTREISCOACH
    assert not Teamlid.objects.filter(
        traject=traject, gebruiker=projectleider, rol=Rol.KLANTREISCOACH
    ).exists()


def test_another_member_with_team_rights_may_give_it_and_the_privacy_officers_are_told(
    traject, gebruikers, privacyfunctionarissen, django_capture_on_commit_callbacks
):
    projectleider, proceseigenaar = gebruikers[Rol.PROJECTLEIDER], gebruikers[Rol.PROCESEIGENAAR]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.teamlid_toevoegen(
            traject=traject, door=proceseigenaar, gebruiker=projectleider, rol=Rol.KLANTREISCOACH
        )
    assert "lees_interviews" in services.rechten_voor(projectleider, traject)
    regel = _rolregels(traject)[-1]
    assert (regel.handeling, regel.actor, regel.interview, regel.interview_label) == (
        Handeling.ROL_TOEGEKEND,
        proceseigenaar,
        None,
        "",
    )
    assert projectleider.username in regel.omschrijving
    meldingen = Melding.objects.filter(sleutel__startswith=f"coachrol-{regel.pk}-")
    assert {m.ontvanger for m in meldingen} == set(privacyfunctionarissen)
    assert all(traject.titel in m.onderwerp and m.url.endswith(f"?traject={traject.pk}") for m in meldingen)
    aan = sorted(adres for bericht in mail.outbox for adres in bericht.to if adres.startswith("privacy"))
    assert aan == sorted(p.email for p in privacyfunctionarissen)


def test_notifying_twice_sends_nothing_twice(traject, gebruikers, privacyfunctionarissen):
    regel = _rolregels(traject)[-1]  # the fixture's coach, added by the projectleider
    tasks.coachrol_melden(regel.pk)
    aantal, mails = Melding.objects.count(), len(mail.outbox)
    tasks.coachrol_melden(regel.pk)
    assert Melding.objects.count() == aantal and len(mail.outbox) == mails
    assert Melding.objects.filter(sleutel__startswith=f"coachrol-{regel.pk}-").count() == 2


def test_taking_the_role_away_is_logged_and_told_too(
    traject, gebruikers, privacyfunctionarissen, django_capture_on_commit_callbacks
):
    coach = gebruikers[Rol.KLANTREISCOACH]
    lid = Teamlid.objects.get(traject=traject, gebruiker=coach, rol=Rol.KLANTREISCOACH)
    with django_capture_on_commit_callbacks(execute=True):
        services.teamlid_verwijderen(teamlid=lid, door=gebruikers[Rol.PROJECTLEIDER])
    regel = _rolregels(traject)[-1]
    assert regel.handeling == Handeling.ROL_INGETROKKEN and regel.actor == gebruikers[Rol.PROJECTLEIDER]
    assert Melding.objects.filter(sleutel__startswith=f"coachrol-{regel.pk}-").count() == 2


def test_other_roles_leave_the_privacy_log_alone(traject, gebruikers):
    voor = InterviewLog.objects.count()
    services.teamlid_toevoegen(
        traject=traject, door=gebruikers[Rol.PROJECTLEIDER], gebruiker=UserFactory(), rol=Rol.SPONSOR
    )
    services.teamlid_toevoegen(
        traject=traject,
        door=gebruikers[Rol.PROJECTLEIDER],
        gebruiker=gebruikers[Rol.PROJECTLEIDER],
        rol=Rol.PROCESADVISEUR,  # other roles one may take oneself
    )
    assert InterviewLog.objects.count() == voor


def test_the_privacy_officer_sees_the_grant_on_the_privacy_log(traject, gebruikers, privacyfunctionarissen):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(privacyfunctionarissen[0])
    response = client.get(reverse("klantreis:privacylog"), {"handeling": Handeling.ROL_TOEGEKEND})
    inhoud = response.content.decode()
    assert "Given the customer journey coach role" in inhoud and "(a role, no interview)" in inhoud
    assert gebruikers[Rol.KLANTREISCOACH].username in inhoud


def test_a_role_entry_names_no_interview_and_an_interview_entry_always_does(traject, gebruikers):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewLog.objects.create(traject=traject, interview_label="", handeling=Handeling.BEKEKEN)
    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewLog.objects.create(
            traject=traject, interview_label="Inwoner 1", handeling=Handeling.ROL_TOEGEKEND
        )


def test_trajecten_never_imports_klantreis():
    """The registry (trajecten.rolwijzigingen) keeps the direction of imports (STYLE.md)."""
    for bestand in Path(settings.BASE_DIR, "trajecten").rglob("*.py"):
        for knoop in ast.walk(ast.parse(bestand.read_text())):
            if isinstance(knoop, ast.ImportFrom):
                assert not (knoop.module or "").startswith("klantreis"), bestand
            elif isinstance(knoop, ast.Import):
                assert not any(n.name.startswith("klantreis") for n in knoop.names), bestand
