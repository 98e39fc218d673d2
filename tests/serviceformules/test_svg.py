"""The 6P overview: six tiles with the verdict per P in words and as a symbol, read back with defusedxml.

Built from unsaved objects, so no database is needed. Wording is checked in English (the source
language), so the Dutch translation cannot break these tests.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import translation

from klantreis.curve import contrast
from serviceformules.choices import Oordeel, P
from serviceformules.models import PBeoordeling, Serviceformule
from serviceformules.overzicht import NIET_BEOORDEELD, STIJLEN, zes_p_samenvatting, zes_p_svg

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _engels():
    with translation.override("en"):
        yield


FORMULE = Serviceformule(pk=1, naam="Flitsformule")


def beoordeling(p: P, oordeel: Oordeel, toelichting: str = "Zo is het.") -> PBeoordeling:
    return PBeoordeling(p=p, oordeel=oordeel, toelichting=toelichting, formule=FORMULE)


BEOORDELINGEN = {
    P.PRODUCT: beoordeling(P.PRODUCT, Oordeel.KOMT_OVEREEN),
    P.PRIJS: beoordeling(P.PRIJS, Oordeel.WIJKT_AF, "Leges staan nergens op de website."),
    P.PLAATS: beoordeling(P.PLAATS, Oordeel.WIJKT_DEELS_AF),
    P.PROCES: None,  # explicitly not yet assessed; Personeel and Promotie have no key at all
    P.PROMOTIE: beoordeling(P.PROMOTIE, Oordeel.WIJKT_AF),
}


def tekenen(formule=FORMULE, beoordelingen=BEOORDELINGEN, **kwargs) -> Element:
    return fromstring(str(zes_p_svg(formule, beoordelingen, **kwargs)))


def tegels(svg: Element) -> list[Element]:
    return [g for g in svg.iter(f"{NS}g") if "p-tegel" in (g.get("class") or "").split()]


def tekst(element: Element) -> str:
    return " ".join(" ".join(t.itertext()) for t in element.iter(f"{NS}text"))


def test_six_tiles_in_the_methods_order():
    assert [t.get("data-p") for t in tegels(tekenen())] == [p.value for p in P]


def test_each_tile_names_its_p_and_gives_the_verdict_in_words_and_as_a_symbol():
    verwacht = {
        "product": ("Matches", "komt_overeen"),
        "prijs": ("Deviates", "wijkt_af"),
        "plaats": ("Partly deviates", "wijkt_deels_af"),
        "personeel": ("Not yet assessed", NIET_BEOORDEELD),
        "proces": ("Not yet assessed", NIET_BEOORDEELD),
        "promotie": ("Deviates", "wijkt_af"),
    }
    for tegel in tegels(tekenen()):
        p = P(tegel.get("data-p"))
        woorden, oordeel = verwacht[p.value]
        assert f"oordeel-{oordeel}" in tegel.get("class")
        inhoud = tekst(tegel)
        assert " ".join(str(p.label).split()) in " ".join(inhoud.split())
        assert woorden in " ".join(inhoud.split())
        assert tegel.find(f".//{NS}g[@class='symbool']") is not None


def test_the_symbols_differ_in_shape_not_only_in_colour():
    vormen = {}
    for tegel in tegels(tekenen()):
        symbool = tegel.find(f".//{NS}g[@class='symbool']")
        oordeel = tegel.get("class").split("oordeel-")[1]
        vormen[oordeel] = tuple(
            (kind.tag, kind.get("stroke-dasharray"), kind.get("fill") == "#ffffff") for kind in symbool
        )
    assert len(set(vormen.values())) == 4


def test_a_not_assessed_tile_has_a_dashed_outline():
    for tegel in tegels(tekenen()):
        omlijning = tegel.find(f"{NS}rect")
        gestreept = omlijning.get("stroke-dasharray") is not None
        assert gestreept == (NIET_BEOORDEELD in tegel.get("class"))


def test_the_tooltip_of_a_tile_gives_the_explanation():
    (prijs,) = [t for t in tegels(tekenen()) if t.get("data-p") == "prijs"]
    assert prijs.find(f"{NS}rect/{NS}title").text == "Price: Deviates — Leges staan nergens op de website."


def test_the_formule_is_the_heading_and_the_state_is_summarised():
    svg = tekenen()
    alles = tekst(svg)
    assert "Flitsformule" in alles
    assert "4 of 6 assessed: 2 deviate, 1 partly deviates" in alles
    assert svg.get("role") == "img"
    titel_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{NS}title").get("id") == titel_id
    assert svg.find(f"{NS}title").text == "6P overview: Flitsformule"
    desc = svg.find(f"{NS}desc")
    assert desc.get("id") == desc_id
    assert desc.text.startswith("Flitsformule: 4 of 6 assessed: 2 deviate, 1 partly deviates.")
    assert "Price: Deviates." in desc.text
    assert "Staff: Not yet assessed." in desc.text


def test_a_title_can_be_given():
    assert tekenen(titel="Zes P's").find(f"{NS}title").text == "Zes P's"


def test_without_a_formule_everything_is_not_yet_assessed_with_a_note():
    svg = tekenen(None, BEOORDELINGEN)
    assert all(NIET_BEOORDEELD in t.get("class") for t in tegels(svg))
    alles = tekst(svg)
    assert "No serviceformule chosen yet" in alles
    assert "Choose a serviceformule to assess the six P's." in alles
    assert "none of the six P's is assessed" in svg.find(f"{NS}desc").text


def test_all_matching_says_so_without_deviations():
    alle = {p: beoordeling(p, Oordeel.KOMT_OVEREEN) for p in P}
    assert zes_p_samenvatting(FORMULE, alle).startswith("Flitsformule: 6 of 6 assessed. Product: Matches.")


def test_three_tiles_a_row_on_a_page_and_six_in_one_row_when_wide():
    def rijen(svg: Element) -> int:
        return len({t.find(f"{NS}rect").get("y") for t in tegels(svg)})

    smal, breed = tekenen(), tekenen(breedte=900)
    assert rijen(smal) == 2
    assert rijen(breed) == 1
    assert float(breed.get("height")) < float(smal.get("height"))
    for svg in (smal, breed):  # every tile inside the drawing
        for tegel in tegels(svg):
            rand = tegel.find(f"{NS}rect")
            assert float(rand.get("x")) + float(rand.get("width")) <= float(svg.get("width"))


def test_text_is_escaped():
    formule = Serviceformule(pk=2, naam="<script>alert(1)</script> & co")
    slecht = {P.PRIJS: beoordeling(P.PRIJS, Oordeel.WIJKT_AF, '</svg><img src=x onerror="x">')}
    markup = str(zes_p_svg(formule, slecht))
    assert "<script>" not in markup
    assert "<img" not in markup
    assert "&lt;script&gt;" in markup
    assert "<script>alert(1)</script> & co" in tekst(fromstring(markup))


def test_no_style_attributes_and_the_same_bytes_each_time():
    markup = str(zes_p_svg(FORMULE, BEOORDELINGEN))
    assert not re.search(r"\sstyle=", markup)
    assert str(zes_p_svg(FORMULE, dict(reversed(list(BEOORDELINGEN.items()))))) == markup


def test_verdict_colours_have_enough_contrast_on_their_tile():
    for stijl in STIJLEN.values():
        assert contrast(stijl.kleur, stijl.vulling) >= 4.5
        assert contrast(stijl.kleur, "#ffffff") >= 4.5


def test_saved_assessments_draw_without_queries(db, django_assert_num_queries):
    from tests.factories import TrajectFactory
    from tests.serviceformules.factories import PBeoordelingFactory, ServiceformuleFactory

    traject = TrajectFactory()
    formule = ServiceformuleFactory(naam="Wegwijsformule")
    for p in (P.PRODUCT, P.PERSONEEL):
        PBeoordelingFactory(traject=traject, formule=formule, p=p, oordeel=Oordeel.WIJKT_DEELS_AF)
    beoordelingen = {b.p: b for b in PBeoordeling.objects.filter(traject=traject, formule=formule)}
    with django_assert_num_queries(0):
        svg = fromstring(str(zes_p_svg(formule, beoordelingen)))
    assert sum("oordeel-wijkt_deels_af" in t.get("class") for t in tegels(svg)) == 2
