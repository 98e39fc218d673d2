"""The impact × effort matrix of the improvement plan, drawn by the application as SVG.

Effort runs from left (1, very small) to right (5, very large), impact from bottom (1) to top (5), so
the quick wins — high impact, low effort — sit top-left. The 5 × 5 grid is split into four quadrants:
impact 3 or more is "high", effort 3 or more is "high" (`kwadrant`), each quadrant tinted and named.
Every estimated action is a numbered circle (its place in the plan) in its cell; several actions in one
cell share it in a small grid. Each circle has a ``<title>`` (tooltip) with the action, its impact and
effort; the numbers are explained by the accessible table beside the drawing (`matrix_tabel`), which
also lists the actions not estimated yet.

`matrix_svg` returns the markup as a string, so the page and a later PDF embed the same drawing. It
uses presentation attributes only (strict CSP, WeasyPrint), carries ``role="img"`` with a ``<title>``
and a ``<desc>`` summarising it in words, needs no database (unsaved actions draw as well), and the same
actions give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wasstraat.svg import KLEUR_GEDEMPT, KLEUR_RASTER, KLEUR_TEKST, Svg

from .choices import Kwadrant, Schaal

if TYPE_CHECKING:
    from .models import Verbeteractie

CEL = 80  # pixels per step of the scale
LINKS, BOVEN, RECHTS, ONDER = 78, 34, 16, 64
BREEDTE = LINKS + 5 * CEL + RECHTS
HOOGTE = BOVEN + 5 * CEL + ONDER
#: From this value on, impact and effort count as high.
HOOG = 3

#: Light tints behind the quadrants (text on them keeps more than 7:1 contrast).
VULLING = {
    Kwadrant.QUICK_WINS: "#d1e7dd",
    Kwadrant.GROTE_PROJECTEN: "#cfe2ff",
    Kwadrant.KLEINE_VERBETERINGEN: "#f8f9fa",
    Kwadrant.LAGE_PRIORITEIT: "#f8d7da",
}
KLEUR_STIP = "#0a58ca"  # 6.4:1 on white; the numbers in it are white (6.4:1)


def kwadrant(impact: int | None, inspanning: int | None) -> Kwadrant | None:
    """The quadrant of an action with this impact and effort (None while either is not estimated)."""
    if impact is None or inspanning is None:
        return None
    if impact >= HOOG:
        return Kwadrant.QUICK_WINS if inspanning < HOOG else Kwadrant.GROTE_PROJECTEN
    return Kwadrant.KLEINE_VERBETERINGEN if inspanning < HOOG else Kwadrant.LAGE_PRIORITEIT


def _x(inspanning: float) -> float:
    return LINKS + (inspanning - 1) * CEL


def _y(impact: float) -> float:
    return BOVEN + (5 - impact) * CEL  # impact 5 is the top row


def celmidden(impact: int, inspanning: int) -> tuple[float, float]:
    """The centre of the cell of this impact and effort, in the drawing's coordinates."""
    return _x(inspanning) + CEL / 2, _y(impact) + CEL / 2


def _geschat(acties: Iterable[Verbeteractie]) -> list[Verbeteractie]:
    return [a for a in acties if a.impact is not None and a.inspanning is not None]


def _kwadranten(svg: Svg, *, namen: bool) -> None:
    """The quadrants' tints (`namen` False) or their names (True, drawn over the grid lines)."""
    vlakken = (
        (Kwadrant.QUICK_WINS, 1, 5, HOOG - 1, 5 - HOOG + 1, "start"),
        (Kwadrant.GROTE_PROJECTEN, HOOG, 5, 5 - HOOG + 1, 5 - HOOG + 1, "end"),
        (Kwadrant.KLEINE_VERBETERINGEN, 1, HOOG - 1, HOOG - 1, HOOG - 1, "start"),
        (Kwadrant.LAGE_PRIORITEIT, HOOG, HOOG - 1, 5 - HOOG + 1, HOOG - 1, "end"),
    )
    for soort, inspanning, impact, breed, hoog, anker in vlakken:
        x, y = _x(inspanning), _y(impact)
        if not namen:
            svg.rechthoek(x, y, breed * CEL, hoog * CEL, fill=VULLING[soort])
            continue
        tekst_x = x + 6 if anker == "start" else x + breed * CEL - 6
        svg.tekst(
            tekst_x,
            y + 16,
            str(soort.label),
            font_size=13,
            font_weight="bold",
            text_anchor=anker,
            fill=KLEUR_TEKST,
        )


def _raster(svg: Svg) -> None:
    with svg.groep(stroke=KLEUR_RASTER, stroke_width=1, aria_hidden="true"):
        for i in range(6):
            svg.lijn(_x(1 + i), BOVEN, _x(1 + i), BOVEN + 5 * CEL)
            svg.lijn(LINKS, BOVEN + i * CEL, LINKS + 5 * CEL, BOVEN + i * CEL)
    with svg.groep(stroke=KLEUR_GEDEMPT, stroke_width=2, aria_hidden="true"):
        svg.lijn(_x(HOOG), BOVEN, _x(HOOG), BOVEN + 5 * CEL)
        svg.lijn(LINKS, _y(HOOG - 1), LINKS + 5 * CEL, _y(HOOG - 1))
        svg.rechthoek(LINKS, BOVEN, 5 * CEL, 5 * CEL, fill="none")


