"""The journey pages of step 4: what they show, bad input on every form (the error at its field, the
input kept, never a 500), moving and deleting, improvement points from a contact moment, a moment of
truth or a pain point (linked to their source), and another trajectory's objects (404)."""

from __future__ import annotations

import pytest
from django.contrib.messages import constants, get_messages
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from klantreis.choices import Beleving, Kanaal, Reis
from klantreis.models import Contactmoment, Fase, Klantreis, Pijnpunt
from serviceformules.choices import Oordeel, P
from tests.klantreis.factories import (
    AlternatiefFactory,
    ContactmomentFactory,
    FaseFactory,
    InterviewFactory,
    KlantreisFactory,
    PijnpuntFactory,
)
from tests.serviceformules.factories import PBeoordelingFactory
from tests.views.html import element_met_id, html, links_en_formulieren, tekst
from trajecten.choices import GebeurtenisSoort, Rol
from trajecten.models import Gebeurtenis
from verbeterplan.choices import VerbeterpuntBron
from verbeterplan.models import Verbeterpunt
from verbeterplan.services import verbeterpunt_vastleggen

pytestmark = pytest.mark.django_db

KRC = Rol.KLANTREISCOACH


@pytest.fixture
def als(gebruikers):
    def inloggen(rol: str = KRC) -> Client:
        client = Client()
        client.force_login(gebruikers[rol])
        return client

    return inloggen


@pytest.fixture
def reis(traject):
    return KlantreisFactory(traject=traject, persona_naam="Starter met een eenmanszaak")


@pytest.fixture
def moment(reis):
    """A moment of truth in the current journey with a pain point, and a desired counterpart."""
    fase = FaseFactory(klantreis=reis, naam="Besluit ontvangen", volgorde=1, metriek="Dagen tot besluit")
    moment = ContactmomentFactory(
        fase=fase,
        titel="Ontvangt het besluit per brief",
        kanaal=Kanaal.BRIEF,
        beleving=Beleving.ZEER_NEGATIEF,
        moment_van_waarheid=True,
        citaten="Ik begreep de brief niet.\nWaarom duurt dit zo lang?",
    )
    PijnpuntFactory(contactmoment=moment, omschrijving="Juridische taal in de brief")
    ContactmomentFactory(fase=fase, reis=Reis.GEWENST, titel="Besluit in de app", beleving=Beleving.POSITIEF)
    return moment


def url(naam: str, traject, *args) -> str:
    return reverse(f"klantreis:{naam}", args=[traject.pk, *args])


def formulier_terug(response, *velden: str):
    """The form came back (200) with errors at exactly these fields (None: above the form)."""
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    assert form.is_bound and not form.is_valid()
    assert set(form.errors) == {"__all__" if v is None else v for v in velden}, form.errors.as_data()
    return form


def getypt(response, *waarden: str) -> None:
    inhoud = response.content.decode()
    for waarde in waarden:
        assert escape(waarde) in inhoud, f"{waarde!r} is no longer in the form"


def foutmeldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level >= constants.ERROR]


def moment_post(fase: Fase, **anders) -> dict:
    return {
        "fase": fase.pk,
        "reis": Reis.HUIDIG,
        "titel": "Belt met de gemeente",
        "kanaal": Kanaal.TELEFOON,
        "klant_doet": "Vraagt naar de status van de aanvraag.",
        "klant_ervaart": "Wordt drie keer doorverbonden.",
        "beleving": str(Beleving.NEGATIEF.value),
        "citaten": "Niemand wist het.",
        **anders,
    }


# --- the overview -------------------------------------------------------------------------------


def test_without_a_journey_the_coach_is_invited_to_start_it(traject, als):
    response = als().get(url("overzicht", traject))
    assert response.status_code == 200
    assert response.context["klantreis"] is None
    assert url("bewerken", traject) in links_en_formulieren(html(response))
    assert response.context["ontbrekend"]  # step 4 still needs everything


def test_without_a_journey_other_members_see_no_button(traject, als):
    response = als(Rol.PROJECTLEIDER).get(url("overzicht", traject))
    assert response.status_code == 200
    assert url("bewerken", traject) not in links_en_formulieren(html(response))


