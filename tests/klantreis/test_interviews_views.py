"""The interview pages and the privacy log: only the klantreiscoach opens notes (everyone else 403, outsiders
404), bad input on every form (realistic personal data refused at its field, the input kept, never a 500),
every view/change/export/deletion logged with who, when and what (never the content), no caching, no
personal data in error reports, the team's summary without pseudonyms, and bounded queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.views.debug import ExceptionReporter

from klantreis import privacy
from klantreis.choices import ROLHANDELINGEN, Handeling, Klanttype, Toestemming
from klantreis.models import Interview, InterviewLog, Inzicht
from klantreis.selectors import inzichten_van
from klantreis.views import interviews as interview_views
from tests.factories import UserFactory, zet_stappen
from tests.klantreis.factories import InterviewFactory, InzichtFactory, KlantreisFactory
from trajecten.choices import Rol, TrajectStatus
from wasstraat.accounts.models import Groep

pytestmark = pytest.mark.django_db

NOTITIES = "Mevrouw belde drie keer; de website noemde de bijlagen niet."
PSEUDONIEM = "Inwoner Zeeland-7"
LEDEN_BEHALVE_COACH = [r.value for r in Rol if r != Rol.KLANTREISCOACH]


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    with translation.override("en"):
        yield


def ingelogd(gebruiker) -> Client:
    """A logged-in client that chose English (the source language) with the language switch."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(gebruiker)
    return client


@pytest.fixture
def als(gebruikers):
    def inloggen(rol: str = Rol.KLANTREISCOACH) -> Client:
        return ingelogd(gebruikers[rol])

    return inloggen


@pytest.fixture
def coach(gebruikers):
    return gebruikers[Rol.KLANTREISCOACH]


@pytest.fixture
def reis(traject):
    return KlantreisFactory(traject=traject)


@pytest.fixture
def interview(reis, coach):
    return InterviewFactory(
        klantreis=reis,
        pseudoniem=PSEUDONIEM,
        notities=NOTITIES,
        kerninzichten="Bijlagen onduidelijk\nWil de status volgen",
        aangemaakt_door=coach,
    )


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


def berichten(response, niveau: str) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == niveau]


def interview_post(**anders) -> dict:
    gisteren = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    return {
        "datum": gisteren,
        "klanttype": Klanttype.ONDERNEMER,
        "pseudoniem": "Ondernemer B",
        "toestemming_wijze": Toestemming.SCHRIFTELIJK,
        "toestemming_op": gisteren,
        "notities": "Vond de aanvraag lastig; de wachttijd was niet bekend.",
        "kerninzichten": "Wachttijd onbekend",
        **anders,
    }


def over_interviews():
    """The privacy log without the entries about the klantreiscoach role (the team fixture gives one)."""
    return InterviewLog.objects.exclude(handeling__in=ROLHANDELINGEN)


def log(**filters) -> list[InterviewLog]:
    return list(over_interviews().filter(**filters).order_by("pk"))


def geen_cache(response) -> None:
    assert "no-store" in response["Cache-Control"]


# --- who may: the coach only --------------------------------------------------------------------


def _alle_paginas(traject, interview, inzicht) -> list[tuple[str, str]]:
    return [
        ("get", url("interviews", traject)),
        ("get", url("interview_nieuw", traject)),
        ("post", url("interview_nieuw", traject)),
        ("get", url("interviews_export", traject)),
        ("get", url("interview", traject, interview.pk)),
        ("get", url("interview_bewerken", traject, interview.pk)),
        ("post", url("interview_bewerken", traject, interview.pk)),
        ("get", url("interview_verwijderen", traject, interview.pk)),
        ("post", url("interview_verwijderen", traject, interview.pk)),
        ("post", url("inzicht_delen", traject, interview.pk)),
        ("get", url("inzicht_verwijderen", traject, inzicht.pk)),
        ("post", url("inzicht_verwijderen", traject, inzicht.pk)),
    ]


