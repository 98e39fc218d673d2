"""The verbeterplan PDF: read back with pypdf (a plan of 50 actions: every title, every section, "concept"
and the page number on every page), tagged PDF/UA-1, built from one plain document in a fixed number of
queries, and the same document back from stored data prints the same."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import VerbeterpuntFactory
from tests.verbeterplan.factories import VerbeteractieFactory, besloten
from tests.verbeterplan.plannen import volledig_plan
from trajecten.choices import Rol
from verbeterplan.document import Plandocument, plandocument
from verbeterplan.pdf import plandocument_html, verbeterplan_pdf

pytestmark = pytest.mark.django_db

HOOFDSTUKKEN = (
    "Inhoud",
    "1 Samenvatting",
    "2 KPI's: nulmeting en streefwaarde",
    "3 Het proces: huidig en gewenst",
    "4 Klantreis en serviceformule",
    "5 De verbeteracties",
    "Quick wins",
    "Lange termijn",
    "Bijlage",
)


def _lezer(pdf: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf))


def _paginas(pdf: bytes) -> list[str]:
    """The text of every page, whitespace collapsed."""
    return [" ".join(pagina.extract_text().split()) for pagina in _lezer(pdf).pages]


@pytest.fixture
def plan50(traject):
    return traject, volledig_plan(traject, acties=50)


def test_a_plan_of_50_actions_reads_back_whole(plan50):
    pytest.importorskip("weasyprint")
    traject, acties = plan50
    paginas = _paginas(verbeterplan_pdf(traject=traject))
    tekst = " ".join(paginas)
    for actie in acties:
        assert actie.titel in tekst, actie.titel
    for kop in HOOFDSTUKKEN:
        assert kop in tekst, kop
    for naam in ("Doorlooptijd aanvraag tot besluit", "Klanttevredenheid", "Flitsformule", "Oriënteren"):
        assert naam in tekst, naam
    assert "Parkeren bij het stadhuis" in tekst and "Buiten de scope." in tekst  # the appendix
    assert len(paginas) > 10
    for nummer, pagina in enumerate(paginas, start=1):
        assert "CONCEPT" in pagina, nummer  # every page, the cover too
        if nummer > 1:  # the cover has no number
            assert f"Pagina {nummer} van {len(paginas)}" in pagina, nummer


def test_the_contents_give_the_page_of_every_chapter(plan50):
    pytest.importorskip("weasyprint")
    traject, _acties = plan50
    paginas = _paginas(verbeterplan_pdf(traject=traject))
    inhoud = paginas[1]
    for kop in ("1 Samenvatting", "5 De verbeteracties", "5.2 Quick wins"):
        gevonden = re.search(re.escape(kop) + r"[ .]*?(\d+)", inhoud)
        assert gevonden, kop
        pagina = int(gevonden.group(1))
        assert kop in paginas[pagina - 1], (kop, pagina)


def _structuur(knoop, soorten: list) -> list:
    knoop = knoop.get_object()
    if isinstance(knoop, list):
        for kind in knoop:
            _structuur(kind, soorten)
    elif hasattr(knoop, "get"):
        if "/S" in knoop:
            soorten.append(knoop)
        if "/K" in knoop:
            _structuur(knoop["/K"], soorten)
    return soorten


def test_the_pdf_is_tagged_pdf_ua_1_in_dutch_with_a_title(traject):
    pytest.importorskip("weasyprint")
    volledig_plan(traject, acties=3)
    lezer = _lezer(verbeterplan_pdf(traject=traject))
    root = lezer.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]) == "nl"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert traject.titel in str(lezer.metadata.title)
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part[^0-9]*1", xmp), "no PDF/UA identification"
    elementen = _structuur(root["/StructTreeRoot"], [])
    soorten = {str(e["/S"]) for e in elementen}
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Figure"} <= soorten
    figuren = [e for e in elementen if e["/S"] == "/Figure"]
    alts = [str(f.get("/Alt", "")) for f in figuren]
    assert all(alts), "a figure without alternative text"
    # logo, three KPI charts, five swimlane rows, the curve, the 6P overview, the matrix
    assert len(figuren) == 12
    assert any("Impact-inspanningsmatrix" in alt and "Quick wins" in alt for alt in alts)


def test_building_the_document_takes_the_same_queries_for_5_and_50_actions(maak_traject):
    aantallen = []
    for acties in (5, 50):
        traject = maak_traject(titel=f"Plan met {acties} acties")
        volledig_plan(traject, acties=acties)
        with CaptureQueriesContext(connection) as queries:
            document = plandocument(traject=traject)
        assert len(document.acties) == acties
        aantallen.append(len(queries))
    assert aantallen[0] == aantallen[1], aantallen
    assert aantallen[0] <= 20


def test_a_document_from_stored_data_is_the_same_and_prints_the_same(traject):
    volledig_plan(traject, acties=4)
    with translation.override("nl"):
        document = plandocument(traject=traject)
    opgeslagen = json.loads(json.dumps(document.als_dict()))  # as a frozen version would keep it
    terug = Plandocument.uit_dict(opgeslagen)
    assert terug == document
    assert plandocument_html(document=terug) == plandocument_html(document=document)


def test_the_document_holds_plain_data_only(traject):
    """The template reads nothing but texts, numbers, dates and finished SVG: no model in the data."""
    volledig_plan(traject, acties=2)
    document = plandocument(traject=traject)

    def waarden(waarde):
        if isinstance(waarde, dict):
            for w in waarde.values():
                yield from waarden(w)
        elif isinstance(waarde, list):
            for w in waarde:
                yield from waarden(w)
        else:
            yield waarde

    soorten = {type(w) for w in waarden(document.als_dict()) if w is not None}
    assert all(issubclass(soort, str | int | bool) for soort in soorten), soorten


def test_the_groups_and_summary_follow_the_plan(traject):
    for termijn in ("quick_win", "quick_win", "lange_termijn", ""):
        VerbeteractieFactory(traject=traject, termijn=termijn, kosten_eenmalig=1000, kosten_jaarlijks=None)
    besloten(VerbeterpuntFactory(traject=traject), reden="Valt buiten de scope.")
    VerbeterpuntFactory(traject=traject)
    with translation.override("nl"):
        document = plandocument(traject=traject)
    assert [len(document.quick_wins), len(document.lange_termijn), len(document.zonder_termijn)] == [2, 1, 1]
    s = document.samenvatting
    assert (s.aantal_acties, s.punten_afgewezen, s.punten_open) == (4, 1, 1)
    assert s.kosten_eenmalig == "€\N{NO-BREAK SPACE}4.000"
    assert [p.status for p in document.punten_niet_in_plan] == ["Afgewezen", "Open"]
    assert document.concept and document.versie == "Concept"


def test_a_plan_without_kpis_process_or_journey_says_what_is_missing(traject):
    pytest.importorskip("weasyprint")
    VerbeteractieFactory(traject=traject, titel="Eén loket")
    tekst = " ".join(_paginas(verbeterplan_pdf(traject=traject)))
    assert "Eén loket" in tekst
    for zin in (
        "Er zijn nog geen KPI's",
        "Er is nog geen procesversie",
        "De klantreis heeft nog geen contactmomenten",
        "Er is nog geen serviceformule gekozen",
    ):
        assert zin in tekst, zin


def test_a_member_and_management_download_it_an_outsider_gets_404(traject, client, gebruikers):
    pytest.importorskip("weasyprint")
    VerbeteractieFactory(traject=traject, titel="Eén loket")
    url = reverse("verbeterplan:plan_pdf", args=[traject.pk])
    for wie in (Rol.VAKINHOUDELIJK_MEDEWERKER, "management"):
        client.force_login(gebruikers[wie])
        response = client.get(url)
        assert response.status_code == 200, wie
        assert response["Content-Type"] == "application/pdf"
        assert (
            response["Content-Disposition"] == f'attachment; filename="verbeterplan-{traject.pk}-concept.pdf"'
        )
        assert "Eén loket" in " ".join(_paginas(response.content))
    client.force_login(gebruikers["buitenstaander"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_plan_pages_link_the_pdf(traject, client, gebruikers):
    client.force_login(gebruikers["management"])
    url = reverse("verbeterplan:plan_pdf", args=[traject.pk])
    for pagina in ("verbeterplan:plan", "verbeterplan:acties"):
        assert url in client.get(reverse(pagina, args=[traject.pk])).content.decode(), pagina


# --- rendered by the Celery task, served when ready -------------------------------------------------


@pytest.fixture
def weergaven(monkeypatch):
    """WeasyPrint replaced by a counter: these tests are about storing and serving."""
    from django.core.cache import cache

    cache.clear()
    gemaakt = []

    def maken(document):
        gemaakt.append(document)
        return b"%PDF-1.7 " + document.acties[0].titel.encode()

    monkeypatch.setattr("verbeterplan.pdf.plandocument_pdf", maken)
    return gemaakt


def test_the_task_stores_each_state_of_the_plan_once(traject, weergaven):
    from django.core.files.storage import default_storage

    from verbeterplan import tasks

    actie = VerbeteractieFactory(traject=traject, titel="Eén loket")
    eerste = tasks.plan_pdf_maken(traject.pk)
    assert tasks.plan_pdf_maken(traject.pk) == eerste  # safe to run twice
    assert len(weergaven) == 1
    actie.titel = "Eén loket voor alles"
    actie.save()
    tweede = tasks.plan_pdf_maken(traject.pk)
    assert tweede != eerste and len(weergaven) == 2
    assert default_storage.listdir(f"verbeterplan-pdf/{traject.pk}")[1] == [
        f"{tweede}.pdf"
    ]  # the old one gone
    assert tasks.plan_pdf_maken(traject.pk + 1000) is None


def test_while_the_worker_renders_the_page_waits_then_the_download_follows(
    traject, client, gebruikers, weergaven, monkeypatch
):
    from verbeterplan import tasks

    VerbeteractieFactory(traject=traject, titel="Eén loket")
    gevraagd = []
    monkeypatch.setattr(tasks.plan_pdf_maken, "delay", lambda traject_id: gevraagd.append(traject_id))
    client.force_login(gebruikers[Rol.SPONSOR])
    url = reverse("verbeterplan:plan_pdf", args=[traject.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    pagina = response.content.decode()
    assert "Het pdf-bestand van het verbeterplan wordt gemaakt" in pagina
    assert f'hx-get="{url}" hx-trigger="every 3s"' in pagina  # it asks again by itself
    nog_niet = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 3s"' in nog_niet.content.decode()
    assert gevraagd == [traject.pk]  # asked once, not on every look
    tasks.plan_pdf_maken(traject.pk)  # the worker
    klaar = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Het pdf-bestand van het verbeterplan is klaar." in klaar and "hx-trigger" not in klaar
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content == "%PDF-1.7 Eén loket".encode()
