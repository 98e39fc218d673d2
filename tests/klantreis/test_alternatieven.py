"""Alternatives to own interviews (step 4): existing customer feedback or another municipality's journey,
each with the reason, and attachments of the feedback.

Services (rules, refusals, audit events, the attachment checks), the pages (both kinds, bad input at its
field with the input kept, upload and download with the right headers, another trajectory's attachment
is not found), the journey page's partial, and step 4's completion condition. Uploaded files go to
`tmp_path` (``settings.MEDIA_ROOT``), never into the repository.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfWriter

from klantreis import alternatieven as services
from klantreis import selectors
from klantreis.choices import AlternatiefSoort, Reis
from klantreis.models import Alternatief, AlternatiefBijlage
from klantreis.voorwaarden import klantreis_compleet
from tests.factories import zet_stappen
from tests.klantreis.factories import (
    AlternatiefFactory,
    ContactmomentFactory,
    FaseFactory,
    InterviewFactory,
    KlantreisFactory,
)
from trajecten.choices import GebeurtenisSoort, Rol, Stap, TrajectStatus
from trajecten.models import Gebeurtenis
from trajecten.services import WorkflowFout

KRC = Rol.KLANTREISCOACH

FEEDBACK = {
    "reden": "Eenvoudig proces; het klachtenregister geeft een volledig beeld.",
    "bron": "Klachtenregister",
    "periode": "2025",
    "samenvatting": "Veertig klachten, vooral over de wachttijd.",
}
ANDERE_GEMEENTE = {
    "reden": "Zelfde proces als in Utrecht; hun klantreis is recent en grondig.",
    "gemeente": "Utrecht",
    "link": "https://www.utrecht.nl/klantreis-parkeervergunning",
    "overgenomen": "De fasen en de momenten van waarheid.",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def coach(gebruikers):
    return gebruikers[KRC]


@pytest.fixture
def reis(traject):
    return KlantreisFactory(traject=traject)


@pytest.fixture
def feedback(reis, coach):
    return services.alternatief_toevoegen(
        traject=reis.traject, door=coach, soort=AlternatiefSoort.FEEDBACK, **FEEDBACK
    )


def _pdf() -> bytes:
    """A real, small PDF: one blank page."""
    schrijver = PdfWriter()
    schrijver.add_blank_page(width=72, height=72)
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def _zip(namen: dict[str, bytes]) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as archief:
        for naam, inhoud in namen.items():
            archief.writestr(naam, inhoud)
    return uit.getvalue()


def _docx() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def _bestand(naam: str, inhoud: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type=content_type)


def _veld_met_fout(html: str, naam: str) -> bool:
    """Whether the control of field `naam` is marked invalid (crispy's bootstrap5 `is-invalid`)."""
    tag = re.search(rf"<(?:input|textarea|select)[^>]*\bid=\"id_{naam}\"[^>]*>", html)
    return bool(tag) and "is-invalid" in tag.group(0)


# --- services: alternatives -----------------------------------------------------------------------


def test_the_coach_records_existing_feedback_with_an_audit_event_without_the_summary(reis, coach):
    alternatief = services.alternatief_toevoegen(
        traject=reis.traject, door=coach, soort=AlternatiefSoort.FEEDBACK, **FEEDBACK
    )
    assert alternatief.klantreis == reis
    assert alternatief.aangemaakt_door == coach
    assert (alternatief.bron, alternatief.samenvatting) == (FEEDBACK["bron"], FEEDBACK["samenvatting"])
    gebeurtenis = Gebeurtenis.objects.filter(traject=reis.traject, soort=GebeurtenisSoort.KLANTREIS).latest(
        "pk"
    )
    assert gebeurtenis.actor == coach
    assert gebeurtenis.stap == Stap.S4
    assert gebeurtenis.gegevens["alternatief"] == alternatief.pk
    assert "Klachtenregister" in gebeurtenis.omschrijving
    assert FEEDBACK["samenvatting"] not in gebeurtenis.omschrijving
    assert FEEDBACK["reden"] not in gebeurtenis.omschrijving


def test_the_coach_records_another_municipalitys_journey(reis, coach):
    alternatief = services.alternatief_toevoegen(
        traject=reis.traject, door=coach, soort=AlternatiefSoort.ANDERE_GEMEENTE, **ANDERE_GEMEENTE
    )
    assert alternatief.soort == AlternatiefSoort.ANDERE_GEMEENTE
    assert alternatief.link == ANDERE_GEMEENTE["link"]
    assert alternatief.bron == ""
    assert "Utrecht" in Gebeurtenis.objects.filter(soort=GebeurtenisSoort.KLANTREIS).latest("pk").omschrijving


@pytest.mark.parametrize(
    ("soort", "verplicht"),
    [
        (AlternatiefSoort.FEEDBACK, {"reden", "bron", "samenvatting"}),
        (AlternatiefSoort.ANDERE_GEMEENTE, {"reden", "gemeente", "link", "overgenomen"}),
    ],
)
def test_the_reason_and_each_kinds_fields_are_required(reis, coach, soort, verplicht):
    leeg = dict.fromkeys(services.velden_van(soort), "")
    with pytest.raises(ValidationError) as fout:
        services.alternatief_toevoegen(traject=reis.traject, door=coach, soort=soort, **leeg)
    assert set(fout.value.error_dict) == verplicht
    assert not Alternatief.objects.exists()


def test_a_reason_of_only_spaces_is_no_reason(reis, coach):
    with pytest.raises(ValidationError) as fout:
        services.alternatief_toevoegen(
            traject=reis.traject, door=coach, soort=AlternatiefSoort.FEEDBACK, **{**FEEDBACK, "reden": "   "}
        )
    assert set(fout.value.error_dict) == {"reden"}


def test_an_invalid_link_is_refused(reis, coach):
    with pytest.raises(ValidationError) as fout:
        services.alternatief_toevoegen(
            traject=reis.traject,
            door=coach,
            soort=AlternatiefSoort.ANDERE_GEMEENTE,
            **{**ANDERE_GEMEENTE, "link": "javascript:alert(1)"},
        )
    assert set(fout.value.error_dict) == {"link"}


def test_a_summary_with_personal_data_is_refused(reis, coach):
    with pytest.raises(ValidationError) as fout:
        services.alternatief_toevoegen(
            traject=reis.traject,
            door=coach,
            soort=AlternatiefSoort.FEEDBACK,
            **{**FEEDBACK, "samenvatting": "Klacht van j.jansen@example.nl over de wachttijd."},
        )
    assert set(fout.value.error_dict) == {"samenvatting"}


def test_a_field_of_the_other_kind_is_a_programming_error(reis, coach):
    with pytest.raises(ValueError, match="gemeente"):
        services.alternatief_toevoegen(
            traject=reis.traject, door=coach, soort=AlternatiefSoort.FEEDBACK, gemeente="Utrecht", **FEEDBACK
        )


@pytest.mark.parametrize("rol", [Rol.PROJECTLEIDER, Rol.PROCESEIGENAAR, Rol.VAKINHOUDELIJK_MEDEWERKER])
def test_only_the_klantreiscoach_records_alternatives(reis, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        services.alternatief_toevoegen(
            traject=reis.traject, door=gebruikers[rol], soort=AlternatiefSoort.FEEDBACK, **FEEDBACK
        )
    assert not Alternatief.objects.exists()


def test_an_alternative_needs_the_journey_first(traject, coach):
    with pytest.raises(WorkflowFout):
        services.alternatief_toevoegen(
            traject=traject, door=coach, soort=AlternatiefSoort.FEEDBACK, **FEEDBACK
        )


@pytest.mark.parametrize("status", [TrajectStatus.GESTOPT, TrajectStatus.AFGEROND])
def test_a_closed_trajectory_refuses_alternatives(reis, coach, feedback, status):
    zet_stappen(reis.traject, {}, traject_status=status)
    with pytest.raises(WorkflowFout):
        services.alternatief_toevoegen(
            traject=reis.traject, door=coach, soort=AlternatiefSoort.FEEDBACK, **FEEDBACK
        )
    with pytest.raises(WorkflowFout):
        services.alternatief_wijzigen(alternatief=feedback, door=coach, periode="2026")
    with pytest.raises(WorkflowFout):
        services.alternatief_verwijderen(alternatief=feedback, door=coach)
    with pytest.raises(WorkflowFout):
        services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand("a.pdf", _pdf()))


def test_changing_an_alternative_logs_the_fields_not_their_content(feedback, coach):
    services.alternatief_wijzigen(
        alternatief=feedback, door=coach, periode="2024-2025", samenvatting="Nieuw."
    )
    feedback.refresh_from_db()
    assert (feedback.periode, feedback.samenvatting) == ("2024-2025", "Nieuw.")
    gebeurtenis = Gebeurtenis.objects.filter(soort=GebeurtenisSoort.KLANTREIS).latest("pk")
    assert set(gebeurtenis.gegevens["velden"]) == {"periode", "samenvatting"}
    assert "Nieuw." not in gebeurtenis.omschrijving


def test_changing_nothing_logs_nothing(feedback, coach):
    aantal = Gebeurtenis.objects.count()
    services.alternatief_wijzigen(alternatief=feedback, door=coach, periode=FEEDBACK["periode"])
    assert Gebeurtenis.objects.count() == aantal


def test_a_change_that_empties_a_required_field_is_refused(feedback, coach):
    with pytest.raises(ValidationError) as fout:
        services.alternatief_wijzigen(alternatief=feedback, door=coach, reden="")
    assert set(fout.value.error_dict) == {"reden"}
    feedback.refresh_from_db()
    assert feedback.reden == FEEDBACK["reden"]


def test_the_kind_of_an_alternative_does_not_change(feedback, coach):
    with pytest.raises(ValueError, match="gemeente"):
        services.alternatief_wijzigen(alternatief=feedback, door=coach, gemeente="Utrecht")


def test_deleting_an_alternative_deletes_its_attachments_and_files_after_commit(
    feedback, coach, _media, django_capture_on_commit_callbacks
):
    bijlage = services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand("a.pdf", _pdf()))
    pad = Path(bijlage.bestand.path)
    assert pad.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.alternatief_verwijderen(alternatief=feedback, door=coach)
    assert not Alternatief.objects.exists()
    assert not AlternatiefBijlage.objects.exists()
    assert not pad.exists()
    gebeurtenis = Gebeurtenis.objects.filter(soort=GebeurtenisSoort.KLANTREIS).latest("pk")
    assert gebeurtenis.gegevens["bijlagen"] == 1


