"""The swimlane diagram of a process version, drawn by the application as SVG.

One lane (horizontal band) per actor, in order of first appearance; one column per step, in order;
steps drawn as a shape per kind; arrows for the sequence and for a decision's branch. The same SVG
serves the page (in a horizontally scrollable container) and the PDFs (WeasyPrint), so it uses only
plain SVG: presentation attributes instead of ``style=`` (the CSP forbids inline styles), no CSS
variables, no ``foreignObject``, arrowheads as polygons instead of markers.

`swimlane_layout` is pure geometry (no Django, no database): the BPMN export uses the very same
coordinates for its diagram interchange (BPMNDI), so other tools show the map as we draw it.

Sizes are fixed per step, so 60 steps in 8 lanes stay readable: the picture grows wider, never
smaller. On the page, static/js/swimlane.js adds zoom (fit to width, 100%), lane names that stay in
view while it scrolls and a cue while there is more to see; it finds the lane names and the legend by
their groups (``swimlane-banen``, ``swimlane-legenda``) and the sizes in ``data-`` attributes. For
paper, `swimlane_rijen` draws the same process in rows of a few steps that fit a page's width.
Names wrap at word boundaries, measured with the font's widths: a word too long for its shape is drawn
smaller, and ends in an ellipsis only if even that does not fit (the ``<title>`` has the full name).
The text is built as strings (no XML library): rendering 200 steps takes milliseconds.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from wasstraat.svg import LETTERTYPE, attribuut_escapen, getal, tekst_escapen

from .choices import Kanaal, Lean, StapSoort, TijdEenheid, Verspilling
from .procesanalyse import actor_sleutel

if TYPE_CHECKING:
    from .models import ProcesStap, ProcesVersie

# --- geometry (pixels) ----------------------------------------------------------------------------

LABEL_BREEDTE = 140  # the lane names at the left
START_BREEDTE = 60  # the column of the start event
EINDE_BREEDTE = 60  # the column of the end event
KOLOM_BREEDTE = 150  # one step per column
VORM_BREEDTE = 120
VORM_HOOGTE = 64
BAAN_HOOGTE = 110
BOVENMARGE = 8
LEGENDA_HOOGTE = 56
MIN_BREEDTE = 860  # wide enough for the legend
GEBEURTENIS_STRAAL = 14  # start and end events
#: Offsets of the channels (from the lane's top or bottom) in which branch arrows run, so that
#: several branches in one lane run side by side instead of on top of each other.
KANALEN = (6, 11, 16)

START = "start"
EINDE = "einde"

# --- colours (contrast at least 4.5:1 against their background) ----------------------------------

TEKST = "#212529"
TEKST_ZACHT = "#495057"
LIJN = "#495057"
BAAN_VULLING = ("#f8f9fa", "#ffffff")
BAAN_RAND = "#adb5bd"
ROOD = "#b02a37"  # waste
ROOD_VULLING = "#fbeaec"
GROEN = "#146c43"  # value-adding
GROEN_VULLING = "#e8f3ec"
NEUTRAAL_VULLING = "#ffffff"


@dataclass(frozen=True)
class Positie:
    """Where one step (or the start or end event) is drawn: its lane, column and box."""

    baan: int
    kolom: int
    x: float
    y: float
    breedte: float
    hoogte: float

    @property
    def midden_x(self) -> float:
        return self.x + self.breedte / 2

    @property
    def midden_y(self) -> float:
        return self.y + self.hoogte / 2


@dataclass(frozen=True)
class Baan:
    """One lane: an actor's horizontal band."""

    naam: str
    y: float
    hoogte: float


@dataclass(frozen=True)
class Pijl:
    """An arrow between two steps (index in the list) or the start/end event, with its waypoints."""

    van: int | str
    naar: int | str
    punten: tuple[tuple[float, float], ...]
    vertakking: bool = False
    label: str = ""


@dataclass
class Layout:
    """The whole picture: lanes, positions per step index, start and end event, arrows, size."""

    banen: list[Baan]
    stappen: list[Positie]
    start: Positie | None
    einde: Positie | None
    pijlen: list[Pijl] = field(default_factory=list)
    breedte: float = MIN_BREEDTE
    hoogte: float = 0
    diagram_hoogte: float = 0  # without the legend


def _banen(stappen: Sequence[Any], actoren: Sequence[str] = ()) -> tuple[list[str], list[int]]:
    """The lane names in order of first appearance (after ``actoren``, lanes given beforehand), and
    each step's lane.

    Actors are one lane whatever their capitals or spaces (as in the analysis); a lane is named as
    its actor is first written.
    """
    namen: dict[str, int] = {}
    eerste: list[str] = []
    for actor in actoren:
        if actor_sleutel(actor) not in namen:
            namen[actor_sleutel(actor)] = len(eerste)
            eerste.append(actor)
    per_stap = []
    for stap in stappen:
        sleutel = actor_sleutel(stap.actor or "")
        if sleutel not in namen:
            namen[sleutel] = len(eerste)
            eerste.append(" ".join((stap.actor or "").split()))
        per_stap.append(namen[sleutel])
    return eerste, per_stap


