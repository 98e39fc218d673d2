"""Demo data of step 4: customer journeys with interviews, phases, contact moments and their curves.

Written through the klantreis services as the demo klantreiscoach (improvement points by the team member
who noted them), backdated with the clock of `wasstraat.demo.data` (offsets in working days from today).
Three demo trajectories run step 4:

- the omgevingsvergunning: five interviews (three residents, two entrepreneurs), shared insights, the
  current and the desired journey over five phases, improvement points from a moment of truth and from a
  pain point; the coach re-reads the interviews before the journey session (so the privacy log has
  entries) and completes step 4;
- the verhuizing, a simple process: existing customer feedback (KTO and complaints register) instead of
  interviews, with its reason and a small anonymous summary file; the journey is mapped, the trajectory
  paused before the step was completed;
- the bijstand: four interviews, the current journey and a first part of the desired journey; in progress.

Every text is pseudonymous: interviewees are "Inwoner A" or "Ondernemer 2", and no note, quote or pain
point holds a name, address, BSN, e-mail address or phone number (the services refuse those anyway).

Idempotent: a trajectory that already has a journey (or does not exist) is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from klantreis import alternatieven, privacy
from klantreis import services as reis
from klantreis.choices import AlternatiefSoort, Kanaal, Klanttype, Reis, Toestemming
from klantreis.models import Contactmoment, Fase, Interview, Klantreis
from trajecten import services
from trajecten.choices import Stap
from trajecten.models import Traject
from verbeterplan.services import verbeterpunt_vastleggen
from wasstraat.accounts.models import User


@dataclass(frozen=True)
class M:
    """A contact moment: title, channel, experience (−2 … +2), what the customer does and experiences,
    quotes, pain points, and whether it is a moment of truth."""

    titel: str
    kanaal: str
    beleving: int
    doet: str
    ervaart: str
    citaten: tuple[str, ...] = ()
    pijnpunten: tuple[str, ...] = ()
    waarheid: bool = False


@dataclass(frozen=True)
class F:
    """A phase with its metric and its contact moments in the current and the desired journey."""

    naam: str
    omschrijving: str
    metriek: str
    huidige_waarde: str
    streefwaarde: str
    huidig: tuple[M, ...] = ()
    gewenst: tuple[M, ...] = ()


@dataclass(frozen=True)
class Gesprek:
    """An interview held on working day `dag`; `gedeeld`: which key insights the coach shares with the
    journey (by position); `aanvulling`: a key insight added when the coach re-reads the notes."""

    dag: int
    klanttype: str
    pseudoniem: str
    toestemming: str
    notities: str
    kerninzichten: tuple[str, ...]
    gedeeld: tuple[int, ...] = ()
    aanvulling: str = ""

    @property
    def toestemming_dag(self) -> int:
        """Verbal consent is given at the start of the interview; written consent when it is planned."""
        return self.dag if self.toestemming == Toestemming.MONDELING else self.dag - 3


@dataclass(frozen=True)
class Feedback:
    """Existing customer feedback instead of own interviews, with a small anonymous summary file."""

    dag: int
    bron: str
    periode: str  # "{jaar}": the calendar year before the one it was recorded in
    samenvatting: str
    reden: str
    bijlage: tuple[str, str] | None = None  # file name, content


@dataclass(frozen=True)
class Punt:
    """An improvement point noted from a contact moment (its title) or from one of its pain points."""

    door: str
    titel: str
    omschrijving: str
    moment: str
    pijnpunt: str = ""


@dataclass(frozen=True)
class DemoReis:
    """A journey and the working days on which it was written."""

    persona: str
    omschrijving: str
    behoeften: str
    fasen: tuple[F, ...]
    start: int  # the persona
    huidig: int  # phases and the current journey
    gewenst: int  # the desired journey
    interviews: tuple[Gesprek, ...] = ()
    feedback: Feedback | None = None
    punten: tuple[Punt, ...] = ()
    punten_dag: int | None = None
    herlezen: int | None = None  # the coach re-reads every interview (the privacy log records it)
    afronden: int | None = None  # the coach completes step 4


W, E, T, B, P, BR = Kanaal.WEBSITE, Kanaal.EMAIL, Kanaal.TELEFOON, Kanaal.BALIE, Kanaal.POST, Kanaal.BRIEF
INWONER, ONDERNEMER, ORGANISATIE = Klanttype.INWONER, Klanttype.ONDERNEMER, Klanttype.ORGANISATIE
MONDELING, SCHRIFTELIJK, DIGITAAL = Toestemming.MONDELING, Toestemming.SCHRIFTELIJK, Toestemming.DIGITAAL

# --- the journeys -------------------------------------------------------------------------------
# Laid out by hand so the texts read as texts.
# fmt: off

OMGEVINGSVERGUNNING = DemoReis(
    "Particuliere aanvrager met een verbouwplan",
    """
    Huiseigenaar die een dakkapel, aanbouw of uitbouw wil laten bouwen en voor het eerst een
    omgevingsvergunning aanvraagt. Werkt meestal samen met een aannemer of bouwtekenaar, die de aanvraag
    vaak in het Omgevingsloket invult. Heeft een planning met de aannemer en weinig ervaring met regels en
    procedures.
    """,
    """
    - Vooraf weten of een vergunning nodig is en welke stukken erbij horen.
    - Weten hoe lang het duurt en waar de aanvraag staat.
    - Eén aanspreekpunt dat de aanvraag kent en meedenkt.
    - Een besluit in gewone taal: wat mag ik nu, en vanaf wanneer?
    """,
    start=-43, huidig=-29, gewenst=-25, punten_dag=-24, herlezen=-31, afronden=-22,
    interviews=(
        Gesprek(-41, INWONER, "Inwoner A", MONDELING, """
            Eigen woning, wilde een dakkapel aan de achterkant. Deed de vergunningcheck drie keer en kreeg
            wisselende uitkomsten; heeft de aannemer daarna de aanvraag laten indienen.

            Na de indiening vier weken niets gehoord. Belde twee keer met het KCC en kreeg steeds te horen
            dat er een terugbelverzoek werd uitgezet. De behandelaar belde na tien dagen terug en legde in
            een paar minuten uit wat er nog ontbrak: "Had ze dat maar meteen gedaan."

            Het besluit kwam per post; de voorwaarde over de kleur van de kozijnen stond op pagina negen.
            """, (
                "Na de indiening weten aanvragers niet wanneer ze iets horen; stilte leidt tot bellen.",
                "Een persoonlijk telefoontje van de behandelaar maakt een aanvulling begrijpelijk en voelt "
                "als service.",
                "De vergunningcheck geeft voor een eenvoudige dakkapel geen eenduidig antwoord.",
            ), gedeeld=(0, 1)),
        Gesprek(-39, INWONER, "Inwoner B", SCHRIFTELIJK, """
            Aanbouw aan de achterzijde van een rijtjeshuis. Na drie weken een brief met een verzoek om
            aanvulling: een constructieberekening ontbrak. Schrok van de zin over "buiten behandeling
            laten" en dacht dat de aanvraag was afgewezen.

            De aannemer moest de planning zes weken verschuiven; dat kostte geld en een nieuwe startdatum
            in het najaar. Had graag vooraf een lijst gehad van wat er voor een aanbouw nodig is.
            """, (
                "De brief over de aanvulling wordt gelezen als een afwijzing: de toon schrikt af.",
                "Vertraging in de vergunning kost aanvragers geld: de aannemer plant opnieuw.",
            ), gedeeld=(0,)),
        Gesprek(-37, ONDERNEMER, "Ondernemer 1", DIGITAAL, """
            Klein bouwbedrijf, dient voor klanten zo'n vijftien aanvragen per jaar in. Weet welke stukken
            nodig zijn, maar merkt dat de eisen aan tekeningen per behandelaar verschillen.

            Bij twijfel over het omgevingsplan zou een kort vooroverleg veel schelen; nu wordt er pas na
            de indiening gekeken. Wil per aanvraag één vast aanspreekpunt in plaats van het KCC.
            """, (
                "Ondernemers willen één vast aanspreekpunt per aanvraag.",
                "Eisen aan tekeningen verschillen per behandelaar; een vaste checklist voorkomt "
                "aanvullingen.",
            ), gedeeld=(0,)),
        Gesprek(-35, INWONER, "Inwoner C", MONDELING, """
            Oudere inwoner, uitbouw voor een slaapkamer beneden. Een familielid heeft de aanvraag in het
            Omgevingsloket ingevuld; zelf kan de inwoner daar niet mee overweg.

            Het besluit telde twaalf pagina's. Het was niet duidelijk of de bouw nu mocht beginnen en wat
            er nog gemeld moest worden; de aannemer heeft het uitgelegd. Over de startmelding hoorde de
            inwoner pas van de toezichthouder.
            """, (
                "Het besluit zegt niet in gewone taal wat de aanvrager nu mag en moet.",
                "Niet iedereen kan het Omgevingsloket zelf gebruiken; hulp bij het indienen ontbreekt.",
            )),
        Gesprek(-33, ONDERNEMER, "Ondernemer 2", SCHRIFTELIJK, """
            Bouwtekenaar die voor particulieren tekent en aanvraagt. De ontvangstbevestiging noemt geen
            termijn en geen behandelaar, dus klanten bellen de tekenaar, die het ook niet weet.

            Welstand vergadert eens per twee weken; wie net een vergadering mist, wacht langer. Dat is
            voor aanvragers onzichtbaar.
            """, (
                "Een ontvangstbevestiging zonder termijn en contactpersoon is voor professionals een gemiste "
                "kans.",
                "De wachttijd voor welstand is voor aanvragers onzichtbaar.",
            ), aanvulling="Vooroverleg werkt het best als dezelfde behandelaar daarna ook de aanvraag "
                          "behandelt."),
    ),
    fasen=(
        F("Oriënteren", "Uitzoeken of een vergunning nodig is en wat erbij moet.",
          "Aanvragers die vooraf weten welke stukken nodig zijn (KTO)", "45%", "85%",
          huidig=(
              M("Vergunningcheck in het Omgevingsloket", W, -1,
                "Doet de vergunningcheck en leest de pagina over dakkapellen op de gemeentelijke website.",
                "De vragen lijken niet over zijn situatie te gaan; na een half uur weet hij nog niet zeker "
                "of een vergunning nodig is.",
                ("Ik heb de check drie keer gedaan en kreeg drie keer een ander antwoord.",),
                ("De vergunningcheck geeft geen eenduidig antwoord voor veelvoorkomende verbouwingen.",)),
              M("Vraag stellen aan het KCC", T, 0,
                "Belt het algemene nummer van de gemeente met een vraag over de regels voor zijn perceel.",
                "Vriendelijk te woord gestaan, maar de medewerker kan de vraag niet beantwoorden en zet een "
                "terugbelverzoek uit.",
                ("Aardig, maar ik wist daarna niets meer dan ervoor.",),
                ("Het KCC kan vragen over het omgevingsplan niet zelf beantwoorden.",)),
          ),
          gewenst=(
              M("Checklist per soort bouwwerk", W, 1,
                "Kiest op de website zijn soort verbouwing en ziet in één overzicht of een vergunning nodig "
                "is en welke stukken erbij horen.",
                "Weet in vijf minuten waar hij aan toe is."),
              M("Vooroverleg met een vergunningverlener", T, 2,
                "Plant bij twijfel een kort vooroverleg met de vergunningverlener die ook de aanvraag gaat "
                "behandelen.",
                "Voelt zich geholpen: er wordt meegedacht voordat er iets is ingediend.",
                waarheid=True),
          )),
        F("Aanvragen", "De aanvraag indienen in het Omgevingsloket.",
          "Aanvragen die bij binnenkomst volledig zijn", "60%", "80%",
          huidig=(
              M("Aanvraag indienen in het Omgevingsloket", W, -1,
                "Vult samen met de aannemer het formulier in en uploadt tekeningen en foto's.",
                "Veel vragen lijken niet op hem van toepassing; twijfelt welke bijlagen nodig zijn.",
                ("Het formulier is gemaakt voor architecten, niet voor mij.",),
                ("Het is onduidelijk welke vragen en bijlagen nodig zijn voor een eenvoudige verbouwing.",)),
              M("Automatische ontvangstbevestiging", E, -1,
                "Ontvangt een e-mail met een zaaknummer.",
                "Geen termijn en geen naam van een behandelaar: hij weet niet wat er nu gaat gebeuren.",
                ("Een nummer en verder niets. Ik wist niet eens wie mijn aanvraag had.",),
                ("De ontvangstbevestiging noemt geen beslistermijn en geen contactpersoon.",)),
          ),
          gewenst=(
              M("Aanvraag indienen met de checklist erbij", W, 1,
                "Dient de aanvraag in met de stukken uit de checklist.",
                "Weet zeker dat de aanvraag compleet is."),
              M("Ontvangstbevestiging met termijn en behandelaar", E, 1,
                "Ontvangt een bevestiging met de uiterste beslisdatum, de naam van de behandelaar en wat er "
                "de komende weken gebeurt.",
                "Weet waar hij aan toe is en wie hij kan bellen."),
          )),
        F("Wachten en aanvullen", "De tijd tussen indienen en besluit, met eventuele aanvullingen.",
          "Statusvragen bij het KCC per aanvraag", "2,4", "1,2",
          huidig=(
              M("Zelf bellen over de stand van zaken", T, -2,
                "Belt het KCC omdat hij na weken nog niets heeft gehoord.",
                "Het KCC ziet de stand van de aanvraag niet; de behandelaar belt soms pas dagen later terug.",
                ("Ik hoorde vier weken niets en wist niet of ik moest bellen.",),
                ("Het KCC kan de stand van een aanvraag niet inzien.",
                 "Aanvragers horen na de indiening weken niets.")),
              M("Brief met verzoek om aanvulling", BR, -2,
                "Krijgt na drie weken een brief dat er stukken ontbreken en dat de termijn is opgeschort.",
                "Schrikt van de juridische taal; de planning met de aannemer komt in gevaar.",
                ("Ik dacht eerst dat mijn aanvraag was afgewezen.",),
                ("De brief over de aanvulling is juridisch geformuleerd en komt pas na drie weken.",),
                waarheid=True),
              M("Telefoontje van de behandelaar", T, 1,
                "Wordt soms door de behandelaar zelf gebeld, die de aanvulling toelicht.",
                "Opgelucht: in een paar minuten is duidelijk wat er nog nodig is.",
                ("Toen ze belde, snapte ik in vijf minuten wat er nog moest gebeuren.",),
                waarheid=True),
          ),
          gewenst=(
              M("Belmoment met de behandelaar binnen vijf werkdagen", T, 2,
                "Wordt binnen vijf werkdagen na de indiening gebeld door de behandelaar: uitleg over de "
                "procedure en, als het nodig is, over de aanvulling.",
                "Voelt zich persoonlijk geholpen, ook als er nog iets moet worden aangevuld.",
                waarheid=True),
              M("Stand van de aanvraag online volgen", W, 1,
                "Ziet in het Omgevingsloket en op de website in welke fase de aanvraag is.",
                "Hoeft niet te bellen om te weten waar de aanvraag staat."),
          )),
        F("Besluit ontvangen", "Het besluit lezen en begrijpen wat er nu mag.",
          "Besluiten binnen de wettelijke termijn", "71%", "95%",
          huidig=(
              M("Besluit per post", P, 0,
                "Ontvangt het besluit per post, ruim zeven weken na de aanvraag.",
                "Blij met de vergunning, maar de brief telt twaalf pagina's en de voorwaarden staan "
                "achterin.",
                ("Mag ik nu beginnen of niet? Dat moest ik aan de aannemer vragen.",),
                ("Het besluit vermeldt niet in gewone taal wat de aanvrager nu mag en moet.",)),
          ),
          gewenst=(
              M("Besluit digitaal met een samenvatting op één pagina", E, 2,
                "Ontvangt het besluit digitaal, met bovenaan een samenvatting: wat mag, onder welke "
                "voorwaarden en vanaf wanneer.",
                "Weet meteen waar hij aan toe is en kan de aannemer inplannen."),
          )),
        F("Bouwen en gereedmelden", "Na het besluit: start en einde van de bouw melden.",
          "Startmeldingen die op tijd binnenkomen", "55%", "90%",
          huidig=(
              M("Startmelding doorgeven", E, -1,
                "Hoort van de toezichthouder dat de start van de bouw gemeld had moeten worden.",
                "Voelt zich betrapt op iets wat hij niet wist.",
                ("Niemand had me verteld dat ik dat moest melden.",),
                ("Aanvragers weten niet dat ze de start van de bouw moeten melden.",)),
          ),
          gewenst=(
              M("Herinnering voor de start- en gereedmelding", E, 1,
                "Krijgt met het besluit en een week voor de geplande start een herinnering met een link "
                "naar het meldformulier.",
                "Regelt de melding in twee minuten."),
          )),
    ),
    punten=(
        Punt("klantreiscoach", "Aanvulling eerst telefonisch toelichten, daarna de brief in gewone taal", """
            De brief met het verzoek om aanvulling is een moment van waarheid: aanvragers lezen hem als een
            afwijzing. Voorstel: de behandelaar belt eerst en licht toe wat er ontbreekt; de brief volgt als
            bevestiging, in begrijpelijke taal (B1) en zonder dreigende formulering.
            """, "Brief met verzoek om aanvulling"),
        Punt("communicatie", "Samenvatting in gewone taal bovenaan het besluit", """
            Aanvragers begrijpen niet wat ze na het besluit mogen en moeten. Een samenvatting op de eerste
            pagina (wat mag, welke voorwaarden, vanaf wanneer, wat moet u nog melden) lost dat op.
            """, "Besluit per post",
            "Het besluit vermeldt niet in gewone taal wat de aanvrager nu mag en moet."),
    ),
)

VERHUIZING = DemoReis(
    "Inwoner die verhuist, alleen of met huisgenoten",
    """
    Inwoner die binnen Voorbeeldstad verhuist of zich vanuit een andere gemeente vestigt. De meesten
    geven de verhuizing online door met DigiD; lastiger wordt het bij inwoning (bij iemand intrekken),
    bij een verhuizing met huisgenoten en bij een adres waar al anderen staan ingeschreven.
    """,
    """
    - De verhuizing in één keer doorgeven, op een moment dat het uitkomt.
    - Zeker weten dat de verhuizing verwerkt is, en per welke datum.
    - Geen papieren verklaringen of kopieën hoeven te regelen bij inwoning.
    - Weten wat er verder automatisch geregeld is (belastingen, afvalpas, parkeervergunning).
    """,
    start=-78, huidig=-70, gewenst=-62, punten_dag=-60,
    feedback=Feedback(
        -76,
        "Doorlopend klanttevredenheidsonderzoek (KTO) na de online melding en het klachtenregister van "
        "Burgerzaken",
        "januari tot en met december {jaar}",
        """
        KTO: 1.240 reacties, gemiddeld rapportcijfer 7,4 voor de online melding. Wie werd teruggebeld of
        stukken moest nasturen, geeft gemiddeld een 5,8.

        Meest genoemd in de open antwoorden en in de 41 klachten:
        - De toestemming van de hoofdbewoner bij inwoning: een papieren verklaring met een kopie van het
          identiteitsbewijs, per post of aan de balie.
        - Geen bericht dat de verhuizing is verwerkt; inwoners bellen om het na te vragen.
        - Terugbelverzoeken onder werktijd zijn slecht bereikbaar.
        - Het formulier vraagt niet vooraf naar de situatie van de inwoner.

        Positief: het online formulier met DigiD is snel en duidelijk voor wie alleen verhuist.
        """,
        """
        Verhuizing doorgeven is een eenvoudig standaardproduct met veel gebruikers, en over dit product
        is al veel recente feedback: het doorlopende KTO na elke online melding en het klachtenregister.
        Eigen interviews zouden weinig nieuws opleveren. De feedback is door het KCC geanonimiseerd
        aangeleverd en met de privacy officer doorgenomen.
        """,
        ("kto-verhuizing-samenvatting.csv",
         "kwartaal;reacties;rapportcijfer;na terugbellen;klachten\n"
         "Q1;296;7,3;5,6;12\nQ2;318;7,5;5,9;9\nQ3;301;7,4;5,7;11\nQ4;325;7,4;6,0;9\n"),
    ),
    fasen=(
        F("Oriënteren", "Uitzoeken wat er bij een verhuizing geregeld moet worden.",
          "Verhuizingen die uiterlijk vijf dagen na de verhuisdatum zijn doorgegeven", "78%", "90%",
          huidig=(
              M("Informatie over verhuizen op de website", W, 0,
                "Zoekt op de website wat er nodig is om de verhuizing door te geven.",
                "Duidelijk voor wie alleen verhuist; over inwoning en huisgenoten staat er weinig.",
                ("Voor mijn situatie stond er niets, dus ik ben maar gewoon begonnen.",),
                ("De website legt niet uit wat er nodig is bij inwoning of bij verhuizen met huisgenoten.",)),
          ),
          gewenst=(
              M("Keuzehulp: welke situatie past bij u?", W, 1,
                "Beantwoordt drie vragen en ziet wat er voor zijn situatie nodig is.",
                "Weet vooraf of de hoofdbewoner toestemming moet geven en dat dat digitaal kan."),
          )),
        F("Doorgeven", "De verhuizing doorgeven, met toestemming van de hoofdbewoner bij inwoning.",
          "Meldingen zonder terugbellen of aanvullende stukken", "75%", "90%",
          huidig=(
              M("Verhuizing online doorgeven met DigiD", W, 1,
                "Vult het online formulier in met DigiD.",
                "Snel en duidelijk als er niemand anders op het nieuwe adres staat ingeschreven.",
                ("Binnen vijf minuten geregeld, prima.",)),
              M("Toestemming van de hoofdbewoner regelen", P, -2,
                "Laat de hoofdbewoner een verklaring tekenen en stuurt die met een kopie van diens "
                "identiteitsbewijs op, of brengt die naar de balie.",
                "Omslachtig en ongemakkelijk; de melding ligt stil tot de post binnen is.",
                ("Ik moest mijn huisbaas om een kopie van zijn paspoort vragen. Dat voelde niet goed.",),
                ("Bij inwoning is een papieren verklaring met een kopie van het identiteitsbewijs van de "
                 "hoofdbewoner nodig.",
                 "De melding ligt stil totdat de verklaring per post binnen is."),
                waarheid=True),
          ),
          gewenst=(
              M("Verhuizing en toestemming in één keer online", W, 2,
                "Geeft de verhuizing online door; de hoofdbewoner krijgt een bericht en geeft met DigiD "
                "toestemming.",
                "Alles digitaal geregeld, zonder kopieën en zonder op de post te wachten.",
                waarheid=True),
          )),
        F("Wachten op verwerking", "De tijd tot de verhuizing in de BRP staat.",
          "Werkdagen tot verwerking in de BRP", "4", "0 (direct)",
          huidig=(
              M("Terugbelverzoek van Burgerzaken", T, -1,
                "Wordt onder werktijd gebeld met vragen over de melding.",
                "Mist het telefoontje en moet zelf terugbellen, zonder te weten wat er mis is.",
                ("Ik werd drie keer gebeld terwijl ik aan het werk was.",),
                ("Terugbelverzoeken onder werktijd zijn voor werkende inwoners slecht bereikbaar.",)),
              M("Zelf navragen of de verhuizing verwerkt is", T, -1,
                "Belt het KCC om na te vragen of de verhuizing al verwerkt is.",
                "Onzeker: de online melding gaf alleen een ontvangstbevestiging.",
                pijnpunten=("Inwoners krijgen geen bericht als de verhuizing is verwerkt.",)),
          )),
        F("Bevestiging ontvangen", "Weten dat alles geregeld is.",
          "Inwoners die een bevestiging van de verwerking krijgen", "35%", "100%",
          huidig=(
              M("Bevestigingsbrief na inschrijving", BR, 0,
                "Ontvangt na een week of twee een brief op het nieuwe adres.",
                "Fijn om te weten dat het geregeld is, maar de brief komt laat en alleen bij vestiging "
                "vanuit een andere gemeente."),
          ),
          gewenst=(
              M("Bevestiging per e-mail met wat er verder geregeld is", E, 2,
                "Krijgt direct na de verwerking een bericht met de inschrijfdatum en wat er automatisch is "
                "doorgegeven.",
                "Zekerheid: de verhuizing is verwerkt, ook voor de afvalpas en de belastingen."),
          )),
    ),
    punten=(
        Punt("privacy", "Geen kopie identiteitsbewijs meer vragen bij inwoning", """
            Voor de toestemming van de hoofdbewoner is een kopie van het identiteitsbewijs niet nodig: de
            identiteit is met DigiD vast te stellen. Kopieën opvragen en bewaren is een onnodig risico
            (dataminimalisatie, AVG).
            """, "Toestemming van de hoofdbewoner regelen"),
        Punt("medewerker2", "Bericht aan de inwoner zodra de verhuizing is verwerkt", """
            Inwoners bellen om na te vragen of hun verhuizing verwerkt is. Een automatisch bericht met de
            inschrijfdatum voorkomt die vragen.
            """, "Zelf navragen of de verhuizing verwerkt is",
            "Inwoners krijgen geen bericht als de verhuizing is verwerkt."),
    ),
)

BIJSTAND = DemoReis(
    "Inwoner die plotseling zonder inkomen valt",
    """
    Inwoner die door ontslag, het einde van een WW-uitkering of een scheiding geen inkomen meer heeft en
    voor het eerst bijstand aanvraagt. Vaak zijn er al betalingsachterstanden en is er zorg over de huur
    en de vaste lasten. Jongeren tot 27 jaar hebben eerst een zoekperiode van vier weken.
    """,
    """
    - Snel zekerheid over inkomen, of over een voorschot.
    - Eén contactpersoon die de hele situatie kent.
    - Geen stukken aanleveren die de gemeente al heeft of zelf kan opvragen.
    - Hulp bij schulden, zonder opnieuw bij een ander loket te beginnen.
    """,
    start=-57, huidig=-44, gewenst=-30,
    interviews=(
        Gesprek(-55, INWONER, "Inwoner A", MONDELING, """
            Vijftiger, na ontslag en het einde van de WW. Startte de aanvraag online en kreeg daarna een
            lijst met twaalf soorten bewijsstukken. Heeft drie keer stukken nagestuurd; na elke zending
            duurde het een week voordat duidelijk was wat nog ontbrak.

            Het intakegesprek kwam na vijf weken. Het gesprek zelf was prettig: de klantmanager dacht mee
            over de huurachterstand en legde uit wat er ging gebeuren.
            """, (
                "De lijst met bewijsstukken is de zwaarste stap: aanvragers leveren in delen aan en raken "
                "het overzicht kwijt.",
                "Het intakegesprek is het moment van waarheid: daar voelt de aanvrager zich voor het eerst "
                "gehoord.",
                "Een deel van de stukken heeft de gemeente zelf al (BRP, Suwinet).",
            ), gedeeld=(1,)),
        Gesprek(-53, INWONER, "Inwoner B", DIGITAAL, """
            Jongere, begin twintig, kwam binnen via het Jongerenloket. Kreeg een brief over de zoekperiode
            van vier weken en hoorde daarna niets. Was halverwege bijna gestopt: geen geld voor de huur en
            niemand om te vragen wat er zou gebeuren.

            Wist niet dat een voorschot mogelijk was; hoorde het pas van een vriend.
            """, (
                "Jongeren haken af tijdens de zoekperiode als er halverwege geen contact is.",
                "Aanvragers weten niet dat een voorschot mogelijk is.",
            ), gedeeld=(0,)),
        Gesprek(-50, ORGANISATIE, "Organisatie 1", SCHRIFTELIJK, """
            Schuldhulpverlener van een maatschappelijke organisatie, begeleidt cliënten bij de aanvraag.
            Ziet dat schulden oplopen tijdens de wachttijd en dat voorschotten laat worden aangevraagd.

            Doorverwijzen van de gemeente naar schuldhulp gaat via een nieuwe aanmelding door de cliënt
            zelf; een deel van de cliënten komt daar nooit aan.
            """, (
                "Tijdens de wachttijd lopen schulden op; een snel besluit voorkomt schuldhulptrajecten.",
                "Doorverwijzen naar schuldhulp gebeurt niet warm: de aanvrager moet zich opnieuw aanmelden.",
            ), gedeeld=(1,)),
        Gesprek(-47, INWONER, "Inwoner C", MONDELING, """
            Na een scheiding alleen met twee kinderen. Heeft tot het besluit met drie verschillende
            medewerkers gesproken en moest het verhaal steeds opnieuw doen.

            De beschikking kwam per post, met veel bedragen; het was niet duidelijk wanneer de eerste
            betaling zou komen.
            """, (
                "Aanvragers spreken met drie of meer medewerkers en moeten hun verhaal steeds opnieuw doen.",
                "De beschikking is onbegrijpelijk: aanvragers willen weten hoeveel en wanneer.",
            )),
    ),
    fasen=(
        F("Melden", "De aanvraag starten; jongeren beginnen met een zoekperiode van vier weken.",
          "Werkdagen van de melding tot het eerste gesprek", "15", "5",
          huidig=(
              M("Aanvraag starten op de website", W, -1,
                "Zoekt op de website hoe bijstand aanvragen werkt en start de aanvraag met DigiD.",
                "Veel tekst over voorwaarden; niet duidelijk hoe lang het duurt en of er intussen geld komt.",
                ("Ik wilde alleen weten: krijg ik vóór de eerste van de maand iets?",),
                ("De website zegt niet hoe lang de aanvraag duurt en dat een voorschot mogelijk is.",)),
              M("Zoekperiode van vier weken (jongeren)", BR, -2,
                "Krijgt een brief met de opdracht vier weken werk of een opleiding te zoeken, en hoort "
                "daarna niets meer.",
                "Voelt zich aan het lijntje gehouden: zonder inkomen en zonder contactpersoon.",
                ("Vier weken lang hoorde ik niemand, terwijl de huur gewoon doorliep.",),
                ("Tijdens de zoekperiode is er geen contact met de gemeente.",),
                waarheid=True),
          ),
          gewenst=(
              M("Gesprek halverwege de zoekperiode", T, 1,
                "Wordt na twee weken gebeld door een vaste consulent: hoe gaat het zoeken, is er geld "
                "voor de huur?",
                "Voelt zich gezien en weet wat er na de zoekperiode gebeurt."),
          )),
        F("Bewijsstukken aanleveren", "De stukken verzamelen en aanleveren die de gemeente vraagt.",
          "Keren dat een aanvrager stukken aanlevert", "2,6", "1",
          huidig=(
              M("Lijst met bewijsstukken ontvangen", E, -2,
                "Krijgt een e-mail met een lijst van twaalf soorten bewijsstukken.",
                "Overweldigd: een deel van de stukken is lastig te krijgen, en het is niet duidelijk "
                "waarom ze allemaal nodig zijn.",
                ("Het voelde alsof ik moest bewijzen dat ik niet loog.",),
                ("De lijst vraagt ook stukken die de gemeente zelf kan raadplegen (BRP, Suwinet).",)),
              M("Stukken afgeven aan de balie", B, -1,
                "Brengt de stukken in delen naar de balie of stuurt ze per post.",
                "Hoort pas na een week wat er nog ontbreekt, en begint dan opnieuw.",
                pijnpunten=("Na elke zending wordt het dossier opnieuw bekeken; de aanvrager hoort niet "
                            "meteen wat nog ontbreekt.",)),
          ),
          gewenst=(
              M("Alleen ontbrekende stukken online aanleveren", W, 1,
                "Ziet online welke gegevens de gemeente al heeft en levert alleen de rest aan.",
                "Begrijpt waarom elk stuk nodig is en is in één keer klaar."),
          )),
        F("Intakegesprek", "Het gesprek met de klantmanager over inkomen, werk en schulden.",
          "Aanvragers die zich in het gesprek gehoord voelen (KTO)", "72%", "90%",
          huidig=(
              M("Intakegesprek met de klantmanager", B, 1,
                "Heeft na gemiddeld vijf weken een gesprek op het stadskantoor over inkomen, werk en "
                "eventuele schulden.",
                "Voelt zich voor het eerst gehoord; de klantmanager denkt mee. Maar het gesprek komt laat.",
                ("Eindelijk iemand die naar mijn hele verhaal luisterde.",),
                waarheid=True),
          ),
          gewenst=(
              M("Gesprek binnen vijf werkdagen, ook als nog niet alle stukken er zijn", B, 2,
                "Heeft binnen vijf werkdagen een gesprek met de vaste klantmanager, op het stadskantoor of "
                "thuis.",
                "Weet vroeg waar hij aan toe is en wie hem helpt, ook bij schulden.",
                waarheid=True),
          )),
        F("Wachten op het besluit", "De tijd na het gesprek tot het besluit.",
          "Aanvragers die een voorschot nodig hebben", "34%", "15%",
          huidig=(
              M("Voorschot aanvragen", T, -2,
                "Belt het KCC om te vragen of er geld kan komen voor de huur.",
                "Moet uitleggen waarom het nodig is en wacht daarna nog een week op het voorschot.",
                ("Ik heb drie keer moeten bellen voor een voorschot.",),
                ("Aanvragers horen pas laat dat een voorschot mogelijk is.",)),
              M("Bellen over de stand van de aanvraag", T, -1,
                "Belt om te vragen hoe het met de aanvraag staat.",
                "Het KCC kan alleen zeggen dat de aanvraag in behandeling is."),
          )),
        F("Besluit ontvangen", "De beschikking lezen: hoeveel, vanaf wanneer, en welke plichten.",
          "Weken van aanvraag tot besluit", "6,5", "4",
          huidig=(
              M("Beschikking per post", P, -1,
                "Ontvangt de beschikking per post, na gemiddeld zes en een halve week.",
                "Opgelucht dat het er is, maar de brief staat vol bedragen en artikelen.",
                ("Ik heb de brief drie keer gelezen en wist nog niet wanneer het geld kwam.",),
                ("De beschikking zegt niet in gewone taal hoeveel en wanneer er wordt betaald.",)),
          )),
    ),
)

# fmt: on

#: The demo trajectories (by title, see `wasstraat.demo.data.TRAJECTEN`) and their journeys.
KLANTREIZEN: dict[str, DemoReis] = {
    "Omgevingsvergunning: sneller en voorspelbaar besluiten": OMGEVINGSVERGUNNING,
    "Verhuizing doorgeven: in één keer goed": VERHUIZING,
    "Bijstandsuitkering: sneller zekerheid over inkomen": BIJSTAND,
}


def klantreizen_maken(gebruikers: dict[str, User]) -> list[str]:
    """Give the demo trajectories in step 4 their journeys; returns the titles of those that got one."""
    gedaan = []
    for titel, demo in KLANTREIZEN.items():
        traject = Traject.objects.filter(titel=titel).first()
        if traject is None or Klantreis.objects.filter(traject=traject).exists():
            continue
        with transaction.atomic():
            _Reis(traject, demo, gebruikers).schrijven()
        gedaan.append(titel)
    return gedaan


class _Reis:
    """Writes one demo journey through the services, in the order it happened."""

    def __init__(self, traject: Traject, demo: DemoReis, g: dict[str, User]) -> None:
        self.traject, self.demo, self.g = traject, demo, g
        self.coach = g["klantreiscoach"]
        self.momenten: dict[str, Contactmoment] = {}

    def schrijven(self) -> None:
        from .data import _op, _tekst  # the demo's clock; data.py imports this module

        demo = self.demo
        with _op(demo.start, 10):
            reis.klantreis_opslaan(
                traject=self.traject,
                door=self.coach,
                persona_naam=demo.persona,
                persona_omschrijving=_tekst(demo.omschrijving),
                persona_behoeften=_tekst(demo.behoeften),
            )
        if demo.feedback:
            self.feedback(demo.feedback)
        interviews = [self.interview(interview) for interview in demo.interviews]
        if demo.herlezen is not None:
            with _op(demo.herlezen, 14):
                self.herlezen(interviews)
        with _op(demo.huidig, 14):
            fasen = [self.fase(fase) for fase in demo.fasen]
            for fase, demofase in zip(fasen, demo.fasen, strict=True):
                self.contactmomenten(fase, demofase.huidig, Reis.HUIDIG)
        with _op(demo.gewenst, 11):
            for fase, demofase in zip(fasen, demo.fasen, strict=True):
                self.contactmomenten(fase, demofase.gewenst, Reis.GEWENST)
        if demo.punten:
            with _op(demo.punten_dag, 15):
                for punt in demo.punten:
                    self.verbeterpunt(punt)
        if demo.afronden is not None:
            with _op(demo.afronden, 16):
                services.stap_afronden(traject=self.traject, stap=Stap.S4, door=self.coach)

    def interview(self, demo: Gesprek) -> Interview:
        """Held in the morning and recorded in the afternoon; insights shared at the end of the day."""
        from .data import _moment, _op, _tekst

        with _op(demo.dag, 15):
            interview = privacy.interview_aanmaken(
                traject=self.traject,
                door=self.coach,
                datum=_moment(demo.dag).date(),
                klanttype=demo.klanttype,
                pseudoniem=demo.pseudoniem,
                toestemming_wijze=demo.toestemming,
                toestemming_op=_moment(demo.toestemming_dag).date(),
                notities=_tekst(demo.notities),
                kerninzichten="\n".join(demo.kerninzichten),
            )
        with _op(demo.dag, 17):
            for nummer in demo.gedeeld:
                privacy.inzicht_delen(interview=interview, door=self.coach, tekst=demo.kerninzichten[nummer])
        return interview

    def herlezen(self, interviews: list[Interview]) -> None:
        """Before the journey session the coach reads every interview again and adds an insight to one."""
        for interview, demo in zip(interviews, self.demo.interviews, strict=True):
            privacy.interview_bekijken(interview=interview, door=self.coach, bewerken=bool(demo.aanvulling))
            if demo.aanvulling:
                privacy.interview_wijzigen(
                    interview=interview,
                    door=self.coach,
                    kerninzichten="\n".join((*demo.kerninzichten, demo.aanvulling)),
                )

    def feedback(self, demo: Feedback) -> None:
        from .data import _moment, _op, _tekst

        with _op(demo.dag, 11):
            alternatief = alternatieven.alternatief_toevoegen(
                traject=self.traject,
                door=self.coach,
                soort=AlternatiefSoort.FEEDBACK,
                reden=_tekst(demo.reden),
                bron=demo.bron,
                periode=demo.periode.format(jaar=_moment(demo.dag).year - 1),
                samenvatting=_tekst(demo.samenvatting),
            )
            if demo.bijlage:
                naam, inhoud = demo.bijlage
                alternatieven.bijlage_toevoegen(
                    alternatief=alternatief,
                    door=self.coach,
                    bestand=SimpleUploadedFile(naam, inhoud.encode(), content_type="text/csv"),
                )

    def fase(self, demo: F) -> Fase:
        return reis.fase_toevoegen(
            traject=self.traject,
            door=self.coach,
            naam=demo.naam,
            omschrijving=demo.omschrijving,
            metriek=demo.metriek,
            huidige_waarde=demo.huidige_waarde,
            streefwaarde=demo.streefwaarde,
        )

    def contactmomenten(self, fase: Fase, momenten: tuple[M, ...], soort: Reis) -> None:
        for demo in momenten:
            moment = reis.contactmoment_toevoegen(
                traject=self.traject,
                door=self.coach,
                fase=fase,
                reis=soort,
                titel=demo.titel,
                kanaal=demo.kanaal,
                klant_doet=demo.doet,
                klant_ervaart=demo.ervaart,
                beleving=demo.beleving,
                citaten="\n".join(demo.citaten),
                moment_van_waarheid=demo.waarheid,
            )
            for tekst in demo.pijnpunten:
                reis.pijnpunt_toevoegen(contactmoment=moment, door=self.coach, omschrijving=tekst)
            self.momenten[demo.titel] = moment

    def verbeterpunt(self, punt: Punt) -> None:
        """From the contact moment itself, or from the pain point with that text."""
        from .data import _tekst

        moment = self.momenten[punt.moment]
        pijnpunt = moment.pijnpunten.get(omschrijving=punt.pijnpunt) if punt.pijnpunt else None
        verbeterpunt_vastleggen(
            traject=self.traject,
            door=self.g[punt.door],
            titel=punt.titel,
            omschrijving=_tekst(punt.omschrijving),
            contactmoment=None if pijnpunt else moment,
            pijnpunt=pijnpunt,
        )
