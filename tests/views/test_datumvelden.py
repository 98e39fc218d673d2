"""An impossible date is never lost: on every form with a date, "31-02-2026" comes back as typed.

The browser's date picker (``<input type="date">``) cannot show a date that does not exist: given
value="31-02-2026" it shows an empty field. So the re-rendered field must be a text field carrying the
typed text, and the error at the field quotes it, in Dutch. Each form is filled in as a browser would
(every field the page offers, hidden ones included), with one date field made impossible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from klantreis.choices import Klanttype, Toestemming
from tests.factories import ProductFactory, UserFactory
from tests.klantreis.factories import InterviewFactory, KlantreisFactory
from tests.kpi.factories import KpiFactory
from trajecten.choices import KpiRichting, Meetfrequentie, Rol, SessieSoort
from trajecten.models import Traject
from wasstraat.accounts.models import Groep, User
from wasstraat.datumvelden import DatumTijdVeld, DatumVeld

ONMOGELIJK = "31-02-2026"
ONMOGELIJK_MET_TIJD = "31-02-2026 14:00"
DATUM_FOUT = DatumVeld.default_error_messages["bestaat_niet"]
DATUMTIJD_FOUT = DatumTijdVeld.default_error_messages["bestaat_niet"]


def nl(tekst: str) -> str:
    with translation.override("nl"):
        return gettext(tekst)


# --- reading a page's forms as a browser does --------------------------------------------------------


class _Formulieren(HTMLParser):
    """Every <form> of a page: its action and method, what each field sends, and the inputs' attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.formulieren: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    @property
    def _huidig(self) -> dict | None:
        return self.formulieren[-1] if self.formulieren and self.formulieren[-1]["open"] else None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.formulieren.append(
                {
                    "open": True,
                    "action": a.get("action", ""),
                    "method": a.get("method", "get"),
                    "data": {},
                    "inputs": {},
                }
            )
            return
        form = self._huidig
        if form is None or not a.get("name") and tag != "option":
            return
        if tag == "input":
            form["inputs"][a["name"]] = a
            soort = a.get("type", "text")
            if soort in ("checkbox", "radio"):
                if "checked" in a:
                    form["data"].setdefault(a["name"], []).append(a.get("value", "on"))
            elif soort not in ("submit", "button", "file"):
                form["data"][a["name"]] = [a.get("value", "")]
        elif tag == "select":
            self._select = a["name"]
            form["data"].setdefault(a["name"], [])
        elif tag == "option" and self._select and "selected" in a:
            form["data"][self._select].append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            form["data"][a["name"]] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._huidig:
            self._huidig["open"] = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self._huidig:
            self._huidig["data"][self._textarea][0] += data


def formulier_met(inhoud: str, veld: str) -> dict:
    """The form of the page that has the field `veld`."""
    lezer = _Formulieren()
    lezer.feed(inhoud)
    gevonden = [f for f in lezer.formulieren if veld in f["inputs"]]
    assert gevonden, f"no form with a field {veld!r}"
    return gevonden[0]


# --- the forms with a date ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Geval:
    """One form: who fills it in, on which page (URL name, then the keys of `extra` for its arguments), its
    date fields, and what else must be filled in for the form to be valid."""

    rol: str
    pagina: tuple[str, ...]
    velden: tuple[str, ...]
    invullen: Callable[[], dict] = dict
    met_tijd: bool = False

    def url(self, traject: Traject, extra: dict) -> str:
        naam, *sleutels = self.pagina
        if naam in ("trajecten:nieuw", "klantreis:privacylog"):
            return reverse(naam)
        return reverse(naam, args=[traject.pk, *(extra[s].pk for s in sleutels)])


def _traject_basis() -> dict:
    return {
        "product": str(ProductFactory().pk),
        "titel": "Snellere WOZ-bezwaren",
        "aanleiding": "Bezwaren blijven liggen.",
        "doel": "Sneller een besluit.",
        "startdatum": "2026-03-01",
        "einddatum": "2026-12-31",
    }


def _kpi_basis() -> dict:
    return {
        "naam": "Klanttevredenheid",
        "definitie": "Gemiddeld rapportcijfer.",
        "eenheid": "cijfer",
        "richting": KpiRichting.HOGER_IS_BETER,
        "nulmeting": "6,4",
        "nulmeting_datum": "2026-01-15",
        "streefwaarde": "7,5",
        "streefdatum": "2026-12-31",
        "meetfrequentie": Meetfrequentie.KWARTAAL,
    }


def _interview_basis() -> dict:
    gisteren = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    return {
        "datum": gisteren,
        "klanttype": Klanttype.ONDERNEMER,
        "pseudoniem": "Ondernemer B",
        "toestemming_wijze": Toestemming.SCHRIFTELIJK,
        "toestemming_op": gisteren,
        "notities": "Vond de aanvraag lastig.",
        "kerninzichten": "Wachttijd onbekend",
    }


def _sessie_basis() -> dict:
    morgen = timezone.localdate() + dt.timedelta(days=1)
    return {
        "soort": SessieSoort.OVERIG,
        "titel": "Overleg",
        "begint_op": f"{morgen}T10:00",
        "eindigt_op": f"{morgen}T11:00",
        "locatie": "Kamer 2",
    }


