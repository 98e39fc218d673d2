"""The pages of step 2: what they show, bad input on every form (the error at its field, the input
kept, never a 500), htmx with its fallback, and improvement points from a KPI."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.factories import SessieFactory
from tests.kpi.factories import KpiFactory, KpiMetingFactory, goedkeuren
from trajecten.choices import GebeurtenisSoort, KpiRichting, Meetfrequentie, Rol
from trajecten.kpi_voorbeelden import VOORBEELDEN
from trajecten.models import Gebeurtenis, Kpi, KpiMeting
from verbeterplan.choices import VerbeterpuntBron
from verbeterplan.models import Verbeterpunt

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def als(gebruikers):
    def inloggen(rol: str = Rol.PROJECTLEIDER) -> Client:
        client = Client()
        client.force_login(gebruikers[rol])
        return client

    return inloggen


def url(naam: str, traject, *args) -> str:
    return reverse(f"trajecten:{naam}", args=[traject.pk, *args])


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


def kpi_post(**anders) -> dict:
    return {
        "naam": "Klanttevredenheid",
        "definitie": "Gemiddeld rapportcijfer uit de enquête na afhandeling.",
        "eenheid": "rapportcijfer",
        "richting": KpiRichting.HOGER_IS_BETER,
        "nulmeting": "6,4",
        "nulmeting_datum": "2026-01-15",
        "streefwaarde": "7,5",
        "streefdatum": "2026-12-31",
        "meetfrequentie": Meetfrequentie.KWARTAAL,
        "bron": "KTO",
        **anders,
    }


def foutberichten(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


# --- the list -----------------------------------------------------------------------------------


def test_the_list_shows_each_kpi_with_approval_values_and_a_chart(traject, gebruikers, als):
    kpi = goedkeuren(KpiFactory(traject=traject, naam="Doorlooptijd"), door=gebruikers[Rol.PROCESEIGENAAR])
    KpiMetingFactory(kpi=kpi, waarde=Decimal("41.5"))
    KpiFactory(traject=traject, naam="First time right", eenheid="%")
    response = als(Rol.SPONSOR).get(url("kpis", traject))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Doorlooptijd" in inhoud and "First time right" in inhoud
    assert "41,5\xa0dagen" in inhoud and "56\xa0dagen" in inhoud
    assert inhoud.count('role="img"') == 2
    assert 'style="' not in inhoud.split("<main", 1)[1]
    assert not response.context["mag_goedkeuren"], "the sponsor does not approve"
    assert reverse("trajecten:kpis_goedkeuren", args=[traject.pk]) not in inhoud


def test_the_process_owner_sees_the_approve_button_only_when_something_awaits(traject, gebruikers, als):
    client = als(Rol.PROCESEIGENAAR)
    knop = reverse("trajecten:kpis_goedkeuren", args=[traject.pk])
    assert knop not in client.get(url("kpis", traject)).content.decode()
    KpiFactory(traject=traject)
    assert knop in client.get(url("kpis", traject)).content.decode()


def test_the_list_says_what_step_2_still_misses(traject, als):
    response = als().get(url("kpis", traject))
    assert response.context["ontbrekend"]
    KpiFactory(traject=traject)
    response = als().get(url("kpis", traject))
    assert len(response.context["ontbrekend"]) == 1


def test_approving_through_the_page(traject, gebruikers, als):
    kpi = KpiFactory(traject=traject)
    response = als(Rol.PROCESEIGENAAR).post(reverse("trajecten:kpis_goedkeuren", args=[traject.pk]))
    assert response.status_code == 302 and response.url == url("kpis", traject)
    kpi.refresh_from_db()
    assert kpi.is_goedgekeurd


def test_approving_with_nothing_to_approve_says_why(traject, als):
    response = als(Rol.PROCESEIGENAAR).post(reverse("trajecten:kpis_goedkeuren", args=[traject.pk]))
    assert response.status_code == 302
    assert foutberichten(response)


def test_approving_is_a_post(traject, als):
    assert (
        als(Rol.PROCESEIGENAAR).get(reverse("trajecten:kpis_goedkeuren", args=[traject.pk])).status_code
        == 405
    )


# --- a new KPI ----------------------------------------------------------------------------------


class TestNieuweKpi:
    @pytest.fixture(autouse=True)
    def _opzet(self, traject, als):
        self.traject = traject
        self.client = als()
        self.url = url("kpi_nieuw", traject)

    def post(self, data: dict):
        response = self.client.post(self.url, data)
        assert not Kpi.objects.exists(), "nothing may be saved"
        return response

    def test_an_example_fills_in_the_form(self):
        response = self.client.get(self.url + "?voorbeeld=doorlooptijd")
        assert response.status_code == 200
        form = response.context["form"]
        assert form.initial["naam"] == VOORBEELDEN["doorlooptijd"].naam
        assert form.initial["richting"] == KpiRichting.LAGER_IS_BETER
        getypt(response, VOORBEELDEN["doorlooptijd"].definitie)
        for sleutel in VOORBEELDEN:
            assert f"?voorbeeld={sleutel}" in response.content.decode()

    def test_an_unknown_example_gives_an_empty_form(self):
        response = self.client.get(self.url + "?voorbeeld=%3Cscript%3E")
        assert response.status_code == 200 and not response.context["form"].initial

    def test_the_five_examples_are_there(self):
        assert set(VOORBEELDEN) == {
            "doorlooptijd",
            "binnen-termijn",
            "klanttevredenheid",
            "contactmomenten",
            "first-time-right",
        }

    def test_a_dutch_comma_and_a_dutch_date_are_understood(self):
        data = kpi_post(nulmeting="6,4", streefwaarde="7,50", nulmeting_datum="15-01-2026")
        response = self.client.post(self.url, data)
        kpi = Kpi.objects.get()
        assert response.status_code == 302 and response.url == kpi.get_absolute_url()
        assert (kpi.nulmeting, kpi.streefwaarde) == (Decimal("6.4"), Decimal("7.5"))
        assert kpi.nulmeting_datum == dt.date(2026, 1, 15)
        assert not kpi.is_goedgekeurd

    @pytest.mark.parametrize(
        ("getypt_", "waarde"), [("1.234,5", "1234.5"), ("1,234.5", "1234.5"), ("42.5", "42.5")]
    )
    def test_other_ways_of_typing_a_number(self, getypt_, waarde):
        data = kpi_post(richting=KpiRichting.LAGER_IS_BETER, nulmeting=getypt_, streefwaarde="1")
        assert self.client.post(self.url, data).status_code == 302
        assert Kpi.objects.get().nulmeting == Decimal(waarde)

    def test_an_empty_form_marks_every_required_field(self):
        formulier_terug(
            self.post({}),
            "naam",
            "definitie",
            "eenheid",
            "richting",
            "nulmeting",
            "nulmeting_datum",
            "streefwaarde",
            "meetfrequentie",
        )

    @pytest.mark.parametrize("tekst", ["veel", "6,4,1", "1e3x", "NaN", "--5"])
    def test_letters_in_a_number_are_refused_at_the_field_and_kept(self, tekst):
        response = self.post(kpi_post(nulmeting=tekst))
        formulier_terug(response, "nulmeting")
        getypt(response, tekst, "Klanttevredenheid", "Gemiddeld rapportcijfer uit de enquête na afhandeling.")

    def test_three_decimals_are_refused(self):
        formulier_terug(self.post(kpi_post(streefwaarde="7,555")), "streefwaarde")

    def test_a_target_equal_to_the_baseline_is_refused_at_the_target(self):
        response = self.post(kpi_post(streefwaarde="6,40"))
        formulier_terug(response, "streefwaarde")
        getypt(response, "6,40", "Klanttevredenheid")

    def test_a_target_worse_than_the_baseline_is_refused_at_the_target(self):
        formulier_terug(self.post(kpi_post(streefwaarde="5")), "streefwaarde")

    def test_a_target_date_before_the_baseline_is_refused_at_the_target_date(self):
        formulier_terug(self.post(kpi_post(streefdatum="2025-12-31")), "streefdatum")

    @pytest.mark.parametrize("datum", ["31-02-2026", "gisteren", "2026-13-01"])
    def test_an_impossible_date_is_refused(self, datum):
        response = self.post(kpi_post(nulmeting_datum=datum))
        formulier_terug(response, "nulmeting_datum")
        getypt(response, datum)

    def test_an_unknown_direction_is_refused(self):
        formulier_terug(self.post(kpi_post(richting="zijwaarts")), "richting")

    def test_a_name_longer_than_200_characters_is_refused(self):
        formulier_terug(self.post(kpi_post(naam="x" * 201)), "naam")


# --- editing ------------------------------------------------------------------------------------


def test_an_unapproved_kpi_has_no_reason_field(traject, als):
    kpi = KpiFactory(traject=traject)
    response = als().get(url("kpi_bewerken", traject, kpi.pk))
    assert response.status_code == 200
    assert "reden" not in response.context["form"].fields
    assert response.context["form"].initial["nulmeting"] == Decimal("56")
    assert 'value="56"' in response.content.decode()


def test_changing_the_baseline_of_an_approved_kpi_asks_the_reason_at_its_field(traject, gebruikers, als):
    kpi = goedkeuren(KpiFactory(traject=traject, naam="Doorlooptijd"), door=gebruikers[Rol.PROCESEIGENAAR])
    client = als()
    data = kpi_post(
        naam="Doorlooptijd",
        richting=KpiRichting.LAGER_IS_BETER,
        nulmeting="54,5",
        streefwaarde="28",
        reden="",
    )
    response = client.post(url("kpi_bewerken", traject, kpi.pk), data)
    formulier_terug(response, "reden")
    getypt(response, "54,5")
    assert Kpi.objects.get(pk=kpi.pk).nulmeting == Decimal("56")

    data["reden"] = "De nulmeting was de mediaan in plaats van het gemiddelde."
    response = client.post(url("kpi_bewerken", traject, kpi.pk), data)
    assert response.status_code == 302 and response.url == kpi.get_absolute_url()
    kpi.refresh_from_db()
    assert kpi.nulmeting == Decimal("54.5") and kpi.is_goedgekeurd
    gebeurtenis = Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.KPI).first()
    assert gebeurtenis.reden == data["reden"]


def test_a_bad_number_when_editing_is_refused_and_kept(traject, als):
    kpi = KpiFactory(traject=traject)
    response = als().post(url("kpi_bewerken", traject, kpi.pk), kpi_post(streefwaarde="hoog"))
    formulier_terug(response, "streefwaarde")
    getypt(response, "hoog")


def test_a_kpi_of_another_trajectory_is_not_found(traject, maak_traject, als):
    ander = maak_traject(titel="Ander traject")
    kpi = KpiFactory(traject=ander)
    meting = KpiMetingFactory(kpi=kpi)
    client = als()
    for naam in ("kpi", "kpi_bewerken", "kpi_verwijderen", "kpi_grafiek"):
        assert client.get(url(naam, traject, kpi.pk)).status_code == 404, naam
    assert client.post(url("kpi_meting_nieuw", traject, kpi.pk), {}).status_code == 404
    assert client.get(url("kpi_meting_verwijderen", traject, kpi.pk, meting.pk)).status_code == 404
    eigen = KpiFactory(traject=traject)
    assert client.get(url("kpi_meting_verwijderen", traject, eigen.pk, meting.pk)).status_code == 404


# --- deleting -----------------------------------------------------------------------------------


def test_deleting_an_approved_kpi_needs_a_reason_on_the_form(traject, gebruikers, als):
    kpi = goedkeuren(KpiFactory(traject=traject), door=gebruikers[Rol.PROCESEIGENAAR])
    client = als()
    formulier_terug(client.post(url("kpi_verwijderen", traject, kpi.pk), {"reden": " "}), "reden")
    response = client.post(url("kpi_verwijderen", traject, kpi.pk), {"reden": "Dubbel."})
    assert response.status_code == 302 and response.url == url("kpis", traject)
    assert not Kpi.objects.exists()


def test_a_kpi_with_improvement_points_cannot_be_deleted_and_the_page_says_so(traject, gebruikers, als):
    kpi = KpiFactory(traject=traject)
    Verbeterpunt.objects.create(
        traject=traject,
        titel="Wekelijks meten",
        kpi=kpi,
        bron=VerbeterpuntBron.KPI,
        ingediend_door=gebruikers[Rol.SPONSOR],
    )
    client = als()
    pagina = client.get(url("kpi_verwijderen", traject, kpi.pk))
    assert pagina.context["bezwaren"]
    assert url("kpi_verwijderen", traject, kpi.pk) not in [
        a for a in pagina.content.decode().split('action="')[1:] if a.startswith("/")
    ]
    response = client.post(url("kpi_verwijderen", traject, kpi.pk), {"reden": ""})
    assert response.status_code == 302 and response.url == kpi.get_absolute_url()
    assert foutberichten(response)
    assert Kpi.objects.filter(pk=kpi.pk).exists()


# --- the KPI page, its chart and measurements -------------------------------------------------------


def test_the_kpi_page_has_the_chart_and_a_table_beside_it(traject, als):
    kpi = KpiFactory(traject=traject)
    KpiMetingFactory(kpi=kpi, waarde=Decimal("44"), toelichting="Na de eerste quick win")
    response = als(Rol.SPONSOR).get(kpi.get_absolute_url())
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "<svg" in inhoud and "<caption" in inhoud and 'scope="row"' in inhoud
    assert "Na de eerste quick win" in inhoud
    assert response.context["form"] is None, "the sponsor does not enter measurements"
    assert f"?kpi={kpi.pk}" in inhoud, "any member records an improvement point from the KPI"


def test_the_chart_as_an_svg_file(traject, als):
    kpi = KpiFactory(traject=traject)
    response = als(Rol.SPONSOR).get(url("kpi_grafiek", traject, kpi.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    boom = ET.fromstring(response.content)  # noqa: S314  our own markup
    assert boom.tag == "{http://www.w3.org/2000/svg}svg"


class TestMeting:
    @pytest.fixture(autouse=True)
    def _opzet(self, traject, als):
        self.traject = traject
        self.kpi = KpiFactory(traject=traject)
        self.client = als(Rol.TEAMMANAGER)
        self.url = url("kpi_meting_nieuw", traject, self.kpi.pk)

    def gisteren(self) -> str:
        return (timezone.localdate() - dt.timedelta(days=1)).isoformat()

    def test_without_javascript_the_page_reloads(self):
        response = self.client.post(self.url, {"datum": self.gisteren(), "waarde": "41,5"})
        assert response.status_code == 302 and response.url == self.kpi.get_absolute_url()
        assert KpiMeting.objects.get().waarde == Decimal("41.5")

    def test_with_htmx_only_the_measurements_come_back(self):
        response = self.client.post(self.url, {"datum": self.gisteren(), "waarde": "41,5"}, **HTMX)
        assert response.status_code == 200
        inhoud = response.content.decode()
        assert inhoud.lstrip().startswith('<section id="kpi-metingen"')
        assert "41,5\xa0dagen" in inhoud and "<svg" in inhoud
        assert "<html" not in inhoud
        assert not response.context["form"].is_bound, "a fresh form for the next measurement"

    @pytest.mark.parametrize("htmx", [{}, HTMX])
    def test_letters_are_refused_at_the_value_and_kept(self, htmx):
        response = self.client.post(self.url, {"datum": self.gisteren(), "waarde": "twaalf"}, **htmx)
        formulier_terug(response, "waarde")
        getypt(response, "twaalf")
        assert not KpiMeting.objects.exists()

    def test_a_future_date_is_refused_at_the_date(self):
        morgen = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
        response = self.client.post(self.url, {"datum": morgen, "waarde": "40"})
        formulier_terug(response, "datum")
        getypt(response, morgen)

    def test_an_empty_measurement_marks_both_fields(self):
        formulier_terug(self.client.post(self.url, {}), "datum", "waarde")

    def test_a_long_note_is_refused(self):
        formulier_terug(
            self.client.post(self.url, {"datum": self.gisteren(), "waarde": "1", "toelichting": "x" * 301}),
            "toelichting",
        )

    def test_entering_is_a_post(self):
        assert self.client.get(self.url).status_code == 405

    def test_deleting_a_measurement_after_confirmation(self):
        meting = KpiMetingFactory(kpi=self.kpi)
        adres = url("kpi_meting_verwijderen", self.traject, self.kpi.pk, meting.pk)
        assert self.client.get(adres).status_code == 200
        response = self.client.post(adres)
        assert response.status_code == 302 and not KpiMeting.objects.exists()


# --- improvement points from a KPI ------------------------------------------------------------------


def test_an_improvement_point_from_a_kpi_links_back_to_it(traject, als):
    kpi = KpiFactory(traject=traject, naam="Doorlooptijd")
    client = als(Rol.VAKINHOUDELIJK_MEDEWERKER)
    adres = reverse("verbeterplan:verbeterpunt_nieuw", args=[traject.pk]) + f"?kpi={kpi.pk}"
    pagina = client.get(adres)
    assert pagina.status_code == 200 and pagina.context["kpi"] == kpi
    assert f'name="kpi" value="{kpi.pk}"' in pagina.content.decode()
    response = client.post(adres, {"titel": "Doorlooptijd per week tonen", "omschrijving": "", "kpi": kpi.pk})
    assert response.status_code == 302 and response.url == kpi.get_absolute_url()
    punt = Verbeterpunt.objects.get()
    assert punt.kpi == kpi and punt.bron == VerbeterpuntBron.KPI
    lijst = client.get(reverse("verbeterplan:verbeterpunten", args=[traject.pk])).content.decode()
    assert f'<a href="{kpi.get_absolute_url()}">' in lijst
    assert "Doorlooptijd per week tonen" in client.get(kpi.get_absolute_url()).content.decode()


@pytest.mark.parametrize("waarde", ["abc", "999999"])
def test_an_unknown_kpi_as_source_is_not_found(traject, als, waarde):
    adres = reverse("verbeterplan:verbeterpunt_nieuw", args=[traject.pk]) + f"?kpi={waarde}"
    assert als().get(adres).status_code == 404


def test_a_kpi_of_another_trajectory_as_source_is_not_found(traject, maak_traject, als):
    vreemd = KpiFactory(traject=maak_traject(titel="Ander traject"))
    adres = reverse("verbeterplan:verbeterpunt_nieuw", args=[traject.pk])
    client = als()
    assert client.get(f"{adres}?kpi={vreemd.pk}").status_code == 404
    assert client.post(adres, {"titel": "Iets", "kpi": vreemd.pk}).status_code == 404
    assert not Verbeterpunt.objects.exists()


def test_a_point_has_one_source(traject, als):
    kpi = KpiFactory(traject=traject)
    sessie = SessieFactory(traject=traject)
    adres = (
        reverse("verbeterplan:verbeterpunt_nieuw", args=[traject.pk]) + f"?kpi={kpi.pk}&sessie={sessie.pk}"
    )
    assert als().get(adres).status_code == 404
