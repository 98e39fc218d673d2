"""Benchmark of the pages at municipal scale: 10,000 trajectories and 2,000 users on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wasstraat_bench \\
        .venv/bin/python scripts/benchmark_paginas.py [--runs 40] [--keep] [--explain]

Not a test: it prints timings. It uses the test settings and a throw-away database on the server of
``DATABASE_URL`` (``test_<name>``, dropped afterwards; with ``--keep`` it is kept and reused, so the
data set is built once). The data set is made with ``bulk_create``: 2,000 people in 20 departments
(2 % inactive), 60 products, 10,000 trajectories in every status with their ten steps in states that
follow the workflow, a team of nine per trajectory with guardian's permission rows as the roles give
them, audit events, sessions, improvement points, and — for the trajectories that reached those
steps — KPI's with measurements, a current process map and a customer journey with interviews. One
"member" leads 40 trajectories; one of them is rich (a team of 16, 6 KPI's, a process of 30 steps, a
journey of 6 phases, 40 improvement points, 80 audit events): the pages of one trajectory show that one.

Every page is requested ``--runs`` times through Django's test client (round robin, so noise on the
machine hits every page alike) and reported with p50, p95 and its number of queries, next to a bare
page: login required, the base template, nothing else. Target (issue 8): every page at most 4× the
bare page (p50), the list over all 10,000 trajectories for management included.

``--explain`` also prints PostgreSQL's plans (EXPLAIN ANALYZE) of the list's queries.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import random
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wasstraat.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.db import connection  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import clear_url_caches, include, path, reverse  # noqa: E402

TRAJECTEN = 10_000
GEBRUIKERS = 2_000
AFDELINGEN = 20
PRODUCTEN = 60
EIGEN_TRAJECTEN = 40  # the member's
DOEL = 4.0  # at most this many times the bare page
ZOEKTERM = "vergunning"


# --- the bare page ----------------------------------------------------------------------------------


@login_required
def kale_pagina(request):
    """Login required, the base template (navigation, footer, session warning), no content."""
    return render(request, "base.html", {})


urlpatterns = [
    path("benchmark/kaal/", kale_pagina, name="benchmark_kaal"),
    path("", include(settings.ROOT_URLCONF)),
]


# --- the data set -----------------------------------------------------------------------------------

ONDERWERPEN = (
    "Aanvraag omgevingsvergunning", "Parkeervergunning bewoners", "Melding openbare ruimte",
    "Verhuizing doorgeven", "Paspoort en identiteitskaart", "Rijbewijs verlengen", "Afvalpas aanvragen",
    "Bijzondere bijstand", "Schuldhulpverlening", "Kwijtschelding gemeentelijke belastingen",
    "WOZ-bezwaar", "Evenementenvergunning", "Kapvergunning", "Standplaatsvergunning markt",
    "Gehandicaptenparkeerkaart", "Uittreksel BRP", "Huwelijk en partnerschap", "Aangifte geboorte",
    "Leerlingenvervoer", "Wmo-voorziening huishoudelijke hulp", "Subsidie verenigingen",
    "Terrasvergunning", "Drank- en horecavergunning", "Ligplaatsvergunning", "Grofvuil ophalen",
    "Klacht over de gemeente", "Inkomensondersteuning ondernemers", "Hondenbelasting",
    "Bouwmelding", "Sloopmelding", "Naturalisatie", "Verklaring omtrent het gedrag",
    "Uitkering levensonderhoud", "Jeugdhulp aanvragen", "Reisdocument vermissing",
    "Precario", "Begraven en cremeren", "Omgevingsmelding", "Energietoeslag", "Straatnaam melden",
)  # fmt: skip
VOORVOEGSELS = ("Sneller", "Eenvoudiger", "Minder fouten bij", "Klantvriendelijker", "Digitaal", "Lean")
VOORNAMEN = (
    "Jan", "Petra", "Sanne", "Omar", "Fatima", "Noor", "Daan", "Lotte", "Sem", "Emma", "Mohamed", "Anouk",
    "Bram", "Eva", "Youssef", "Iris", "Thijs", "Sara", "Lucas", "Julia", "Koen", "Fleur", "Ahmed", "Lisa",
)  # fmt: skip
ACHTERNAMEN = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
    "El Idrissi", "Yilmaz", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
)  # fmt: skip


@dataclass
class DataSet:
    lid: object  # the member: projectleider of EIGEN_TRAJECTEN trajectories
    manager: object  # group Management: sees every trajectory
    rijk: object  # the member's rich trajectory
    versie: object  # its current process version


def _stappen_voor(rng: random.Random, status: str) -> dict:
    """Step statuses that follow the workflow: done up to the step in progress; step 4 may run along."""
    from trajecten import workflow
    from trajecten.choices import Stap, StapStatusKeuze, TrajectStatus

    stappen = list(workflow.STAPPEN)
    if status == TrajectStatus.CONCEPT:
        return {s: StapStatusKeuze.NIET_GESTART for s in stappen}
    if status == TrajectStatus.AFGEROND:
        return {s: StapStatusKeuze.AFGEROND for s in stappen}
    bezig = rng.randrange(len(stappen))
    uitkomst = {}
    for i, stap in enumerate(stappen):
        if i < bezig:
            klaar = stap == Stap.S3B and rng.random() < 0.3
            uitkomst[stap] = StapStatusKeuze.OVERGESLAGEN if klaar else StapStatusKeuze.AFGEROND
        elif i == bezig:
            uitkomst[stap] = StapStatusKeuze.BEZIG
        else:
            uitkomst[stap] = StapStatusKeuze.NIET_GESTART
    if uitkomst[Stap.S1] == StapStatusKeuze.AFGEROND and uitkomst[Stap.S4] == StapStatusKeuze.NIET_GESTART:
        uitkomst[Stap.S4] = rng.choice([StapStatusKeuze.NIET_GESTART, StapStatusKeuze.BEZIG])
    return uitkomst


def _mensen(rng: random.Random):
    from django.contrib.auth.hashers import make_password

    from tests.factories import WACHTWOORD, in_groep
    from wasstraat.accounts.models import Afdeling, Groep, User

    afdelingen = Afdeling.objects.bulk_create(Afdeling(naam=f"Afdeling {n:02}") for n in range(AFDELINGEN))
    wachtwoord = make_password(WACHTWOORD)
    mensen = []
    for n in range(GEBRUIKERS):
        achternaam = ACHTERNAMEN[(n // len(VOORNAMEN)) % len(ACHTERNAMEN)]
        mensen.append(
            User(
                username=f"medewerker{n:04}",
                first_name=VOORNAMEN[n % len(VOORNAMEN)],
                last_name=f"{achternaam} {n // 456 + 1}",
                email=f"medewerker{n:04}@gemeente.example.nl",
                password=wachtwoord,
                afdeling=afdelingen[rng.randrange(AFDELINGEN)],
                is_active=n % 50 != 7,  # 2 % have left
            )
        )
    mensen = User.objects.bulk_create(mensen, batch_size=1000)
    lid = User.objects.create(
        username="bench_lid",
        first_name="Petra",
        last_name="de Leider",
        password=wachtwoord,
        afdeling=afdelingen[0],
    )
    manager = User.objects.create(username="bench_manager", first_name="Mila", last_name="Manager")
    in_groep(manager, Groep.MANAGEMENT)
    in_groep(lid, Groep.TRAJECTLEIDERS)
    return afdelingen, [m for m in mensen if m.is_active], lid, manager


def _trajecten(rng: random.Random, afdelingen, lid) -> list:
    from serviceformules.models import Product
    from trajecten.choices import TrajectStatus as S
    from trajecten.models import Traject

    producten = Product.objects.bulk_create(
        Product(
            naam=ONDERWERPEN[n % len(ONDERWERPEN)] + ("" if n < len(ONDERWERPEN) else " (digitaal)"),
            afdeling=afdelingen[n % AFDELINGEN],
        )
        for n in range(PRODUCTEN)
    )
    statussen = [S.CONCEPT] * 10 + [S.LOPEND] * 60 + [S.GEPAUZEERD] * 10 + [S.GESTOPT] * 5 + [S.AFGEROND] * 15
    trajecten = []
    for n in range(TRAJECTEN):
        product = producten[rng.randrange(PRODUCTEN)]
        status = rng.choice(statussen)
        onderwerp = product.naam if rng.random() < 0.5 else rng.choice(ONDERWERPEN)
        trajecten.append(
            Traject(
                product=product,
                titel=f"{rng.choice(VOORVOEGSELS)}: {onderwerp.lower()} ({2024 + n % 3}-{n:05})",
                aanleiding="Lange doorlooptijden en veel telefoontjes van inwoners.",
                doel="Binnen vijf werkdagen een besluit; minder contact nodig.",
                status=status,
                stopreden="Geen budget meer." if status == S.GESTOPT else "",
                aangemaakt_door=lid,
            )
        )
    trajecten = Traject.objects.bulk_create(trajecten, batch_size=2000)
    with connection.cursor() as cursor:  # auto_now: spread the dates over two years afterwards
        cursor.execute(
            "UPDATE trajecten_traject SET aangemaakt_op = now() - (random() * interval '730 days'), "
            "gewijzigd_op = now() - (random() * interval '365 days')"
        )
    return trajecten


def _stappen(rng: random.Random, trajecten) -> dict:
    from trajecten.choices import StapStatusKeuze
    from trajecten.models import StapStatus

    staat = {t.pk: _stappen_voor(rng, t.status) for t in trajecten}
    rijen = []
    for pk, stappen in staat.items():
        for stap, status in stappen.items():
            reden = "3a en 3b samengevoegd." if status == StapStatusKeuze.OVERGESLAGEN else ""
            rijen.append(StapStatus(traject_id=pk, stap=stap, status=status, reden=reden))
    StapStatus.objects.bulk_create(rijen, batch_size=5000)
    return staat


def _teams(rng: random.Random, trajecten, mensen, lid, rijk) -> None:
    """Nine people per trajectory (sixteen in the rich one), with guardian's rows as their roles give."""
    from django.contrib.auth.models import Permission

    from trajecten.choices import Discipline, Rol
    from trajecten.models import Teamlid, TrajectUserObjectPermission
    from trajecten.permissions import rechten_voor_rollen

    vm, specialist = Rol.VAKINHOUDELIJK_MEDEWERKER, Rol.SPECIALIST
    rollen = [Rol.SPONSOR, Rol.PROCESEIGENAAR, Rol.PROCESADVISEUR, Rol.KLANTREISCOACH, Rol.TEAMMANAGER]
    rollen += [vm, vm, specialist]
    eigen = {t.pk for t in trajecten[:EIGEN_TRAJECTEN]}
    leden, per_persoon = [], {}
    for traject in trajecten:
        hier = rollen + [vm] * 4 + [specialist] * 3 if traject.pk == rijk.pk else rollen
        wie = rng.sample(mensen, len(hier) + 1)
        projectleider = lid if traject.pk in eigen else wie[-1]
        disciplines = itertools.cycle(Discipline.values)
        for persoon, rol in [(projectleider, Rol.PROJECTLEIDER), *zip(wie, hier, strict=False)]:
            leden.append(
                Teamlid(
                    traject_id=traject.pk,
                    gebruiker=persoon,
                    rol=rol,
                    discipline=next(disciplines) if rol == specialist else "",
                    toegevoegd_door=projectleider,
                )
            )
            per_persoon.setdefault((traject.pk, persoon.pk), []).append(rol)
    Teamlid.objects.bulk_create(leden, batch_size=5000)
    permissies = dict(
        Permission.objects.filter(
            content_type__app_label="trajecten", content_type__model="traject"
        ).values_list("codename", "pk")
    )
    rijen = [
        TrajectUserObjectPermission(
            content_object_id=traject_pk, user_id=user_pk, permission_id=permissies[c]
        )
        for (traject_pk, user_pk), hun_rollen in per_persoon.items()
        for c in rechten_voor_rollen(hun_rollen)
    ]
    TrajectUserObjectPermission.objects.bulk_create(rijen, batch_size=10_000)