def swimlane_layout(stappen: Sequence[Any], *, actoren: Sequence[str] = ()) -> Layout:
    """Positions per step index, the lanes and the arrows with their waypoints.

    ``stappen`` are objects with ``actor``, ``soort``, ``pk``, ``vertakking_naar_id`` and
    ``vertakking_label`` (a ProcesStap, or anything shaped like it), in order. ``actoren``: lanes to
    draw first, in this order, even without steps (the rows of a long process share their lanes).
    """
    actoren, baan_per_stap = _banen(stappen, actoren)
    banen = [Baan(naam, BOVENMARGE + i * BAAN_HOOGTE, BAAN_HOOGTE) for i, naam in enumerate(actoren)]
    x0 = LABEL_BREEDTE + START_BREEDTE
    posities = []
    for kolom, baan in enumerate(baan_per_stap):
        posities.append(
            Positie(
                baan,
                kolom,
                x0 + kolom * KOLOM_BREEDTE + (KOLOM_BREEDTE - VORM_BREEDTE) / 2,
                BOVENMARGE + baan * BAAN_HOOGTE + (BAAN_HOOGTE - VORM_HOOGTE) / 2,
                VORM_BREEDTE,
                VORM_HOOGTE,
            )
        )
    diagram_hoogte = BOVENMARGE + max(len(banen), 1) * BAAN_HOOGTE
    breedte = max(MIN_BREEDTE, x0 + len(stappen) * KOLOM_BREEDTE + EINDE_BREEDTE + 10)
    layout = Layout(banen, posities, None, None, breedte=breedte, diagram_hoogte=diagram_hoogte)
    layout.hoogte = diagram_hoogte + LEGENDA_HOOGTE
    if not stappen:
        return layout
    d = 2 * GEBEURTENIS_STRAAL
    eerste, laatste = posities[0], posities[-1]
    layout.start = Positie(
        eerste.baan, -1, LABEL_BREEDTE + (START_BREEDTE - d) / 2, eerste.midden_y - d / 2, d, d
    )
    layout.einde = Positie(
        laatste.baan,
        len(stappen),
        x0 + len(stappen) * KOLOM_BREEDTE + (EINDE_BREEDTE - d) / 2,
        laatste.midden_y - d / 2,
        d,
        d,
    )
    layout.pijlen = _pijlen(stappen, layout)
    return layout


def _volg_pijl(van: Positie, naar: Positie, bron: int | str, doel: int | str) -> Pijl:
    """From the right of one shape to the left of the next; a change of lane bends in the gap."""
    x1, y1 = van.x + van.breedte, van.midden_y
    x2, y2 = naar.x, naar.midden_y
    if abs(y1 - y2) < 0.5:
        return Pijl(bron, doel, ((x1, y1), (x2, y2)))
    xm = (x1 + x2) / 2
    return Pijl(bron, doel, ((x1, y1), (xm, y1), (xm, y2), (x2, y2)))


def _pijlen(stappen: Sequence[Any], layout: Layout) -> list[Pijl]:
    posities = layout.stappen
    pijlen = [_volg_pijl(layout.start, posities[0], START, 0)]
    for i in range(len(stappen) - 1):
        pijlen.append(_volg_pijl(posities[i], posities[i + 1], i, i + 1))
    pijlen.append(_volg_pijl(posities[-1], layout.einde, len(stappen) - 1, EINDE))
    index = {stap.pk: i for i, stap in enumerate(stappen) if stap.pk is not None}
    teller: dict[tuple[int, bool], int] = {}
    for i, stap in enumerate(stappen):
        doel = index.get(getattr(stap, "vertakking_naar_id", None))
        if doel is None or stap.soort != StapSoort.BESLISSING or doel == i:
            continue
        van, naar = posities[i], posities[doel]
        onder = naar.baan > van.baan
        n = teller.get((van.baan, onder), 0)
        teller[(van.baan, onder)] = n + 1
        pijlen.append(
            Pijl(i, doel, _vertakking_route(van, naar, onder, n), True, stap.vertakking_label or "")
        )
    return pijlen


def _vertakking_route(van: Positie, naar: Positie, onder: bool, n: int) -> tuple[tuple[float, float], ...]:
    """Out of the diamond's top (or bottom) point, along a channel at the lane's edge, into the target.

    Each column holds exactly one step, so the vertical legs (in the decision's and the target's
    column) never cross another shape, and the channel runs between the shapes and the lane's edge.
    """
    baan_boven = BOVENMARGE + van.baan * BAAN_HOOGTE
    kanaal = KANALEN[n % len(KANALEN)]
    y_kanaal = baan_boven + BAAN_HOOGTE - kanaal if onder else baan_boven + kanaal
    x1 = van.midden_x
    y1 = van.y + van.hoogte if onder else van.y
    # Arrive a little left of the middle, so the arrowhead stays clear of the target's own exits.
    x2 = naar.midden_x - 12
    if naar.baan < van.baan or (naar.baan == van.baan and not onder):
        y2 = naar.y + (naar.hoogte if naar.baan < van.baan else 0)
    else:
        y2 = naar.y
    return ((x1, y1), (x1, y_kanaal), (x2, y_kanaal), (x2, y2))


