"""The 6P overview: the verdict per P of a trajectory's serviceformule, as one compact SVG.

Six tiles in the method's order (Product, Prijs, Plaats, Personeel, Proces, Promotie), each with the P's
name and its verdict in words and as a symbol — a check (matches), a half-filled circle (partly
deviates), a cross (deviates), a dash in a dashed tile (not yet assessed) — with colour (green, amber,
red, grey) as an extra signal only. Three tiles a row on a page, six in a row when drawn wide (the PDFs).

The same SVG serves the step-5 page and the PDFs (WeasyPrint renders inline SVG): presentation
attributes only (strict CSP: no ``style``), ``role="img"`` with a ``<title>`` and a ``<desc>`` that give
every verdict in words, and the same input gives the same bytes. It needs no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wasstraat.svg import KLEUR_GEDEMPT, KLEUR_TEKST, Svg, afbreken, coordinaat

from .choices import Oordeel, P

if TYPE_CHECKING:
    from .models import PBeoordeling, Serviceformule

BREEDTE = 640
#: From this width the six tiles stand in one row.
EEN_RIJ_VANAF = 840

LETTER = 13
LETTER_KLEIN = 12
KOP_HOOGTE = 34
TEGEL_HOOGTE = 84
TUSSENRUIMTE = 10
RAND = 2  # room around the tiles, so their outlines are not cut off
TOELICHTING_TEKENS = 200  # of the explanation in a tile's tooltip

NIET_BEOORDEELD = "niet_beoordeeld"


@dataclass(frozen=True)
class Stijl:
    """How a verdict looks: the colour of symbol and text (4.5:1 on the tile) and the tile's tint."""

    kleur: str
    vulling: str


STIJLEN = {
    Oordeel.KOMT_OVEREEN: Stijl("#146c43", "#e8f5ee"),  # 5.8:1 on the tint
    Oordeel.WIJKT_DEELS_AF: Stijl("#8a5a00", "#fff4d6"),  # 5.4:1
    Oordeel.WIJKT_AF: Stijl("#b02a37", "#fbe9eb"),  # 5.6:1
    NIET_BEOORDEELD: Stijl(KLEUR_GEDEMPT, "#f1f3f5"),  # 7.4:1
}


