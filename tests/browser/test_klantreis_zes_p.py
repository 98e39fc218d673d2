"""End to end in Chromium: steps 4 and 5.

1. The klantreiscoach opens the trajectory's customer journey tab, describes the persona, adds four
   phases and contact moments to the current journey (one a moment of truth with a negative experience)
   and to the desired journey, records an interview (a phone number in the notes is first refused at its
   field, the input kept), shares one of its key insights with the journey and sees the curve: the SVG
   with a moment-of-truth marker, and the insight on the journey page.
2. The projectleider, who gets a 403 on the interview, opens the 6P tab (step 3 done, step 5 in
   progress, the current process map beside the six P's), chooses the proposed formule, assesses the six
   P's through the form (one "deviates" with its explanation, first sent without one), turns that
   deviation into an improvement point with one click, finds the point linked to its P on the improvement
   points page and completes step 5 on the trajectory page.

Every page visited is checked with axe-core (no serious or critical WCAG 2.1 A/AA violation), for
duplicate ids, one h1 and console errors (a CSP violation is one). Selectors use names, ids and URLs,
never visible text, so the test does not depend on the translation.

`WASSTRAAT_SCREENSHOTS=<dir>` saves `klantreis.png` (the journey page with its curve) and `zes-p.png`
(the 6P page with the process map), the top 1400 px at 1280 px wide, for the README.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from klantreis.choices import Beleving, Kanaal, Klanttype, Reis, Toestemming
from klantreis.models import Contactmoment, Fase, Interview, InterviewLog, Inzicht, Klantreis
from serviceformules.choices import Oordeel, P
from serviceformules.models import Formulekeuze, PBeoordeling, Serviceformule
from tests.factories import (
    WACHTWOORD,
    AfdelingFactory,
    ProductFactory,
    TeamlidFactory,
    TrajectFactory,
    UserFactory,
    zet_stappen,
)
from tests.proces.factories import ProcesStapFactory, ProcesVersieFactory
from trajecten.choices import Kanaal as ProcesKanaal
from trajecten.choices import Lean, Rol, Stap, StapStatusKeuze, TrajectStatus, VersieStatus, Verspilling
from trajecten.models import ProcesVersie, StapStatus, Traject
from verbeterplan.models import Verbeterpunt
from wasstraat.accounts.models import Groep

pytestmark = pytest.mark.browser

#: The pages of steps 4 and 5, each checked with axe-core at least once.
PAGINAS = (
    "journey (not started)",
    "target group form",
    "phase form",
    "contact moment form",
    "journey (with curve)",
    "journey (curve as a table)",
    "contact moment (moment of truth)",
    "interviews",
    "interview form",
    "interview form (notes refused)",
    "interview",
    "journey (insight shared)",
    "6P (choose the formule)",
    "6P (formule chosen)",
    "assessment form",
    "assessment form (explanation missing)",
    "6P (improvement point made)",
    "improvement points",
    "trajectory (5 completed)",
    "6P (step 5 completed)",
)

PERSONA = {
    "persona_naam": "Bewoner die voor het eerst een parkeervergunning aanvraagt",
    "persona_omschrijving": "Is net verhuisd naar het centrum en wil zijn auto voor de deur parkeren.",
    "persona_behoeften": "Snel weten of hij een vergunning krijgt, wat het kost en vanaf wanneer die geldt.",
}

#: name, metric, current value, target value
FASEN = [
    ("Oriënteren", "Aandeel bezoekers dat de juiste pagina vindt", "40%", "90%"),
    ("Aanvragen", "Aandeel aanvragen dat in één keer compleet is", "55%", "95%"),
    ("Wachten op besluit", "Werkdagen van aanvraag tot besluit", "12", "1"),
    ("Vergunning gebruiken", "Klachten over handhaving per maand", "8", "2"),
]

#: phase index, journey, title, channel, what the customer does, experiences, experience, quotes, MvW
MOMENTEN = [
    (0, Reis.HUIDIG, "Zoekt op de website wat nodig is", Kanaal.WEBSITE,
     "Zoekt op ‘parkeervergunning’ en klikt door drie pagina's.",
     "De informatie staat verspreid en de kosten staan er niet bij.", Beleving.NEGATIEF,
     "Ik kon nergens vinden wat het kost.", False),
    (1, Reis.HUIDIG, "Vult het aanvraagformulier in", Kanaal.WEBSITE,
     "Logt in met DigiD en vult kenteken en adres in.",
     "Het formulier is duidelijk, maar vraagt om een kopie van het kentekenbewijs.", Beleving.NEUTRAAL,
     "", False),
    (1, Reis.HUIDIG, "Belt over de ontbrekende bijlage", Kanaal.TELEFOON,
     "Krijgt een brief dat de aanvraag onvolledig is en belt het KCC.",
     "Moet gegevens opnieuw doorgeven die de gemeente al heeft; weet niet hoe lang het nog duurt.",
     Beleving.ZEER_NEGATIEF, "Waarom vragen jullie dit twee keer?\nNiemand kon me zeggen wanneer ik hoor.",
     True),
    (2, Reis.HUIDIG, "Wacht op het besluit", Kanaal.POST,
     "Wacht twee weken en parkeert intussen in de garage.", "Onzeker en duur.", Beleving.NEGATIEF,
     "", False),
    (3, Reis.HUIDIG, "Ontvangt de vergunning per brief", Kanaal.BRIEF,
     "Legt de brief in de auto.", "Opgelucht dat het geregeld is.", Beleving.POSITIEF, "", False),
    (0, Reis.GEWENST, "Ziet op één pagina wat nodig is en wat het kost", Kanaal.WEBSITE,
     "Leest de productpagina.", "Weet in een minuut waar hij aan toe is.", Beleving.ZEER_POSITIEF,
     "", False),
    (1, Reis.GEWENST, "Vraagt aan; het kenteken wordt opgehaald bij de RDW", Kanaal.WEBSITE,
     "Logt in met DigiD en bevestigt het kenteken.", "Hoeft niets te uploaden.", Beleving.ZEER_POSITIEF,
     "", True),
    (3, Reis.GEWENST, "Vergunning direct digitaal actief", Kanaal.APP,
     "Ziet de vergunning in de app.", "Kan dezelfde dag voor de deur parkeren.", Beleving.POSITIEF, "",
     False),
]  # fmt: skip

NOTITIES = (
    "Inwoner A is in maart verhuisd. Vond de website onduidelijk over de kosten.\n"
    "Moest na de aanvraag bellen omdat het kentekenbewijs ontbrak; voelde zich van het kastje naar de "
    "muur gestuurd."
)
KERNINZICHTEN = (
    "Klanten willen vooraf weten wat de vergunning kost.\n"
    "Het opnieuw opvragen van het kentekenbewijs voelt als wantrouwen."
)

#: The verdict per P (in the method's order) and its explanation; Place deviates.
OORDELEN = {
    P.PRODUCT: (Oordeel.KOMT_OVEREEN, "De bewonersvergunning is een standaardproduct zonder maatwerk."),
    P.PRIJS: (Oordeel.KOMT_OVEREEN, "Het tarief staat in de legesverordening en wordt direct betaald."),
    P.PLAATS: (
        Oordeel.WIJKT_AF,
        "Wie een bijlage mist, moet bellen of naar de balie komen: de aanvraag kan niet volledig online.",
    ),
    P.PERSONEEL: (
        Oordeel.WIJKT_DEELS_AF,
        "Het KCC kan de aanvraag niet afronden en verwijst door naar Vergunningen.",
    ),
    P.PROCES: (Oordeel.KOMT_OVEREEN, "Met een complete aanvraag besluit het team binnen twee werkdagen."),
    P.PROMOTIE: (Oordeel.KOMT_OVEREEN, "Er is één productpagina in B1."),
}
AFWIJKEND = P.PLAATS

PROCESSTAPPEN = [
    ("Aanvraag indienen", "Aanvrager", ProcesKanaal.WEBSITE, Lean.WAARDE, ""),
    ("Aanvraag controleren", "Vergunningverlener", ProcesKanaal.INTERN, Lean.NODIG, ""),
    ("Kentekenbewijs opvragen", "Vergunningverlener", ProcesKanaal.POST, Lean.VERSPILLING,
     Verspilling.WACHTEN),
    ("Vergunning verlenen", "Vergunningverlener", ProcesKanaal.INTERN, Lean.WAARDE, ""),
]  # fmt: skip


def _flitsformule() -> Serviceformule:
    """The national Flitsformule as the data migration seeds it (a flush of an earlier test removed it)."""
    zaaien = importlib.import_module("serviceformules.migrations.0003_landelijke_formules")
    zaaien.landelijke_formules_zaaien(apps, None)
    return Serviceformule.objects.get(naam="Flitsformule")


@pytest.fixture
def mensen(transactional_db):
    """A running trajectory: steps 1–3 done, 4 and 5 in progress, a checked map of the current process.

    Sanne is its projectleider, Lotte its klantreiscoach, Mehmet its procesadviseur. The product carries
    the Flitsformule, so step 5 proposes it.
    """
    afdeling = AfdelingFactory(naam="Parkeren")
    projectleider = UserFactory(username="sanne", first_name="Sanne", last_name="de Vries", afdeling=afdeling,
                                groepen=[Groep.TRAJECTLEIDERS])  # fmt: skip
    coach = UserFactory(username="lotte", first_name="Lotte", last_name="Bakker", afdeling=afdeling)
    adviseur = UserFactory(username="mehmet", first_name="Mehmet", last_name="Yılmaz", afdeling=afdeling)
    flits = _flitsformule()
    traject = TrajectFactory(
        titel="Parkeervergunning bewoners: in één keer goed", aangemaakt_door=projectleider,
        product=ProductFactory(naam="Parkeervergunning bewoners", afdeling=afdeling, serviceformule=flits),
        aanleiding="Bewoners bellen vaak over ontbrekende bijlagen en wachten twee weken op hun vergunning.",
        doel="De vergunning binnen twee werkdagen, zonder telefoontje.",
    )  # fmt: skip
    TeamlidFactory(traject=traject, gebruiker=coach, rol=Rol.KLANTREISCOACH)
    TeamlidFactory(traject=traject, gebruiker=adviseur, rol=Rol.PROCESADVISEUR)
    versie = ProcesVersieFactory(traject=traject, door=adviseur, naam="Huidig proces parkeervergunning")
    for naam, actor, kanaal, lean, verspilling in PROCESSTAPPEN:
        ProcesStapFactory(
            versie=versie,
            door=adviseur,
            naam=naam,
            actor=actor,
            kanaal=kanaal,
            lean=lean,
            verspilling=verspilling,
        )
    ProcesVersie.objects.filter(pk=versie.pk).update(status=VersieStatus.GECONTROLEERD)
    klaar = StapStatusKeuze.AFGEROND
    traject = zet_stappen(
        traject,
        {Stap.S1: klaar, Stap.S2: klaar, Stap.S3A: klaar, Stap.S3B: klaar,
         Stap.S4: StapStatusKeuze.BEZIG, Stap.S5: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )  # fmt: skip
    return {"traject": traject, "formule": flits, "versie": versie}


# --- helpers ------------------------------------------------------------------------------------


def _url(pagina: Page, pad: str) -> str:
    """`pad` on the live server the page is on."""
    return re.match(r"https?://[^/]+", pagina.url).group(0) + pad


def _main(pagina: Page, selector: str):
    return pagina.locator(f"main {selector}")


def _link(pagina: Page, href: str):
    return _main(pagina, f"a[href='{href}']")


def _opslaan(pagina: Page) -> None:
    """Submit the page's main form (the one with a submit button in <main>)."""
    _main(pagina, "form[method=post] button[type=submit]").last.click()