# --- drawing ----------------------------------------------------------------------------------------


def _e(tekst: Any) -> str:
    """Text or an attribute value, escaped (quotes too, so it is safe in both places)."""
    return attribuut_escapen(tekst) if '"' in str(tekst) else tekst_escapen(tekst)


def _f(getal: float) -> str:
    """A coordinate: at most one decimal, none when it is whole (smaller SVG, stable output)."""
    return f"{getal:.1f}".removesuffix(".0")


def tekst_afbreken(tekst: str, tekens: int, regels: int = 3) -> list[str]:
    """Wrap ``tekst`` at word boundaries into at most ``regels`` lines of ``tekens`` characters.

    Never inside a word: a word longer than a line ends in an ellipsis, and so does the last line
    when text is left out (the full text is in the step's ``<title>``).
    """
    return _omslaan(tekst, regels, lambda regel: len(regel) <= tekens)


def _omslaan(tekst: str, regels: int, past: Callable[[str], bool]) -> list[str]:
    """``tekst`` over at most ``regels`` lines at word boundaries, as much on a line as ``past`` allows."""
    uit: list[str] = []
    for woord in tekst.split():
        if uit and past(f"{uit[-1]} {woord}"):
            uit[-1] += f" {woord}"
        else:
            uit.append(woord if past(woord) else _ingekort(woord, past))
    if len(uit) > regels:
        uit = uit[:regels]
        uit[-1] = _ingekort(uit[-1], past, altijd=True)
    return uit


def _ingekort(tekst: str, past: Callable[[str], bool], altijd: bool = False) -> str:
    """``tekst`` ending in an ellipsis that fits: whole words off first, then characters of a last word."""
    if not altijd and past(tekst):
        return tekst
    woorden = tekst.split()
    while len(woorden) > 1 and not past(" ".join(woorden) + "…"):
        woorden.pop()
    kort = " ".join(woorden)
    while len(kort) > 1 and not past(kort + "…"):
        kort = kort[:-1]
    return kort.rstrip(" -") + "…"


#: The width of each character in DejaVu Sans (the font of the PDFs, close to Verdana in the browser),
#: in thousandths of the font size; other characters count as wide as an "n".
_BREEDTES = {
    **dict.fromkeys("ijl'|", 278), **dict.fromkeys(" .,", 318), **dict.fromkeys(":;/", 337),
    **dict.fromkeys("IJ", 295), **dict.fromkeys("ft", 372), "r": 411, "-": 361, "(": 390, ")": 390,
    "!": 401, "?": 531, "s": 521, "z": 525, **dict.fromkeys("cçk", 560), **dict.fromkeys("vxyL", 590),
    **dict.fromkeys("aeéëèàäoöóò", 614), **dict.fromkeys("0123456789bdghnpquüú", 634), "m": 974,
    "w": 818, "W": 989, "M": 863, **dict.fromkeys("FPTYZ", 611), **dict.fromkeys("CDGHNOQU", 760),
    "…": 1000, "–": 500,
}  # fmt: skip
_VET = 1.12  # bold is about this much wider


@functools.lru_cache(maxsize=8192)
def tekstbreedte(tekst: str, grootte: float, vet: bool = False) -> float:
    """The width of ``tekst`` in pixels at font size ``grootte`` (DejaVu Sans metrics, a little generous)."""
    duizendsten = sum(_BREEDTES.get(teken, 684 if teken.isupper() else 634) for teken in tekst)
    return duizendsten * grootte / 1000 * (_VET if vet else 1) * 1.03


LETTER = 11  # the names inside the shapes and of the lanes
MIN_LETTER = 8.5  # a name with a word too long for its shape is drawn smaller, down to this


def tekst_passend(
    tekst: str, breedte: float, *, regels: int = 3, grootte: float = LETTER, vet: bool = False
) -> tuple[list[str], float]:
    """``tekst`` fitted into ``breedte`` pixels: the lines (wrapped at word boundaries) and the font size.

    A word too long for a line is drawn smaller (down to `MIN_LETTER`) rather than broken; one that
    still does not fit ends in an ellipsis, as does the last line when text is left out.
    """
    regels_, grootte = _passend(tekst, breedte, regels, grootte, vet)
    return list(regels_), grootte


@functools.lru_cache(maxsize=4096)
def _passend(
    tekst: str, breedte: float, regels: int, grootte: float, vet: bool
) -> tuple[tuple[str, ...], float]:
    # Remembered: a page draws the same names again (the screen and the print drawing, every request),
    # and fitting a name measures it word by word.
    woorden = tekst.split()
    if not woorden:
        return (), grootte
    langste = max(tekstbreedte(woord, grootte, vet) for woord in woorden)
    if langste > breedte:
        grootte = max(MIN_LETTER, math.floor(2 * grootte * breedte / langste) / 2)
    return tuple(_omslaan(tekst, regels, lambda regel: tekstbreedte(regel, grootte, vet) <= breedte)), grootte


