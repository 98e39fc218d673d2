"""The experience curve ("heartbeat") of the customer journey: what the SVG draws, read back with xml.etree.

Built from unsaved `Fase` and `Contactmoment` objects (pk and fase_id set by hand), so most of these
tests need no database. Wording is checked in English (the source language), so the Dutch translation
cannot break them.
"""

from __future__ import annotations

import random
import re
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import translation

from klantreis.choices import Beleving, Kanaal, Reis
from klantreis.curve import (
    KLEUR_GEWENST,
    KLEUR_HUIDIG_STANDAARD,
    contrast,
    curve_samenvatting,
    curve_svg,
    curve_tabel,
)
from klantreis.models import Contactmoment, Fase
from wasstraat.svg import tekstbreedte

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _engels():
    with translation.override("en"):
        yield


def fase(pk: int, naam: str) -> Fase:
    return Fase(pk=pk, naam=naam, volgorde=pk)


def moment(
    pk: int,
    fase_id: int,
    beleving: int,
    *,
    reis: str = Reis.HUIDIG,
    titel: str | None = None,
    waarheid: bool = False,
    volgorde: int | None = None,
    kanaal: str = Kanaal.WEBSITE,
) -> Contactmoment:
    return Contactmoment(
        pk=pk,
        fase_id=fase_id,
        reis=reis,
        volgorde=pk if volgorde is None else volgorde,
        titel=titel or f"Moment {pk}",
        kanaal=kanaal,
        beleving=beleving,
        moment_van_waarheid=waarheid,
    )


FASEN = [fase(1, "Oriënteren"), fase(2, "Aanvragen"), fase(3, "Wachten"), fase(4, "Besluit ontvangen")]
MOMENTEN = [
    moment(1, 1, 0),
    moment(2, 1, -1, kanaal=Kanaal.TELEFOON),
    moment(3, 2, -2, waarheid=True, titel="Levert bijlagen na", kanaal=Kanaal.EMAIL),
    moment(4, 3, -2),
    moment(5, 4, 1, waarheid=True, titel="Ontvangt de brief", kanaal=Kanaal.BRIEF),
    moment(11, 1, 1, reis=Reis.GEWENST),
    moment(12, 2, 1, reis=Reis.GEWENST, waarheid=True, titel="Vraagt in één keer aan"),
    moment(13, 4, 2, reis=Reis.GEWENST),  # no desired contact moment while waiting (phase 3)
]


def tekenen(fasen=FASEN, momenten=MOMENTEN, **kwargs) -> Element:
    return fromstring(str(curve_svg(fasen, momenten, **kwargs)))


def punten(svg: Element, soort: str | None = None) -> list[Element]:
    klasse = "punt" if soort is None else f"punt-{soort}"
    return [e for e in svg.iter() if klasse in (e.get("class") or "").split()]


def lijnen(svg: Element) -> list[Element]:
    return list(svg.iter(f"{NS}polyline"))


def alle_tekst(element: Element) -> str:
    return " ".join(" ".join(t.itertext()) for t in element.iter(f"{NS}text"))


def midden(element: Element) -> tuple[float, float]:
    """The centre of a point's marker, whatever its shape."""
    if element.tag == f"{NS}circle":
        return float(element.get("cx")), float(element.get("cy"))
    if element.tag == f"{NS}rect":
        return (
            float(element.get("x")) + float(element.get("width")) / 2,
            float(element.get("y")) + float(element.get("height")) / 2,
        )
    hoeken = [tuple(map(float, p.split(","))) for p in element.get("points").split()]
    return sum(x for x, _ in hoeken) / len(hoeken), sum(y for _, y in hoeken) / len(hoeken)


# --- structure ------------------------------------------------------------------------------------


def test_every_contact_moment_is_a_point_of_its_journey():
    svg = tekenen()
    assert len(punten(svg)) == len(MOMENTEN)
    assert len(punten(svg, "huidig")) == 5
    assert len(punten(svg, "gewenst")) == 3


def test_the_current_journey_is_solid_with_round_points_and_the_desired_dashed_with_squares():
    svg = tekenen()
    (huidig,) = [lijn for lijn in lijnen(svg) if lijn.get("stroke") == _kleur_huidig(svg)]
    (gewenst,) = [lijn for lijn in lijnen(svg) if lijn.get("stroke") == KLEUR_GEWENST]
    assert huidig.get("stroke-dasharray") is None
    assert gewenst.get("stroke-dasharray")
    gewone = [p for p in punten(svg) if "moment-van-waarheid" not in p.get("class")]
    assert {p.tag for p in gewone if "punt-huidig" in p.get("class")} == {f"{NS}circle"}
    assert {p.tag for p in gewone if "punt-gewenst" in p.get("class")} == {f"{NS}rect"}


