"""End to end in Chromium: a projectleider starts a trajectory and completes step 1.

Log in → "Mijn trajecten" → new trajectory → team (sponsor and proceseigenaar added through htmx) →
plan the start session → record its notes → start and complete step 1 → the timeline shows it.
Every page visited is checked with axe-core (no serious or critical WCAG 2.1 A/AA violation) and for
console errors (a CSP violation is one); the skip link is checked with the keyboard.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.factories import (
    WACHTWOORD,
    AfdelingFactory,
    ProductFactory,
    TrajectFactory,
    UserFactory,
    zet_stappen,
)
from trajecten.choices import GebeurtenisSoort, Rol, SessieSoort, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import Gebeurtenis, Sessie, StapStatus, Teamlid, Traject
from wasstraat.accounts.models import Groep

pytestmark = pytest.mark.browser

TITEL = "Sneller een parkeervergunning"
DATUMTIJD = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> takes
#: Every page of the flow, each checked with axe-core at least once.
PAGINAS = (
    "login",
    "trajectory list",
    "new trajectory form",
    "trajectory",
    "team",
    "sessions",
    "session form",
    "session",
    "session edit form",
    "improvement points",
    "timeline",
)


def _label(keuze) -> str:
    """A choice's label as the Dutch pages show it (English when no translation is compiled)."""
    with translation.override("nl"):
        return str(keuze.label)


def _knop(page: Page, selector: str):
    return page.locator(f"main {selector}")


def _skiplink_werkt(page: Page) -> None:
    """The first Tab stop of a freshly loaded page is the skip link; it puts keyboard focus on <main>."""
    assert page.evaluate("() => document.activeElement === document.body"), "something has focus already"
    page.keyboard.press("Tab")
    eerste = page.evaluate("() => document.activeElement.classList.contains('skip-link')")
    assert eerste, "the skip link is not the first Tab stop on " + page.url
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()


@pytest.fixture
def mensen(transactional_db):
    """A projectleider with a few trajectories of their own, and the future sponsor and proceseigenaar."""
    afdeling = AfdelingFactory(naam="Publiekszaken")
    projectleider = UserFactory(
        username="petra", first_name="Petra", last_name="de Leider", afdeling=afdeling,
        groepen=[Groep.TRAJECTLEIDERS],
    )  # fmt: skip
    sponsor = UserFactory(username="sanne", first_name="Sanne", last_name="Bakker", afdeling=afdeling)
    eigenaar = UserFactory(username="omar", first_name="Omar", last_name="El Idrissi", afdeling=afdeling)
    product = ProductFactory(naam="Parkeervergunning bewoners", afdeling=afdeling)
    # Other trajectories, so the list has something to show besides the new one.
    klaar, bezig = StapStatusKeuze.AFGEROND, StapStatusKeuze.BEZIG
    bestaand = [
        ("Afvalpas aanvragen", {Stap.S1: klaar, Stap.S2: bezig}, TrajectStatus.LOPEND),
        ("Verhuizing doorgeven", {Stap.S1: bezig}, TrajectStatus.LOPEND),
        (
            "Bijzondere bijstand",
            {Stap.S1: klaar, Stap.S2: klaar, Stap.S3A: bezig, Stap.S4: bezig},
            TrajectStatus.GEPAUZEERD,
        ),
        ("Melding openbare ruimte", {}, None),
    ]
    for titel, stappen, status in bestaand:
        traject = TrajectFactory(
            titel=titel, aangemaakt_door=projectleider, product=ProductFactory(naam=titel, afdeling=afdeling)
        )
        zet_stappen(traject, stappen, traject_status=status)
    return {"projectleider": projectleider, "sponsor": sponsor, "eigenaar": eigenaar, "product": product}


