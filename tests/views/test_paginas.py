"""What the pages show and do: the wasstraat at a glance, completing step 1 through the pages, the
calendar file and the PDF, the list's filters and the htmx partials.

Texts that the application writes itself are compared in the language the page is in (Dutch), by
translating the source text here, so these tests hold before and after a translation changes.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import (
    AfdelingFactory,
    ProductFactory,
    SessieFactory,
    TrajectFactory,
    UserFactory,
    zet_stappen,
)
from tests.views.conftest import Omgeving
from tests.views.html import element_met_id, html, links_en_formulieren, tekst
from trajecten import services, workflow
from trajecten.choices import Discipline, GebeurtenisSoort, Rol, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import Gebeurtenis, StapStatus, Teamlid, Traject

PL = Rol.PROJECTLEIDER.value


def nl(tekst_: str) -> str:
    with translation.override("nl"):
        return gettext(tekst_)


def ingelogd(persoon) -> Client:
    client = Client()
    client.force_login(persoon)
    return client


def stapkaart(response, stap: str):
    kaart = element_met_id(html(response), f"stap-{stap}")
    assert kaart is not None, f"no card for step {stap}"
    return kaart


def stapacties(response) -> set[str]:
    """The step actions the page offers, as "stap/actie" (from the links and forms)."""
    prefix = "/stappen/"
    return {
        url.split(prefix, 1)[1].strip("/") for url in links_en_formulieren(html(response)) if prefix in url
    }


# --- the wasstraat at a glance --------------------------------------------------------------------


def test_the_page_shows_the_ten_steps_with_3a_and_3b_in_order(gedeeld: Omgeving):
    response = ingelogd(gedeeld.persoon(Rol.SPONSOR)).get(gedeeld.traject.get_absolute_url())
    inhoud = response.content.decode()
    posities = [inhoud.index(f'id="stap-{stap.value}"') for stap in Stap]
    assert posities == sorted(posities)
    assert [s.value for s in Stap] == ["1", "2", "3a", "3b", "4", "5", "6", "7", "8", "9", "10"]
    for stap in Stap:
        kaart = tekst(stapkaart(response, stap.value))
        with translation.override("nl"):
            assert str(stap.label) in kaart
            assert str(workflow.WORKFLOW[stap].voorwaarde) in kaart


def test_the_page_says_what_is_still_missing_for_step_1(db):
    projectleider = UserFactory()
    traject = TrajectFactory(aangemaakt_door=projectleider)
    services.stap_starten(traject=traject, stap=Stap.S1, door=projectleider)
    response = ingelogd(projectleider).get(traject.get_absolute_url())
    with translation.override("nl"):
        ontbrekend = workflow.ontbrekend(traject, Stap.S1)
    assert len(ontbrekend) == 3  # a sponsor, a process owner, the start session
    kaart = tekst(stapkaart(response, "1"))
    for bericht in ontbrekend:
        assert tekst(bericht) in kaart
    assert "1/afronden" not in stapacties(response)  # no "complete" button while something is missing


def test_the_page_says_who_acts_next(gedeeld: Omgeving):
    response = ingelogd(gedeeld.persoon(Rol.SPONSOR)).get(gedeeld.traject.get_absolute_url())
    assert str(gedeeld.persoon(PL)) in tekst(stapkaart(response, "1"))
    assert str(gedeeld.persoon(Rol.PROCESEIGENAAR)) in tekst(stapkaart(response, "2"))
    assert str(gedeeld.persoon(Rol.PROCESADVISEUR)) in tekst(stapkaart(response, "3a"))
    assert str(gedeeld.persoon(Rol.KLANTREISCOACH)) in tekst(stapkaart(response, "4"))


def _element(response, ident: str) -> str:
    """The start tag of the element with `id="<ident>"` (its tag name and attributes)."""
    element = stapkaart(response, ident)
    return f"<{element.name} " + " ".join(f'{k}="{v}"' for k, v in element.attributes)


def _in_uitvoering(traject) -> None:
    """Step 1 done, 2 and 3a in progress, 4 done: as the demo's omgevingsvergunning."""
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