#: The room for a step's name inside each shape, in pixels (a diamond narrows towards its points).
TEKSTBREEDTE = {
    StapSoort.ACTIE: 106,
    StapSoort.BESLISSING: 72,
    StapSoort.WACHTEN: 80,
    StapSoort.OVERDRACHT: 90,
}


def _vorm(soort: str, p: Positie, rand: str, vulling: str, dikte: str) -> str:
    x, y, b, h = p.x, p.y, p.breedte, p.hoogte
    attrs = f'fill="{vulling}" stroke="{rand}" stroke-width="{dikte}"'
    if soort == StapSoort.BESLISSING:
        punten = (
            f"{_f(x + b / 2)},{_f(y)} {_f(x + b)},{_f(y + h / 2)} "
            f"{_f(x + b / 2)},{_f(y + h)} {_f(x)},{_f(y + h / 2)}"
        )
        return f'<polygon points="{punten}" {attrs}/>'
    if soort == StapSoort.WACHTEN:
        # The flowchart "delay" shape: flat on the left, round on the right, with a small clock.
        r = h / 2
        pad = (
            f"M{_f(x)},{_f(y)} H{_f(x + b - r)} A{_f(r)},{_f(r)} 0 0 1 {_f(x + b - r)},{_f(y + h)} H{_f(x)} Z"
        )
        cx, cy = x + 11, y + 11
        klok = (
            f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="6" fill="#ffffff" stroke="{TEKST_ZACHT}" '
            f'stroke-width="1.2"/><path d="M{_f(cx)},{_f(cy - 4)} V{_f(cy)} H{_f(cx + 3)}" fill="none" '
            f'stroke="{TEKST_ZACHT}" stroke-width="1.2"/>'
        )
        return f'<path d="{pad}" {attrs}/>{klok}'
    if soort == StapSoort.OVERDRACHT:
        punt = 16
        punten = (
            f"{_f(x)},{_f(y)} {_f(x + b - punt)},{_f(y)} {_f(x + b)},{_f(y + h / 2)} "
            f"{_f(x + b - punt)},{_f(y + h)} {_f(x)},{_f(y + h)}"
        )
        return f'<polygon points="{punten}" {attrs}/>'
    return f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(b)}" height="{_f(h)}" rx="9" {attrs}/>'


def _tekst(
    regels: list[str], grootte: float, cx: float, cy: float, vet: bool = False, kleur: str = TEKST
) -> str:
    if not regels:
        return ""
    hoogte = grootte + 2
    y0 = cy - (len(regels) - 1) * hoogte / 2 + grootte * 0.35
    gewicht = ' font-weight="bold"' if vet else ""
    delen = [
        f'<text x="{_f(cx)}" y="{_f(y0)}" text-anchor="middle" font-size="{_f(grootte)}"{gewicht} '
        f'fill="{kleur}">'
    ]
    for i, regel in enumerate(regels):
        dy = "0" if i == 0 else _f(hoogte)
        delen.append(f'<tspan x="{_f(cx)}" dy="{dy}">{_e(regel)}</tspan>')
    delen.append("</text>")
    return "".join(delen)


def _pijlpunt(a: tuple[float, float], b: tuple[float, float], kleur: str) -> str:
    """A filled triangle at ``b``, pointing from ``a`` (markers are unreliable in PDF renderers)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    lengte = math.hypot(dx, dy) or 1
    ux, uy = dx / lengte, dy / lengte
    lang, half = 8, 4
    bx, by = b[0] - ux * lang, b[1] - uy * lang
    p1 = (bx - uy * half, by + ux * half)
    p2 = (bx + uy * half, by - ux * half)
    return (
        f'<polygon points="{_f(b[0])},{_f(b[1])} {_f(p1[0])},{_f(p1[1])} {_f(p2[0])},{_f(p2[1])}" '
        f'fill="{kleur}"/>'
    )


def _pijl_svg(pijl: Pijl) -> str:
    punten = " ".join(f"{_f(x)},{_f(y)}" for x, y in pijl.punten)
    kleur = TEKST if pijl.vertakking else LIJN
    streep = ' stroke-dasharray="6 3"' if pijl.vertakking else ""
    delen = [
        f'<polyline points="{punten}" fill="none" stroke="{kleur}" stroke-width="1.5"{streep}/>',
        _pijlpunt(pijl.punten[-2], pijl.punten[-1], kleur),
    ]
    if pijl.vertakking and pijl.label:
        # On the horizontal leg, next to where it leaves the decision, on a light background.
        (x1, _), (_, yk) = pijl.punten[0], pijl.punten[1]
        links = pijl.punten[2][0] < x1
        label = tekst_afbreken(pijl.label, 20, 1)[0]
        breedte = len(label) * 5.6 + 6
        lx = x1 - 4 - breedte if links else x1 + 4
        delen.append(
            f'<rect x="{_f(lx)}" y="{_f(yk - 6)}" width="{_f(breedte)}" height="12" rx="2" '
            f'fill="#ffffff" stroke="{kleur}" stroke-width="0.5"/>'
            f'<text x="{_f(lx + 3)}" y="{_f(yk + 3.5)}" font-size="9.5" fill="{TEKST}">{_e(label)}</text>'
        )
    return "".join(delen)


@dataclass(frozen=True)
class _Teksten:
    """Interface words, translated once per drawing instead of once per step; times remembered."""

    soort: dict[str, str]
    lean: dict[str, str]
    verspilling: dict[str, str]
    kanalen: dict[str, str]
    actor: str
    soort_label: str
    kanaal: str
    tijden: str
    geen_actor: str
    _tijden: dict[tuple[Any, str], str] = field(default_factory=dict)

    def tijd(self, waarde: Any, eenheid: str) -> str:
        """ "2,5 uur", "1 werkdag", "30 min": the time as entered, in the user's language."""
        sleutel = (waarde, eenheid)
        if sleutel not in self._tijden:
            meervoud = 1 if waarde == 1 else 2
            aantal = getal(waarde)
            if eenheid == TijdEenheid.DAGEN:
                tekst = ngettext("%(aantal)s working day", "%(aantal)s working days", meervoud)
            elif eenheid == TijdEenheid.UREN:
                tekst = ngettext("%(aantal)s hour", "%(aantal)s hours", meervoud)
            else:
                tekst = gettext("%(aantal)s min")
            self._tijden[sleutel] = tekst % {"aantal": aantal}
        return self._tijden[sleutel]


