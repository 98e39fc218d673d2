"""Benchmark of the process maps: the swimlane SVG, the process page and the BPMN exchange.

    .venv/bin/python scripts/benchmark_proces.py [--runs 20]

Not a test: it prints timings. It uses the test settings and a throw-away database (an in-memory
SQLite database, or a fresh test database on the server of ``DATABASE_URL`` if that is set, dropped
afterwards), makes a trajectory with a current process version of 20, 60 and 200 steps over 8 lanes,
and prints the median of ``--runs`` runs of:

- drawing the swimlane SVG (`trajecten.swimlane.swimlane_svg`, steps already fetched);
- GET of the process page (``trajecten:proces``) through the test client, as the procesadviseur,
  with the number of queries;
- the BPMN export and the BPMN import (reading the exported file back).

Target: the process page under 100 ms at 60 steps (docs/architecture.md, "Benchmarks").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wasstraat.settings.test")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

AANTALLEN = (20, 60, 200)
BANEN = 8
DOEL_MS = 100  # the process page at 60 steps
BREEDTES = (6, 8, 8, 8, 10, 10, 9)


def _mediaan_ms(functie: Callable[[], object], runs: int) -> float:
    functie()  # warm up: imports, template compilation, caches
    tijden = []
    for _ in range(runs):
        begin = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - begin) * 1000)
    return statistics.median(tijden)


def _omgeving():
    """A trajectory with a full team (as the tests make it); returns it and the procesadviseur."""
    from tests.factories import TeamlidFactory, TrajectFactory, UserFactory
    from trajecten.choices import Rol

    personen = {rol: UserFactory(username=f"bench_{rol.value}") for rol in Rol}
    traject = TrajectFactory(
        aangemaakt_door=personen[Rol.PROJECTLEIDER], titel="Benchmark omgevingsvergunning"
    )
    for rol in Rol:
        if rol != Rol.PROJECTLEIDER:
            TeamlidFactory(traject=traject, gebruiker=personen[rol], rol=rol)
    return traject, personen[Rol.PROCESADVISEUR]


def _meten(traject, adviseur, aantal: int, runs: int) -> dict[str, float]:
    from tests.bpmn.factories import ProcesVersieFactory, groot_proces
    from trajecten.bpmn import bpmn_exporteren, bpmn_importeren
    from trajecten.swimlane import swimlane_svg

    versie = ProcesVersieFactory(traject=traject, naam=f"Huidig proces, {aantal} stappen")
    groot_proces(versie, aantal, banen=BANEN)
    stappen = list(versie.stappen.order_by("volgorde", "pk"))
    client = Client()
    client.force_login(adviseur)
    url = reverse("trajecten:proces", args=[traject.pk, versie.pk])

    def pagina() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")

    with CaptureQueriesContext(connection) as queries:
        pagina()
    aantal_queries = len(queries)  # now: the query log is a ring buffer
    bestand = bpmn_exporteren(versie=versie, stappen=stappen)
    return {
        "svg": _mediaan_ms(lambda: swimlane_svg(versie=versie, stappen=stappen), runs),
        "pagina": _mediaan_ms(pagina, runs),
        "queries": aantal_queries,
        "export": _mediaan_ms(lambda: bpmn_exporteren(versie=versie, stappen=stappen), runs),
        "import": _mediaan_ms(lambda: bpmn_importeren(bestand), runs),
        "kb": len(bestand) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per measurement (median); default 20")
    args = parser.parse_args()

    # Not django.test's setup_test_environment(): it instruments every template render for the
    # test client's assertions, which would make the page look slower than it is.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    logging.disable(logging.WARNING)  # the Celery tasks of the team set-up log every run
    oude_naam = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        traject, adviseur = _omgeving()
        print(f"Process maps, {BANEN} lanes, median of {args.runs} runs ({connection.vendor})\n")
        koppen = ("steps", "SVG ms", "page ms", "queries", "export ms", "import ms", ".bpmn KB")
        print(" ".join(f"{kop:>{breedte}}" for kop, breedte in zip(koppen, BREEDTES, strict=True)))
        resultaten = {}
        for aantal in AANTALLEN:
            r = resultaten[aantal] = _meten(traject, adviseur, aantal, args.runs)
            print(
                f"{aantal:>6} {r['svg']:>8.1f} {r['pagina']:>8.1f} {r['queries']:>8} "
                f"{r['export']:>10.1f} {r['import']:>10.1f} {r['kb']:>9.0f}"
            )
        pagina_60 = resultaten[60]["pagina"]
        oordeel = "met" if pagina_60 < DOEL_MS else "NOT met"
        print(f"\nTarget: the process page under {DOEL_MS} ms at 60 steps: {pagina_60:.1f} ms, {oordeel}.")
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)


if __name__ == "__main__":
    main()