def test_the_overview_shows_persona_phases_moments_curve_and_step_block(traject, moment, als):
    fase = moment.fase
    response = als().get(url("overzicht", traject))
    assert response.status_code == 200
    inhoud = response.content.decode()
    for waarde in (
        "Starter met een eenmanszaak",
        "Besluit ontvangen",
        "Dagen tot besluit",
        "Ontvangt het besluit per brief",
        "Besluit in de app",
        "Juridische taal in de brief",
        str(Kanaal.BRIEF.label),
        str(Beleving.ZEER_NEGATIEF.label),
        "−2",
    ):
        assert escape(waarde) in inhoud, waarde
    assert "<svg" in inhoud and "bi-star-fill" in inhoud
    assert "<details>" in inhoud and "<caption" in inhoud
    rij = element_met_id(html(response), f"contactmoment-{moment.pk}")
    assert "Moment of truth" in tekst(rij) or "Moment van waarheid" in tekst(rij)
    context = response.context
    assert [f.pk for f in context["fasen"]] == [fase.pk]
    assert [m.titel for m in context["fasen"][0].gewenst] == ["Besluit in de app"]
    assert context["curve_tabel"][0]["fase"] == "Besluit ontvangen"
    assert context["mag_bewerken"] and context["mag_interviews"]
    acties = links_en_formulieren(html(response))
    assert url("fase_nieuw", traject) in acties
    assert url("fase_verplaatsen", traject, fase.pk) in acties
    assert url("contactmoment_verplaatsen", traject, moment.pk) in acties
    assert f"{url('contactmoment_nieuw', traject)}?fase={fase.pk}&reis=gewenst" in acties


def test_the_overview_gives_the_partials_their_data(traject, moment, als):
    interview = InterviewFactory(klantreis=moment.fase.klantreis, notities="Geheime notitie")
    AlternatiefFactory(klantreis=moment.fase.klantreis)
    response = als(Rol.PROJECTLEIDER).get(url("overzicht", traject))
    interviews = list(response.context["interviews"])
    assert interviews == [interview]
    assert "notities" in interviews[0].get_deferred_fields()
    assert len(response.context["alternatieven"]) == 1
    assert not response.context["mag_interviews"]
    assert "Geheime notitie" not in response.content.decode()


def test_management_reads_the_journey_without_edit_buttons(traject, moment, als):
    response = als("management").get(url("overzicht", traject))
    assert response.status_code == 200
    acties = links_en_formulieren(html(response))
    assert not any("verplaatsen" in a or "bewerken" in a or "nieuw" in a for a in acties), acties


def test_the_curve_downloads_as_svg(traject, moment, als):
    response = als(Rol.SPONSOR).get(url("curve", traject))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    inhoud = response.content.decode()
    assert inhoud.startswith("<?xml") and "<svg" in inhoud


def test_the_curve_without_a_journey_goes_back_to_the_page(traject, als):
    response = als().get(url("curve", traject))
    assert response.status_code == 302 and response.url == url("overzicht", traject)


# --- the persona --------------------------------------------------------------------------------


def test_the_coach_starts_the_journey(traject, als):
    response = als().post(
        url("bewerken", traject),
        {"persona_naam": "Ondernemer", "persona_omschrijving": "Horeca", "persona_behoeften": "Snelheid"},
    )
    assert response.status_code == 302 and response.url == url("overzicht", traject)
    assert Klantreis.objects.get(traject=traject).persona_naam == "Ondernemer"


def test_a_persona_without_a_name_is_refused_and_kept(traject, reis, als):
    response = als().post(
        url("bewerken", traject),
        {"persona_naam": "", "persona_omschrijving": "Eerste keer een vergunning", "persona_behoeften": ""},
    )
    formulier_terug(response, "persona_naam")
    getypt(response, "Eerste keer een vergunning")
    reis.refresh_from_db()
    assert reis.persona_naam == "Starter met een eenmanszaak"


# --- phases -------------------------------------------------------------------------------------


