"""Fixtures of the view tests: a trajectory with sessions of every kind a view needs.

- ``omgeving``: the shared `traject` (a full team, see tests/conftest.py) with an "other" session,
  a customer-journey session and a start session with notes (both yesterday), bundled with
  `gebruikers`.
- ``gedeelde_omgeving``: the same, made once per test module inside a transaction that is rolled
  back at the end of the module; every test still runs in its own savepoint (Django's
  `TestCase.setUpTestData` pattern). For modules that make many requests against one arrangement.
  Each person has a logged-in `Client` in ``gedeelde_omgeving.clients``.

The marker ``vertaling`` is for tests that need the Dutch translation of our own messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client

from tests.factories import SessieFactory, TeamlidFactory, TrajectFactory, UserFactory
from tests.verbeterplan.factories import toetsverzoek
from trajecten.choices import Rol, SessieSoort
from trajecten.models import Sessie, Traject
from wasstraat.accounts.models import Groep, User


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "vertaling: needs the Dutch translation of our own messages (locale/nl)"
    )


@dataclass
class Omgeving:
    """A trajectory with its team (`gebruikers`, by role) and three sessions."""

    traject: Traject
    gebruikers: dict[str, User]
    sessie: Sessie  # type "other": only who may plan sessions may change it
    klantreissessie: Sessie  # the klantreiscoach may change this one too
    startsessie: Sessie  # with notes: step 1's condition holds
    clients: dict[str, Client] = field(default_factory=dict)

    def persoon(self, rol: str) -> User:
        return self.gebruikers[rol]


def omgeving_maken(traject: Traject, gebruikers: dict[str, User]) -> Omgeving:
    return Omgeving(
        traject=traject,
        gebruikers=gebruikers,
        sessie=SessieFactory(traject=traject, titel="Overleg met de afdeling"),
        klantreissessie=SessieFactory(
            traject=traject, soort=SessieSoort.KLANTREIS, titel="Klantreis in kaart"
        ),
        startsessie=SessieFactory(
            traject=traject,
            soort=SessieSoort.START,
            titel="Startsessie",
            notities="Rollen verdeeld, planning afgesproken.",
        ),
    )


@pytest.fixture
def omgeving(traject: Traject, gebruikers: dict[str, User]) -> Omgeving:
    return omgeving_maken(traject, gebruikers)


def _personen_en_traject() -> tuple[dict[str, User], Traject]:
    """What the `gebruikers` and `traject` fixtures of tests/conftest.py make, without fixtures."""
    personen = {rol.value: UserFactory(username=f"{rol.value}_gebruiker") for rol in Rol}
    personen["management"] = UserFactory(username="manager", groepen=[Groep.MANAGEMENT])
    personen["functioneel_beheerder"] = UserFactory(username="beheerder", groepen=[Groep.FUNCTIONEEL_BEHEER])
    personen["buitenstaander"] = UserFactory(username="buitenstaander")
    personen["toetser"] = UserFactory(username="toetser")
    traject = TrajectFactory(aangemaakt_door=personen[Rol.PROJECTLEIDER])
    for rol in Rol:
        if rol != Rol.PROJECTLEIDER:
            TeamlidFactory(traject=traject, gebruiker=personen[rol], rol=rol)
    # A privacy officer outside the team, asked to review the plan: sees what the review needs only.
    toetsverzoek(traject, personen["toetser"], acties=[])
    return personen, traject


@pytest.fixture(scope="module")
def gedeelde_omgeving(django_db_setup, django_db_blocker) -> Iterator[Omgeving]:
    """One arrangement for a whole module, rolled back afterwards; tests use it with `db`."""
    buitenste = transaction.atomic()
    with django_db_blocker.unblock():
        buitenste.__enter__()
        try:
            personen, traject = _personen_en_traject()
            omgeving = omgeving_maken(traject, personen)
            for naam, persoon in personen.items():
                omgeving.clients[naam] = Client()
                omgeving.clients[naam].force_login(persoon)
        except BaseException:
            transaction.set_rollback(True)
            buitenste.__exit__(None, None, None)
            raise
    yield omgeving
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        buitenste.__exit__(None, None, None)


@pytest.fixture
def gedeeld(gedeelde_omgeving: Omgeving, db) -> Omgeving:
    """`gedeelde_omgeving` for one test (in its own savepoint), its objects reloaded from the
    database, and no messages left over in the clients from an earlier test."""
    o = gedeelde_omgeving
    for obj in (o.traject, o.sessie, o.klantreissessie, o.startsessie):
        obj.refresh_from_db()
    for client in o.clients.values():
        client.cookies.pop("messages", None)
    return o
