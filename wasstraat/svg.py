"""Small helpers to draw SVG in Python: escaping, numbers and dates as the user's language writes them,
and a builder that writes the markup.

Diagrams (the KPI charts, the swimlane) are drawn on the server as inline SVG: readable without
JavaScript, and the same markup serves the page and WeasyPrint's PDFs. The Content Security Policy
forbids ``style`` attributes, so everything is drawn with SVG presentation attributes (``fill``,
``stroke``, ``font-size``, ...); the builder refuses ``style``. This module imports nothing from the
apps.

    svg = Svg(400, 200, titel="Doorlooptijd", beschrijving="Nulmeting 56 dagen ...", ident="kpi-3")
    svg.lijn(10, 190, 390, 190, stroke="#495057")
    with svg.groep(font_size=12):
        svg.tekst(10, 20, "Streefwaarde 28 dagen", fill="#146c43")
    html = svg.render()     # a SafeString, ready for a template or an image/svg+xml response

Attribute names are written the Python way and translated: ``stroke_width`` becomes
``stroke-width``, ``class_`` becomes ``class``; ``None`` leaves an attribute out.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from xml.sax.saxutils import escape

from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe

SVG_NAAMRUIMTE = "http://www.w3.org/2000/svg"

#: A font that WeasyPrint finds on the server (DejaVu Sans, see docs/architecture.md) and the
#: browser's sans-serif otherwise.
LETTERTYPE = "DejaVu Sans, Verdana, Arial, sans-serif"

#: Colours with at least 4.5:1 contrast on white (text) or 3:1 (lines and shapes, WCAG 1.4.11).
KLEUR_TEKST = "#212529"
KLEUR_GEDEMPT = "#495057"
KLEUR_RASTER = "#dee2e6"

#: The most decimals `getal` shows when not told how many.
MAX_DECIMALEN = 4


# --- text and numbers ---------------------------------------------------------------------------


def tekst_escapen(tekst: object) -> str:
    """Text content for XML: &, < and > escaped."""
    return escape(str(tekst))


def attribuut_escapen(waarde: object) -> str:
    """An attribute value for XML (between double quotes)."""
    return escape(str(waarde), {'"': "&quot;", "\n": "&#10;"})


def coordinaat(waarde: float | int | Decimal) -> str:
    """A coordinate or length for the markup: at most two decimals, always with a decimal point."""
    tekst = f"{float(waarde):.2f}".rstrip("0").rstrip(".")
    return "0" if tekst in ("-0", "") else tekst


def _als_decimal(waarde: float | int | Decimal) -> Decimal:
    if isinstance(waarde, Decimal):
        return waarde
    if isinstance(waarde, float):
        return Decimal(repr(round(waarde, 10)))
    return Decimal(waarde)


def getal(waarde: float | int | Decimal, decimalen: int | None = None) -> str:
    """A number as the active language writes it: "42,5" in Dutch, "42.5" in English.

    Without `decimalen`, trailing zeros go (a stored 42.50 reads "42,5", 56.00 reads "56") and at most
    `MAX_DECIMALEN` decimals are shown. Rounded, never cut off.
    """
    try:
        decimaal = _als_decimal(waarde)
    except (InvalidOperation, ValueError):
        return str(waarde)
    if not decimaal.is_finite():
        return str(waarde)
    if decimalen is None:
        decimaal = round(decimaal, MAX_DECIMALEN)
        decimalen = max(0, -decimaal.normalize().as_tuple().exponent)
    return number_format(round(decimaal, decimalen), decimal_pos=decimalen, use_l10n=True)


def met_eenheid(waarde: float | int | Decimal, eenheid: str, decimalen: int | None = None) -> str:
    """A number with its unit: "56 dagen", "6,4 rapportcijfer"; a percentage sign follows directly ("71%")."""
    tekst = getal(waarde, decimalen)
    eenheid = (eenheid or "").strip()
    if not eenheid:
        return tekst
    if eenheid == "%":
        return f"{tekst}%"
    return f"{tekst}\N{NO-BREAK SPACE}{eenheid}"


def datum(waarde: dt.date, formaat: str = "j F Y") -> str:
    """A date as the active language writes it ("1 oktober 2026")."""
    return date_format(waarde, formaat)


def tekstbreedte(tekst: str, grootte: float) -> float:
    """A rough width of `tekst` at font size `grootte` (for placing labels; no font metrics needed)."""
    smal = sum(1 for teken in tekst if teken in "il.,:;'|!1 ")
    return (len(tekst) - smal) * grootte * 0.58 + smal * grootte * 0.3


def afbreken(tekst: str, max_tekens: int, max_regels: int | None = None) -> list[str]:
    """`tekst` split over lines of at most `max_tekens` characters, at word boundaries.

    With `max_regels`, the last line that fits ends in an ellipsis when text was left out.
    """
    regels = textwrap.wrap(tekst, width=max(1, max_tekens), break_long_words=True) or [""]
    if max_regels is not None and len(regels) > max_regels:
        regels = regels[:max_regels]
        laatste = regels[-1]
        regels[-1] = (laatste[: max(0, max_tekens - 1)].rstrip() or laatste[:1]) + "…"
    return regels


def mooie_stap(bereik: float, aantal: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that divides `bereik` in about `aantal` parts."""
    if bereik <= 0 or not math.isfinite(bereik):
        return 1.0
    ruw = bereik / max(1, aantal)
    macht = 10 ** math.floor(math.log10(ruw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * macht >= ruw:
            return factor * macht
    return 10 * macht


def schaalverdeling(laag: float, hoog: float, aantal: int = 5) -> list[float]:
    """Round tick values covering [laag, hoog]: the first at or below `laag`, the last at or above `hoog`."""
    if hoog < laag:
        laag, hoog = hoog, laag
    if hoog == laag:
        hoog, laag = hoog + 1, laag - 1
    stap = mooie_stap(hoog - laag, aantal)
    begin = math.floor(laag / stap + 1e-9) * stap
    eind = math.ceil(hoog / stap - 1e-9) * stap
    tal = int(round((eind - begin) / stap))
    return [round(begin + i * stap, 10) for i in range(tal + 1)]


# --- the builder --------------------------------------------------------------------------------


def _attribuutnaam(naam: str) -> str:
    naam = naam.rstrip("_").replace("_", "-")
    if naam == "style":
        raise ValueError("No style attributes: the Content Security Policy forbids them.")
    return naam


def _attribuutwaarde(waarde: object) -> str:
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, float | Decimal):
        return coordinaat(waarde)
    return str(waarde)


def attributen(**waarden: object) -> str:
    """` naam="waarde"` pairs for the markup; None leaves an attribute out."""
    return "".join(
        f' {_attribuutnaam(naam)}="{attribuut_escapen(_attribuutwaarde(waarde))}"'
        for naam, waarde in waarden.items()
        if waarde is not None
    )


class Svg:
    """Collects SVG elements and writes one ``<svg>`` document with an accessible name.

    The root gets ``role="img"`` with a ``<title>`` (the name) and an optional ``<desc>`` (a summary
    in words, for screen readers and for anyone who cannot see the drawing), both referenced by
    ``aria-labelledby``. `ident` makes their ids unique on a page with several drawings.
    """

    def __init__(
        self,
        breedte: float,
        hoogte: float,
        *,
        titel: str,
        beschrijving: str = "",
        ident: str,
        **root: object,
    ) -> None:
        self.breedte = breedte
        self.hoogte = hoogte
        self.titel = titel
        self.beschrijving = beschrijving
        self.ident = ident
        self.root = root
        self._delen: list[str] = []

    def element(self, naam: str, inhoud: str | None = None, *, titel: str | None = None, **attr) -> None:
        """One element; `inhoud` is text (escaped), `titel` a tooltip (``<title>`` child)."""
        binnen = ""
        if titel:
            binnen += f"<title>{tekst_escapen(titel)}</title>"
        if inhoud is not None:
            binnen += tekst_escapen(inhoud)
        if binnen:
            self._delen.append(f"<{naam}{attributen(**attr)}>{binnen}</{naam}>")
        else:
            self._delen.append(f"<{naam}{attributen(**attr)}/>")

    def lijn(self, x1: float, y1: float, x2: float, y2: float, **attr) -> None:
        self.element("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **attr)

    def rechthoek(self, x: float, y: float, breedte: float, hoogte: float, **attr) -> None:
        self.element(
            "rect", x=float(x), y=float(y), width=float(max(0, breedte)), height=float(max(0, hoogte)), **attr
        )

    def cirkel(self, cx: float, cy: float, r: float, **attr) -> None:
        self.element("circle", cx=float(cx), cy=float(cy), r=float(r), **attr)

    def polylijn(self, punten: Iterable[tuple[float, float]], **attr) -> None:
        reeks = " ".join(f"{coordinaat(x)},{coordinaat(y)}" for x, y in punten)
        self.element("polyline", points=reeks, **attr)

    def veelhoek(self, punten: Iterable[tuple[float, float]], **attr) -> None:
        reeks = " ".join(f"{coordinaat(x)},{coordinaat(y)}" for x, y in punten)
        self.element("polygon", points=reeks, **attr)

    def pad(self, d: str, **attr) -> None:
        self.element("path", d=d, **attr)

    def tekst(
        self, x: float, y: float, inhoud: str | list[str], *, regelafstand: float = 1.2, **attr
    ) -> None:
        """Text at (x, y); a list gives one line per item (``<tspan>``), `regelafstand` in em apart."""
        if isinstance(inhoud, str):
            self.element("text", inhoud, x=float(x), y=float(y), **attr)
            return
        regels = "".join(
            f'<tspan x="{coordinaat(x)}" dy="{0 if i == 0 else regelafstand}em">{tekst_escapen(r)}</tspan>'
            for i, r in enumerate(inhoud)
        )
        self._delen.append(f"<text{attributen(x=float(x), y=float(y), **attr)}>{regels}</text>")

    @contextmanager
    def groep(self, **attr) -> Iterator[None]:
        """A ``<g>`` around what is drawn inside the block (shared attributes, or ``aria-hidden``)."""
        self._delen.append(f"<g{attributen(**attr)}>")
        try:
            yield
        finally:
            self._delen.append("</g>")

    def render(self) -> SafeString:
        """The complete ``<svg>`` element, every text escaped on the way in."""
        titel_id = f"{self.ident}-titel"
        desc_id = f"{self.ident}-beschrijving"
        gelabeld = f"{titel_id} {desc_id}" if self.beschrijving else titel_id
        root = attributen(
            xmlns=SVG_NAAMRUIMTE,
            viewBox=f"0 0 {coordinaat(self.breedte)} {coordinaat(self.hoogte)}",
            width=coordinaat(self.breedte),
            height=coordinaat(self.hoogte),
            role="img",
            aria_labelledby=gelabeld,
            font_family=LETTERTYPE,
            **self.root,
        )
        kop = f'<title id="{attribuut_escapen(titel_id)}">{tekst_escapen(self.titel)}</title>'
        if self.beschrijving:
            kop += f'<desc id="{attribuut_escapen(desc_id)}">{tekst_escapen(self.beschrijving)}</desc>'
        return mark_safe(f"<svg{root}>{kop}{''.join(self._delen)}</svg>")  # noqa: S308  escaped above