def test_without_a_journey_adding_a_phase_or_moment_asks_for_the_target_group_first(traject, als):
    client = als()
    for naam in ("fase_nieuw", "contactmoment_nieuw"):
        response = client.get(url(naam, traject))
        assert response.status_code == 302 and response.url == url("bewerken", traject), naam


def test_the_coach_adds_a_phase(traject, reis, als):
    data = {
        "naam": "Wachten",
        "omschrijving": "",
        "metriek": "Dagen",
        "huidige_waarde": "56",
        "streefwaarde": "5",
    }
    response = als().post(url("fase_nieuw", traject), data)
    fase = Fase.objects.get()
    assert response.status_code == 302 and response.url == f"{url('overzicht', traject)}#fase-{fase.pk}"
    assert (fase.naam, fase.volgorde, fase.streefwaarde) == ("Wachten", 1, "5")


def test_a_phase_without_a_name_is_refused_and_kept(traject, reis, als):
    data = {
        "naam": "",
        "omschrijving": "",
        "metriek": "Dagen tot besluit",
        "huidige_waarde": "",
        "streefwaarde": "",
    }
    response = als().post(url("fase_nieuw", traject), data)
    formulier_terug(response, "naam")
    getypt(response, "Dagen tot besluit")
    assert not Fase.objects.exists()


def test_editing_a_phase_with_bad_input_is_refused_and_kept(traject, moment, als):
    fase = moment.fase
    client = als()
    assert client.get(url("fase_bewerken", traject, fase.pk)).status_code == 200
    data = {"naam": "", "omschrijving": "", "metriek": "x" * 201, "huidige_waarde": "12", "streefwaarde": ""}
    response = client.post(url("fase_bewerken", traject, fase.pk), data)
    formulier_terug(response, "naam", "metriek")
    getypt(response, "12")
    data.update(naam="Besluit", metriek="Dagen")
    response = client.post(url("fase_bewerken", traject, fase.pk), data)
    assert response.status_code == 302
    fase.refresh_from_db()
    assert (fase.naam, fase.huidige_waarde) == ("Besluit", "12")


def test_phases_move_with_small_post_forms(traject, reis, als):
    a = FaseFactory(klantreis=reis, naam="A", volgorde=1)
    b = FaseFactory(klantreis=reis, naam="B", volgorde=2)
    client = als()
    response = client.post(url("fase_verplaatsen", traject, b.pk), {"richting": "op"})
    assert response.status_code == 302 and response.url.endswith(f"#fase-{b.pk}")
    assert list(reis.fasen.order_by("volgorde").values_list("naam", flat=True)) == ["B", "A"]
    response = client.post(url("fase_verplaatsen", traject, b.pk), {"richting": "op"})
    assert foutmeldingen(response)  # already the first
    response = client.post(url("fase_verplaatsen", traject, a.pk), {"richting": "schuin"})
    assert foutmeldingen(response)
    assert list(reis.fasen.order_by("volgorde").values_list("naam", flat=True)) == ["B", "A"]
    assert client.get(url("fase_verplaatsen", traject, a.pk)).status_code == 405


def test_deleting_a_phase_asks_first_then_deletes(traject, moment, als):
    fase = moment.fase
    client = als()
    response = client.get(url("fase_verwijderen", traject, fase.pk))
    assert response.status_code == 200
    assert url("fase_verwijderen", traject, fase.pk) in links_en_formulieren(html(response))
    response = client.post(url("fase_verwijderen", traject, fase.pk))
    assert response.status_code == 302 and response.url == url("overzicht", traject)
    assert not Fase.objects.exists() and not Contactmoment.objects.exists()


def test_a_phase_with_improvement_points_is_not_deleted(traject, moment, gebruikers, als):
    fase = moment.fase
    verbeterpunt_vastleggen(
        traject=traject, door=gebruikers[Rol.SPONSOR], titel="Brief herschrijven", contactmoment=moment
    )
    client = als()
    response = client.get(url("fase_verwijderen", traject, fase.pk))
    assert response.status_code == 200 and response.context["bezwaren"]
    assert url("fase_verwijderen", traject, fase.pk) not in links_en_formulieren(html(response))
    response = client.post(url("fase_verwijderen", traject, fase.pk))
    assert response.status_code == 302 and foutmeldingen(response)
    assert Fase.objects.filter(pk=fase.pk).exists()