def test_the_steps_in_progress_come_first_with_what_blocks_them_and_each_step_shows_once(gedeeld: Omgeving):
    _in_uitvoering(gedeeld.traject)
    response = ingelogd(gedeeld.persoon(Rol.SPONSOR)).get(gedeeld.traject.get_absolute_url())
    inhoud = response.content.decode()
    for stap in Stap:
        assert inhoud.count(f'id="stap-{stap.value}"') == 1, stap  # no card repeated
    posities = {stap: inhoud.index(f'id="stap-{stap.value}"') for stap in Stap}
    lopend, overig = [Stap.S2, Stap.S3A], [s for s in Stap if s not in (Stap.S2, Stap.S3A)]
    assert max(posities[s] for s in lopend) < min(posities[s] for s in overig)
    for stap in lopend:  # a card, open, saying what is missing and who completes it
        assert _element(response, stap.value).startswith("<article ")
        kaart = tekst(stapkaart(response, stap.value))
        assert nl("Still missing") in kaart and nl("Who acts next") in kaart
    assert str(gedeeld.persoon(Rol.PROCESEIGENAAR)) in tekst(stapkaart(response, "2"))
    for stap in overig:  # the rest on demand: a closed <details> that still names the step and its rule
        start = _element(response, stap.value)
        assert start.startswith("<details ") and " open" not in start, start
        with translation.override("nl"):
            assert str(stap.label) in tekst(stapkaart(response, stap.value))


def test_a_step_waiting_for_others_says_what_it_waits_for_not_who_acts_next(gedeeld: Omgeving):
    _in_uitvoering(gedeeld.traject)
    response = ingelogd(gedeeld.persoon(PL)).get(gedeeld.traject.get_absolute_url())
    wachtend = tekst(stapkaart(response, "5"))  # step 5 needs 3a and 3b
    assert nl("Who acts next") not in wachtend
    assert nl("Waits for") in wachtend
    with translation.override("nl"):
        assert str(Stap.S3A.label) in wachtend and str(Stap.S3B.label) in wachtend
    afgerond = tekst(stapkaart(response, "1"))
    assert nl("Who acts next") not in afgerond and nl("To be completed by") not in afgerond


def test_a_step_that_can_start_is_offered_with_who_may_start_it(gedeeld: Omgeving):
    response = ingelogd(gedeeld.persoon(PL)).get(gedeeld.traject.get_absolute_url())  # a draft
    kaart = tekst(stapkaart(response, "1"))
    assert nl("Who can start it") in kaart
    assert str(gedeeld.persoon(PL)) in kaart
    assert nl("Can start now") in tekst(html(response))
    assert "1/start" in stapacties(response)
    assert not _element(response, "1").startswith("<details")  # shown, not hidden behind a click


def test_every_action_stays_on_the_page_for_the_steps_opened_on_demand(gedeeld: Omgeving):
    zet_stappen(
        gedeeld.traject,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S3A: StapStatusKeuze.AFGEROND},
        traject_status=TrajectStatus.LOPEND,
    )
    response = ingelogd(gedeeld.persoon(Rol.PROCESADVISEUR)).get(gedeeld.traject.get_absolute_url())
    assert {"3a/heropenen", "3b/start", "3b/overslaan"} <= stapacties(response)
    heropenen = reverse("trajecten:stap_actie", args=[gedeeld.traject.pk, "3a", "heropenen"])
    assert heropenen in links_en_formulieren(stapkaart(response, "3a"))  # inside the step's own line


def test_the_page_names_a_role_nobody_holds_yet(db):
    projectleider = UserFactory()
    traject = TrajectFactory(aangemaakt_door=projectleider)
    response = ingelogd(projectleider).get(traject.get_absolute_url())
    with translation.override("nl"):
        rol = str(Rol.PROCESEIGENAAR.label).lower()
    assert rol in tekst(stapkaart(response, "2"))


@pytest.mark.parametrize(
    ("rol", "acties"),
    [
        (PL, {"1/start"}),
        (Rol.SPONSOR.value, set()),
        (Rol.PROCESEIGENAAR.value, set()),
        (Rol.PROCESADVISEUR.value, set()),
        ("management", set()),
    ],
)
def test_only_the_buttons_the_user_may_use_are_shown_in_a_draft(gedeeld: Omgeving, rol: str, acties: set):
    response = ingelogd(gedeeld.persoon(rol)).get(gedeeld.traject.get_absolute_url())
    assert stapacties(response) == acties


def test_after_step_1_each_role_sees_its_own_buttons(gedeeld: Omgeving):
    zet_stappen(gedeeld.traject, {Stap.S1: StapStatusKeuze.AFGEROND}, traject_status=TrajectStatus.LOPEND)
    verwacht = {
        PL: {"1/heropenen", "2/start", "3a/start", "4/start"},
        Rol.PROCESEIGENAAR.value: {"2/start"},
        Rol.PROCESADVISEUR.value: {"3a/start"},
        Rol.KLANTREISCOACH.value: {"4/start"},
        Rol.SPONSOR.value: set(),
        Rol.SPECIALIST.value: set(),
    }
    for rol, acties in verwacht.items():
        response = ingelogd(gedeeld.persoon(rol)).get(gedeeld.traject.get_absolute_url())
        assert stapacties(response) == acties, rol