@pytest.mark.parametrize("rol", [*LEDEN_BEHALVE_COACH, "management"])
def test_every_member_but_the_coach_gets_403_on_every_notes_page_management_too(
    traject, reis, interview, als, rol
):
    inzicht = InzichtFactory(klantreis=reis, interview=interview)
    client = als(rol)
    for methode, adres in _alle_paginas(traject, interview, inzicht):
        data = interview_post(notities="Overschreven.") if methode == "post" else None
        response = getattr(client, methode)(adres, data)
        assert response.status_code == 403, f"{methode} {adres}: {response.status_code}"
        assert NOTITIES.encode() not in response.content
    assert not over_interviews().exists()
    interview.refresh_from_db()
    assert interview.notities == NOTITIES and Inzicht.objects.count() == 1


@pytest.mark.parametrize("rol", ["buitenstaander", "functioneel_beheerder"])
def test_an_outsider_does_not_find_the_pages(traject, reis, interview, als, rol):
    inzicht = InzichtFactory(klantreis=reis, interview=interview)
    client = als(rol)
    for methode, adres in _alle_paginas(traject, interview, inzicht):
        assert getattr(client, methode)(adres).status_code == 404, adres
    assert not over_interviews().exists()


def test_anonymous_visitors_go_to_the_login_page(traject, interview):
    response = Client().get(url("interview", traject, interview.pk))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_interview_of_another_trajectory_is_not_found(traject, reis, als, maak_traject):
    ander = InterviewFactory(klantreis=KlantreisFactory(traject=maak_traject(titel="Ander traject")))
    inzicht = InzichtFactory(klantreis=ander.klantreis, interview=ander)
    client = als()
    for naam in ("interview", "interview_bewerken", "interview_verwijderen"):
        assert client.get(url(naam, traject, ander.pk)).status_code == 404, naam
    assert client.post(url("inzicht_delen", traject, ander.pk), {"tekst": "x"}).status_code == 404
    assert client.get(url("inzicht_verwijderen", traject, inzicht.pk)).status_code == 404
    assert not over_interviews().exists()


# --- the list -----------------------------------------------------------------------------------


def test_the_list_shows_the_interviews_without_notes_and_is_not_logged(traject, reis, interview, als):
    InterviewFactory(
        klantreis=reis, pseudoniem="Ondernemer 4", notities="", notities_verwijderd_op=timezone.now()
    )
    response = als().get(url("interviews", traject))
    assert response.status_code == 200
    geen_cache(response)
    inhoud = response.content.decode()
    assert PSEUDONIEM in inhoud and "Ondernemer 4" in inhoud
    assert NOTITIES not in inhoud
    assert "Deleted on" in inhoud
    assert url("interviews_export", traject) in inhoud and url("interview_nieuw", traject) in inhoud
    assert not over_interviews().exists()


def test_the_list_says_when_the_notes_go_once_step_4_is_completed(traject, reis, interview, als):
    from trajecten.models import StapStatus

    StapStatus.objects.filter(traject=traject, stap="4").update(
        status="afgerond", afgerond_op=timezone.make_aware(dt.datetime(2026, 1, 20, 12, 0))
    )
    response = als().get(url("interviews", traject))
    assert response.context["bewaartermijn_einde"].date() == dt.date(2027, 1, 20)
    assert "20 January 2027" in response.content.decode()


def test_without_a_journey_the_list_invites_to_start_it(traject, als):
    response = als().get(url("interviews", traject))
    assert response.status_code == 200
    assert reverse("klantreis:bewerken", args=[traject.pk]) in response.content.decode()


# --- recording ----------------------------------------------------------------------------------


def test_without_a_journey_the_coach_is_sent_to_describe_the_target_group(traject, als):
    response = als().get(url("interview_nieuw", traject))
    assert response.status_code == 302 and response.url == reverse("klantreis:bewerken", args=[traject.pk])
    assert berichten(response, "warning")


def test_the_form_warns_at_the_pseudonym_and_the_notes_and_validates_on_the_server(traject, reis, als):
    response = als().get(url("interview_nieuw", traject))
    assert response.status_code == 200
    geen_cache(response)
    inhoud = response.content.decode()
    assert "<form novalidate" in inhoud
    assert inhoud.count("alert alert-warning") >= 2
    assert inhoud.index("made-up label") < inhoud.index('name="pseudoniem"')
    assert (
        inhoud.index('name="pseudoniem"') < inhoud.index("not who they are") < inhoud.index('name="notities"')
    )
    assert 'type="date"' in inhoud and 'name="toestemming_wijze"' in inhoud
    assert 'style="' not in inhoud.split("<main", 1)[1]