# --- contact moments ----------------------------------------------------------------------------


def test_adding_a_contact_moment_starts_in_the_phase_and_journey_clicked(traject, moment, als):
    fase = moment.fase
    response = als().get(f"{url('contactmoment_nieuw', traject)}?fase={fase.pk}&reis=gewenst")
    assert response.status_code == 200
    assert response.context["form"].initial == {"fase": fase.pk, "reis": "gewenst"}


def test_adding_a_contact_moment_without_phases_asks_for_a_phase(traject, reis, als):
    response = als().get(url("contactmoment_nieuw", traject))
    assert response.status_code == 302 and response.url == url("fase_nieuw", traject)


def test_the_coach_adds_a_contact_moment(traject, moment, als):
    fase = moment.fase
    data = moment_post(fase, reis=Reis.GEWENST, moment_van_waarheid="on")
    response = als().post(url("contactmoment_nieuw", traject), data)
    nieuw = Contactmoment.objects.get(titel="Belt met de gemeente")
    assert response.status_code == 302 and response.url.endswith(f"#contactmoment-{nieuw.pk}")
    assert (nieuw.reis, nieuw.moment_van_waarheid) == (Reis.GEWENST, True)
    bestaand = fase.contactmomenten.get(titel="Besluit in de app")
    assert nieuw.volgorde > bestaand.volgorde  # at the end of the desired journey in this phase


def test_a_contact_moment_with_bad_input_is_refused_and_kept(traject, moment, als):
    data = moment_post(moment.fase, titel="", beleving="7", citaten="Mail me op piet@example.nl")
    response = als().post(url("contactmoment_nieuw", traject), data)
    formulier_terug(response, "titel", "beleving", "citaten")
    getypt(response, "Wordt drie keer doorverbonden.", "Mail me op piet@example.nl")
    assert Contactmoment.objects.count() == 2


def test_a_contact_moment_in_a_phase_of_another_trajectory_is_refused(traject, moment, maak_traject, als):
    vreemde_fase = FaseFactory(klantreis=KlantreisFactory(traject=maak_traject(titel="Ander")))
    response = als().post(url("contactmoment_nieuw", traject), moment_post(vreemde_fase))
    formulier_terug(response, "fase")
    getypt(response, "Vraagt naar de status van de aanvraag.")


def test_editing_a_contact_moment_with_bad_input_is_refused_and_kept(traject, moment, als):
    client = als()
    assert client.get(url("contactmoment_bewerken", traject, moment.pk)).status_code == 200
    data = moment_post(
        moment.fase, titel="Ontvangt het besluit", kanaal="duif", klant_doet="Leest de brief twee keer"
    )
    response = client.post(url("contactmoment_bewerken", traject, moment.pk), data)
    formulier_terug(response, "kanaal")
    getypt(response, "Leest de brief twee keer")
    data["kanaal"] = Kanaal.POST
    response = client.post(url("contactmoment_bewerken", traject, moment.pk), data)
    assert response.status_code == 302 and response.url == moment.get_absolute_url()
    moment.refresh_from_db()
    assert (moment.titel, moment.kanaal, moment.moment_van_waarheid) == (
        "Ontvangt het besluit",
        Kanaal.POST,
        False,
    )


def test_contact_moments_move_within_their_phase(traject, moment, als):
    tweede = ContactmomentFactory(fase=moment.fase, titel="Belt na", volgorde=99)
    client = als()
    response = client.post(url("contactmoment_verplaatsen", traject, tweede.pk), {"richting": "op"})
    assert response.status_code == 302 and response.url.endswith(f"#contactmoment-{tweede.pk}")
    assert list(
        moment.fase.contactmomenten.filter(reis=Reis.HUIDIG)
        .order_by("volgorde")
        .values_list("titel", flat=True)
    ) == ["Belt na", "Ontvangt het besluit per brief"]
    response = client.post(url("contactmoment_verplaatsen", traject, tweede.pk), {"richting": ""})
    assert foutmeldingen(response)


