"""Demo data: the fictional municipality "Gemeente Voorbeeldstad", for a first look and for demonstrations.

Master data (departments, users, products/services) is what the functioneel beheerder keeps in the admin;
it is written directly and kept in step on every run. Everything inside a trajectory is written through
the services, acting as the demo user whose role may do it, so the demo holds only states the rules
allow and its timeline is a real audit trail.

This module writes the trajectories up to their first steps; the content of the later steps follows in
step order from its own module: KPI's (`kpis`, step 2), process maps (`processen`, 3a), their check
(`controles`, 3b), customer journeys with interviews (`klantreizen`, 4) and the serviceformules of the
products with the 6P assessment (`zes_p`, 5).

The history is backdated: the services run under a clock set to a moment in the past (`_op`), so the
timeline and the step dates read like a trajectory that has been running for weeks. Sessions still to
come are planned relative to today. Every offset (`dag`) counts working days, so nothing happens on a
weekend.

Idempotent: master data by natural key (update_or_create), trajectories by title (an existing
trajectory is left alone). Never run this against a production database.
"""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from unittest import mock

from django.apps import apps as django_apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from serviceformules.models import Product
from trajecten import services
from trajecten.choices import Discipline, Rol, SessieSoort, Stap
from trajecten.models import Sessie, Traject
from verbeterplan.services import verbeterpunt_vastleggen
from wasstraat.accounts.groepen import groepen_inrichten
from wasstraat.accounts.models import Afdeling, Groep, User
from wasstraat.demo.controles import controles_laden
from wasstraat.demo.klantreizen import klantreizen_maken
from wasstraat.demo.kpis import kpis_maken
from wasstraat.demo.processen import processen_maken
from wasstraat.demo.verbeterplannen import verbeterplannen_maken
from wasstraat.demo.zes_p import zes_p_maken

#: The one password of every demo account (documented in the README and printed by `demodata`).
WACHTWOORD = "Wasstraat2026!"
EMAILDOMEIN = "voorbeeldstad.example"
ADRES = "http://127.0.0.1:8000"

AFDELINGEN: dict[str, str] = {
    "Vergunningen": "Omgevingsvergunningen, evenementen, parkeren en bijzondere wetten.",
    "Burgerzaken": "Reisdocumenten, rijbewijzen, BRP en burgerlijke stand.",
    "Klantcontactcentrum": "Telefoon, balie, chat en e-mail: het eerste aanspreekpunt voor inwoners.",
    "Sociaal Domein": "Werk en inkomen, Wmo en jeugd.",
    "Informatievoorziening": "ICT, applicatiebeheer, informatiebeveiliging en gegevensbeheer.",
    "Juridische Zaken": "Juridisch advies, bezwaar en beroep, privacy.",
    "Communicatie": "Webteksten, voorlichting en publiekscampagnes.",
    "Belastingen": "Gemeentelijke belastingen, WOZ en kwijtschelding.",
    "Openbare Ruimte": "Beheer en onderhoud van straten, groen, verlichting en afval.",
    "Bedrijfsvoering": "Concernstaf: procesverbetering (LEAN), planning en control, directie.",
}


@dataclass(frozen=True)
class DemoGebruiker:
    """One demo account and the part it plays."""

    username: str
    voornaam: str
    achternaam: str
    email: str
    functie: str
    afdeling: str
    rol: str
    groepen: tuple[str, ...] = ()
    is_staff: bool = False

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}"


def _g(username, voornaam, achternaam, email, functie, afdeling, rol, groepen=(), is_staff=False):
    return DemoGebruiker(
        username,
        voornaam,
        achternaam,
        f"{email}@{EMAILDOMEIN}",
        functie,
        afdeling,
        rol,
        tuple(groepen),
        is_staff,
    )