def test_recording_an_interview_logs_it_and_shows_it(traject, reis, coach, als):
    response = als().post(url("interview_nieuw", traject), interview_post())
    interview = Interview.objects.get()
    assert response.status_code == 302 and response.url == interview.get_absolute_url()
    assert interview.pseudoniem == "Ondernemer B" and interview.aangemaakt_door == coach
    [regel] = log()
    assert regel.handeling == Handeling.AANGEMAAKT and regel.actor == coach
    assert "wachttijd" not in regel.omschrijving.lower()


BSN_ELFPROEF = ["111222333", "123456782", "1234 56 782", "BSN: 123.456.782", "mijn bsn is 111-222-333"]
TELEFOON = [
    "06-12345678",
    "+31 6 12345678",
    "020-1234567",
    "(020) 123 45 67",
    "0031 6 12345678",
    "0031 20 123 4567",
    "+31 (0)6 12345678",
    "bel 0612345678 na vijven",
]
EMAIL = ["jan.jansen@example.nl", "j.de.vries+klant@gemeente-utrecht.nl", "mail: info@bakkerij.co.uk"]


@pytest.mark.parametrize("waarde", BSN_ELFPROEF + TELEFOON + EMAIL)
@pytest.mark.parametrize("veld", ["pseudoniem", "notities", "kerninzichten"])
def test_personal_data_is_refused_at_its_field_and_the_input_kept(traject, reis, als, veld, waarde):
    if veld == "pseudoniem":
        tekst = waarde
    else:
        tekst = f"Gesprek bij de balie. Gegevens: {waarde}. Daarna nog even over de wachttijd gehad."
    response = als().post(url("interview_nieuw", traject), interview_post(**{veld: tekst}))
    formulier_terug(response, veld)
    getypt(response, tekst)
    assert not Interview.objects.exists() and not over_interviews().exists()


@pytest.mark.parametrize(
    "notities",
    [
        "Dossiernummer 123456789 (geen geldig BSN).",
        "Zaak Z-2024-000123, aangevraagd op 15-03-2024, besluit 2024-04-30.",
        "Leges € 1.234,56; eerder € 123.456.789 begroot.",
        "Woont in 3511 AB, kreeg 2 brieven, 14:30 gebeld, 45 minuten gewacht.",
        "Belde het algemene nummer 14 020.",
    ],
)
def test_numbers_that_are_no_personal_data_are_accepted(traject, reis, als, notities):
    response = als().post(url("interview_nieuw", traject), interview_post(notities=notities))
    assert response.status_code == 302, response.context["form"].errors.as_data()
    assert Interview.objects.get().notities == notities


@pytest.mark.parametrize(
    ("anders", "veld"),
    [
        ({"datum": ""}, "datum"),
        ({"datum": "31-02-2026"}, "datum"),
        ({"klanttype": "burger"}, "klanttype"),
        ({"pseudoniem": ""}, "pseudoniem"),
        ({"pseudoniem": "x" * 61}, "pseudoniem"),
        ({"toestemming_wijze": ""}, "toestemming_wijze"),
        ({"toestemming_op": "gisteren"}, "toestemming_op"),
    ],
)
def test_bad_input_comes_back_at_its_field(traject, reis, als, anders, veld):
    data = interview_post(**anders)
    response = als().post(url("interview_nieuw", traject), data)
    formulier_terug(response, veld)
    getypt(response, data["notities"])
    assert not Interview.objects.exists()


def test_consent_after_the_interview_comes_back_at_the_consent_date(traject, reis, als):
    data = interview_post(datum="2026-03-01", toestemming_op="2026-03-02")
    formulier_terug(als().post(url("interview_nieuw", traject), data), "toestemming_op")


def test_a_stopped_trajectory_refuses_above_the_form(traject, reis, als):
    zet_stappen(traject, {}, traject_status=TrajectStatus.GESTOPT)
    response = als().post(url("interview_nieuw", traject), interview_post())
    formulier_terug(response, None)
    getypt(response, interview_post()["notities"])