def _teksten() -> _Teksten:
    return _Teksten(
        soort={k.value: str(k.label) for k in StapSoort},
        lean={k.value: str(k.label) for k in Lean},
        verspilling={k.value: str(k.label) for k in Verspilling},
        kanalen={k.value: str(k.label) for k in Kanaal},
        actor=gettext("Actor"),
        soort_label=gettext("Kind"),
        kanaal=gettext("Channel"),
        tijden=gettext("Processing time %(bewerking)s, waiting time %(wachten)s"),
        geen_actor=gettext("(no actor)"),
    )


def _stap_titel(nummer: int, stap: Any, t: _Teksten) -> str:
    lean = t.lean.get(stap.lean, stap.lean)
    if stap.lean == Lean.VERSPILLING and stap.verspilling:
        lean = f"{lean}: {t.verspilling.get(stap.verspilling, stap.verspilling)}"
    tijden = t.tijden % {
        "bewerking": t.tijd(stap.bewerkingstijd, stap.bewerkingstijd_eenheid),
        "wachten": t.tijd(stap.wachttijd, stap.wachttijd_eenheid),
    }
    regels = [
        f"{nummer}. {stap.naam}",
        f"{t.actor}: {stap.actor or t.geen_actor}",
        f"{t.soort_label}: {t.soort.get(stap.soort, stap.soort)}",
        f"{t.kanaal}: {t.kanalen.get(stap.kanaal, stap.kanaal)}",
        tijden,
        f"LEAN: {lean}",
    ]
    return "\n".join(regels)


def _stap_svg(nummer: int, stap: Any, p: Positie, t: _Teksten) -> str:
    if stap.lean == Lean.VERSPILLING:
        rand, vulling, dikte, klasse = ROOD, ROOD_VULLING, "3", "verspilling"
    elif stap.lean == Lean.WAARDE:
        rand, vulling, dikte, klasse = GROEN, GROEN_VULLING, "2", "waarde"
    else:
        rand, vulling, dikte, klasse = LIJN, NEUTRAAL_VULLING, "1.5", "nodig"
    soort = stap.soort if stap.soort in TEKSTBREEDTE else StapSoort.ACTIE
    cx = p.midden_x - (6 if soort in (StapSoort.WACHTEN, StapSoort.OVERDRACHT) else 0)
    if soort == StapSoort.WACHTEN:
        cx += 4
    delen = [
        f'<g class="swimlane-stap swimlane-{klasse}" data-stap="{nummer}">',
        f"<title>{_e(_stap_titel(nummer, stap, t))}</title>",
        _vorm(soort, p, rand, vulling, dikte),
        _tekst(*tekst_passend(stap.naam or "", TEKSTBREEDTE[soort]), cx, p.midden_y),
        # The step's number, as in the table beside the diagram.
        f'<text x="{_f(p.x + (24 if soort == StapSoort.WACHTEN else 5))}" y="{_f(p.y + 11)}" '
        f'font-size="9" fill="{TEKST_ZACHT}">{nummer}</text>',
    ]
    if stap.lean == Lean.VERSPILLING:
        # Not only colour: a "V" (verspilling) badge on the corner (above the edge, for a diamond).
        if soort == StapSoort.BESLISSING:
            bx, by = p.midden_x + 36, p.y + 5
        else:
            bx, by = p.x + p.breedte - 4, p.y + 2
        delen.append(
            f'<circle cx="{_f(bx)}" cy="{_f(by)}" r="9" fill="{ROOD}" stroke="#ffffff" stroke-width="1.5"/>'
            f'<text x="{_f(bx)}" y="{_f(by + 4)}" text-anchor="middle" font-size="11" font-weight="bold" '
            f'fill="#ffffff">V</text>'
        )
    delen.append("</g>")
    return "".join(delen)