def _inloggen(pagina: Page, live_server, gebruikersnaam: str) -> None:
    pagina.context.clear_cookies()
    pagina.goto(live_server.url + reverse("login"))
    pagina.fill("#id_username", gebruikersnaam)
    pagina.fill("#id_password", WACHTWOORD)
    _main(pagina, "form button[type=submit]").click()
    expect(pagina).to_have_url(live_server.url + reverse("trajecten:lijst"))


def _schermafdruk(pagina: Page, naam: str, hoogte: int = 1400) -> None:
    """Save the top `hoogte` px of the page as `<naam>.png` when WASSTRAAT_SCREENSHOTS names a directory."""
    map_ = os.environ.get("WASSTRAAT_SCREENSHOTS")
    if not map_:
        return
    Path(map_).mkdir(parents=True, exist_ok=True)
    pagina.evaluate(
        "() => { document.activeElement.blur(); window.scrollTo({top: 0, behavior: 'instant'}); }"
    )
    paginahoogte = pagina.evaluate("() => document.documentElement.scrollHeight")
    breedte = pagina.viewport_size["width"]
    pagina.screenshot(
        path=str(Path(map_) / f"{naam}.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": breedte, "height": min(hoogte, paginahoogte)},
    )


def _veld_fout(pagina: Page, selector: str, waarde: str) -> None:
    """The field is marked invalid, has its error next to it, and still holds what was typed."""
    veld = pagina.locator(selector)
    expect(veld).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(veld).to_have_value(waarde)
    veld_id = veld.get_attribute("id")
    expect(pagina.locator(f"#error_1_{veld_id}, #{veld_id} ~ .invalid-feedback").first).to_be_visible()