# fmt: off
GEBRUIKERS: tuple[DemoGebruiker, ...] = (
    _g("projectleider", "Sanne", "de Vries", "sanne.devries", "Projectleider dienstverlening",
       "Bedrijfsvoering", "Projectleider (mag trajecten starten)", [Groep.TRAJECTLEIDERS]),
    _g("procesadviseur", "Mehmet", "Yılmaz", "mehmet.yilmaz", "Procesadviseur LEAN",
       "Bedrijfsvoering", "Procesadviseur (LEAN)"),
    _g("klantreiscoach", "Fleur", "Jansen", "fleur.jansen", "Klantreiscoach",
       "Klantcontactcentrum", "Klantreiscoach"),
    _g("proceseigenaar", "Peter", "van den Berg", "peter.vandenberg", "Afdelingshoofd Publiekszaken",
       "Vergunningen", "Proceseigenaar"),
    _g("teammanager", "Anouk", "Bakker", "anouk.bakker", "Teammanager Vergunningen",
       "Vergunningen", "Teammanager"),
    _g("sponsor", "Willem", "Smit", "willem.smit", "Directeur Dienstverlening",
       "Bedrijfsvoering", "Sponsor"),
    _g("medewerker1", "Fatima", "El Amrani", "fatima.elamrani", "Vergunningverlener",
       "Vergunningen", "Vakinhoudelijk medewerker"),
    _g("medewerker2", "Jeroen", "Visser", "jeroen.visser", "Medewerker Publiekszaken",
       "Burgerzaken", "Vakinhoudelijk medewerker"),
    _g("privacy", "Lotte", "Mulder", "lotte.mulder", "Privacy officer",
       "Juridische Zaken", "Specialist: privacy officer (leest het privacylogboek)", [Groep.PRIVACY]),
    _g("ciso", "Ruben", "de Boer", "ruben.deboer", "Chief Information Security Officer",
       "Informatievoorziening", "Specialist: CISO"),
    _g("ict", "Kevin", "Hendriks", "kevin.hendriks", "Adviseur informatievoorziening",
       "Informatievoorziening", "Specialist: ICT / informatievoorziening"),
    _g("jurist", "Eva", "Dekker", "eva.dekker", "Jurist bestuursrecht",
       "Juridische Zaken", "Specialist: jurist"),
    _g("applicatiebeheer", "Bas", "Peters", "bas.peters", "Applicatiebeheerder",
       "Informatievoorziening", "Specialist: applicatiebeheerder"),
    _g("communicatie", "Noor", "de Graaf", "noor.degraaf", "Communicatieadviseur",
       "Communicatie", "Specialist: communicatieadviseur"),
    _g("manager", "Marieke", "Bos", "marieke.bos", "Algemeen directeur",
       "Bedrijfsvoering", "Manager (ziet alle trajecten, alleen lezen)", [Groep.MANAGEMENT]),
    _g("beheerder", "Tom", "Kuipers", "tom.kuipers", "Functioneel beheerder",
       "Informatievoorziening", "Functioneel beheerder (stamgegevens, beheer)",
       [Groep.FUNCTIONEEL_BEHEER], is_staff=True),
)
# fmt: on

#: Specialist accounts and the discipline they review from.
DISCIPLINES: dict[str, Discipline] = {
    "privacy": Discipline.PRIVACY_OFFICER,
    "ciso": Discipline.CISO,
    "ict": Discipline.ICT,
    "jurist": Discipline.JURIST,
    "applicatiebeheer": Discipline.APPLICATIEBEHEERDER,
    "communicatie": Discipline.COMMUNICATIEADVISEUR,
}

PRODUCTEN: dict[str, tuple[str, str]] = {
    "Aanvraag omgevingsvergunning": (
        "Vergunningen",
        "Vergunning voor bouwen, verbouwen, slopen of afwijken van het omgevingsplan.",
    ),
    "Parkeervergunning bewoners": (
        "Vergunningen",
        "Vergunning om als bewoner in een betaald-parkerenzone te parkeren.",
    ),
    "Verhuizing doorgeven": ("Burgerzaken", "Adreswijziging in de Basisregistratie Personen (BRP)."),
    "Paspoort en ID-kaart": ("Burgerzaken", "Aanvragen en ophalen van een reisdocument."),
    "Bijstandsuitkering aanvragen": (
        "Sociaal Domein",
        "Aanvraag van een uitkering op grond van de Participatiewet.",
    ),
    "Melding openbare ruimte": (
        "Openbare Ruimte",
        "Melding van een probleem op straat: losse tegel, kapotte lamp, afval.",
    ),
    "Kwijtschelding gemeentelijke belastingen": (
        "Belastingen",
        "Kwijtschelding van afvalstoffenheffing en rioolheffing bij een laag inkomen.",
    ),
    "Evenementenvergunning": ("Vergunningen", "Vergunning voor een evenement in de openbare ruimte."),
    "Huwelijk of geregistreerd partnerschap": (
        "Burgerzaken",
        "Melding voorgenomen huwelijk of partnerschap en het plannen van de ceremonie.",
    ),
    "Uittreksel BRP": ("Burgerzaken", "Uittreksel uit de Basisregistratie Personen."),
    "Gehandicaptenparkeerkaart": (
        "Sociaal Domein",
        "Parkeerkaart voor inwoners met een beperking, na een medische keuring.",
    ),
    "Bezwaar WOZ-waarde": ("Belastingen", "Bezwaar tegen de vastgestelde WOZ-waarde van een woning."),
}


@dataclass
class Resultaat:
    """What a run of `demodata_laden` did."""

    gebruikers: list[DemoGebruiker] = field(default_factory=list)
    aangemaakt: list[str] = field(default_factory=list)
    al_aanwezig: list[str] = field(default_factory=list)