def _baan_svg(i: int, baan: Baan, breedte: float) -> str:
    """A lane's band across the whole diagram."""
    vulling = BAAN_VULLING[i % 2]
    return (
        f'<rect x="0" y="{_f(baan.y)}" width="{_f(breedte)}" height="{_f(baan.hoogte)}" fill="{vulling}" '
        f'stroke="{BAAN_RAND}" stroke-width="1"/>'
    )


#: The lane names' column: its width inside `LABEL_BREEDTE`, and the room for the text in it.
LABEL_KOLOM = LABEL_BREEDTE - 6
LABEL_TEKST = LABEL_KOLOM - 14
AANTAL_LETTER = 10  # the number of steps under a lane's name


def _baanlabels_svg(layout: Layout, geen_actor: str) -> str:
    """The lane names at the left, each with its number of steps (so a lane whose steps lie further
    to the right does not look empty). One group: the page keeps a copy of it in view while the
    diagram scrolls sideways."""
    aantallen = Counter(p.baan for p in layout.stappen)
    delen = ['<g class="swimlane-banen">']
    for i, baan in enumerate(layout.banen):
        regels, grootte = tekst_passend(baan.naam or geen_actor, LABEL_TEKST, vet=True)
        aantal = ngettext("%(n)d step", "%(n)d steps", aantallen[i]) % {"n": aantallen[i]}
        blok = len(regels) * (grootte + 2) + AANTAL_LETTER + 4
        boven = baan.y + (baan.hoogte - blok) / 2
        delen.append(
            f'<rect x="0" y="{_f(baan.y)}" width="{LABEL_KOLOM}" height="{_f(baan.hoogte)}" '
            f'fill="#e9ecef" stroke="{BAAN_RAND}" stroke-width="1"/>'
            + _tekst(regels, grootte, LABEL_KOLOM / 2, boven + len(regels) * (grootte + 2) / 2, vet=True)
            + f'<text x="{_f(LABEL_KOLOM / 2)}" y="{_f(boven + blok - 2)}" text-anchor="middle" '
            f'font-size="{AANTAL_LETTER}" fill="{TEKST_ZACHT}">{_e(aantal)}</text>'
        )
    delen.append("</g>")
    return "".join(delen)


def _gebeurtenis_svg(p: Positie, einde: bool, titel: str) -> str:
    return (
        f"<g><title>{_e(titel)}</title>"
        f'<circle cx="{_f(p.midden_x)}" cy="{_f(p.midden_y)}" r="{GEBEURTENIS_STRAAL}" fill="#ffffff" '
        f'stroke="{TEKST}" stroke-width="{4 if einde else 1.5}"/></g>'
    )


def _legenda_svg(y: float) -> str:
    """What the shapes and marks mean, drawn with the same shapes; each entry a group of its own
    (``swimlane-legenda-item``), so the page can let the entries wrap in a narrow column."""
    items = [
        (StapSoort.ACTIE, Lean.NODIG, gettext("Action")),
        (StapSoort.BESLISSING, Lean.NODIG, gettext("Decision")),
        (StapSoort.WACHTEN, Lean.NODIG, gettext("Wait")),
        (StapSoort.OVERDRACHT, Lean.NODIG, gettext("Handover")),
        (StapSoort.ACTIE, Lean.WAARDE, gettext("Value-adding")),
        (StapSoort.ACTIE, Lean.VERSPILLING, gettext("Waste (V)")),
    ]
    legenda = gettext("Legend")  # not inside the f-string: xgettext would not see it
    delen = [
        f'<g class="swimlane-legenda"><g class="swimlane-legenda-item"><text x="8" y="{_f(y + 30)}" '
        f'font-size="11" font-weight="bold" fill="{TEKST}">{_e(legenda)}</text></g>'
    ]
    x = 70.0
    for soort, lean, label in items:
        p = Positie(0, 0, x, y + 14, 40, 24)
        rand, vulling, dikte = {
            Lean.VERSPILLING: (ROOD, ROOD_VULLING, "3"),
            Lean.WAARDE: (GROEN, GROEN_VULLING, "2"),
        }.get(lean, (LIJN, NEUTRAAL_VULLING, "1.5"))
        vorm = _vorm(soort, p, rand, vulling, dikte)
        if soort == StapSoort.WACHTEN:
            vorm = vorm.split("<circle")[0]  # no clock in the small sample
        delen.append(f'<g class="swimlane-legenda-item">{vorm}')
        if lean == Lean.VERSPILLING:
            delen.append(
                f'<circle cx="{_f(x + 38)}" cy="{_f(y + 15)}" r="7" fill="{ROOD}"/>'
                f'<text x="{_f(x + 38)}" y="{_f(y + 18.5)}" text-anchor="middle" font-size="9" '
                f'font-weight="bold" fill="#ffffff">V</text>'
            )
        delen.append(
            f'<text x="{_f(x + 48)}" y="{_f(y + 30)}" font-size="11" fill="{TEKST}">{_e(label)}</text></g>'
        )
        x += 48 + tekstbreedte(label, 11) + 22
    vertakking = gettext("Branch")  # not inside the f-string: xgettext would not see it
    delen.append(
        f'<g class="swimlane-legenda-item"><polyline points="{_f(x)},{_f(y + 26)} {_f(x + 34)},{_f(y + 26)}" '
        f'fill="none" stroke="{TEKST}" stroke-width="1.5" stroke-dasharray="6 3"/>'
        f'<text x="{_f(x + 40)}" y="{_f(y + 30)}" font-size="11" fill="{TEKST}">'
        f"{_e(vertakking)}</text></g></g>"
    )
    return "".join(delen)


