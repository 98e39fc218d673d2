"""The team picker: search for a person and choose them from the matches, with htmx or without.

The add-member form used to offer a <select> of every account (2,000 options, 146 KB, ~150 ms per
page). Now a search field asks the server for matches (`trajecten:team_personen`, an HTML fragment for
htmx); without JavaScript the same search is a GET of the team page that shows the matches as radio
buttons. Only people who may manage the team get matches, at most `PERSONEN_MAX`, never an inactive
account.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from tests.factories import WACHTWOORD, AfdelingFactory, UserFactory
from tests.views.conftest import Omgeving
from trajecten.choices import Rol
from trajecten.models import Teamlid
from trajecten.selectors import PERSONEN_MAX
from wasstraat.accounts.models import User

PL = Rol.PROJECTLEIDER.value
#: The team page with the picker's matches, for a projectleider, with 500 other accounts: measured 12
#: on SQLite and PostgreSQL (with an empty content-type cache), plus two, as in test_queries.py.
TEAM_MET_KIEZER = 14
#: The picker's matches alone: session, user, trajectory, its permissions, the search, the session's
#: save; measured 8, plus two.
KIEZER = 10


def ingelogd(persoon: User) -> Client:
    client = Client()
    client.force_login(persoon)
    return client


def gekozen_waarden(inhoud: str) -> list[str]:
    """The values of the radio buttons "gebruiker" in the HTML, in order."""
    return re.findall(r'name="gebruiker"[^>]*value="(\d+)"', inhoud)


def aangevinkt(inhoud: str, persoon: User) -> bool:
    return re.search(rf'name="gebruiker"[^>]*value="{persoon.pk}"[^>]*checked', inhoud) is not None


def mensen(aantal: int, achternaam: str = "Jansen", **velden) -> list[User]:
    """`aantal` accounts in one insert, all with `achternaam`."""
    wachtwoord = make_password(WACHTWOORD)
    afdeling = AfdelingFactory(naam="Publiekszaken")
    start = User.objects.count()
    return User.objects.bulk_create(
        User(
            username=f"{achternaam.lower().replace(' ', '')}{start + n}",
            first_name=f"Voornaam{n:03}",
            last_name=achternaam,
            password=wachtwoord,
            afdeling=afdeling,
            **velden,
        )
        for n in range(aantal)
    )


@pytest.fixture
def o(gedeeld: Omgeving) -> Omgeving:
    return gedeeld


def kiezer_url(o: Omgeving) -> str:
    return reverse("trajecten:team_personen", args=[o.traject.pk])


def team_url(o: Omgeving) -> str:
    return reverse("trajecten:team", args=[o.traject.pk])


# --- who may search -----------------------------------------------------------------------------


def test_a_member_who_manages_the_team_gets_the_matches(o):
    noor = UserFactory(first_name="Noor", last_name="Ouali")
    response = o.clients[PL].get(kiezer_url(o), {"zoek": "ouali"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert gekozen_waarden(response.content.decode()) == [str(noor.pk)]


@pytest.mark.parametrize("rol", [Rol.SPONSOR, Rol.KLANTREISCOACH, "management"])
def test_a_member_or_manager_who_may_not_manage_the_team_is_refused(o, rol):
    UserFactory(first_name="Noor", last_name="Ouali")
    response = o.clients[rol].get(kiezer_url(o), {"zoek": "ouali"})
    assert response.status_code == 403
    assert b"Ouali" not in response.content


@pytest.mark.parametrize("wie", ["buitenstaander", "functioneel_beheerder"])
def test_someone_outside_the_trajectory_does_not_find_it(o, wie):
    UserFactory(first_name="Noor", last_name="Ouali")
    response = o.clients[wie].get(kiezer_url(o), {"zoek": "ouali"})
    assert response.status_code == 404
    assert b"Ouali" not in response.content


def test_anonymous_goes_to_the_login_page(o):
    response = Client().get(kiezer_url(o), {"zoek": "ouali"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_picker_only_answers_get(o):
    assert o.clients[PL].post(kiezer_url(o), {"zoek": "ouali"}).status_code == 405


def test_the_matches_are_not_cached(o):
    response = o.clients[PL].get(kiezer_url(o), {"zoek": "ouali"})
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


# --- what it finds ------------------------------------------------------------------------------


def test_the_matches_are_bounded_and_say_that_there_are_more(o):
    mensen(PERSONEN_MAX + 15)
    response = o.clients[PL].get(kiezer_url(o), {"zoek": "jansen"}, headers={"HX-Request": "true"})
    inhoud = response.content.decode()
    assert len(gekozen_waarden(inhoud)) == PERSONEN_MAX
    with translation.override("nl"):
        meer = ngettext(
            "The first match is shown; type more to narrow the search.",
            "The first %(aantal)s matches are shown; type more to narrow the search.",
            PERSONEN_MAX,
        ) % {"aantal": PERSONEN_MAX}
    assert escape(meer) in inhoud


def test_inactive_accounts_are_never_offered(o):
    actief = UserFactory(first_name="Sanne", last_name="Verhoeven")
    # A name no factory makes up: the team page also lists the (randomly named) team members.
    weg = UserFactory(
        first_name="Sanderijn", last_name="Verhoeven", username="weg.verhoeven", is_active=False
    )
    for response in (
        o.clients[PL].get(kiezer_url(o), {"zoek": "verhoeven"}),
        o.clients[PL].get(team_url(o), {"zoek": "verhoeven"}),
    ):
        waarden = gekozen_waarden(response.content.decode())
        assert waarden == [str(actief.pk)]
        assert str(weg.pk) not in waarden
        assert "Sanderijn" not in response.content.decode()
        assert "weg.verhoeven" not in response.content.decode()


def test_a_new_search_keeps_the_person_already_chosen_first_and_checked(o):
    """htmx sends the chosen radio with every search: an answer arriving after the choice (the search
    runs a moment after the last keystroke) must not undo it."""
    noor = UserFactory(first_name="Noor", last_name="Ouali")
    UserFactory(first_name="Sanne", last_name="Verhoeven")
    response = o.clients[PL].get(
        kiezer_url(o), {"zoek": "verhoeven", "gebruiker": noor.pk}, headers={"HX-Request": "true"}
    )
    tekst = response.content.decode()
    assert gekozen_waarden(tekst)[0] == str(noor.pk)
    assert re.search(rf'value="{noor.pk}"[^>]*checked', tekst)


@pytest.mark.parametrize("waarde", ["niemand", "999999", "inactief"])
def test_a_chosen_person_who_cannot_be_chosen_is_ignored(o, waarde):
    weg = UserFactory(first_name="Sanderijn", last_name="Verhoeven", is_active=False)
    gebruiker = weg.pk if waarde == "inactief" else waarde
    response = o.clients[PL].get(kiezer_url(o), {"zoek": "ouali", "gebruiker": gebruiker})
    assert response.status_code == 200
    assert "Sanderijn" not in response.content.decode()


def test_every_word_must_match_a_name_user_name_or_department(o):
    afdeling = AfdelingFactory(naam="Burgerzaken")
    jan = UserFactory(first_name="Jan", last_name="de Vries", afdeling=afdeling)
    UserFactory(first_name="Jan", last_name="Bakker", afdeling=AfdelingFactory(naam="Belastingen"))
    UserFactory(first_name="Piet", last_name="de Vries", afdeling=afdeling)
    for zoek in ("jan vries", "Jan burgerzaken", jan.username):
        response = o.clients[PL].get(kiezer_url(o), {"zoek": zoek})
        assert gekozen_waarden(response.content.decode()) == [str(jan.pk)], zoek


def test_a_match_shows_the_name_department_and_user_name(o):
    noor = UserFactory(first_name="Noor", last_name="Ouali", afdeling=AfdelingFactory(naam="Burgerzaken"))
    inhoud = o.clients[PL].get(kiezer_url(o), {"zoek": "ouali"}).content.decode()
    assert "Noor Ouali (Burgerzaken)" in inhoud
    assert noor.username in inhoud


@pytest.mark.parametrize("zoek", ["", "a", " j ", "x" * 101])
def test_a_search_too_short_or_too_long_finds_nobody(o, zoek):
    mensen(3, achternaam="Aa")
    response = o.clients[PL].get(kiezer_url(o), {"zoek": zoek})
    assert response.status_code == 200
    assert gekozen_waarden(response.content.decode()) == []


def test_the_count_goes_to_the_live_region_out_of_band(o):
    mensen(3, achternaam="Ouali")
    inhoud = o.clients[PL].get(kiezer_url(o), {"zoek": "ouali"}).content.decode()
    with translation.override("nl"):
        drie = ngettext("%(aantal)s person found.", "%(aantal)s people found.", 3) % {"aantal": 3}
    assert re.search(rf'<span id="personen-aantal" hx-swap-oob="innerHTML">\s*{re.escape(drie)}', inhoud)
    assert '<input type="hidden" name="zoek" value="ouali">' in inhoud  # sent along with the add form
    assert "<html" not in inhoud


def test_nobody_found_says_so(o):
    inhoud = o.clients[PL].get(kiezer_url(o), {"zoek": "qqqzzz"}).content.decode()
    with translation.override("nl"):
        assert escape(gettext("Nobody found for “%(zoek)s”.") % {"zoek": "qqqzzz"}) in inhoud


# --- the team page ----------------------------------------------------------------------------


def test_the_team_page_no_longer_lists_every_account(o):
    mensen(300)
    inhoud = o.clients[PL].get(team_url(o)).content.decode()
    assert gekozen_waarden(inhoud) == []
    assert "<select" not in inhoud.split('id="personen-resultaten"', 1)[1].split("id_rol", 1)[0]
    assert 'id="id_zoek"' in inhoud and 'name="zoek"' in inhoud
    assert f'hx-get="{kiezer_url(o)}"' in inhoud


def test_without_javascript_the_search_reloads_the_team_page_with_the_matches(o):
    noor = UserFactory(first_name="Noor", last_name="Ouali")
    response = o.clients[PL].get(team_url(o), {"zoek": "ouali"})
    inhoud = response.content.decode()
    assert gekozen_waarden(inhoud) == [str(noor.pk)]
    assert re.search(r'<form id="persoon-zoeken" method="get" action="[^"]*/team/', inhoud)
    assert re.search(
        r'<input type="search" name="zoek" id="id_zoek" form="persoon-zoeken" value="ouali"', inhoud
    )


def test_the_chosen_person_is_added(o):
    noor = UserFactory(first_name="Noor", last_name="Ouali")
    data = {"zoek": "ouali", "gebruiker": noor.pk, "rol": Rol.SPONSOR, "discipline": ""}
    response = o.clients[PL].post(team_url(o), data)
    assert response.status_code == 302
    assert Teamlid.objects.filter(traject=o.traject, gebruiker=noor, rol=Rol.SPONSOR).exists()


def test_with_htmx_the_added_person_comes_back_with_an_empty_search(o):
    noor = UserFactory(first_name="Noor", last_name="Ouali")
    data = {"zoek": "ouali", "gebruiker": noor.pk, "rol": Rol.SPONSOR, "discipline": ""}
    response = o.clients[PL].post(team_url(o), data, headers={"HX-Request": "true"})
    inhoud = response.content.decode()
    assert Teamlid.objects.filter(traject=o.traject, gebruiker=noor).exists()
    assert 'value=""' in re.search(r'<input type="search"[^>]*>', inhoud).group(0)
    assert gekozen_waarden(inhoud) == []


def test_an_error_keeps_the_search_the_matches_and_the_chosen_person(o):
    noor = UserFactory(first_name="Noor", last_name="Ouali")
    nadia = UserFactory(first_name="Nadia", last_name="Ouali")
    data = {"zoek": "ouali", "gebruiker": noor.pk, "rol": Rol.SPECIALIST, "discipline": ""}
    for headers in ({}, {"HX-Request": "true"}):
        response = o.clients[PL].post(team_url(o), data, headers=headers)
        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"discipline"}
        inhoud = response.content.decode()
        assert set(gekozen_waarden(inhoud)) == {str(noor.pk), str(nadia.pk)}
        assert aangevinkt(inhoud, noor) and not aangevinkt(inhoud, nadia)
        assert 'value="ouali"' in re.search(r'<input type="search"[^>]*>', inhoud).group(0)
    assert not Teamlid.objects.filter(gebruiker__in=[noor, nadia]).exists()


def test_no_person_chosen_is_an_error_at_the_search(o):
    response = o.clients[PL].post(team_url(o), {"zoek": "", "rol": Rol.SPONSOR})
    assert set(response.context["form"].errors) == {"gebruiker"}
    inhoud = response.content.decode()
    zoekveld = re.search(r'<input type="search"[^>]*>', inhoud, re.S).group(0)
    assert "is-invalid" in zoekveld and 'aria-invalid="true"' in zoekveld
    assert "id_gebruiker_fout" in zoekveld  # the error is the field's description
    with translation.override("nl"):
        assert escape(gettext("Search for the person and choose them from the results.")) in inhoud


def test_a_member_without_team_rights_sees_no_picker(o):
    inhoud = o.clients[Rol.SPONSOR].get(team_url(o), {"zoek": "ouali"}).content.decode()
    assert 'id="id_zoek"' not in inhoud and gekozen_waarden(inhoud) == []


# --- bounded, however many accounts there are -------------------------------------------------------


@pytest.mark.parametrize("aantal", [5, 500])
def test_the_team_page_with_the_picker_is_bounded(o, django_assert_max_num_queries, aantal):
    mensen(aantal)
    with django_assert_max_num_queries(TEAM_MET_KIEZER):
        response = o.clients[PL].get(team_url(o), {"zoek": "jansen"})
    assert len(gekozen_waarden(response.content.decode())) == min(aantal, PERSONEN_MAX)
    assert len(response.content) < 60_000  # the <select> of 2,000 accounts alone was 146 KB


@pytest.mark.parametrize("aantal", [5, 500])
def test_the_matches_are_bounded(o, django_assert_max_num_queries, aantal):
    mensen(aantal)
    with django_assert_max_num_queries(KIEZER):
        response = o.clients[PL].get(kiezer_url(o), {"zoek": "jansen"}, headers={"HX-Request": "true"})
    assert len(gekozen_waarden(response.content.decode())) == min(aantal, PERSONEN_MAX)


def test_the_form_never_renders_a_choice_per_account(db):
    """Rendering the person field (by crispy, as_div, or by accident) must not walk every account."""
    from trajecten.forms.team import TeamlidForm

    mensen(50)
    assert "Voornaam" not in TeamlidForm().as_div()