def zes_p_svg(
    formule: Serviceformule | None,
    beoordelingen: Mapping[str, PBeoordeling | None],
    *,
    breedte: int = BREEDTE,
    titel: str | None = None,
) -> SafeString:
    """The 6P overview as an ``<svg>`` element (a SafeString).

    `beoordelingen` maps each P's value to its assessment, or None (or no key) when not yet assessed.
    Without a formule (none chosen yet) every P shows as not assessed, with a note.
    """
    if formule is None:
        beoordelingen = {}
    kolommen = 6 if breedte >= EEN_RIJ_VANAF else 3
    rijen = -(-len(P) // kolommen)
    notitie = _("Choose a serviceformule to assess the six P's.") if formule is None else ""
    hoogte = (
        KOP_HOOGTE + rijen * TEGEL_HOOGTE + (rijen - 1) * TUSSENRUIMTE + 2 * RAND + (24 if notitie else 0)
    )
    svg = Svg(
        breedte,
        hoogte,
        titel=titel or zes_p_titel(formule),
        beschrijving=zes_p_samenvatting(formule, beoordelingen),
        ident="zes-p-overzicht",
        class_="zes-p-overzicht mw-100 h-auto",
        font_size=LETTER,
        fill=KLEUR_TEKST,
    )
    svg.rechthoek(0, 0, breedte, hoogte, fill="#ffffff")
    kop = formule.naam if formule is not None else _("No serviceformule chosen yet")
    svg.tekst(
        RAND, 20, afbreken(kop, int((breedte - 160) / (15 * 0.6)), 1)[0], font_size=15, font_weight="bold"
    )
    svg.tekst(breedte - RAND, 20, _stand(formule, beoordelingen), text_anchor="end", fill=KLEUR_GEDEMPT)
    tegelbreedte = (breedte - 2 * RAND - (kolommen - 1) * TUSSENRUIMTE) / kolommen
    for index, p in enumerate(P):
        rij, kolom = divmod(index, kolommen)
        x = RAND + kolom * (tegelbreedte + TUSSENRUIMTE)
        y = KOP_HOOGTE + RAND + rij * (TEGEL_HOOGTE + TUSSENRUIMTE)
        _tegel(svg, x, y, tegelbreedte, p, beoordelingen.get(p.value))
    if notitie:
        svg.tekst(RAND, hoogte - 8, notitie, fill=KLEUR_GEDEMPT, font_style="italic", font_size=LETTER_KLEIN)
    return svg.render()


def zes_p_samenvatting(
    formule: Serviceformule | None, beoordelingen: Mapping[str, PBeoordeling | None]
) -> str:
    """The overview in words, e.g. "Flitsformule: 4 of 6 assessed: 2 deviate. Product: Matches. …"."""
    if formule is None:
        return _("No serviceformule chosen yet: none of the six P's is assessed.")
    per_p = " ".join(f"{p.label}: {_oordeel_label(beoordelingen.get(p.value))}." for p in P)
    return f"{formule.naam}: {_stand(formule, beoordelingen)}. {per_p}"


def zes_p_titel(formule: Serviceformule | None) -> str:
    if formule is None:
        return _("6P overview")
    return _("6P overview: %(formule)s") % {"formule": formule.naam}


def _oordeel(beoordeling: PBeoordeling | None) -> Oordeel | str:
    return Oordeel(beoordeling.oordeel) if beoordeling is not None else NIET_BEOORDEELD


def _oordeel_label(beoordeling: PBeoordeling | None) -> str:
    oordeel = _oordeel(beoordeling)
    return str(oordeel.label) if isinstance(oordeel, Oordeel) else _("Not yet assessed")


def _stand(formule: Serviceformule | None, beoordelingen: Mapping[str, PBeoordeling | None]) -> str:
    """How far the assessment is: "4 of 6 assessed: 2 deviate, 1 partly"."""
    if formule is None:
        return _("0 of 6 assessed")
    oordelen = [_oordeel(beoordelingen.get(p.value)) for p in P]
    beoordeeld = sum(1 for o in oordelen if o != NIET_BEOORDEELD)
    tekst = _("%(aantal)d of 6 assessed") % {"aantal": beoordeeld}
    af = sum(1 for o in oordelen if o == Oordeel.WIJKT_AF)
    deels = sum(1 for o in oordelen if o == Oordeel.WIJKT_DEELS_AF)
    delen = []
    if af:
        delen.append(ngettext("%(aantal)d deviates", "%(aantal)d deviate", af) % {"aantal": af})
    if deels:
        delen.append(
            ngettext("%(aantal)d partly deviates", "%(aantal)d partly deviate", deels) % {"aantal": deels}
        )
    return f"{tekst}: {', '.join(delen)}" if delen else tekst


def _tegel(svg: Svg, x: float, y: float, breedte: float, p: P, beoordeling: PBeoordeling | None) -> None:
    """One P: its name at the top, the verdict as symbol and words below; the explanation as tooltip."""
    oordeel = _oordeel(beoordeling)
    stijl = STIJLEN[oordeel]
    label = _oordeel_label(beoordeling)
    tip = f"{p.label}: {label}"
    if beoordeling is not None and beoordeling.toelichting:
        tip += " — " + afbreken(" ".join(beoordeling.toelichting.split()), TOELICHTING_TEKENS, 1)[0]
    with svg.groep(
        class_=f"p-tegel oordeel-{oordeel.value if isinstance(oordeel, Oordeel) else oordeel}", data_p=p.value
    ):
        svg.rechthoek(
            x,
            y,
            breedte,
            TEGEL_HOOGTE,
            rx=6,
            fill=stijl.vulling,
            stroke=stijl.kleur,
            stroke_width=1.5,
            stroke_dasharray="5 4" if oordeel == NIET_BEOORDEELD else None,
            titel=tip,
        )
        svg.rechthoek(x + 0.75, y + 6, 5, TEGEL_HOOGTE - 12, fill=stijl.kleur)  # accent bar
        max_tekens = max(4, int((breedte - 24) / (LETTER * 0.62)))
        svg.tekst(
            x + 14, y + 22, afbreken(str(p.label), max_tekens, 2), font_weight="bold", regelafstand=1.15
        )
        _symbool(svg, x + 26, y + TEGEL_HOOGTE - 19, oordeel, stijl.kleur)
        max_tekens = max(4, int((breedte - 50) / (LETTER_KLEIN * 0.6)))
        regels = afbreken(label, max_tekens, 2)
        svg.tekst(
            x + 44,
            y + TEGEL_HOOGTE - 15 - (len(regels) - 1) * 7,
            regels,
            fill=stijl.kleur,
            font_size=LETTER_KLEIN,
            font_weight="bold",
            regelafstand=1.1,
            class_="oordeel",
        )


def _symbool(svg: Svg, x: float, y: float, oordeel: Oordeel | str, kleur: str) -> None:
    """The verdict as a shape, so it reads without colour: ✓ matches, ◐ partly, ✗ deviates, – not yet."""
    r = 11
    with svg.groep(aria_hidden="true", class_="symbool"):
        if oordeel == Oordeel.KOMT_OVEREEN:
            svg.cirkel(x, y, r, fill=kleur)
            svg.polylijn(
                [(x - 5.5, y + 0.5), (x - 1.5, y + 4.5), (x + 5.5, y - 4)],
                fill="none",
                stroke="#ffffff",
                stroke_width=2.5,
                stroke_linecap="round",
                stroke_linejoin="round",
            )
        elif oordeel == Oordeel.WIJKT_DEELS_AF:
            svg.cirkel(x, y, r - 1, fill="#ffffff", stroke=kleur, stroke_width=2)
            c = coordinaat
            svg.pad(f"M {c(x)} {c(y - r + 1)} A {r - 1} {r - 1} 0 0 0 {c(x)} {c(y + r - 1)} Z", fill=kleur)
        elif oordeel == Oordeel.WIJKT_AF:
            svg.cirkel(x, y, r, fill=kleur)
            for dx in (-4.5, 4.5):
                svg.lijn(
                    x - dx,
                    y - 4.5,
                    x + dx,
                    y + 4.5,
                    stroke="#ffffff",
                    stroke_width=2.5,
                    stroke_linecap="round",
                )
        else:
            svg.cirkel(x, y, r - 1, fill="#ffffff", stroke=kleur, stroke_width=1.5, stroke_dasharray="3 2")
            svg.lijn(x - 5, y, x + 5, y, stroke=kleur, stroke_width=2.5, stroke_linecap="round")