# --- viewing ------------------------------------------------------------------------------------


def test_the_detail_shows_the_notes_and_logs_every_opening(traject, interview, coach, als):
    client = als()
    for _keer in range(2):
        response = client.get(url("interview", traject, interview.pk))
        assert response.status_code == 200
        geen_cache(response)
        inhoud = response.content.decode()
        assert escape(NOTITIES) in inhoud and PSEUDONIEM in inhoud and "Bijlagen onduidelijk" in inhoud
    regels = log(handeling=Handeling.BEKEKEN)
    assert len(regels) == 2
    assert all(r.actor == coach and r.interview == interview and r.traject == traject for r in regels)
    assert all(abs(r.tijdstip - timezone.now()) < dt.timedelta(minutes=1) for r in regels)
    assert all(NOTITIES not in r.omschrijving for r in regels)


def test_deleted_notes_show_when_they_went(traject, interview, als):
    Interview.objects.filter(pk=interview.pk).update(
        notities="", notities_verwijderd_op=timezone.make_aware(dt.datetime(2026, 2, 3, 2, 30))
    )
    response = als().get(url("interview", traject, interview.pk))
    inhoud = response.content.decode()
    assert "Deleted after the retention period on 3 February 2026" in inhoud
    assert "Bijlagen onduidelijk" in inhoud  # the key insights stay
    assert "retention period" in log(handeling=Handeling.BEKEKEN)[0].omschrijving


# --- changing -----------------------------------------------------------------------------------


def test_opening_the_form_is_logged_and_a_change_names_the_fields(traject, interview, coach, als):
    client = als()
    response = client.get(url("interview_bewerken", traject, interview.pk))
    assert response.status_code == 200
    geen_cache(response)
    assert escape(NOTITIES) in response.content.decode()
    [geopend] = log()
    assert geopend.handeling == Handeling.BEKEKEN and "edit" in geopend.omschrijving

    data = interview_post(pseudoniem=PSEUDONIEM, notities="Nieuwe notitie over de brief.")
    response = client.post(url("interview_bewerken", traject, interview.pk), data)
    assert response.status_code == 302 and response.url == interview.get_absolute_url()
    [gewijzigd] = log(handeling=Handeling.GEWIJZIGD)
    assert gewijzigd.actor == coach
    for veld in ("date", "customer type", "notes", "key insights"):
        assert veld in gewijzigd.omschrijving
    assert "brief" not in gewijzigd.omschrijving and "pseudonym" not in gewijzigd.omschrijving


@pytest.mark.parametrize(
    "waarde", ["111222333", "+31 6 12345678", "(020) 123 45 67", "p.devries@example.com"]
)
def test_personal_data_in_a_change_is_refused_and_nothing_changes(traject, interview, als, waarde):
    tekst = f"Aanvulling: {waarde}"
    data = interview_post(pseudoniem=PSEUDONIEM, notities=tekst)
    response = als().post(url("interview_bewerken", traject, interview.pk), data)
    formulier_terug(response, "notities")
    getypt(response, tekst)
    interview.refresh_from_db()
    assert interview.notities == NOTITIES
    assert not log(handeling=Handeling.GEWIJZIGD)


def test_bad_dates_in_a_change_come_back_at_their_fields(traject, interview, als):
    data = interview_post(datum="2026-13-01", toestemming_op="")
    response = als().post(url("interview_bewerken", traject, interview.pk), data)
    formulier_terug(response, "datum", "toestemming_op")
    getypt(response, "2026-13-01", data["notities"])


def test_after_the_retention_period_the_form_has_no_notes_field(traject, interview, als):
    Interview.objects.filter(pk=interview.pk).update(notities="", notities_verwijderd_op=timezone.now())
    client = als()
    response = client.get(url("interview_bewerken", traject, interview.pk))
    assert "notities" not in response.context["form"].fields
    assert 'name="notities"' not in response.content.decode()
    data = interview_post(pseudoniem=PSEUDONIEM, notities="Stiekem weer notities.")
    response = client.post(url("interview_bewerken", traject, interview.pk), data)
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.notities == "" and interview.kerninzichten == "Wachttijd onbekend"


# --- deleting -----------------------------------------------------------------------------------