def _kop(ident: str, breedte: float, hoogte: float, diagram_hoogte: float, klasse: str) -> str:
    b, h = _f(breedte), _f(hoogte)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{klasse}" width="{b}" height="{h}" '
        f'viewBox="0 0 {b} {h}" role="img" aria-labelledby="{ident}-titel {ident}-desc" '
        f'font-family="{LETTERTYPE}" data-labelbreedte="{LABEL_KOLOM}" '
        f'data-diagramhoogte="{_f(diagram_hoogte)}">'
    )


def _beschrijving(naam: str, stappen: Sequence[Any], banen: int) -> str:
    verspillingen = sum(1 for s in stappen if s.lean == Lean.VERSPILLING)
    return " ".join(
        [
            ngettext(
                "Swimlane diagram of %(naam)s: %(n)d step",
                "Swimlane diagram of %(naam)s: %(n)d steps",
                len(stappen),
            )
            % {"naam": naam, "n": len(stappen)},
            ngettext("in %(n)d lane,", "in %(n)d lanes,", banen) % {"n": banen},
            ngettext("%(n)d waste step.", "%(n)d waste steps.", verspillingen) % {"n": verspillingen},
        ]
    )


def _verbinding_svg(p: Positie, letter: str, titel: str) -> str:
    """Where a row of a long process continues: a circle with a letter, the same at both ends."""
    return (
        f"<g><title>{_e(titel)}</title>"
        f'<circle cx="{_f(p.midden_x)}" cy="{_f(p.midden_y)}" r="{GEBEURTENIS_STRAAL}" fill="#e9ecef" '
        f'stroke="{TEKST}" stroke-width="1.5"/>'
        f'<text x="{_f(p.midden_x)}" y="{_f(p.midden_y + 4)}" text-anchor="middle" font-size="12" '
        f'font-weight="bold" fill="{TEKST}">{_e(letter)}</text></g>'
    )


def _verwijzing_svg(p: Positie, naar: int, label: str) -> str:
    """A decision's branch to a step in another row: a short dashed line up, and where it goes."""
    baan_boven = BOVENMARGE + p.baan * BAAN_HOOGTE
    y = baan_boven + KANALEN[0]
    tekst = gettext("to step %(nummer)d") % {"nummer": naar}
    if label:
        tekst = f"{tekst}: {tekst_afbreken(label, 20, 1)[0]}"
    breedte = tekstbreedte(tekst, 9.5) + 6
    return (
        f'<polyline points="{_f(p.midden_x)},{_f(p.y)} {_f(p.midden_x)},{_f(y)}" fill="none" '
        f'stroke="{TEKST}" stroke-width="1.5" stroke-dasharray="6 3"/>'
        f'<rect x="{_f(p.midden_x + 4)}" y="{_f(y - 6)}" width="{_f(breedte)}" height="12" rx="2" '
        f'fill="#ffffff" stroke="{TEKST}" stroke-width="0.5"/>'
        f'<text x="{_f(p.midden_x + 7)}" y="{_f(y + 3.5)}" font-size="9.5" fill="{TEKST}">{_e(tekst)}</text>'
    )


@dataclass(frozen=True)
class _Rij:
    """Where a drawing sits in a long process drawn in rows: its first step number, the letters of the
    connections to the row before and after ("" for the process's own start and end), and the number
    of every step of the whole process (for branches to another row)."""

    eerste: int = 1
    van: str = ""
    naar: str = ""
    nummers: dict[int, int] = field(default_factory=dict)


def _inhoud(stappen: Sequence[Any], layout: Layout, t: _Teksten, rij: _Rij) -> list[str]:
    """Lanes, their names, the arrows, the start and end (or the connections), the steps, the branches."""
    delen = [_baan_svg(i, baan, layout.breedte) for i, baan in enumerate(layout.banen)]
    if layout.banen:
        delen.append(_baanlabels_svg(layout, t.geen_actor))
    delen.extend(_pijl_svg(p) for p in layout.pijlen if not p.vertakking)
    if layout.start and layout.einde:
        if rij.van:
            titel = gettext("Continued from the previous row (%(letter)s)") % {"letter": rij.van}
            delen.append(_verbinding_svg(layout.start, rij.van, titel))
        else:
            delen.append(_gebeurtenis_svg(layout.start, False, gettext("Start of the process")))
        if rij.naar:
            titel = gettext("Continues in the next row (%(letter)s)") % {"letter": rij.naar}
            delen.append(_verbinding_svg(layout.einde, rij.naar, titel))
        else:
            delen.append(_gebeurtenis_svg(layout.einde, True, gettext("End of the process")))
    in_rij = {s.pk for s in stappen}
    for nummer, (stap, positie) in enumerate(zip(stappen, layout.stappen, strict=True), start=rij.eerste):
        delen.append(_stap_svg(nummer, stap, positie, t))
        doel = getattr(stap, "vertakking_naar_id", None)
        if stap.soort == StapSoort.BESLISSING and doel in rij.nummers and doel not in in_rij:
            delen.append(_verwijzing_svg(positie, rij.nummers[doel], stap.vertakking_label or ""))
    # Branches last, so their labels lie on top of the lanes and shapes they pass.
    delen.extend(_pijl_svg(p) for p in layout.pijlen if p.vertakking)
    return delen