def _gebeurtenissen(rng: random.Random, trajecten, mensen, rijk) -> None:
    from trajecten.choices import GebeurtenisSoort, Stap
    from trajecten.models import Gebeurtenis

    stappen = [Stap.S1, Stap.S2, Stap.S3A, Stap.S3B, Stap.S4]
    rijen = [
        Gebeurtenis(
            traject_id=t.pk,
            actor=rng.choice(mensen),
            soort=GebeurtenisSoort.STAP_TRANSITIE,
            omschrijving=f"Stap {stappen[i % 5].value} gestart.",
            stap=stappen[i % 5],
            van_status="niet_gestart",
            naar_status="bezig",
        )
        for t in trajecten
        for i in range(80 if t.pk == rijk.pk else 6)
    ]
    Gebeurtenis.objects.bulk_create(rijen, batch_size=5000)


def _sessies_en_punten(rng: random.Random, trajecten, mensen, lid, rijk) -> None:
    import datetime as dt

    from django.utils import timezone

    from trajecten.choices import SessieSoort
    from trajecten.models import Sessie
    from verbeterplan.choices import VerbeterpuntBron
    from verbeterplan.models import Verbeterpunt

    nu = timezone.now()
    sessies, punten = [], []
    for t in trajecten:
        rijk_hier = t.pk == rijk.pk
        if rijk_hier or rng.random() < 0.3:
            for i in range(6 if rijk_hier else 2):
                begin = nu + dt.timedelta(days=rng.randint(-60, 30))
                sessies.append(
                    Sessie(
                        traject_id=t.pk,
                        soort=SessieSoort.START if i == 0 else SessieSoort.OVERIG,
                        titel=f"Sessie {i + 1}",
                        begint_op=begin,
                        eindigt_op=begin + dt.timedelta(hours=2),
                        locatie="Stadhuis, kamer 2.14",
                        notities="Afspraken gemaakt." if i == 0 else "",
                        aangemaakt_door=lid,
                    )
                )
        if rijk_hier or rng.random() < 0.5:
            for i in range(40 if rijk_hier else 3):
                punten.append(
                    Verbeterpunt(
                        traject_id=t.pk,
                        titel=f"Verbeterpunt {i + 1}",
                        omschrijving="Dubbel werk bij de intake.",
                        bron=VerbeterpuntBron.TRAJECT,
                        ingediend_door=rng.choice(mensen),
                    )
                )
    Sessie.objects.bulk_create(sessies, batch_size=5000)
    Verbeterpunt.objects.bulk_create(punten, batch_size=5000)