def _kleur_huidig(svg: Element) -> str:
    """The current journey's colour: the fill of its round points."""
    return next(p for p in punten(svg, "huidig") if p.tag == f"{NS}circle").get("fill")


def test_each_line_connects_its_points_and_crosses_a_phase_without_contact_moments():
    svg = tekenen()
    aantallen = sorted(len(lijn.get("points").split()) for lijn in lijnen(svg))
    assert aantallen == [3, 5]  # the desired line runs on over "Wachten", where it has no point


def test_moments_of_truth_are_numbered_stars_listed_under_the_chart():
    svg = tekenen()
    sterren = [p for p in punten(svg) if "moment-van-waarheid" in p.get("class")]
    assert len(sterren) == 3
    assert {s.tag for s in sterren} == {f"{NS}polygon"}
    assert all(len(s.get("points").split()) == 10 for s in sterren)
    nummers = [t.text for t in svg.iter(f"{NS}text") if t.get("class") == "nummer"]
    assert sorted(nummers) == ["1", "2", "3"]
    tekst = alle_tekst(svg)
    # numbered from left to right, current before desired within a phase
    assert "1 Levert bijlagen na (current journey)" in tekst
    assert "2 Vraagt in één keer aan (desired journey)" in tekst
    assert "3 Ontvangt de brief (current journey)" in tekst


def test_the_legend_explains_lines_markers_and_the_star():
    svg = tekenen()
    (legenda,) = [g for g in svg.iter(f"{NS}g") if g.get("class") == "legenda"]
    tekst = alle_tekst(legenda)
    assert "Current journey" in tekst
    assert "Desired journey" in tekst
    assert "Moment of truth" in tekst
    assert any(lijn.get("stroke-dasharray") for lijn in legenda.iter(f"{NS}line"))
    assert legenda.find(f"{NS}polygon") is not None  # the star


def test_every_point_has_a_tooltip_with_moment_channel_and_experience():
    svg = tekenen()
    tips = {p.find(f"{NS}title").text for p in punten(svg)}
    assert "Moment 2 — current journey, Oriënteren: Telephone, Negative (−1)" in tips
    assert (
        "Levert bijlagen na — current journey, Aanvragen: E-mail, Very negative (−2) — moment of truth 1"
        in tips
    )


def test_phases_are_bands_with_their_names_and_the_experience_axis_is_labelled():
    svg = tekenen()
    tekst = alle_tekst(svg)
    for f in FASEN:
        assert f.naam in tekst
    for beleving in Beleving:
        assert str(beleving.label) in tekst
    nullijn = [
        lijn
        for lijn in svg.iter(f"{NS}line")
        if lijn.get("stroke-width") == "1.5" and lijn.get("y1") == lijn.get("y2")
    ]
    assert len(nullijn) == 1  # the neutral line stands out


def test_a_long_phase_name_is_wrapped_and_cut_off_with_an_ellipsis():
    lang = fase(1, "Wachten op het besluit van de gemeente over de aanvraag van de vergunning " * 2)
    svg = tekenen([lang, *FASEN[1:]], MOMENTEN)
    regels = [
        [ts.text for ts in t.iter(f"{NS}tspan")]
        for t in svg.iter(f"{NS}text")
        if any("Wachten op" in (ts.text or "") for ts in t.iter(f"{NS}tspan"))
    ]
    assert len(regels) == 1
    assert len(regels[0]) == 2
    assert regels[0][-1].endswith("…")


def test_a_name_wider_than_its_band_is_cut_off_not_broken_inside_a_word():
    svg = tekenen([fase(i, "Oriënteren") for i in range(1, 9)], [moment(1, 1, 0)], breedte=420)
    namen = [
        [ts.text for ts in t.iter(f"{NS}tspan")]
        for t in svg.iter(f"{NS}text")
        if any((ts.text or "").startswith("Ori") for ts in t.iter(f"{NS}tspan"))
    ]
    assert len(namen) == 8
    assert all(len(regels) == 1 and regels[0].endswith("…") for regels in namen)


# --- geometry -------------------------------------------------------------------------------------