def test_deleting_asks_first_and_is_logged(traject, reis, interview, coach, als):
    InzichtFactory(klantreis=reis, interview=interview)
    client = als()
    response = client.get(url("interview_verwijderen", traject, interview.pk))
    assert response.status_code == 200
    assert NOTITIES not in response.content.decode()
    assert not over_interviews().exists()  # the confirmation shows no notes
    response = client.post(url("interview_verwijderen", traject, interview.pk))
    assert response.status_code == 302 and response.url == url("interviews", traject)
    assert not Interview.objects.exists() and Inzicht.objects.count() == 1
    [regel] = log()
    assert regel.handeling == Handeling.VERWIJDERD and regel.actor == coach
    assert regel.interview is None and PSEUDONIEM in regel.interview_label


def test_deleting_an_interview_twice_is_not_found(traject, interview, als):
    client = als()
    client.post(url("interview_verwijderen", traject, interview.pk))
    assert client.post(url("interview_verwijderen", traject, interview.pk)).status_code == 404


# --- exporting ----------------------------------------------------------------------------------


def lees_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_export_is_a_logged_uncached_attachment(traject, reis, interview, coach, als):
    tweede = InterviewFactory(klantreis=reis, pseudoniem="Ondernemer 9", notities='=HYPERLINK("x")')
    response = als().get(url("interviews_export", traject))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    geen_cache(response)
    kop, *rijen = lees_csv(response)
    assert "Notes" in kop and len(rijen) == 2
    assert any(NOTITIES in rij for rij in rijen)
    assert any('\'=HYPERLINK("x")' in rij for rij in rijen), "a formula is written as text"
    regels = log(handeling=Handeling.GEEXPORTEERD)
    assert {r.interview for r in regels} == {interview, tweede}
    assert all(r.actor == coach for r in regels)


# --- sharing insights ---------------------------------------------------------------------------


def test_the_coach_shares_a_key_insight_with_the_journey(traject, reis, interview, coach, als):
    response = als().post(
        url("inzicht_delen", traject, interview.pk), {"kerninzicht": "Bijlagen onduidelijk"}
    )
    assert response.status_code == 302 and response.url.endswith("#inzichten")
    inzicht = Inzicht.objects.get()
    assert inzicht.tekst == "Bijlagen onduidelijk" and inzicht.interview == interview
    detail = als().get(url("interview", traject, interview.pk)).content.decode()
    assert "shared with the team" in detail


def test_a_written_insight_wins_over_the_choice(traject, interview, als):
    data = {"kerninzicht": "Bijlagen onduidelijk", "tekst": "Klanten willen weten hoe lang het duurt"}
    als().post(url("inzicht_delen", traject, interview.pk), data)
    assert Inzicht.objects.get().tekst == "Klanten willen weten hoe lang het duurt"


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"kerninzicht": "", "tekst": ""}, "tekst"),
        ({"kerninzicht": "Iets wat er niet staat"}, "kerninzicht"),
        ({"tekst": "Mevrouw de Vries, 06-12345678, wil teruggebeld worden"}, "tekst"),
        ({"tekst": "BSN 1234 56 782 stond op het formulier"}, "tekst"),
        ({"tekst": "Reageerde via pietje@example.org"}, "tekst"),
    ],
)
def test_bad_insights_come_back_at_their_field_with_the_input(traject, interview, als, data, veld):
    response = als().post(url("inzicht_delen", traject, interview.pk), data)
    formulier_terug(response, veld)
    if data.get("tekst"):
        getypt(response, data["tekst"])
    assert not Inzicht.objects.exists()
    assert escape(NOTITIES) in response.content.decode()  # the page came back, and its opening was logged
    assert log(handeling=Handeling.BEKEKEN)


def test_the_same_insight_twice_is_refused_at_the_field(traject, reis, interview, als):
    InzichtFactory(klantreis=reis, interview=interview, tekst="Wachttijd onbekend")
    response = als().post(url("inzicht_delen", traject, interview.pk), {"tekst": "Wachttijd onbekend"})
    formulier_terug(response, "tekst")