def _bereikt(trajecten, staat, rijk, stap) -> list:
    """The trajectories that started `stap`, and the rich one."""
    from trajecten.choices import StapStatusKeuze

    return [t for t in trajecten if t.pk == rijk.pk or staat[t.pk][stap] != StapStatusKeuze.NIET_GESTART]


def _kpis(rng: random.Random, trajecten, staat, lid, rijk) -> None:
    import datetime as dt

    from trajecten.choices import KpiRichting, Meetfrequentie, Stap
    from trajecten.models import Kpi, KpiMeting

    kpis = []
    for t in _bereikt(trajecten, staat, rijk, Stap.S2):
        for i in range(6 if t.pk == rijk.pk else 3):
            kpis.append(
                Kpi(
                    traject_id=t.pk,
                    naam=f"KPI {i + 1}: doorlooptijd",
                    definitie="Kalenderdagen van ontvangst tot besluit.",
                    eenheid="dagen",
                    richting=KpiRichting.LAGER_IS_BETER,
                    nulmeting=Decimal(40 + i),
                    nulmeting_datum=dt.date(2026, 1, 15),
                    streefwaarde=Decimal(20),
                    meetfrequentie=Meetfrequentie.MAANDELIJKS,
                    aangemaakt_door=lid,
                )
            )
    kpis = Kpi.objects.bulk_create(kpis, batch_size=5000)
    metingen = [
        KpiMeting(
            kpi=kpi,
            datum=dt.date(2025, 1, 1) + dt.timedelta(days=30 * m),
            waarde=Decimal(rng.randint(15, 45)),
            ingevoerd_door=lid,
        )
        for kpi in kpis
        for m in range(12 if kpi.traject_id == rijk.pk else 6)
    ]
    KpiMeting.objects.bulk_create(metingen, batch_size=5000)