def swimlane_svg(*, versie: ProcesVersie, stappen: Sequence[ProcesStap] | None = None) -> SafeString:
    """The swimlane diagram of ``versie`` as an inline SVG element (safe to put in a template).

    ``stappen``: the version's steps, already fetched and in order; fetched when not given.
    """
    if stappen is None:
        stappen = list(versie.stappen.all())
    return _swimlane(versie, stappen, f"swimlane-{versie.pk or 'nieuw'}")


def _swimlane(versie: ProcesVersie, stappen: Sequence[ProcesStap], ident: str) -> SafeString:
    layout = swimlane_layout(stappen)
    titel = gettext("Swimlane diagram of %(naam)s") % {"naam": versie.naam}
    delen = [
        _kop(ident, layout.breedte, layout.hoogte, layout.diagram_hoogte, "swimlane"),
        f'<title id="{ident}-titel">{_e(titel)}</title>',
        f'<desc id="{ident}-desc">{_e(_beschrijving(versie.naam, stappen, len(layout.banen)))}</desc>',
    ]
    if not stappen:
        delen.append(
            f'<text x="{LABEL_BREEDTE}" y="{BOVENMARGE + BAAN_HOOGTE / 2}" font-size="13" fill="{TEKST}">'
            f"{_e(gettext('This process version has no steps yet.'))}</text>"
        )
    delen.extend(_inhoud(stappen, layout, _teksten(), _Rij()))
    delen.append(_legenda_svg(layout.diagram_hoogte))
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308  every text above is escaped with _e()


#: Steps per row when a process is printed: about 870 pixels wide, so on an A4 page the names stay
#: about 6 pt (the drawing of the whole process would shrink them to 3 pt at twelve steps).
PER_RIJ = 4


def _letter(n: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 26] + (str(n // 26) if n >= 26 else "")


def swimlane_rijen(
    *, versie: ProcesVersie, stappen: Sequence[ProcesStap] | None = None, per_rij: int = PER_RIJ
) -> list[SafeString]:
    """The diagram of ``versie`` in rows of ``per_rij`` steps, one SVG per row, for paper: each row
    fits the width of a page and a page may break between rows.

    Every row has all the lanes, in the same order; a lettered circle marks where a row continues in
    the next; a decision's branch to a step in another row names that step. The legend closes the last
    row. A process of at most ``per_rij`` steps is one drawing, as on the screen (with ids of its own,
    so both can be on one page).
    """
    if stappen is None:
        stappen = list(versie.stappen.all())
    if len(stappen) <= per_rij:
        return [_swimlane(versie, stappen, f"swimlane-{versie.pk or 'nieuw'}-afdruk")]
    actoren, _ = _banen(stappen)
    nummers = {s.pk: i for i, s in enumerate(stappen, start=1) if s.pk is not None}
    delen_per_rij = [stappen[i : i + per_rij] for i in range(0, len(stappen), per_rij)]
    t = _teksten()
    rijen = []
    for r, rij in enumerate(delen_per_rij):
        layout = swimlane_layout(rij, actoren=actoren)
        laatste = r == len(delen_per_rij) - 1
        eerste = r * per_rij + 1
        ident = f"swimlane-{versie.pk or 'nieuw'}-rij{r + 1}"
        titel = gettext("Swimlane diagram of %(naam)s, steps %(van)d–%(tot)d of %(n)d") % {
            "naam": versie.naam,
            "van": eerste,
            "tot": eerste + len(rij) - 1,
            "n": len(stappen),
        }
        hoogte = layout.hoogte if laatste else layout.diagram_hoogte
        plaats = _Rij(eerste, _letter(r - 1) if r else "", "" if laatste else _letter(r), nummers)
        delen = [
            _kop(ident, layout.breedte, hoogte, layout.diagram_hoogte, "swimlane swimlane-rij"),
            f'<title id="{ident}-titel">{_e(titel)}</title>',
            f'<desc id="{ident}-desc">{_e(_beschrijving(versie.naam, rij, len(layout.banen)))}</desc>',
            *_inhoud(rij, layout, t, plaats),
        ]
        if laatste:
            delen.append(_legenda_svg(layout.diagram_hoogte))
        delen.append("</svg>")
        rijen.append(mark_safe("".join(delen)))  # noqa: S308  every text is escaped with _e()
    return rijen