def test_the_coach_takes_a_shared_insight_off_after_a_confirmation(traject, reis, als):
    inzicht = InzichtFactory(klantreis=reis, tekst="Wachttijd onbekend")
    client = als()
    response = client.get(url("inzicht_verwijderen", traject, inzicht.pk))
    assert response.status_code == 200 and "Wachttijd onbekend" in response.content.decode()
    response = client.post(url("inzicht_verwijderen", traject, inzicht.pk))
    assert response.status_code == 302
    assert response.url == reverse("klantreis:overzicht", args=[traject.pk]) + "#inzichten"
    assert not Inzicht.objects.exists()


# --- the team's summary on the journey page -----------------------------------------------------


def _samenvatting(traject, reis, *, coach: bool) -> str:
    return render_to_string(
        "klantreis/_interviews_samenvatting.html",
        {
            "traject": traject,
            "interviews": reis.interviews.defer("notities", "kerninzichten").order_by("datum", "pk"),
            "inzichten": inzichten_van(reis),
            "mag_interviews": coach,
            "mag_bewerken": coach,
        },
    )


def test_the_summary_shows_the_team_dates_types_and_insights_but_no_pseudonyms(
    traject, reis, interview, django_assert_max_num_queries
):
    InterviewFactory(klantreis=reis, pseudoniem="Ondernemer 8", klanttype=Klanttype.ONDERNEMER)
    inzicht = InzichtFactory(klantreis=reis, interview=interview, tekst="Wachttijd onbekend")
    with django_assert_max_num_queries(2):  # interviews and insights; touching the notes would add more
        inhoud = _samenvatting(traject, reis, coach=False)
    assert "2 interviews" in inhoud and "Resident" in inhoud and "Entrepreneur" in inhoud
    assert PSEUDONIEM not in inhoud and "Ondernemer 8" not in inhoud and NOTITIES not in inhoud
    assert "Wachttijd onbekend" in inhoud
    assert url("interviews", traject) not in inhoud
    assert url("inzicht_verwijderen", traject, inzicht.pk) not in inhoud


def test_the_coach_sees_pseudonyms_the_interviews_link_and_delete_buttons(traject, reis, interview):
    inzicht = InzichtFactory(klantreis=reis, interview=interview, tekst="Wachttijd onbekend")
    inhoud = _samenvatting(traject, reis, coach=True)
    assert PSEUDONIEM in inhoud and NOTITIES not in inhoud
    assert url("interviews", traject) in inhoud
    assert url("inzicht_verwijderen", traject, inzicht.pk) in inhoud


def test_the_journey_page_shows_the_sponsor_no_notes_and_no_pseudonyms(traject, reis, interview, als):
    InzichtFactory(klantreis=reis, interview=interview, tekst="Wachttijd onbekend")
    response = als(Rol.SPONSOR).get(reverse("klantreis:overzicht", args=[traject.pk]))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Wachttijd onbekend" in inhoud
    assert PSEUDONIEM not in inhoud and escape(NOTITIES) not in inhoud
    assert url("interviews", traject) not in inhoud


# --- error reports ------------------------------------------------------------------------------


def test_personal_data_never_reaches_an_error_report(traject, reis, coach, rf, monkeypatch):
    def kapot(**kwargs):
        raise RuntimeError("een fout in de service")

    monkeypatch.setattr(privacy, "interview_aanmaken", kapot)
    data = interview_post(pseudoniem="Inwoner Geheim", notities="Vertelde over zijn schulden en zijn buren.")
    request = rf.post(url("interview_nieuw", traject), data)
    request.user = coach
    try:
        interview_views.nieuw(request, pk=traject.pk)
    except RuntimeError:
        rapport = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    assert "een fout in de service" in rapport
    assert "schulden" not in rapport and "Inwoner Geheim" not in rapport


def test_personal_data_of_an_open_interview_never_reaches_an_error_report(
    traject, interview, coach, rf, monkeypatch
):
    def kapot(**kwargs):
        raise RuntimeError("het logboek is stuk")

    monkeypatch.setattr(privacy, "interview_bekijken", kapot)
    request = rf.get(url("interview", traject, interview.pk))
    request.user = coach
    try:
        interview_views.detail(request, pk=traject.pk, interview_pk=interview.pk)
    except RuntimeError:
        rapport = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    assert "het logboek is stuk" in rapport
    assert "belde drie keer" not in rapport and PSEUDONIEM not in rapport


