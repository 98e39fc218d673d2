"""In Chromium: a large process map readable at a glance, the trajectory page without repetition, and an
impossible date that stays visible.

- The process page of a twelve-step process over five lanes: at 100% the diagram is wider than its
  frame, so a "more" cue shows at the right edge and the toolbar says which steps are in view; the lane
  names stay in view while the frame scrolls sideways; "fit to width" makes the whole map fit (the cue
  goes); the keys + - 0 zoom in the frame; the choice is remembered; the legend lies below the frame.
- The trajectory page: the steps in progress as cards with what is missing and who acts next, the others
  as closed lines that a link (#stap-6) or a click opens; the page is checked with axe-core.
- An impossible date typed in a browser without a date picker comes back visible in the field, with
  the Dutch error quoting it.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from tests.bpmn.factories import ProcesVersieFactory
from tests.factories import (
    WACHTWOORD,
    AfdelingFactory,
    ProductFactory,
    TeamlidFactory,
    TrajectFactory,
    UserFactory,
    zet_stappen,
)
from trajecten.choices import Kanaal, Lean, Rol, Stap, StapSoort, StapStatusKeuze, TrajectStatus, Verspilling
from trajecten.models import ProcesStap, ProcesVersie
from wasstraat.accounts.models import Groep

pytestmark = pytest.mark.browser

A, B, W, H = StapSoort.ACTIE, StapSoort.BESLISSING, StapSoort.WACHTEN, StapSoort.OVERDRACHT
#: The demo's omgevingsvergunning: twelve steps, five lanes, the last two lanes only at the far right.
STAPPEN = [
    ("Aanvraag indienen", "Aanvrager", A, Lean.WAARDE),
    ("Aanvraag overnemen in zaaksysteem", "Vergunningverlener", A, Lean.VERSPILLING),
    ("Ontvangstbevestiging versturen", "Vergunningverlener", A, Lean.NODIG),
    ("Aanvraag compleet?", "Vergunningverlener", B, Lean.NODIG),
    ("Aanvulling opvragen", "Vergunningverlener", A, Lean.VERSPILLING),
    ("Aanvulling aanleveren", "Aanvrager", A, Lean.VERSPILLING),
    ("Statusvraag doorzetten", "KCC", H, Lean.VERSPILLING),
    ("Inhoudelijk beoordelen", "Vergunningverlener", A, Lean.WAARDE),
    ("Welstandsadvies aanvragen", "Vergunningverlener", H, Lean.NODIG),
    ("Welstandsadvies uitbrengen", "Welstand", W, Lean.NODIG),
    ("Juridische toets", "Jurist", A, Lean.NODIG),
    ("Besluit nemen en bekendmaken", "Vergunningverlener", A, Lean.WAARDE),
]


def _nl(tekst: str) -> str:
    with translation.override("nl"):
        return translation.gettext(tekst)


@pytest.fixture
def omgeving(transactional_db):
    """A running trajectory (1 and 4 done, 2 and 3a in progress) with a twelve-step current process."""
    afdeling = AfdelingFactory(naam="Vergunningen")
    projectleider = UserFactory(username="sanne", first_name="Sanne", last_name="de Vries", afdeling=afdeling,
                                groepen=[Groep.TRAJECTLEIDERS])  # fmt: skip
    adviseur = UserFactory(username="mehmet", first_name="Mehmet", last_name="Yılmaz", afdeling=afdeling)
    eigenaar = UserFactory(username="peter", first_name="Peter", last_name="van den Berg", afdeling=afdeling)
    traject = TrajectFactory(
        titel="Omgevingsvergunning sneller", aangemaakt_door=projectleider,
        product=ProductFactory(naam="Omgevingsvergunning", afdeling=afdeling),
    )  # fmt: skip
    TeamlidFactory(traject=traject, gebruiker=adviseur, rol=Rol.PROCESADVISEUR)
    TeamlidFactory(traject=traject, gebruiker=eigenaar, rol=Rol.PROCESEIGENAAR)
    zet_stappen(
        traject,
        {
            Stap.S1: StapStatusKeuze.AFGEROND,
            Stap.S2: StapStatusKeuze.BEZIG,
            Stap.S3A: StapStatusKeuze.BEZIG,
            Stap.S4: StapStatusKeuze.AFGEROND,
        },
        traject_status=TrajectStatus.LOPEND,
    )
    naam = "Huidig proces reguliere procedure"
    versie = ProcesVersieFactory(traject=traject, naam=naam, aangemaakt_door=adviseur)
    stappen = ProcesStap.objects.bulk_create(
        ProcesStap(versie=versie, volgorde=i, naam=naam, actor=actor, soort=soort, lean=lean,
                   verspilling=Verspilling.WACHTEN if lean == Lean.VERSPILLING else "", kanaal=Kanaal.INTERN,
                   bewerkingstijd=Decimal(30), wachttijd=Decimal(1))
        for i, (naam, actor, soort, lean) in enumerate(STAPPEN, start=1)
    )  # fmt: skip
    beslissing = ProcesStap.objects.get(versie=versie, volgorde=4)
    beslissing.vertakking_naar = ProcesStap.objects.get(versie=versie, volgorde=8)
    beslissing.vertakking_label = "compleet"
    beslissing.save()
    assert len(stappen) == 12
    return {"traject": traject, "versie": versie}


def _inloggen(pagina: Page, live_server, wie: str = "mehmet") -> None:
    pagina.goto(live_server.url + reverse("login"))
    pagina.fill("#id_username", wie)
    pagina.fill("#id_password", WACHTWOORD)
    pagina.locator("main form button[type=submit]").click()
    expect(pagina).to_have_url(live_server.url + reverse("trajecten:lijst"))


def _maat(pagina: Page, selector: str) -> dict:
    return pagina.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {links: r.left, rechts: r.right,"
        " breedte: r.width, scroll: e.scrollWidth, zicht: e.clientWidth}; }"
    )


def _diagram_wijder_dan_het_kader(pagina: Page) -> None:
    werkbalk = pagina.locator("[data-swimlane-werkbalk]")
    expect(werkbalk).to_be_visible()
    expect(werkbalk.locator("[data-zoom-waarde]")).to_have_text("100%")
    kader = _maat(pagina, "#proces-diagram")
    assert kader["scroll"] > 1.5 * kader["zicht"], kader  # twelve steps: far wider than the frame
    meer = pagina.locator(".swimlane-cue--rechts button")
    expect(meer).to_be_visible()
    expect(pagina.locator(".swimlane-cue--links")).to_be_hidden()
    expect(werkbalk.locator("[data-swimlane-status]")).to_have_text(re.compile(r"1–\d+ .*12"))
    # the lanes whose steps lie out of view say how many they hold
    banen = pagina.locator(".swimlane-plaklabels")
    expect(banen).to_contain_text("Jurist")
    expect(banen).to_contain_text(re.compile(r"1 (stap|step)\b"))
    # the legend is below the frame, not inside what scrolls
    expect(pagina.locator(".swimlane-legenda-plek > svg")).to_have_count(8)  # the heading and 7 entries
    legenda = pagina.locator(".swimlane-legenda-plek").bounding_box()
    frame = pagina.locator("#proces-diagram").bounding_box()
    assert legenda["y"] >= frame["y"] + frame["height"] and legenda["width"] > 300


def _labels_blijven_in_beeld(pagina: Page) -> None:
    pagina.locator(".swimlane-cue--rechts button").click()
    pagina.wait_for_function("() => document.getElementById('proces-diagram').scrollLeft > 300")
    kader = _maat(pagina, "#proces-diagram")
    labels = _maat(pagina, ".swimlane-plaklabels svg")
    assert abs(labels["links"] - kader["links"]) < 3, (labels, kader)  # stuck at the frame's left edge
    expect(pagina.locator(".swimlane-plaklabels")).to_contain_text("Vergunningverlener")
    expect(pagina.locator(".swimlane-cue--links button")).to_be_visible()
    status = pagina.locator("[data-swimlane-status]").inner_text()
    assert not status.startswith(("Stap 1–", "Steps 1–")), status


def _passend_en_toetsen(pagina: Page) -> None:
    pagina.locator("[data-zoom=passend]").click()
    expect(pagina.locator("[data-zoom=passend]")).to_have_attribute("aria-pressed", "true")
    kader = _maat(pagina, "#proces-diagram")
    assert kader["scroll"] <= kader["zicht"] + 1, kader  # the whole map in the frame
    expect(pagina.locator(".swimlane-cue--rechts")).to_be_hidden()
    expect(pagina.locator("[data-swimlane-status]")).to_contain_text("12")
    waarde = int(pagina.locator("[data-zoom-waarde]").inner_text().rstrip("%"))
    assert 30 <= waarde < 100
    pagina.locator("#proces-diagram").focus()
    pagina.keyboard.press("+")
    expect(pagina.locator("[data-zoom-waarde]")).not_to_have_text(f"{waarde}%")
    pagina.keyboard.press("0")
    expect(pagina.locator("[data-zoom-waarde]")).to_have_text("100%")
    pagina.locator("[data-zoom=passend]").click()
    pagina.reload()
    expect(pagina.locator("[data-zoom=passend]")).to_have_attribute("aria-pressed", "true")  # remembered
    pagina.locator("[data-zoom=ware]").click()  # the screenshot shows it at its real size


def _geen_woord_gebroken(pagina: Page) -> None:
    regels = pagina.locator("#proces-diagram g[data-stap='3'] tspan").evaluate_all(
        "spans => spans.map((s) => s.textContent)"
    )
    assert regels == ["Ontvangstbevestiging", "versturen"], regels


def test_a_twelve_step_process_offers_zoom_a_scroll_cue_and_lane_names_in_view(
    pagina: Page, live_server, omgeving, controleer_pagina, schermafdruk
) -> None:
    versie: ProcesVersie = omgeving["versie"]
    _inloggen(pagina, live_server)
    pagina.goto(live_server.url + versie.get_absolute_url())
    pagina.evaluate("() => window.localStorage.clear()")
    pagina.reload()
    _diagram_wijder_dan_het_kader(pagina)
    _geen_woord_gebroken(pagina)
    controleer_pagina(pagina, "process (twelve steps)")
    _labels_blijven_in_beeld(pagina)
    _passend_en_toetsen(pagina)
    controleer_pagina(pagina, "process (twelve steps, zoomed)")
    schermafdruk(pagina, "proces", vanaf="#diagram-titel")


def test_the_trajectory_page_shows_the_steps_in_progress_and_the_rest_on_demand(
    pagina: Page, live_server, omgeving, controleer_pagina, schermafdruk
) -> None:
    traject = omgeving["traject"]
    _inloggen(pagina, live_server, "sanne")
    pagina.goto(live_server.url + traject.get_absolute_url())
    for stap in (Stap.S2, Stap.S3A):
        kaart = pagina.locator(f"#stap-{stap.value}")
        expect(kaart).to_be_visible()
        expect(kaart).to_contain_text(_nl("Still missing"))
        expect(kaart).to_contain_text(_nl("Who acts next"))
    expect(pagina.locator("#stap-2")).to_contain_text("Peter van den Berg")
    zes = pagina.locator("#stap-6")
    expect(zes).not_to_have_attribute("open", "")
    expect(zes.locator(".stapregel-inhoud")).to_be_hidden()
    controleer_pagina(pagina, "trajectory (two steps in progress)")
    hoogte = pagina.evaluate("() => document.documentElement.scrollHeight")
    assert hoogte < 2400, hoogte  # was about 3,000 px with a card per step
    # a tile of the strip links to a closed step: it opens
    pagina.locator("ol.wasstraat a[href='#stap-6']").click()
    expect(zes).to_have_attribute("open", "")
    expect(zes).to_contain_text(_nl("Waits for"))
    expect(zes).not_to_contain_text(_nl("Who acts next"))
    # and a click on a line opens it too, with the step's actions (reopening step 1)
    pagina.locator("#stap-1 > summary").click()
    heropenen = reverse("trajecten:stap_actie", args=[traject.pk, Stap.S1.value, "heropenen"])
    expect(pagina.locator(f"#stap-1 a[href='{heropenen}']")).to_be_visible()
    controleer_pagina(pagina, "trajectory (steps opened)")
    pagina.goto(live_server.url + traject.get_absolute_url())
    schermafdruk(pagina, "traject", vanaf="#wasstraat-kop")


def test_an_impossible_date_stays_visible_with_the_error_that_quotes_it(
    pagina: Page, live_server, omgeving, controleer_pagina
) -> None:
    traject = omgeving["traject"]
    _inloggen(pagina, live_server, "sanne")
    pagina.goto(live_server.url + reverse("trajecten:bewerken", args=[traject.pk]))
    # A browser without a date picker (or typing past it) sends what was typed.
    pagina.locator("#id_startdatum").evaluate("e => { e.type = 'text'; }")
    pagina.fill("#id_startdatum", "31-02-2026")
    pagina.locator("main form button[type=submit]").click()
    veld = pagina.locator("#id_startdatum")
    expect(veld).to_have_value("31-02-2026")  # what the browser shows, not only what the HTML says
    expect(veld).to_have_attribute("type", "text")
    expect(pagina.locator("main")).to_contain_text(
        _nl("“%(waarde)s” is not an existing date. Type the date as dd-mm-yyyy, for example 28-02-2026.")
        % {"waarde": "31-02-2026"}
    )
    controleer_pagina(pagina, "trajectory form (impossible date)")
    pagina.fill("#id_startdatum", "28-02-2026")
    pagina.locator("main form button[type=submit]").click()
    expect(pagina).to_have_url(re.compile(re.escape(traject.get_absolute_url()) + "$"))
    traject.refresh_from_db()
    assert traject.startdatum.isoformat() == "2026-02-28"