# --- services: attachments ------------------------------------------------------------------------


def test_a_real_pdf_is_stored_under_a_random_name_with_its_original_name_cleaned(feedback, coach, _media):
    inhoud = _pdf()
    bijlage = services.bijlage_toevoegen(
        alternatief=feedback,
        door=coach,
        bestand=_bestand("C:\\Users\\kc\\Klachten\x07 2025.pdf", inhoud, "application/pdf"),
    )
    assert bijlage.naam == "Klachten 2025.pdf"
    assert bijlage.grootte == len(inhoud)
    assert bijlage.toegevoegd_door == coach
    pad = Path(bijlage.bestand.path)
    assert pad.is_relative_to(_media)
    assert pad.parent == _media / "klantreis" / str(feedback.klantreis.traject_id)
    assert "Klachten" not in pad.name and pad.suffix == ".pdf"
    assert pad.read_bytes() == inhoud
    gebeurtenis = Gebeurtenis.objects.filter(soort=GebeurtenisSoort.KLANTREIS).latest("pk")
    assert gebeurtenis.gegevens["bijlage"] == bijlage.pk


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("overzicht.docx", _docx()),
        ("cijfers.xlsx", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})),
        (
            "verslag.odt",
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
        ),
        ("kto.csv", "vraag;score\nWachttijd;5,5\nÜberhaupt;7\n".encode()),
        ("notitie.txt", "Klachten over de wachttijd.".encode("cp1252")),
        ("scherm.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
        ("foto.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 32),
    ],
)
def test_documents_and_images_that_are_what_their_name_says_are_accepted(feedback, coach, naam, inhoud):
    bijlage = services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand(naam, inhoud))
    assert bijlage.naam == naam


