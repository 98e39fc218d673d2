"""The trajectkaart shows the journey's experience curve and the 6P overview, read back from the PDF."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation

from klantreis.choices import Kanaal, Reis
from serviceformules.choices import Oordeel, P
from tests.klantreis.factories import ContactmomentFactory, FaseFactory, KlantreisFactory
from tests.serviceformules.factories import (
    FormulekeuzeFactory,
    PBeoordelingFactory,
    ServiceformuleFactory,
)
from trajecten.documenten import trajectkaart_context, trajectkaart_pdf

FASEN = ("Oriënteren", "Aanvragen", "Wachten op besluit", "Besluit ontvangen")


def _tekst(pdf: bytes) -> tuple[str, int]:
    """The PDF's text with whitespace collapsed, and its number of pages."""
    from pypdf import PdfReader

    lezer = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(pagina.extract_text() for pagina in lezer.pages).split()), len(lezer.pages)


@pytest.fixture
def met_reis_en_6p(traject):
    reis = KlantreisFactory(traject=traject, persona_naam="Starter met een vergunning")
    fasen = [FaseFactory(klantreis=reis, naam=naam) for naam in FASEN]
    for fase, beleving in zip(fasen, (0, -1, -2, 1), strict=True):
        ContactmomentFactory(fase=fase, beleving=beleving, kanaal=Kanaal.WEBSITE)
    ContactmomentFactory(fase=fasen[1], beleving=-2, moment_van_waarheid=True, titel="Levert bijlagen na")
    ContactmomentFactory(fase=fasen[1], reis=Reis.GEWENST, beleving=1)
    ContactmomentFactory(fase=fasen[3], reis=Reis.GEWENST, beleving=2)
    formule = ServiceformuleFactory(naam="Flitsformule")
    FormulekeuzeFactory(traject=traject, formule=formule)
    PBeoordelingFactory(traject=traject, formule=formule, p=P.PRODUCT, oordeel=Oordeel.KOMT_OVEREEN)
    PBeoordelingFactory(traject=traject, formule=formule, p=P.PRIJS, oordeel=Oordeel.WIJKT_AF)
    PBeoordelingFactory(traject=traject, formule=formule, p=P.PROCES, oordeel=Oordeel.WIJKT_DEELS_AF)
    return traject


def test_the_card_shows_the_curve_the_phase_averages_and_the_6p_verdicts(met_reis_en_6p):
    pytest.importorskip("weasyprint")
    tekst, paginas = _tekst(trajectkaart_pdf(traject=met_reis_en_6p))
    assert paginas == 2  # the results on a page of their own, the summary unchanged on the first
    for naam in FASEN:
        assert naam in tekst
    assert "Starter met een vergunning" in tekst
    assert "Flitsformule" in tekst
    assert "−1,5" in tekst or "-1,5" in tekst  # Aanvragen: (−1 + −2) / 2, written the Dutch way
    with translation.override("nl"):
        verwacht = [
            str(Oordeel.KOMT_OVEREEN.label),
            str(Oordeel.WIJKT_AF.label),
            str(Oordeel.WIJKT_DEELS_AF.label),
        ]
    for oordeel in verwacht:
        assert oordeel in tekst


def _figuren(knoop, gevonden: list) -> list:
    """The /Figure elements of a PDF's structure tree."""
    knoop = knoop.get_object()
    if isinstance(knoop, list):
        for kind in knoop:
            _figuren(kind, gevonden)
    elif hasattr(knoop, "get"):
        if knoop.get("/S") == "/Figure":
            gevonden.append(knoop)
        if "/K" in knoop:
            _figuren(knoop["/K"], gevonden)
    return gevonden


def test_the_figures_carry_their_summary_as_alternative_text(met_reis_en_6p):
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    lezer = PdfReader(io.BytesIO(trajectkaart_pdf(traject=met_reis_en_6p)))
    figuren = _figuren(lezer.trailer["/Root"]["/StructTreeRoot"], [])
    alts = [str(figuur.get("/Alt", "")) for figuur in figuren]
    assert len(alts) == 3  # the logo, the curve, the 6P overview
    assert any("Levert bijlagen na" in alt for alt in alts)  # the moment of truth, in the curve's summary
    with translation.override("nl"):
        prijs = f"{P.PRIJS.label}: {Oordeel.WIJKT_AF.label}"
    assert any("Flitsformule" in alt and prijs in alt for alt in alts)


def test_the_card_lists_every_moment_of_truth_with_its_full_title(met_reis_en_6p):
    pytest.importorskip("weasyprint")
    fasen = list(met_reis_en_6p.klantreis.fasen.all())
    lang = "Krijgt na drie weken een brief waarin staat welke bijlagen er nog altijd ontbreken"
    titels = [lang, *(f"Moment van waarheid nummer {i} in de fase" for i in range(2, 8))]
    for i, titel in enumerate(titels):
        ContactmomentFactory(fase=fasen[i % len(fasen)], beleving=-1, moment_van_waarheid=True, titel=titel)
    tekst, _paginas = _tekst(trajectkaart_pdf(traject=met_reis_en_6p))
    for titel in [*titels, "Levert bijlagen na"]:  # none cut off, none left out for want of room
        assert titel in tekst, titel


def test_without_journey_or_formule_the_card_has_neither_section(traject):
    pytest.importorskip("weasyprint")
    context = trajectkaart_context(traject=traject)
    assert context["kaart_klantreis"] is None
    assert context["kaart_zes_p"] is None
    tekst, paginas = _tekst(trajectkaart_pdf(traject=traject))
    assert paginas == 1
    assert "Levert bijlagen na" not in tekst


def test_a_journey_without_contact_moments_is_left_off_the_card(traject):
    FaseFactory(klantreis=KlantreisFactory(traject=traject), naam="Oriënteren")
    assert trajectkaart_context(traject=traject)["kaart_klantreis"] is None


def test_the_card_content_takes_a_fixed_number_of_queries(met_reis_en_6p, django_assert_max_num_queries):
    fase = met_reis_en_6p.klantreis.fasen.first()
    for _ in range(20):
        ContactmomentFactory(fase=fase)
    with django_assert_max_num_queries(8):
        trajectkaart_context(traject=met_reis_en_6p)


def test_the_card_downloads_with_the_sections(met_reis_en_6p, client, gebruikers):
    pytest.importorskip("weasyprint")
    client.force_login(gebruikers["klantreiscoach"])
    response = client.get(reverse("trajecten:trajectkaart", args=[met_reis_en_6p.pk]))
    assert response.status_code == 200
    tekst, _paginas = _tekst(response.content)
    assert "Wachten op besluit" in tekst