def _processen(trajecten, staat, lid, rijk):
    """A current process map for every trajectory that reached 3a: 12 steps over 4 lanes (30 over 6
    in the rich one), made like the process benchmark makes them."""
    from tests.bpmn.factories import groot_proces
    from trajecten.choices import ProcesSoort, Stap
    from trajecten.models import ProcesVersie

    versies = ProcesVersie.objects.bulk_create(
        (
            ProcesVersie(traject_id=t.pk, soort=ProcesSoort.HUIDIG, naam="Huidig proces", aangemaakt_door=lid)
            for t in _bereikt(trajecten, staat, rijk, Stap.S3A)
        ),
        batch_size=5000,
    )
    rijke_versie = None
    for versie in versies:
        rijk_hier = versie.traject_id == rijk.pk
        groot_proces(versie, 30 if rijk_hier else 12, banen=6 if rijk_hier else 4)
        rijke_versie = versie if rijk_hier else rijke_versie
    return rijke_versie


FASEN = ("Oriënteren", "Aanvragen", "Wachten", "Besluit", "Gebruiken", "Evalueren")


def _klantreizen(rng: random.Random, trajecten, staat, lid, rijk) -> None:
    """A journey (persona, phases, contact moments of both journeys, pain points, interviews) for every
    trajectory that reached step 4."""
    import datetime as dt

    from klantreis.choices import Kanaal, Klanttype, Reis, Toestemming
    from klantreis.models import Contactmoment, Fase, Interview, Klantreis, Pijnpunt
    from trajecten.choices import Stap

    reizen = Klantreis.objects.bulk_create(
        (
            Klantreis(
                traject_id=t.pk, persona_naam="Starter", persona_omschrijving="Vraagt voor het eerst aan."
            )
            for t in _bereikt(trajecten, staat, rijk, Stap.S4)
        ),
        batch_size=5000,
    )
    fasen = [
        Fase(klantreis=reis, naam=naam, volgorde=i, metriek="Dagen tot besluit")
        for reis in reizen
        for i, naam in enumerate(FASEN[: 6 if reis.traject_id == rijk.pk else 4])
    ]
    fasen = Fase.objects.bulk_create(fasen, batch_size=5000)
    kanalen = [Kanaal.WEBSITE, Kanaal.TELEFOON, Kanaal.BALIE, Kanaal.EMAIL]
    momenten = [
        Contactmoment(
            fase=fase,
            reis=reis,
            volgorde=i,
            titel=f"Contactmoment {i + 1}",
            kanaal=kanalen[i % 4],
            klant_doet="Vult het formulier in.",
            klant_ervaart="Weet niet welke bijlagen nodig zijn.",
            beleving=rng.randint(-2, 2),
            citaten="Ik snapte niet wat ze wilden.",
            moment_van_waarheid=i == 0,
        )
        for fase in fasen
        for reis in (Reis.HUIDIG, Reis.GEWENST)
        for i in range(3 if fase.klantreis.traject_id == rijk.pk else 2)
    ]
    momenten = Contactmoment.objects.bulk_create(momenten, batch_size=5000)
    pijn = [
        Pijnpunt(contactmoment=m, omschrijving="Onduidelijk welke bijlagen nodig zijn")
        for m in momenten
        if m.reis == Reis.HUIDIG and m.beleving < 0
    ]
    Pijnpunt.objects.bulk_create(pijn, batch_size=5000)
    interviews = [
        Interview(
            klantreis=reis,
            datum=dt.date(2026, 2, 1),
            klanttype=Klanttype.INWONER,
            pseudoniem=f"Inwoner {i + 1}",
            toestemming_wijze=Toestemming.SCHRIFTELIJK,
            toestemming_op=dt.date(2026, 2, 1),
            notities="Belde twee keer.",
            kerninzichten="Bijlagenlijst ontbreekt",
            aangemaakt_door=lid,
        )
        for reis in reizen
        for i in range(5 if reis.traject_id == rijk.pk else 2)
    ]
    Interview.objects.bulk_create(interviews, batch_size=5000)