def demodata_laden() -> Resultaat:
    """Load (or bring up to date) the whole demo; safe to run any number of times."""
    gebruikers = stamgegevens_laden()
    resultaat = Resultaat(gebruikers=list(GEBRUIKERS))
    for titel, bouwer in TRAJECTEN.items():
        if Traject.objects.filter(titel=titel).exists():
            resultaat.al_aanwezig.append(titel)
            continue
        with transaction.atomic():
            bouwer(titel, gebruikers)
        resultaat.aangemaakt.append(titel)
    kpis_maken(gebruikers)  # step 2: KPI's with measurements (skips trajectories that have KPI's)
    processen_maken(gebruikers)  # step 3a: process maps (skips trajectories that have one)
    controles_laden(gebruikers)  # step 3b: colleagues check the current maps (skips maps already asked)
    klantreizen_maken(gebruikers)  # step 4: customer journeys (skips trajectories that have one)
    zes_p_maken(gebruikers)  # step 5: formules of the products; 6P assessments (skips those that have one)
    verbeterplannen_maken(gebruikers)  # step 6: a draft improvement plan (skips one that has actions)
    return resultaat


# --- master data --------------------------------------------------------------------------------


@transaction.atomic
def stamgegevens_laden() -> dict[str, User]:
    """Departments, demo users (with their global groups), the national serviceformules and the product
    catalogue. The groups and the formules are normally there since `migrate`; a database emptied since
    (`flush`, or a test that flushes) gets them back, so the demo never depends on it."""
    groepen_inrichten()
    _landelijke_formules()
    afdelingen = {
        naam: Afdeling.objects.update_or_create(naam=naam, defaults={"omschrijving": tekst})[0]
        for naam, tekst in AFDELINGEN.items()
    }
    wachtwoord = _WachtwoordHash()
    for demo in GEBRUIKERS:
        _gebruiker_inrichten(demo, afdelingen[demo.afdeling], wachtwoord)
    for naam, (afdeling, omschrijving) in PRODUCTEN.items():
        Product.objects.update_or_create(
            naam=naam,
            defaults={"afdeling": afdelingen[afdeling], "omschrijving": omschrijving, "actief": True},
        )
    # Fresh objects: permissions are cached on a user object once asked for.
    return {u.username: u for u in User.objects.filter(username__in=[d.username for d in GEBRUIKERS])}


def _landelijke_formules() -> None:
    """The national serviceformules as their data migration seeds them (idempotent: an existing formule
    of that name stays as the municipality keeps it)."""
    zaaien = import_module("serviceformules.migrations.0003_landelijke_formules").landelijke_formules_zaaien
    zaaien(django_apps, None)


class _WachtwoordHash:
    """The demo password hashed once per run: hashing costs about a second, sixteen times over."""

    def __init__(self) -> None:
        self._hash = ""

    def voor(self, gebruiker: User) -> str:
        validate_password(WACHTWOORD, gebruiker)
        self._hash = self._hash or make_password(WACHTWOORD)
        return self._hash


def _gebruiker_inrichten(demo: DemoGebruiker, afdeling: Afdeling, wachtwoord: _WachtwoordHash) -> User:
    gebruiker, nieuw = User.objects.update_or_create(
        username=demo.username,
        defaults={
            "first_name": demo.voornaam,
            "last_name": demo.achternaam,
            "email": demo.email,
            "functie": demo.functie,
            "afdeling": afdeling,
            "is_staff": demo.is_staff,
            "is_active": True,
        },
    )
    if nieuw:  # a password someone changed since is left alone
        gebruiker.password = wachtwoord.voor(gebruiker)
        gebruiker.save(update_fields=["password"])
    for naam in demo.groepen:
        gebruiker.groups.add(Group.objects.get(name=naam))
    return gebruiker


# --- writing a history --------------------------------------------------------------------------

#: The real clock, kept before `_op` replaces `timezone.now` for the backdated history.
_ECHTE_NU = timezone.now

#: The role each demo account plays when it joins a team (the projectleider joins by creating).
DEMO_ROL: dict[str, Rol] = {
    "sponsor": Rol.SPONSOR,
    "proceseigenaar": Rol.PROCESEIGENAAR,
    "procesadviseur": Rol.PROCESADVISEUR,
    "klantreiscoach": Rol.KLANTREISCOACH,
    "teammanager": Rol.TEAMMANAGER,
    "medewerker1": Rol.VAKINHOUDELIJK_MEDEWERKER,
    "medewerker2": Rol.VAKINHOUDELIJK_MEDEWERKER,
    **dict.fromkeys(DISCIPLINES, Rol.SPECIALIST),
}