# --- the privacy log ----------------------------------------------------------------------------


@pytest.fixture
def privacyfunctionaris(db):
    return UserFactory(username="privacy", groepen=[Groep.PRIVACY])


def test_the_privacy_officer_sees_every_entry_and_never_notes(
    traject, interview, coach, privacyfunctionaris, maak_traject
):
    privacy.interview_bekijken(interview=interview, door=coach)
    privacy.interviews_exporteren(traject=traject, door=coach)
    client = ingelogd(privacyfunctionaris)
    response = client.get(reverse("klantreis:privacylog"))
    assert response.status_code == 200
    geen_cache(response)
    inhoud = response.content.decode()
    assert PSEUDONIEM in inhoud and str(coach) in inhoud and traject.titel in inhoud
    assert "Viewed" in inhoud and "Exported" in inhoud
    assert NOTITIES not in inhoud
    assert "Given the customer journey coach role" in inhoud  # the team fixture gave the coach the role
    assert len(response.context["pagina"].object_list) == 3


@pytest.mark.parametrize("rol", ["klantreiscoach", "projectleider", "management", "functioneel_beheerder"])
def test_nobody_else_reads_the_privacy_log(gebruikers, rol):
    assert ingelogd(gebruikers[rol]).get(reverse("klantreis:privacylog")).status_code == 403


def test_the_privacy_log_filters_by_trajectory_action_and_period(
    traject, reis, interview, coach, privacyfunctionaris, maak_traject, gebruikers
):
    ander = maak_traject(titel="Ander traject")
    ander_interview = InterviewFactory(klantreis=KlantreisFactory(traject=ander), pseudoniem="Inwoner Ander")
    privacy.interview_bekijken(interview=interview, door=coach)
    privacy.interview_bekijken(interview=ander_interview, door=gebruikers[Rol.KLANTREISCOACH])
    privacy.interview_verwijderen(interview=interview, door=coach)
    client = ingelogd(privacyfunctionaris)
    adres = reverse("klantreis:privacylog")

    labels = lambda r: {regel.interview_label.split(" (")[0] for regel in r.context["pagina"].object_list}  # noqa: E731
    assert labels(client.get(adres, {"traject": ander.pk})) == {"Inwoner Ander", ""}  # "": the coach's role
    per_handeling = client.get(adres, {"handeling": Handeling.VERWIJDERD})
    assert [r.handeling for r in per_handeling.context["pagina"].object_list] == [Handeling.VERWIJDERD]
    vandaag = timezone.localdate()
    # three about interviews, and the grant of the coach role in each trajectory
    assert len(client.get(adres, {"van": vandaag.isoformat()}).context["pagina"].object_list) == 3 + 2
    morgen = (vandaag + dt.timedelta(days=1)).isoformat()
    assert not client.get(adres, {"van": morgen}).context["pagina"].object_list
    gisteren = (vandaag - dt.timedelta(days=1)).isoformat()
    assert not client.get(adres, {"tot": gisteren}).context["pagina"].object_list


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"van": "gisteren"}, "van"),
        ({"tot": "32-01-2026"}, "tot"),
        ({"van": "2026-03-10", "tot": "2026-03-01"}, "tot"),
        ({"handeling": "gehackt"}, "handeling"),
        ({"traject": "999999"}, "traject"),
    ],
)
def test_bad_filters_come_back_at_their_field_and_are_ignored(
    interview, coach, privacyfunctionaris, data, veld
):
    privacy.interview_bekijken(interview=interview, door=coach)
    client = ingelogd(privacyfunctionaris)
    response = client.get(reverse("klantreis:privacylog"), data)
    assert response.status_code == 200
    assert veld in response.context["filter_form"].errors
    for waarde in data.values():
        if veld != "traject":
            assert escape(waarde) in response.content.decode()
    # the bad filter is ignored: the view and the grant of the coach role
    assert len(response.context["pagina"].object_list) == 2