def opbouwen(rng: random.Random) -> DataSet:
    """The data set; prints how long each part took."""
    from trajecten.models import Traject

    begin = time.perf_counter()

    def klaar(wat: str) -> None:
        print(f"  {wat:<44} {time.perf_counter() - begin:6.1f} s", flush=True)

    afdelingen, mensen, lid, manager = _mensen(rng)
    klaar(f"{GEBRUIKERS} people")
    trajecten = _trajecten(rng, afdelingen, lid)
    rijk = trajecten[0]
    klaar(f"{TRAJECTEN} trajectories")
    staat = _stappen(rng, trajecten)
    klaar("their steps")
    _teams(rng, trajecten, mensen, lid, rijk)
    klaar("teams and permission rows")
    _gebeurtenissen(rng, trajecten, mensen, rijk)
    _sessies_en_punten(rng, trajecten, mensen, lid, rijk)
    klaar("audit events, sessions, improvement points")
    _kpis(rng, trajecten, staat, lid, rijk)
    klaar("KPI's and measurements")
    versie = _processen(trajecten, staat, lid, rijk)
    klaar("process maps")
    _klantreizen(rng, trajecten, staat, lid, rijk)
    klaar("customer journeys")
    with connection.cursor() as cursor:  # what autovacuum does in production: statistics, visibility map
        cursor.execute("VACUUM ANALYZE")
    klaar("VACUUM ANALYZE")
    return DataSet(lid=lid, manager=manager, rijk=Traject.objects.get(pk=rijk.pk), versie=versie)


