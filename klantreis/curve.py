"""The experience curve (the "heartbeat") of a customer journey, drawn by the application as SVG.

The x-axis holds the journey's phases in order, as bands; the y-axis the experience from very negative
(−2) to very positive (+2). Within each band the contact moments of each journey are spread evenly in
their order. Two lines: the current journey (solid, round points) and the desired journey (dashed,
hollow square points), so they are told apart without colour; a legend says which is which. Moments of
truth are drawn as a star with a number; the numbers are listed under the chart, every one with its full
title in letters as large as the legend's (the drawing grows taller for a long list), so the PDF (which
has no tooltips) names them too. Every point has a ``<title>`` (tooltip) with the contact moment, its
channel and experience.

A phase in which a journey has no contact moments breaks nothing: the line connects the points the
journey has, in order, and simply crosses that phase. (Splitting the line would suggest the customer
leaves the journey there; the table beside the chart shows which phases have no contact moments.)

The same SVG serves the journey page (inline) and the PDFs (WeasyPrint renders inline SVG). It uses
presentation attributes only (strict CSP: no ``style``), carries ``role="img"`` with a ``<title>`` and a
``<desc>`` that summarise it in words, and its output depends only on its input: the same phases and
contact moments give the same bytes. It needs no database: unsaved `Fase` and `Contactmoment`
objects (with `pk` and `fase_id` set) draw just as well.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wasstraat.svg import (
    KLEUR_GEDEMPT,
    KLEUR_RASTER,
    KLEUR_TEKST,
    Svg,
    tekstbreedte,
)

from .choices import Beleving, Kanaal, Reis

if TYPE_CHECKING:
    from .models import Contactmoment, Fase

BREEDTE = 900
HOOGTE = 320
LETTER = 12
LETTER_KLEIN = 11
#: The list of moments of truth under the chart: at least 12 px where the drawing is shown at its size
#: (the page) and about 9 pt where it is shown a little smaller (the A4 trajectkaart).
LETTER_VOETNOOT = 13
REGEL_VOETNOOT = 17  # pixels per line of that list

#: The current journey takes the municipality's colour when it has 3:1 contrast on white (WCAG 1.4.11),
#: this blue otherwise; the desired journey is orange, which stays apart from blue for colour-blind eyes.
KLEUR_HUIDIG_STANDAARD = "#0a58ca"  # 6.4:1 on white
KLEUR_GEWENST = "#b4540a"  # 5.0:1
BAND_VULLING = ("#f8f9fa", "#ffffff")
STREEPJES_GEWENST = "8 5"

LEGENDA_HOOGTE = 30  # the legend above the plot
FASE_REGELS = 2  # lines of a phase name under its band
REGEL = 14  # pixels per line of small text
BINNENRAND = 12  # room inside the plot so the points at ±2 are not cut off


@dataclass(frozen=True)
class _Punt:
    """A contact moment placed in the chart."""

    moment: Contactmoment
    fase: Fase
    x: float
    y: float
    nummer: int | None = None  # the number of a moment of truth


@dataclass(frozen=True)
class _Vlak:
    """The plot area inside the margins, and the scale from experience to pixels."""

    links: float
    boven: float
    rechts: float
    onder: float

    def y(self, beleving: float) -> float:
        hoog = self.onder - self.boven - 2 * BINNENRAND
        return self.onder - BINNENRAND - hoog * (float(beleving) + 2) / 4

    def band(self, index: int, aantal: int) -> tuple[float, float]:
        breedte = (self.rechts - self.links) / max(1, aantal)
        return self.links + index * breedte, self.links + (index + 1) * breedte


# --- public -------------------------------------------------------------------------------------


def curve_svg(
    fasen: Iterable[Fase],
    momenten: Iterable[Contactmoment],
    *,
    breedte: int = BREEDTE,
    hoogte: int = HOOGTE,
    titel: str | None = None,
) -> SafeString:
    """The experience curve of both journeys as an ``<svg>`` element (a SafeString).

    `fasen` in the journey's order; `momenten` the contact moments of both journeys (those of other
    phases are left out). Without phases or contact moments: a small drawing saying so.
    """
    fasen = list(fasen)
    reizen = _per_reis(fasen, momenten)
    titel = titel or _("Experience curve of the customer journey")
    if not any(reizen.values()):
        return _leeg(breedte, titel)
    huidig = _kleur_huidig()
    nummers = _nummers_momenten_van_waarheid(fasen, reizen)
    voetnoot = _voetnoot(nummers, breedte)
    vlak = _vlak(breedte, hoogte)
    totaal = hoogte + (len(voetnoot) * REGEL_VOETNOOT + 8 if voetnoot else 0)  # the list below the chart
    punten = {reis: _punten(vlak, fasen, lijst, nummers) for reis, lijst in reizen.items()}
    svg = Svg(
        breedte,
        totaal,
        titel=titel,
        beschrijving=curve_samenvatting(fasen, [m for lijst in reizen.values() for m in lijst]),
        ident="klantreiscurve",
        class_="klantreiscurve mw-100 h-auto",
        font_size=LETTER,
        fill=KLEUR_TEKST,
    )
    svg.rechthoek(0, 0, breedte, totaal, fill="#ffffff")
    _banden(svg, vlak, fasen, reizen)
    _raster(svg, vlak)
    _lijn(svg, punten[Reis.GEWENST], KLEUR_GEWENST, STREEPJES_GEWENST)
    _lijn(svg, punten[Reis.HUIDIG], huidig, None)
    for punt in punten[Reis.GEWENST]:
        _punt(svg, punt, KLEUR_GEWENST, hol=True)
    for punt in punten[Reis.HUIDIG]:
        _punt(svg, punt, huidig, hol=False)
    _legenda(svg, huidig, breedte)
    with svg.groep(class_="voetnoot", font_size=LETTER_VOETNOOT):
        for i, regel in enumerate(voetnoot):
            svg.tekst(12, hoogte + (i + 1) * REGEL_VOETNOOT - 2, regel)
    return svg.render()


def curve_tabel(fasen: Iterable[Fase], momenten: Iterable[Contactmoment]) -> list[dict]:
    """One row per phase for the accessible table beside the chart: the phase's name, its contact
    moments per journey (in order) and their average experience (None when the journey has none)."""
    fasen = list(fasen)
    reizen = _per_reis(fasen, momenten)
    rijen = []
    for fase in fasen:
        rij: dict = {"fase": fase.naam}
        for reis in Reis:
            lijst = [m for m in reizen[reis] if m.fase_id == fase.pk]
            rij[str(reis.value)] = lijst
            rij[f"gemiddeld_{reis.value}"] = sum(m.beleving for m in lijst) / len(lijst) if lijst else None
        rijen.append(rij)
    return rijen


def curve_samenvatting(fasen: Sequence[Fase], momenten: Iterable[Contactmoment]) -> str:
    """The chart in words: per journey the number of contact moments and its lowest point, and the
    moments of truth."""
    fasen = list(fasen)
    reizen = _per_reis(fasen, momenten)
    namen = {fase.pk: fase.naam for fase in fasen}
    zinnen = [
        ngettext("%(aantal)d phase.", "%(aantal)d phases.", len(fasen)) % {"aantal": len(fasen)},
    ]
    for reis, lijst in reizen.items():
        if not lijst:
            zinnen.append(_("%(reis)s: no contact moments yet.") % {"reis": reis.label})
            continue
        laagste = min(lijst, key=lambda m: m.beleving)  # the first of equals, in order
        zinnen.append(
            ngettext(
                "%(reis)s: %(aantal)d contact moment; lowest point “%(titel)s” in %(fase)s, %(beleving)s.",
                "%(reis)s: %(aantal)d contact moments; lowest point “%(titel)s” in %(fase)s, %(beleving)s.",
                len(lijst),
            )
            % {
                "reis": reis.label,
                "aantal": len(lijst),
                "titel": laagste.titel,
                "fase": namen[laagste.fase_id],
                "beleving": _klein(beleving_tekst(laagste.beleving)),
            }
        )
    nummers = _nummers_momenten_van_waarheid(fasen, reizen)
    if nummers:
        lijst = "; ".join(
            f"{nummer} “{m.titel}”, {_klein(_reis_label(m))}, {_klein(beleving_tekst(m.beleving))}"
            for m, nummer in nummers.values()
        )
        zinnen.append(
            ngettext(
                "%(aantal)d moment of truth: %(lijst)s.",
                "%(aantal)d moments of truth: %(lijst)s.",
                len(nummers),
            )
            % {"aantal": len(nummers), "lijst": lijst}
        )
    else:
        zinnen.append(_("No moments of truth marked."))
    return " ".join(zinnen)


def beleving_tekst(beleving: int) -> str:
    """An experience in words with its score: "Negative (−1)", "Very positive (+2)", "Neutral (0)"."""
    waarde = int(beleving)
    getal = f"+{waarde}" if waarde > 0 else f"\N{MINUS SIGN}{-waarde}" if waarde < 0 else "0"
    return f"{Beleving(waarde).label} ({getal})"


def _klein(tekst: str) -> str:
    """A label inside a sentence: the first letter in lower case ("Very negative" → "very negative")."""
    return tekst[:1].lower() + tekst[1:]


# --- data ---------------------------------------------------------------------------------------


def _reis_label(moment: Contactmoment) -> str:
    # The choice's own label: get_reis_display() rebuilds a dict of every translated label per call,
    # and the curve asks for this label several times per point.
    return str(Reis(moment.reis).label)


def _per_reis(fasen: Sequence[Fase], momenten: Iterable[Contactmoment]) -> dict[Reis, list[Contactmoment]]:
    """The contact moments per journey (current first), in the order of the phases and within a phase
    by their order; moments of phases not given are left out."""
    positie = {fase.pk: i for i, fase in enumerate(fasen)}
    gesorteerd = sorted(
        ((m, i) for i, m in enumerate(momenten) if m.fase_id in positie),
        key=lambda paar: (positie[paar[0].fase_id], paar[0].volgorde, paar[0].pk or 0, paar[1]),
    )
    reizen: dict[Reis, list[Contactmoment]] = {Reis.HUIDIG: [], Reis.GEWENST: []}
    for moment, _i in gesorteerd:
        reizen[Reis(moment.reis)].append(moment)
    return reizen


def _nummers_momenten_van_waarheid(
    fasen: Sequence[Fase], reizen: dict[Reis, list[Contactmoment]]
) -> dict[int, tuple[Contactmoment, int]]:
    """The moments of truth numbered 1, 2, … from left to right (per phase: current before desired),
    keyed by `id()` so unsaved moments count too."""
    positie = {fase.pk: i for i, fase in enumerate(fasen)}
    volgorde = sorted(
        (
            (positie[m.fase_id], r, i, m)
            for r, lijst in enumerate(reizen.values())
            for i, m in enumerate(lijst)
            if m.moment_van_waarheid
        ),
        key=lambda t: t[:3],
    )
    return {id(m): (m, nummer) for nummer, (*_sleutel, m) in enumerate(volgorde, start=1)}


# --- layout -------------------------------------------------------------------------------------


def _kleur_huidig() -> str:
    """The municipality's colour if it has enough contrast on white for a line, else a safe blue."""
    kleur = getattr(settings, "GEMEENTE_KLEUR", "") or ""
    try:
        return kleur if contrast(kleur, "#ffffff") >= 3 else KLEUR_HUIDIG_STANDAARD
    except ValueError:
        return KLEUR_HUIDIG_STANDAARD


