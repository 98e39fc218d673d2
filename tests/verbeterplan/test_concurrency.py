"""Two people deciding the same improvement point at the same moment: one decision, and a clear
message for the other (PostgreSQL: the trajectory row lock serialises them, the version check refuses
the second)."""

from __future__ import annotations

import pytest

from tests.factories import TrajectFactory, VerbeterpuntFactory, lid
from tests.trajecten.test_concurrency import gelijktijdig
from trajecten.choices import GebeurtenisSoort, Rol
from trajecten.models import Gebeurtenis
from verbeterplan import services
from verbeterplan.choices import VerbeterpuntStatus
from verbeterplan.models import Verbeteractie, Verbeterpunt
from wasstraat.bewerking import CONFLICT_UITLEG, Bewerkingsconflict, versie_van

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_people_deciding_the_same_point_at_once_make_one_decision():
    traject = TrajectFactory()
    pl, pa = traject.aangemaakt_door, lid(traject, Rol.PROCESADVISEUR)
    punt = VerbeterpuntFactory(traject=traject, titel="Dubbele invoer")
    gezien = versie_van(punt, services.BESLUITVELDEN)  # both opened the decision page
    uitkomsten = gelijktijdig(
        lambda: services.verbeterpunt_overnemen(punt=punt, door=pl, gezien=gezien),
        lambda: services.verbeterpunt_afwijzen(punt=punt, door=pa, reden="Niet nodig.", gezien=gezien),
    )
    gelukt = [u for u in uitkomsten if not isinstance(u, Exception)]
    geweigerd = [u for u in uitkomsten if isinstance(u, Exception)]
    assert len(gelukt) == 1 and len(geweigerd) == 1, uitkomsten
    assert isinstance(geweigerd[0], Bewerkingsconflict), uitkomsten
    assert str(CONFLICT_UITLEG) in geweigerd[0].messages  # "someone else saved a change …"
    punt = Verbeterpunt.objects.get(pk=punt.pk)
    besluiten = Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.VERBETERPLAN)
    assert besluiten.count() == 1
    if isinstance(gelukt[0], Verbeteractie):
        assert punt.status == VerbeterpuntStatus.OVERGENOMEN and Verbeteractie.objects.count() == 1
    else:
        assert punt.status == VerbeterpuntStatus.AFGEWEZEN and not Verbeteractie.objects.exists()