def bestaand() -> DataSet | None:
    """The data set of an earlier run (--keep), if it is complete."""
    from trajecten.models import ProcesVersie, Traject
    from wasstraat.accounts.models import User

    lid = User.objects.filter(username="bench_lid").first()
    if lid is None or Traject.objects.count() < TRAJECTEN:
        return None
    rijk = Traject.objects.filter(aangemaakt_door=lid).order_by("pk").first()
    versie = ProcesVersie.objects.filter(traject=rijk).first()
    return DataSet(lid=lid, manager=User.objects.get(username="bench_manager"), rijk=rijk, versie=versie)


# --- measuring ----------------------------------------------------------------------------------------


@dataclass
class Pagina:
    naam: str
    url: str
    client: Client
    tijden: list[float]
    queries: int = 0

    def ophalen(self) -> None:
        response = self.client.get(self.url)
        if response.status_code != 200:
            raise SystemExit(f"GET {self.url} answered {response.status_code}")

    def p(self, fractie: float) -> float:
        geordend = sorted(self.tijden)
        return geordend[min(len(geordend) - 1, round(fractie * (len(geordend) - 1)))]


def paginas(data: DataSet) -> list[Pagina]:
    lid, manager = Client(), Client()
    lid.force_login(data.lid)
    manager.force_login(data.manager)
    pk = data.rijk.pk
    lijst = reverse("trajecten:lijst")
    stap_bezig = f"{lijst}?stap=3a"
    zoeken = f"{lijst}?zoek={ZOEKTERM}"
    rijen = [
        ("bare page (login required)", reverse("benchmark_kaal"), lid),
        ("list, member (40)", lijst, lid),
        ("list, management (10,000)", lijst, manager),
        ("list, management, last page", f"{lijst}?pagina=500", manager),
        (f"list, management, search '{ZOEKTERM}'", zoeken, manager),
        ("list, management, step 3a in progress", stap_bezig, manager),
        ("trajectory page", reverse("trajecten:detail", args=[pk]), lid),
        ("team page", reverse("trajecten:team", args=[pk]), lid),
        ("team page, search 'jan'", reverse("trajecten:team", args=[pk]) + "?zoek=jan", lid),
        (
            "team picker matches 'jan' (htmx)",
            reverse("trajecten:team_personen", args=[pk]) + "?zoek=jan",
            lid,
        ),
        ("KPI page", reverse("trajecten:kpis", args=[pk]), lid),
        ("process page (30 steps)", reverse("trajecten:proces", args=[pk, data.versie.pk]), lid),
        ("journey page", reverse("klantreis:overzicht", args=[pk]), lid),
    ]
    return [Pagina(naam, url, client, []) for naam, url, client in rijen]


