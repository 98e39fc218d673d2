"""A submitted verdict is final at the database level too (PostgreSQL: the trigger of migration
`verbeterplan/0006`), and two submissions of the same verdict at once give one verdict."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from tests.factories import TrajectFactory, UserFactory
from tests.trajecten.test_concurrency import gelijktijdig
from tests.verbeterplan.factories import VerbeteractieFactory, toetsverzoek
from trajecten.services import WorkflowFout
from verbeterplan import toetsing
from verbeterplan.models import Toetsoordeel

pytestmark = pytest.mark.postgres


@pytest.fixture
def oordeel(db) -> Toetsoordeel:
    traject = TrajectFactory()
    VerbeteractieFactory(traject=traject)
    specialist = UserFactory()
    verzoek = toetsverzoek(traject, specialist)
    return Toetsoordeel.objects.create(
        verzoek=verzoek, oordeel="akkoord", toelichting="Geen bezwaar.", gegeven_door=specialist
    )


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE verbeterplan_toetsoordeel SET oordeel = 'niet_akkoord' WHERE id = %s",
        "UPDATE verbeterplan_toetsoordeel SET toelichting = 'Toch niet.' WHERE id = %s",
        "DELETE FROM verbeterplan_toetsoordeel WHERE id = %s",
    ],
    ids=["update-verdict", "update-explanation", "delete"],
)
def test_the_database_refuses_raw_changes_to_a_verdict(oordeel, sql):
    with pytest.raises(DatabaseError, match="A submitted verdict cannot be changed or deleted"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [oordeel.pk])
    opgeslagen = Toetsoordeel.objects.get(pk=oordeel.pk)
    assert (opgeslagen.oordeel, opgeslagen.toelichting) == ("akkoord", "Geen bezwaar.")


@pytest.mark.django_db(transaction=True)
def test_two_submissions_of_one_verdict_at_once_give_one_verdict():
    traject = TrajectFactory()
    VerbeteractieFactory(traject=traject)
    specialist = UserFactory()
    verzoek = toetsverzoek(traject, specialist, discipline="jurist")

    def geven(oordeel: str):
        return lambda: toetsing.toetsoordeel_geven(
            verzoek=verzoek,
            door=specialist,
            actie=None,
            oordeel=oordeel,
            toelichting="Zie bijlage.",
            antwoorden={"grondslag": "Participatiewet"},
        )

    uitkomsten = gelijktijdig(geven("akkoord"), geven("niet_akkoord"))
    geweigerd = [u for u in uitkomsten if isinstance(u, Exception)]
    assert len(geweigerd) == 1 and isinstance(geweigerd[0], WorkflowFout), uitkomsten
    assert Toetsoordeel.objects.filter(verzoek=verzoek).count() == 1
