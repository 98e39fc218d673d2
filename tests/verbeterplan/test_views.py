"""The pages of step 6: the plan with its points by step or source (filters in the query string, a link
back to every source), deciding on a point, the actions (list, page, form, order) and the matrix; bad
input comes back in Dutch at the field with the input kept; a completed step 6 offers nothing to change.

The pages are Dutch (LANGUAGE_CODE "nl"), so the texts asserted here are the Dutch ones.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.factories import SessieFactory, VerbeterpuntFactory, zet_stappen
from tests.kpi.factories import KpiFactory
from tests.verbeterplan.factories import VerbeteractieFactory, besloten
from trajecten.choices import Rol, SessieSoort, Stap, StapStatusKeuze, TrajectStatus
from verbeterplan.choices import Termijn, VerbeterpuntBron, VerbeterpuntStatus
from verbeterplan.models import ActieKpi, Verbeteractie, Verbeterpunt

pytestmark = pytest.mark.django_db


@pytest.fixture
def als(gebruikers):
    def inloggen(rol: str = Rol.PROJECTLEIDER) -> Client:
        client = Client()
        client.force_login(gebruikers[rol])
        return client

    return inloggen


def _url(naam: str, *args) -> str:
    return reverse(f"verbeterplan:{naam}", args=args)


def formulier_terug(response, *velden: str):
    """The form came back (200) with errors at exactly these fields."""
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    assert form.is_bound and not form.is_valid()
    assert set(form.errors) == set(velden), form.errors.as_data()
    return form


@pytest.fixture
def punten(traject, gebruikers):
    """A point of the trajectory itself, one of a KPI (step 2), of a journey session (step 4)."""
    kpi = KpiFactory(traject=traject, naam="Doorlooptijd")
    sessie = SessieFactory(traject=traject, soort=SessieSoort.KLANTREIS, titel="Klantreis in kaart")
    return {
        "traject": VerbeterpuntFactory(traject=traject, titel="Teamoverleg te lang"),
        "kpi": VerbeterpuntFactory(
            traject=traject, titel="Meten per week", bron=VerbeterpuntBron.KPI, kpi=kpi
        ),
        "sessie": VerbeterpuntFactory(
            traject=traject, titel="Brief is onduidelijk", bron=VerbeterpuntBron.SESSIE, sessie=sessie
        ),
    }


# --- the plan page ------------------------------------------------------------------------------


def test_the_plan_groups_the_points_by_step_and_links_back_to_each_source(traject, punten, als):
    response = als().get(_url("plan", traject.pk))
    assert response.status_code == 200
    groepen = [(g.naam, [p.titel for p in g.punten]) for g in response.context["groepen"]]
    assert groepen == [
        ("2 KPI's bepalen", ["Meten per week"]),
        ("4 Klantreis", ["Brief is onduidelijk"]),
        ("Geen bepaalde stap", ["Teamoverleg te lang"]),
    ]
    inhoud = response.content.decode()
    assert f'href="{punten["kpi"].kpi.get_absolute_url()}"' in inhoud
    assert f'href="{punten["sessie"].sessie.get_absolute_url()}"' in inhoud
    assert f'href="{traject.get_absolute_url()}"' in inhoud
    assert "Neem een besluit over 3 open verbeterpunten" in inhoud, "what step 6 still needs"
    assert reverse("verbeterplan:punt_besluiten", args=[traject.pk, punten["kpi"].pk]) in inhoud


def test_the_plan_filters_by_source_step_and_decision_in_the_query_string(traject, punten, als):
    client = als()
    response = client.get(_url("plan", traject.pk), {"bron": "kpi"})
    assert [p.titel for g in response.context["groepen"] for p in g.punten] == ["Meten per week"]
    response = client.get(_url("plan", traject.pk), {"stap": "4", "groeperen": "bron"})
    assert [(g.naam, len(g.punten)) for g in response.context["groepen"]] == [("Sessie", 1)]
    besloten(punten["traject"], reden="Buiten de scope.")
    response = client.get(_url("plan", traject.pk), {"besluit": "open"})
    assert {p.titel for g in response.context["groepen"] for p in g.punten} == {
        "Meten per week",
        "Brief is onduidelijk",
    }
    response = client.get(_url("plan", traject.pk), {"besluit": "afgewezen"})
    assert "Buiten de scope." in response.content.decode(), "a decided point shows what became of it"
    response = client.get(_url("plan", traject.pk), {"bron": "pijnpunt"})
    assert "Geen verbeterpunten die aan deze filters voldoen." in response.content.decode()


def test_an_unknown_filter_value_is_said_at_its_field_and_ignored(traject, punten, als):
    response = als().get(_url("plan", traject.pk), {"bron": "onzin"})
    assert response.status_code == 200
    assert "bron" in response.context["filterform"].errors
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert sum(len(g.punten) for g in response.context["groepen"]) == 3


def test_the_trajectory_page_links_step_6_to_the_plan(traject, als):
    stappen = als().get(traject.get_absolute_url()).context["stappen"]
    stap_6 = next(s for s in stappen if s.regel.stap == Stap.S6)
    assert stap_6.pagina == _url("plan", traject.pk)


def test_management_sees_the_plan_without_anything_to_decide(traject, punten, als):
    inhoud = als("management").get(_url("plan", traject.pk)).content.decode()
    assert 'Bekijken<span class="visually-hidden">' in inhoud
    assert 'Besluiten<span class="visually-hidden">' not in inhoud
    inhoud = als("management").get(_url("punt_besluiten", traject.pk, punten["kpi"].pk)).content.decode()
    assert "Overnemen in een nieuwe actie" not in inhoud


# --- deciding -----------------------------------------------------------------------------------


def test_rejecting_without_a_reason_is_said_in_dutch_at_the_field(traject, punten, als):
    punt = punten["kpi"]
    response = als().post(_url("punt_afwijzen", traject.pk, punt.pk), {"afwijzen-afwijzingsreden": "  "})
    formulier_terug(response, "afwijzingsreden")
    assert "Geef de reden waarom dit punt wordt afgewezen." in response.content.decode()
    assert Verbeterpunt.objects.get(pk=punt.pk).status == VerbeterpuntStatus.OPEN


def test_accepting_returns_to_the_plan_with_its_filters(traject, punten, als):
    punt = punten["kpi"]
    url = _url("punt_overnemen", traject.pk, punt.pk) + "?bron=kpi"
    response = als().post(url, {"overnemen-titel": "Wekelijkse meting"})
    assert response.status_code == 302
    assert response.url == _url("plan", traject.pk) + f"?bron=kpi#punt-{punt.pk}"
    punt.refresh_from_db()
    assert punt.status == VerbeterpuntStatus.OVERGENOMEN and punt.actie.titel == "Wekelijkse meting"


def test_accepting_without_a_title_keeps_the_page_and_says_why(traject, punten, als):
    response = als().post(_url("punt_overnemen", traject.pk, punten["kpi"].pk), {"overnemen-titel": ""})
    formulier_terug(response, "titel")
    assert "Geef de nieuwe actie een titel." in response.content.decode()


def test_merging_needs_an_action_of_this_plan(traject, punten, als, maak_traject):
    VerbeteractieFactory(traject=traject, titel="Eén loket")
    vreemd = VerbeteractieFactory(traject=maak_traject(titel="Ander"))
    client = als()
    url = _url("punt_samenvoegen", traject.pk, punten["kpi"].pk)
    response = client.post(url, {"samenvoegen-actie": ""})
    formulier_terug(response, "actie")
    assert "Kies de actie waarmee dit punt wordt samengevoegd." in response.content.decode()
    response = client.post(url, {"samenvoegen-actie": vreemd.pk})
    formulier_terug(response, "actie")
    assert "Kies een actie van dit verbeterplan." in response.content.decode()


def test_the_decision_page_shows_the_point_and_what_became_of_it(traject, punten, als):
    actie = VerbeteractieFactory(traject=traject, titel="Eén loket")
    besloten(punten["sessie"], actie)
    inhoud = als().get(_url("punt_besluiten", traject.pk, punten["sessie"].pk)).content.decode()
    assert "Samengevoegd met een actie" in inhoud and actie.get_absolute_url() in inhoud
    assert "Opnieuw besluiten" in inhoud


def test_after_step_6_is_completed_nothing_can_be_decided(traject, punten, als):
    zet_stappen(traject, {Stap.S6: StapStatusKeuze.AFGEROND}, traject_status=TrajectStatus.LOPEND)
    client = als()
    punt = punten["kpi"]
    inhoud = client.get(_url("punt_besluiten", traject.pk, punt.pk)).content.decode()
    assert "Stap 6 is afgerond" in inhoud and "Overnemen in een nieuwe actie" not in inhoud
    response = client.post(_url("punt_afwijzen", traject.pk, punt.pk), {"afwijzen-afwijzingsreden": "Later."})
    formulier_terug(response, "__all__")
    assert Verbeterpunt.objects.get(pk=punt.pk).status == VerbeterpuntStatus.OPEN


def test_another_trajectorys_point_is_not_found(traject, als, maak_traject):
    vreemd = VerbeterpuntFactory(traject=maak_traject(titel="Ander"))
    assert als().get(_url("punt_besluiten", traject.pk, vreemd.pk)).status_code == 404
    assert (
        als()
        .post(_url("punt_afwijzen", traject.pk, vreemd.pk), {"afwijzen-afwijzingsreden": "x"})
        .status_code
        == 404
    )


# --- actions ------------------------------------------------------------------------------------


def _actiegegevens(**anders) -> dict:
    return {
        "titel": "Digitaal aanvragen",
        "omschrijving": "Een e-formulier.",
        "termijn": Termijn.LANGE_TERMIJN,
        "impact": "5",
        "inspanning": "4",
        "kosten_eenmalig": "12500,50",
        "kosten_jaarlijks": "",
        "voorgestelde_eigenaar": "",
        **anders,
    }


def test_a_new_action_with_bad_input_comes_back_in_dutch_with_the_input_kept(traject, als):
    response = als().post(
        _url("actie_nieuw", traject.pk),
        _actiegegevens(titel="", kosten_eenmalig="veel", kosten_jaarlijks="-5"),
    )
    formulier_terug(response, "titel", "kosten_eenmalig", "kosten_jaarlijks")
    inhoud = response.content.decode()
    assert "Geef de actie een titel." in inhoud
    assert (
        "Voer een bedrag in euro&#x27;s in, zoals 2500 of 2500,50." in inhoud
        or "Voer een bedrag in euro’s in" in inhoud
    )
    assert "Zorg ervoor dat deze waarde minstens 0 is." in inhoud
    assert 'value="veel"' in inhoud and "Een e-formulier." in inhoud, "what the user typed stays"
    assert not Verbeteractie.objects.exists()


def test_a_new_action_is_saved_with_its_kpi_effect_and_shown(traject, als, gebruikers):
    kpi = KpiFactory(traject=traject, naam="Doorlooptijd")
    eigenaar = gebruikers[Rol.TEAMMANAGER]
    response = als().post(
        _url("actie_nieuw", traject.pk),
        _actiegegevens(voorgestelde_eigenaar=eigenaar.pk, **{f"kpi_{kpi.pk}": "Van 56 naar 30 dagen"}),
    )
    actie = Verbeteractie.objects.get()
    assert response.status_code == 302 and response.url == actie.get_absolute_url()
    assert actie.kosten_eenmalig == 12500.50 and actie.voorgestelde_eigenaar == eigenaar
    assert ActieKpi.objects.get(actie=actie).verwacht_effect == "Van 56 naar 30 dagen"
    inhoud = als("sponsor").get(actie.get_absolute_url()).content.decode()
    assert "Van 56 naar 30 dagen" in inhoud and "€ 12.500,50" in inhoud and "Lange termijn" in inhoud


def test_someone_outside_the_team_cannot_be_the_proposed_owner(traject, als, gebruikers):
    response = als().post(
        _url("actie_nieuw", traject.pk), _actiegegevens(voorgestelde_eigenaar=gebruikers["buitenstaander"].pk)
    )
    formulier_terug(response, "voorgestelde_eigenaar")


def test_editing_an_action_keeps_its_fields_and_changes_what_was_changed(traject, als):
    actie = VerbeteractieFactory(traject=traject, titel="Oud")
    client = als()
    form = client.get(_url("actie_bewerken", traject.pk, actie.pk)).context["form"]
    assert form["gezien"].value(), "the edit form carries the version"
    data = _actiegegevens(titel="Nieuw", gezien=form["gezien"].value())
    assert client.post(_url("actie_bewerken", traject.pk, actie.pk), data).status_code == 302
    actie.refresh_from_db()
    assert (actie.titel, actie.impact) == ("Nieuw", 5)


def test_actions_are_moved_with_plain_forms(traject, als):
    a = VerbeteractieFactory(traject=traject, titel="A")
    b = VerbeteractieFactory(traject=traject, titel="B")
    client = als()
    inhoud = client.get(_url("acties", traject.pk)).content.decode()
    assert inhoud.count(f'action="{_url("actie_verplaatsen", traject.pk, b.pk)}"') == 1
    response = client.post(_url("actie_verplaatsen", traject.pk, b.pk), {"richting": "op"})
    assert response.url == _url("acties", traject.pk) + f"#actie-{b.pk}"
    assert list(Verbeteractie.objects.order_by("volgorde").values_list("titel", flat=True)) == ["B", "A"]
    response = client.post(
        _url("actie_verplaatsen", traject.pk, b.pk), {"richting": "zijwaarts"}, follow=True
    )
    assert "Kies omhoog of omlaag" in response.content.decode()
    a.refresh_from_db()
    assert a.volgorde == 2


def test_the_actions_page_draws_the_matrix_with_its_table(traject, als):
    VerbeteractieFactory(traject=traject, titel="Snel formulier", impact=5, inspanning=1)
    VerbeteractieFactory(traject=traject, titel="Niet geschat", impact=None, inspanning=None, termijn="")
    inhoud = als("sponsor").get(_url("acties", traject.pk)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in inhoud and 'role="img"' in inhoud
    assert "<caption" in inhoud and "Nog niet geschat" in inhoud and "Quick wins" in inhoud
    response = als("sponsor").get(_url("matrix", traject.pk))
    assert response["Content-Type"].startswith("image/svg+xml")
    assert escape("1. Snel formulier") in response.content.decode()


def test_two_people_changing_an_actions_kpi_effect_the_second_is_told_and_keeps_the_input(traject, als):
    from tests.views.test_bewerkingsconflict import ingevuld

    kpi = KpiFactory(traject=traject, naam="Doorlooptijd")
    actie = VerbeteractieFactory(traject=traject, titel="Eén loket")
    url = _url("actie_bewerken", traject.pk, actie.pk)
    eerste, tweede = als(Rol.PROJECTLEIDER), als(Rol.PROCESEIGENAAR)
    form_eerste = ingevuld(eerste.get(url).context["form"])
    form_tweede = ingevuld(tweede.get(url).context["form"])
    veld = f"kpi_{kpi.pk}"
    assert tweede.post(url, form_tweede | {veld: "Tien dagen sneller"}).status_code == 302
    antwoord = eerste.post(url, form_eerste | {veld: "Twee dagen sneller"})
    formulier_terug(antwoord, "__all__", veld)
    inhoud = antwoord.content.decode()
    assert "Verwacht effect op Doorlooptijd is intussen door iemand anders gewijzigd" in inhoud
    assert "Tien dagen sneller" in inhoud and "Twee dagen sneller" in inhoud
    assert ActieKpi.objects.get(actie=actie).verwacht_effect == "Tien dagen sneller"


def test_an_owner_who_left_the_team_stays_on_the_action_when_it_is_edited(traject, als, gebruikers):
    from trajecten.models import Teamlid

    eigenaar = gebruikers[Rol.TEAMMANAGER]
    actie = VerbeteractieFactory(traject=traject, voorgestelde_eigenaar=eigenaar)
    Teamlid.objects.filter(traject=traject, gebruiker=eigenaar).delete()
    client = als()
    form = client.get(_url("actie_bewerken", traject.pk, actie.pk)).context["form"]
    assert form["voorgestelde_eigenaar"].value() == eigenaar.pk
    data = _actiegegevens(titel="Nieuw", voorgestelde_eigenaar=eigenaar.pk, gezien=form["gezien"].value())
    assert client.post(_url("actie_bewerken", traject.pk, actie.pk), data).status_code == 302
    actie.refresh_from_db()
    assert actie.voorgestelde_eigenaar == eigenaar


@pytest.mark.parametrize("wie", ["management", Rol.SPONSOR, Rol.TEAMMANAGER])
def test_who_may_only_view_gets_no_way_to_change_the_plan(traject, punten, als, wie):
    actie = VerbeteractieFactory(traject=traject)
    besloten(punten["kpi"], actie)
    client = als(wie)
    for url in (
        _url("plan", traject.pk),
        _url("acties", traject.pk),
        actie.get_absolute_url(),
        _url("punt_besluiten", traject.pk, punten["kpi"].pk),
    ):
        inhoud = client.get(url).content.decode()
        assert 'method="post"' not in inhoud.split("<main", 1)[1].split("</main>", 1)[0], url
        for naam in ("actie_nieuw", "actie_bewerken", "actie_verplaatsen", "punt_overnemen"):
            args = (traject.pk,) if naam == "actie_nieuw" else (traject.pk, actie.pk)
            if naam == "punt_overnemen":
                args = (traject.pk, punten["kpi"].pk)
            assert _url(naam, *args) not in inhoud, (url, naam)
