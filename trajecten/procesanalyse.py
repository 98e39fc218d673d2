"""The derived figures of a process version (LEAN analysis), computed here and nowhere else.

`kengetallen(stappen)` takes the ordered steps of one version and gives lead time, processing and
waiting time, value-added time and ratio (process cycle efficiency), handovers between actors,
waste steps and the time lost to waste per type, and the number of steps per LEAN class.
`vergelijking(huidig, gewenst)` sets two versions side by side with the difference per figure.

Times are kept in minutes (`TijdEenheid.minuten`: a working day counts as 8 hours = 480 minutes);
`tijd_tekst` writes them readably ("3 werkdagen 2 uur", "2 uur 15 min").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .choices import Lean, TijdEenheid, Verspilling

NUL = Decimal(0)
MINUTEN_PER_UUR = TijdEenheid.UREN.minuten
MINUTEN_PER_DAG = TijdEenheid.DAGEN.minuten


def _minuten(waarde, eenheid: str) -> Decimal:
    return Decimal(waarde or 0) * TijdEenheid(eenheid).minuten


def actor_sleutel(actor: str) -> str:
    """Actors are the same lane whatever their capitals or surrounding spaces."""
    return " ".join((actor or "").split()).casefold()


@dataclass(frozen=True)
class Kengetallen:
    """The figures of one process version; every time in minutes."""

    aantal_stappen: int = 0
    doorlooptijd: Decimal = NUL  # lead time: processing + waiting of every step
    bewerkingstijd: Decimal = NUL
    wachttijd: Decimal = NUL
    waarde_tijd: Decimal = NUL  # processing time of the value-adding steps
    rendement: Decimal | None = None  # process cycle efficiency in %, None without lead time
    overdrachten: int = 0  # consecutive steps with a different actor
    aantal_actoren: int = 0
    aantal_verspilling: int = 0
    verspilling_tijd: dict[Verspilling, Decimal] = field(default_factory=dict)  # per type present
    verspilling_totaal: Decimal = NUL
    per_lean: dict[Lean, int] = field(default_factory=dict)  # every class, also when 0

    @property
    def verspilling_regels(self) -> list[tuple[Verspilling, Decimal]]:
        """The waste types with time or steps, in the order of the Dutch list of eight."""
        tijd = self.verspilling_tijd
        return [(soort, tijd[soort]) for soort in Verspilling if soort in tijd]

    @property
    def lean_regels(self) -> list[tuple[Lean, int]]:
        return [(klasse, self.per_lean.get(klasse, 0)) for klasse in Lean]


def kengetallen(stappen: Iterable) -> Kengetallen:
    """The figures of the steps of one version, in their order (objects with ProcesStap's fields)."""
    stappen = list(stappen)
    bewerking = wacht = waarde = NUL
    verspilling: dict[Verspilling, Decimal] = {}
    per_lean = dict.fromkeys(Lean, 0)
    overdrachten = 0
    vorige: str | None = None
    for stap in stappen:
        b = _minuten(stap.bewerkingstijd, stap.bewerkingstijd_eenheid)
        w = _minuten(stap.wachttijd, stap.wachttijd_eenheid)
        bewerking += b
        wacht += w
        per_lean[Lean(stap.lean)] += 1
        if stap.lean == Lean.WAARDE:
            waarde += b
        elif stap.lean == Lean.VERSPILLING and stap.verspilling:
            soort = Verspilling(stap.verspilling)
            verspilling[soort] = verspilling.get(soort, NUL) + b + w
        actor = actor_sleutel(stap.actor)
        if vorige is not None and actor != vorige:
            overdrachten += 1
        vorige = actor
    doorlooptijd = bewerking + wacht
    rendement = None
    if doorlooptijd > 0:
        rendement = (waarde * 100 / doorlooptijd).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Kengetallen(
        aantal_stappen=len(stappen),
        doorlooptijd=doorlooptijd,
        bewerkingstijd=bewerking,
        wachttijd=wacht,
        waarde_tijd=waarde,
        rendement=rendement,
        overdrachten=overdrachten,
        aantal_actoren=len({actor_sleutel(s.actor) for s in stappen}),
        aantal_verspilling=per_lean[Lean.VERSPILLING],
        verspilling_tijd=verspilling,
        verspilling_totaal=sum(verspilling.values(), NUL),
        per_lean=per_lean,
    )


# --- writing times ------------------------------------------------------------------------------


def _afgerond(waarde: Decimal) -> int:
    return int(Decimal(waarde).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def tijd_tekst(minuten: Decimal | int | None) -> str:
    """A time in minutes in words, in at most two units: "3 werkdagen 2 uur", "2 uur 15 min", "45 min".

    From a working day on, the hours are rounded; below, the minutes. A working day is 8 hours.
    """
    if minuten is None:
        return "—"
    minuten = Decimal(minuten)
    teken = "-" if minuten < 0 else ""
    minuten = abs(minuten)
    if minuten == 0:
        return _deel(0, "min")
    if minuten < 1:
        return teken + str(_("less than 1 min"))
    if minuten >= MINUTEN_PER_DAG:
        uren = _afgerond(minuten / MINUTEN_PER_UUR)
        delen = [(uren // 8, "dag"), (uren % 8, "uur")]
    else:
        totaal = _afgerond(minuten)
        delen = [(totaal // 60, "uur"), (totaal % 60, "min")]
    woorden = [_deel(aantal, eenheid) for aantal, eenheid in delen if aantal]
    return teken + " ".join(woorden)


def _deel(aantal: int, eenheid: str) -> str:
    if eenheid == "dag":
        return ngettext("%(aantal)s working day", "%(aantal)s working days", aantal) % {"aantal": aantal}
    if eenheid == "uur":
        return ngettext("%(aantal)s hour", "%(aantal)s hours", aantal) % {"aantal": aantal}
    return gettext("%(aantal)s min") % {"aantal": aantal}


# --- current against desired ------------------------------------------------------------------------

TIJD, AANTAL, PROCENT = "tijd", "aantal", "procent"
LAGER, HOGER = "lager", "hoger"  # which way is better


@dataclass(frozen=True)
class Verschil:
    """One figure of two versions side by side."""

    naam: str
    soort: str  # TIJD (minutes), AANTAL or PROCENT
    huidig: Decimal | int | None
    gewenst: Decimal | int | None
    beter_als: str | None  # LAGER, HOGER, or None when neither is better

    @property
    def verschil(self) -> Decimal | None:
        if self.huidig is None or self.gewenst is None:
            return None
        return Decimal(self.gewenst) - Decimal(self.huidig)

    @property
    def verschil_procent(self) -> Decimal | None:
        """The change relative to the current value, in %; None when the current value is 0."""
        if self.verschil is None or not self.huidig:
            return None
        return (self.verschil * 100 / Decimal(self.huidig)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def oordeel(self) -> str | None:
        """ "beter", "slechter", "gelijk", or None when there is nothing to judge."""
        if self.verschil is None:
            return None
        if self.verschil == 0:
            return "gelijk"
        if self.beter_als is None:
            return None
        lager = self.verschil < 0
        return "beter" if lager == (self.beter_als == LAGER) else "slechter"

    def tekst(self, waarde) -> str:
        """A value of this figure in words, Dutch-formatted (for pages and SVG)."""
        if waarde is None:
            return "—"
        if self.soort == TIJD:
            return tijd_tekst(waarde)
        if self.soort == PROCENT:
            return f"{number_format(waarde, 1)}%"
        return str(int(waarde))

    @property
    def huidig_tekst(self) -> str:
        return self.tekst(self.huidig)

    @property
    def gewenst_tekst(self) -> str:
        return self.tekst(self.gewenst)

    @property
    def verschil_tekst(self) -> str:
        """The difference with its sign: "+2", "−3 werkdagen 4 uur", "+12,5 procentpunt"."""
        verschil = self.verschil
        if verschil is None:
            return "—"
        teken = "+" if verschil > 0 else "−" if verschil < 0 else ""
        if self.soort == TIJD:
            return teken + tijd_tekst(abs(verschil))
        if self.soort == PROCENT:
            return teken + gettext("%(getal)s percentage points") % {"getal": number_format(abs(verschil), 1)}
        return f"{teken}{int(abs(verschil))}"

    @property
    def verschil_procent_tekst(self) -> str:
        procent = self.verschil_procent
        if procent is None:
            return "—"
        teken = "+" if procent > 0 else "−" if procent < 0 else ""
        return f"{teken}{number_format(abs(procent), 1)}%"


def vergelijking(huidig: Kengetallen, gewenst: Kengetallen) -> list[Verschil]:
    """Every figure of two versions with the difference and whether the desired one is better."""
    regels = [
        Verschil(str(_("Number of steps")), AANTAL, huidig.aantal_stappen, gewenst.aantal_stappen, LAGER),
        Verschil(str(_("Lead time")), TIJD, huidig.doorlooptijd, gewenst.doorlooptijd, LAGER),
        Verschil(str(_("Processing time")), TIJD, huidig.bewerkingstijd, gewenst.bewerkingstijd, LAGER),
        Verschil(str(_("Waiting time")), TIJD, huidig.wachttijd, gewenst.wachttijd, LAGER),
        Verschil(str(_("Value-added time")), TIJD, huidig.waarde_tijd, gewenst.waarde_tijd, None),
        Verschil(str(_("Value-added ratio")), PROCENT, huidig.rendement, gewenst.rendement, HOGER),
        Verschil(str(_("Handovers")), AANTAL, huidig.overdrachten, gewenst.overdrachten, LAGER),
        Verschil(str(_("Waste steps")), AANTAL, huidig.aantal_verspilling, gewenst.aantal_verspilling, LAGER),
        Verschil(
            str(_("Time lost to waste")), TIJD, huidig.verspilling_totaal, gewenst.verspilling_totaal, LAGER
        ),
    ]
    for soort in Verspilling:
        if soort in huidig.verspilling_tijd or soort in gewenst.verspilling_tijd:
            regels.append(
                Verschil(
                    str(_("Waste: %(soort)s") % {"soort": soort.label}),
                    TIJD,
                    huidig.verspilling_tijd.get(soort, NUL),
                    gewenst.verspilling_tijd.get(soort, NUL),
                    LAGER,
                )
            )
    return regels


def kengetallen_per_versie(versies: Sequence) -> dict[int, Kengetallen]:
    """The figures of several versions whose `stappen` are prefetched (no query per version)."""
    return {versie.pk: kengetallen(versie.stappen.all()) for versie in versies}