def test_deleting_a_contact_moment_asks_first_then_deletes(traject, moment, als):
    client = als()
    response = client.get(url("contactmoment_verwijderen", traject, moment.pk))
    assert response.status_code == 200 and not response.context["bezwaren"]
    response = client.post(url("contactmoment_verwijderen", traject, moment.pk))
    assert response.status_code == 302
    assert not Contactmoment.objects.filter(pk=moment.pk).exists()
    assert not Pijnpunt.objects.exists()


def test_a_contact_moment_with_improvement_points_is_not_deleted(traject, moment, gebruikers, als):
    verbeterpunt_vastleggen(
        traject=traject, door=gebruikers[KRC], titel="Brief herschrijven", contactmoment=moment
    )
    response = als().post(url("contactmoment_verwijderen", traject, moment.pk))
    assert response.status_code == 302 and response.url == moment.get_absolute_url()
    assert foutmeldingen(response)
    assert Contactmoment.objects.filter(pk=moment.pk).exists()


# --- the contact moment's page and its pain points ----------------------------------------------


def test_the_contact_moment_page_shows_every_field_and_its_quotes(traject, moment, als):
    response = als(Rol.VAKINHOUDELIJK_MEDEWERKER).get(url("contactmoment", traject, moment.pk))
    assert response.status_code == 200
    inhoud = response.content.decode()
    for waarde in ("Ontvangt het besluit per brief", "Vult het formulier in.", "Juridische taal in de brief"):
        assert escape(waarde) in inhoud
    boom = html(response)
    citaten = [tekst(c) for c in _elementen(boom, "blockquote")]
    assert citaten == ["Ik begreep de brief niet.", "Waarom duurt dit zo lang?"]
    acties = links_en_formulieren(boom)
    pijnpunt = moment.pijnpunten.get()
    nieuw = reverse("verbeterplan:verbeterpunt_nieuw", args=[traject.pk])
    assert f"{nieuw}?contactmoment={moment.pk}" in acties
    assert f"{nieuw}?pijnpunt={pijnpunt.pk}" in acties
    assert url("pijnpunt_nieuw", traject, moment.pk) not in acties  # not the coach


def test_the_improvement_link_of_a_moment_of_truth_says_so(traject, moment, als):
    response = als().get(url("contactmoment", traject, moment.pk))
    nieuw = reverse("verbeterplan:verbeterpunt_nieuw", args=[traject.pk])
    link = _link(html(response), f"{nieuw}?contactmoment={moment.pk}")
    assert "moment of truth" in tekst(link).lower() or "moment van waarheid" in tekst(link).lower()
    Contactmoment.objects.filter(pk=moment.pk).update(moment_van_waarheid=False)
    response = als().get(url("contactmoment", traject, moment.pk))
    link = _link(html(response), f"{nieuw}?contactmoment={moment.pk}")
    assert "waarheid" not in tekst(link).lower() and "truth" not in tekst(link).lower()


def test_the_coach_adds_a_pain_point(traject, moment, als):
    response = als().post(url("pijnpunt_nieuw", traject, moment.pk), {"omschrijving": "Geen termijn genoemd"})
    assert response.status_code == 302 and response.url == f"{moment.get_absolute_url()}#pijnpunten"
    assert moment.pijnpunten.filter(omschrijving="Geen termijn genoemd").exists()


@pytest.mark.parametrize("omschrijving", ["", "Bel 06 12 34 56 78 terug"])
def test_a_bad_pain_point_comes_back_on_the_contact_moment_page(traject, moment, als, omschrijving):
    response = als().post(url("pijnpunt_nieuw", traject, moment.pk), {"omschrijving": omschrijving})
    formulier_terug(response, "omschrijving")
    getypt(response, omschrijving)
    assert response.context["contactmoment"] == moment
    assert moment.pijnpunten.count() == 1


