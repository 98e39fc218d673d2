"""Fixtures and markers for the whole suite.

Markers (declared in pyproject.toml):
- ``postgres``: skipped unless the database is PostgreSQL (``DATABASE_URL``).
- ``celery_worker``: skipped unless ``settings.REDIS_URL`` is set; the test runs a real worker.
- ``browser``: Playwright in Debian's Chromium; skipped when Chromium is not installed.

Fixtures:
- ``gebruikers``: one user per team role (keys: the `Rol` values, e.g. ``gebruikers["projectleider"]``)
  plus ``"management"`` (group Management), ``"functioneel_beheerder"`` (group Functioneel beheer)
  and ``"buitenstaander"`` (no role anywhere). None of them is in a trajectory yet.
- ``maak_traject(**basics)``: a new trajectory whose team is ``gebruikers``, each in their role
  (the projectleider created it; the specialist has discipline ICT).
- ``traject``: ``maak_traject()``, a trajectory in *concept* with that full team.
- ``alle_voorwaarden_vervuld``: every step's completion condition counts as met, except what
  step 1's real condition still reports.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.db import connection

from tests.factories import TeamlidFactory, TrajectFactory, UserFactory
from trajecten import workflow
from trajecten.choices import Rol, Stap
from trajecten.models import Traject
from wasstraat.accounts.models import Groep, User
from wasstraat.celery import app as celery_app

CHROMIUM = "/usr/lib/chromium/chromium"


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    if item.get_closest_marker("celery_worker") and not settings.REDIS_URL:
        pytest.skip("needs Redis for a real Celery worker (set REDIS_URL)")
    if item.get_closest_marker("browser") and not (shutil.which("chromium") or shutil.which(CHROMIUM)):
        pytest.skip("needs Chromium (apt-get install chromium)")


@pytest.fixture(autouse=True)
def _celery_in_proces(request: pytest.FixtureRequest) -> Iterator[None]:
    """Run tasks in-process, even when REDIS_URL is set, except in the real-worker tests.

    So a test that executes on-commit callbacks never leaves messages behind in Redis.
    """
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    eerder = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eerder


def _gebruikt_database(request: pytest.FixtureRequest) -> bool:
    if request.node.get_closest_marker("django_db") is not None:
        return True
    database = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}
    return bool(database & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _gezaaid_als_na_migrate(request: pytest.FixtureRequest, django_db_blocker) -> None:
    """A test finds the database as `migrate` left it, whatever ran before it on the same worker.

    A transactional test (and a live server) ends with a flush, which also removes what the data
    migrations seeded: the national serviceformules (the groups come back with flush's post_migrate).
    xdist may run such a module before others on the same worker, so every test that uses the database
    first makes sure they are there: one cheap query, and only after a flush the seeding itself (inside
    the test's transaction when it has begun, so it is rolled back with the test and done again by the
    next).
    """
    if not _gebruikt_database(request):
        return
    from importlib import import_module

    from django.apps import apps

    from serviceformules.models import Serviceformule

    with django_db_blocker.unblock():
        if not Serviceformule.objects.filter(landelijk=True).exists():
            import_module("serviceformules.migrations.0003_landelijke_formules").landelijke_formules_zaaien(
                apps, None
            )


@pytest.fixture
def gebruikers(db) -> dict[str, User]:
    """One user per role, plus management, a functioneel beheerder and an outsider."""
    personen = {rol.value: UserFactory(username=f"{rol.value}_gebruiker") for rol in Rol}
    personen["management"] = UserFactory(username="manager", groepen=[Groep.MANAGEMENT])
    personen["functioneel_beheerder"] = UserFactory(username="beheerder", groepen=[Groep.FUNCTIONEEL_BEHEER])
    personen["buitenstaander"] = UserFactory(username="buitenstaander")
    return personen


@pytest.fixture
def maak_traject(gebruikers: dict[str, User]) -> Callable[..., Traject]:
    """A factory: a new trajectory with `gebruikers` as its full team."""

    def maak(**basics) -> Traject:
        projectleider = gebruikers[Rol.PROJECTLEIDER]
        traject = TrajectFactory(aangemaakt_door=projectleider, **basics)
        for rol in Rol:
            if rol != Rol.PROJECTLEIDER:
                TeamlidFactory(traject=traject, gebruiker=gebruikers[rol], rol=rol)
        return traject

    return maak


@pytest.fixture
def traject(maak_traject: Callable[..., Traject]) -> Traject:
    """A trajectory in concept with one member per role (see `gebruikers`)."""
    return maak_traject()


def _altijd_vervuld(traject: Traject) -> list[str]:
    return []


@pytest.fixture
def alle_voorwaarden_vervuld() -> Iterator[None]:
    """Let every step be completed as far as its content goes.

    A step without a registered condition cannot be completed (`workflow.ontbrekend()` refuses it),
    and the conditions of steps 2 and later need content (KPI's, process maps, ...) that tests of the
    workflow do not make. For the test, those conditions are set aside and an always-met condition
    is put on every step; conditions are combined, so step 1 still reports what its own condition
    finds missing.
    """
    opzij = {stap: list(workflow._voorwaarden.get(stap, [])) for stap in workflow.STAPPEN if stap != Stap.S1}
    for stap, functies in opzij.items():
        for functie in functies:
            workflow.voorwaarde_verwijderen(stap, functie)
    for stap in workflow.STAPPEN:
        workflow.registreer_voorwaarde(stap)(_altijd_vervuld)
    yield
    for stap in workflow.STAPPEN:
        workflow.voorwaarde_verwijderen(stap, _altijd_vervuld)
    for stap, functies in opzij.items():
        for functie in functies:
            workflow.registreer_voorwaarde(stap)(functie)
