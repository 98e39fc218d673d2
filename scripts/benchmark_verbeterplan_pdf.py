"""Benchmark of the verbeterplan PDF: building the document and rendering it with WeasyPrint.

    .venv/bin/python scripts/benchmark_verbeterplan_pdf.py [--runs 5] [--pdf-map /tmp/plannen]

Not a test: it prints timings. It uses the test settings and a throw-away database (an in-memory
SQLite database, or a fresh test database on the server of ``DATABASE_URL`` if that is set, dropped
afterwards), makes a trajectory with a full plan (`tests.verbeterplan.plannen.volledig_plan`: three
KPI's with charts, a current process of 12 steps and a desired one of 7 drawn as swimlane rows, the
journey curve, the 6P overview, the impact × effort matrix) of 10 and of 50 actions, and prints the
median of ``--runs`` runs (after one warm-up run, which pays WeasyPrint's import and font set-up) of:

- building the document (`verbeterplan.document.plandocument`), with its number of queries;
- rendering the template to HTML;
- WeasyPrint turning the HTML into PDF/UA-1;
- the whole `verbeterplan.pdf.verbeterplan_pdf`, as the download view calls it.

With ``--pdf-map`` the PDFs are written there too, to look at (``pdftoppm -png -r 60``).
Target: 50 actions in at most 1.5 s (docs/architecture.md, "Benchmarks").
"""

from __future__ import annotations

import argparse
import io
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

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

AANTALLEN = (10, 50)
DOEL_MS = 1500  # the whole PDF at 50 actions
BREEDTES = (8, 8, 8, 8, 8, 9, 7, 7)


def _mediaan_ms(functie: Callable[[], object], runs: int) -> float:
    tijden = []
    for _ in range(runs):
        begin = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - begin) * 1000)
    return statistics.median(tijden)


def _traject(titel: str):
    """A trajectory with a full team (as the tests make it)."""
    from tests.factories import TeamlidFactory, TrajectFactory, UserFactory
    from trajecten.choices import Rol

    personen = {rol: UserFactory(username=f"{titel[:20]}_{rol.value}") for rol in Rol}
    traject = TrajectFactory(aangemaakt_door=personen[Rol.PROJECTLEIDER], titel=titel)
    for rol in Rol:
        if rol != Rol.PROJECTLEIDER:
            TeamlidFactory(traject=traject, gebruiker=personen[rol], rol=rol)
    return traject


def _meten(aantal: int, runs: int, pdf_map: Path | None) -> dict[str, float]:
    from pypdf import PdfReader

    from tests.verbeterplan.plannen import volledig_plan
    from verbeterplan.document import plandocument
    from verbeterplan.pdf import plandocument_html, verbeterplan_pdf
    from wasstraat.pdf import html_naar_pdf

    traject = _traject(f"Benchmark verbeterplan met {aantal} acties")
    volledig_plan(traject, acties=aantal)
    pdf = verbeterplan_pdf(traject=traject)  # warm up: WeasyPrint's import, fonts, templates
    if pdf_map is not None:
        pdf_map.mkdir(parents=True, exist_ok=True)
        (pdf_map / f"verbeterplan-{aantal}-acties.pdf").write_bytes(pdf)
    with translation.override("nl"):
        with CaptureQueriesContext(connection) as queries:
            document = plandocument(traject=traject)
        html = plandocument_html(document=document)
        return {
            "document": _mediaan_ms(lambda: plandocument(traject=traject), runs),
            "queries": len(queries),
            "html": _mediaan_ms(lambda: plandocument_html(document=document), runs),
            "weasyprint": _mediaan_ms(lambda: html_naar_pdf(html=html), runs),
            "totaal": _mediaan_ms(lambda: verbeterplan_pdf(traject=traject), runs),
            "paginas": len(PdfReader(io.BytesIO(pdf)).pages),
            "kb": len(pdf) / 1024,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median); default 5")
    parser.add_argument("--pdf-map", type=Path, help="also write the PDFs to this directory")
    args = parser.parse_args()

    logging.disable(logging.WARNING)  # the Celery tasks of the team set-up log every run
    oude_naam = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"Verbeterplan PDF, median of {args.runs} runs after a warm-up ({connection.vendor})\n")
        koppen = ("actions", "doc ms", "queries", "HTML ms", "PDF ms", "total ms", "pages", "KB")
        print(" ".join(f"{kop:>{breedte}}" for kop, breedte in zip(koppen, BREEDTES, strict=True)))
        resultaten = {}
        for aantal in AANTALLEN:
            r = resultaten[aantal] = _meten(aantal, args.runs, args.pdf_map)
            print(
                f"{aantal:>8} {r['document']:>8.0f} {r['queries']:>8} {r['html']:>8.0f} "
                f"{r['weasyprint']:>8.0f} {r['totaal']:>9.0f} {r['paginas']:>7} {r['kb']:>7.0f}"
            )
        totaal = resultaten[50]["totaal"]
        oordeel = "met" if totaal <= DOEL_MS else "NOT met"
        print(f"\nTarget: the PDF of 50 actions in at most {DOEL_MS} ms: {totaal:.0f} ms, {oordeel}.")
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)


if __name__ == "__main__":
    main()