def test_the_privacy_log_downloads_as_csv(traject, interview, coach, privacyfunctionaris):
    privacy.interview_bekijken(interview=interview, door=coach)
    privacy.interview_verwijderen(interview=interview, door=coach)
    client = ingelogd(privacyfunctionaris)
    response = client.get(reverse("klantreis:privacylog"), {"formaat": "csv", "handeling": Handeling.BEKEKEN})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    geen_cache(response)
    kop, *rijen = lees_csv(response)
    assert kop == ["Time", "Action", "Interview", "Trajectory", "By", "What"]
    assert len(rijen) == 1 and rijen[0][1] == "Viewed" and PSEUDONIEM in rijen[0][2]
    assert rijen[0][4] == str(coach)
    assert NOTITIES not in response.content.decode("utf-8-sig")


def test_the_privacy_log_is_paginated(traject, interview, coach, privacyfunctionaris):
    for _keer in range(55):
        privacy.interview_bekijken(interview=interview, door=coach)
    client = ingelogd(privacyfunctionaris)
    eerste = client.get(reverse("klantreis:privacylog"))
    assert len(eerste.context["pagina"].object_list) == 50
    tweede = client.get(reverse("klantreis:privacylog"), {"pagina": 2})
    assert len(tweede.context["pagina"].object_list) == 5 + 1  # and the grant of the coach role


def test_the_group_of_privacy_officers_holds_the_right(db):
    assert Group.objects.get(name=Groep.PRIVACY).permissions.filter(codename="view_interviewlog").exists()


# --- queries ------------------------------------------------------------------------------------

#: Measured on SQLite with an empty content-type cache, plus two.
LIJST = 16  # measured 14
DETAIL = 22  # measured 20
LOGBOEK = 11  # the menu asks once whether the user has review requests (Mijn toetsingen)


@pytest.mark.parametrize("aantal", [1, 30], ids=["little", "much"])
def test_the_interview_list_is_bounded(traject, reis, coach, als, django_assert_max_num_queries, aantal):
    for _i in range(aantal):
        InterviewFactory(klantreis=reis, aangemaakt_door=coach)
    client = als()
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(LIJST):
        response = client.get(url("interviews", traject))
    assert len(response.context["interviews"]) == aantal


@pytest.mark.parametrize("aantal", [1, 20], ids=["little", "much"])
def test_the_interview_page_is_bounded(traject, reis, interview, als, django_assert_max_num_queries, aantal):
    for i in range(aantal):
        InzichtFactory(klantreis=reis, interview=interview, tekst=f"Inzicht {i}")
    client = als()
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(DETAIL):
        response = client.get(url("interview", traject, interview.pk))
    assert len(response.context["inzichten"]) == aantal


@pytest.mark.parametrize("aantal", [1, 60], ids=["little", "much"])
def test_the_privacy_log_is_bounded(
    interview, gebruikers, privacyfunctionaris, django_assert_max_num_queries, maak_traject, aantal
):
    for i in range(aantal):  # different trajectories and people, so a query per row would show
        ander = InterviewFactory(klantreis=KlantreisFactory(traject=maak_traject(titel=f"Traject {i}")))
        privacy.interview_bekijken(interview=ander, door=gebruikers[Rol.KLANTREISCOACH])
    client = ingelogd(privacyfunctionaris)
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(LOGBOEK):
        response = client.get(reverse("klantreis:privacylog"))
    assert response.status_code == 200


# --- the admin ----------------------------------------------------------------------------------


def test_the_admin_never_shows_notes_and_keeps_the_log_read_only(interview, coach):
    privacy.interview_bekijken(interview=interview, door=coach)
    beheerder = UserFactory(username="superuser", is_staff=True, is_superuser=True)
    client = ingelogd(beheerder)
    for adres in (
        reverse("admin:klantreis_interview_changelist"),
        reverse("admin:klantreis_interview_change", args=[interview.pk]),
    ):
        response = client.get(adres)
        assert response.status_code == 200, adres
        assert (
            "belde drie keer" not in response.content.decode() and "Bijlagen" not in response.content.decode()
        )
    regel = over_interviews().get()
    assert client.get(reverse("admin:klantreis_interviewlog_changelist")).status_code == 200
    assert client.get(reverse("admin:klantreis_interviewlog_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:klantreis_interviewlog_delete", args=[regel.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert InterviewLog.objects.filter(pk=regel.pk).exists()