# --- 1. the klantreiscoach ----------------------------------------------------------------------


def _persona(pagina: Page, traject: Traject, controleer_pagina) -> Klantreis:
    pagina.goto(_url(pagina, traject.get_absolute_url()))
    overzicht = reverse("klantreis:overzicht", args=[traject.pk])
    _main(pagina, f"nav a[href='{overzicht}']").click()
    expect(pagina).to_have_url(re.compile(re.escape(overzicht) + "$"))
    controleer_pagina(pagina, "journey (not started)")
    _link(pagina, reverse("klantreis:bewerken", args=[traject.pk])).click()
    controleer_pagina(pagina, "target group form")
    for veld, waarde in PERSONA.items():
        pagina.fill(f"#id_{veld}", waarde)
    _opslaan(pagina)
    expect(pagina).to_have_url(re.compile(re.escape(overzicht) + "$"))
    return Klantreis.objects.get(traject=traject)


def _fasen(pagina: Page, traject: Traject, controleer_pagina) -> list[Fase]:
    nieuw = reverse("klantreis:fase_nieuw", args=[traject.pk])
    for nummer, (naam, metriek, nu, doel) in enumerate(FASEN):
        _link(pagina, nieuw).first.click()
        if nummer == 0:
            controleer_pagina(pagina, "phase form")
        pagina.fill("#id_naam", naam)
        pagina.fill("#id_metriek", metriek)
        pagina.fill("#id_huidige_waarde", nu)
        pagina.fill("#id_streefwaarde", doel)
        _opslaan(pagina)
        fase = Fase.objects.get(klantreis__traject=traject, naam=naam)
        expect(pagina.locator(f"#fase-{fase.pk}")).to_be_visible()
    return list(Fase.objects.filter(klantreis__traject=traject).order_by("volgorde"))


