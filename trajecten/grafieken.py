"""The KPI chart: measurements over time against the baseline and the target, as server-rendered SVG.

The same SVG serves the KPI pages (inline, and as an image/svg+xml file) and, later, the PDFs
(WeasyPrint renders inline SVG). It is readable without JavaScript, uses presentation attributes only
(strict CSP: no ``style``), tells lines apart by dash pattern and label as well as by colour, and
carries a ``<title>`` and a ``<desc>`` that say in words what it shows. The page puts an accessible
table of the measurements beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wasstraat.svg import (
    KLEUR_GEDEMPT,
    KLEUR_RASTER,
    KLEUR_TEKST,
    Svg,
    datum,
    getal,
    met_eenheid,
    schaalverdeling,
    tekstbreedte,
)

from .models import Kpi, KpiMeting

BREEDTE = 640
HOOGTE = 300
#: Below this width the chart is a sparkline: lines and points, no axes or labels.
COMPACT_ONDER = 400

KLEUR_METING = "#0a58ca"  # 6.4:1 on white
KLEUR_NULMETING = "#9a3412"  # 7.3:1
KLEUR_STREEF = "#146c43"  # 6.6:1
KLEUR_STREEFDATUM = "#6f42c1"  # 6.3:1
LETTER = 12
LETTER_KLEIN = 11


@dataclass(frozen=True)
class _Vlak:
    """The plot area inside the margins, and the scales from data to pixels."""

    links: float
    boven: float
    rechts: float
    onder: float
    laag: float
    hoog: float
    begin: dt.date
    eind: dt.date
    rand: float = 0  # room between the axis and the first and last date, so points are not cut off

    def x(self, dag: dt.date) -> float:
        dagen = max(1, (self.eind - self.begin).days)
        return (
            self.links
            + self.rand
            + (self.rechts - self.links - 2 * self.rand) * (dag - self.begin).days / dagen
        )

    def y(self, waarde: float | Decimal) -> float:
        bereik = (self.hoog - self.laag) or 1
        return self.onder - (self.onder - self.boven) * (float(waarde) - self.laag) / bereik


def kpi_grafiek_svg(
    *,
    kpi: Kpi,
    metingen: Sequence[KpiMeting] | None = None,
    breedte: int = BREEDTE,
    hoogte: int = HOOGTE,
) -> SafeString:
    """The chart of one KPI as an ``<svg>`` element (a SafeString).

    `metingen` defaults to ``kpi.metingen.all()`` (prefetched or not). Narrower than
    `COMPACT_ONDER` pixels, it is drawn as a sparkline for lists.
    """
    if metingen is None:
        metingen = list(kpi.metingen.all())
    metingen = sorted(metingen, key=lambda m: (m.datum, m.pk or 0))
    compact = breedte < COMPACT_ONDER
    svg = Svg(
        breedte,
        hoogte,
        titel=kpi.naam,
        beschrijving=kpi_samenvatting(kpi=kpi, metingen=metingen),
        ident=f"kpi-{kpi.pk or 0}-{breedte}x{hoogte}",
        class_="kpi-grafiek" if compact else "kpi-grafiek mw-100 h-auto",  # a sparkline keeps its size
        font_size=LETTER_KLEIN if compact else LETTER,
        fill=KLEUR_TEKST,
    )
    vlak = _vlak(kpi, metingen, breedte, hoogte, compact)
    svg.rechthoek(0, 0, breedte, hoogte, fill="#ffffff")
    if not compact:
        _assen(svg, vlak, kpi)
    _referentielijnen(svg, vlak, kpi, metingen, compact)
    _metingen_tekenen(svg, vlak, kpi, metingen, compact)
    return svg.render()


def kpi_samenvatting(*, kpi: Kpi, metingen: Sequence[KpiMeting]) -> str:
    """The chart in one sentence, e.g. "Doorlooptijd: nulmeting 56 dagen, streefwaarde 28 dagen, laatste
    meting 31 dagen op 1 oktober 2026."."""
    delen = [_("baseline %(waarde)s") % {"waarde": met_eenheid(kpi.nulmeting, kpi.eenheid)}]
    if kpi.streefdatum:
        delen.append(
            _("target %(waarde)s by %(datum)s")
            % {"waarde": met_eenheid(kpi.streefwaarde, kpi.eenheid), "datum": datum(kpi.streefdatum)}
        )
    else:
        delen.append(_("target %(waarde)s") % {"waarde": met_eenheid(kpi.streefwaarde, kpi.eenheid)})
    if metingen:
        laatste = metingen[-1]
        delen.append(
            _("latest measurement %(waarde)s on %(datum)s")
            % {"waarde": met_eenheid(laatste.waarde, kpi.eenheid), "datum": datum(laatste.datum)}
        )
        if kpi.doel_gehaald(laatste.waarde):
            delen.append(_("target reached"))
    else:
        delen.append(_("no measurements yet"))
    return f"{kpi.naam}: {', '.join(delen)}."