def test_management_sees_the_page_without_any_way_to_change_it(gedeeld: Omgeving):
    response = ingelogd(gedeeld.persoon("management")).get(gedeeld.traject.get_absolute_url())
    assert response.status_code == 200
    urls = links_en_formulieren(html(response))
    verboden = ("/bewerken/", "/status/", "/stappen/", "/verbeterpunten/nieuw/")
    assert not [u for u in urls if any(v in u for v in verboden)]


def test_the_project_leader_of_a_draft_may_edit_pause_and_stop(gedeeld: Omgeving):
    response = ingelogd(gedeeld.persoon(PL)).get(gedeeld.traject.get_absolute_url())
    urls = set(links_en_formulieren(html(response)))
    pk = gedeeld.traject.pk
    assert reverse("trajecten:bewerken", args=[pk]) in urls
    assert reverse("trajecten:status", args=[pk, "pauzeren"]) in urls
    assert reverse("trajecten:status", args=[pk, "stoppen"]) in urls
    assert reverse("trajecten:status", args=[pk, "hervatten"]) not in urls


# --- step 1 through the pages ---------------------------------------------------------------------


def test_completing_step_1_through_the_pages(gedeeld: Omgeving):
    """The team is complete and the start session with notes took place: step 1 can be done."""
    client = ingelogd(gedeeld.persoon(PL))
    traject = gedeeld.traject
    start = reverse("trajecten:stap_actie", args=[traject.pk, "1", "start"])
    response = client.post(start)
    assert response.status_code == 302 and response.url == f"{traject.get_absolute_url()}#stap-1"

    pagina = client.get(traject.get_absolute_url())
    assert "1/afronden" in stapacties(pagina)
    assert nl("Nothing: this step can be completed.") in pagina.content.decode()

    response = client.post(reverse("trajecten:stap_actie", args=[traject.pk, "1", "afronden"]), follow=True)
    assert response.status_code == 200
    assert StapStatus.objects.get(traject=traject, stap="1").status == StapStatusKeuze.AFGEROND
    assert Traject.objects.get(pk=traject.pk).status == TrajectStatus.LOPEND
    with translation.override("nl"):
        gelukt = gettext("Step %(stap)s has been completed.") % {"stap": Stap.S1.label}
    assert tekst(gelukt) in tekst(html(response))

    gebeurtenis = Gebeurtenis.objects.filter(
        traject=traject, soort=GebeurtenisSoort.STAP_TRANSITIE, stap="1", naar_status="afgerond"
    ).get()
    assert gebeurtenis.actor == gedeeld.persoon(PL)
    tijdlijn = client.get(reverse("trajecten:tijdlijn", args=[traject.pk]))
    assert tekst(gebeurtenis.omschrijving) in tekst(html(tijdlijn))


def test_completing_step_1_without_the_start_session_is_refused_with_what_is_missing(db, maak_traject):
    traject = maak_traject()
    projectleider = traject.aangemaakt_door
    services.stap_starten(traject=traject, stap=Stap.S1, door=projectleider)
    client = ingelogd(projectleider)
    response = client.post(reverse("trajecten:stap_actie", args=[traject.pk, "1", "afronden"]), follow=True)
    assert response.status_code == 200
    assert StapStatus.objects.get(traject=traject, stap="1").status == StapStatusKeuze.BEZIG
    with translation.override("nl"):
        ontbrekend = workflow.ontbrekend(traject, Stap.S1)
    assert ontbrekend and all(tekst(b) in tekst(html(response)) for b in ontbrekend)


def test_the_confirmation_page_of_a_reopen_names_the_steps_that_go_back(gedeeld: Omgeving):
    zet_stappen(
        gedeeld.traject,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S2: StapStatusKeuze.BEZIG, Stap.S4: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )
    client = ingelogd(gedeeld.persoon(PL))
    response = client.get(reverse("trajecten:stap_actie", args=[gedeeld.traject.pk, "1", "heropenen"]))
    assert response.status_code == 200
    inhoud = tekst(html(response))
    with translation.override("nl"):
        assert str(Stap.S2.label) in inhoud and str(Stap.S4.label) in inhoud
        assert str(Stap.S3A.label) not in inhoud  # not started: nothing to undo
    assert 'name="reden"' in response.content.decode()


# --- the calendar file and the PDF ----------------------------------------------------------------


