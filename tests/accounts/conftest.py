"""Fixtures of the account tests: the people of the admin and clients logged in as them.

- ``beheerder``: a functioneel beheerder as the demo has one (staff, group Functioneel beheer);
- ``superuser``; ``collega``: an ordinary account without privileges (in Trajectleiders);
- ``manager``, ``privacyfunctionaris``: accounts holding a privileged group;
- ``als(gebruiker)``: a client logged in as that person, who chose English (the source language).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import UserFactory, groep
from wasstraat.accounts.models import Groep, User


@pytest.fixture
def beheerder(db) -> User:
    return UserFactory(username="beheerder", is_staff=True, groepen=[Groep.FUNCTIONEEL_BEHEER])


@pytest.fixture
def superuser(db) -> User:
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def collega(db) -> User:
    return UserFactory(username="collega", groepen=[Groep.TRAJECTLEIDERS])


@pytest.fixture
def manager(db) -> User:
    return UserFactory(username="manager", groepen=[Groep.MANAGEMENT])


@pytest.fixture
def privacyfunctionaris(db) -> User:
    return UserFactory(username="privacy", groepen=[Groep.PRIVACY])


@pytest.fixture
def groepen(db) -> dict[str, Group]:
    return {
        naam: groep(naam)
        for naam in (Groep.TRAJECTLEIDERS, Groep.MANAGEMENT, Groep.FUNCTIONEEL_BEHEER, Groep.PRIVACY)
    }


@pytest.fixture
def als() -> Callable[[User], Client]:
    def inloggen(gebruiker: User) -> Client:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.force_login(gebruiker)
        return client

    return inloggen
