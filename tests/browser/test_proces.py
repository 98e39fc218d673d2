"""End to end in Chromium: the procesadviseur maps the current process (step 3a) and completes the step.

Log in → the trajectory's "Process" tab → a new current version → five steps added in place (htmx),
one of them waste (first refused without its type) → one step edited in place and one moved → the
swimlane shows five steps and the figures one waste step → export BPMN (a download that parses as
XML with five tasks) → copy as a desired version and compare → complete step 3a on the trajectory
page. Every page visited is checked with axe-core (no serious or critical WCAG 2.1 A/AA violation) and
for console errors (a CSP violation is one).
"""

from __future__ import annotations

import re
from pathlib import Path

import defusedxml.ElementTree as DefusedET
import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.factories import (
    WACHTWOORD,
    AfdelingFactory,
    ProductFactory,
    TeamlidFactory,
    TrajectFactory,
    UserFactory,
    zet_stappen,
)
from trajecten.choices import Lean, ProcesSoort, Rol, Stap, StapStatusKeuze, TrajectStatus, Verspilling
from trajecten.models import ProcesStap, ProcesVersie, StapStatus, Traject
from wasstraat.accounts.models import Groep

pytestmark = pytest.mark.browser

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
#: The process pages, each checked with axe-core at least once.
PAGINAS = (
    "process versions",
    "new process version form",
    "process (empty)",
    "process (form with errors in place)",
    "process (five steps)",
    "process (step edited in place)",
    "process (desired copy)",
    "process comparison",
    "step form page",
    "step edit page",
    "step delete page",
    "rename version form",
    "trajectory (3a completed)",
)

#: name, actor, processing time, waiting time (working days), LEAN class, waste type
STAPPEN = [
    ("Aanvraag indienen", "Aanvrager", "20", "0", Lean.WAARDE, ""),
    ("Aanvraag registreren", "Klantcontactcentrum", "10", "1", Lean.NODIG, ""),
    ("Wachten op behandeling", "Vergunningverlener", "0", "3", Lean.VERSPILLING, Verspilling.WACHTEN),
    ("Kenteken controleren", "Vergunningverlener", "15", "0,5", Lean.NODIG, ""),
    ("Vergunning verlenen", "Vergunningverlener", "10", "0", Lean.WAARDE, ""),
]


def _label(keuze) -> str:
    with translation.override("nl"):
        return str(keuze.label)


@pytest.fixture
def mensen(transactional_db):
    """A trajectory with step 1 completed and 3a in progress; Mehmet is its procesadviseur."""
    afdeling = AfdelingFactory(naam="Vergunningen")
    projectleider = UserFactory(username="sanne", first_name="Sanne", last_name="de Vries", afdeling=afdeling,
                                groepen=[Groep.TRAJECTLEIDERS])  # fmt: skip
    adviseur = UserFactory(username="mehmet", first_name="Mehmet", last_name="Yılmaz", afdeling=afdeling)
    traject = TrajectFactory(
        titel="Parkeervergunning bewoners", aangemaakt_door=projectleider,
        product=ProductFactory(naam="Parkeervergunning bewoners", afdeling=afdeling),
    )  # fmt: skip
    TeamlidFactory(traject=traject, gebruiker=adviseur, rol=Rol.PROCESADVISEUR)
    zet_stappen(
        traject,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S3A: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )
    return {"traject": traject, "adviseur": adviseur}


def _knop(page: Page, selector: str):
    return page.locator(f"main {selector}")


def _focus_in(pagina: Page, selector: str, wat: str) -> None:
    """Wait until keyboard focus is inside `selector` (wasstraat.js and htmx move it after a swap)."""
    try:
        pagina.wait_for_function(
            "(s) => !!document.activeElement && !!document.activeElement.closest(s)",
            arg=selector,
            timeout=5_000,
        )
    except PlaywrightTimeoutError:
        pytest.fail(f"after the htmx swap keyboard focus did not move to {wat} ({selector})")


def _inloggen(pagina: Page, live_server) -> None:
    pagina.goto(live_server.url + reverse("login"))
    pagina.fill("#id_username", "mehmet")
    pagina.fill("#id_password", WACHTWOORD)
    _knop(pagina, "form button[type=submit]").click()
    expect(pagina).to_have_url(live_server.url + reverse("trajecten:lijst"))


def _versie_aanmaken(pagina: Page, traject: Traject, controleer_pagina) -> ProcesVersie:
    pagina.goto(pagina.url.split("/trajecten/")[0] + traject.get_absolute_url())
    _knop(pagina, f"nav a[href='{reverse('trajecten:procesversies', args=[traject.pk])}']").click()
    controleer_pagina(pagina, "process versions")
    _knop(pagina, f"a[href='{reverse('trajecten:procesversie_nieuw', args=[traject.pk])}']").click()
    controleer_pagina(pagina, "new process version form")
    pagina.check(f"input[name=soort][value='{ProcesSoort.HUIDIG.value}']")
    pagina.fill("#id_naam", "Huidig proces parkeervergunning")
    _knop(pagina, "form button[type=submit]").click()
    versie = ProcesVersie.objects.get(traject=traject)
    expect(pagina).to_have_url(re.compile(re.escape(versie.get_absolute_url()) + "$"))
    controleer_pagina(pagina, "process (empty)")
    return versie