def meten(lijst: list[Pagina], runs: int) -> None:
    for pagina in lijst:
        for _ in range(3):  # warm up: imports, templates, caches
            pagina.ophalen()
        with CaptureQueriesContext(connection) as queries:
            pagina.ophalen()
        pagina.queries = len(queries)
    for _ in range(runs):  # round robin: a busy moment of the machine hits every page alike
        for pagina in lijst:
            begin = time.perf_counter()
            pagina.ophalen()
            pagina.tijden.append((time.perf_counter() - begin) * 1000)


def verslag(lijst: list[Pagina], runs: int) -> bool:
    kaal = lijst[0].p(0.5)
    print(
        f"\nPages, p50/p95 of {runs} runs ({connection.vendor}, {TRAJECTEN:,} trajectories, "
        f"{GEBRUIKERS:,} users); target: p50 at most {DOEL:g}x the bare page\n"
    )
    print(f"{'page':<44} {'p50 ms':>7} {'p95 ms':>7} {'queries':>8} {'x bare':>7}  target")
    alles = True
    for pagina in lijst:
        factor = pagina.p(0.5) / kaal
        gehaald = factor <= DOEL
        alles &= gehaald
        oordeel = "" if pagina is lijst[0] else ("met" if gehaald else "NOT met")
        print(
            f"{pagina.naam:<44} {pagina.p(0.5):>7.1f} {pagina.p(0.95):>7.1f} {pagina.queries:>8} "
            f"{factor:>7.1f}  {oordeel}"
        )
    print(f"\nEvery page at most {DOEL:g}x the bare page: {'yes' if alles else 'NO'}.")
    return alles


def uitleggen(data: DataSet) -> None:
    """EXPLAIN ANALYZE of the list's main query: management's first page, search and step filter."""
    from trajecten.selectors import trajecten_lijst

    gevallen = {
        "management, first page": {},
        f"management, search '{ZOEKTERM}'": {"zoek": ZOEKTERM},
        "management, step 3a in progress": {"stap": "3a"},
        "member, first page": {"gebruiker": data.lid},
    }
    for naam, filters in gevallen.items():
        gebruiker = filters.pop("gebruiker", data.manager)
        qs = trajecten_lijst(gebruiker=gebruiker, **filters).rijen(slice(0, 20))
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}", params)
            plan = "\n".join(f"    {rij[0]}" for rij in cursor.fetchall())
        print(f"\n-- {naam}\n{plan}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="requests per page (p50/p95); default 40")
    parser.add_argument("--keep", action="store_true", help="keep the database and reuse it next time")
    parser.add_argument("--explain", action="store_true", help="print the plans of the list's queries")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit(
            "Needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/wasstraat_bench"
        )

    # Not django.test's setup_test_environment(): it instruments every template render for the test
    # client's assertions, which would make the pages look slower than they are.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.ROOT_URLCONF = __name__
    clear_url_caches()
    logging.disable(logging.WARNING)
    oude_naam = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keep)
    try:
        data = bestaand() if args.keep else None
        if data is None:
            print(f"Building the data set in {connection.settings_dict['NAME']} ...")
            data = opbouwen(random.Random(2026))  # noqa: S311 - a reproducible data set, not a secret
        if args.explain:
            uitleggen(data)
        lijst = paginas(data)
        meten(lijst, args.runs)
        verslag(lijst, args.runs)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(oude_naam, verbosity=0)


if __name__ == "__main__":
    main()
