"""Fixtures of the 3b tests: the full-team `traject` of tests/conftest.py with a current process
version of four steps, and its people by role. Messages are compared in English, the source
language (pages are requested in Dutch: view tests translate with `nl()`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from tests.controle.factories import versie_met_stappen
from trajecten.choices import Rol
from trajecten.models import ProcesVersie, Traject
from wasstraat.accounts.models import User


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def versie(traject: Traject) -> ProcesVersie:
    return versie_met_stappen(traject, 4, naam="Omgevingsvergunning regulier")


@pytest.fixture
def pa(gebruikers: dict[str, User]) -> User:
    return gebruikers[Rol.PROCESADVISEUR]


@pytest.fixture
def vm(gebruikers: dict[str, User]) -> User:
    return gebruikers[Rol.VAKINHOUDELIJK_MEDEWERKER]


@pytest.fixture
def pe(gebruikers: dict[str, User]) -> User:
    return gebruikers[Rol.PROCESEIGENAAR]