# --- layout -------------------------------------------------------------------------------------


def _vlak(kpi: Kpi, metingen: Sequence[KpiMeting], breedte: int, hoogte: int, compact: bool) -> _Vlak:
    waarden = [float(kpi.nulmeting), float(kpi.streefwaarde), *(float(m.waarde) for m in metingen)]
    laag, hoog = min(waarden), max(waarden)
    marge = (hoog - laag) * 0.1 or abs(hoog) * 0.1 or 1
    if compact:
        laag, hoog = laag - marge, hoog + marge
    else:
        streepjes = schaalverdeling(laag - marge, hoog + marge)
        laag, hoog = streepjes[0], streepjes[-1]
        if min(waarden) >= 0 > laag:
            laag = 0.0  # no negative axis for figures that cannot be negative
    dagen = [kpi.nulmeting_datum, *(m.datum for m in metingen)]
    if kpi.streefdatum:
        dagen.append(kpi.streefdatum)
    begin, eind = min(dagen), max(dagen)
    if (eind - begin).days < 14:
        begin, eind = begin - dt.timedelta(days=7), eind + dt.timedelta(days=7)
    if compact:
        return _Vlak(4, 4, breedte - 4, hoogte - 4, laag, hoog, begin, eind)
    linkermarge = 12 + max(tekstbreedte(getal(t), LETTER) for t in (laag, hoog)) + 8
    return _Vlak(linkermarge, 26, breedte - 16, hoogte - 40, laag, hoog, begin, eind, rand=10)


