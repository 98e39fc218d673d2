"""The pages of the catalogue and of step 5: what they show, bad input on every form (the error at its
field, the input kept, never a 500), 404 for an unknown P or another trajectory, and the one-click
improvement point."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from serviceformules import services
from serviceformules.choices import Oordeel, P
from serviceformules.models import Formulekeuze, FormuleP, PBeoordeling, Serviceformule
from tests.factories import ProductFactory
from tests.proces.factories import ProcesStapFactory, ProcesVersieFactory
from tests.serviceformules.factories import ServiceformuleFactory
from trajecten.choices import ProcesSoort, Rol, VersieStatus
from trajecten.models import ProcesVersie
from verbeterplan.models import Verbeterpunt

pytestmark = pytest.mark.django_db

BEHEERDER = "functioneel_beheerder"


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    """Pages in English, the source language, so texts compare whatever the translation says."""
    with translation.override("en"):
        yield


@pytest.fixture
def als(gebruikers):
    def inloggen(rol: str = Rol.PROJECTLEIDER) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(gebruikers[rol])
        return client

    return inloggen


def formulier_terug(response, *velden: str, form: str = "form"):
    """The form came back (200) with errors at exactly these fields (None: above the form)."""
    assert response.status_code == 200, response.status_code
    formulier = response.context[form]
    assert formulier.is_bound and not formulier.is_valid()
    assert set(formulier.errors) == {"__all__" if v is None else v for v in velden}, (
        formulier.errors.as_data()
    )
    return formulier


def getypt(response, *waarden: str) -> None:
    inhoud = response.content.decode()
    for waarde in waarden:
        assert escape(waarde) in inhoud, f"{waarde!r} is no longer in the form"


def berichten(response, niveau: str) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == niveau]


def zes_p(traject) -> str:
    return reverse("serviceformules:zes_p", args=[traject.pk])


def flits() -> Serviceformule:
    return Serviceformule.objects.get(naam="Flitsformule")


def formule_post(**anders) -> dict:
    data = {
        "naam": "Meldingformule",
        "omschrijving": "Voor meldingen die snel opgelost worden.",
        "klantrol": "Melder",
        "kernwaarden": "Snel\nZichtbaar",
        "actief": "on",
    }
    for p in P:
        data[f"{p.value}_zekerheid"] = f"Belofte over {p.value}"
        data[f"{p.value}_interne_afspraak"] = f"Afspraak over {p.value}"
    data.update(anders)
    return data


# --- the catalogue ------------------------------------------------------------------------------


class TestCatalogus:
    def test_every_logged_in_user_reads_the_catalogue(self, gebruikers, als):
        ProductFactory(naam="Rijbewijs verlengen", serviceformule=flits())
        response = als("buitenstaander").get(reverse("serviceformules:catalogus"))
        assert response.status_code == 200
        inhoud = response.content.decode()
        for naam in (
            "Flitsformule",
            "Wegwijsformule",
            "Beheerformule",
            "Ontwikkelformule",
            "Toezichtformule",
        ):
            assert naam in inhoud
        assert "Direct duidelijk" in inhoud and "Landelijk" in inhoud  # the interface is Dutch
        rij = next(f for f in response.context["formules"] if f.naam == "Flitsformule")
        assert rij.aantal_producten == 1
        assert reverse("serviceformules:formule_nieuw") not in inhoud

    def test_the_administrator_sees_the_buttons_to_keep_it(self, als):
        inhoud = als(BEHEERDER).get(reverse("serviceformules:catalogus")).content.decode()
        assert reverse("serviceformules:formule_nieuw") in inhoud
        detail = als(BEHEERDER).get(flits().get_absolute_url()).content.decode()
        assert reverse("serviceformules:formule_bewerken", args=[flits().pk]) in detail

    def test_a_formule_page_shows_its_six_ps_and_its_products(self, als):
        ProductFactory(naam="Rijbewijs verlengen", serviceformule=flits())
        response = als(Rol.SPONSOR).get(flits().get_absolute_url())
        inhoud = response.content.decode()
        assert [rij.p for rij in response.context["ps"]] == list(P.values)
        for rij in FormuleP.objects.filter(formule=flits()):
            assert escape(rij.zekerheid) in inhoud and escape(rij.interne_afspraak) in inhoud
        assert "Rijbewijs verlengen" in inhoud
        assert reverse("serviceformules:formule_bewerken", args=[flits().pk]) not in inhoud

    def test_an_unknown_formule_is_not_found(self, als):
        assert als().get(reverse("serviceformules:formule", args=[999999])).status_code == 404

    def test_the_administrator_adds_a_formule_with_its_twelve_texts(self, als):
        response = als(BEHEERDER).post(reverse("serviceformules:formule_nieuw"), formule_post())
        formule = Serviceformule.objects.get(naam="Meldingformule")
        assert response.status_code == 302 and response.url == formule.get_absolute_url()
        assert not formule.landelijk and formule.kernwaarden_lijst == ["Snel", "Zichtbaar"]
        assert (
            FormuleP.objects.get(formule=formule, p=P.PERSONEEL).interne_afspraak == "Afspraak over personeel"
        )

    def test_a_new_formule_with_bad_input_comes_back_with_the_input_kept(self, als):
        data = formule_post(naam="Flitsformule", omschrijving="  ", prijs_zekerheid="Gratis voor iedereen")
        response = als(BEHEERDER).post(reverse("serviceformules:formule_nieuw"), data)
        formulier_terug(response, "naam", "omschrijving")
        getypt(response, "Gratis voor iedereen", "Afspraak over proces", "Melder")
        assert not Serviceformule.objects.filter(naam="Meldingformule").exists()

    def test_the_administrator_edits_a_national_formule(self, als):
        url = reverse("serviceformules:formule_bewerken", args=[flits().pk])
        form = als(BEHEERDER).get(url).context["form"]
        assert form.initial["naam"] == "Flitsformule"
        assert form["prijs_zekerheid"].value() == FormuleP.objects.get(formule=flits(), p=P.PRIJS).zekerheid
        response = als(BEHEERDER).post(url, formule_post(naam="Flitsformule", actief=""))
        assert response.status_code == 302
        formule = flits()
        assert formule.landelijk and not formule.actief
        assert FormuleP.objects.get(formule=formule, p=P.PRIJS).zekerheid == "Belofte over prijs"

    def test_editing_with_bad_input_keeps_the_input_and_the_saved_name(self, als):
        url = reverse("serviceformules:formule_bewerken", args=[flits().pk])
        response = als(BEHEERDER).post(url, formule_post(naam="Wegwijsformule", plaats_zekerheid="Overal"))
        formulier_terug(response, "naam")
        getypt(response, "Overal", "Wegwijsformule")
        assert response.context["formule"].naam == "Flitsformule"
        assert FormuleP.objects.get(formule=flits(), p=P.PLAATS).zekerheid != "Overal"

    def test_the_product_list_shows_each_products_formule(self, als):
        ProductFactory(naam="Rijbewijs verlengen", serviceformule=flits())
        bijstand = ProductFactory(naam="Bijstand aanvragen")
        response = als(Rol.VAKINHOUDELIJK_MEDEWERKER).get(reverse("serviceformules:producten"))
        inhoud = response.content.decode()
        assert "Rijbewijs verlengen" in inhoud and "Bijstand aanvragen" in inhoud
        assert flits().get_absolute_url() in inhoud
        assert reverse("serviceformules:product_formule", args=[bijstand.pk]) not in inhoud, "no edit link"

    def test_the_administrator_gives_a_product_its_formule(self, als):
        product = ProductFactory(naam="Straatfeest")
        url = reverse("serviceformules:product_formule", args=[product.pk])
        assert url in als(BEHEERDER).get(reverse("serviceformules:producten")).content.decode()
        response = als(BEHEERDER).post(url, {"serviceformule": flits().pk})
        assert response.status_code == 302 and response.url == reverse("serviceformules:producten")
        product.refresh_from_db()
        assert product.serviceformule == flits()

    @pytest.mark.parametrize("waarde", ["inactief", "999999", "abc"])
    def test_a_product_cannot_get_an_inactive_or_unknown_formule(self, als, waarde):
        product = ProductFactory(naam="Straatfeest")
        if waarde == "inactief":
            waarde = str(ServiceformuleFactory(actief=False).pk)
        response = als(BEHEERDER).post(
            reverse("serviceformules:product_formule", args=[product.pk]), {"serviceformule": waarde}
        )
        formulier_terug(response, "serviceformule")
        product.refresh_from_db()
        assert product.serviceformule is None


# --- the 6P page --------------------------------------------------------------------------------


@pytest.fixture
def gekozen(traject, gebruikers):
    """The trajectory with the Flitsformule chosen by the projectleider."""
    services.formule_kiezen(traject=traject, door=gebruikers[Rol.PROJECTLEIDER], formule=flits())
    return traject


def beoordeel(traject, door, p: str, oordeel: str, toelichting: str = "Zo werkt het nu.") -> PBeoordeling:
    return services.p_beoordelen(traject=traject, door=door, p=p, oordeel=oordeel, toelichting=toelichting)


class TestZesPPagina:
    def test_without_a_formule_the_page_proposes_the_products_formule(self, traject, als):
        traject.product.serviceformule = Serviceformule.objects.get(naam="Wegwijsformule")
        traject.product.save()
        response = als(Rol.VAKINHOUDELIJK_MEDEWERKER).get(zes_p(traject))
        assert response.status_code == 200
        form = response.context["keuze_form"]
        assert form.initial["formule"] == traject.product.serviceformule_id
        inhoud = response.content.decode()
        assert reverse("serviceformules:formule_kiezen", args=[traject.pk]) in inhoud
        assert f'value="{traject.product.serviceformule_id}"' in inhoud
        assert response.context["ontbrekend"], "step 5 still needs the choice and the six P's"

    def test_management_reads_the_page_without_any_way_to_change_it(self, gekozen, gebruikers, als):
        beoordeel(gekozen, gebruikers[Rol.PROJECTLEIDER], P.PRIJS, Oordeel.WIJKT_AF)
        response = als("management").get(zes_p(gekozen))
        assert response.status_code == 200
        inhoud = response.content.decode()
        assert "Flitsformule" in inhoud
        assert reverse("serviceformules:p_beoordelen", args=[gekozen.pk, "prijs"]) not in inhoud
        assert reverse("verbeterplan:p_verbeterpunt", args=[gekozen.pk, "prijs"]) not in inhoud
        assert reverse("serviceformules:formule_kiezen", args=[gekozen.pk]) not in inhoud

    def test_the_page_shows_the_overview_and_each_p_with_its_verdict(self, gekozen, gebruikers, als):
        pl = gebruikers[Rol.PROJECTLEIDER]
        beoordeel(gekozen, pl, P.PRODUCT, Oordeel.KOMT_OVEREEN, "Standaardproduct, klopt.")
        beoordeel(gekozen, pl, P.PRIJS, Oordeel.WIJKT_AF, "Leges pas achteraf bekend.")
        response = als().get(zes_p(gekozen))
        inhoud = response.content.decode()
        assert 'class="zes-p-overzicht' in inhoud and 'role="img"' in inhoud
        for p in P:
            assert f'id="p-{p.value}"' in inhoud
        assert "Standaardproduct, klopt." in inhoud and "Leges pas achteraf bekend." in inhoud
        assert "Komt overeen" in inhoud and "Wijkt af" in inhoud and "Nog niet beoordeeld" in inhoud
        assert escape(FormuleP.objects.get(formule=flits(), p=P.PLAATS).zekerheid) in inhoud
        knop = reverse("verbeterplan:p_verbeterpunt", args=[gekozen.pk, "prijs"])
        assert knop in inhoud
        assert reverse("verbeterplan:p_verbeterpunt", args=[gekozen.pk, "product"]) not in inhoud
        assert response.context["aantal_beoordeeld"] == 2
        assert 'style="' not in inhoud.split("<main", 1)[1]

    def test_the_current_process_map_is_shown_beside_it(self, gekozen, als):
        versie = ProcesVersieFactory(traject=gekozen, naam="Huidig proces rijbewijs")
        ProcesStapFactory(versie=versie, naam="Aanvraag ontvangen")
        response = als().get(zes_p(gekozen))
        inhoud = response.content.decode()
        assert response.context["procesversie"] == versie
        assert 'class="swimlane"' in inhoud and "Aanvraag ontvangen" in inhoud
        assert versie.get_absolute_url() in inhoud

    def test_a_checked_current_version_is_preferred_over_a_newer_draft(self, gekozen, als):
        gecontroleerd = ProcesVersieFactory(traject=gekozen, naam="Gecontroleerd")
        ProcesVersie.objects.filter(pk=gecontroleerd.pk).update(status=VersieStatus.GECONTROLEERD)
        ProcesVersieFactory(traject=gekozen, naam="Nieuwer concept")
        ProcesVersieFactory(traject=gekozen, naam="Gewenst", soort=ProcesSoort.GEWENST)
        assert als().get(zes_p(gekozen)).context["procesversie"] == gecontroleerd

    def test_without_a_current_version_the_latest_draft_or_a_message(self, gekozen, als):
        response = als().get(zes_p(gekozen))
        assert response.context["procesversie"] is None
        assert reverse("trajecten:procesversies", args=[gekozen.pk]) in response.content.decode()
        ProcesVersieFactory(traject=gekozen, naam="Eerste")
        laatste = ProcesVersieFactory(traject=gekozen, naam="Tweede")
        assert als().get(zes_p(gekozen)).context["procesversie"] == laatste

    def test_a_trajectory_one_is_not_in_is_not_found(self, gekozen, maak_traject, gebruikers, als):
        ander = maak_traject(titel="Een ander traject")
        client = als("buitenstaander")
        for naam, args in [
            ("serviceformules:zes_p", []),
            ("serviceformules:zes_p_svg", []),
            ("serviceformules:formule_kiezen", []),
            ("serviceformules:p_beoordelen", ["prijs"]),
        ]:
            assert client.get(reverse(naam, args=[ander.pk, *args])).status_code == 404, naam

    def test_the_svg_is_served_as_an_svg_file(self, gekozen, gebruikers, als):
        beoordeel(gekozen, gebruikers[Rol.PROJECTLEIDER], P.PROCES, Oordeel.WIJKT_DEELS_AF)
        response = als(Rol.SPONSOR).get(reverse("serviceformules:zes_p_svg", args=[gekozen.pk]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        wortel = ET.fromstring(response.content)  # noqa: S314  our own markup
        assert wortel.tag == "{http://www.w3.org/2000/svg}svg"

    def test_the_svg_without_a_formule_still_draws(self, traject, als):
        response = als().get(reverse("serviceformules:zes_p_svg", args=[traject.pk]))
        assert response.status_code == 200
        ET.fromstring(response.content)  # noqa: S314  our own markup


# --- choosing the formule -----------------------------------------------------------------------


class TestFormuleKiezen:
    def test_choosing_on_the_page_redirects_back_to_it(self, traject, als):
        url = reverse("serviceformules:formule_kiezen", args=[traject.pk])
        response = als(Rol.KLANTREISCOACH).post(url, {"formule": flits().pk, "toelichting": "Standaard."})
        assert response.status_code == 302 and response.url == zes_p(traject)
        keuze = Formulekeuze.objects.get(traject=traject)
        assert keuze.formule == flits() and keuze.toelichting == "Standaard."

    def test_no_formule_chosen_comes_back_with_the_explanation_kept(self, traject, als):
        url = reverse("serviceformules:formule_kiezen", args=[traject.pk])
        response = als().post(url, {"formule": "", "toelichting": "Omdat het snel moet."})
        formulier_terug(response, "formule")
        getypt(response, "Omdat het snel moet.")
        assert not Formulekeuze.objects.filter(traject=traject).exists()

    @pytest.mark.parametrize("waarde", ["inactief", "999999", "geen-getal"])
    def test_an_inactive_or_unknown_formule_is_refused_at_the_field(self, traject, als, waarde):
        if waarde == "inactief":
            waarde = str(ServiceformuleFactory(actief=False).pk)
        url = reverse("serviceformules:formule_kiezen", args=[traject.pk])
        response = als().post(url, {"formule": waarde, "toelichting": "Deze past."})
        formulier_terug(response, "formule")
        getypt(response, "Deze past.")

    def test_the_choice_page_warns_that_another_formule_starts_afresh(self, gekozen, gebruikers, als):
        beoordeel(gekozen, gebruikers[Rol.PROJECTLEIDER], P.PRIJS, Oordeel.WIJKT_AF)
        response = als().get(reverse("serviceformules:formule_kiezen", args=[gekozen.pk]))
        assert response.status_code == 200
        assert response.context["aantal_beoordeeld"] == 1
        assert "begint een nieuwe beoordeling" in response.content.decode()
        assert response.context["form"].initial["formule"] == flits().pk

    def test_choosing_in_a_stopped_trajectory_says_why_on_the_form(self, traject, als):
        from tests.factories import zet_stappen
        from trajecten.choices import TrajectStatus

        zet_stappen(traject, {}, traject_status=TrajectStatus.GESTOPT)
        url = reverse("serviceformules:formule_kiezen", args=[traject.pk])
        response = als().post(url, {"formule": flits().pk, "toelichting": "Toch."})
        formulier_terug(response, None)
        getypt(response, "Toch.")


# --- assessing a P ------------------------------------------------------------------------------


class TestBeoordelen:
    def url(self, traject, p: str = "prijs") -> str:
        return reverse("serviceformules:p_beoordelen", args=[traject.pk, p])

    def test_the_form_shows_the_ps_promise_and_agreement(self, gekozen, als):
        response = als(Rol.VAKINHOUDELIJK_MEDEWERKER).get(self.url(gekozen))
        assert response.status_code == 200
        teksten = FormuleP.objects.get(formule=flits(), p=P.PRIJS)
        getypt(response, teksten.zekerheid, teksten.interne_afspraak)
        assert 'type="radio"' in response.content.decode()

    def test_assessing_redirects_to_the_p_on_the_page(self, gekozen, als):
        response = als().post(
            self.url(gekozen), {"oordeel": Oordeel.WIJKT_AF, "toelichting": "Leges achteraf."}
        )
        assert response.status_code == 302 and response.url == zes_p(gekozen) + "#p-prijs"
        beoordeling = PBeoordeling.objects.get(traject=gekozen, p=P.PRIJS)
        assert beoordeling.oordeel == Oordeel.WIJKT_AF and beoordeling.toelichting == "Leges achteraf."

    def test_changing_an_assessment_starts_from_what_was_said(self, gekozen, gebruikers, als):
        beoordeel(gekozen, gebruikers[Rol.PROJECTLEIDER], P.PRIJS, Oordeel.WIJKT_DEELS_AF, "Deels.")
        form = als().get(self.url(gekozen)).context["form"]
        assert form.initial == {"oordeel": Oordeel.WIJKT_DEELS_AF, "toelichting": "Deels."}

    def test_without_an_explanation_the_verdict_is_kept_and_the_field_says_why(self, gekozen, als):
        response = als().post(self.url(gekozen), {"oordeel": Oordeel.WIJKT_DEELS_AF, "toelichting": "  "})
        form = formulier_terug(response, "toelichting")
        assert form.errors["toelichting"] == [str(services.TOELICHTING_VERPLICHT)]
        assert f'value="{Oordeel.WIJKT_DEELS_AF}"' in response.content.decode()
        assert "checked" in response.content.decode().split(f'value="{Oordeel.WIJKT_DEELS_AF}"', 1)[1][:60]
        assert not PBeoordeling.objects.exists()

    @pytest.mark.parametrize("oordeel", ["", "geweldig"])
    def test_without_a_valid_verdict_the_explanation_is_kept(self, gekozen, als, oordeel):
        response = als().post(self.url(gekozen), {"oordeel": oordeel, "toelichting": "Leges achteraf."})
        formulier_terug(response, "oordeel")
        getypt(response, "Leges achteraf.")

    def test_an_unknown_p_is_not_found(self, gekozen, als):
        assert als().get(self.url(gekozen, "prestatie")).status_code == 404
        assert als().post(self.url(gekozen, "prestatie"), {"oordeel": "wijkt_af"}).status_code == 404

    def test_without_a_formule_the_page_sends_back_to_choose_one(self, traject, als):
        response = als().get(self.url(traject))
        assert response.status_code == 302 and response.url == zes_p(traject)
        assert berichten(response, "error")

    def test_a_role_without_the_right_gets_403(self, gekozen, als):
        assert als(Rol.PROCESADVISEUR).get(self.url(gekozen)).status_code == 403


# --- the one-click improvement point -------------------------------------------------------------


class TestVerbeterpunt:
    def url(self, traject, p: str = "prijs") -> str:
        return reverse("verbeterplan:p_verbeterpunt", args=[traject.pk, p])

    def test_one_click_makes_the_point_and_the_page_links_to_it(self, gekozen, gebruikers, als):
        beoordeel(gekozen, gebruikers[Rol.PROJECTLEIDER], P.PRIJS, Oordeel.WIJKT_AF, "Leges achteraf.")
        client = als(Rol.PROCESEIGENAAR)
        response = client.post(self.url(gekozen))
        assert response.status_code == 302 and response.url == zes_p(gekozen) + "#p-prijs"
        punt = Verbeterpunt.objects.get(traject=gekozen)
        assert punt.titel == "Prijs wijkt af van de Flitsformule" and punt.omschrijving == "Leges achteraf."
        assert berichten(response, "success")
        inhoud = client.get(zes_p(gekozen)).content.decode()
        assert self.url(gekozen) not in inhoud, "no second button"
        assert escape(punt.titel) in inhoud
        assert reverse("verbeterplan:verbeterpunten", args=[gekozen.pk]) in inhoud

    def test_a_second_click_makes_no_second_point(self, gekozen, gebruikers, als):
        beoordeel(gekozen, gebruikers[Rol.PROJECTLEIDER], P.PRIJS, Oordeel.WIJKT_AF)
        als().post(self.url(gekozen))
        response = als().post(self.url(gekozen))
        assert response.status_code == 302 and response.url == zes_p(gekozen) + "#p-prijs"
        assert berichten(response, "error")
        assert Verbeterpunt.objects.filter(traject=gekozen).count() == 1

    def test_a_matching_p_gives_a_message_not_a_point(self, gekozen, gebruikers, als):
        beoordeel(gekozen, gebruikers[Rol.PROJECTLEIDER], P.PRODUCT, Oordeel.KOMT_OVEREEN)
        response = als().post(self.url(gekozen, "product"))
        assert response.status_code == 302 and berichten(response, "error")
        assert not Verbeterpunt.objects.exists()

    def test_it_is_a_post_and_an_unknown_p_is_not_found(self, gekozen, als):
        assert als().get(self.url(gekozen)).status_code == 405
        assert als().post(self.url(gekozen, "prestatie")).status_code == 404
