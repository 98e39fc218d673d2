"""The impact × effort matrix: quick wins top-left, every estimated action a numbered circle in its cell,
the accessible table with the same content, and markup a PDF can embed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from verbeterplan.choices import Kwadrant, Termijn
from verbeterplan.matrix import BOVEN, CEL, LINKS, celmidden, kwadrant, matrix_svg, matrix_tabel
from verbeterplan.models import Verbeteractie

NS = {"svg": "http://www.w3.org/2000/svg"}


def _actie(nummer: int, titel: str, impact, inspanning, termijn="") -> Verbeteractie:
    return Verbeteractie(
        pk=nummer, volgorde=nummer, titel=titel, impact=impact, inspanning=inspanning, termijn=termijn
    )


def _cirkels(svg: str) -> dict[str, tuple[float, float]]:
    """Action number → centre of its circle."""
    boom = ET.fromstring(svg)  # noqa: S314  our own markup
    posities = {}
    for groep in boom.iter("{http://www.w3.org/2000/svg}g"):
        ident = groep.get("id") or ""
        if "-actie-" in ident:
            cirkel = groep.find("svg:circle", NS)
            posities[ident.rsplit("-", 1)[1]] = (float(cirkel.get("cx")), float(cirkel.get("cy")))
    return posities


@pytest.mark.parametrize(
    ("impact", "inspanning", "verwacht"),
    [
        (5, 1, Kwadrant.QUICK_WINS),
        (3, 2, Kwadrant.QUICK_WINS),
        (5, 5, Kwadrant.GROTE_PROJECTEN),
        (2, 1, Kwadrant.KLEINE_VERBETERINGEN),
        (1, 5, Kwadrant.LAGE_PRIORITEIT),
        (None, 3, None),
    ],
)
def test_each_action_falls_in_one_quadrant(impact, inspanning, verwacht):
    assert kwadrant(impact, inspanning) == verwacht


def test_quick_wins_sit_top_left_and_the_rest_where_they_belong():
    acties = [
        _actie(1, "Snel formulier", 5, 1),
        _actie(2, "Nieuw zaaksysteem", 5, 5),
        _actie(3, "Kleine tekstwijziging", 1, 1),
        _actie(4, "Dure kleinigheid", 1, 5),
    ]
    posities = _cirkels(str(matrix_svg(acties)))
    midden_x, midden_y = LINKS + 2.5 * CEL, BOVEN + 2.5 * CEL
    (x1, y1), (x2, y2), (x3, y3), (x4, y4) = (posities[n] for n in "1234")
    assert x1 < midden_x and y1 < midden_y, "quick win: left (low effort) and top (high impact)"
    assert x2 > midden_x and y2 < midden_y
    assert x3 < midden_x and y3 > midden_y
    assert x4 > midden_x and y4 > midden_y
    assert abs(x1 - celmidden(5, 1)[0]) < 1 and y1 < BOVEN + CEL, "in the top-left cell"


def test_actions_in_one_cell_each_get_their_own_place_inside_it():
    acties = [_actie(n, f"Actie {n}", 4, 2) for n in range(1, 6)]
    posities = _cirkels(str(matrix_svg(acties)))
    assert len(set(posities.values())) == 5
    links, boven = LINKS + CEL, BOVEN + CEL  # the cell of effort 2, impact 4
    assert all(links < x < links + CEL and boven < y < boven + CEL for x, y in posities.values())


def test_the_svg_is_accessible_and_names_every_action():
    acties = [_actie(1, "Snel formulier", 5, 1), _actie(2, "Nog niet geschat", None, None)]
    with translation.override("nl"):
        svg = str(matrix_svg(acties, titel="Matrix van het plan"))
    boom = ET.fromstring(svg)  # noqa: S314  our own markup
    assert boom.get("role") == "img"
    assert boom.find("svg:title", NS).text == "Matrix van het plan"
    beschrijving = boom.find("svg:desc", NS).text
    assert "Quick wins: 1" in beschrijving and "1 actie heeft nog geen schatting" in beschrijving
    assert "1. Snel formulier — impact 5, inspanning 1" in svg
    assert "Nog niet geschat" not in svg, "an action without estimate is not drawn (the table lists it)"
    assert "style=" not in svg, "presentation attributes only (CSP, WeasyPrint)"
    assert re.search(r"<svg[^>]+viewBox=\"0 0 \d+ \d+\"", svg)


def test_the_same_actions_give_the_same_markup():
    acties = [_actie(1, "A", 3, 3), _actie(2, "B", 2, 4)]
    assert matrix_svg(acties) == matrix_svg(list(acties))


def test_the_table_beside_it_lists_every_action_with_quadrant_and_term():
    acties = [
        _actie(1, "Snel formulier", 5, 1, Termijn.QUICK_WIN),
        _actie(2, "Nieuw zaaksysteem", 5, 5, Termijn.LANGE_TERMIJN),
        _actie(3, "Nog niet geschat", None, 2),
    ]
    with translation.override("nl"):
        rijen = matrix_tabel(acties)
        assert [
            (r["nummer"], r["titel"], r["impact"], r["inspanning"], str(r["kwadrant"]), str(r["termijn"]))
            for r in rijen
        ] == [
            (1, "Snel formulier", 5, 1, "Quick wins", "Quick win"),
            (2, "Nieuw zaaksysteem", 5, 5, "Grote projecten", "Lange termijn"),
            (3, "Nog niet geschat", None, 2, "Nog niet geschat", "Nog niet gekozen"),
        ]