def _contactmomenten(pagina: Page, traject: Traject, fasen: list[Fase], controleer_pagina) -> None:
    """Every contact moment through the "add" link in its phase and journey on the journey page."""
    nieuw = reverse("klantreis:contactmoment_nieuw", args=[traject.pk])
    for nummer, (fase, reis, titel, kanaal, doet, ervaart, beleving, citaten, mvw) in enumerate(MOMENTEN):
        fase = fasen[fase]
        _link(pagina, f"{nieuw}?fase={fase.pk}&reis={reis.value}").click()
        # The phase and the journey come from the link.
        expect(pagina.locator("#id_fase")).to_have_value(str(fase.pk))
        expect(pagina.locator(f"input[name=reis][value={reis.value}]")).to_be_checked()
        if nummer == 0:
            controleer_pagina(pagina, "contact moment form")
        pagina.fill("#id_titel", titel)
        pagina.select_option("#id_kanaal", value=kanaal.value)
        pagina.fill("#id_klant_doet", doet)
        pagina.fill("#id_klant_ervaart", ervaart)
        pagina.check(f"input[name=beleving][value='{beleving.value}']")
        pagina.fill("#id_citaten", citaten)
        if mvw:
            pagina.check("#id_moment_van_waarheid")
        _opslaan(pagina)
        moment = Contactmoment.objects.get(fase=fase, titel=titel)
        expect(pagina.locator(f"#contactmoment-{moment.pk}")).to_be_visible()
    momenten = Contactmoment.objects.filter(fase__klantreis__traject=traject)
    assert momenten.filter(reis=Reis.HUIDIG).count() == 5
    assert momenten.filter(reis=Reis.GEWENST).count() == 3
    waarheid = momenten.get(reis=Reis.HUIDIG, moment_van_waarheid=True)
    assert (waarheid.beleving, waarheid.kanaal) == (Beleving.ZEER_NEGATIEF, Kanaal.TELEFOON)


