"""The swimlane diagram: its geometry (pure) and the SVG the page and the PDFs show."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from types import SimpleNamespace

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import translation

from tests.bpmn.factories import ProcesVersieFactory, groot_proces, voorbeeldproces
from trajecten.choices import Lean, StapSoort, Verspilling
from trajecten.swimlane import (
    BAAN_HOOGTE,
    EINDE,
    KOLOM_BREEDTE,
    START,
    swimlane_layout,
    swimlane_svg,
    tekst_afbreken,
)

SVG = "{http://www.w3.org/2000/svg}"


def stap(pk: int, actor: str, soort: str = StapSoort.ACTIE, **velden) -> SimpleNamespace:
    basis = {
        "pk": pk,
        "naam": f"Stap {pk}",
        "omschrijving": "",
        "actor": actor,
        "soort": soort,
        "kanaal": "intern",
        "bewerkingstijd": Decimal("30"),
        "bewerkingstijd_eenheid": "min",
        "wachttijd": Decimal("2"),
        "wachttijd_eenheid": "dag",
        "lean": Lean.NODIG,
        "verspilling": "",
        "vertakking_naar_id": None,
        "vertakking_label": "",
    }
    return SimpleNamespace(**{**basis, **velden})


def versie(naam: str = "Huidig proces") -> SimpleNamespace:
    return SimpleNamespace(pk=1, naam=naam)


def tekenen(stappen, naam: str = "Huidig proces") -> ET.Element:
    """The SVG parsed: it must be well-formed XML."""
    return fromstring(str(swimlane_svg(versie=versie(naam), stappen=stappen)))


# --- layout -----------------------------------------------------------------------------------------


def test_lanes_follow_the_order_in_which_actors_first_appear():
    layout = swimlane_layout([stap(1, "KCC"), stap(2, "Jurist"), stap(3, "KCC"), stap(4, "Burger")])
    assert [b.naam for b in layout.banen] == ["KCC", "Jurist", "Burger"]
    assert [p.baan for p in layout.stappen] == [0, 1, 0, 2]


def test_every_step_has_its_own_column_of_fixed_width():
    layout = swimlane_layout([stap(i, "A" if i % 2 else "B") for i in range(1, 7)])
    assert [p.kolom for p in layout.stappen] == list(range(6))
    afstanden = {b.x - a.x for a, b in zip(layout.stappen, layout.stappen[1:], strict=False)}
    assert afstanden == {KOLOM_BREEDTE}
    assert {p.breedte for p in layout.stappen} == {layout.stappen[0].breedte}


def test_a_step_lies_inside_its_lane():
    layout = swimlane_layout([stap(1, "A"), stap(2, "B"), stap(3, "C")])
    for p in layout.stappen:
        baan = layout.banen[p.baan]
        assert baan.y < p.y and p.y + p.hoogte < baan.y + baan.hoogte


def test_arrows_run_from_start_through_every_step_to_the_end_then_the_branches():
    stappen = [
        stap(1, "A"),
        stap(2, "B", StapSoort.BESLISSING, vertakking_naar_id=1, vertakking_label="nee"),
        stap(3, "A"),
    ]
    layout = swimlane_layout(stappen)
    assert [(p.van, p.naar, p.vertakking) for p in layout.pijlen] == [
        (START, 0, False),
        (0, 1, False),
        (1, 2, False),
        (2, EINDE, False),
        (1, 0, True),
    ]
    assert layout.pijlen[-1].label == "nee"


def test_arrows_are_straight_or_bend_at_right_angles():
    stappen = [
        stap(
            i,
            ["A", "B", "C"][i % 3],
            StapSoort.BESLISSING if i % 4 == 0 else StapSoort.ACTIE,
            vertakking_naar_id=max(1, i - 3) if i % 4 == 0 else None,
        )
        for i in range(1, 13)
    ]
    for pijl in swimlane_layout(stappen).pijlen:
        for (x1, y1), (x2, y2) in zip(pijl.punten, pijl.punten[1:], strict=False):
            assert x1 == x2 or y1 == y2, pijl


def _snijdt(a, b, vak) -> bool:
    """Does the axis-parallel segment a–b pass through the inside of box vak?"""
    x, y, breedte, hoogte = vak
    (x1, y1), (x2, y2) = a, b
    if y1 == y2:
        return y < y1 < y + hoogte and min(x1, x2) < x + breedte and max(x1, x2) > x
    return x < x1 < x + breedte and min(y1, y2) < y + hoogte and max(y1, y2) > y


@pytest.mark.parametrize("aantal", [12, 60])
def test_no_arrow_crosses_a_shape_it_does_not_start_or_end_at(aantal):
    def tak(i: int) -> int | None:
        if i % 3:
            return None
        return i + 4 if i % 2 and i + 4 <= aantal else i - 2

    stappen = [
        stap(
            i,
            f"Baan {(i * 5) % 8}",
            StapSoort.BESLISSING if i % 3 == 0 else StapSoort.ACTIE,
            vertakking_naar_id=tak(i),
        )
        for i in range(1, aantal + 1)
    ]
    layout = swimlane_layout(stappen)
    assert sum(p.vertakking for p in layout.pijlen) > aantal // 10
    for pijl in layout.pijlen:
        for index, positie in enumerate(layout.stappen):
            if index in (pijl.van, pijl.naar):
                continue
            vak = (positie.x, positie.y, positie.breedte, positie.hoogte)
            for a, b in zip(pijl.punten, pijl.punten[1:], strict=False):
                assert not _snijdt(a, b, vak), (pijl, index)


def test_a_branch_to_a_step_that_is_not_in_the_list_is_left_out():
    layout = swimlane_layout([stap(1, "A", StapSoort.BESLISSING, vertakking_naar_id=99), stap(2, "A")])
    assert not any(p.vertakking for p in layout.pijlen)


def test_sixty_steps_in_eight_lanes_keep_their_size():
    stappen = [stap(i, f"Baan {i % 8}") for i in range(60)]
    layout = swimlane_layout(stappen)
    assert len(layout.banen) == 8
    assert layout.breedte >= 60 * KOLOM_BREEDTE
    assert layout.diagram_hoogte >= 8 * BAAN_HOOGTE


# --- text -------------------------------------------------------------------------------------------


def test_text_wraps_at_words_into_at_most_three_lines_with_an_ellipsis():
    assert tekst_afbreken("Aanvraag registreren in het zaaksysteem", 18) == [
        "Aanvraag",
        "registreren in het",
        "zaaksysteem",
    ]
    regels = tekst_afbreken("een twee drie vier vijf zes zeven acht negen tien elf twaalf", 10)
    assert len(regels) == 3 and regels[-1].endswith("…")
    assert all(len(r) <= 10 for r in regels)


def test_a_word_longer_than_a_line_is_cut():
    regels = tekst_afbreken("Omgevingsvergunningaanvraagformulier", 12)
    assert all(len(r) <= 12 for r in regels)
    assert "".join(r.rstrip("-…") for r in regels).startswith("Omgevingsver")


# --- the SVG ----------------------------------------------------------------------------------------


def test_the_svg_is_an_accessible_image_with_title_and_description():
    with translation.override("en"):
        svg = tekenen(
            [stap(1, "KCC"), stap(2, "Jurist", lean=Lean.VERSPILLING, verspilling=Verspilling.FOUTEN)],
            naam="Omgevingsvergunning",
        )
    assert svg.get("role") == "img"
    titel = svg.find(f"{SVG}title")
    beschrijving = svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == f"{titel.get('id')} {beschrijving.get('id')}"
    assert "Omgevingsvergunning" in titel.text
    assert beschrijving.text == "Swimlane diagram of Omgevingsvergunning: 2 steps in 2 lanes, 1 waste step."


def test_the_svg_has_a_size_and_a_viewbox_and_no_style_attributes():
    svg = tekenen([stap(i, f"B{i % 3}") for i in range(10)])
    assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
    assert all("style" not in e.attrib for e in svg.iter()), "the CSP forbids style attributes"
    assert not svg.findall(f".//{SVG}foreignObject") and not svg.findall(f".//{SVG}style")
    assert svg.get("font-family")


def test_each_step_is_a_group_with_a_title_saying_what_it_is():
    with translation.override("en"):
        svg = tekenen(
            [
                stap(1, "KCC", lean=Lean.WAARDE),
                stap(
                    2,
                    "Vergunningen",
                    StapSoort.WACHTEN,
                    lean=Lean.VERSPILLING,
                    verspilling=Verspilling.WACHTEN,
                    bewerkingstijd=Decimal("1.50"),
                    bewerkingstijd_eenheid="uur",
                ),
            ]
        )
    groepen = [g for g in svg.iter(f"{SVG}g") if g.get("data-stap")]
    assert len(groepen) == 2
    titel = groepen[1].find(f"{SVG}title").text
    for deel in (
        "2. Stap 2",
        "Vergunningen",
        "Wait",
        "1.5 hours",
        "2 working days",
        "Waste",
        "Unnecessary waiting",
    ):
        assert deel in titel, deel


def test_waste_is_marked_by_more_than_colour_and_value_adding_subtly():
    svg = tekenen(
        [
            stap(1, "A", lean=Lean.VERSPILLING, verspilling=Verspilling.FOUTEN),
            stap(2, "A", lean=Lean.WAARDE),
            stap(3, "A"),
        ]
    )
    verspilling, waarde, nodig = [g for g in svg.iter(f"{SVG}g") if g.get("data-stap")]
    assert "V" in [t.text for t in verspilling.iter(f"{SVG}text")]
    assert "V" not in [t.text for t in waarde.iter(f"{SVG}text")]
    assert "swimlane-verspilling" in verspilling.get("class")
    assert "swimlane-waarde" in waarde.get("class")
    assert "swimlane-nodig" in nodig.get("class")


@pytest.mark.parametrize(
    ("soort", "vorm"),
    [
        (StapSoort.ACTIE, "rect"),
        (StapSoort.BESLISSING, "polygon"),
        (StapSoort.WACHTEN, "path"),
        (StapSoort.OVERDRACHT, "polygon"),
    ],
)
def test_each_kind_has_its_own_shape(soort, vorm):
    svg = tekenen([stap(1, "A", soort)])
    groep = next(g for g in svg.iter(f"{SVG}g") if g.get("data-stap"))
    eerste = [e for e in groep if e.tag != f"{SVG}title"][0]
    assert eerste.tag == f"{SVG}{vorm}"
    if soort == StapSoort.BESLISSING:
        assert len(eerste.get("points").split()) == 4  # a diamond
    if soort == StapSoort.OVERDRACHT:
        assert len(eerste.get("points").split()) == 5  # an arrow-shaped box


def test_names_are_escaped_and_wrapped_inside_the_shape():
    naam = '<script>alert("x")</script> & een heel lange naam die niet op drie regels past want hij gaat door'
    svg_tekst = str(swimlane_svg(versie=versie("<b>Proces</b>"), stappen=[stap(1, "<KCC>", naam=naam)]))
    assert "<script>" not in svg_tekst and "<b>" not in svg_tekst and "<KCC>" not in svg_tekst
    svg = fromstring(svg_tekst)
    groep = next(g for g in svg.iter(f"{SVG}g") if g.get("data-stap"))
    naamtekst = [t for t in groep.iter(f"{SVG}text") if t.findall(f"{SVG}tspan")][0]
    regels = [t.text for t in naamtekst.findall(f"{SVG}tspan")]
    assert len(regels) == 3 and regels[-1].endswith("…")
    assert regels[0].startswith("<script>alert(")  # the text itself, shown as text


def test_branches_are_drawn_with_their_label():
    svg = tekenen(
        [
            stap(1, "A"),
            stap(2, "A", StapSoort.BESLISSING, vertakking_naar_id=1, vertakking_label="onvolledig"),
            stap(3, "B"),
        ]
    )
    assert "onvolledig" in [t.text for t in svg.iter(f"{SVG}text")]
    assert any(p.get("stroke-dasharray") for p in svg.iter(f"{SVG}polyline"))


def test_the_legend_explains_shapes_and_marks():
    with translation.override("en"):
        svg = tekenen([stap(1, "A")])
    legenda = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "swimlane-legenda")
    teksten = {t.text for t in legenda.iter(f"{SVG}text")}
    assert {"Action", "Decision", "Wait", "Handover", "Value-adding", "Waste (V)", "Branch"} <= teksten


def test_numbers_are_written_the_dutch_way_in_dutch():
    with translation.override("nl"):
        svg = tekenen([stap(1, "A", bewerkingstijd=Decimal("2.50"), bewerkingstijd_eenheid="uur")])
    titel = next(g for g in svg.iter(f"{SVG}g") if g.get("data-stap")).find(f"{SVG}title").text
    assert "2,5" in titel


def test_a_version_without_steps_says_so():
    with translation.override("en"):
        svg = tekenen([])
    assert "no steps yet" in " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))


def test_ids_differ_per_version_so_two_diagrams_can_share_a_page():
    a = str(swimlane_svg(versie=SimpleNamespace(pk=1, naam="a"), stappen=[stap(1, "A")]))
    b = str(swimlane_svg(versie=SimpleNamespace(pk=2, naam="b"), stappen=[stap(1, "A")]))
    assert set(re.findall(r'id="([^"]+)"', a)).isdisjoint(re.findall(r'id="([^"]+)"', b))


# --- with the database --------------------------------------------------------------------------------


def test_it_fetches_the_steps_itself_in_two_queries_at_most(db, django_assert_max_num_queries):
    versie = ProcesVersieFactory()
    voorbeeldproces(versie)
    with django_assert_max_num_queries(1):
        svg = fromstring(str(swimlane_svg(versie=versie)))
    assert len([g for g in svg.iter(f"{SVG}g") if g.get("data-stap")]) == 8


def test_sixty_steps_from_the_database_draw_without_queries_when_given(db, django_assert_num_queries):
    versie = ProcesVersieFactory()
    groot_proces(versie, 60)
    stappen = list(versie.stappen.all())
    with django_assert_num_queries(0):
        svg = swimlane_svg(versie=versie, stappen=stappen)
    assert str(svg).count('data-stap="') == 60


def test_weasyprint_draws_it_in_a_pdf(db):
    from wasstraat.pdf import html_naar_pdf

    versie = ProcesVersieFactory()
    voorbeeldproces(versie)
    svg = swimlane_svg(versie=versie)
    pdf = html_naar_pdf(html=f'<html lang="nl"><head><title>Proces</title></head><body>{svg}</body></html>')
    assert pdf.startswith(b"%PDF")


def test_an_actor_written_with_other_capitals_or_spaces_is_the_same_lane():
    layout = swimlane_layout([stap(1, "Team Vergunningen"), stap(2, " team  vergunningen "), stap(3, "KCC")])
    assert [b.naam for b in layout.banen] == ["Team Vergunningen", "KCC"]
    assert [p.baan for p in layout.stappen] == [0, 0, 1]
