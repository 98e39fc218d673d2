"""The BPMN pages: downloading a map, importing a file as a new version, and every refusal.

The client has chosen English (the language switch's cookie), so the messages compared are the source texts,
whatever the Dutch translation says.
"""

from __future__ import annotations

import pytest
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.bpmn.factories import ProcesVersieFactory, voorbeeldproces
from tests.bpmn.test_bpmn import BILJOEN_LACHEN, FIXTURES, XXE, fixture
from tests.factories import zet_stappen
from trajecten.bpmn import MODEL
from trajecten.choices import ProcesSoort, Rol, StapSoort, TrajectStatus
from trajecten.models import Gebeurtenis, ProcesStap, ProcesVersie


@pytest.fixture(autouse=True)
def _engels():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch's choice
    return client


@pytest.fixture
def adviseur(client, gebruikers):
    client.force_login(gebruikers[Rol.PROCESADVISEUR])
    return client


def _import_url(traject) -> str:
    return reverse("trajecten:proces_bpmn_import", args=[traject.pk])


def _upload(naam: str, inhoud: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type="application/octet-stream")


def _telling() -> tuple[int, int, int]:
    return ProcesVersie.objects.count(), ProcesStap.objects.count(), Gebeurtenis.objects.count()


# --- export -------------------------------------------------------------------------------------------


