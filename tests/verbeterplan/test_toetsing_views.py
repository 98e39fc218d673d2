"""The pages of step 7: the review page, requesting a review, a request's page, the verdict (per action
and for the whole plan), withdrawing, a fresh review, a condition and "Mijn toetsingen"; bad input comes
back in Dutch at the field with the input kept; what a specialist outside the team sees and does not see;
the menu link; bounded queries.

The pages are Dutch (LANGUAGE_CODE "nl"); texts are compared through `nl()`, the Dutch of our msgid."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories import UserFactory, zet_stappen
from tests.klantreis.factories import InterviewFactory, KlantreisFactory
from tests.proces.factories import ProcesVersieFactory
from tests.verbeterplan.factories import VerbeteractieFactory, toetsverzoek
from trajecten.choices import Rol, Stap, StapStatusKeuze, TrajectStatus
from verbeterplan import toetsing
from verbeterplan.choices import Oordeel, ToetsverzoekStatus
from verbeterplan.models import Toetsoordeel, Toetsverzoek, Verbeteractie, Voorwaarde

pytestmark = pytest.mark.django_db


def nl(tekst: str) -> str:
    with translation.override("nl"):
        return gettext(tekst)


def _url(naam: str, *args) -> str:
    return reverse(f"verbeterplan:{naam}", args=args)


def _client(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


@pytest.fixture
def plan(traject):
    zet_stappen(
        traject,
        {Stap.S6: StapStatusKeuze.AFGEROND, Stap.S7: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )
    return [
        VerbeteractieFactory(traject=traject, titel="Eén loket"),
        VerbeteractieFactory(traject=traject, titel="Digitaal formulier"),
    ]


@pytest.fixture
def privacy():
    return UserFactory(username="privacy", first_name="Priya", last_name="Vacy")


@pytest.fixture
def verzoek(traject, plan, privacy) -> Toetsverzoek:
    return toetsverzoek(traject, privacy)


@pytest.fixture
def pl(gebruikers):
    return _client(gebruikers[Rol.PROJECTLEIDER])


def formulier_terug(response, *velden: str):
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    assert form.is_bound and not form.is_valid()
    assert set(form.errors) == set(velden), form.errors.as_data()
    return form


# --- requesting ---------------------------------------------------------------------------------


def test_the_projectleider_requests_a_review(traject, plan, pl, privacy):
    antwoord = pl.get(_url("toetsing_aanvragen", traject.pk))
    assert antwoord.status_code == 200
    termijn = toetsing.standaardtermijn()
    assert antwoord.context["form"]["termijn"].value() == termijn
    antwoord = pl.post(
        _url("toetsing_aanvragen", traject.pk),
        {
            "specialist": privacy.pk,
            "discipline": "privacy_officer",
            "termijn": termijn.isoformat(),
            "bericht": "",
        },
    )
    assert antwoord.status_code == 302 and antwoord.url == _url("toetsing", traject.pk)
    assert Toetsverzoek.objects.get().specialist == privacy


def test_a_request_with_bad_input_comes_back_in_dutch_with_the_input_kept(traject, plan, pl):
    gisteren = (timezone.localdate() - dt.timedelta(days=1)).strftime("%d-%m-%Y")
    data = {"specialist": "", "discipline": "", "termijn": "31-02-2026", "bericht": "Kijk naar de AVG."}
    form = formulier_terug(
        pl.post(_url("toetsing_aanvragen", traject.pk), data), "specialist", "discipline", "termijn"
    )
    assert form.errors["specialist"] == [nl("Choose the specialist who reviews the plan.")]
    assert "31-02-2026" in str(form["termijn"]) and "Kijk naar de AVG." in str(form["bericht"])
    antwoord = pl.post(
        _url("toetsing_aanvragen", traject.pk),
        data | {"specialist": UserFactory().pk, "discipline": "ict", "termijn": gisteren},
    )
    form = formulier_terug(antwoord, "termijn")
    assert form.errors["termijn"] == [nl("The term cannot be in the past.")]


def test_the_review_page_marks_a_verdict_given_on_an_earlier_version(traject, verzoek, pl, privacy, plan):
    toetsing.toetsoordeel_geven(
        verzoek=verzoek,
        door=privacy,
        actie=plan[0],
        oordeel=Oordeel.ONDER_VOORWAARDEN,
        toelichting="Kan, mits.",
        voorwaarden=["DPIA uitvoeren"],
        antwoorden={"avg_conform": "ja", "dpia_nodig": "ja"},
    )
    inhoud = pl.get(_url("toetsing", traject.pk)).content.decode()
    assert "DPIA uitvoeren" in inhoud and escape(nl("given on an earlier version")) not in inhoud
    Verbeteractie.objects.filter(pk=plan[0].pk).update(titel="Eén loket, ook 's avonds")
    inhoud = pl.get(_url("toetsing", traject.pk)).content.decode()
    assert escape(nl("given on an earlier version")) in inhoud
    verzoekpagina = pl.get(verzoek.get_absolute_url()).content.decode()
    assert escape(nl("Given on an earlier version")) in verzoekpagina
    assert "Eén loket" in verzoekpagina  # the snapshot: what the specialist saw


# --- the specialist ------------------------------------------------------------------------------


def test_a_specialist_outside_the_team_sees_only_what_the_review_needs(traject, verzoek, privacy, plan):
    client = _client(privacy)
    versie = ProcesVersieFactory(traject=traject)
    KlantreisFactory(traject=traject)
    zichtbaar = [
        _url("toetsing", traject.pk),
        verzoek.get_absolute_url(),
        _url("plan", traject.pk),
        _url("acties", traject.pk),
        _url("actie", traject.pk, plan[0].pk),
        _url("matrix", traject.pk),
        reverse("trajecten:procesversies", args=[traject.pk]),
        reverse("trajecten:proces", args=[traject.pk, versie.pk]),
        reverse("klantreis:overzicht", args=[traject.pk]),
        reverse("mijn_toetsingen"),
    ]
    for url in zichtbaar:
        assert client.get(url).status_code == 200, url
    niet = [
        reverse("trajecten:detail", args=[traject.pk]),
        reverse("trajecten:team", args=[traject.pk]),
        reverse("trajecten:tijdlijn", args=[traject.pk]),
        reverse("trajecten:sessies", args=[traject.pk]),
        reverse("trajecten:kpis", args=[traject.pk]),
        reverse("trajecten:trajectkaart", args=[traject.pk]),
        reverse("klantreis:interviews", args=[traject.pk]),
        reverse("serviceformules:zes_p", args=[traject.pk]),
        _url("verbeterpunten", traject.pk),
        _url("actie_bewerken", traject.pk, plan[0].pk),
    ]
    for url in niet:
        assert client.get(url).status_code == 404, url


def test_the_journey_page_shows_a_specialist_no_interview_notes(traject, verzoek, privacy):
    reis = KlantreisFactory(traject=traject)
    InterviewFactory(klantreis=reis, pseudoniem="Mevrouw K.", notities="Woont alleen, belt vaak.")
    inhoud = _client(privacy).get(reverse("klantreis:overzicht", args=[traject.pk])).content.decode()
    assert "Mevrouw K." not in inhoud and "belt vaak" not in inhoud


def test_without_a_request_a_specialist_sees_nothing(traject, plan):
    client = _client(UserFactory())
    for url in (
        _url("toetsing", traject.pk),
        _url("plan", traject.pk),
        reverse("klantreis:overzicht", args=[traject.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_withdrawn_request_takes_the_access_away(traject, verzoek, privacy, gebruikers):
    client = _client(privacy)
    assert client.get(_url("plan", traject.pk)).status_code == 200
    toetsing.toetsverzoek_intrekken(verzoek=verzoek, door=gebruikers[Rol.PROJECTLEIDER], reden="Niet nodig.")
    assert client.get(_url("plan", traject.pk)).status_code == 404


def test_the_specialist_gives_a_verdict_per_action(traject, verzoek, privacy, plan):
    client = _client(privacy)
    url = _url("toetsoordeel_actie", traject.pk, verzoek.pk, plan[0].pk)
    antwoord = client.get(url)
    assert antwoord.status_code == 200 and "Eén loket" in antwoord.content.decode()
    data = {
        "oordeel": Oordeel.ONDER_VOORWAARDEN,
        "voorwaarden": "DPIA uitvoeren\nBewaartermijn vastleggen",
        "toelichting": "Akkoord, mits de DPIA er komt.",
        "vraag_avg_conform": "ja",
        "vraag_dpia_nodig": "ja",
        "vraag_suggesties": "",
    }
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302 and antwoord.url == verzoek.get_absolute_url()
    oordeel = Toetsoordeel.objects.get()
    assert oordeel.voorwaarden == ["DPIA uitvoeren", "Bewaartermijn vastleggen"]
    assert Voorwaarde.objects.filter(actie=plan[0]).count() == 2
    # the open conditions show on the action's page
    assert "Bewaartermijn vastleggen" in client.get(_url("actie", traject.pk, plan[0].pk)).content.decode()
    # final: the form says so and a second post is refused
    antwoord = client.post(url, data | {"oordeel": Oordeel.AKKOORD, "voorwaarden": ""})
    form = formulier_terug(antwoord, "__all__")
    assert nl("You already gave this verdict; a submitted verdict is final.") in form.non_field_errors()


def test_a_verdict_with_bad_input_comes_back_in_dutch_with_the_input_kept(traject, verzoek, privacy):
    url = _url("toetsoordeel_plan", traject.pk, verzoek.pk)
    data = {
        "oordeel": Oordeel.ONDER_VOORWAARDEN,
        "voorwaarden": "",
        "toelichting": "Mijn uitleg",
        "vraag_dpia_nodig": "",
    }
    form = formulier_terug(
        _client(privacy).post(url, data), "voorwaarden", "vraag_avg_conform", "vraag_dpia_nodig"
    )
    assert form.errors["voorwaarden"] == [nl("Name the conditions of your approval, one per line.")]
    assert "Mijn uitleg" in str(form["toelichting"])
    assert not Toetsoordeel.objects.exists()


def test_another_specialist_may_not_see_or_answer_a_request(traject, verzoek, plan):
    ander = UserFactory()
    toetsverzoek(traject, ander, discipline="ict")
    client = _client(ander)
    assert client.get(verzoek.get_absolute_url()).status_code == 403
    url = _url("toetsoordeel_plan", traject.pk, verzoek.pk)
    assert client.get(url).status_code == 403
    assert client.post(url, {"oordeel": "akkoord", "toelichting": "Prima."}).status_code == 403
    assert not Toetsoordeel.objects.exists()
    # and their own review page lists only their own request
    inhoud = client.get(_url("toetsing", traject.pk)).content.decode()
    assert "Priya" not in inhoud


def test_the_menu_links_my_reviews_only_for_who_has_requests(traject, verzoek, privacy, gebruikers):
    link = reverse("mijn_toetsingen")
    assert f'href="{link}"' in _client(privacy).get(link).content.decode()
    assert (
        f'href="{link}"'
        not in _client(gebruikers[Rol.SPONSOR]).get(reverse("trajecten:lijst")).content.decode()
    )


def test_my_reviews_lists_open_requests_first_by_term(traject, verzoek, privacy, maak_traject):
    ander = maak_traject(titel="Parkeervergunning sneller")
    VerbeteractieFactory(traject=ander)
    vroeg = toetsverzoek(ander, privacy, termijn=timezone.localdate() + dt.timedelta(days=2))
    antwoord = _client(privacy).get(reverse("mijn_toetsingen"))
    assert [v.pk for v in antwoord.context["verzoeken"]] == [vroeg.pk, verzoek.pk]


# --- withdrawing, fresh review, conditions -------------------------------------------------------


def test_withdrawing_without_a_reason_comes_back_at_the_field(traject, verzoek, pl):
    url = _url("toetsverzoek_intrekken", traject.pk, verzoek.pk)
    gezien = pl.get(url).context["form"]["gezien"].value()
    form = formulier_terug(pl.post(url, {"intrekreden": "", "gezien": gezien}), "intrekreden")
    assert form.errors["intrekreden"] == [nl("Give the reason for withdrawing this request.")]
    assert pl.post(url, {"intrekreden": "Niet nodig.", "gezien": gezien}).status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == ToetsverzoekStatus.INGETROKKEN


def test_a_fresh_review_of_the_changed_actions_from_the_page(traject, verzoek, privacy, pl, plan):
    toetsing.toetsoordeel_geven(
        verzoek=verzoek,
        door=privacy,
        actie=None,
        oordeel=Oordeel.AKKOORD,
        toelichting="Prima.",
        antwoorden={"avg_conform": "ja", "dpia_nodig": "nee"},
    )
    Verbeteractie.objects.filter(pk=plan[1].pk).update(omschrijving="Nu met DigiD.")
    url = _url("toetsing_herhalen", traject.pk, verzoek.pk)
    assert "Digitaal formulier" in pl.get(url).content.decode()
    termijn = toetsing.standaardtermijn().isoformat()
    assert pl.post(url, {"termijn": termijn, "bericht": "DigiD erbij."}).status_code == 302
    nieuw = Toetsverzoek.objects.exclude(pk=verzoek.pk).get()
    assert list(nieuw.acties.all()) == [plan[1]] and nieuw.herhaling_van == verzoek


def test_a_condition_set_aside_without_a_reason_comes_back_at_the_field(traject, verzoek, privacy, pl, plan):
    oordeel = toetsing.toetsoordeel_geven(
        verzoek=verzoek,
        door=privacy,
        actie=plan[0],
        oordeel=Oordeel.ONDER_VOORWAARDEN,
        toelichting="Mits.",
        voorwaarden=["DPIA"],
        antwoorden={"avg_conform": "ja", "dpia_nodig": "ja"},
    )
    voorwaarde = oordeel.voorwaarde_items.get()
    url = _url("voorwaarde", traject.pk, voorwaarde.pk)
    form = pl.get(url).context["form"]
    data = {
        "eigenaar": voorwaarde.eigenaar_id,
        "status": "terzijde",
        "toelichting": "",
        "gezien": form["gezien"].value(),
    }
    form = formulier_terug(pl.post(url, data), "toelichting")
    assert form.errors["toelichting"] == [nl("Give the reason for setting this condition aside.")]
    assert pl.post(url, data | {"toelichting": "Geen persoonsgegevens meer."}).status_code == 302
    voorwaarde.refresh_from_db()
    assert voorwaarde.status == "terzijde"


# --- queries ------------------------------------------------------------------------------------

#: Measured on SQLite with an empty content-type cache, plus two.
TOETSING = 24  # measured 22
VERZOEK = 22  # measured 20


def _zes_verzoeken(traject, acties: int) -> list[Toetsverzoek]:
    for _ in range(acties):
        VerbeteractieFactory(traject=traject)
    verzoeken = []
    for discipline in (
        "privacy_officer",
        "ciso",
        "ict",
        "jurist",
        "applicatiebeheerder",
        "communicatieadviseur",
    ):
        specialist = UserFactory()
        verzoek = toetsverzoek(traject, specialist, discipline=discipline)
        for actie in verzoek.acties.all()[:3]:
            Toetsoordeel.objects.create(
                verzoek=verzoek,
                actie=actie,
                oordeel=Oordeel.ONDER_VOORWAARDEN,
                toelichting="Mits.",
                voorwaarden=["Eerst testen"],
                gegeven_door=specialist,
            )
        verzoeken.append(verzoek)
    for oordeel in Toetsoordeel.objects.filter(verzoek__traject=traject):
        Voorwaarde.objects.create(
            traject=traject,
            oordeel=oordeel,
            actie=oordeel.actie,
            tekst="Eerst testen",
            eigenaar=oordeel.gegeven_door,
        )
    return verzoeken


@pytest.mark.parametrize("acties", [3, 40])
def test_the_review_page_keeps_its_queries_with_six_reviews(
    traject, plan, pl, acties, django_assert_max_num_queries
):
    from django.contrib.contenttypes.models import ContentType

    verzoeken = _zes_verzoeken(traject, acties)
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(TOETSING):
        assert pl.get(_url("toetsing", traject.pk)).status_code == 200
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(VERZOEK):
        assert pl.get(verzoeken[0].get_absolute_url()).status_code == 200


def test_a_specialist_following_the_links_of_the_review_never_meets_a_closed_page(
    traject, verzoek, privacy, plan
):
    """Every link on the pages a review needs, followed from the review page, opens for the specialist:
    the header, the plan and the process and journey pages hide what they may not see."""
    import re

    from tests.factories import VerbeterpuntFactory
    from tests.klantreis.factories import ContactmomentFactory, FaseFactory
    from tests.proces.factories import ProcesStapFactory
    from tests.verbeterplan.factories import besloten
    from verbeterplan.choices import VerbeterpuntBron

    stap = ProcesStapFactory(versie=ProcesVersieFactory(traject=traject))
    ContactmomentFactory(fase=FaseFactory(klantreis=KlantreisFactory(traject=traject)))
    besloten(VerbeterpuntFactory(traject=traject, bron=VerbeterpuntBron.PROCESSTAP, processtap=stap), plan[0])
    client = _client(privacy)
    te_doen, bezocht, dicht = [_url("toetsing", traject.pk)], set(), []
    while te_doen:
        url = te_doen.pop()
        if url in bezocht:
            continue
        bezocht.add(url)
        antwoord = client.get(url)
        if antwoord.status_code == 302:
            continue  # the home page sends on to "Mijn trajecten"
        if antwoord.status_code != 200:
            dicht.append((url, antwoord.status_code))
            continue
        if "html" in antwoord["Content-Type"]:
            for link in re.findall(r'href="(/[^"#?]*)', antwoord.content.decode()):
                if not link.startswith(("/static/", "/i18n/", "/account/", "/huisstijl")):
                    te_doen.append(link)
    assert not dicht, dicht
    assert len(bezocht) > 10


def test_management_reads_the_review_without_a_way_to_change_it(traject, verzoek, gebruikers):
    client = _client(gebruikers["management"])
    inhoud = client.get(_url("toetsing", traject.pk)).content.decode()
    assert "Priya" in inhoud  # every request, read-only
    assert _url("toetsing_aanvragen", traject.pk) not in inhoud
    assert _url("toetsverzoek_intrekken", traject.pk, verzoek.pk) not in inhoud
    assert client.get(_url("toetsing_aanvragen", traject.pk)).status_code == 403


def test_the_trajectory_page_links_step_7_to_the_review(traject, plan, pl):
    inhoud = pl.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    assert _url("toetsing", traject.pk) in inhoud


def test_the_projectleider_hears_once_when_a_review_is_answered(traject, verzoek, gebruikers):
    from django.core import mail

    from verbeterplan.tasks import toetsverzoek_beantwoord_melden

    Toetsverzoek.objects.filter(pk=verzoek.pk).update(status="beantwoord", beantwoord_op=timezone.now())
    toetsverzoek_beantwoord_melden.delay(verzoek.pk)
    toetsverzoek_beantwoord_melden.delay(verzoek.pk)
    assert len(mail.outbox) == (1 if gebruikers[Rol.PROJECTLEIDER].email else 0)
    assert (
        gebruikers[Rol.PROJECTLEIDER]
        .meldingen.filter(sleutel=f"toetsverzoek-beantwoord-{verzoek.pk}")
        .count()
        == 1
    )
