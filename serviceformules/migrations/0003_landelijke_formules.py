"""Seed the catalogue with the national serviceformules (VNG) as editable starting points.

Five formules, each tied to a role the customer has towards the municipality: the Flitsformule and
the Wegwijsformule for the *klant*, the Beheerformule for the *burger* (co-owner of the public space),
the Ontwikkelformule for the *partner* and the Toezichtformule for the *onderdaan*. Per P a promise to
the resident (zekerheid) and an internal agreement, written as a starting point for the
municipality's own wording.

Idempotent: a formule whose name already exists is left exactly as it is (the municipality may have
edited it), so running this again or after a restore changes nothing. Reversing removes nothing:
by then trajectories may have been assessed against these formules.
"""

from django.db import migrations

# The P values of serviceformules.choices.P, written out: a migration must not change with the code.
PRODUCT, PRIJS, PLAATS, PERSONEEL, PROCES, PROMOTIE = (
    "product",
    "prijs",
    "plaats",
    "personeel",
    "proces",
    "promotie",
)

LANDELIJKE_FORMULES = [
    {
        "naam": "Flitsformule",
        "omschrijving": (
            "Voor standaardproducten die de klant zelf wil regelen: eenvoudig en snel, op een moment "
            "dat het hem uitkomt. Bijvoorbeeld het verlengen van een rijbewijs, een uittreksel uit de "
            "BRP of een vergunning voor een straatfeest."
        ),
        "klantrol": "Klant die een standaardproduct zelf regelt",
        "kernwaarden": "Eenvoudig\nSnel\nStandaard\nDirect duidelijk",
        "ps": {
            PRODUCT: (
                "U krijgt een standaardproduct: wat u aanvraagt, is precies wat u krijgt.",
                "Het product blijft standaard: geen maatwerk en geen eigen voorwaarden bovenop de wet. "
                "Een vraag die niet in de standaard past, gaat naar de Wegwijsformule.",
            ),
            PRIJS: (
                "U weet vooraf precies wat het kost en betaalt direct bij de aanvraag.",
                "De tarieven staan vast in de legesverordening en op de website; er komen geen kosten "
                "achteraf bij. Digitaal betalen is altijd mogelijk.",
            ),
            PLAATS: (
                "U regelt het online wanneer het u uitkomt. Moet u toch langskomen, dan is dat één keer, "
                "op afspraak en zonder wachten.",
                "Het digitale kanaal is het hoofdkanaal. De balie is er alleen waar de wet persoonlijk "
                "verschijnen vraagt, en werkt op afspraak.",
            ),
            PERSONEEL: (
                "Wie u helpt, regelt uw aanvraag in één keer.",
                "Medewerkers in de frontoffice mogen standaardaanvragen zelf afhandelen en beslissen; "
                "ze verwijzen niet door.",
            ),
            PROCES: (
                "U heeft het resultaat direct, of uiterlijk binnen twee werkdagen.",
                "Geen overdrachten of tussenstappen; controles zijn zoveel mogelijk geautomatiseerd. "
                "De doorlooptijd wordt gemeten en maandelijks besproken.",
            ),
            PROMOTIE: (
                "Op één pagina ziet u wat u nodig heeft, wat het kost en hoe lang het duurt.",
                "Per product één actuele pagina op de website in eenvoudige taal (B1), onderhouden door "
                "de producteigenaar.",
            ),
        },
    },
    {
        "naam": "Wegwijsformule",
        "omschrijving": (
            "Voor complexe vragen waarbij meerdere producten en afdelingen horen: de gemeente denkt "
            "mee en geeft advies op maat van de persoon. Bijvoorbeeld een zorgvraag in het sociaal "
            "domein of een ondernemer die een restaurant wil beginnen."
        ),
        "klantrol": "Klant met een samengestelde vraag die advies op maat nodig heeft",
        "kernwaarden": "Persoonlijk\nMeedenken\nSamenhang\nEén aanspreekpunt",
        "ps": {
            PRODUCT: (
                "U krijgt een oplossing die past bij uw situatie, ook als daar meerdere producten of "
                "afdelingen voor nodig zijn.",
                "We kijken naar de hele vraag, niet naar losse producten. Welke producten samen nodig "
                "zijn, stemmen we intern af; niet de klant.",
            ),
            PRIJS: (
                "U weet vooraf welke kosten u kunt verwachten, in één overzicht.",
                "De contactpersoon geeft vooraf een inschatting van alle kosten samen en houdt die bij "
                "als de vraag verandert.",
            ),
            PLAATS: (
                "We spreken elkaar waar het u past: op het gemeentehuis, bij u thuis, op uw bedrijf of "
                "online.",
                "Het gesprek vindt plaats op de plek die de klant kiest; een keukentafelgesprek of een "
                "bezoek aan de onderneming is een gewone mogelijkheid.",
            ),
            PERSONEEL: (
                "U heeft één vaste contactpersoon die met u meedenkt en binnen de gemeente de weg voor "
                "u vindt.",
                "De contactpersoon mag collega's van andere afdelingen inschakelen en houdt de regie tot "
                "de vraag is opgelost.",
            ),
            PROCES: (
                "Samen maken we één plan met duidelijke afspraken over wat er gebeurt en wanneer.",
                "Afdelingen werken vanuit één dossier en één plan. Een overdracht gaat warm, van "
                "collega naar collega, nooit via de klant.",
            ),
            PROMOTIE: (
                "U weet waar u met uw vraag terechtkunt en krijgt advies dat over uw situatie gaat.",
                "De ingang (loket, telefoonnummer, ondernemersloket) is bekend bij inwoners, ondernemers "
                "en ketenpartners; informatie sluit aan op de situatie van de klant.",
            ),
        },
    },
    {
        "naam": "Beheerformule",
        "omschrijving": (
            "Voor de inwoner als mede-eigenaar van de openbare ruimte: meldingen over bijvoorbeeld een "
            "losliggende stoeptegel, een kapotte lantaarnpaal of zwerfvuil worden verholpen en de "
            "melder hoort wat er mee gedaan is."
        ),
        "klantrol": "Burger: inwoner als mede-eigenaar van de openbare ruimte",
        "kernwaarden": "Betrokken\nZichtbaar resultaat\nTerugkoppeling\nBetrouwbaar",
        "ps": {
            PRODUCT: (
                "Uw melding over de openbare ruimte wordt opgepakt en opgelost.",
                "Elke melding heeft een eigenaar. Lossen we iets niet op, dan leggen we uit waarom.",
            ),
            PRIJS: (
                "Een melding doen kost u niets.",
                "Herstel na een melding komt uit het beheerbudget; de melder betaalt nooit.",
            ),
            PLAATS: (
                "U meldt het waar u het ziet: met de app, via de website of telefonisch.",
                "Alle kanalen komen uit in één meldingensysteem; de buitendienst ziet de meldingen onderweg.",
            ),
            PERSONEEL: (
                "Onze medewerkers kennen uw wijk en nemen uw melding serieus.",
                "Wijkteams zijn zichtbaar en aanspreekbaar; de buitendienst mag kleine reparaties direct "
                "uitvoeren zonder opdracht vooraf.",
            ),
            PROCES: (
                "U hoort binnen een vaste termijn wat er met uw melding is gebeurd.",
                "Terugkoppeling bij afhandeling is standaard, met een foto waar dat kan. De termijn per "
                "soort melding wordt bewaakt.",
            ),
            PROMOTIE: (
                "U ziet wat er met meldingen in uw buurt gebeurt.",
                "De status van meldingen staat in de app en op de website; in de wijkberichten vertellen "
                "we wat er is verbeterd.",
            ),
        },
    },
    {
        "naam": "Ontwikkelformule",
        "omschrijving": (
            "Voor initiatieven en gebiedsontwikkeling samen met inwoners, ondernemers en organisaties: "
            "de gemeente als partner die ruimte geeft aan participatie en eigen initiatief."
        ),
        "klantrol": "Partner: inwoners, ondernemers en organisaties die samen met de gemeente plannen maken",
        "kernwaarden": "Samenwerken\nOpen\nRuimte voor initiatief\nGelijkwaardig",
        "ps": {
            PRODUCT: (
                "Uw initiatief of inbreng krijgt een serieuze plek in het plan voor uw buurt of gebied.",
                "Voor elk initiatief en elk gebiedsproject leggen we vooraf vast hoeveel ruimte er is "
                "voor inbreng en wie uiteindelijk beslist.",
            ),
            PRIJS: (
                "U weet vooraf wat meedoen u kost aan tijd en geld, en welke steun de gemeente biedt.",
                "Budgetten, subsidies en leges voor initiatieven zijn vooraf bekend; we zoeken actief "
                "naar manieren om de kosten voor initiatiefnemers te beperken.",
            ),
            PLAATS: (
                "We ontmoeten elkaar in uw wijk of online, op momenten die voor u haalbaar zijn.",
                "Bijeenkomsten zijn in het gebied zelf, ook 's avonds; online meedoen is altijd mogelijk.",
            ),
            PERSONEEL: (
                "U heeft een vast aanspreekpunt dat meedenkt en binnen de gemeente deuren opent.",
                "De gebiedsregisseur of initiatievenmakelaar mag afdelingen aan tafel vragen en "
                "bewaakt de afspraken met de partners.",
            ),
            PROCES: (
                "U weet welke stappen we samen zetten en hoe uw inbreng is meegewogen.",
                "Elk traject heeft een participatieplan met mijlpalen. We laten weten wat er met de "
                "inbreng is gedaan, ook als die niet is overgenomen.",
            ),
            PROMOTIE: (
                "U hoort op tijd over plannen in uw omgeving en hoe u kunt meedoen.",
                "We communiceren vroeg, via meerdere kanalen en in begrijpelijke taal.",
            ),
        },
    },
    {
        "naam": "Toezichtformule",
        "omschrijving": (
            "Voor toezicht en handhaving: de gemeente ziet toe op de naleving van regels, eerlijk en "
            "voorspelbaar, en zorgt dat iedereen vooraf weet wat er verwacht wordt."
        ),
        "klantrol": "Onderdaan of belanghebbende: wie zich aan de regels moet houden of door de naleving "
        "wordt geraakt",
        "kernwaarden": "Eerlijk\nVoorspelbaar\nGoed geïnformeerd\nConsequent",
        "ps": {
            PRODUCT: (
                "U weet aan welke regels u zich moet houden en wat er gebeurt als dat niet lukt.",
                "Toezicht en handhaving volgen de vastgestelde handhavingsstrategie; gelijke gevallen "
                "behandelen we gelijk.",
            ),
            PRIJS: (
                "Sancties en kosten zijn vooraf bekend en staan in verhouding tot de overtreding.",
                "Boetes en dwangsommen volgen vastgestelde bedragen en beleid; afwijken mag alleen met "
                "een vastgelegde motivering.",
            ),
            PLAATS: (
                "Controles zijn herkenbaar, en u weet waar u terechtkunt met vragen of bezwaar.",
                "Toezichthouders tonen altijd hun legitimatie; vragen en bezwaar kunnen via alle "
                "kanalen binnenkomen.",
            ),
            PERSONEEL: (
                "U wordt correct en met respect benaderd door deskundige toezichthouders.",
                "Toezichthouders zijn opgeleid en waar nodig BOA; ze leggen uit voordat ze een sanctie "
                "opleggen.",
            ),
            PROCES: (
                "U krijgt een redelijke termijn om een overtreding te herstellen en hoort steeds wat de "
                "volgende stap is.",
                "Een vast stappenplan: waarschuwing, hersteltermijn, sanctie. Elke stap gaat schriftelijk "
                "en met uitleg; bezwaar wordt binnen de wettelijke termijn behandeld.",
            ),
            PROMOTIE: (
                "U wordt vooraf geïnformeerd over de regels en over controles.",
                "Regels, controlemomenten en de handhavingsstrategie zijn openbaar; voorlichting gaat "
                "vóór controle.",
            ),
        },
    },
]


def landelijke_formules_zaaien(apps, schema_editor) -> None:
    """Create each national formule that does not exist yet, with its six P's; leave existing ones be."""
    Serviceformule = apps.get_model("serviceformules", "Serviceformule")
    FormuleP = apps.get_model("serviceformules", "FormuleP")
    for gegevens in LANDELIJKE_FORMULES:
        formule, nieuw = Serviceformule.objects.get_or_create(
            naam=gegevens["naam"],
            defaults={
                "omschrijving": gegevens["omschrijving"],
                "klantrol": gegevens["klantrol"],
                "kernwaarden": gegevens["kernwaarden"],
                "landelijk": True,
                "actief": True,
            },
        )
        if not nieuw:
            continue  # the municipality's formule of this name, as they keep it
        FormuleP.objects.bulk_create(
            FormuleP(formule=formule, p=p, zekerheid=zekerheid, interne_afspraak=afspraak)
            for p, (zekerheid, afspraak) in gegevens["ps"].items()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("serviceformules", "0002_serviceformules_en_6p"),
    ]

    operations = [
        migrations.RunPython(landelijke_formules_zaaien, migrations.RunPython.noop, elidable=False),
    ]