def test_a_member_downloads_the_version_as_a_bpmn_file(
    client, traject, gebruikers, django_assert_max_num_queries
):
    versie = ProcesVersieFactory(traject=traject, naam="Huidig proces")
    voorbeeldproces(versie)
    client.force_login(gebruikers[Rol.SPONSOR])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("trajecten:proces_bpmn_export", args=[traject.pk, versie.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{traject.titel.lower().replace(" ", "-")}-huidig-proces.bpmn"'
    )
    wortel = fromstring(response.content)
    assert len(wortel.findall(f"{{{MODEL}}}process/{{{MODEL}}}task")) == 5


def test_a_version_of_another_trajectory_is_not_found(adviseur, traject, maak_traject):
    ander = ProcesVersieFactory(traject=maak_traject(titel="Ander traject"))
    response = adviseur.get(reverse("trajecten:proces_bpmn_export", args=[traject.pk, ander.pk]))
    assert response.status_code == 404


# --- import -------------------------------------------------------------------------------------------


def test_the_import_form_offers_the_kind_asked_for(adviseur, traject):
    response = adviseur.get(_import_url(traject) + "?soort=gewenst")
    assert response.status_code == 200
    assert response.context["form"]["soort"].value() == ProcesSoort.GEWENST
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html


def test_importing_a_camunda_file_creates_a_version_and_lists_what_was_skipped(adviseur, traject):
    response = adviseur.post(
        _import_url(traject),
        {
            "bestand": _upload("vergunning.bpmn", fixture("camunda_vergunning.bpmn")),
            "soort": "gewenst",
            "naam": "",
        },
    )
    versie = ProcesVersie.objects.get(traject=traject)
    assert response.status_code == 302 and response.url == versie.get_absolute_url()
    assert (versie.soort, versie.naam) == (ProcesSoort.GEWENST, "Omgevingsvergunning verlenen")
    assert versie.stappen.count() == 8
    berichten = [str(m) for m in get_messages(response.wsgi_request)]
    assert berichten[0] == "Imported 8 steps into the new version “Omgevingsvergunning verlenen”."
    assert "text annotation “Wettelijke termijn" in berichten[1]
    assert Gebeurtenis.objects.filter(traject=traject, omschrijving__contains="8 steps imported").exists()


def test_a_collaboration_of_several_pools_becomes_one_version_and_says_how_it_was_read(adviseur, traject):
    data = (FIXTURES / "miwg" / "C.1.0-camunda-modeler-5.23.bpmn").read_bytes()
    response = adviseur.post(
        _import_url(traject), {"bestand": _upload("C.1.0-export.bpmn", data), "soort": "huidig", "naam": ""}
    )
    versie = ProcesVersie.objects.get(traject=traject)
    assert response.url == versie.get_absolute_url()
    assert versie.naam == "C.1.0-export"  # a collaboration without a name: the file's name
    assert versie.stappen.count() == 15
    assert set(versie.stappen.values_list("actor", flat=True)) == {
        "Team-Assistant",
        "Team Assistant",
        "Approver",
        "Accountant",
    }
    assert versie.stappen.filter(soort=StapSoort.OVERDRACHT).count() == 5
    berichten = [str(m) for m in get_messages(response.wsgi_request)]
    assert berichten[0] == "Imported 15 steps into the new version “C.1.0-export”."
    assert berichten[1].startswith("How the file was read: • The 2 pools were read into one process map")
    assert "• 5 message flows between pools became handovers." in berichten[1]
    assert berichten[2].startswith("Not everything in the file fits a process map")


def test_the_name_comes_from_the_form_else_the_file_else_the_file_name(adviseur, traject):
    adviseur.post(
        _import_url(traject),
        {
            "bestand": _upload("a.bpmn", fixture("camunda_vergunning.bpmn")),
            "soort": "huidig",
            "naam": "Mijn naam",
        },
    )
    adviseur.post(
        _import_url(traject),
        {"bestand": _upload("parkeren.bpmn", fixture("bpmn_io_simpel.bpmn")), "soort": "huidig", "naam": ""},
    )
    assert set(ProcesVersie.objects.values_list("naam", flat=True)) == {"Mijn naam", "parkeren"}


def test_an_exported_file_imports_again_through_the_pages(adviseur, traject):
    versie = ProcesVersieFactory(traject=traject, naam="Huidig proces")
    voorbeeldproces(versie)
    bestand = adviseur.get(reverse("trajecten:proces_bpmn_export", args=[traject.pk, versie.pk])).content
    response = adviseur.post(
        _import_url(traject), {"bestand": _upload("x.bpmn", bestand), "soort": "gewenst"}
    )
    nieuw = ProcesVersie.objects.get(soort=ProcesSoort.GEWENST)
    assert response.url == nieuw.get_absolute_url()
    assert list(nieuw.stappen.values_list("naam", "actor", "soort", "lean")) == list(
        versie.stappen.values_list("naam", "actor", "soort", "lean")
    )
    assert len(list(get_messages(response.wsgi_request))) == 1  # nothing skipped


@pytest.mark.parametrize(
    ("bestand", "fout"),
    [
        (None, "This field is required."),
        (("proces.txt", b"<x/>"), "Choose a BPMN file: its name ends in .bpmn or .xml."),
        (("leeg.bpmn", b""), "The submitted file is empty."),
        (("kapot.bpmn", b"<bpmn:definitions><bpmn:process"), "The file is not valid XML"),
        (("xxe.bpmn", XXE), "document type declaration"),
        (("lachen.bpmn", BILJOEN_LACHEN), "document type declaration"),
        (("svg.xml", b'<svg xmlns="http://www.w3.org/2000/svg"/>'), "This is not a BPMN 2.0 file"),
        (
            ("login.bpmn", b"<!DOCTYPE html><html><body><br></body></html>"),
            "This is not a BPMN file but a web page",
        ),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_at_the_field_and_changes_nothing(
    adviseur, traject, bestand, fout
):
    voor = _telling()
    data = {"soort": "huidig", "naam": "Poging"}
    if bestand is not None:
        data["bestand"] = _upload(*bestand)
    response = adviseur.post(_import_url(traject), data)
    assert response.status_code == 200
    fouten = response.context["form"].errors["bestand"]
    assert any(fout in f for f in fouten), fouten
    assert response.context["form"]["naam"].value() == "Poging"  # the input stays
    assert "The file was not imported" in response.content.decode()
    assert _telling() == voor


def test_a_file_that_is_too_large_is_refused_before_it_is_read(adviseur, traject, settings, monkeypatch):
    settings.BPMN_MAX_BYTES = 100
    monkeypatch.setattr("trajecten.views.bpmn.bpmn_importeren", pytest.fail)
    voor = _telling()
    response = adviseur.post(
        _import_url(traject), {"bestand": _upload("groot.bpmn", b" " * 101), "soort": "huidig"}
    )
    assert "The file is too large" in response.context["form"].errors["bestand"][0]
    assert _telling() == voor


def test_a_step_the_model_refuses_undoes_the_new_version_too(adviseur, traject, monkeypatch):
    from trajecten.bpmn import ImportResultaat

    stappen = [{"naam": "Goed", "actor": "KCC"}, {"naam": "Fout", "actor": ""}]
    monkeypatch.setattr(
        "trajecten.views.bpmn.bpmn_importeren", lambda data: ImportResultaat(stappen=stappen, naam="Half")
    )
    voor = _telling()
    response = adviseur.post(_import_url(traject), {"bestand": _upload("a.bpmn", b"<x/>"), "soort": "huidig"})
    assert response.status_code == 200
    assert "Step 2 (“Fout”)" in response.context["form"].errors["bestand"][0]
    assert _telling() == voor


def test_a_stopped_trajectory_takes_no_import(adviseur, traject):
    zet_stappen(traject, {}, traject_status=TrajectStatus.GESTOPT)
    voor = _telling()
    response = adviseur.post(
        _import_url(traject),
        {"bestand": _upload("a.bpmn", fixture("bpmn_io_simpel.bpmn")), "soort": "huidig"},
    )
    assert response.status_code == 200
    assert "can no longer change" in " ".join(response.context["form"].non_field_errors())
    assert _telling() == voor


def test_an_unknown_kind_is_refused(adviseur, traject):
    response = adviseur.post(
        _import_url(traject), {"bestand": _upload("a.bpmn", fixture("bpmn_io_simpel.bpmn")), "soort": "later"}
    )
    assert "soort" in response.context["form"].errors
    assert not ProcesVersie.objects.exists()