def _inloggen(pagina: Page, live_server, controleer_pagina) -> None:
    pagina.goto(live_server.url + "/")
    expect(pagina).to_have_url(re.compile(re.escape(reverse("login"))))
    controleer_pagina(pagina, "login")  # the username field has autofocus: no skip-link check here
    pagina.fill("#id_username", "petra")
    pagina.fill("#id_password", WACHTWOORD)
    _knop(pagina, "form button[type=submit]").click()
    expect(pagina).to_have_url(live_server.url + reverse("trajecten:lijst"))
    controleer_pagina(pagina, "trajectory list")
    _skiplink_werkt(pagina)


def _traject_aanmaken(pagina: Page, product, controleer_pagina) -> Traject:
    _knop(pagina, f"a[href='{reverse('trajecten:nieuw')}']").click()
    controleer_pagina(pagina, "new trajectory form")
    pagina.select_option("#id_product", value=str(product.pk))
    pagina.fill("#id_titel", TITEL)
    pagina.fill("#id_aanleiding", "Bewoners wachten drie weken op hun vergunning.")
    pagina.fill("#id_doel", "Binnen vijf werkdagen een vergunning.")
    pagina.fill("#id_startdatum", timezone.localdate().isoformat())
    _knop(pagina, "form button[type=submit]").click()
    expect(pagina).to_have_url(re.compile(r"/trajecten/\d+/$"))  # saved: on its page now
    traject = Traject.objects.get(titel=TITEL)
    assert pagina.url.endswith(traject.get_absolute_url())
    controleer_pagina(pagina, "trajectory")
    return traject


def _focus_op_status(pagina: Page, gebied: str) -> None:
    status = pagina.locator(f"{gebied} [role=status]")
    expect(status).to_have_attribute("aria-live", "polite")
    # wasstraat.js moves the focus once htmx has settled the swap, a moment after the new content shows.
    try:
        pagina.wait_for_function(
            f"() => !!document.activeElement.closest('{gebied} [role=status]')", timeout=5_000
        )
    except PlaywrightTimeoutError:
        pytest.fail(f"after the htmx swap of {gebied} keyboard focus did not move to the status message")


def _persoon_kiezen(pagina: Page, persoon, *, toetsenbord: bool = False):
    """Search for `persoon` in the team picker (htmx, as one types) and choose them from the matches.

    The focus stays in the search field while the matches come in; with the keyboard the match is
    reached with Tab (past the search button) and chosen with the space bar."""
    zoekveld = pagina.locator("#id_zoek")
    zoekveld.fill("")
    zoekveld.press_sequentially(persoon.last_name, delay=30)
    keuze = pagina.locator(f"#personen-resultaten input[name=gebruiker][value='{persoon.pk}']")
    expect(keuze).to_be_visible()
    expect(pagina.locator("#personen-aantal")).not_to_be_empty()  # the count, for screen readers
    expect(zoekveld).to_be_focused()
    if toetsenbord:
        adres = pagina.url
        pagina.keyboard.press("Enter")  # searching again (the GET form, through htmx) keeps the focus
        expect(keuze).to_be_visible()
        expect(zoekveld).to_be_focused()
        assert pagina.url == adres, "Enter in the search field reloaded the page"
        pagina.keyboard.press("Tab")  # the search button
        pagina.keyboard.press("Tab")  # the matches (a radio group)
        expect(keuze).to_be_focused()
        pagina.keyboard.press("Space")
    else:
        keuze.check()
        # Typing on after the choice searches again: the answer keeps the person chosen.
        with pagina.expect_response(lambda antwoord: "/team/personen/" in antwoord.url):
            zoekveld.press("End")
            zoekveld.press_sequentially(" ", delay=30)
    expect(keuze).to_be_checked()
    return keuze


def _lid_toevoegen(pagina: Page, persoon, rol: Rol, *, toetsenbord: bool = False) -> None:
    """Add a member through the htmx form; the status message gets the keyboard focus."""
    _persoon_kiezen(pagina, persoon, toetsenbord=toetsenbord)
    pagina.select_option("#id_rol", value=rol.value)
    knop = pagina.locator("#team form[method=post] button[type=submit]")
    if toetsenbord:
        knop.focus()
        pagina.keyboard.press("Enter")
    else:
        knop.click()
    expect(pagina.locator("#team [role=status]")).to_contain_text(persoon.get_full_name())
    _focus_op_status(pagina, "#team")
    assert Teamlid.objects.filter(gebruiker=persoon, rol=rol).exists()