def test_a_file_larger_than_the_setting_is_refused(feedback, coach, settings):
    settings.KLANTREIS_BIJLAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as fout:
        services.bijlage_toevoegen(
            alternatief=feedback, door=coach, bestand=_bestand("a.pdf", b"%PDF-" + b"x" * 1000)
        )
    assert set(fout.value.error_dict) == {"bestand"}
    assert not AlternatiefBijlage.objects.exists()


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("setup.exe", b"MZ\x90\x00"),  # not an allowed extension
        ("rapport.pdf.exe", b"%PDF-1.4"),
        ("pagina.html", b"<html></html>"),
        ("geen-extensie", b"%PDF-1.4"),
        ("nep.pdf", b"Dit is geen PDF maar tekst."),  # a fake PDF
        ("programma.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),  # a Windows program named .pdf
        ("script.txt", b"#!/bin/sh\nrm -rf /\n"),
        ("elf.csv", b"\x7fELF\x02\x01\x01"),
        ("binair.txt", b"abc\x00\x01\x02def"),
        ("plaatje.png", b"\xff\xd8\xff\xe0 a jpeg, not a png"),
        ("archief.docx", _zip({"iets.txt": b"geen Word-document"})),
        (
            "macro.docx",
            _zip({"[Content_Types].xml": b"<T/>", "word/document.xml": b"<d/>", "word/vbaProject.bin": b"x"}),
        ),
        ("kapot.xlsx", b"PK\x03\x04 but no zip after all"),
        ("rekenblad.ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"})),
        ("leeg.pdf", b""),
    ],
)
def test_files_of_a_wrong_type_or_with_content_that_is_not_what_the_name_says_are_refused(
    feedback, coach, naam, inhoud, _media
):
    with pytest.raises(ValidationError) as fout:
        services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand(naam, inhoud))
    assert set(fout.value.error_dict) == {"bestand"}
    assert not AlternatiefBijlage.objects.exists()
    assert not any(p.is_file() for p in _media.rglob("*")), "nothing was stored"


