"""The privacy log is append-only in the database too (PostgreSQL): raw SQL cannot change or delete a row,
but deleting the interview it describes still works and leaves the row with the interview's label."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from klantreis import privacy
from klantreis.choices import Handeling
from klantreis.models import InterviewLog
from tests.klantreis.factories import InterviewFactory, KlantreisFactory
from trajecten.choices import Rol

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def interview(traject, gebruikers):
    coach = gebruikers[Rol.KLANTREISCOACH]
    interview = InterviewFactory(klantreis=KlantreisFactory(traject=traject), aangemaakt_door=coach)
    privacy.interview_bekijken(interview=interview, door=coach)
    return interview


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE klantreis_interviewlog SET omschrijving = 'Niets gezien' WHERE interview_id = %s",
        "UPDATE klantreis_interviewlog SET actor_id = NULL, interview_id = NULL WHERE interview_id = %s",
        "DELETE FROM klantreis_interviewlog WHERE interview_id = %s",
    ],
    ids=["update", "update-with-null", "delete"],
)
def test_the_database_refuses_raw_changes_to_the_log(interview, sql):
    with pytest.raises(DatabaseError, match="The privacy log cannot be changed or deleted"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [interview.pk])
    assert InterviewLog.objects.filter(interview=interview, handeling=Handeling.BEKEKEN).exists()


def test_deleting_the_interview_keeps_its_log_rows(interview, gebruikers):
    label = str(interview)
    privacy.interview_verwijderen(interview=interview, door=gebruikers[Rol.KLANTREISCOACH])
    rijen = InterviewLog.objects.filter(interview_label=label)
    assert {r.handeling for r in rijen} == {Handeling.BEKEKEN, Handeling.VERWIJDERD}
    assert all(r.interview_id is None for r in rijen)