def _stap_invullen(pagina: Page, naam, actor, bewerking, wacht, lean, verspilling) -> None:
    pagina.fill("#id_nieuw-naam", naam)
    pagina.fill("#id_nieuw-actor", actor)
    pagina.fill("#id_nieuw-bewerkingstijd", bewerking)
    pagina.select_option("#id_nieuw-bewerkingstijd_eenheid", value="min")
    pagina.fill("#id_nieuw-wachttijd", wacht)
    pagina.select_option("#id_nieuw-wachttijd_eenheid", value="dag")
    pagina.select_option("#id_nieuw-lean", value=lean.value)
    pagina.select_option("#id_nieuw-verspilling", value=verspilling.value if verspilling else "")


def _toevoegen(pagina: Page, aantal_daarna: int) -> None:
    pagina.locator("#proces-stappen form button[type=submit]").last.click()
    expect(pagina.locator("#proces-stappen tbody tr")).to_have_count(aantal_daarna)
    _focus_in(pagina, "#proces-stappen [role=status]", "the status message")


def _stappen_toevoegen(pagina: Page, versie: ProcesVersie, controleer_pagina) -> None:
    """Five steps in place; the waste step is first sent without its type and comes back in place."""
    for nummer, (naam, actor, bewerking, wacht, lean, verspilling) in enumerate(STAPPEN, start=1):
        if lean == Lean.VERSPILLING:
            _stap_invullen(pagina, naam, actor, bewerking, wacht, lean, "")
            pagina.locator("#proces-stappen form button[type=submit]").last.click()
            veld = pagina.locator("#id_nieuw-verspilling")
            expect(veld).to_have_class(re.compile(r"\bis-invalid\b"))
            expect(veld).to_be_focused()
            expect(pagina.locator("#id_nieuw-naam")).to_have_value(naam)  # the input is kept
            controleer_pagina(pagina, "process (form with errors in place)")
            pagina.select_option("#id_nieuw-verspilling", value=verspilling.value)
        else:
            _stap_invullen(pagina, naam, actor, bewerking, wacht, lean, verspilling)
        _toevoegen(pagina, nummer)
    assert list(versie.stappen.order_by("volgorde").values_list("naam", flat=True)) == [s[0] for s in STAPPEN]
    assert versie.stappen.get(volgorde=4).wachttijd_minuten == 240  # "0,5" working day


def _diagram_en_kengetallen(pagina: Page, controleer_pagina) -> None:
    expect(pagina.locator("#proces-diagram svg g.swimlane-stap")).to_have_count(5)
    expect(pagina.locator("#proces-diagram svg g.swimlane-verspilling")).to_have_count(1)
    expect(pagina.locator("#proces-kengetallen [data-kengetal=aantal_verspilling]")).to_have_text("1")
    expect(pagina.locator("#proces-kengetallen [data-kengetal=overdrachten]")).to_have_text("2")
    expect(pagina.locator("#proces-kengetallen table")).to_contain_text(_label(Verspilling.WACHTEN))
    controleer_pagina(pagina, "process (five steps)")


def _bewerken_en_verplaatsen(pagina: Page, versie: ProcesVersie, controleer_pagina) -> None:
    """Edit step 4 in its row (the name field gets focus), save with the keyboard, move it up."""
    stap = versie.stappen.get(volgorde=4)
    rij = pagina.locator(f"#stap-{stap.pk}")
    rij.locator(
        f"a[href='{reverse('trajecten:processtap_bewerken', args=[versie.traject_id, versie.pk, stap.pk])}']"
    ).click()
    naam = pagina.locator(f"#id_stap{stap.pk}-naam")
    expect(naam).to_be_focused()
    naam.fill("Kenteken controleren bij de RDW")
    naam.press("Enter")  # submits the row's form
    expect(rij).to_contain_text("Kenteken controleren bij de RDW")
    _focus_in(pagina, f"#stap-{stap.pk} [role=status]", "the saved row's status")
    expect(pagina.locator("#proces-diagram")).to_contain_text("Kenteken")
    controleer_pagina(pagina, "process (step edited in place)")

    rij.locator("button[value=omhoog]").click()
    _focus_in(pagina, f"#stap-{stap.pk} [role=status]", "the moved row's status")
    expect(pagina.locator(f"#stap-{stap.pk} th")).to_have_text("3")
    assert ProcesStap.objects.get(pk=stap.pk).volgorde == 3


