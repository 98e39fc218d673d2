"""The shared SVG helpers: numbers and dates in the user's language, escaping, and the builder."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from wasstraat.svg import Svg, afbreken, coordinaat, datum, getal, met_eenheid, schaalverdeling


@pytest.mark.parametrize(
    ("waarde", "nl", "en"),
    [
        (Decimal("42.50"), "42,5", "42.5"),
        (Decimal("56.00"), "56", "56"),
        (Decimal("100"), "100", "100"),
        (Decimal("0.05"), "0,05", "0.05"),
        (6.4, "6,4", "6.4"),
        (0.1 + 0.2, "0,3", "0.3"),
        (Decimal("-12.5"), "-12,5", "-12.5"),
        (Decimal("2.123456"), "2,1235", "2.1235"),
        (7, "7", "7"),
    ],
)
def test_a_number_is_written_as_the_language_writes_it(waarde, nl, en):
    with translation.override("nl"):
        assert getal(waarde) == nl
    with translation.override("en"):
        assert getal(waarde) == en


def test_a_number_with_fixed_decimals_is_rounded_not_cut_off():
    with translation.override("nl"):
        assert getal(Decimal("2.96"), 1) == "3,0"
        assert getal(2.5, 0) in ("2", "3")  # banker's or half-up: never "2,5"


def test_a_value_with_its_unit():
    with translation.override("nl"):
        assert met_eenheid(Decimal("56.00"), "dagen") == "56\xa0dagen"
        assert met_eenheid(Decimal("71.5"), "%") == "71,5%"
        assert met_eenheid(Decimal("6.4"), "") == "6,4"


def test_a_date_in_dutch():
    with translation.override("nl"):
        assert datum(dt.date(2026, 10, 1)) == "1 oktober 2026"
        assert datum(dt.date(2026, 3, 1), "N Y") == "mrt 2026"


def test_coordinates_always_use_a_point():
    with translation.override("nl"):
        assert coordinaat(12.3456) == "12.35"
        assert coordinaat(10.0) == "10"
        assert coordinaat(-0.001) == "0"


@pytest.mark.parametrize(
    ("laag", "hoog", "verwacht"),
    [
        (20, 42, [20, 25, 30, 35, 40, 45]),
        (6.4, 7.5, [6.25, 6.5, 6.75, 7.0, 7.25, 7.5]),
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (5, 5, [4, 4.5, 5, 5.5, 6]),
    ],
)
def test_the_scale_has_round_ticks_covering_the_range(laag, hoog, verwacht):
    assert schaalverdeling(laag, hoog) == pytest.approx(verwacht)


def test_long_labels_are_wrapped_and_cut_with_an_ellipsis():
    assert afbreken("Aanvraag controleren op volledigheid", 15) == [
        "Aanvraag",
        "controleren op",
        "volledigheid",
    ]
    assert afbreken("Aanvraag controleren op volledigheid", 15, max_regels=2) == [
        "Aanvraag",
        "controleren op…",
    ]


def test_the_builder_writes_an_accessible_svg_and_escapes_everything():
    svg = Svg(100, 50, titel="A & B", beschrijving='"<desc>"', ident="x1", class_="w-100")
    svg.lijn(0, 0, 100, 50, stroke="#000", stroke_width=1.5)
    with svg.groep(aria_hidden="true"):
        svg.tekst(5, 10, ["één", "<twee>"], font_size=12)
    svg.cirkel(10, 10, 3, titel="punt & komma")
    boom = ET.fromstring(str(svg.render()))  # noqa: S314  our own markup
    assert boom.get("viewBox") == "0 0 100 50" and boom.get("class") == "w-100"
    assert boom.get("aria-labelledby") == "x1-titel x1-beschrijving"
    ns = "{http://www.w3.org/2000/svg}"
    assert boom.find(f"{ns}title").text == "A & B"
    assert boom.find(f"{ns}desc").text == '"<desc>"'
    assert boom.find(f"{ns}line").get("stroke-width") == "1.5"
    assert [t.text for t in boom.iter(f"{ns}tspan")] == ["één", "<twee>"]
    assert boom.find(f".//{ns}circle/{ns}title").text == "punt & komma"


def test_the_builder_refuses_style_attributes():
    svg = Svg(10, 10, titel="t", ident="s")
    with pytest.raises(ValueError, match="Content Security Policy"):
        svg.rechthoek(0, 0, 10, 10, style="fill: red")
