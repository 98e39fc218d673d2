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
    LABEL_KOLOM,
    MIN_LETTER,
    PER_RIJ,
    START,
    TEKSTBREEDTE,
    swimlane_layout,
    swimlane_rijen,
    swimlane_svg,
    tekst_afbreken,
    tekst_passend,
    tekstbreedte,
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


def test_a_word_longer_than_a_line_ends_in_an_ellipsis_and_is_never_broken_inside():
    assert tekst_afbreken("Omgevingsvergunningaanvraagformulier", 12) == ["Omgevingsve…"]
    regels = tekst_afbreken("De Omgevingsvergunningaanvraag indienen", 12)
    assert regels == ["De", "Omgevingsve…", "indienen"]
    assert not any(r.endswith("-") for r in regels)


def test_a_name_with_a_long_word_is_drawn_smaller_rather_than_broken():
    regels, grootte = tekst_passend("Ontvangstbevestiging versturen", TEKSTBREEDTE[StapSoort.ACTIE])
    assert regels == ["Ontvangstbevestiging", "versturen"]
    assert MIN_LETTER <= grootte < 11
    assert tekstbreedte("Ontvangstbevestiging", grootte) <= TEKSTBREEDTE[StapSoort.ACTIE]
    regels, grootte = tekst_passend("Aanvraag registreren", TEKSTBREEDTE[StapSoort.ACTIE])
    assert (regels, grootte) == (["Aanvraag", "registreren"], 11)  # short words keep the normal size


def test_a_word_too_long_even_at_the_smallest_size_ends_in_an_ellipsis():
    naam = "Omgevingsvergunningaanvraagformulierverwerkingsprocedure"
    regels, grootte = tekst_passend(naam, TEKSTBREEDTE[StapSoort.BESLISSING])
    assert grootte == MIN_LETTER
    assert len(regels) == 1 and regels[0].endswith("…") and naam.startswith(regels[0][:-1])
    assert tekstbreedte(regels[0], grootte) <= TEKSTBREEDTE[StapSoort.BESLISSING]


@pytest.mark.parametrize("soort", list(TEKSTBREEDTE))
def test_every_line_of_a_name_fits_its_shape(soort):
    naam = "Welstandsadvies aanvragen bij de commissie ruimtelijke kwaliteit en wachten op antwoord"
    regels, grootte = tekst_passend(naam, TEKSTBREEDTE[soort])
    assert 1 <= len(regels) <= 3 and regels[-1].endswith("…")
    assert all(tekstbreedte(r, grootte) <= TEKSTBREEDTE[soort] for r in regels)
    woorden = naam.split()
    for regel in regels:  # whole words, or the start of one before an ellipsis
        for woord in regel.rstrip("…").split():
            assert woord in woorden or regel.endswith("…"), regel


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


def test_no_name_is_broken_inside_a_word_in_the_drawing():
    naam = "Ontvangstbevestiging versturen"
    svg = tekenen([stap(1, "Vergunningverlener", naam=naam), stap(2, "Klantcontactcentrum Publiekszaken")])
    groep = next(g for g in svg.iter(f"{SVG}g") if g.get("data-stap") == "1")
    regels = [t.text for t in groep.iter(f"{SVG}tspan")]
    assert regels == ["Ontvangstbevestiging", "versturen"]
    assert not any("-" in (t.text or "") for t in svg.iter(f"{SVG}tspan"))


def test_each_lane_is_named_with_its_number_of_steps_in_one_group():
    with translation.override("en"):
        svg = tekenen([stap(1, "KCC"), stap(2, "Jurist"), stap(3, "KCC"), stap(4, "KCC")])
    (banen,) = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "swimlane-banen"]
    teksten = " ".join(" ".join(t.itertext()) for t in banen.iter(f"{SVG}text"))
    assert "KCC" in teksten and "3 steps" in teksten
    assert "Jurist" in teksten and "1 step" in teksten
    assert all(float(r.get("width")) == LABEL_KOLOM for r in banen.iter(f"{SVG}rect"))


def test_the_svg_tells_the_page_where_the_lane_names_and_the_legend_are():
    svg = tekenen([stap(1, "A"), stap(2, "B")])
    assert float(svg.get("data-labelbreedte")) == LABEL_KOLOM
    layout = swimlane_layout([stap(1, "A"), stap(2, "B")])
    assert float(svg.get("data-diagramhoogte")) == layout.diagram_hoogte
    legenda = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "swimlane-legenda")
    assert min(float(t.get("y")) for t in legenda.iter(f"{SVG}text")) > layout.diagram_hoogte


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


# --- on paper: rows that fit a page ------------------------------------------------------------------

BANEN_12 = ["Aanvrager", "Vergunningverlener", "KCC", "Welstand", "Jurist"]