def _maandstreepjes(begin: dt.date, eind: dt.date, maximaal: int) -> list[dt.date]:
    """The first days of the month between `begin` and `eind`, thinned to at most `maximaal`."""
    maanden = []
    jaar, maand = begin.year, begin.month
    while True:
        dag = dt.date(jaar, maand, 1)
        if dag > eind:
            break
        if dag >= begin:
            maanden.append(dag)
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    for elke in (1, 2, 3, 6, 12, 24, 60):
        gekozen = [m for m in maanden if (m.year * 12 + m.month - 1) % elke == 0]
        if len(gekozen) <= maximaal:
            return gekozen
    return maanden[:: max(1, len(maanden) // maximaal)]


def _assen(svg: Svg, vlak: _Vlak, kpi: Kpi) -> None:
    with svg.groep(aria_hidden="true"):
        for waarde in schaalverdeling(vlak.laag, vlak.hoog):
            if not vlak.laag - 1e-9 <= waarde <= vlak.hoog + 1e-9:
                continue
            y = vlak.y(waarde)
            svg.lijn(vlak.links, y, vlak.rechts, y, stroke=KLEUR_RASTER, stroke_width=1)
            svg.tekst(vlak.links - 8, y + 4, getal(waarde), text_anchor="end", fill=KLEUR_GEDEMPT)
        svg.lijn(vlak.links, vlak.boven, vlak.links, vlak.onder, stroke=KLEUR_GEDEMPT, stroke_width=1)
        svg.lijn(vlak.links, vlak.onder, vlak.rechts, vlak.onder, stroke=KLEUR_GEDEMPT, stroke_width=1)
        maximaal = max(2, int((vlak.rechts - vlak.links) // 80))
        streepjes = _maandstreepjes(vlak.begin, vlak.eind, maximaal)
        formaat = "N Y"
        if len(streepjes) < 2:
            streepjes, formaat = [vlak.begin, vlak.eind], "j N Y"
        for dag in streepjes:
            x, tekst = vlak.x(dag), datum(dag, formaat)
            svg.lijn(x, vlak.onder, x, vlak.onder + 5, stroke=KLEUR_GEDEMPT, stroke_width=1)
            svg.tekst(
                x, vlak.onder + 19, tekst, text_anchor=_anker(x, tekst, svg.breedte), fill=KLEUR_GEDEMPT
            )
        if kpi.eenheid:
            svg.tekst(4, 14, kpi.eenheid, fill=KLEUR_GEDEMPT)


def _anker(x: float, tekst: str, breedte: float) -> str:
    """Centred under its tick, unless that would cut the text off at the edge of the drawing."""
    half = tekstbreedte(tekst, LETTER) / 2
    if x - half < 2:
        return "start"
    if x + half > breedte - 2:
        return "end"
    return "middle"


def _label(svg: Svg, x: float, y: float, tekst: str, kleur: str, anker: str = "start") -> None:
    """A label on a white backing, so it stays readable where it crosses a line."""
    breedte = tekstbreedte(tekst, LETTER) + 6
    links = {"start": x - 3, "middle": x - breedte / 2, "end": x - breedte + 3}[anker]
    svg.rechthoek(links, y - LETTER, breedte, LETTER + 4, fill="#ffffff", fill_opacity=0.85)
    svg.tekst(x, y, tekst, fill=kleur, text_anchor=anker, font_weight="bold")


def _referentielijnen(svg: Svg, vlak: _Vlak, kpi: Kpi, metingen: Sequence[KpiMeting], compact: bool) -> None:
    y_nul, y_streef = vlak.y(kpi.nulmeting), vlak.y(kpi.streefwaarde)
    svg.lijn(
        vlak.links,
        y_nul,
        vlak.rechts,
        y_nul,
        stroke=KLEUR_NULMETING,
        stroke_width=1.5,
        stroke_dasharray="6 4",
    )
    svg.lijn(
        vlak.links,
        y_streef,
        vlak.rechts,
        y_streef,
        stroke=KLEUR_STREEF,
        stroke_width=2,
        stroke_dasharray="12 3 2 3",
    )
    x_nul = vlak.x(kpi.nulmeting_datum)
    svg.rechthoek(
        x_nul - 4,
        y_nul - 4,
        8,
        8,
        fill=KLEUR_NULMETING,
        stroke="#ffffff",
        stroke_width=1,
        titel=_("Baseline %(waarde)s on %(datum)s")
        % {"waarde": met_eenheid(kpi.nulmeting, kpi.eenheid), "datum": datum(kpi.nulmeting_datum)},
    )
    if kpi.streefdatum:
        x = vlak.x(kpi.streefdatum)
        svg.lijn(
            x, vlak.boven, x, vlak.onder, stroke=KLEUR_STREEFDATUM, stroke_width=1.5, stroke_dasharray="2 3"
        )
        if not compact:
            _label(
                svg,
                x,
                vlak.boven - 8,
                _("Target date %(datum)s") % {"datum": datum(kpi.streefdatum, "j N Y")},
                KLEUR_STREEFDATUM,
                anker="end" if x > (vlak.links + vlak.rechts) / 2 else "start",
            )
    if not compact:
        _referentielabels(svg, vlak, kpi, metingen)


def _referentielabels(svg: Svg, vlak: _Vlak, kpi: Kpi, metingen: Sequence[KpiMeting]) -> None:
    """Each label on the side of its line away from the other line, so they never overlap; at the
    right when the measurements keep to the left (the usual case before the target date)."""
    y_nul, y_streef = vlak.y(kpi.nulmeting), vlak.y(kpi.streefwaarde)
    nul_boven = y_nul < y_streef
    rechts = bool(metingen) and vlak.x(metingen[-1].datum) < vlak.links + 0.6 * (vlak.rechts - vlak.links)
    x, anker = (vlak.rechts - 8, "end") if rechts else (vlak.links + 16, "start")
    nulmeting = _("Baseline: %(waarde)s") % {"waarde": met_eenheid(kpi.nulmeting, kpi.eenheid)}
    streefwaarde = _("Target: %(waarde)s") % {"waarde": met_eenheid(kpi.streefwaarde, kpi.eenheid)}
    _label(svg, x, y_nul - 6 if nul_boven else y_nul + 16, nulmeting, KLEUR_NULMETING, anker)
    _label(svg, x, y_streef + 16 if nul_boven else y_streef - 6, streefwaarde, KLEUR_STREEF, anker)


def _metingen_tekenen(svg: Svg, vlak: _Vlak, kpi: Kpi, metingen: Sequence[KpiMeting], compact: bool) -> None:
    if not metingen:
        if not compact:
            svg.tekst(
                (vlak.links + vlak.rechts) / 2,
                (vlak.boven + vlak.onder) / 2,
                _("No measurements yet"),
                text_anchor="middle",
                fill=KLEUR_GEDEMPT,
                font_style="italic",
            )
        return
    punten = [(vlak.x(m.datum), vlak.y(m.waarde)) for m in metingen]
    if len(punten) > 1:
        svg.polylijn(punten, fill="none", stroke=KLEUR_METING, stroke_width=2.5, stroke_linejoin="round")
    straal = 2.5 if compact else 4
    getekend = zip(metingen, punten, strict=True)
    if compact:  # a sparkline marks only where it ends
        getekend = [(metingen[-1], punten[-1])]
    for meting, (x, y) in getekend:
        titel = _("%(datum)s: %(waarde)s") % {
            "datum": datum(meting.datum),
            "waarde": met_eenheid(meting.waarde, kpi.eenheid),
        }
        svg.cirkel(x, y, straal, fill=KLEUR_METING, stroke="#ffffff", stroke_width=1.5, titel=titel)
    if not compact:
        x, y = punten[-1]
        anker = "end" if x > vlak.links + (vlak.rechts - vlak.links) * 0.7 else "start"
        _label(
            svg,
            x + (-8 if anker == "end" else 8),
            y - 8,
            met_eenheid(metingen[-1].waarde, kpi.eenheid),
            KLEUR_METING,
            anker=anker,
        )