def test_higher_experience_is_drawn_higher():
    svg = tekenen(FASEN[:1], [moment(1, 1, -2), moment(2, 1, 0), moment(3, 1, 2)])
    hoogtes = [midden(p)[1] for p in punten(svg)]
    assert hoogtes[0] > hoogtes[1] > hoogtes[2]


def test_the_moments_of_a_phase_spread_evenly_in_their_order():
    momenten = [moment(1, 2, 0, volgorde=3), moment(2, 2, 0, volgorde=1), moment(3, 2, 0, volgorde=2)]
    svg = tekenen(FASEN[:3], momenten)
    tips = [(midden(p)[0], p.find(f"{NS}title").text.split(" — ")[0]) for p in punten(svg)]
    xs = [x for x, _ in tips]
    assert [titel for _, titel in sorted(tips)] == ["Moment 2", "Moment 3", "Moment 1"]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1], abs=0.02)
    banden = [
        r
        for r in svg.iter(f"{NS}rect")
        if r.find(f"{NS}title") is not None and ":" in r.find(f"{NS}title").text
    ]
    links = float(banden[1].get("x"))
    rechts = links + float(banden[1].get("width"))
    assert all(links < x < rechts for x in xs)  # all three inside the band of "Aanvragen"


def test_contact_moments_of_other_phases_are_left_out():
    svg = tekenen(FASEN[:2], MOMENTEN)
    assert len(punten(svg)) == 5  # phases 1 and 2 only


# --- accessibility, escaping, determinism ---------------------------------------------------------


def test_it_is_an_image_with_a_title_and_a_summary():
    svg = tekenen(titel="Heartbeat")
    assert svg.get("role") == "img"
    titel_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{NS}title").get("id") == titel_id
    assert svg.find(f"{NS}title").text == "Heartbeat"
    desc = svg.find(f"{NS}desc")
    assert desc.get("id") == desc_id
    assert "lowest point “Levert bijlagen na” in Aanvragen, very negative (−2)" in desc.text
    assert "3 moments of truth" in desc.text


def test_the_summary_says_when_a_journey_has_no_contact_moments_yet():
    tekst = curve_samenvatting(FASEN, [m for m in MOMENTEN if m.reis == Reis.HUIDIG])
    assert "Desired journey: no contact moments yet." in tekst


def test_text_is_escaped():
    fasen = [fase(1, "<script>alert('x')</script>"), fase(2, 'A & B "C"')]
    momenten = [moment(1, 1, 0, titel="<b>vet</b> & zo"), moment(2, 2, 1, waarheid=True, titel="</svg>")]
    markup = str(curve_svg(fasen, momenten))
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    assert "<b>" not in markup
    svg = fromstring(markup)  # still well-formed
    assert "<script>alert('x')</script>" in alle_tekst(svg)


def test_no_style_attributes_for_the_content_security_policy():
    markup = str(curve_svg(FASEN, MOMENTEN))
    assert not re.search(r"\sstyle=", markup)


def test_the_same_input_gives_the_same_bytes_in_any_order():
    eerste = str(curve_svg(FASEN, MOMENTEN))
    door_elkaar = MOMENTEN[:]
    random.Random(4).shuffle(door_elkaar)
    assert str(curve_svg(FASEN, door_elkaar)) == eerste
    assert str(curve_svg(list(FASEN), list(MOMENTEN))) == eerste


def test_empty_input_draws_a_small_note():
    for fasen, momenten in (([], []), (FASEN, []), ([], MOMENTEN)):
        svg = tekenen(fasen, momenten)
        assert svg.get("role") == "img"
        assert float(svg.get("height")) < 100
        assert "Nothing to draw yet" in alle_tekst(svg)
        assert "Nothing to draw yet" in svg.find(f"{NS}desc").text
        assert not punten(svg)


def test_the_colours_have_enough_contrast_and_a_pale_house_colour_is_not_used(settings):
    assert contrast(KLEUR_HUIDIG_STANDAARD, "#ffffff") >= 3
    assert contrast(KLEUR_GEWENST, "#ffffff") >= 3
    settings.GEMEENTE_KLEUR = "#0b5394"
    assert _kleur_huidig(tekenen()) == "#0b5394"
    settings.GEMEENTE_KLEUR = "#ffd43b"  # 1.5:1 on white
    assert _kleur_huidig(tekenen()) == KLEUR_HUIDIG_STANDAARD


def _voetnoot(svg: Element) -> list[Element]:
    (groep,) = [g for g in svg.iter(f"{NS}g") if g.get("class") == "voetnoot"]
    return list(groep.iter(f"{NS}text"))