STADSKANTOOR = "Stadskantoor Voorbeeldstad, vergaderzaal De Waag (3e verdieping)"
LEANRUIMTE = "Stadskantoor Voorbeeldstad, LEAN-ruimte (kamer 2.14)"
ONLINE = "https://meet.voorbeeldstad.example/"


def _moment(werkdagen: int, uur: int = 9, minuut: int = 0) -> dt.datetime:
    """`werkdagen` working days from the real today (negative: in the past), at `uur`:`minuut` local time.

    Counting working days keeps every session and step on a weekday and keeps the order of events.
    """
    dag = timezone.localtime(_ECHTE_NU()).date()
    richting = dt.timedelta(days=1 if werkdagen > 0 else -1)
    for _ in range(abs(werkdagen)):
        dag += richting
        while dag.weekday() >= 5:
            dag += richting
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur, minuut)))


@contextmanager
def _op(werkdagen: int, uur: int = 9, minuut: int = 0) -> Iterator[None]:
    """Run the services as if it were that moment in the past; each tick of the clock adds a second."""
    start = _moment(werkdagen, uur, minuut)
    if start > _ECHTE_NU():
        raise ValueError("The demo history cannot be written in the future.")
    tik = itertools.count()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: start + dt.timedelta(seconds=next(tik))):
        yield


def _tekst(bron: str) -> str:
    """A text written as an indented block: lines joined, blank lines between paragraphs kept,
    and lines starting with "- " kept as list items."""
    alineas = []
    for alinea in textwrap.dedent(bron).strip().split("\n\n"):
        regels: list[str] = []
        for regel in alinea.splitlines():
            if regels and not regel.startswith("- "):
                regels[-1] += " " + regel.strip()
            else:
                regels.append(regel.strip())
        alineas.append("\n".join(regels))
    return "\n\n".join(alineas)


class _Verhaal:
    """Writes the history of one demo trajectory through the services, as the demo users."""

    def __init__(
        self,
        g: dict[str, User],
        titel: str,
        product: str,
        dag: int,
        *,
        aanleiding: str,
        doel: str,
        looptijd: int = 180,
    ) -> None:
        self.g = g
        with _op(dag, 10):
            self.traject = services.traject_aanmaken(
                door=g["projectleider"],
                product=Product.objects.get(naam=product),
                titel=titel,
                aanleiding=_tekst(aanleiding),
                doel=_tekst(doel),
                startdatum=_moment(dag).date(),
                einddatum=_moment(dag + looptijd).date(),
            )

    def team(self, leden: str) -> None:
        """Add the demo accounts named in `leden` (space-separated) in their demo role."""
        for naam in leden.split():
            services.teamlid_toevoegen(
                traject=self.traject,
                door=self.g["projectleider"],
                gebruiker=self.g[naam],
                rol=DEMO_ROL[naam],
                discipline=DISCIPLINES.get(naam, ""),
            )

    def starten(self, stap: Stap, door: str = "projectleider") -> None:
        services.stap_starten(traject=self.traject, stap=stap, door=self.g[door])

    def afronden(self, stap: Stap, door: str = "projectleider") -> None:
        services.stap_afronden(traject=self.traject, stap=stap, door=self.g[door])

    def heropenen(self, stap: Stap, reden: str, door: str = "projectleider") -> None:
        services.stap_heropenen(traject=self.traject, stap=stap, door=self.g[door], reden=_tekst(reden))

    def sessie(
        self,
        door: str,
        soort: SessieSoort,
        titel: str,
        dag: int,
        van: tuple[int, int],
        tot: tuple[int, int],
        aanwezigen: str,
        plaats: str,
        notities: str = "",
    ) -> Sessie:
        """Plan a session; `plaats` is a location or an online link."""
        online = plaats.startswith("https://")
        return services.sessie_plannen(
            traject=self.traject,
            door=self.g[door],
            soort=soort,
            titel=titel,
            begint_op=_moment(dag, *van),
            eindigt_op=_moment(dag, *tot),
            locatie="" if online else plaats,
            online_link=plaats if online else "",
            notities=_tekst(notities),
            aanwezigen=[self.g[naam] for naam in aanwezigen.split()],
        )

    def notities(self, sessie: Sessie, door: str, notities: str) -> None:
        services.sessie_wijzigen(sessie=sessie, door=self.g[door], notities=_tekst(notities))

    def punt(self, door: str, titel: str, omschrijving: str, sessie: Sessie | None = None) -> None:
        verbeterpunt_vastleggen(
            traject=self.traject,
            door=self.g[door],
            titel=titel,
            omschrijving=_tekst(omschrijving),
            sessie=sessie,
        )


# --- the trajectories ---------------------------------------------------------------------------
# Each story runs forward in time; `dag` is in working days from today (negative: in the past).
# The stories are laid out by hand so the texts read as texts.
# fmt: off