def test_only_existing_feedback_has_attachments(reis, coach):
    andere = services.alternatief_toevoegen(
        traject=reis.traject, door=coach, soort=AlternatiefSoort.ANDERE_GEMEENTE, **ANDERE_GEMEENTE
    )
    with pytest.raises(WorkflowFout):
        services.bijlage_toevoegen(alternatief=andere, door=coach, bestand=_bestand("a.pdf", _pdf()))


def test_only_the_klantreiscoach_adds_and_deletes_attachments(feedback, coach, gebruikers):
    with pytest.raises(PermissionDenied):
        services.bijlage_toevoegen(
            alternatief=feedback, door=gebruikers[Rol.PROJECTLEIDER], bestand=_bestand("a.pdf", _pdf())
        )
    bijlage = services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand("a.pdf", _pdf()))
    with pytest.raises(PermissionDenied):
        services.bijlage_verwijderen(bijlage=bijlage, door=gebruikers["management"])
    assert AlternatiefBijlage.objects.filter(pk=bijlage.pk).exists()


def test_deleting_an_attachment_removes_its_file_after_commit(
    feedback, coach, django_capture_on_commit_callbacks
):
    bijlage = services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand("a.pdf", _pdf()))
    pad = Path(bijlage.bestand.path)
    with django_capture_on_commit_callbacks(execute=False) as na_commit:
        services.bijlage_verwijderen(bijlage=bijlage, door=coach)
    assert pad.exists(), "the file stays until the deletion is committed"
    for callback in na_commit:
        callback()
    assert not pad.exists()
    assert not AlternatiefBijlage.objects.exists()
    gebeurtenis = Gebeurtenis.objects.filter(soort=GebeurtenisSoort.KLANTREIS).latest("pk")
    assert gebeurtenis.gegevens["bijlage"] == bijlage.pk


