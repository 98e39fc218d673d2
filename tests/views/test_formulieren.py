"""Bad input on every form: the page comes back (200, never a 500), the error sits at the field it
concerns, and what the user typed is still in the form.

The tests run in Dutch (LANGUAGE_CODE "nl"). Most assert on the form's errors per field and on the
typed values in the HTML, so they hold whatever the translation says; `TestNederlandseMeldingen`
checks the Dutch texts themselves.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories import ProductFactory, UserFactory, zet_stappen
from tests.views.conftest import Omgeving
from trajecten.choices import Rol, SessieSoort, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import Sessie, StapStatus, Teamlid, Traject
from verbeterplan.models import Verbeterpunt

PL = Rol.PROJECTLEIDER.value


def nl(tekst: str) -> str:
    """`tekst` as the Dutch interface shows it (the source text until it is translated)."""
    with translation.override("nl"):
        return gettext(tekst)


def ingelogd(o: Omgeving, rol: str = PL) -> Client:
    client = Client()
    client.force_login(o.persoon(rol))
    return client


def formulier_terug(response, *velden: str, form: str = "form"):
    """Assert the form came back with errors at exactly these fields (None: above the form)."""
    assert response.status_code == 200, response.status_code
    formulier = response.context[form]
    assert formulier.is_bound and not formulier.is_valid()
    fouten = set(formulier.errors)
    verwacht = {"__all__" if veld is None else veld for veld in velden}
    assert fouten == verwacht, formulier.errors.as_data()
    return formulier


def getypt(response, *waarden: str) -> None:
    """Every typed value is still in the page."""
    inhoud = response.content.decode()
    for waarde in waarden:
        assert escape(waarde) in inhoud, f"{waarde!r} is no longer in the form"


def traject_gegevens(o: Omgeving, **anders) -> dict:
    return {
        "product": o.traject.product_id,
        "titel": "Snellere WOZ-bezwaren",
        "aanleiding": "Bezwaren blijven weken liggen.",
        "doel": "Binnen vier weken een besluit.",
        "startdatum": "2026-03-01",
        "einddatum": "2026-12-31",
        **anders,
    }


# --- a new trajectory ---------------------------------------------------------------------------


class TestNieuwTraject:
    @pytest.fixture(autouse=True)
    def _opzet(self, gedeeld: Omgeving) -> None:
        self.o = gedeeld
        self.client = ingelogd(gedeeld)
        self.url = reverse("trajecten:nieuw")
        self.aantal = Traject.objects.count()

    def post(self, data: dict):
        response = self.client.post(self.url, data)
        assert Traject.objects.count() == self.aantal, "nothing may be created"
        return response

    def test_an_empty_form_marks_every_required_field(self):
        formulier_terug(self.post({}), "product", "titel", "aanleiding", "doel")

    def test_an_end_before_the_start_is_refused_at_the_end_date_and_the_input_kept(self):
        data = traject_gegevens(self.o, startdatum="2026-06-01", einddatum="2026-05-01")
        response = self.post(data)
        formulier_terug(response, "einddatum")
        getypt(response, data["titel"], data["aanleiding"], data["doel"], "2026-06-01", "2026-05-01")

    @pytest.mark.parametrize("datum", ["31-02-2026", "morgen", "2026-13-01", "1-1-1"])
    def test_an_impossible_date_is_refused(self, datum: str):
        response = self.post(traject_gegevens(self.o, startdatum=datum))
        formulier_terug(response, "startdatum")
        getypt(response, "Snellere WOZ-bezwaren")

    def test_an_inactive_product_cannot_be_chosen(self):
        oud = ProductFactory(naam="Hondenbelasting", actief=False)
        response = self.post(traject_gegevens(self.o, product=oud.pk))
        formulier_terug(response, "product")
        getypt(response, "Snellere WOZ-bezwaren")

    def test_a_title_longer_than_200_characters_is_refused(self):
        titel = "Lang " * 41
        response = self.post(traject_gegevens(self.o, titel=titel))
        formulier_terug(response, "titel")

    def test_a_date_typed_the_dutch_way_is_understood(self):
        response = self.client.post(self.url, traject_gegevens(self.o, startdatum="15-03-2026"))
        assert response.status_code == 302
        assert str(Traject.objects.get(titel="Snellere WOZ-bezwaren").startdatum) == "2026-03-15"


# --- editing the basics -------------------------------------------------------------------------


class TestTrajectBewerken:
    @pytest.fixture(autouse=True)
    def _opzet(self, gedeeld: Omgeving) -> None:
        self.o = gedeeld
        self.client = ingelogd(gedeeld)
        self.url = reverse("trajecten:bewerken", args=[gedeeld.traject.pk])

    def gegevens(self, **anders) -> dict:
        return traject_gegevens(self.o, **anders)

    def test_a_form_with_an_unreadable_version_asks_to_look_again_and_keeps_the_input(self):
        response = self.client.post(self.url, self.gegevens(titel="Mijn nieuwe titel", gezien="kapot"))
        formulier_terug(response, None)
        getypt(response, "Mijn nieuwe titel")
        assert Traject.objects.get(pk=self.o.traject.pk).titel == self.o.traject.titel

    def test_an_empty_title_is_refused_and_the_other_fields_kept(self):
        response = self.client.post(self.url, self.gegevens(titel="", doel="Een nieuw doel"))
        formulier_terug(response, "titel")
        getypt(response, "Een nieuw doel")

    def test_an_end_before_the_start_is_refused(self):
        response = self.client.post(self.url, self.gegevens(startdatum="2026-06-01", einddatum="2026-01-01"))
        formulier_terug(response, "einddatum")

    def test_the_heading_keeps_the_saved_title_while_the_form_shows_the_typed_one(self):
        response = self.client.post(self.url, self.gegevens(titel="Getypt", einddatum="2020-01-01"))
        formulier_terug(response, "einddatum")
        kop = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1)
        assert escape(self.o.traject.titel) in kop and "Getypt" not in kop
        assert 'value="Getypt"' in response.content.decode()


# --- pause, stop; skip, reopen: a reason is required -----------------------------------------------


class TestReden:
    @pytest.fixture(autouse=True)
    def _opzet(self, gedeeld: Omgeving) -> None:
        self.o = gedeeld
        self.client = ingelogd(gedeeld)

    @pytest.mark.parametrize("actie", ["pauzeren", "stoppen"])
    @pytest.mark.parametrize("reden", ["", "   "])
    def test_pausing_or_stopping_without_a_reason_is_refused_at_the_reason(self, actie, reden):
        response = self.client.post(
            reverse("trajecten:status", args=[self.o.traject.pk, actie]), {"reden": reden}
        )
        formulier_terug(response, "reden")
        assert Traject.objects.get(pk=self.o.traject.pk).status == TrajectStatus.CONCEPT

    def test_resuming_needs_no_reason(self):
        zet_stappen(self.o.traject, {}, traject_status=TrajectStatus.GEPAUZEERD)
        response = self.client.post(reverse("trajecten:status", args=[self.o.traject.pk, "hervatten"]))
        assert response.status_code == 302
        assert Traject.objects.get(pk=self.o.traject.pk).status == TrajectStatus.CONCEPT

    def test_skipping_without_a_reason_is_refused_at_the_reason(self):
        zet_stappen(
            self.o.traject,
            {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S3A: StapStatusKeuze.AFGEROND},
            traject_status=TrajectStatus.LOPEND,
        )
        adviseur = ingelogd(self.o, Rol.PROCESADVISEUR)
        response = adviseur.post(
            reverse("trajecten:stap_actie", args=[self.o.traject.pk, "3b", "overslaan"]), {"reden": ""}
        )
        formulier_terug(response, "reden")
        assert StapStatus.objects.get(traject=self.o.traject, stap="3b").status == "niet_gestart"

    def test_reopening_without_a_reason_is_refused_at_the_reason(self):
        zet_stappen(self.o.traject, {Stap.S1: StapStatusKeuze.AFGEROND}, traject_status=TrajectStatus.LOPEND)
        response = self.client.post(
            reverse("trajecten:stap_actie", args=[self.o.traject.pk, "1", "heropenen"]), {"reden": " "}
        )
        formulier_terug(response, "reden")
        assert StapStatus.objects.get(traject=self.o.traject, stap="1").status == "afgerond"

    def test_a_move_the_workflow_refuses_is_explained_not_a_500(self):
        response = self.client.post(
            reverse("trajecten:stap_actie", args=[self.o.traject.pk, "2", "start"]), follow=True
        )
        assert response.status_code == 200
        assert escape(nl("First finish step %(stappen)s.") % {"stappen": "1"}) in response.content.decode()
        assert StapStatus.objects.get(traject=self.o.traject, stap="2").status == "niet_gestart"


# --- the team -------------------------------------------------------------------------------------


class TestTeamlid:
    @pytest.fixture(autouse=True)
    def _opzet(self, gedeeld: Omgeving) -> None:
        self.o = gedeeld
        self.client = ingelogd(gedeeld)
        self.url = reverse("trajecten:team", args=[gedeeld.traject.pk])
        self.aantal = Teamlid.objects.count()

    def post(self, data: dict, **headers):
        response = self.client.post(self.url, data, **headers)
        assert Teamlid.objects.count() == self.aantal, "nobody may be added"
        return response

    def test_an_empty_form_marks_person_and_role(self):
        formulier_terug(self.post({}), "gebruiker", "rol")

    def test_a_specialist_needs_a_discipline(self):
        nieuw = UserFactory(first_name="Fatima", last_name="El Amrani")
        response = self.post({"gebruiker": nieuw.pk, "rol": Rol.SPECIALIST, "discipline": ""})
        formulier = formulier_terug(response, "discipline")
        assert formulier["gebruiker"].value() == str(nieuw.pk)
        # the person chosen is still chosen: a checked radio button among the picker's matches
        assert re.search(rf'name="gebruiker"[^>]*value="{nieuw.pk}"[^>]*checked', response.content.decode())

    def test_only_a_specialist_has_a_discipline(self):
        nieuw = UserFactory()
        response = self.post({"gebruiker": nieuw.pk, "rol": Rol.SPONSOR, "discipline": "jurist"})
        formulier_terug(response, "discipline")

    def test_the_same_person_in_the_same_role_twice_is_refused_at_the_person(self):
        sponsor = self.o.persoon(Rol.SPONSOR)
        response = self.post({"gebruiker": sponsor.pk, "rol": Rol.SPONSOR, "discipline": ""})
        formulier_terug(response, "gebruiker")
        getypt(response, nl("This person already has this role in the team."))

    @pytest.mark.parametrize("gebruiker", ["999999", "abc"])
    def test_a_person_who_does_not_exist_is_refused(self, gebruiker: str):
        formulier_terug(self.post({"gebruiker": gebruiker, "rol": Rol.SPONSOR}), "gebruiker")

    def test_an_inactive_account_cannot_be_chosen(self):
        weg = UserFactory(is_active=False)
        formulier_terug(self.post({"gebruiker": weg.pk, "rol": Rol.SPONSOR}), "gebruiker")

    def test_an_unknown_role_is_refused(self):
        formulier_terug(self.post({"gebruiker": UserFactory().pk, "rol": "baas"}), "rol")

    def test_with_htmx_the_errors_come_back_in_the_team_block(self):
        response = self.post(
            {"gebruiker": UserFactory().pk, "rol": Rol.SPECIALIST}, headers={"HX-Request": "true"}
        )
        formulier_terug(response, "discipline")
        inhoud = response.content.decode()
        assert "<html" not in inhoud and 'id="team"' in inhoud

    def test_removing_the_last_project_leader_is_explained_not_a_500(self):
        lid = Teamlid.objects.get(traject=self.o.traject, rol=Rol.PROJECTLEIDER)
        response = self.client.post(
            reverse("trajecten:teamlid_verwijderen", args=[self.o.traject.pk, lid.pk]), follow=True
        )
        assert response.status_code == 200
        assert Teamlid.objects.filter(pk=lid.pk).exists()
        assert response.redirect_chain[-1][0] == self.url

    def test_a_membership_of_another_trajectory_is_not_found(self, maak_traject):
        ander = Teamlid.objects.create(
            traject=maak_traject(titel="Ander traject"),
            gebruiker=UserFactory(),
            rol=Rol.SPONSOR,
            toegevoegd_door=self.o.persoon(PL),
        )
        url = reverse("trajecten:teamlid_verwijderen", args=[self.o.traject.pk, ander.pk])
        assert self.client.post(url).status_code == 404
        assert Teamlid.objects.filter(pk=ander.pk).exists()


# --- sessions -------------------------------------------------------------------------------------


def sessie_gegevens(**anders) -> dict:
    return {
        "soort": SessieSoort.OVERIG,
        "titel": "Werksessie formulieren",
        "begint_op": "2026-05-12T10:00",
        "eindigt_op": "2026-05-12T12:00",
        "locatie": "Stadhuis, kamer 3.02",
        "online_link": "",
        "notities": "Meenemen: de huidige formulieren.",
        **anders,
    }


class TestSessie:
    @pytest.fixture(autouse=True)
    def _opzet(self, gedeeld: Omgeving) -> None:
        self.o = gedeeld
        self.client = ingelogd(gedeeld)
        self.url = reverse("trajecten:sessie_nieuw", args=[gedeeld.traject.pk])
        self.aantal = Sessie.objects.count()

    def post(self, data: dict, url: str | None = None, client: Client | None = None):
        response = (client or self.client).post(url or self.url, data)
        assert Sessie.objects.count() == self.aantal, "no session may be planned"
        return response

    def test_an_empty_form_marks_every_required_field(self):
        formulier_terug(self.post({}), "soort", "titel", "begint_op", "eindigt_op")

    def test_an_end_before_the_start_is_refused_at_the_end_and_the_input_kept(self):
        data = sessie_gegevens(eindigt_op="2026-05-12T09:00")
        response = self.post(data)
        formulier_terug(response, "eindigt_op")
        getypt(
            response, data["titel"], data["locatie"], data["notities"], "2026-05-12T10:00", "2026-05-12T09:00"
        )

    def test_neither_a_location_nor_a_link_is_refused_at_the_location(self):
        response = self.post(sessie_gegevens(locatie="", online_link=""))
        formulier_terug(response, "locatie")
        getypt(response, "Werksessie formulieren")

    @pytest.mark.parametrize("link", ["niet een adres", "javascript:alert(1)", "https://"])
    def test_a_bad_link_is_refused(self, link: str):
        response = self.post(sessie_gegevens(online_link=link))
        formulier_terug(response, "online_link")
        getypt(response, "Werksessie formulieren")

    @pytest.mark.parametrize("waarde", ["gisteren", "2026-02-30T10:00", "12:00", "2026-05-12T25:00"])
    def test_a_garbled_date_and_time_is_refused(self, waarde: str):
        response = self.post(sessie_gegevens(begint_op=waarde))
        formulier_terug(response, "begint_op")
        getypt(response, "Werksessie formulieren")

    def test_the_coach_may_only_choose_journey_sessions(self):
        coach = ingelogd(self.o, Rol.KLANTREISCOACH)
        response = self.post(sessie_gegevens(soort=SessieSoort.START), client=coach)
        formulier_terug(response, "soort")

    def test_an_attendee_from_outside_the_team_is_refused(self):
        vreemde = UserFactory()
        formulier_terug(self.post(sessie_gegevens(aanwezigen=[vreemde.pk])), "aanwezigen")

    def test_a_date_and_time_typed_the_dutch_way_is_understood(self):
        data = sessie_gegevens(begint_op="12-05-2026 10:00", eindigt_op="12-05-2026 11:30")
        response = self.client.post(self.url, data)
        assert response.status_code == 302
        sessie = Sessie.objects.get(titel="Werksessie formulieren")
        assert timezone.localtime(sessie.begint_op).strftime("%d-%m-%Y %H:%M") == "12-05-2026 10:00"

    def test_editing_with_bad_input_keeps_the_input_and_the_saved_title_in_the_heading(self):
        url = reverse("trajecten:sessie_bewerken", args=[self.o.traject.pk, self.o.sessie.pk])
        data = sessie_gegevens(titel="Nieuwe titel", eindigt_op="2026-05-12T08:00")
        response = self.post(data, url=url)
        formulier_terug(response, "eindigt_op")
        getypt(response, "Nieuwe titel", self.o.sessie.titel)
        assert Sessie.objects.get(pk=self.o.sessie.pk).titel == self.o.sessie.titel


# --- improvement points ---------------------------------------------------------------------------


class TestVerbeterpunt:
    @pytest.fixture(autouse=True)
    def _opzet(self, gedeeld: Omgeving) -> None:
        self.o = gedeeld
        self.client = ingelogd(gedeeld, Rol.VAKINHOUDELIJK_MEDEWERKER)
        self.lijst = reverse("verbeterplan:verbeterpunten", args=[gedeeld.traject.pk])
        self.nieuw = reverse("verbeterplan:verbeterpunt_nieuw", args=[gedeeld.traject.pk])
        self.aantal = Verbeterpunt.objects.count()

    def post(self, url: str, data: dict, **kwargs):
        response = self.client.post(url, data, **kwargs)
        assert Verbeterpunt.objects.count() == self.aantal, "nothing may be recorded"
        return response

    @pytest.mark.parametrize("pagina", ["lijst", "nieuw"])
    def test_an_empty_title_is_refused_and_the_explanation_kept(self, pagina: str):
        response = self.post(getattr(self, pagina), {"titel": " ", "omschrijving": "Twee keer invoeren."})
        formulier_terug(response, "titel")
        getypt(response, "Twee keer invoeren.")

    @pytest.mark.parametrize("pagina", ["lijst", "nieuw"])
    def test_a_title_of_more_than_200_characters_is_refused_and_kept(self, pagina: str):
        titel = "Klanten moeten " + "heel " * 40 + "lang wachten"
        response = self.post(getattr(self, pagina), {"titel": titel})
        formulier_terug(response, "titel")
        getypt(response, titel)

    def test_with_htmx_the_errors_come_back_in_the_list_block(self):
        response = self.post(self.lijst, {"titel": ""}, headers={"HX-Request": "true"})
        formulier_terug(response, "titel")
        inhoud = response.content.decode()
        assert "<html" not in inhoud and 'id="verbeterpunten"' in inhoud

    def test_a_session_of_another_trajectory_is_not_found(self, maak_traject):
        ander = maak_traject(titel="Ander traject")
        vreemd = Sessie.objects.create(
            traject=ander,
            soort=SessieSoort.OVERIG,
            titel="Elders",
            begint_op=self.o.sessie.begint_op,
            eindigt_op=self.o.sessie.eindigt_op,
            locatie="Elders",
            aangemaakt_door=self.o.persoon(PL),
        )
        assert self.client.get(self.nieuw, {"sessie": vreemd.pk}).status_code == 404
        assert self.post(self.nieuw, {"titel": "Punt", "sessie": vreemd.pk}).status_code == 404
        assert self.post(f"{self.nieuw}?sessie={vreemd.pk}", {"titel": "Punt"}).status_code == 404

    @pytest.mark.parametrize("sessie", ["abc", "999999", "-1"])
    def test_a_garbled_session_is_not_found(self, sessie: str):
        assert self.client.get(self.nieuw, {"sessie": sessie}).status_code == 404
        assert self.post(self.nieuw, {"titel": "Punt", "sessie": sessie}).status_code == 404

    def test_a_point_from_a_session_goes_back_to_the_session(self):
        response = self.client.post(f"{self.nieuw}?sessie={self.o.sessie.pk}", {"titel": "Punt uit sessie"})
        assert response.status_code == 302
        assert response.url == self.o.sessie.get_absolute_url()
        assert Verbeterpunt.objects.get(titel="Punt uit sessie").sessie == self.o.sessie


# --- the list's filters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"status": "bestaat-niet"},
        {"stap": "99"},
        {"afdeling": "abc"},
        {"afdeling": "999999"},
        {"pagina": "xyz"},
        {"pagina": "-3"},
        {"zoek": "x" * 500},
    ],
)
def test_garbled_filters_show_the_list_not_an_error(gedeeld: Omgeving, query: dict):
    response = ingelogd(gedeeld).get(reverse("trajecten:lijst"), query)
    assert response.status_code == 200


# --- the Dutch texts ------------------------------------------------------------------------------


@pytest.mark.vertaling
class TestNederlandseMeldingen:
    """The error texts in Dutch. Django's own are translated by Django; ours by locale/nl."""

    @pytest.fixture(autouse=True)
    def _opzet(self, gedeeld: Omgeving) -> None:
        self.o = gedeeld
        self.client = ingelogd(gedeeld)

    def test_a_required_field_says_so_in_dutch(self):
        response = self.client.post(reverse("trajecten:nieuw"), {})
        assert "Dit veld is verplicht." in response.content.decode()

    def test_an_end_date_before_the_start_date(self):
        data = traject_gegevens(self.o, startdatum="2026-06-01", einddatum="2026-05-01")
        response = self.client.post(reverse("trajecten:nieuw"), data)
        assert "De einddatum kan niet voor de startdatum liggen." in response.content.decode()

    def test_a_session_without_place(self):
        url = reverse("trajecten:sessie_nieuw", args=[self.o.traject.pk])
        response = self.client.post(url, sessie_gegevens(locatie=""))
        assert "Geef een locatie of een link voor online vergaderen." in response.content.decode()

    def test_a_specialist_without_discipline(self):
        url = reverse("trajecten:team", args=[self.o.traject.pk])
        response = self.client.post(url, {"gebruiker": UserFactory().pk, "rol": Rol.SPECIALIST})
        assert "Kies de discipline van de specialist." in response.content.decode()

    def test_pausing_without_a_reason(self):
        url = reverse("trajecten:status", args=[self.o.traject.pk, "pauzeren"])
        response = self.client.post(url, {"reden": ""})
        assert "Geef een reden." in response.content.decode()