PL, COACH = Rol.PROJECTLEIDER, Rol.KLANTREISCOACH
KPI_DATUMS = ("nulmeting_datum", "streefdatum")
INTERVIEWDATUMS = ("datum", "toestemming_op")
SESSIETIJDEN = ("begint_op", "eindigt_op")
GEVALLEN = {
    "new trajectory": Geval(PL, ("trajecten:nieuw",), ("startdatum", "einddatum"), _traject_basis),
    "trajectory basics": Geval(PL, ("trajecten:bewerken",), ("startdatum", "einddatum")),
    "new KPI": Geval(PL, ("trajecten:kpi_nieuw",), KPI_DATUMS, _kpi_basis),
    "KPI": Geval(PL, ("trajecten:kpi_bewerken", "kpi"), KPI_DATUMS),
    "measurement": Geval(PL, ("trajecten:kpi", "kpi"), ("datum",), lambda: {"waarde": "12"}),
    "new interview": Geval(COACH, ("klantreis:interview_nieuw",), INTERVIEWDATUMS, _interview_basis),
    "interview": Geval(COACH, ("klantreis:interview_bewerken", "interview"), INTERVIEWDATUMS),
    "privacy log filter": Geval("privacy", ("klantreis:privacylog",), ("van", "tot")),
    "new session": Geval(PL, ("trajecten:sessie_nieuw",), SESSIETIJDEN, _sessie_basis, met_tijd=True),
    "session": Geval(PL, ("trajecten:sessie_bewerken", "sessie"), SESSIETIJDEN, met_tijd=True),
}

PER_VELD = [(naam, veld) for naam, geval in GEVALLEN.items() for veld in geval.velden]


@pytest.fixture
def extra(traject: Traject, gebruikers: dict[str, User]) -> dict:
    """What the edit forms edit, and a privacy officer for the log."""
    from tests.factories import SessieFactory

    reis = KlantreisFactory(traject=traject)
    return {
        "kpi": KpiFactory(traject=traject),
        "interview": InterviewFactory(klantreis=reis, aangemaakt_door=gebruikers[Rol.KLANTREISCOACH]),
        "sessie": SessieFactory(
            traject=traject,
            begint_op=timezone.now() + dt.timedelta(days=2),
            eindigt_op=timezone.now() + dt.timedelta(days=2, hours=1),
        ),  # fmt: skip
        "privacy": UserFactory(username="privacy", groepen=[Groep.PRIVACY]),
    }


def _versturen(geval: Geval, traject: Traject, extra: dict, gebruikers: dict, veld: str, getypt: str):
    """Open the form's page, fill it in as a browser would with `getypt` in `veld`, and send it."""
    client = Client()
    client.force_login(extra["privacy"] if geval.rol == "privacy" else gebruikers[geval.rol])
    adres = geval.url(traject, extra)
    pagina = client.get(adres)
    assert pagina.status_code == 200, adres
    form = formulier_met(pagina.content.decode(), veld)
    data = {**form["data"], **{k: [v] for k, v in geval.invullen().items()}, veld: [getypt]}
    doel = form["action"] or adres
    if form["method"].lower() == "get":
        return client.get(doel, data)
    return client.post(doel, data)


@pytest.mark.parametrize(("geval", "veld"), PER_VELD, ids=[f"{g}: {v}" for g, v in PER_VELD])
def test_an_impossible_date_comes_back_as_typed_with_an_error_that_quotes_it(
    geval: str, veld: str, traject: Traject, extra: dict, gebruikers: dict
):
    g = GEVALLEN[geval]
    getypt = ONMOGELIJK_MET_TIJD if g.met_tijd else ONMOGELIJK
    response = _versturen(g, traject, extra, gebruikers, veld, getypt)
    assert response.status_code == 200
    inhoud = response.content.decode()
    invoer = formulier_met(inhoud, veld)["inputs"][veld]
    # a text field the browser shows as it is, not a date picker that would show it empty
    assert invoer.get("type") == "text" and invoer.get("value") == getypt, invoer
    assert invoer.get("placeholder")
    fout = nl(str(DATUMTIJD_FOUT if g.met_tijd else DATUM_FOUT)) % {"waarde": getypt}
    assert fout in inhoud
    andere = [v for v in g.velden if v != veld]
    for naam in andere:  # a valid date stays in the native picker
        assert formulier_met(inhoud, naam)["inputs"][naam].get("type") in ("date", "datetime-local")


GEEN_BESTAANDE = "“31-02-2026” is geen bestaande datum. Typ de datum als dd-mm-jjjj, bijvoorbeeld 28-02-2026."
GEEN_DATUM = "“volgende week” is geen datum. Typ de datum als dd-mm-jjjj, bijvoorbeeld 28-02-2026."


@pytest.mark.parametrize(
    ("getypt", "verwacht"), [("31-02-2026", GEEN_BESTAANDE), ("volgende week", GEEN_DATUM)]
)
def test_the_error_is_in_dutch(getypt: str, verwacht: str, traject: Traject, extra: dict, gebruikers: dict):
    response = _versturen(GEVALLEN["trajectory basics"], traject, extra, gebruikers, "startdatum", getypt)
    assert verwacht in response.content.decode()
    invoer = formulier_met(response.content.decode(), "startdatum")["inputs"]["startdatum"]
    assert invoer["placeholder"] == "dd-mm-jjjj"


def test_a_dutch_date_typed_in_the_text_field_is_read_and_shown_in_the_picker_again(
    traject: Traject, extra: dict, gebruikers: dict
):
    """After the error the user corrects the text; another error elsewhere keeps the date, now a picker."""
    g = GEVALLEN["new KPI"]
    client = Client()
    client.force_login(gebruikers[g.rol])
    data = {**_kpi_basis(), "nulmeting_datum": "28-02-2026", "nulmeting": "veel"}
    response = client.post(g.url(traject, extra), data)
    assert response.status_code == 200 and "nulmeting_datum" not in response.context["form"].errors
    invoer = formulier_met(response.content.decode(), "nulmeting_datum")["inputs"]["nulmeting_datum"]
    assert invoer["type"] == "date" and invoer["value"] == "2026-02-28"