def _curve_zien(pagina: Page, naam: str, controleer_pagina) -> None:
    """The heartbeat: an accessible SVG with both journeys and the moments of truth as stars."""
    curve = _main(pagina, "svg.klantreiscurve")
    expect(curve).to_have_count(1)
    expect(curve).to_have_attribute("role", "img")
    expect(curve.locator("title").first).not_to_be_empty()
    expect(curve.locator(".punt-huidig")).to_have_count(5)
    expect(curve.locator(".punt-gewenst")).to_have_count(3)
    expect(curve.locator(".punt-huidig.moment-van-waarheid")).to_have_count(1)
    expect(curve.locator(".moment-van-waarheid")).to_have_count(2)
    controleer_pagina(pagina, naam)


def _moment_van_waarheid(pagina: Page, traject: Traject, controleer_pagina) -> None:
    """The moment of truth's own page, from the journey page and back."""
    moment = Contactmoment.objects.get(
        fase__klantreis__traject=traject, reis=Reis.HUIDIG, moment_van_waarheid=True
    )
    _main(pagina, f"#contactmoment-{moment.pk} a[href='{moment.get_absolute_url()}']").click()
    expect(pagina).to_have_url(re.compile(re.escape(moment.get_absolute_url()) + "$"))
    expect(pagina.locator("main")).to_contain_text(moment.titel)
    controleer_pagina(pagina, "contact moment (moment of truth)")
    pagina.go_back()


def _interview(pagina: Page, traject: Traject, controleer_pagina) -> Interview:
    """Record an interview; a phone number in the notes comes back at the field, the input kept."""
    _link(pagina, reverse("klantreis:interviews", args=[traject.pk])).click()
    controleer_pagina(pagina, "interviews")
    _link(pagina, reverse("klantreis:interview_nieuw", args=[traject.pk])).click()
    controleer_pagina(pagina, "interview form")
    vandaag = timezone.localdate()
    pagina.fill("#id_datum", vandaag.isoformat())
    pagina.select_option("#id_klanttype", value=Klanttype.INWONER.value)
    pagina.fill("#id_pseudoniem", "Inwoner A")
    pagina.check(f"input[name=toestemming_wijze][value={Toestemming.MONDELING.value}]")
    pagina.fill("#id_toestemming_op", (vandaag - dt.timedelta(days=3)).isoformat())
    met_nummer = NOTITIES + "\nWil teruggebeld worden op 06-12345678."
    pagina.fill("#id_notities", met_nummer)
    pagina.fill("#id_kerninzichten", KERNINZICHTEN)
    _opslaan(pagina)
    _veld_fout(pagina, "#id_notities", met_nummer)
    expect(pagina.locator("#id_pseudoniem")).to_have_value("Inwoner A")
    expect(pagina.locator("#id_kerninzichten")).to_have_value(KERNINZICHTEN)
    assert not Interview.objects.exists()
    controleer_pagina(pagina, "interview form (notes refused)")

    pagina.fill("#id_notities", NOTITIES)
    _opslaan(pagina)
    interview = Interview.objects.get(klantreis__traject=traject)
    expect(pagina).to_have_url(re.compile(re.escape(interview.get_absolute_url()) + "$"))
    assert interview.pseudoniem == "Inwoner A"
    assert interview.toestemming_wijze == Toestemming.MONDELING
    assert interview.kerninzichten_lijst == KERNINZICHTEN.splitlines()
    controleer_pagina(pagina, "interview")
    return interview


def _inzicht_delen(pagina: Page, traject: Traject, interview: Interview, controleer_pagina) -> str:
    inzicht = KERNINZICHTEN.splitlines()[1]
    formulier = _main(
        pagina, f"form[action='{reverse('klantreis:inzicht_delen', args=[traject.pk, interview.pk])}']"
    )
    formulier.locator("select[name=kerninzicht]").select_option(value=inzicht)
    formulier.locator("button[type=submit]").click()
    expect(pagina).to_have_url(re.compile(re.escape(interview.get_absolute_url()) + "#inzichten$"))
    assert list(Inzicht.objects.values_list("tekst", flat=True)) == [inzicht]
    return inzicht


