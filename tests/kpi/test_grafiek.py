"""The KPI chart: valid SVG with a name and a summary, baseline and target lines, Dutch numbers and
dates, no style attributes, and sensible with no, one and many measurements."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from trajecten.choices import KpiRichting
from trajecten.grafieken import (
    KLEUR_METING,
    KLEUR_NULMETING,
    KLEUR_STREEF,
    KLEUR_STREEFDATUM,
    kpi_grafiek_svg,
    kpi_samenvatting,
)
from trajecten.models import Kpi, KpiMeting

NS = "{http://www.w3.org/2000/svg}"


def _kpi(**anders) -> Kpi:
    """An unsaved KPI: the chart needs no database."""
    velden = {
        "pk": 7,
        "naam": "Doorlooptijd",
        "definitie": "Kalenderdagen van ontvangst tot besluit.",
        "eenheid": "dagen",
        "richting": KpiRichting.LAGER_IS_BETER,
        "nulmeting": Decimal("42"),
        "nulmeting_datum": dt.date(2026, 1, 15),
        "streefwaarde": Decimal("20"),
        "streefdatum": None,
        **anders,
    }
    return Kpi(**velden)


def _metingen(*waarden: str, begin: dt.date = dt.date(2026, 2, 1)) -> list[KpiMeting]:
    return [
        KpiMeting(pk=i + 1, datum=begin + dt.timedelta(days=30 * i), waarde=Decimal(w))
        for i, w in enumerate(waarden)
    ]


def _boom(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314  our own markup


def _alle(boom: ET.Element, tag: str) -> list[ET.Element]:
    return list(boom.iter(f"{NS}{tag}"))


def _teksten(boom: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in _alle(boom, "text")]


def _lijnen(boom: ET.Element, kleur: str) -> list[ET.Element]:
    return [lijn for lijn in _alle(boom, "line") if lijn.get("stroke") == kleur]


@pytest.fixture
def nl():
    with translation.override("nl"):
        yield


def test_it_is_an_accessible_image_with_a_title_and_a_summary():
    metingen = _metingen("40", "36", "31", begin=dt.date(2026, 8, 1))
    svg = kpi_grafiek_svg(kpi=_kpi(), metingen=metingen)
    boom = _boom(svg)
    assert boom.tag == f"{NS}svg"
    assert boom.get("role") == "img"
    titel, beschrijving = boom.find(f"{NS}title"), boom.find(f"{NS}desc")
    assert boom.get("aria-labelledby").split() == [titel.get("id"), beschrijving.get("id")]
    assert titel.text == "Doorlooptijd"
    assert beschrijving.text == (
        "Doorlooptijd: baseline 42\xa0dagen, target 20\xa0dagen, "
        "latest measurement 31\xa0dagen on 30 September 2026."
    )


def test_the_summary_names_the_target_date_and_a_reached_target():
    kpi = _kpi(streefdatum=dt.date(2026, 12, 31))
    tekst = kpi_samenvatting(kpi=kpi, metingen=_metingen("19"))
    assert tekst == (
        "Doorlooptijd: baseline 42\xa0dagen, target 20\xa0dagen by 31 December 2026, "
        "latest measurement 19\xa0dagen on 1 February 2026, target reached."
    )


def test_it_draws_a_dashed_baseline_and_a_target_line_with_their_labels():
    boom = _boom(kpi_grafiek_svg(kpi=_kpi(), metingen=_metingen("40", "35")))
    nul, streef = _lijnen(boom, KLEUR_NULMETING), _lijnen(boom, KLEUR_STREEF)
    assert len(nul) == 1 and nul[0].get("stroke-dasharray") == "6 4"
    assert len(streef) == 1 and streef[0].get("stroke-dasharray")
    assert nul[0].get("y1") == nul[0].get("y2") and streef[0].get("y1") == streef[0].get("y2")
    # lower is better: the target (20) is drawn below the baseline (42), i.e. with a larger y
    assert float(streef[0].get("y1")) > float(nul[0].get("y1"))
    teksten = _teksten(boom)
    assert "Baseline: 42\xa0dagen" in teksten
    assert "Target: 20\xa0dagen" in teksten


def test_numbers_and_dates_are_written_the_dutch_way(nl):
    kpi = _kpi(
        naam="Klanttevredenheid",
        eenheid="rapportcijfer",
        richting=KpiRichting.HOGER_IS_BETER,
        nulmeting=Decimal("6.40"),
        streefwaarde=Decimal("7.5"),
    )
    svg = str(kpi_grafiek_svg(kpi=kpi, metingen=_metingen("6.6", "6.85", begin=dt.date(2026, 10, 1))))
    boom = _boom(svg)
    teksten = _teksten(boom)
    assert any(t.endswith(" 6,4\xa0rapportcijfer") for t in teksten), teksten  # the baseline's label
    assert "6,85\xa0rapportcijfer" in teksten  # the latest value, labelled
    beschrijving = boom.find(f"{NS}desc").text
    assert "6,4\xa0rapportcijfer" in beschrijving and "31 oktober 2026" in beschrijving
    assert "6.4" not in beschrijving
    assert {"6", "6,5", "7", "7,5"} <= set(teksten) or {"6,4", "6,6"} <= set(teksten), teksten  # y axis
    assert "mrt 2026" in teksten, teksten  # month ticks the Dutch way
    punten = [c.find(f"{NS}title").text for c in _alle(boom, "circle")]
    assert punten == ["1 oktober 2026: 6,6\xa0rapportcijfer", "31 oktober 2026: 6,85\xa0rapportcijfer"]


def test_a_percentage_sits_against_its_number():
    kpi = _kpi(
        eenheid="%", richting=KpiRichting.HOGER_IS_BETER, nulmeting=Decimal(71), streefwaarde=Decimal(95)
    )
    assert "Target: 95%" in _teksten(_boom(kpi_grafiek_svg(kpi=kpi, metingen=[])))


def test_without_measurements_it_says_so():
    boom = _boom(kpi_grafiek_svg(kpi=_kpi(), metingen=[]))
    assert not [c for c in _alle(boom, "circle") if c.get("fill") == KLEUR_METING]
    assert not _alle(boom, "polyline")
    assert "No measurements yet" in _teksten(boom)
    assert boom.find(f"{NS}desc").text.endswith(", no measurements yet.")


def test_one_measurement_is_a_point_without_a_line():
    boom = _boom(kpi_grafiek_svg(kpi=_kpi(), metingen=_metingen("38")))
    assert len([c for c in _alle(boom, "circle") if c.get("fill") == KLEUR_METING]) == 1
    assert not _alle(boom, "polyline")


def test_many_measurements_are_a_line_through_every_point():
    waarden = [str(40 - i * 0.5) for i in range(60)]
    boom = _boom(kpi_grafiek_svg(kpi=_kpi(), metingen=_metingen(*waarden)))
    assert len(_alle(boom, "circle")) == 60
    (lijn,) = _alle(boom, "polyline")
    assert len(lijn.get("points").split()) == 60
    # x grows with the date; every point lies inside the drawing
    xs = [float(p.split(",")[0]) for p in lijn.get("points").split()]
    assert xs == sorted(xs) and 0 < xs[0] < xs[-1] < 640
    assert all(0 < float(p.split(",")[1]) < 300 for p in lijn.get("points").split())
    # the month ticks are thinned so their labels do not collide
    maanden = [t for t in _teksten(boom) if re.fullmatch(r"\S+ 20\d\d", t)]
    assert 3 <= len(maanden) <= 8, maanden


def test_the_measurements_are_drawn_in_date_order_whatever_order_they_come_in():
    metingen = _metingen("40", "35", "30")
    boom = _boom(kpi_grafiek_svg(kpi=_kpi(), metingen=list(reversed(metingen))))
    xs = [float(p.split(",")[0]) for p in _alle(boom, "polyline")[0].get("points").split()]
    assert xs == sorted(xs)


def test_the_target_date_is_marked_when_set():
    zonder = _boom(kpi_grafiek_svg(kpi=_kpi(), metingen=_metingen("40")))
    assert not _lijnen(zonder, KLEUR_STREEFDATUM)
    met = _boom(kpi_grafiek_svg(kpi=_kpi(streefdatum=dt.date(2026, 12, 31)), metingen=_metingen("40")))
    (lijn,) = _lijnen(met, KLEUR_STREEFDATUM)
    assert lijn.get("x1") == lijn.get("x2")
    assert any("Target date" in t for t in _teksten(met))


def test_it_uses_no_style_attributes_and_has_no_script():
    svg = str(kpi_grafiek_svg(kpi=_kpi(streefdatum=dt.date(2026, 12, 31)), metingen=_metingen("40", "30")))
    boom = _boom(svg)
    assert all("style" not in element.attrib for element in boom.iter())
    assert "<script" not in svg and "<style" not in svg


def test_text_from_users_is_escaped():
    kpi = _kpi(naam='Doorlooptijd <script>alert("x")</script> & meer', eenheid="<b>")
    svg = str(kpi_grafiek_svg(kpi=kpi, metingen=_metingen("40")))
    assert "<script>" not in svg
    boom = _boom(svg)
    assert boom.find(f"{NS}title").text == 'Doorlooptijd <script>alert("x")</script> & meer'


def test_a_narrow_chart_is_a_sparkline_without_axes_or_labels():
    boom = _boom(kpi_grafiek_svg(kpi=_kpi(), metingen=_metingen("40", "35", "30"), breedte=220, hoogte=64))
    assert boom.get("width") == "220" and boom.get("viewBox") == "0 0 220 64"
    assert not _teksten(boom)
    assert _lijnen(boom, KLEUR_NULMETING) and _lijnen(boom, KLEUR_STREEF)
    assert boom.find(f"{NS}desc").text


def test_two_charts_of_one_kpi_on_a_page_have_different_ids():
    groot = _boom(kpi_grafiek_svg(kpi=_kpi(), metingen=[]))
    klein = _boom(kpi_grafiek_svg(kpi=_kpi(), metingen=[], breedte=220, hoogte=64))
    assert groot.find(f"{NS}title").get("id") != klein.find(f"{NS}title").get("id")


def test_measurements_far_outside_baseline_and_target_stay_inside_the_drawing():
    boom = _boom(kpi_grafiek_svg(kpi=_kpi(), metingen=_metingen("400", "-12.5", "0")))
    for cirkel in _alle(boom, "circle"):
        assert 0 <= float(cirkel.get("cy")) <= 300