def _onvolledig_teamformulier(pagina: Page, persoon) -> None:
    """A specialist without discipline comes back through htmx with the error; focus goes there."""
    _persoon_kiezen(pagina, persoon)
    pagina.select_option("#id_rol", value=Rol.SPECIALIST.value)
    pagina.locator("#team form[method=post] button[type=submit]").click()
    expect(pagina.locator("#id_discipline")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(pagina.locator("#id_discipline")).to_be_focused()
    # what was typed and chosen is kept
    expect(pagina.locator("#id_zoek")).to_have_value(persoon.last_name)
    expect(pagina.locator(f"#personen-resultaten input[value='{persoon.pk}']")).to_be_checked()
    assert not Teamlid.objects.filter(gebruiker=persoon).exists()


def _team_samenstellen(pagina: Page, traject: Traject, mensen, controleer_pagina, schermafdruk) -> None:
    _knop(pagina, f"nav a[href='{reverse('trajecten:team', args=[traject.pk])}']").click()
    controleer_pagina(pagina, "team")
    _onvolledig_teamformulier(pagina, mensen["sponsor"])
    controleer_pagina(pagina, "team (form with errors)")
    _lid_toevoegen(pagina, mensen["sponsor"], Rol.SPONSOR)
    _lid_toevoegen(pagina, mensen["eigenaar"], Rol.PROCESEIGENAAR, toetsenbord=True)
    expect(pagina.locator("#team .alert-warning")).to_have_count(0)  # no required role missing
    controleer_pagina(pagina, "team (after adding members)")
    schermafdruk(pagina, "team")


def _startsessie_vastleggen(pagina: Page, traject: Traject, mensen, controleer_pagina) -> None:
    _knop(pagina, f"nav a[href='{reverse('trajecten:sessies', args=[traject.pk])}']").click()
    controleer_pagina(pagina, "sessions")
    _knop(pagina, f"a[href='{reverse('trajecten:sessie_nieuw', args=[traject.pk])}']").click()
    controleer_pagina(pagina, "session form")
    begin = timezone.localtime() - dt.timedelta(days=1)
    pagina.select_option("#id_soort", value=SessieSoort.START.value)
    pagina.fill("#id_titel", "Startsessie")
    pagina.fill("#id_begint_op", begin.strftime(DATUMTIJD))
    pagina.fill("#id_eindigt_op", (begin + dt.timedelta(hours=2)).strftime(DATUMTIJD))
    pagina.fill("#id_locatie", "Stadhuis, kamer 2.14")
    for wie in ("projectleider", "sponsor", "eigenaar"):
        pagina.check(f"input[name=aanwezigen][value='{mensen[wie].pk}']")
    _knop(pagina, "form button[type=submit]").click()
    expect(pagina).to_have_url(re.compile(r"/sessies/\d+/$"))  # saved: on its page now
    sessie = Sessie.objects.get(traject=traject, soort=SessieSoort.START)
    assert pagina.url.endswith(sessie.get_absolute_url())
    controleer_pagina(pagina, "session")

    # The notes are recorded afterwards, on the edit page.
    _knop(pagina, f"a[href='{reverse('trajecten:sessie_bewerken', args=[traject.pk, sessie.pk])}']").click()
    controleer_pagina(pagina, "session edit form")
    pagina.fill("#id_notities", "Team samengesteld; de aanleiding en het doel zijn besproken.")
    _knop(pagina, "form button[type=submit]").click()
    expect(pagina).to_have_url(re.compile(re.escape(sessie.get_absolute_url()) + "$"))
    expect(pagina.locator("main")).to_contain_text("de aanleiding en het doel zijn besproken")


def _verbeterpunt_vastleggen(pagina: Page, traject: Traject, controleer_pagina) -> None:
    """Through the htmx form on the improvement points page."""
    _knop(pagina, f"nav a[href='{reverse('verbeterplan:verbeterpunten', args=[traject.pk])}']").click()
    controleer_pagina(pagina, "improvement points")
    pagina.fill("#id_titel", "Bewoners leveren hun kenteken twee keer aan")
    pagina.locator("#verbeterpunten form button[type=submit]").click()
    expect(pagina.locator("#verbeterpunten table")).to_contain_text("kenteken twee keer")
    _focus_op_status(pagina, "#verbeterpunten")
    controleer_pagina(pagina, "improvement points (after recording one)")


def _stap_actie(pagina: Page, traject: Traject, actie: str) -> None:
    url = reverse("trajecten:stap_actie", args=[traject.pk, Stap.S1.value, actie])
    _knop(pagina, f"form[action='{url}'] button[type=submit]").click()


def _stap1_afronden(pagina: Page, traject: Traject, controleer_pagina) -> None:
    _knop(pagina, f"nav a[href='{traject.get_absolute_url()}']").first.click()
    controleer_pagina(pagina, "trajectory")
    _skiplink_werkt(pagina)
    kaart = pagina.locator(f"#stap-{Stap.S1.value}")

    _stap_actie(pagina, traject, "start")
    expect(kaart).to_have_attribute("data-status", StapStatusKeuze.BEZIG.value)

    _stap_actie(pagina, traject, "afronden")
    expect(kaart).to_have_attribute("data-status", StapStatusKeuze.AFGEROND.value)
    expect(kaart.locator(".badge")).to_have_text(_label(StapStatusKeuze.AFGEROND))
    assert StapStatus.objects.get(traject=traject, stap=Stap.S1).status == StapStatusKeuze.AFGEROND
    controleer_pagina(pagina, "trajectory (step 1 completed)")
    # (the screenshot of the trajectory page is made by test_overzicht_en_diagram, mid-trajectory)


def _tijdlijn_toont_afronding(pagina: Page, traject: Traject, controleer_pagina) -> None:
    _knop(pagina, f"nav a[href='{reverse('trajecten:tijdlijn', args=[traject.pk])}']").click()
    controleer_pagina(pagina, "timeline")
    assert Gebeurtenis.objects.filter(
        traject=traject,
        soort=GebeurtenisSoort.STAP_TRANSITIE,
        stap=Stap.S1,
        naar_status=StapStatusKeuze.AFGEROND,
    ).exists()
    rij = (
        pagina.locator("main table tbody tr")
        .filter(has_text=_label(Stap.S1))
        .filter(has_text=f"{_label(StapStatusKeuze.BEZIG)} → {_label(StapStatusKeuze.AFGEROND)}")
    )
    expect(rij).to_have_count(1)


def test_projectleider_start_traject_en_rondt_stap_1_af(
    pagina: Page, live_server, mensen, controleer_pagina, schermafdruk
) -> None:
    _inloggen(pagina, live_server, controleer_pagina)
    traject = _traject_aanmaken(pagina, mensen["product"], controleer_pagina)
    _team_samenstellen(pagina, traject, mensen, controleer_pagina, schermafdruk)
    _startsessie_vastleggen(pagina, traject, mensen, controleer_pagina)
    _verbeterpunt_vastleggen(pagina, traject, controleer_pagina)
    _stap1_afronden(pagina, traject, controleer_pagina)
    _tijdlijn_toont_afronding(pagina, traject, controleer_pagina)

    _knop(pagina, f"a[href='{reverse('trajecten:lijst')}']").first.click()
    expect(pagina.locator("main table")).to_contain_text(TITEL)
    assert not pagina.fouten, "\n".join(pagina.fouten)
    schermafdruk(pagina, "trajectenlijst")
    gecontroleerd = set(controleer_pagina.bezocht)
    assert set(PAGINAS) <= gecontroleerd, f"not checked with axe: {set(PAGINAS) - gecontroleerd}"