def test_deleting_a_pain_point_asks_first_then_deletes(traject, moment, als):
    pijnpunt = moment.pijnpunten.get()
    client = als()
    response = client.get(url("pijnpunt_verwijderen", traject, pijnpunt.pk))
    assert response.status_code == 200 and "Juridische taal in de brief" in response.content.decode()
    response = client.post(url("pijnpunt_verwijderen", traject, pijnpunt.pk))
    assert response.status_code == 302 and response.url == f"{moment.get_absolute_url()}#pijnpunten"
    assert not Pijnpunt.objects.exists()


def test_a_pain_point_with_an_improvement_point_is_not_deleted(traject, moment, gebruikers, als):
    pijnpunt = moment.pijnpunten.get()
    verbeterpunt_vastleggen(
        traject=traject, door=gebruikers[KRC], titel="Begrijpelijke brief", pijnpunt=pijnpunt
    )
    client = als()
    assert client.get(url("pijnpunt_verwijderen", traject, pijnpunt.pk)).context["bezwaren"]
    response = client.post(url("pijnpunt_verwijderen", traject, pijnpunt.pk))
    assert foutmeldingen(response)
    assert Pijnpunt.objects.filter(pk=pijnpunt.pk).exists()


# --- improvement points from the journey --------------------------------------------------------


def _nieuw(traject, **bron) -> str:
    query = "&".join(f"{k}={v}" for k, v in bron.items())
    return f"{reverse('verbeterplan:verbeterpunt_nieuw', args=[traject.pk])}?{query}"


def test_an_improvement_point_from_a_moment_of_truth_is_linked_and_named_so(traject, moment, als):
    client = als(Rol.SPONSOR)
    response = client.get(_nieuw(traject, contactmoment=moment.pk))
    assert response.status_code == 200
    assert moment.get_absolute_url() in links_en_formulieren(html(response))
    assert "bi-star-fill" in response.content.decode()
    response = client.post(_nieuw(traject, contactmoment=moment.pk), {"titel": "Besluit in gewone taal"})
    assert response.status_code == 302 and response.url == moment.get_absolute_url()
    punt = Verbeterpunt.objects.get()
    assert (punt.bron, punt.contactmoment) == (VerbeterpuntBron.CONTACTMOMENT, moment)
    lijst = client.get(reverse("verbeterplan:verbeterpunten", args=[traject.pk]))
    assert moment.get_absolute_url() in links_en_formulieren(html(lijst))
    assert escape(punt.bron_omschrijving) in lijst.content.decode()
    detail = client.get(url("contactmoment", traject, moment.pk))
    assert [p.titel for p in detail.context["verbeterpunten"]] == ["Besluit in gewone taal"]


def test_an_improvement_point_from_a_contact_moment(traject, moment, als):
    gewoon = moment.fase.contactmomenten.get(reis=Reis.GEWENST)
    response = als(Rol.PROCESADVISEUR).post(
        _nieuw(traject, contactmoment=gewoon.pk), {"titel": "App ook voor post"}
    )
    assert response.status_code == 302 and response.url == gewoon.get_absolute_url()
    assert Verbeterpunt.objects.get().contactmoment == gewoon


def test_an_improvement_point_from_a_pain_point(traject, moment, als):
    pijnpunt = moment.pijnpunten.get()
    client = als(Rol.TEAMMANAGER)
    response = client.get(_nieuw(traject, pijnpunt=pijnpunt.pk))
    assert response.status_code == 200 and "Juridische taal in de brief" in response.content.decode()
    response = client.post(_nieuw(traject, pijnpunt=pijnpunt.pk), {"titel": "Brief in B1-taal"})
    assert response.status_code == 302 and response.url.startswith(moment.get_absolute_url())
    punt = Verbeterpunt.objects.get()
    assert (punt.bron, punt.pijnpunt) == (VerbeterpuntBron.PIJNPUNT, pijnpunt)
    lijst = client.get(reverse("verbeterplan:verbeterpunten", args=[traject.pk]))
    assert f"{moment.get_absolute_url()}#pijnpunt-{pijnpunt.pk}" in links_en_formulieren(html(lijst))
    gebeurtenis = Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.VERBETERPUNT).get()
    assert "Brief in B1-taal" in gebeurtenis.omschrijving