def twaalf_stappen() -> list[SimpleNamespace]:
    """The demo's twelve steps over five lanes; step 4 decides and branches to step 8."""
    actoren = [0, 1, 1, 1, 1, 0, 2, 1, 1, 3, 4, 1]
    stappen = [
        stap(i, BANEN_12[b], StapSoort.BESLISSING if i == 4 else StapSoort.ACTIE)
        for i, b in enumerate(actoren, start=1)
    ]
    stappen[2].naam = "Ontvangstbevestiging versturen"
    stappen[3].vertakking_naar_id, stappen[3].vertakking_label = 8, "compleet"
    return stappen


def rijen(stappen, per_rij: int = PER_RIJ) -> list[ET.Element]:
    return [fromstring(str(r)) for r in swimlane_rijen(versie=versie(), stappen=stappen, per_rij=per_rij)]


def test_lanes_given_beforehand_come_first_even_without_steps():
    layout = swimlane_layout([stap(1, "KCC")], actoren=["Aanvrager", "kcc", "Jurist"])
    assert [b.naam for b in layout.banen] == ["Aanvrager", "kcc", "Jurist"]
    assert [p.baan for p in layout.stappen] == [1]


def test_a_long_process_is_drawn_in_rows_with_every_lane_in_the_same_order():
    svgs = rijen(twaalf_stappen())
    assert len(svgs) == 3
    for svg in svgs:
        (banen,) = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "swimlane-banen"]
        namen = [
            t.find(f"{SVG}tspan").text for t in banen.iter(f"{SVG}text") if t.find(f"{SVG}tspan") is not None
        ]
        assert namen == BANEN_12
        assert float(svg.get("width")) <= 900  # on A4 the names stay about 6 pt
    nummers = [[g.get("data-stap") for g in svg.iter(f"{SVG}g") if g.get("data-stap")] for svg in svgs]
    assert nummers == [["1", "2", "3", "4"], ["5", "6", "7", "8"], ["9", "10", "11", "12"]]


def test_rows_are_joined_by_lettered_connections_and_the_legend_closes_the_last():
    eerste, tweede, derde = rijen(twaalf_stappen())

    def letters(svg) -> list[str]:
        return [t.text for t in svg.iter(f"{SVG}text") if t.get("font-size") == "12" and t.text in "ABC"]

    assert letters(eerste) == ["A"] and letters(tweede) == ["A", "B"] and letters(derde) == ["B"]
    legendas = [
        any(g.get("class") == "swimlane-legenda" for g in s.iter(f"{SVG}g")) for s in (eerste, tweede, derde)
    ]
    assert legendas == [False, False, True]
    ids = [e.get("id") for s in (eerste, tweede, derde) for e in s.iter() if e.get("id")]
    ids += [e.get("id") for e in tekenen(twaalf_stappen()).iter() if e.get("id")]
    assert len(ids) == len(set(ids))  # the rows and the screen's drawing can share a page


def test_a_branch_to_a_step_in_another_row_names_that_step():
    with translation.override("en"):
        eerste = rijen(twaalf_stappen())[0]
    teksten = [t.text for t in eerste.iter(f"{SVG}text")]
    assert "to step 8: compleet" in teksten


def test_a_short_process_is_one_drawing_on_paper_too():
    stappen = twaalf_stappen()[:PER_RIJ]
    (enige,) = swimlane_rijen(versie=versie(), stappen=stappen)
    scherm = str(swimlane_svg(versie=versie(), stappen=stappen))
    assert str(enige) == scherm.replace("swimlane-1-", "swimlane-1-afdruk-")
    assert set(re.findall(r'id="([^"]+)"', str(enige))).isdisjoint(re.findall(r'id="([^"]+)"', scherm))


def test_on_paper_the_rows_fit_the_width_of_an_a4_page(db, tmp_path):
    """The page's print style sheet scales each row to the page's width; pdftoppm shows nothing past it."""
    import shutil
    import subprocess

    from PIL import Image

    from wasstraat.pdf import html_naar_pdf

    if not shutil.which("pdftoppm"):
        pytest.skip("needs pdftoppm (poppler-utils)")
    inhoud = "".join(f'<div class="swimlane-afdruk-rij">{r}</div>' for r in swimlane_rijen(
        versie=versie(), stappen=twaalf_stappen()))  # fmt: skip
    html = (
        '<html lang="nl"><head><title>Proces</title><link rel="stylesheet" href="/static/css/wasstraat.css">'
        "<style>@page { size: A4; margin: 15mm }</style></head>"
        f'<body><div class="swimlane-afdruk">{inhoud}</div></body></html>'
    )
    pdf = tmp_path / "proces.pdf"
    pdf.write_bytes(html_naar_pdf(html=html))
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    paginas = sorted(tmp_path.glob("p*.png"))
    assert 1 <= len(paginas) <= 2
    for pad in paginas:
        beeld = Image.open(pad).convert("L")
        breedte = beeld.size[0]
        vak = beeld.point(lambda w: 255 if w < 250 else 0).getbbox()
        assert vak is not None
        marge = 15 / 210 * breedte
        assert vak[0] >= marge - 2 and vak[2] <= breedte - marge + 2, (pad.name, vak, breedte)
    from pypdf import PdfReader

    tekst = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Ontvangstbevestiging" in tekst and "Ontvangstbevest-" not in tekst