def _bpmn_exporteren(pagina: Page, versie: ProcesVersie, tmp_path: Path) -> None:
    export = reverse("trajecten:proces_bpmn_export", args=[versie.traject_id, versie.pk])
    with pagina.expect_download() as download:
        _knop(pagina, f"a[href='{export}']").click()
    pad = tmp_path / "proces.bpmn"
    download.value.save_as(pad)
    wortel = DefusedET.parse(pad).getroot()
    assert wortel.tag == f"{BPMN}definitions"
    taken = [e for e in wortel.iter() if e.tag.startswith(BPMN) and e.tag.endswith(("task", "Task"))]
    assert len(taken) == 5
    assert "Kenteken controleren bij de RDW" in {t.get("name") for t in taken}


def _kopie_vergelijken(pagina: Page, versie: ProcesVersie, controleer_pagina) -> None:
    traject_pk = versie.traject_id
    _knop(
        pagina,
        f"a[href='{reverse('trajecten:procesversie_nieuw', args=[traject_pk])}?kopie_van={versie.pk}']",
    ).click()
    pagina.check(f"input[name=soort][value='{ProcesSoort.GEWENST.value}']")
    pagina.fill("#id_naam", "Gewenst proces parkeervergunning")
    _knop(pagina, "form button[type=submit]").click()
    gewenst = ProcesVersie.objects.get(traject_id=traject_pk, soort=ProcesSoort.GEWENST)
    expect(pagina).to_have_url(re.compile(re.escape(gewenst.get_absolute_url()) + "$"))
    expect(pagina.locator("#proces-stappen tbody tr")).to_have_count(5)
    # With steps on the page the form to add one opens on request, in place, with the focus in it.
    expect(pagina.locator("#id_nieuw-naam")).to_have_count(0)
    pagina.locator("#stap-toevoegen a").click()
    expect(pagina.locator("#id_nieuw-naam")).to_be_focused()
    controleer_pagina(pagina, "process (desired copy)")
    pagina.goto(
        pagina.url.split("/trajecten/")[0] + reverse("trajecten:proces_vergelijken", args=[traject_pk])
    )
    expect(pagina.locator("main table").first).to_contain_text("Gewenst proces parkeervergunning")
    expect(pagina.locator("main svg g.swimlane-stap")).to_have_count(10)
    controleer_pagina(pagina, "process comparison")


def _paginas_zonder_javascript(pagina: Page, controleer_pagina) -> None:
    """The pages that stand in for the in-place editing without JavaScript."""
    gewenst = ProcesVersie.objects.get(soort=ProcesSoort.GEWENST)
    stap = gewenst.stappen.get(volgorde=2)
    basis = pagina.url.split("/trajecten/")[0]
    args = [gewenst.traject_id, gewenst.pk]
    for naam, url in [
        ("step form page", reverse("trajecten:processtap_nieuw", args=args)),
        ("step edit page", reverse("trajecten:processtap_bewerken", args=[*args, stap.pk])),
        ("step delete page", reverse("trajecten:processtap_verwijderen", args=[*args, stap.pk])),
        ("rename version form", reverse("trajecten:procesversie_bewerken", args=args)),
        ("process versions (two)", reverse("trajecten:procesversies", args=[gewenst.traject_id])),
    ]:
        pagina.goto(basis + url)
        controleer_pagina(pagina, naam)


def _3a_afronden(pagina: Page, traject: Traject, controleer_pagina) -> None:
    pagina.goto(pagina.url.split("/trajecten/")[0] + traject.get_absolute_url())
    url = reverse("trajecten:stap_actie", args=[traject.pk, Stap.S3A.value, "afronden"])
    _knop(pagina, f"form[action='{url}'] button[type=submit]").click()
    kaart = pagina.locator(f"#stap-{Stap.S3A.value}")
    expect(kaart).to_have_attribute("data-status", StapStatusKeuze.AFGEROND.value)
    assert StapStatus.objects.get(traject=traject, stap=Stap.S3A).status == StapStatusKeuze.AFGEROND
    controleer_pagina(pagina, "trajectory (3a completed)")


def test_procesadviseur_brengt_het_huidige_proces_in_kaart_en_rondt_3a_af(
    pagina: Page, live_server, mensen, controleer_pagina, tmp_path
) -> None:
    """(The screenshot of the process page is made by test_overzicht_en_diagram, with a larger map.)"""
    traject = mensen["traject"]
    _inloggen(pagina, live_server)
    versie = _versie_aanmaken(pagina, traject, controleer_pagina)
    _stappen_toevoegen(pagina, versie, controleer_pagina)
    _diagram_en_kengetallen(pagina, controleer_pagina)
    _bewerken_en_verplaatsen(pagina, versie, controleer_pagina)
    _bpmn_exporteren(pagina, versie, tmp_path)
    _kopie_vergelijken(pagina, versie, controleer_pagina)
    _paginas_zonder_javascript(pagina, controleer_pagina)
    _3a_afronden(pagina, traject, controleer_pagina)
    assert not pagina.fouten, "\n".join(pagina.fouten)
    gecontroleerd = set(controleer_pagina.bezocht)
    assert set(PAGINAS) <= gecontroleerd, f"not checked with axe: {set(PAGINAS) - gecontroleerd}"