def test_every_moment_of_truth_is_listed_in_full_and_the_drawing_grows_to_hold_them():
    fasen = [fase(i, f"Fase {i}") for i in range(1, 11)]
    momenten = [
        moment(i, 1 + i % 10, i % 5 - 2, waarheid=True, titel=f"Een lang moment {i}") for i in range(40)
    ]
    svg = tekenen(fasen, momenten)
    regels = [t.text for t in _voetnoot(svg)]
    tekst = " · ".join(regels)
    for nummer in range(1, 41):
        patroon = rf"(^|[ ·]){nummer} Een lang moment \d+ \((current|desired) journey\)"
        assert re.search(patroon, tekst), nummer
    assert "…" not in tekst
    hoogte = float(svg.get("height"))
    assert hoogte > 320 and svg.get("viewBox") == f"0 0 900 {svg.get('height')}"
    laatste_y = max(float(t.get("y")) for t in _voetnoot(svg))
    assert laatste_y < hoogte  # inside the drawing, not cut off at its edge
    assert svg.find(f"{NS}rect").get("height") == svg.get("height")  # the white background too


def test_the_list_of_moments_of_truth_is_at_least_12_pixels_and_fits_the_width():
    lang = "Ontvangt na drie weken eindelijk de ontvangstbevestiging met de naam van de behandelaar erin"
    momenten = [*MOMENTEN, moment(6, 3, -1, waarheid=True, titel=lang)]
    for breedte in (900, 760):
        svg = tekenen(momenten=momenten, breedte=breedte)
        (groep,) = [g for g in svg.iter(f"{NS}g") if g.get("class") == "voetnoot"]
        assert float(groep.get("font-size")) >= 12
        regels = [t.text for t in _voetnoot(svg)]
        assert all(tekstbreedte(r, float(groep.get("font-size"))) <= breedte - 24 for r in regels)
        # a title too long for the rest of a line goes on at a word boundary, never cut inside a word
        assert " ".join(" ".join(regels).split()).count(lang) == 1, regels
        assert "…" not in " ".join(regels)


def test_the_numbers_beside_the_stars_are_as_large_as_the_legend():
    svg = tekenen()
    nummers = [t for t in svg.iter(f"{NS}text") if t.get("class") == "nummer"]
    assert nummers and all(float(t.get("font-size")) >= 12 for t in nummers)


def test_without_moments_of_truth_the_drawing_keeps_its_size():
    svg = tekenen(momenten=[m for m in MOMENTEN if not m.moment_van_waarheid])
    assert float(svg.get("height")) == 320
    assert not _voetnoot(svg)


# --- the table ------------------------------------------------------------------------------------


def test_the_table_has_a_row_per_phase_with_the_moments_and_averages():
    rijen = curve_tabel(FASEN, MOMENTEN)
    assert [r["fase"] for r in rijen] == [f.naam for f in FASEN]
    oriënteren, aanvragen, wachten, _besluit = rijen
    assert [m.pk for m in oriënteren["huidig"]] == [1, 2]
    assert oriënteren["gemiddeld_huidig"] == pytest.approx(-0.5)
    assert oriënteren["gemiddeld_gewenst"] == pytest.approx(1.0)
    assert [m.pk for m in aanvragen["gewenst"]] == [12]
    assert wachten["gewenst"] == []
    assert wachten["gemiddeld_gewenst"] is None


def test_the_table_of_no_phases_is_empty():
    assert curve_tabel([], MOMENTEN) == []


# --- saved objects --------------------------------------------------------------------------------


def test_saved_phases_and_moments_draw_without_queries(db, django_assert_num_queries):
    from tests.klantreis.factories import ContactmomentFactory, FaseFactory, KlantreisFactory

    reis = KlantreisFactory()
    fasen = [FaseFactory(klantreis=reis, naam=f"Fase {i}") for i in range(10)]
    for f in fasen:
        for i in range(8):
            ContactmomentFactory(
                fase=f, reis=Reis.HUIDIG if i < 5 else Reis.GEWENST, moment_van_waarheid=i == 0
            )
    fasen = list(reis.fasen.all())
    momenten = list(Contactmoment.objects.filter(fase__klantreis=reis))
    with django_assert_num_queries(0):
        svg = fromstring(str(curve_svg(fasen, momenten)))
        rijen = curve_tabel(fasen, momenten)
    assert len(punten(svg)) == 80
    assert len(rijen) == 10