def contrast(kleur: str, achtergrond: str) -> float:
    """The WCAG contrast ratio of two colours written as ``#rrggbb``."""

    def luminantie(hex_: str) -> float:
        hex_ = hex_.lstrip("#")
        if len(hex_) != 6:
            raise ValueError(f"Not a #rrggbb colour: {hex_!r}")
        kanalen = [int(hex_[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lineair = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
        return 0.2126 * lineair[0] + 0.7152 * lineair[1] + 0.0722 * lineair[2]

    licht, donker = sorted((luminantie(kleur), luminantie(achtergrond)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


def _vlak(breedte: int, hoogte: int) -> _Vlak:
    labelbreedte = max(tekstbreedte(str(b.label), LETTER) for b in Beleving)
    onder = hoogte - FASE_REGELS * REGEL - 10
    boven = _legenda_plaatsen(breedte)[-1][1] + LEGENDA_HOOGTE - 14
    return _Vlak(links=12 + labelbreedte + 8, boven=boven, rechts=breedte - 12, onder=onder)


def _punten(
    vlak: _Vlak, fasen: Sequence[Fase], momenten: Sequence[Contactmoment], nummers: dict
) -> list[_Punt]:
    """Each contact moment at its place: evenly spread over its phase's band, at its experience."""
    punten = []
    for index, fase in enumerate(fasen):
        in_fase = [m for m in momenten if m.fase_id == fase.pk]
        links, rechts = vlak.band(index, len(fasen))
        for i, moment in enumerate(in_fase):
            x = links + (rechts - links) * (i + 0.5) / len(in_fase)
            nummer = nummers.get(id(moment), (None, None))[1]
            punten.append(_Punt(moment, fase, x, vlak.y(moment.beleving), nummer))
    return punten


def _voetnoot(nummers: dict, breedte: int) -> list[str]:
    """The numbered moments of truth as lines of text under the chart: every one of them, with its full
    title, on as many lines as they need (the drawing grows taller); a line breaks between moments, or
    between words of a moment too long for one line."""
    if not nummers:
        return []
    beschikbaar = (breedte - 24) * 0.92  # `tekstbreedte` is an estimate

    def past(regel: str) -> bool:
        return tekstbreedte(regel, LETTER_VOETNOOT) <= beschikbaar

    regels: list[str] = []
    huidig = _("Moments of truth:")
    for moment, nummer in nummers.values():
        deel = f"{nummer} {' '.join(moment.titel.split())} ({_klein(_reis_label(moment))})"
        scheiding = " " if huidig.endswith(":") else " · "
        if past(huidig + scheiding + deel):
            huidig += scheiding + deel
            continue
        regels.append(huidig)
        *vol, huidig = _woorden_over_regels(deel, past)
        regels.extend(vol)
    regels.append(huidig)
    return regels


def _woorden_over_regels(tekst: str, past: Callable[[str], bool]) -> list[str]:
    """`tekst` over lines at word boundaries, as many words on a line as `past` allows (at least one)."""
    regels: list[str] = []
    for woord in tekst.split():
        if regels and past(f"{regels[-1]} {woord}"):
            regels[-1] += f" {woord}"
        else:
            regels.append(woord)
    return regels or [""]


# --- drawing ------------------------------------------------------------------------------------


def _banden(svg: Svg, vlak: _Vlak, fasen: Sequence[Fase], reizen: dict[Reis, list[Contactmoment]]) -> None:
    """A band per phase (alternating shade, the full name as tooltip) with its name underneath."""
    for index, fase in enumerate(fasen):
        links, rechts = vlak.band(index, len(fasen))
        aantallen = [sum(1 for m in lijst if m.fase_id == fase.pk) for lijst in reizen.values()]
        tip = _("%(fase)s: %(huidig)d current, %(gewenst)d desired contact moments") % {
            "fase": fase.naam,
            "huidig": aantallen[0],
            "gewenst": aantallen[1],
        }
        svg.rechthoek(
            links,
            vlak.boven,
            rechts - links,
            vlak.onder - vlak.boven,
            fill=BAND_VULLING[index % 2],
            titel=tip,
        )
        if index:
            svg.lijn(links, vlak.boven, links, vlak.onder + 4, stroke=KLEUR_RASTER, stroke_width=1)
        max_tekens = max(3, math.floor((rechts - links - 8) / (LETTER_KLEIN * 0.66)))  # bold
        regels = fasenaam_regels(fase.naam, max_tekens)
        svg.tekst(
            (links + rechts) / 2,
            vlak.onder + 4 + REGEL,
            regels,
            regelafstand=1.15,
            text_anchor="middle",
            font_size=LETTER_KLEIN,
            font_weight="bold",
        )


def fasenaam_regels(naam: str, max_tekens: int) -> list[str]:
    """A phase's name on at most `FASE_REGELS` lines at word boundaries; a word or a last line that does
    not fit ends in an ellipsis (the band's tooltip and the table give the full name)."""
    woorden = " ".join(naam.split())
    regels = textwrap.wrap(woorden, width=max_tekens, break_long_words=False) or [""]
    afgekapt = len(regels) > FASE_REGELS
    regels = regels[:FASE_REGELS]
    regels = [r if len(r) <= max_tekens else r[: max(1, max_tekens - 1)].rstrip() + "…" for r in regels]
    if afgekapt and not regels[-1].endswith("…"):
        laatste = regels[-1]
        regels[-1] = (
            f"{laatste} …" if len(laatste) + 2 <= max_tekens else laatste[: max(1, max_tekens - 1)] + "…"
        )
    return regels


def _raster(svg: Svg, vlak: _Vlak) -> None:
    """Gridlines at every experience level, labelled; the neutral line stands out."""
    with svg.groep(aria_hidden="true"):
        for beleving in reversed(Beleving):
            y = vlak.y(beleving.value)
            nul = beleving.value == 0
            svg.lijn(
                vlak.links,
                y,
                vlak.rechts,
                y,
                stroke=KLEUR_GEDEMPT if nul else KLEUR_RASTER,
                stroke_width=1.5 if nul else 1,
            )
            svg.tekst(
                vlak.links - 8,
                y + 4,
                str(beleving.label),
                text_anchor="end",
                fill=KLEUR_TEKST if nul else KLEUR_GEDEMPT,
                font_weight="bold" if nul else None,
            )
        svg.lijn(vlak.links, vlak.boven, vlak.links, vlak.onder, stroke=KLEUR_GEDEMPT, stroke_width=1)


def _lijn(svg: Svg, punten: Sequence[_Punt], kleur: str, streepjes: str | None) -> None:
    if len(punten) > 1:
        svg.polylijn(
            [(p.x, p.y) for p in punten],
            fill="none",
            stroke=kleur,
            stroke_width=2.5,
            stroke_linejoin="round",
            stroke_dasharray=streepjes,
        )


def _tooltip(punt: _Punt) -> str:
    moment = punt.moment
    tekst = _("%(titel)s — %(reis)s, %(fase)s: %(kanaal)s, %(beleving)s") % {
        "titel": moment.titel,
        "reis": _klein(_reis_label(moment)),
        "fase": punt.fase.naam,
        "kanaal": Kanaal(moment.kanaal).label,
        "beleving": beleving_tekst(moment.beleving),
    }
    if punt.nummer:
        tekst += " — " + _("moment of truth %(nummer)d") % {"nummer": punt.nummer}
    return tekst


def _punt(svg: Svg, punt: _Punt, kleur: str, *, hol: bool) -> None:
    """A point: a round dot (current) or a hollow square (desired); a star for a moment of truth."""
    vulling = "#ffffff" if hol else kleur
    titel = _tooltip(punt)
    soort = "gewenst" if hol else "huidig"
    if punt.nummer:
        svg.veelhoek(
            ster(punt.x, punt.y, 9),
            fill=vulling,
            stroke=kleur if hol else KLEUR_TEKST,
            stroke_width=2 if hol else 1,
            stroke_linejoin="round",
            titel=titel,
            class_=f"punt punt-{soort} moment-van-waarheid",
        )
        _nummer(svg, punt)
    elif hol:
        svg.rechthoek(
            punt.x - 5,
            punt.y - 5,
            10,
            10,
            fill=vulling,
            stroke=kleur,
            stroke_width=2,
            titel=titel,
            class_=f"punt punt-{soort}",
        )
    else:
        svg.cirkel(
            punt.x,
            punt.y,
            4.5,
            fill=vulling,
            stroke="#ffffff",
            stroke_width=1.5,
            titel=titel,
            class_=f"punt punt-{soort}",
        )


def _nummer(svg: Svg, punt: _Punt) -> None:
    """The number of a moment of truth at the star's upper right, on a white backing."""
    tekst = str(punt.nummer)
    x, y = punt.x + 8, punt.y - 7
    breedte = tekstbreedte(tekst, LETTER) + 4
    with svg.groep(aria_hidden="true"):
        svg.rechthoek(x - 1, y - LETTER + 1, breedte, LETTER + 2, fill="#ffffff", fill_opacity=0.9)
        svg.tekst(x + 1, y, tekst, font_size=LETTER, font_weight="bold", class_="nummer")


def ster(x: float, y: float, straal: float, punten: int = 5) -> list[tuple[float, float]]:
    """The corners of a star around (x, y), one point straight up."""
    hoeken = []
    for i in range(2 * punten):
        r = straal if i % 2 == 0 else straal * 0.45
        hoek = math.pi * i / punten - math.pi / 2
        hoeken.append((x + r * math.cos(hoek), y + r * math.sin(hoek)))
    return hoeken


def _legenda_plaatsen(breedte: int) -> list[tuple[float, float]]:
    """Where the three legend items start: in one row, continuing on a second row when the drawing is
    too narrow."""
    breedtes = [
        42 + tekstbreedte(str(Reis.HUIDIG.label), LETTER) + 24,
        42 + tekstbreedte(str(Reis.GEWENST.label), LETTER) + 24,
        24 + tekstbreedte(_("Moment of truth (numbered)"), LETTER),
    ]
    plaatsen, x, y = [], 12.0, 18.0
    for item in breedtes:
        if x > 12 and x + item > breedte - 12:
            x, y = 12.0, y + LEGENDA_HOOGTE - 8
        plaatsen.append((x, y))
        x += item
    return plaatsen


def _legenda(svg: Svg, huidig: str, breedte: int) -> None:
    """Which line is which, and what the star means: with line, marker and words, never colour alone."""
    items = [
        (str(Reis.HUIDIG.label), huidig, None),
        (str(Reis.GEWENST.label), KLEUR_GEWENST, STREEPJES_GEWENST),
    ]
    (x1, y1), (x2, y2), (x3, y3) = _legenda_plaatsen(breedte)
    with svg.groep(aria_hidden="true", class_="legenda"):
        for (label, kleur, streepjes), (x, y) in zip(items, ((x1, y1), (x2, y2)), strict=True):
            svg.lijn(x, y - 4, x + 34, y - 4, stroke=kleur, stroke_width=2.5, stroke_dasharray=streepjes)
            if streepjes:
                svg.rechthoek(x + 12, y - 9, 10, 10, fill="#ffffff", stroke=kleur, stroke_width=2)
            else:
                svg.cirkel(x + 17, y - 4, 4.5, fill=kleur, stroke="#ffffff", stroke_width=1.5)
            svg.tekst(x + 42, y, label)
        svg.veelhoek(ster(x3 + 9, y3 - 4, 9), fill="#ffffff", stroke=KLEUR_TEKST, stroke_width=1.5)
        svg.tekst(x3 + 24, y3, _("Moment of truth (numbered)"))


def _leeg(breedte: int, titel: str) -> SafeString:
    """A small drawing that says there is nothing to draw yet."""
    hoogte = 60
    tekst = _("Nothing to draw yet: add phases and contact moments to the journey.")
    svg = Svg(
        breedte,
        hoogte,
        titel=titel,
        beschrijving=tekst,
        ident="klantreiscurve",
        class_="klantreiscurve klantreiscurve-leeg mw-100 h-auto",
        font_size=LETTER,
        fill=KLEUR_TEKST,
    )
    svg.rechthoek(
        0.5, 0.5, breedte - 1, hoogte - 1, fill="#f8f9fa", stroke=KLEUR_RASTER, stroke_width=1, rx=4
    )
    svg.tekst(
        breedte / 2, hoogte / 2 + 4, tekst, text_anchor="middle", fill=KLEUR_GEDEMPT, font_style="italic"
    )
    return svg.render()