def test_an_improvement_point_from_a_p_goes_back_to_that_p(traject, als):
    beoordeling = PBeoordelingFactory(traject=traject, p=P.PRIJS, oordeel=Oordeel.WIJKT_AF)
    client = als(Rol.PROJECTLEIDER)
    assert client.get(_nieuw(traject, p_beoordeling=beoordeling.pk)).status_code == 200
    response = client.post(_nieuw(traject, p_beoordeling=beoordeling.pk), {"titel": "Leges online betalen"})
    zes_p = reverse("serviceformules:zes_p", args=[traject.pk])
    assert response.status_code == 302 and response.url == f"{zes_p}#p-prijs"
    assert Verbeterpunt.objects.get().p_beoordeling == beoordeling
    lijst = client.get(reverse("verbeterplan:verbeterpunten", args=[traject.pk]))
    assert f"{zes_p}#p-prijs" in links_en_formulieren(html(lijst))


def test_a_bad_improvement_point_from_the_journey_keeps_its_source_and_input(traject, moment, als):
    response = als().post(
        _nieuw(traject, contactmoment=moment.pk), {"titel": "", "omschrijving": "Langer dan nodig"}
    )
    formulier_terug(response, "titel")
    getypt(response, "Langer dan nodig")
    assert f'name="contactmoment" value="{moment.pk}"' in response.content.decode()


def test_sources_of_another_trajectory_or_two_sources_are_not_found(traject, moment, maak_traject, als):
    ander = maak_traject(titel="Ander traject")
    vreemd = ContactmomentFactory(fase=FaseFactory(klantreis=KlantreisFactory(traject=ander)))
    vreemd_pijnpunt = PijnpuntFactory(contactmoment=vreemd)
    vreemde_p = PBeoordelingFactory(traject=ander)
    client = als()
    for bron in (
        {"contactmoment": vreemd.pk},
        {"pijnpunt": vreemd_pijnpunt.pk},
        {"p_beoordeling": vreemde_p.pk},
        {"contactmoment": "abc"},
        {"contactmoment": moment.pk, "pijnpunt": moment.pijnpunten.get().pk},
    ):
        assert client.get(_nieuw(traject, **bron)).status_code == 404, bron
        assert client.post(_nieuw(traject, **bron), {"titel": "X"}).status_code == 404, bron
    assert not Verbeterpunt.objects.exists()


def test_objects_of_another_trajectory_are_not_found(traject, reis, maak_traject, als):
    ander = maak_traject(titel="Ander traject")
    vreemd = ContactmomentFactory(fase=FaseFactory(klantreis=KlantreisFactory(traject=ander)))
    pijnpunt = PijnpuntFactory(contactmoment=vreemd)
    client = als()
    for naam in ("fase_bewerken", "fase_verwijderen"):
        assert client.get(url(naam, traject, vreemd.fase.pk)).status_code == 404, naam
    assert (
        client.post(url("fase_verplaatsen", traject, vreemd.fase.pk), {"richting": "op"}).status_code == 404
    )
    for naam in ("contactmoment", "contactmoment_bewerken", "contactmoment_verwijderen"):
        assert client.get(url(naam, traject, vreemd.pk)).status_code == 404, naam
    for naam in ("contactmoment_verplaatsen", "pijnpunt_nieuw"):
        assert client.post(url(naam, traject, vreemd.pk), {"richting": "op"}).status_code == 404, naam
    assert client.get(url("pijnpunt_verwijderen", traject, pijnpunt.pk)).status_code == 404
    assert client.post(url("pijnpunt_verwijderen", traject, pijnpunt.pk)).status_code == 404
    assert Pijnpunt.objects.filter(pk=pijnpunt.pk).exists()


# --- helpers --------------------------------------------------------------------------------------


def _elementen(boom, naam: str) -> list:
    gevonden = []
    for kind in getattr(boom, "children", []):
        if isinstance(kind, str):
            continue
        if kind.name == naam:
            gevonden.append(kind)
        gevonden.extend(_elementen(kind, naam))
    return gevonden


def _link(boom, href: str):
    for element in _elementen(boom, "a"):
        if dict(element.attributes).get("href") == href:
            return element
    raise AssertionError(f"no link to {href}")