def _omgevingsvergunning(titel: str, g: dict[str, User]) -> None:
    """Step 1 completed; 2, 3a and 4 running; a start session, a journey session, a 3a session ahead."""
    v = _Verhaal(g, titel, "Aanvraag omgevingsvergunning", -60, aanleiding="""
        Sinds de invoering van de Omgevingswet is de gemiddelde doorlooptijd van een aanvraag
        omgevingsvergunning (reguliere procedure) opgelopen tot ruim zeven weken; bij 18% van de
        aanvragen wordt de beslistermijn van acht weken verlengd. Aanvragers bellen gemiddeld 2,4 keer
        met het Klantcontactcentrum over de stand van zaken, en 40% van de aanvragen uit het
        Omgevingsloket is bij binnenkomst onvolledig. Medewerkers ervaren veel herstelwerk en dubbele
        invoer tussen het Omgevingsloket en het zaaksysteem.
        """, doel="""
        Binnen een jaar krijgt 95% van de aanvragers een besluit binnen de wettelijke termijn, zonder
        verlenging, en weet de aanvrager op elk moment waar de aanvraag staat. Het aandeel onvolledige
        aanvragen halveert door betere informatie vooraf en vooroverleg op maat. Het aantal statusvragen
        aan het Klantcontactcentrum daalt met de helft.
        """)
    with _op(-59, 9):
        v.team("sponsor proceseigenaar procesadviseur klantreiscoach teammanager medewerker1 medewerker2 "
               "privacy jurist ict applicatiebeheer communicatie")
        v.starten(Stap.S1)
    kern = ("projectleider sponsor proceseigenaar procesadviseur klantreiscoach teammanager "
            "medewerker1 medewerker2")
    with _op(-57, 11):
        start = v.sessie("projectleider", SessieSoort.START, "Startsessie omgevingsvergunning", -52,
                         (9, 30), (11, 30), kern, STADSKANTOOR)
    with _op(-52, 14):
        v.notities(start, "projectleider", """
            Opdracht besproken met sponsor en proceseigenaar: focus op de reguliere procedure (bouwen en
            verbouwen), niet op de uitgebreide procedure.

            Afspraken:
            - Rollen in het team bevestigd; Fatima en Jeroen brengen de praktijk van intake en telefoon in.
            - KPI's (stap 2) worden voorbereid door Anouk en Peter: doorlooptijd, percentage verlengingen,
              percentage onvolledige aanvragen en statusvragen bij het KCC.
            - Het huidige proces (stap 3a) brengen we in kaart in een sessie met gele briefjes; Mehmet
              faciliteert.
            - Fleur start de klantreis met vijf interviews met recente aanvragers (particulier en
              ondernemer).

            Risico: de piek in aanvragen in het voorjaar. De planning houdt daar rekening mee.
            """)
        v.punt("medewerker1", "Ontvangstbevestiging noemt geen beslistermijn", """
            Na het indienen krijgt de aanvrager een automatische bevestiging zonder uitleg over de termijn
            en de volgende stappen. Dat leidt tot statusvragen bij het KCC.
            """, start)
        v.punt("medewerker1", "Dubbele invoer tussen Omgevingsloket en zaaksysteem", """
            Gegevens uit het Omgevingsloket worden met de hand overgenomen in het zaaksysteem.
            Onderzoeken of de koppeling dit kan overnemen.
            """, start)
    with _op(-50, 9):
        v.afronden(Stap.S1)
    with _op(-48, 10):
        v.starten(Stap.S2, "proceseigenaar")
    with _op(-45, 9):
        v.starten(Stap.S3A, "procesadviseur")
    with _op(-44, 13):
        v.starten(Stap.S4, "klantreiscoach")
        reis = v.sessie("klantreiscoach", SessieSoort.KLANTREIS,
                        "Klantreissessie: ervaringen van aanvragers", -30, (13, 0), (15, 30),
                        "klantreiscoach projectleider medewerker1 medewerker2 teammanager",
                        ONLINE + "klantreis-omgevingsvergunning")
    with _op(-29, 10):
        v.notities(reis, "klantreiscoach", """
            Vijf interviews met aanvragers nabesproken (drie particulieren, twee aannemers).

            Rode draad: onzekerheid na het indienen. Een aanvrager: "Ik hoorde vier weken niets en wist
            niet of ik moest bellen." Het moment van waarheid is het eerste contact na de indiening: wie
            dan persoonlijk door de behandelaar wordt gebeld, is positief, ook als er aanvullingen nodig
            zijn.

            Het Omgevingsloket vinden aanvragers lastig: welke vragen op hen van toepassing zijn, is niet
            duidelijk. Ondernemers willen één vast aanspreekpunt.
            """)
        v.punt("klantreiscoach", "Behandelaar belt binnen vijf werkdagen na indiening", """
            Persoonlijk contact na de indiening is het moment van waarheid in de klantreis. Voorstel: een
            vast belmoment met uitleg over de procedure en eventuele aanvullingen.
            """, reis)
        v.punt("klantreiscoach", "Checklist per soort bouwwerk op de website", """
            Aanvragers weten niet welke stukken nodig zijn. Een checklist per soort bouwwerk (dakkapel,
            aanbouw, verbouwing) voorkomt onvolledige aanvragen.
            """, reis)
    with _op(-20, 15):
        v.punt("medewerker2", "Stand van de aanvraag zichtbaar voor het KCC", """
            KCC-medewerkers kunnen de stand van een aanvraag niet inzien en zetten bij elke vraag een
            terugbelverzoek uit naar de vakafdeling.
            """)
    with _op(-10, 11):
        v.sessie("procesadviseur", SessieSoort.PROCES_HUIDIG,
                 "Sessie 3a: huidig proces omgevingsvergunning in kaart", 6, (9, 0), (12, 0),
                 "procesadviseur projectleider medewerker1 medewerker2 teammanager applicatiebeheer",
                 LEANRUIMTE)