def test_klantreiscoach_and_projectleider_steps_4_and_5(
    pagina: Page, live_server, mensen, controleer_pagina
) -> None:
    traject: Traject = mensen["traject"]

    # 1. The klantreiscoach: persona, phases, contact moments, an interview, an insight, the curve.
    _inloggen(pagina, live_server, "lotte")
    _persona(pagina, traject, controleer_pagina)
    fasen = _fasen(pagina, traject, controleer_pagina)
    assert [f.naam for f in fasen] == [f[0] for f in FASEN]
    _contactmomenten(pagina, traject, fasen, controleer_pagina)
    _curve_zien(pagina, "journey (with curve)", controleer_pagina)
    # The accessible table beside the curve, opened.
    _main(pagina, "details summary").first.click()
    expect(_main(pagina, "details table tbody tr")).to_have_count(len(FASEN))
    controleer_pagina(pagina, "journey (curve as a table)")
    _moment_van_waarheid(pagina, traject, controleer_pagina)

    interview = _interview(pagina, traject, controleer_pagina)
    inzicht = _inzicht_delen(pagina, traject, interview, controleer_pagina)
    pagina.goto(_url(pagina, reverse("klantreis:overzicht", args=[traject.pk])))
    expect(pagina.locator("#interviews")).to_contain_text(inzicht)
    _curve_zien(pagina, "journey (insight shared)", controleer_pagina)
    _schermafdruk(pagina, "klantreis")
    # Creating and viewing the interview were logged for the privacy officer, without the notes.
    log = list(InterviewLog.objects.filter(interview=interview).values_list("handeling", "omschrijving"))
    assert {h for h, _o in log} >= {"aangemaakt", "bekeken"}
    assert all("kentekenbewijs" not in o for _h, o in log)

    # 2. The projectleider cannot open the interview notes.
    _inloggen(pagina, live_server, "sanne")
    antwoord = pagina.request.get(live_server.url + interview.get_absolute_url(), max_redirects=0)
    assert antwoord.status == 403
    # ...but sees the shared insight on the journey, not the pseudonym.
    pagina.goto(live_server.url + reverse("klantreis:overzicht", args=[traject.pk]))
    expect(pagina.locator("#interviews")).to_contain_text(inzicht)
    expect(pagina.locator("main")).not_to_contain_text("Inwoner A")

    _zes_p(pagina, traject, mensen["formule"], mensen["versie"], controleer_pagina)

    assert not pagina.fouten, "\n".join(pagina.fouten)
    gecontroleerd = set(controleer_pagina.bezocht)
    assert set(PAGINAS) <= gecontroleerd, f"not checked with axe: {set(PAGINAS) - gecontroleerd}"


# --- 2. the projectleider -----------------------------------------------------------------------


def _formule_kiezen(pagina: Page, traject: Traject, formule: Serviceformule, controleer_pagina) -> None:
    pagina.goto(_url(pagina, traject.get_absolute_url()))
    zes_p = reverse("serviceformules:zes_p", args=[traject.pk])
    _main(pagina, f"nav a[href='{zes_p}']").click()
    expect(pagina).to_have_url(re.compile(re.escape(zes_p) + "$"))
    # The product's formule is proposed; the current process map is not shown before a formule is chosen.
    expect(pagina.locator(f"input[name=formule][value='{formule.pk}']")).to_be_checked()
    controleer_pagina(pagina, "6P (choose the formule)")
    pagina.fill("#id_toelichting", "Een standaardproduct dat de bewoner zelf online regelt.")
    _main(
        pagina, f"form[action='{reverse('serviceformules:formule_kiezen', args=[traject.pk])}'] button"
    ).click()
    expect(pagina).to_have_url(re.compile(re.escape(zes_p) + "$"))
    assert Formulekeuze.objects.get(traject=traject).formule == formule
    # The map of step 3 beside the six P's, and the overview with every P not assessed yet.
    expect(_main(pagina, ".zes-p-proceskaart svg.swimlane")).to_have_count(1)
    expect(_main(pagina, "svg.zes-p-overzicht")).to_have_count(1)
    controleer_pagina(pagina, "6P (formule chosen)")