def test_the_calendar_file_is_valid_and_holds_the_session(gedeeld: Omgeving):
    from icalendar import Calendar

    sessie = gedeeld.sessie
    response = ingelogd(gedeeld.persoon(Rol.SPONSOR)).get(
        reverse("trajecten:sessie_ics", args=[gedeeld.traject.pk, sessie.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="sessie-{sessie.pk}.ics"'
    kalender = Calendar.from_ical(response.content)
    (event,) = kalender.walk("VEVENT")
    assert str(event["SUMMARY"]) == sessie.titel
    assert event.decoded("DTSTART") == sessie.begint_op.replace(microsecond=0)
    assert event.decoded("DTEND") == sessie.eindigt_op.replace(microsecond=0)
    assert str(event["LOCATION"]) == sessie.locatie
    assert str(event["UID"]) == f"sessie-{sessie.pk}@wasstraat"


def test_the_calendar_file_of_an_online_session_has_its_link(gedeeld: Omgeving):
    from icalendar import Calendar

    begin = timezone.make_aware(dt.datetime(2026, 10, 5, 9, 30))
    sessie = SessieFactory(
        traject=gedeeld.traject,
        titel="Online klantreis",
        begint_op=begin,
        eindigt_op=begin + dt.timedelta(minutes=90),
        locatie="",
        online_link="https://vergaderen.example.nl/abc",
    )
    response = ingelogd(gedeeld.persoon(PL)).get(
        reverse("trajecten:sessie_ics", args=[gedeeld.traject.pk, sessie.pk])
    )
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("DTSTART") == begin
    assert str(event["URL"]) == "https://vergaderen.example.nl/abc"


def test_the_trajectory_card_is_a_pdf_with_the_title_in_it(gedeeld: Omgeving):
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    response = ingelogd(gedeeld.persoon("management")).get(
        reverse("trajecten:trajectkaart", args=[gedeeld.traject.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="trajectkaart-{gedeeld.traject.pk}.pdf"'
    assert response.content.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(response.content))
    assert len(pdf.pages) == 1
    tekst_ = " ".join(pagina.extract_text() for pagina in pdf.pages)
    assert " ".join(gedeeld.traject.titel.split()) in " ".join(tekst_.split())


# --- the list -------------------------------------------------------------------------------------


@pytest.fixture
def lijst(db):
    """A projectleider with four trajectories in two departments, in different states."""
    projectleider = UserFactory()
    vergunningen = AfdelingFactory(naam="Vergunningen")
    belastingen = AfdelingFactory(naam="Belastingen")
    paspoort = ProductFactory(naam="Paspoort aanvragen", afdeling=vergunningen)
    parkeren = ProductFactory(naam="Parkeervergunning", afdeling=vergunningen)
    woz = ProductFactory(naam="WOZ-bezwaar", afdeling=belastingen)

    def maak(titel: str, product) -> Traject:
        return TrajectFactory(aangemaakt_door=projectleider, titel=titel, product=product)

    concept = maak("Sneller een paspoort", paspoort)
    lopend = zet_stappen(
        maak("Parkeren zonder wachttijd", parkeren),
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S3A: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )
    gepauzeerd = zet_stappen(
        maak("WOZ-bezwaren eenvoudiger", woz),
        {Stap.S1: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.GEPAUZEERD,
    )
    ander = TrajectFactory(titel="Niet van mij", product=woz)  # another projectleider's
    return {
        "client": ingelogd(projectleider),
        "concept": concept,
        "lopend": lopend,
        "gepauzeerd": gepauzeerd,
        "ander": ander,
        "vergunningen": vergunningen,
        "belastingen": belastingen,
    }


def titels(response) -> set[str]:
    assert response.status_code == 200
    return {t.titel for t in response.context["pagina"].object_list}


def test_the_list_shows_only_ones_own_trajectories(lijst):
    assert titels(lijst["client"].get(reverse("trajecten:lijst"))) == {
        "Sneller een paspoort",
        "Parkeren zonder wachttijd",
        "WOZ-bezwaren eenvoudiger",
    }


@pytest.mark.parametrize(
    ("filters", "verwacht"),
    [
        ({"status": "gepauzeerd"}, {"WOZ-bezwaren eenvoudiger"}),
        ({"status": "concept"}, {"Sneller een paspoort"}),
        ({"stap": "3a"}, {"Parkeren zonder wachttijd"}),
        ({"stap": "1"}, {"WOZ-bezwaren eenvoudiger"}),
        ({"stap": "5"}, set()),
        ({"zoek": "paspoort"}, {"Sneller een paspoort"}),
        ({"zoek": "PARKEREN"}, {"Parkeren zonder wachttijd"}),
        ({"zoek": "WOZ-bezwaar"}, {"WOZ-bezwaren eenvoudiger"}),  # title and product
        ({"zoek": "Niet van mij"}, set()),  # someone else's stays hidden
    ],
)
def test_the_list_filters_and_searches(lijst, filters: dict, verwacht: set):
    assert titels(lijst["client"].get(reverse("trajecten:lijst"), filters)) == verwacht


def test_the_list_filters_by_department(lijst):
    client = lijst["client"]
    assert titels(client.get(reverse("trajecten:lijst"), {"afdeling": lijst["vergunningen"].pk})) == {
        "Sneller een paspoort",
        "Parkeren zonder wachttijd",
    }
    combinatie = {"afdeling": lijst["vergunningen"].pk, "status": "lopend"}
    assert titels(client.get(reverse("trajecten:lijst"), combinatie)) == {"Parkeren zonder wachttijd"}


def test_the_list_keeps_the_filters_in_the_form(lijst):
    response = lijst["client"].get(reverse("trajecten:lijst"), {"zoek": "paspoort", "status": "concept"})
    inhoud = response.content.decode()
    assert 'value="paspoort"' in inhoud
    assert '<option value="concept" selected>' in inhoud


def test_the_list_is_paginated(db):
    projectleider = UserFactory()
    for nummer in range(23):
        TrajectFactory(aangemaakt_door=projectleider, titel=f"Traject {nummer:02}")
    client = ingelogd(projectleider)
    eerste = client.get(reverse("trajecten:lijst"))
    tweede = client.get(reverse("trajecten:lijst"), {"pagina": 2})
    assert len(titels(eerste)) == 20 and len(titels(tweede)) == 3
    assert not titels(eerste) & titels(tweede)


# --- htmx -----------------------------------------------------------------------------------------


def test_adding_a_member_with_htmx_returns_only_the_team_block(gedeeld: Omgeving):
    nieuw = UserFactory(first_name="Noor", last_name="de Vries")
    response = ingelogd(gedeeld.persoon(PL)).post(
        reverse("trajecten:team", args=[gedeeld.traject.pk]),
        {"gebruiker": nieuw.pk, "rol": Rol.VAKINHOUDELIJK_MEDEWERKER},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "<html" not in inhoud and "<body" not in inhoud
    assert inhoud.lstrip().startswith('<div id="team">')
    assert "Noor de Vries" in inhoud
    assert 'role="status"' in inhoud  # the success message travels with the block
    assert Teamlid.objects.filter(traject=gedeeld.traject, gebruiker=nieuw).exists()
    # a fresh, empty form to add the next person
    assert not response.context["form"].is_bound


def test_adding_a_member_without_javascript_redirects_to_the_team_page(gedeeld: Omgeving):
    response = ingelogd(gedeeld.persoon(PL)).post(
        reverse("trajecten:team", args=[gedeeld.traject.pk]),
        {"gebruiker": UserFactory().pk, "rol": Rol.VAKINHOUDELIJK_MEDEWERKER},
    )
    assert response.status_code == 302
    assert response.url == reverse("trajecten:team", args=[gedeeld.traject.pk])


def test_recording_a_point_with_htmx_returns_only_the_list_block(gedeeld: Omgeving):
    response = ingelogd(gedeeld.persoon(Rol.TEAMMANAGER)).post(
        reverse("verbeterplan:verbeterpunten", args=[gedeeld.traject.pk]),
        {"titel": "Wachtrij bij de balie", "omschrijving": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "<html" not in inhoud and inhoud.lstrip().startswith('<div id="verbeterpunten">')
    assert "Wachtrij bij de balie" in inhoud


def test_the_team_page_shows_a_specialists_discipline(gedeeld: Omgeving):
    response = ingelogd(gedeeld.persoon(Rol.SPONSOR)).get(
        reverse("trajecten:team", args=[gedeeld.traject.pk])
    )
    with translation.override("nl"):
        assert str(Discipline.ICT.label) in tekst(html(response))


def test_a_session_page_shows_its_notes_and_points(gedeeld: Omgeving):
    from verbeterplan.services import verbeterpunt_vastleggen

    verbeterpunt_vastleggen(
        traject=gedeeld.traject, door=gedeeld.persoon(PL), titel="Agenda te vol", sessie=gedeeld.startsessie
    )
    response = ingelogd(gedeeld.persoon(Rol.SPECIALIST)).get(gedeeld.startsessie.get_absolute_url())
    inhoud = tekst(html(response))
    assert gedeeld.startsessie.notities in inhoud
    assert "Agenda te vol" in inhoud
