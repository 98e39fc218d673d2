"""Several people at once on the SQLite database of a first look (`make run`), in one process.

Run by tests/wasstraat/test_sqlite.py in a subprocess with DATABASE_URL pointing at a file: it migrates
that database, makes a trajectory whose klantreiscoach has interviews, then lets four "people" (threads,
each with its own connection, as runserver's threads have) open interview pages, which write a privacy
log row on every view, and record interviews, all at the same time. Prints a JSON summary.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import Counter

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

PERSONEN = 4
RONDES = 15


def main() -> None:
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from tests.factories import lid
    from tests.klantreis.factories import InterviewFactory, KlantreisFactory
    from trajecten.choices import Rol

    reis = KlantreisFactory()
    traject = reis.traject
    coaches = [lid(traject, Rol.KLANTREISCOACH) for _ in range(PERSONEN)]
    interviews = [InterviewFactory(klantreis=reis) for _ in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journaal = cursor.fetchone()[0]
    connections.close_all()

    uitkomsten: Counter[str] = Counter()
    fouten: list[str] = []
    start = threading.Barrier(PERSONEN)

    def persoon(nummer: int) -> None:
        client = Client(raise_request_exception=True)
        client.force_login(coaches[nummer])
        start.wait()
        try:
            for ronde in range(RONDES):
                interview = interviews[(nummer + ronde) % len(interviews)]
                url = reverse("klantreis:interview", args=[traject.pk, interview.pk])
                uitkomsten[str(client.get(url).status_code)] += 1
                if ronde % 5 == 0:
                    nieuw = client.post(
                        reverse("klantreis:interview_nieuw", args=[traject.pk]),
                        {
                            "datum": "2026-11-02",
                            "klanttype": "inwoner",
                            "pseudoniem": f"Persoon {nummer}-{ronde}",
                            "toestemming_wijze": "mondeling",
                            "toestemming_op": "2026-11-02",
                            "notities": "Gesprek over de aanvraag.",
                            "kerninzichten": "Wachttijd te lang",
                        },
                    )
                    uitkomsten[str(nieuw.status_code)] += 1
        except Exception as fout:  # noqa: BLE001 - the summary reports whatever went wrong
            fouten.append(f"{type(fout).__name__}: {fout}")
        finally:
            connections.close_all()

    draden = [threading.Thread(target=persoon, args=(n,)) for n in range(PERSONEN)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    json.dump({"journaal": journaal, "uitkomsten": dict(uitkomsten), "fouten": fouten}, sys.stdout)


if __name__ == "__main__":
    main()