def _parkeervergunning(titel: str, g: dict[str, User]) -> None:
    """Step 1 in progress; the team partly assigned (no proceseigenaar yet); start session ahead."""
    v = _Verhaal(g, titel, "Parkeervergunning bewoners", -12, looptijd=150, aanleiding="""
        Bewoners in de betaald-parkerenzones vragen hun parkeervergunning nog grotendeels aan met een
        papieren formulier of aan de balie. Kentekenwijzigingen en verhuizingen leveren jaarlijks ruim
        3.000 handmatige mutaties op, en in de zomer loopt de wachttijd voor een vergunning op tot drie
        weken.
        """, doel="""
        Bewoners regelen aanvraag, kentekenwissel en opzegging volledig online met DigiD; een nieuwe
        vergunning is binnen één werkdag actief. De balie handelt alleen nog uitzonderingen af.
        """)
    with _op(-11, 9):
        v.team("sponsor procesadviseur medewerker2")
        v.starten(Stap.S1)
    with _op(-9, 14):
        v.sessie("projectleider", SessieSoort.START, "Startsessie parkeervergunning", 4, (14, 0), (16, 0),
                 "projectleider sponsor procesadviseur medewerker2", ONLINE + "start-parkeervergunning")
        v.punt("projectleider", "Kenteken automatisch controleren bij de RDW", """
            Medewerkers controleren elk kenteken met de hand in het RDW-portaal. Een automatische controle
            bij de aanvraag scheelt werk en voorkomt fouten.
            """)


def _evenementen(titel: str, g: dict[str, User]) -> None:
    """Only created: a draft."""
    _Verhaal(g, titel, "Evenementenvergunning", -3, looptijd=240, aanleiding="""
        Organisatoren van evenementen krijgen te maken met de gemeente, politie, brandweer en GHOR, en
        ontvangen van verschillende afdelingen losse vragen en voorwaarden. Kleine evenementen, zoals een
        buurtfeest of braderie, doorlopen nu dezelfde procedure als een groot festival.
        """, doel="""
        Een eenvoudige meldingsroute voor kleine evenementen en één vast aanspreekpunt voor organisatoren
        van grote evenementen, met een besluit uiterlijk vier weken voor de evenementdatum.
        """)


