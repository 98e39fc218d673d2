"""The 3b pages: the overview of a check, marking it checked, and the invited person's page.

Who may reach each URL is in the permission matrix (tests/views/matrix_controle.py); here: what the
pages show, and bad input on every form (the page comes back with the error, never a 500).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.controle.factories import ProcesControleFactory, versie_met_stappen
from tests.factories import SessieFactory
from trajecten import services
from trajecten.choices import ControleStatus, GebeurtenisSoort, ProcesSoort, Rol, SessieSoort, VersieStatus
from trajecten.models import Gebeurtenis, ProcesControle, ProcesVersie, StapOpmerking

pytestmark = pytest.mark.django_db


def nl(tekst: str) -> str:
    """`tekst` as the Dutch interface shows it (the source text until it is translated)."""
    with translation.override("nl"):
        return gettext(tekst)


def ingelogd(persoon) -> Client:
    client = Client()
    client.force_login(persoon)
    return client


def overzicht_url(versie: ProcesVersie) -> str:
    return reverse("trajecten:proces_controle", args=[versie.traject_id, versie.pk])


def markeren_url(versie: ProcesVersie) -> str:
    return reverse("trajecten:proces_gecontroleerd", args=[versie.traject_id, versie.pk])


def controleren_url(versie: ProcesVersie) -> str:
    return reverse("trajecten:proces_controleren", args=[versie.traject_id, versie.pk])


def formulier_terug(response, form: str, *velden: str | None):
    assert response.status_code == 200, response.status_code
    formulier = response.context[form]
    assert formulier.is_bound and not formulier.is_valid()
    assert set(formulier.errors) == {"__all__" if v is None else v for v in velden}, formulier.errors
    return formulier


@pytest.fixture
def gevraagd(versie, pa, vm, pe) -> ProcesVersie:
    """The version, with the medewerker and the process owner asked to check it."""
    services.controle_uitnodigen(versie=versie, door=pa, gebruikers=[vm, pe])
    return versie


# --- the overview ---------------------------------------------------------------------------------


def test_the_overview_shows_who_was_asked_their_response_and_comments_by_step(
    gevraagd, pa, vm, pe, gebruikers
):
    stap = gevraagd.stappen.all()[2]
    controle = ProcesControle.objects.get(versie=gevraagd, gebruiker=vm)
    services.stap_opmerking_plaatsen(controle=controle, door=vm, stap=stap, tekst="Eerst de leges innen.")
    response = ingelogd(gebruikers[Rol.SPONSOR]).get(overzicht_url(gevraagd))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert str(vm) in inhoud and str(pe) in inhoud
    assert "Eerst de leges innen." in inhoud
    assert stap.naam in inhoud
    assert response.context["uitnodigen_form"] is None  # only the procesadviseur invites and marks
    assert response.context["gecontroleerd_form"] is None
    assert [c.status for c in response.context["controles"]] == [
        ControleStatus.OPMERKINGEN,
        ControleStatus.UITGENODIGD,
    ]


def test_the_process_adviser_sees_the_forms_and_only_people_not_yet_asked(traject, gevraagd, pa, gebruikers):
    from tests.factories import lid

    nog_een = lid(traject, Rol.VAKINHOUDELIJK_MEDEWERKER)
    response = ingelogd(pa).get(overzicht_url(gevraagd))
    kandidaten = list(response.context["uitnodigen_form"].fields["gebruikers"].queryset)
    assert kandidaten == [nog_een]
    assert response.context["gecontroleerd_form"] is not None
    assert [c.gebruiker for c in response.context["nog_open"]] == [
        gebruikers[Rol.VAKINHOUDELIJK_MEDEWERKER],
        gebruikers[Rol.PROCESEIGENAAR],
    ]


def test_the_invited_person_finds_a_link_to_check_it(gevraagd, vm):
    response = ingelogd(vm).get(overzicht_url(gevraagd))
    assert controleren_url(gevraagd) in response.content.decode()


def test_inviting_through_the_page_emails_the_people_chosen(
    versie, pa, vm, pe, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ingelogd(pa).post(overzicht_url(versie), {"gebruikers": [vm.pk, pe.pk]})
    assert response.status_code == 302 and response.url == overzicht_url(versie)
    assert set(versie.controles.values_list("gebruiker", flat=True)) == {vm.pk, pe.pk}
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("wie", [Rol.SPONSOR, Rol.PROJECTLEIDER, "buitenstaander"])
def test_inviting_someone_who_may_not_check_is_refused_at_the_field(versie, pa, vm, gebruikers, wie):
    response = ingelogd(pa).post(overzicht_url(versie), {"gebruikers": [vm.pk, gebruikers[wie].pk]})
    formulier_terug(response, "uitnodigen_form", "gebruikers")
    assert not versie.controles.exists()


@pytest.mark.parametrize("data", [{}, {"gebruikers": ["abc"]}, {"gebruikers": ["999999"]}], ids=str)
def test_inviting_with_bad_input_comes_back_with_an_error(versie, pa, data):
    formulier_terug(ingelogd(pa).post(overzicht_url(versie), data), "uitnodigen_form", "gebruikers")


def test_inviting_for_a_desired_version_is_refused_with_a_message(traject, pa, vm):
    gewenst = versie_met_stappen(traject, 2, soort=ProcesSoort.GEWENST)
    response = ingelogd(pa).post(overzicht_url(gewenst), {"gebruikers": [vm.pk]}, follow=True)
    berichten = [str(m) for m in response.context["messages"]]
    assert berichten == [nl("Only the current process is checked in step 3b, not a desired one.")]
    assert not gewenst.controles.exists()


def test_a_version_of_another_trajectory_is_not_found(versie, pa, maak_traject):
    ander = maak_traject()
    for naam in ("trajecten:proces_controle", "trajecten:proces_controleren"):
        url = reverse(naam, args=[ander.pk, versie.pk])
        assert ingelogd(pa).get(url).status_code == 404


def test_the_overview_notes_a_change_to_the_map_after_the_invitations(gevraagd, pa):
    assert ingelogd(pa).get(overzicht_url(gevraagd)).context["gewijzigd_na_uitnodiging"] is False
    services.gebeurtenis_vastleggen(
        traject=gevraagd.traject,
        door=pa,
        soort=GebeurtenisSoort.PROCES,
        omschrijving="Stap toegevoegd.",
        gegevens={"versie": gevraagd.pk},
    )
    response = ingelogd(pa).get(overzicht_url(gevraagd))
    assert response.context["gewijzigd_na_uitnodiging"] is True


def test_a_newer_change_time_of_the_version_also_counts_as_a_change(gevraagd, pa):
    later = timezone.now() + dt.timedelta(minutes=5)
    ProcesVersie.objects.filter(pk=gevraagd.pk).update(gewijzigd_op=later)
    assert ingelogd(pa).get(overzicht_url(gevraagd)).context["gewijzigd_na_uitnodiging"] is True


# --- marking checked ------------------------------------------------------------------------------


def test_marking_online_while_someone_has_not_responded_names_them(gevraagd, pa, vm, pe):
    services.controle_bevestigen(controle=ProcesControle.objects.get(versie=gevraagd, gebruiker=vm), door=vm)
    response = ingelogd(pa).post(markeren_url(gevraagd), {"manier": "online"})
    formulier = formulier_terug(response, "gecontroleerd_form", None)
    assert str(pe) in formulier.non_field_errors()[0]
    gevraagd.refresh_from_db()
    assert gevraagd.status == VersieStatus.TER_CONTROLE


def test_marking_online_once_everyone_responded(gevraagd, pa, vm, pe):
    for persoon in (vm, pe):
        services.controle_bevestigen(
            controle=ProcesControle.objects.get(versie=gevraagd, gebruiker=persoon), door=persoon
        )
    response = ingelogd(pa).post(markeren_url(gevraagd), {"manier": "online"})
    assert response.status_code == 302 and response.url == overzicht_url(gevraagd)
    gevraagd.refresh_from_db()
    assert gevraagd.status == VersieStatus.GECONTROLEERD
    pagina = ingelogd(pa).get(overzicht_url(gevraagd))
    assert pagina.context["gecontroleerd_form"] is None and pagina.context["uitnodigen_form"] is None
    assert str(vm) in pagina.content.decode()


def test_marking_in_a_session(traject, versie, pa):
    sessie = SessieFactory(traject=traject, soort=SessieSoort.PROCES_CONTROLE, notities="Besproken.")
    response = ingelogd(pa).post(markeren_url(versie), {"manier": "sessie", "sessie": sessie.pk})
    assert response.status_code == 302
    versie.refresh_from_db()
    assert versie.controle_sessie == sessie
    assert sessie.titel in ingelogd(pa).get(overzicht_url(versie)).content.decode()


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({}, "manier"),
        ({"manier": "per post"}, "manier"),
        ({"manier": "sessie"}, "sessie"),
        ({"manier": "sessie", "sessie": "abc"}, "sessie"),
        ({"manier": "sessie", "sessie": "999999"}, "sessie"),
    ],
    ids=str,
)
def test_marking_with_bad_input_comes_back_with_an_error(versie, pa, data, veld):
    formulier_terug(ingelogd(pa).post(markeren_url(versie), data), "gecontroleerd_form", veld)


@pytest.mark.parametrize(
    "velden",
    [
        {"notities": ""},
        {
            "begint_op": timezone.now() + dt.timedelta(days=3),
            "eindigt_op": timezone.now() + dt.timedelta(days=3, hours=2),
        },
    ],
    ids=["without notes", "in the future"],
)
def test_marking_in_a_session_that_does_not_qualify_is_refused_at_the_session(traject, versie, pa, velden):
    sessie = SessieFactory(traject=traject, soort=SessieSoort.PROCES_CONTROLE, **{"notities": "x", **velden})
    response = ingelogd(pa).post(markeren_url(versie), {"manier": "sessie", "sessie": sessie.pk})
    formulier = formulier_terug(response, "gecontroleerd_form", "sessie")
    assert formulier["sessie"].value() == str(sessie.pk)  # the choice is kept


def test_a_session_of_another_trajectory_cannot_be_chosen(versie, pa, maak_traject):
    vreemd = SessieFactory(traject=maak_traject(), soort=SessieSoort.PROCES_CONTROLE, notities="x")
    response = ingelogd(pa).post(markeren_url(versie), {"manier": "sessie", "sessie": vreemd.pk})
    formulier_terug(response, "gecontroleerd_form", "sessie")


def test_marking_is_a_post(versie, pa):
    assert ingelogd(pa).get(markeren_url(versie)).status_code == 405


# --- the invited person's page -------------------------------------------------------------------


def test_the_invited_person_sees_the_diagram_and_every_step(gevraagd, vm):
    response = ingelogd(vm).get(controleren_url(gevraagd))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "<svg" in inhoud
    for stap in gevraagd.stappen.all():
        assert stap.naam in inhoud
        assert f'id="opmerking-{stap.pk}"' in inhoud
    assert "<script" not in inhoud.split("<main", 1)[1]  # nothing inline under the CSP


def test_a_member_who_was_not_asked_gets_403_and_an_outsider_404(gevraagd, gebruikers):
    assert ingelogd(gebruikers[Rol.PROCESADVISEUR]).get(controleren_url(gevraagd)).status_code == 403
    assert ingelogd(gebruikers["buitenstaander"]).get(controleren_url(gevraagd)).status_code == 404
    stap = gevraagd.stappen.first()
    data = {"actie": "opmerking", "stap": stap.pk, "tekst": "Niet gevraagd"}
    assert ingelogd(gebruikers[Rol.PROJECTLEIDER]).post(controleren_url(gevraagd), data).status_code == 403
    assert not StapOpmerking.objects.exists()


def test_commenting_without_javascript_returns_to_the_step(gevraagd, vm):
    stap = gevraagd.stappen.all()[1]
    data = {"actie": "opmerking", "stap": stap.pk, "tekst": "Hier wordt eerst gebeld."}
    response = ingelogd(vm).post(controleren_url(gevraagd), data)
    assert response.status_code == 302
    assert response.url == f"{controleren_url(gevraagd)}#stap-{stap.pk}"
    assert StapOpmerking.objects.get().tekst == "Hier wordt eerst gebeld."
    assert ProcesControle.objects.get(gebruiker=vm, versie=gevraagd).status == ControleStatus.OPMERKINGEN


def test_commenting_with_htmx_swaps_only_the_step(gevraagd, vm):
    stap = gevraagd.stappen.all()[1]
    data = {"actie": "opmerking", "stap": stap.pk, "tekst": "Hier wordt eerst gebeld."}
    response = ingelogd(vm).post(controleren_url(gevraagd), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert inhoud.lstrip().startswith(f'<div id="opmerkingen-{stap.pk}">')
    assert "Hier wordt eerst gebeld." in inhoud and "<html" not in inhoud
    assert 'role="status"' in inhoud


@pytest.mark.parametrize("htmx", [False, True], ids=["without JS", "htmx"])
def test_an_empty_comment_comes_back_at_its_step(gevraagd, vm, htmx):
    stap = gevraagd.stappen.all()[2]
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = ingelogd(vm).post(
        controleren_url(gevraagd), {"actie": "opmerking", "stap": stap.pk, "tekst": "   "}, **extra
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert f'id="opmerking-{stap.pk}-fout"' in inhoud
    assert 'aria-invalid="true"' in inhoud
    assert not StapOpmerking.objects.exists()


def test_a_too_long_comment_keeps_what_was_typed(gevraagd, vm):
    stap = gevraagd.stappen.first()
    tekst = "Lang verhaal. " * 400
    response = ingelogd(vm).post(
        controleren_url(gevraagd), {"actie": "opmerking", "stap": stap.pk, "tekst": tekst}
    )
    assert response.status_code == 200
    assert f'id="opmerking-{stap.pk}-fout"' in response.content.decode()
    assert "Lang verhaal. Lang verhaal." in response.content.decode()


@pytest.mark.parametrize("stap", ["andere versie", "abc", "", "999999"])
def test_a_comment_on_a_step_of_another_version_is_not_found(traject, gevraagd, vm, stap):
    if stap == "andere versie":
        stap = versie_met_stappen(traject, 1).stappen.get().pk
    response = ingelogd(vm).post(
        controleren_url(gevraagd), {"actie": "opmerking", "stap": stap, "tekst": "Hm"}
    )
    assert response.status_code == 404
    assert not StapOpmerking.objects.exists()


def test_removing_ones_comment_with_and_without_htmx(gevraagd, vm):
    controle = ProcesControle.objects.get(versie=gevraagd, gebruiker=vm)
    stap = gevraagd.stappen.first()
    a = services.stap_opmerking_plaatsen(controle=controle, door=vm, stap=stap, tekst="Een")
    b = services.stap_opmerking_plaatsen(controle=controle, door=vm, stap=stap, tekst="Twee")
    client = ingelogd(vm)
    response = client.post(controleren_url(gevraagd), {"actie": "verwijderen", "opmerking": a.pk})
    assert response.status_code == 302
    response = client.post(
        controleren_url(gevraagd), {"actie": "verwijderen", "opmerking": b.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert not StapOpmerking.objects.exists()


@pytest.mark.parametrize("opmerking", ["van een ander", "abc", "", "999999"])
def test_removing_a_comment_that_is_not_ones_own_is_not_found(gevraagd, vm, pe, opmerking):
    controle = ProcesControle.objects.get(versie=gevraagd, gebruiker=pe)
    eigen = services.stap_opmerking_plaatsen(
        controle=controle, door=pe, stap=gevraagd.stappen.first(), tekst="Mijn"
    )
    if opmerking == "van een ander":
        opmerking = eigen.pk
    response = ingelogd(vm).post(controleren_url(gevraagd), {"actie": "verwijderen", "opmerking": opmerking})
    assert response.status_code == 404
    assert StapOpmerking.objects.filter(pk=eigen.pk).exists()


def test_confirming_with_a_general_comment(gevraagd, vm):
    data = {"actie": "bevestigen", "algemene_opmerking": "Klopt, op de termijnen na."}
    response = ingelogd(vm).post(controleren_url(gevraagd), data)
    assert response.status_code == 302 and response.url == controleren_url(gevraagd)
    controle = ProcesControle.objects.get(versie=gevraagd, gebruiker=vm)
    assert controle.status == ControleStatus.BEVESTIGD
    assert controle.algemene_opmerking == "Klopt, op de termijnen na."


def test_a_too_long_general_comment_comes_back_at_the_field(gevraagd, vm):
    response = ingelogd(vm).post(
        controleren_url(gevraagd), {"actie": "bevestigen", "algemene_opmerking": "x" * 5001}
    )
    formulier_terug(response, "bevestigen_form", "algemene_opmerking")
    assert ProcesControle.objects.get(versie=gevraagd, gebruiker=vm).status == ControleStatus.UITGENODIGD


@pytest.mark.parametrize("actie", ["", "wissen"])
def test_an_unknown_action_is_a_bad_request(gevraagd, vm, actie):
    assert ingelogd(vm).post(controleren_url(gevraagd), {"actie": actie}).status_code == 400


def test_after_checking_the_page_shows_the_responses_without_forms(gevraagd, pa, vm, pe):
    controle = ProcesControle.objects.get(versie=gevraagd, gebruiker=vm)
    services.stap_opmerking_plaatsen(
        controle=controle, door=vm, stap=gevraagd.stappen.first(), tekst="Mist iets"
    )
    services.controle_bevestigen(controle=ProcesControle.objects.get(versie=gevraagd, gebruiker=pe), door=pe)
    services.versie_gecontroleerd_markeren(versie=gevraagd, door=pa)
    response = ingelogd(vm).get(controleren_url(gevraagd))
    inhoud = response.content.decode()
    assert "Mist iets" in inhoud
    assert 'name="tekst"' not in inhoud and 'value="bevestigen"' not in inhoud
    data = {"actie": "opmerking", "stap": gevraagd.stappen.first().pk, "tekst": "Te laat"}
    response = ingelogd(vm).post(controleren_url(gevraagd), data, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        nl("This process version has already been checked; it takes no more responses.")
    ]
    response = ingelogd(vm).post(controleren_url(gevraagd), data, HTTP_HX_REQUEST="true")
    assert 'role="alert"' in response.content.decode()
    assert StapOpmerking.objects.count() == 1
    overzicht = ingelogd(pa).get(overzicht_url(gevraagd)).content.decode()
    assert "Mist iets" in overzicht


def test_the_timeline_shows_the_invitation_confirmation_and_decision(gevraagd, pa, vm, pe):
    for persoon in (vm, pe):
        services.controle_bevestigen(
            controle=ProcesControle.objects.get(versie=gevraagd, gebruiker=persoon), door=persoon
        )
    services.versie_gecontroleerd_markeren(versie=gevraagd, door=pa)
    response = ingelogd(pa).get(reverse("trajecten:tijdlijn", args=[gevraagd.traject_id]))
    inhoud = response.content.decode()
    assert gevraagd.naam in inhoud
    assert Gebeurtenis.objects.filter(traject=gevraagd.traject, stap="3b").count() == 4


def test_the_invitation_factory_is_a_plain_invitation(versie, vm):
    controle = ProcesControleFactory(versie=versie, gebruiker=vm)
    assert controle.status == ControleStatus.UITGENODIGD


def test_marking_a_desired_version_is_refused_with_a_message(traject, pa):
    gewenst = versie_met_stappen(traject, 2, soort=ProcesSoort.GEWENST)
    response = ingelogd(pa).post(markeren_url(gewenst), {"manier": "online"}, follow=True)
    berichten = [str(m) for m in response.context["messages"]]
    assert berichten == [nl("Only the current process is checked in step 3b, not a desired one.")]
    gewenst.refresh_from_db()
    assert gewenst.status == VersieStatus.CONCEPT
