"""Ready-made KPI's to start from: the indicators municipalities use most for their services.

Choosing one on the new-KPI page fills in the form; every field stays editable, and the baseline and
target are always the team's own. The texts are content (they end up in the KPI itself), so they are
written in Dutch, the language of the municipalities that use Wasstraat.
"""

from __future__ import annotations

from dataclasses import dataclass

from .choices import KpiRichting, Meetfrequentie


@dataclass(frozen=True)
class KpiVoorbeeld:
    """One example: what to measure and how; the figures are left to the team."""

    sleutel: str
    naam: str
    definitie: str
    eenheid: str
    richting: KpiRichting
    meetfrequentie: Meetfrequentie
    bron: str

    def beginwaarden(self) -> dict[str, str]:
        """The form's initial values."""
        return {
            "naam": self.naam,
            "definitie": self.definitie,
            "eenheid": self.eenheid,
            "richting": self.richting.value,
            "meetfrequentie": self.meetfrequentie.value,
            "bron": self.bron,
        }


_VOORBEELDEN = (
    KpiVoorbeeld(
        sleutel="doorlooptijd",
        naam="Gemiddelde doorlooptijd",
        definitie=(
            "Het gemiddelde aantal kalenderdagen tussen de ontvangst van de aanvraag en de verzending "
            "van het besluit, over alle aanvragen die in de meetperiode zijn afgehandeld. Dagen waarin "
            "de termijn is opgeschort (wachten op aanvullende gegevens van de aanvrager) tellen mee."
        ),
        eenheid="dagen",
        richting=KpiRichting.LAGER_IS_BETER,
        meetfrequentie=Meetfrequentie.MAANDELIJKS,
        bron="Zaaksysteem: rapportage afgehandelde zaken (datum ontvangst en datum besluit)",
    ),
    KpiVoorbeeld(
        sleutel="binnen-termijn",
        naam="Percentage binnen de wettelijke termijn",
        definitie=(
            "Het aantal aanvragen waarop binnen de wettelijke beslistermijn is besloten, zonder "
            "verlenging, gedeeld door alle aanvragen die in de meetperiode zijn afgehandeld, maal 100."
        ),
        eenheid="%",
        richting=KpiRichting.HOGER_IS_BETER,
        meetfrequentie=Meetfrequentie.MAANDELIJKS,
        bron="Zaaksysteem: afgehandelde zaken met hun uiterste beslisdatum",
    ),
    KpiVoorbeeld(
        sleutel="klanttevredenheid",
        naam="Klanttevredenheid",
        definitie=(
            'Het gemiddelde rapportcijfer (1 tot en met 10) dat aanvragers geven op de vraag "Welk cijfer '
            'geeft u de gemeente voor de afhandeling van uw aanvraag?" in de korte enquête die na het '
            "besluit wordt verstuurd. Een meetperiode telt alleen mee bij minstens 30 reacties."
        ),
        eenheid="rapportcijfer",
        richting=KpiRichting.HOGER_IS_BETER,
        meetfrequentie=Meetfrequentie.KWARTAAL,
        bron="Klanttevredenheidsonderzoek (KTO) via de enquêtetool",
    ),
    KpiVoorbeeld(
        sleutel="contactmomenten",
        naam="Aantal contactmomenten per aanvraag",
        definitie=(
            "Het gemiddelde aantal keren dat een aanvrager zelf contact opneemt met de gemeente over "
            "één aanvraag (telefoon, e-mail, chat of balie), van de indiening tot en met het besluit."
        ),
        eenheid="contactmomenten",
        richting=KpiRichting.LAGER_IS_BETER,
        meetfrequentie=Meetfrequentie.MAANDELIJKS,
        bron="Klantcontactsysteem van het KCC, contacten gekoppeld aan het zaaknummer",
    ),
    KpiVoorbeeld(
        sleutel="first-time-right",
        naam="First time right",
        definitie=(
            "Het percentage aanvragen dat in één keer goed wordt afgehandeld: zonder verzoek om "
            "aanvullende gegevens, zonder herstelwerk of correctie achteraf en zonder bezwaar of klacht "
            "over de afhandeling."
        ),
        eenheid="%",
        richting=KpiRichting.HOGER_IS_BETER,
        meetfrequentie=Meetfrequentie.MAANDELIJKS,
        bron="Zaaksysteem (zaken zonder opschorting, heropening of correctie) en klachtenregistratie",
    ),
)

#: The examples by key (`?voorbeeld=<sleutel>` on the new-KPI page), in the order the page lists them.
VOORBEELDEN: dict[str, KpiVoorbeeld] = {v.sleutel: v for v in _VOORBEELDEN}