def _verhuizing(titel: str, g: dict[str, User]) -> None:
    """Step 1 completed, the journey under way, then paused with a reason."""
    v = _Verhaal(g, titel, "Verhuizing doorgeven", -95, aanleiding="""
        Jaarlijks geven ongeveer 9.500 inwoners een verhuizing door. Een kwart van de online meldingen
        leidt tot terugbellen of een verzoek om aanvullende stukken, vooral bij inwoning en bij
        verhuizingen van meerdere personen. Het aantal adresonderzoeken naar aanleiding van onjuiste
        inschrijvingen neemt toe.
        """, doel="""
        90% van de verhuismeldingen wordt zonder contact met de inwoner binnen twee werkdagen verwerkt;
        het aantal adresonderzoeken door onjuiste meldingen daalt met 30%.
        """)
    with _op(-94, 9):
        v.team("sponsor proceseigenaar procesadviseur klantreiscoach medewerker2 privacy")
        v.starten(Stap.S1)
        start = v.sessie("projectleider", SessieSoort.START, "Startsessie verhuizing", -88, (10, 0), (12, 0),
                         "projectleider sponsor proceseigenaar procesadviseur klantreiscoach medewerker2",
                         STADSKANTOOR)
    with _op(-88, 15):
        v.notities(start, "projectleider", """
            Team en opdracht bevestigd. Scope: verhuizing binnen de gemeente en vestiging vanuit een andere
            gemeente; emigratie valt erbuiten.

            Jeroen licht toe dat vooral inwoning (toestemming van de hoofdbewoner) tot terugbellen leidt.
            Voor dit eenvoudige proces gebruikt Fleur de bestaande klantfeedback (KTO en klachtenregister)
            in plaats van eigen interviews; Lotte kijkt mee naar het opvragen van kopieën van
            identiteitsbewijzen.
            """)
        v.punt("medewerker2", "Toestemming hoofdbewoner digitaal laten geven", """
            Bij inwoning stuurt de hoofdbewoner nu een papieren verklaring met een kopie van het
            identiteitsbewijs. Een digitale toestemming met DigiD maakt dat overbodig.
            """, start)
    with _op(-86, 9):
        v.afronden(Stap.S1)
    with _op(-80, 10):
        v.starten(Stap.S4, "klantreiscoach")
    with _op(-21, 16):
        services.traject_pauzeren(traject=v.traject, door=g["proceseigenaar"], reden=_tekst("""
            De medewerkers van Burgerzaken zijn tot en met de gemeenteraadsverkiezingen volledig nodig voor
            de verkiezingsorganisatie. Het traject wordt daarna hervat; de klantreis is in kaart gebracht en
            wordt dan afgerond.
            """))


def _kwijtschelding(titel: str, g: dict[str, User]) -> None:
    """Step 1 started, then stopped with a reason."""
    v = _Verhaal(g, titel, "Kwijtschelding gemeentelijke belastingen", -130, aanleiding="""
        Inwoners met een laag inkomen moeten elk jaar opnieuw kwijtschelding aanvragen, met
        bankafschriften en loonstroken. Veel rechthebbenden vragen het niet aan, en de behandeling kost de
        afdeling Belastingen veel handwerk.
        """, doel="""
        Inwoners die recht hebben op kwijtschelding krijgen die automatisch, op basis van de toets door het
        Inlichtingenbureau, zonder zelf stukken aan te leveren.
        """)
    with _op(-129, 9):
        v.team("sponsor proceseigenaar procesadviseur privacy jurist")
        v.starten(Stap.S1)
    with _op(-120, 11):
        v.punt("privacy", "Grondslag gegevensuitwisseling Inlichtingenbureau vastleggen", """
            Voor automatische kwijtschelding is uitwisseling van inkomensgegevens nodig. De grondslag en een
            DPIA moeten vooraf zijn vastgelegd.
            """)
    with _op(-60, 14):
        services.traject_stoppen(traject=v.traject, door=g["projectleider"], reden=_tekst("""
            Per 1 januari gaan heffing en invordering over naar de regionale belastingsamenwerking, die
            automatische kwijtschelding zelf invoert. Dit traject is daarom gestopt; de verbeterpunten zijn
            overgedragen aan de samenwerking.
            """))