def test_deleting_an_attachment_twice_is_a_clear_refusal(feedback, coach):
    bijlage = services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand("a.pdf", _pdf()))
    services.bijlage_verwijderen(bijlage=bijlage, door=coach)
    with pytest.raises(WorkflowFout):
        services.bijlage_verwijderen(bijlage=bijlage, door=coach)


# --- step 4's completion condition ------------------------------------------------------------------


def _reis_met_beide_reizen(traject):
    reis = KlantreisFactory(traject=traject)
    fase = FaseFactory(klantreis=reis)
    ContactmomentFactory(fase=fase)
    ContactmomentFactory(fase=fase, reis=Reis.GEWENST)
    return reis


def test_step_4_accepts_an_alternative_with_its_reason_instead_of_an_interview(traject, coach):
    reis = _reis_met_beide_reizen(traject)
    assert len(klantreis_compleet(traject)) == 1, "only the interview or alternative is missing"
    services.alternatief_toevoegen(
        traject=traject, door=coach, soort=AlternatiefSoort.ANDERE_GEMEENTE, **ANDERE_GEMEENTE
    )
    assert klantreis_compleet(traject) == []
    assert not reis.interviews.exists()


def test_step_4_does_not_count_an_alternative_without_a_reason(traject):
    reis = _reis_met_beide_reizen(traject)
    AlternatiefFactory(klantreis=reis, reden="")  # written past the service, as old data could be
    assert len(klantreis_compleet(traject)) == 1
    InterviewFactory(klantreis=reis)
    assert klantreis_compleet(traject) == []


# --- pages ----------------------------------------------------------------------------------------


def _url(naam: str, traject, *args) -> str:
    return reverse(f"klantreis:{naam}", args=[traject.pk, *args])


def test_without_a_journey_the_new_page_sends_the_coach_to_describe_the_target_group(client, traject, coach):
    client.force_login(coach)
    response = client.get(_url("alternatief_nieuw", traject))
    assert response.status_code == 302
    assert response.url == reverse("klantreis:bewerken", args=[traject.pk])
    assert [str(m) for m in response.wsgi_request._messages]


@pytest.mark.parametrize(
    ("soort", "getoond", "niet_getoond"),
    [
        ("feedback", {"reden", "bron", "periode", "samenvatting"}, {"gemeente", "link", "overgenomen"}),
        (
            "andere_gemeente",
            {"reden", "gemeente", "link", "overgenomen"},
            {"bron", "periode", "samenvatting"},
        ),
        ("onzin", {"reden", "bron", "samenvatting"}, {"gemeente", "link"}),  # unknown: feedback
    ],
)
def test_the_new_page_shows_the_fields_of_the_chosen_kind(client, reis, coach, soort, getoond, niet_getoond):
    client.force_login(coach)
    response = client.get(_url("alternatief_nieuw", reis.traject) + f"?soort={soort}")
    assert response.status_code == 200
    html = response.content.decode()
    for naam in getoond:
        assert f'name="{naam}"' in html, naam
    for naam in niet_getoond:
        assert f'name="{naam}"' not in html, naam
    assert "?soort=feedback" in html and "?soort=andere_gemeente" in html, "both kinds can be chosen"
    assert "novalidate" in html