def _beoordelen(pagina: Page, traject: Traject, controleer_pagina) -> None:
    for nummer, (p, (oordeel, toelichting)) in enumerate(OORDELEN.items()):
        _link(pagina, reverse("serviceformules:p_beoordelen", args=[traject.pk, p.value])).click()
        pagina.check(f"input[name=oordeel][value={oordeel.value}]")
        if nummer == 0:
            controleer_pagina(pagina, "assessment form")
        if p == AFWIJKEND:
            # A deviation without its explanation comes back at the field, the verdict kept.
            _opslaan(pagina)
            _veld_fout(pagina, "#id_toelichting", "")
            expect(pagina.locator(f"input[name=oordeel][value={oordeel.value}]")).to_be_checked()
            controleer_pagina(pagina, "assessment form (explanation missing)")
        pagina.fill("#id_toelichting", toelichting)
        _opslaan(pagina)
        expect(pagina).to_have_url(
            re.compile(re.escape(reverse("serviceformules:zes_p", args=[traject.pk])) + f"#p-{p.value}$")
        )
        expect(pagina.locator(f"#p-{p.value}")).to_contain_text(toelichting)
    beoordelingen = dict(PBeoordeling.objects.filter(traject=traject).values_list("p", "oordeel"))
    assert beoordelingen == {p.value: o.value for p, (o, _t) in OORDELEN.items()}
    # The overview shows the verdict of every P.
    for p, (oordeel, _t) in OORDELEN.items():
        expect(_main(pagina, f"svg.zes-p-overzicht [data-p={p.value}]")).to_have_class(
            re.compile(rf"\boordeel-{oordeel.value}\b")
        )


def _verbeterpunt(pagina: Page, traject: Traject, controleer_pagina) -> None:
    """The deviation becomes an improvement point with one click, linked to its P."""
    actie = reverse("verbeterplan:p_verbeterpunt", args=[traject.pk, AFWIJKEND.value])
    _main(pagina, f"form[action='{actie}'] button[type=submit]").click()
    expect(pagina).to_have_url(re.compile(f"#p-{AFWIJKEND.value}$"))
    punt = Verbeterpunt.objects.get(traject=traject)
    beoordeling = PBeoordeling.objects.get(traject=traject, p=AFWIJKEND)
    assert punt.p_beoordeling == beoordeling
    punten = reverse("verbeterplan:verbeterpunten", args=[traject.pk])
    rij = pagina.locator(f"#p-{AFWIJKEND.value}")
    expect(rij.locator(f"form[action='{actie}']")).to_have_count(0)
    expect(rij.locator(f"a[href='{punten}']")).to_be_visible()
    controleer_pagina(pagina, "6P (improvement point made)")

    _main(pagina, f"nav a[href='{punten}']").click()
    expect(pagina).to_have_url(re.compile(re.escape(punten) + "$"))
    regel = _main(pagina, "table tbody tr")
    expect(regel).to_have_count(1)
    expect(regel).to_contain_text(punt.titel)
    expect(regel.locator(f"a[href='{beoordeling.get_absolute_url()}']")).to_be_visible()
    controleer_pagina(pagina, "improvement points")


def _stap5_afronden(pagina: Page, traject: Traject, controleer_pagina) -> None:
    pagina.goto(_url(pagina, traject.get_absolute_url()))
    url = reverse("trajecten:stap_actie", args=[traject.pk, Stap.S5.value, "afronden"])
    _main(pagina, f"form[action='{url}'] button[type=submit]").click()
    expect(pagina.locator(f"#stap-{Stap.S5.value}")).to_have_attribute(
        "data-status", StapStatusKeuze.AFGEROND.value
    )
    assert StapStatus.objects.get(traject=traject, stap=Stap.S5).status == StapStatusKeuze.AFGEROND
    controleer_pagina(pagina, "trajectory (5 completed)")


def _zes_p(pagina: Page, traject: Traject, formule: Serviceformule, versie, controleer_pagina) -> None:
    _formule_kiezen(pagina, traject, formule, controleer_pagina)
    _beoordelen(pagina, traject, controleer_pagina)
    _verbeterpunt(pagina, traject, controleer_pagina)
    _stap5_afronden(pagina, traject, controleer_pagina)
    pagina.goto(_url(pagina, reverse("serviceformules:zes_p", args=[traject.pk])))
    expect(_main(pagina, f".zes-p-proces a[href='{versie.get_absolute_url()}']")).to_be_visible()
    controleer_pagina(pagina, "6P (step 5 completed)")
    _schermafdruk(pagina, "zes-p")