def _assen(svg: Svg) -> None:
    with svg.groep(font_size=12, fill=KLEUR_TEKST, aria_hidden="true"):
        for waarde in Schaal.values:
            svg.tekst(_x(waarde) + CEL / 2, BOVEN + 5 * CEL + 16, str(waarde), text_anchor="middle")
            svg.tekst(LINKS - 8, _y(waarde) + CEL / 2 + 4, str(waarde), text_anchor="end")
        svg.tekst(
            LINKS + 5 * CEL / 2,
            BOVEN + 5 * CEL + 40,
            _("Expected effort (1 very small – 5 very large) →"),
            text_anchor="middle",
            font_size=13,
        )
        midden = BOVEN + 5 * CEL / 2
        svg.tekst(
            22,
            midden,
            _("Expected impact (1 – 5) →"),
            text_anchor="middle",
            font_size=13,
            transform=f"rotate(-90 22 {midden})",
        )


def _stippen(svg: Svg, acties: Sequence[Verbeteractie]) -> None:
    per_cel: dict[tuple[int, int], list[Verbeteractie]] = {}
    for actie in acties:
        per_cel.setdefault((actie.impact, actie.inspanning), []).append(actie)
    for (impact, inspanning), in_cel in sorted(per_cel.items()):
        kolommen = math.ceil(math.sqrt(len(in_cel)))
        rijen = math.ceil(len(in_cel) / kolommen)
        afstand = CEL / (max(kolommen, rijen) + 1)
        straal = min(15.0, afstand * 0.45)
        x0, y0 = _x(inspanning), _y(impact)
        for i, actie in enumerate(in_cel):
            rij, kolom = divmod(i, kolommen)
            cx = x0 + (CEL - (kolommen - 1) * afstand) / 2 + kolom * afstand
            cy = y0 + (CEL - (rijen - 1) * afstand) / 2 + rij * afstand + 6  # below the quadrant's name
            uitleg = _("%(nummer)d. %(titel)s — impact %(impact)d, effort %(inspanning)d") % {
                "nummer": actie.volgorde,
                "titel": actie.titel,
                "impact": impact,
                "inspanning": inspanning,
            }
            with svg.groep(id=f"{svg.ident}-actie-{actie.volgorde}"):
                svg.cirkel(cx, cy, straal, fill=KLEUR_STIP, stroke="#ffffff", stroke_width=1.5, titel=uitleg)
                svg.tekst(
                    cx,
                    cy + straal * 0.38,
                    str(actie.volgorde),
                    text_anchor="middle",
                    font_size=round(straal * 1.05, 1),
                    font_weight="bold",
                    fill="#ffffff",
                    aria_hidden="true",
                )


def _beschrijving(acties: Sequence[Verbeteractie], niet_geschat: int) -> str:
    tellingen = {soort: 0 for soort in Kwadrant}
    for actie in acties:
        tellingen[kwadrant(actie.impact, actie.inspanning)] += 1
    delen = [f"{soort.label}: {aantal}" for soort, aantal in tellingen.items()]
    tekst = ngettext(
        "%(aantal)d action placed by impact and effort (%(delen)s).",
        "%(aantal)d actions placed by impact and effort (%(delen)s).",
        len(acties),
    ) % {"aantal": len(acties), "delen": "; ".join(delen)}
    if niet_geschat:
        tekst += " " + ngettext(
            "%(aantal)d action has no estimate yet.", "%(aantal)d actions have no estimate yet.", niet_geschat
        ) % {"aantal": niet_geschat}
    return tekst


def matrix_svg(
    acties: Iterable[Verbeteractie], *, titel: str | None = None, ident: str = "matrix"
) -> SafeString:
    """The impact × effort matrix of `acties` as one ``<svg>`` element (quick wins top-left)."""
    acties = list(acties)
    geschat = _geschat(acties)
    svg = Svg(
        BREEDTE,
        HOOGTE,
        titel=titel or _("Impact × effort matrix of the improvement actions"),
        beschrijving=_beschrijving(geschat, len(acties) - len(geschat)),
        ident=ident,
    )
    _kwadranten(svg, namen=False)
    _raster(svg)
    _kwadranten(svg, namen=True)  # a name is not crossed out by the grid lines under it
    _assen(svg)
    _stippen(svg, geschat)
    return svg.render()


def matrix_tabel(acties: Iterable[Verbeteractie]) -> list[dict]:
    """The rows of the accessible table beside the matrix: one per action, in the plan's order."""
    rijen = []
    for actie in acties:
        soort = kwadrant(actie.impact, actie.inspanning)
        rijen.append(
            {
                "actie": actie,
                "nummer": actie.volgorde,
                "titel": actie.titel,
                "impact": actie.impact,
                "inspanning": actie.inspanning,
                "kwadrant": soort.label if soort else _("Not estimated yet"),
                "termijn": actie.get_termijn_display() if actie.termijn else _("Not chosen yet"),
            }
        )
    return rijen