def _bijstand(titel: str, g: dict[str, User]) -> None:
    """Step 1 completed, reopened (which reset step 3a) and completed again; 3a and 4 running.

    Later in the demo 3a and 3b are completed (`controles`) and step 5 with them (`zes_p`)."""
    v = _Verhaal(g, titel, "Bijstandsuitkering aanvragen", -85, looptijd=210, aanleiding="""
        Inwoners die een bijstandsuitkering aanvragen, wachten gemiddeld 6,5 week op een besluit; de
        wettelijke termijn van acht weken wordt in 15% van de gevallen overschreden. Intussen ontstaan
        schulden en worden voorschotten verstrekt. Aanvragers moeten veel bewijsstukken aanleveren die de
        gemeente deels zelf kan raadplegen.
        """, doel="""
        Aanvragers hebben binnen vijf werkdagen een eerste gesprek en binnen vier weken een besluit.
        Gegevens die de gemeente zelf kan raadplegen (BRP, Suwinet) worden niet meer opgevraagd. Het
        aantal voorschotten halveert.
        """)
    with _op(-84, 9):
        v.team("sponsor proceseigenaar procesadviseur medewerker2 jurist privacy")
        v.starten(Stap.S1)
    deelnemers = "projectleider sponsor proceseigenaar procesadviseur medewerker2"
    with _op(-76, 14):
        v.sessie("projectleider", SessieSoort.START, "Startsessie bijstand", -76, (9, 0), (11, 0), deelnemers,
                 STADSKANTOOR, notities="""
            Opdracht en team besproken. Scope: aanvragen levensonderhoud van 27 jaar en ouder.

            Eerste beeld: het intakegesprek wordt pas gepland als alle stukken binnen zijn.
            """)
    with _op(-75, 9):
        v.afronden(Stap.S1)
    with _op(-73, 10):
        v.starten(Stap.S3A, "procesadviseur")
    with _op(-66, 11):
        v.heropenen(Stap.S1, """
            De directie heeft besloten ook aanvragen van jongeren tot 27 jaar (met de zoekperiode van vier
            weken) mee te nemen. Opdracht en team worden opnieuw bevestigd in een tweede startsessie, met de
            klantreiscoach erbij.
            """)
        v.team("klantreiscoach")
    with _op(-62, 15):
        tweede = v.sessie("projectleider", SessieSoort.START, "Tweede startsessie bijstand (met jongeren)",
                          -62, (10, 0), (12, 0), deelnemers + " klantreiscoach", STADSKANTOOR, notities="""
            Bredere opdracht bevestigd: ook jongeren tot 27 jaar. De zoekperiode van vier weken wordt in de
            klantreis meegenomen.

            Fleur sluit aan als klantreiscoach; interviews met jongeren via het jongerenloket.
            """)
        v.punt("klantreiscoach", "Jongeren begeleiden tijdens de zoekperiode", """
            Jongeren haken af tijdens de zoekperiode van vier weken. Een vast contactmoment halverwege kan
            dat voorkomen.
            """, tweede)
    with _op(-61, 9):
        v.afronden(Stap.S1)
    with _op(-59, 10):
        v.starten(Stap.S3A, "procesadviseur")
        v.starten(Stap.S4, "klantreiscoach")
    with _op(-40, 13):
        v.punt("medewerker2", "Suwinet raadplegen in plaats van loonstroken opvragen", """
            Inkomensgegevens staan in Suwinet; aanvragers hoeven ze dan niet zelf aan te leveren.
            """)


def _openbare_ruimte(titel: str, g: dict[str, User]) -> None:
    """Step 1 just completed: steps 2, 3a and 4 may start; a journey session is planned."""
    v = _Verhaal(g, titel, "Melding openbare ruimte", -25, looptijd=200, aanleiding="""
        De gemeente ontvangt jaarlijks zo'n 14.000 meldingen over losliggende tegels, kapotte
        lantaarnpalen, zwerfafval en overhangend groen. Melders horen vaak niets meer nadat ze de melding
        hebben gedaan; 30% meldt hetzelfde probleem nog een keer. Meldingen komen binnen via de app, de
        website, de telefoon en sociale media, en worden in twee systemen verwerkt.
        """, doel="""
        Elke melder krijgt binnen vijf werkdagen een terugkoppeling over wat er met de melding gebeurt.
        Dubbele meldingen halveren, en alle kanalen komen uit in één meldingensysteem.
        """)
    with _op(-24, 9):
        v.team("sponsor proceseigenaar procesadviseur klantreiscoach medewerker1 applicatiebeheer "
               "communicatie ciso")
        v.starten(Stap.S1)
    with _op(-15, 13):
        start = v.sessie("projectleider", SessieSoort.START, "Startsessie meldingen", -15, (9, 30), (11, 0),
                         "projectleider sponsor proceseigenaar procesadviseur klantreiscoach medewerker1",
                         STADSKANTOOR, notities="""
            Opdracht bevestigd. Eerst de meldingen over straatverlichting en bestrating; groen en afval
            volgen.

            Afgesproken: de klantreis start met de melders die twee keer hetzelfde meldden.
            """)
        v.punt("communicatie", "Terugkoppeling in begrijpelijke taal", """
            De standaardberichten aan melders zijn ambtelijk en noemen geen termijn. Herschrijven op
            taalniveau B1.
            """, start)
    with _op(-14, 10):
        v.afronden(Stap.S1)
    with _op(-5, 11):
        v.sessie("klantreiscoach", SessieSoort.KLANTREIS, "Klantreis melders: interviews nabespreken", 8,
                 (13, 30), (15, 30), "klantreiscoach projectleider medewerker1 communicatie",
                 ONLINE + "klantreis-meldingen")


#: The demo trajectories by title, in the order they are created.
TRAJECTEN = {
    "Omgevingsvergunning: sneller en voorspelbaar besluiten": _omgevingsvergunning,
    "Parkeervergunning bewoners: volledig digitaal regelen": _parkeervergunning,
    "Evenementenvergunning: één aanspreekpunt voor organisatoren": _evenementen,
    "Verhuizing doorgeven: in één keer goed": _verhuizing,
    "Kwijtschelding gemeentelijke belastingen: automatisch toekennen": _kwijtschelding,
    "Bijstandsuitkering: sneller zekerheid over inkomen": _bijstand,
    "Melding openbare ruimte: terugkoppeling binnen vijf werkdagen": _openbare_ruimte,
}
# fmt: on