def test_missing_reason_and_fields_come_back_at_their_fields_with_the_input_kept(client, reis, coach):
    client.force_login(coach)
    response = client.post(
        _url("alternatief_nieuw", reis.traject) + "?soort=feedback",
        {"reden": "", "bron": "", "periode": "Voorjaar 2025", "samenvatting": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert set(response.context["form"].errors) == {"reden", "bron", "samenvatting"}
    for naam in ("reden", "bron", "samenvatting"):
        assert _veld_met_fout(html, naam), naam
    assert not _veld_met_fout(html, "periode")
    assert 'value="Voorjaar 2025"' in html
    assert not Alternatief.objects.exists()


def test_an_invalid_link_comes_back_at_its_field_with_the_input_kept(client, reis, coach):
    client.force_login(coach)
    response = client.post(
        _url("alternatief_nieuw", reis.traject) + "?soort=andere_gemeente",
        {**ANDERE_GEMEENTE, "link": "niet een adres", "overgenomen": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert set(response.context["form"].errors) == {"link", "overgenomen"}
    assert _veld_met_fout(html, "link") and _veld_met_fout(html, "overgenomen")
    assert 'value="niet een adres"' in html
    assert 'value="Utrecht"' in html
    assert not Alternatief.objects.exists()


def test_personal_data_in_the_summary_comes_back_at_its_field(client, reis, coach):
    client.force_login(coach)
    response = client.post(
        _url("alternatief_nieuw", reis.traject) + "?soort=feedback",
        {**FEEDBACK, "samenvatting": "Mevrouw belde vanaf 06-12345678 over de wachttijd."},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"samenvatting"}
    assert _veld_met_fout(response.content.decode(), "samenvatting")
    assert not Alternatief.objects.exists()


@pytest.mark.parametrize(
    ("soort", "gegevens"), [("feedback", FEEDBACK), ("andere_gemeente", ANDERE_GEMEENTE)]
)
def test_the_coach_records_both_kinds_on_the_page(client, reis, coach, soort, gegevens):
    client.force_login(coach)
    response = client.post(_url("alternatief_nieuw", reis.traject) + f"?soort={soort}", gegevens)
    alternatief = Alternatief.objects.get()
    assert response.status_code == 302
    assert response.url == _url("overzicht", reis.traject) + f"#alternatief-{alternatief.pk}"
    assert alternatief.soort == soort
    assert alternatief.reden == gegevens["reden"]


def test_the_coach_edits_an_alternative_on_its_page(client, feedback, coach):
    client.force_login(coach)
    url = _url("alternatief_bewerken", feedback.klantreis.traject, feedback.pk)
    html = client.get(url).content.decode()
    assert "Klachtenregister" in html
    assert 'name="gemeente"' not in html, "the kind stays"
    response = client.post(url, {**FEEDBACK, "bron": "KTO 2025"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.bron == "KTO 2025"


def test_emptying_the_reason_on_the_edit_page_keeps_the_other_input(client, feedback, coach):
    client.force_login(coach)
    url = _url("alternatief_bewerken", feedback.klantreis.traject, feedback.pk)
    response = client.post(url, {**FEEDBACK, "reden": "", "bron": "KTO 2025"})
    assert response.status_code == 200
    assert _veld_met_fout(response.content.decode(), "reden")
    assert 'value="KTO 2025"' in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.bron == "Klachtenregister"


def test_deleting_an_alternative_asks_first(client, feedback, coach):
    client.force_login(coach)
    url = _url("alternatief_verwijderen", feedback.klantreis.traject, feedback.pk)
    response = client.get(url)
    assert response.status_code == 200
    assert "Klachtenregister" in response.content.decode()
    assert Alternatief.objects.exists()
    assert client.post(url).status_code == 302
    assert not Alternatief.objects.exists()


def test_the_upload_page_is_a_multipart_form(client, feedback, coach):
    client.force_login(coach)
    html = client.get(_url("bijlage_nieuw", feedback.klantreis.traject, feedback.pk)).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html and 'name="bestand"' in html


def test_a_fake_pdf_comes_back_at_the_file_field(client, feedback, coach):
    client.force_login(coach)
    response = client.post(
        _url("bijlage_nieuw", feedback.klantreis.traject, feedback.pk),
        {"bestand": _bestand("nep.pdf", b"<script>alert(1)</script>", "application/pdf")},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"bestand"}
    assert _veld_met_fout(response.content.decode(), "bestand")
    assert not AlternatiefBijlage.objects.exists()


def test_a_file_too_large_comes_back_at_the_file_field(client, feedback, coach, settings):
    settings.KLANTREIS_BIJLAGE_MAX_BYTES = 100
    client.force_login(coach)
    response = client.post(
        _url("bijlage_nieuw", feedback.klantreis.traject, feedback.pk), {"bestand": _bestand("a.pdf", _pdf())}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"bestand"}
    assert not AlternatiefBijlage.objects.exists()


def test_uploading_without_a_file_comes_back_at_the_file_field(client, feedback, coach):
    client.force_login(coach)
    response = client.post(_url("bijlage_nieuw", feedback.klantreis.traject, feedback.pk), {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"bestand"}


@pytest.mark.parametrize("wie", [Rol.SPONSOR, Rol.TEAMMANAGER, "management", KRC])
def test_a_real_pdf_is_uploaded_and_downloaded_by_members_and_management(
    client, feedback, coach, gebruikers, wie
):
    inhoud = _pdf()
    client.force_login(coach)
    traject = feedback.klantreis.traject
    response = client.post(
        _url("bijlage_nieuw", traject, feedback.pk), {"bestand": _bestand("Klachten 2025.pdf", inhoud)}
    )
    assert response.status_code == 302
    bijlage = AlternatiefBijlage.objects.get()

    client.force_login(gebruikers[wie])
    response = client.get(_url("bijlage", traject, feedback.pk, bijlage.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Klachten 2025.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == inhoud


def test_an_outsider_cannot_download_an_attachment(client, feedback, coach, gebruikers):
    bijlage = services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand("a.pdf", _pdf()))
    client.force_login(gebruikers["buitenstaander"])
    traject = feedback.klantreis.traject
    assert client.get(_url("bijlage", traject, feedback.pk, bijlage.pk)).status_code == 404


def test_another_trajectorys_attachment_is_not_found(client, feedback, coach, maak_traject):
    bijlage = services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand("a.pdf", _pdf()))
    ander = maak_traject(titel="Een ander traject")
    andere_reis = KlantreisFactory(traject=ander)
    ander_alternatief = services.alternatief_toevoegen(
        traject=ander, door=coach, soort=AlternatiefSoort.FEEDBACK, **FEEDBACK
    )
    client.force_login(coach)  # member of both trajectories
    eigen = feedback.klantreis.traject
    for naam in ("bijlage", "bijlage_verwijderen"):
        assert client.get(_url(naam, ander, feedback.pk, bijlage.pk)).status_code == 404, naam
        assert client.get(_url(naam, ander, ander_alternatief.pk, bijlage.pk)).status_code == 404, naam
        assert client.get(_url(naam, eigen, ander_alternatief.pk, bijlage.pk)).status_code == 404, naam
    for naam in ("alternatief_bewerken", "alternatief_verwijderen", "bijlage_nieuw"):
        assert client.get(_url(naam, eigen, ander_alternatief.pk)).status_code == 404, naam
    assert andere_reis.alternatieven.count() == 1


def test_deleting_an_attachment_on_the_page_removes_the_file(
    client, feedback, coach, django_capture_on_commit_callbacks
):
    bijlage = services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand("a.pdf", _pdf()))
    pad = Path(bijlage.bestand.path)
    client.force_login(coach)
    url = _url("bijlage_verwijderen", feedback.klantreis.traject, feedback.pk, bijlage.pk)
    assert client.get(url).status_code == 200
    assert pad.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not AlternatiefBijlage.objects.exists()
    assert not pad.exists()


def test_a_missing_file_is_not_found_rather_than_an_error(client, feedback, coach):
    bijlage = services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand("a.pdf", _pdf()))
    Path(bijlage.bestand.path).unlink()
    client.force_login(coach)
    assert client.get(_url("bijlage", feedback.klantreis.traject, feedback.pk, bijlage.pk)).status_code == 404


def test_the_pages_refuse_on_a_stopped_trajectory_with_a_message(client, feedback, coach):
    traject = zet_stappen(feedback.klantreis.traject, {}, traject_status=TrajectStatus.GESTOPT)
    client.force_login(coach)
    response = client.post(_url("alternatief_nieuw", traject) + "?soort=feedback", FEEDBACK)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Alternatief.objects.count() == 1
    response = client.post(_url("alternatief_verwijderen", traject, feedback.pk))
    assert response.status_code == 302
    assert Alternatief.objects.filter(pk=feedback.pk).exists()


# --- the partial on the journey page ---------------------------------------------------------------


def _partial(reis, *, mag_bewerken: bool) -> str:
    context = {
        "traject": reis.traject,
        "alternatieven": selectors.alternatieven_van(reis),
        "mag_bewerken": mag_bewerken,
    }
    return render_to_string("klantreis/_alternatieven.html", context)


def test_the_partial_explains_the_alternatives_when_there_are_none(reis):
    html = _partial(reis, mag_bewerken=True)
    assert 'id="alternatieven"' in html
    assert "?soort=feedback" in html and "?soort=andere_gemeente" in html
    assert "<article" not in html


def test_the_partial_shows_each_alternative_with_its_fields_and_attachments(reis, coach):
    feedback = services.alternatief_toevoegen(
        traject=reis.traject, door=coach, soort=AlternatiefSoort.FEEDBACK, **FEEDBACK
    )
    services.alternatief_toevoegen(
        traject=reis.traject, door=coach, soort=AlternatiefSoort.ANDERE_GEMEENTE, **ANDERE_GEMEENTE
    )
    bijlage = services.bijlage_toevoegen(
        alternatief=feedback, door=coach, bestand=_bestand("klachten.pdf", b"%PDF-1.4" + b" " * 2040)
    )
    html = _partial(reis, mag_bewerken=True)
    assert FEEDBACK["reden"] in html and ANDERE_GEMEENTE["reden"] in html
    assert FEEDBACK["samenvatting"] in html and ANDERE_GEMEENTE["overgenomen"] in html
    link = re.search(r'<a href="https://www\.utrecht\.nl/[^"]*"[^>]*>.*?</a>', html, re.S).group(0)
    assert 'target="_blank"' in link and 'rel="noopener noreferrer"' in link
    assert "visually-hidden" in link, "screen readers hear that it opens in a new tab"
    assert reverse("klantreis:bijlage", args=[reis.traject.pk, feedback.pk, bijlage.pk]) in html
    assert "klachten.pdf" in html and "2,0\xa0KB" in html
    assert reverse("klantreis:alternatief_bewerken", args=[reis.traject.pk, feedback.pk]) in html
    assert reverse("klantreis:bijlage_nieuw", args=[reis.traject.pk, feedback.pk]) in html
    assert "/media/" not in html


def test_the_partial_shows_no_edit_buttons_to_who_may_only_read(reis, coach):
    feedback = services.alternatief_toevoegen(
        traject=reis.traject, door=coach, soort=AlternatiefSoort.FEEDBACK, **FEEDBACK
    )
    bijlage = services.bijlage_toevoegen(alternatief=feedback, door=coach, bestand=_bestand("a.pdf", _pdf()))
    html = _partial(reis, mag_bewerken=False)
    assert reverse("klantreis:bijlage", args=[reis.traject.pk, feedback.pk, bijlage.pk]) in html
    traject, alt = reis.traject.pk, feedback.pk
    for url in (
        reverse("klantreis:alternatief_nieuw", args=[traject]),
        reverse("klantreis:alternatief_bewerken", args=[traject, alt]),
        reverse("klantreis:alternatief_verwijderen", args=[traject, alt]),
        reverse("klantreis:bijlage_nieuw", args=[traject, alt]),
        reverse("klantreis:bijlage_verwijderen", args=[traject, alt, bijlage.pk]),
    ):
        assert f'href="{url}"' not in html, url


def test_the_partial_needs_a_fixed_number_of_queries(reis, coach, django_assert_max_num_queries):
    for nummer in range(6):
        alternatief = services.alternatief_toevoegen(
            traject=reis.traject,
            door=coach,
            soort=AlternatiefSoort.FEEDBACK,
            **{**FEEDBACK, "bron": f"Bron {nummer}"},
        )
        for _ in range(3):
            services.bijlage_toevoegen(alternatief=alternatief, door=coach, bestand=_bestand("a.pdf", _pdf()))
    with django_assert_max_num_queries(3):
        html = _partial(reis, mag_bewerken=True)
    assert html.count("<article") == 6
