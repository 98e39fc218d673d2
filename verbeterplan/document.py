"""The verbeterplan as a document: one plain data structure (`Plandocument`) with everything the PDF
shows, assembled from the live models by `plandocument`.

The PDF template reads only this structure, never a model: texts, numbers already written the Dutch
way, dates, and the figures as finished SVG markup (the swimlane rows, the experience curve, the 6P
overview, the KPI charts, the impact × effort matrix). So a frozen version (step 8) can store a
document as data (`Plandocument.als_dict()`, JSON-safe) and print it again, the same, long after the
plan changed (`Plandocument.uit_dict()`); `plandocument` makes the draft of the current state,
marked *concept*.

`plandocument` takes a fixed number of queries whatever the size of the plan (about twenty).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from klantreis.choices import Reis
from klantreis.curve import curve_samenvatting, curve_svg, curve_tabel
from klantreis.models import Contactmoment, Fase
from serviceformules.choices import P
from serviceformules.models import Formulekeuze, PBeoordeling
from serviceformules.overzicht import zes_p_samenvatting, zes_p_svg, zes_p_titel
from trajecten.choices import ProcesSoort, Rol, Stap, StapStatusKeuze
from trajecten.grafieken import kpi_grafiek_svg
from trajecten.models import Kpi, KpiMeting, ProcesStap, ProcesVersie, Teamlid, Traject
from trajecten.procesanalyse import kengetallen, vergelijking
from trajecten.swimlane import swimlane_rijen
from wasstraat.svg import met_eenheid

from .choices import Termijn, VerbeterpuntStatus
from .matrix import kwadrant, matrix_svg
from .models import ActieKpi, Verbeteractie, Verbeterpunt
from .selectors import BRONNEN

#: Sizes the figures are drawn at for A4 (shown as wide as the text column, about 180 mm).
CURVE_BREEDTE, CURVE_HOOGTE = 760, 320
ZES_P_BREEDTE = 720
KPI_BREEDTE, KPI_HOOGTE = 460, 230  # two charts side by side

#: The roles the cover names, in this order.
OMSLAG_ROLLEN = (Rol.SPONSOR, Rol.PROCESEIGENAAR, Rol.PROJECTLEIDER)


# --- the structure --------------------------------------------------------------------------------


class _Gegevens:
    """To and from plain data (dicts, lists, strings, numbers): what a frozen version stores."""

    def als_dict(self) -> dict:
        """The document as JSON-safe data: dates as ISO text, everything else as it is."""
        return _naar_data(self)

    @classmethod
    def uit_dict(cls, gegevens: dict):
        """The document back from `als_dict`'s data."""
        return _uit_data(cls, gegevens)


@dataclass(frozen=True)
class Persoon(_Gegevens):
    """Someone named in the document, with the role in which they are named."""

    rol: str
    naam: str


@dataclass(frozen=True)
class Kpiregel(_Gegevens):
    """A KPI with its baseline and target, the latest measurement and its chart."""

    naam: str
    definitie: str
    richting: str
    nulmeting: str  # with its unit, "56 dagen"
    nulmeting_datum: dt.date
    streefwaarde: str
    streefdatum: dt.date | None
    laatste_meting: str  # "" without measurements
    laatste_meting_datum: dt.date | None
    doel_gehaald: bool
    goedgekeurd: bool
    grafiek: str  # SVG


@dataclass(frozen=True)
class Procesversie(_Gegevens):
    """A process version of step 3 (the newest current or desired one), drawn in rows for paper."""

    soort: str  # ProcesSoort value
    soort_label: str
    naam: str
    status: str
    aantal_stappen: int
    rijen: list[str]  # SVG, one per row of steps


@dataclass(frozen=True)
class Kengetal(_Gegevens):
    """One figure of the process analysis, current against desired ("" where a version is missing)."""

    naam: str
    huidig: str
    gewenst: str
    verschil: str
    oordeel: str  # "beter", "slechter", "gelijk" or ""


@dataclass(frozen=True)
class Faseregel(_Gegevens):
    """A phase of the customer journey: the average experience of both journeys, its metric."""

    fase: str
    huidig: str  # "−1,5", or "" without contact moments
    gewenst: str
    momenten_van_waarheid: int
    metriek: str


@dataclass(frozen=True)
class Klantreisfiguur(_Gegevens):
    persona: str
    curve: str  # SVG
    fasen: list[Faseregel]


@dataclass(frozen=True)
class Pregel(_Gegevens):
    """The verdict on one P of the serviceformule, with the explanation."""

    p: str
    oordeel: str
    toelichting: str


@dataclass(frozen=True)
class ZesPFiguur(_Gegevens):
    formule: str
    overzicht: str  # SVG
    regels: list[Pregel]


@dataclass(frozen=True)
class Kpieffect(_Gegevens):
    kpi: str
    verwacht_effect: str


@dataclass(frozen=True)
class Puntregel(_Gegevens):
    """An improvement point: where it came from and, when it did not become an action, why."""

    titel: str
    bron: str
    status: str
    reden: str = ""


@dataclass(frozen=True)
class Actieregel(_Gegevens):
    """An action of the plan, as the tables show it."""

    nummer: int
    titel: str
    omschrijving: str
    termijn: str  # Termijn value, "" while not chosen
    termijn_label: str
    impact: int | None
    inspanning: int | None
    kwadrant: str  # "" while not estimated
    kosten_eenmalig: str  # "€ 2.500", "" when not estimated
    kosten_jaarlijks: str
    afdelingen: list[str]
    eigenaar: str
    wijzigt_gewenst_proces: bool
    kpi_effecten: list[Kpieffect]
    punten: list[Puntregel]


@dataclass(frozen=True)
class Samenvatting(_Gegevens):
    """The plan in figures, for the summary."""

    aantal_acties: int
    quick_wins: int
    lange_termijn: int
    zonder_termijn: int
    aantal_punten: int
    punten_in_acties: int
    punten_afgewezen: int
    punten_open: int
    kosten_eenmalig: str  # the sum of the estimates, "" when none is estimated
    kosten_jaarlijks: str
    acties_met_kosten: int
    stap6_status: str
    stap6_afgerond: bool


@dataclass(frozen=True)
class Plandocument(_Gegevens):
    """Everything the verbeterplan PDF shows, as plain data (see the module's docstring)."""

    traject_titel: str
    product: str
    afdeling: str
    aanleiding: str
    doel: str
    concept: bool  # a draft of the current state (False: a frozen version)
    versie: str  # "Concept", or "v1", "v2" …
    datum: dt.date  # the state of the plan
    gemaakt_op: dt.datetime
    personen: list[Persoon]
    samenvatting: Samenvatting
    kpis: list[Kpiregel]
    processen: list[Procesversie]  # the newest current and desired version, as present
    kengetallen: list[Kengetal]
    klantreis: Klantreisfiguur | None
    zes_p: ZesPFiguur | None
    matrix: str  # SVG, "" without actions
    acties: list[Actieregel]
    punten_niet_in_plan: list[Puntregel] = field(default_factory=list)  # rejected or still open

    @property
    def quick_wins(self) -> list[Actieregel]:
        return [a for a in self.acties if a.termijn == Termijn.QUICK_WIN]

    @property
    def lange_termijn(self) -> list[Actieregel]:
        return [a for a in self.acties if a.termijn == Termijn.LANGE_TERMIJN]

    @property
    def zonder_termijn(self) -> list[Actieregel]:
        return [a for a in self.acties if not a.termijn]

    @property
    def huidig_proces(self) -> Procesversie | None:
        return next((p for p in self.processen if p.soort == ProcesSoort.HUIDIG), None)

    @property
    def gewenst_proces(self) -> Procesversie | None:
        return next((p for p in self.processen if p.soort == ProcesSoort.GEWENST), None)


# --- to and from data -----------------------------------------------------------------------------


def _naar_data(waarde):
    if dataclasses.is_dataclass(waarde):
        return {f.name: _naar_data(getattr(waarde, f.name)) for f in dataclasses.fields(waarde)}
    if isinstance(waarde, list):
        return [_naar_data(w) for w in waarde]
    if isinstance(waarde, dt.date):  # a datetime too
        return waarde.isoformat()
    return str(waarde) if isinstance(waarde, Decimal) else waarde


@cache
def _velden(klasse: type) -> dict[str, object]:
    return typing.get_type_hints(klasse)


def _uit_data(soort, waarde):
    if waarde is None:
        return None
    if typing.get_origin(soort) in (typing.Union, types.UnionType):
        (soort,) = [s for s in typing.get_args(soort) if s is not type(None)]
    if dataclasses.is_dataclass(soort):
        velden = _velden(soort)
        return soort(**{naam: _uit_data(velden[naam], w) for naam, w in waarde.items()})
    if typing.get_origin(soort) is list:
        (element,) = typing.get_args(soort)
        return [_uit_data(element, w) for w in waarde]
    if soort is dt.datetime:
        return dt.datetime.fromisoformat(waarde)
    if soort is dt.date:
        return dt.date.fromisoformat(waarde)
    return waarde


# --- the selector ---------------------------------------------------------------------------------


def plandocument(*, traject: Traject) -> Plandocument:
    """The draft document of the trajectory's current plan (`concept`), in the active language.

    The newest current and desired process version of step 3 (if present), the KPI's, the journey and
    the 6P assessment as they stand, and every action with its points. A fixed number of queries.
    """
    traject = (
        Traject.objects.select_related("product__afdeling")
        .prefetch_related(Prefetch("teamleden", queryset=Teamlid.objects.select_related("gebruiker")))
        .get(pk=traject.pk)
    )
    acties = _acties(traject)
    punten = list(
        Verbeterpunt.objects.filter(traject=traject).select_related(*BRONNEN).order_by("ingediend_op", "pk")
    )
    nu = timezone.now()
    stap6 = traject.stappen.get(stap=Stap.S6)
    processen, regels = _processen(traject)
    return Plandocument(
        traject_titel=traject.titel,
        product=traject.product.naam,
        afdeling=traject.product.afdeling.naam,
        aanleiding=traject.aanleiding,
        doel=traject.doel,
        concept=True,
        versie=_("Draft"),
        datum=timezone.localdate(nu),
        gemaakt_op=nu,
        personen=_personen(traject),
        samenvatting=_samenvatting(acties, punten, stap6),
        kpis=_kpis(traject),
        processen=processen,
        kengetallen=regels,
        klantreis=_klantreis(traject),
        zes_p=_zes_p(traject),
        matrix=str(matrix_svg(acties, titel=_matrix_titel(traject), ident="plan-matrix")) if acties else "",
        acties=[_actieregel(actie) for actie in acties],
        punten_niet_in_plan=[_puntregel(p) for p in punten if not p.status_keuze.in_actie],
    )


def _matrix_titel(traject: Traject) -> str:
    return _("Impact × effort matrix of “%(traject)s”") % {"traject": traject.titel}


def _naam(gebruiker) -> str:
    return gebruiker.get_full_name() or gebruiker.get_username()


def _personen(traject: Traject) -> list[Persoon]:
    leden = sorted(traject.teamleden.all(), key=lambda lid: _naam(lid.gebruiker))
    return [
        Persoon(rol=str(rol.label), naam=_naam(lid.gebruiker))
        for rol in OMSLAG_ROLLEN
        for lid in leden
        if lid.rol == rol
    ]


def euro(bedrag: Decimal | None) -> str:
    """An amount in euros the Dutch way, whole euros unless there are cents: "€ 2.500", "€ 99,50"."""
    if bedrag is None:
        return ""
    decimalen = 0 if bedrag == bedrag.to_integral_value() else 2
    tekst = number_format(bedrag, decimal_pos=decimalen, use_l10n=True, force_grouping=True)
    return f"€\N{NO-BREAK SPACE}{tekst}"


def _puntregel(punt: Verbeterpunt) -> Puntregel:
    return Puntregel(
        titel=punt.titel,
        bron=punt.bron_omschrijving,
        status=str(punt.status_keuze.label),
        reden=punt.afwijzingsreden,
    )


def _acties(traject: Traject) -> list[Verbeteractie]:
    """The actions in the plan's order with their owner, departments, points and KPI effects. Four
    queries."""
    return list(
        Verbeteractie.objects.filter(traject=traject)
        .select_related("voorgestelde_eigenaar")
        .prefetch_related(
            "afdelingen",
            Prefetch(
                "punten",
                queryset=Verbeterpunt.objects.select_related(*BRONNEN).order_by("ingediend_op", "pk"),
            ),
            Prefetch("kpi_effecten", queryset=ActieKpi.objects.select_related("kpi")),
        )
        .order_by("volgorde", "pk")
    )


def _actieregel(actie: Verbeteractie) -> Actieregel:
    soort = kwadrant(actie.impact, actie.inspanning)
    return Actieregel(
        nummer=actie.volgorde,
        titel=actie.titel,
        omschrijving=actie.omschrijving,
        termijn=actie.termijn,
        termijn_label=str(actie.get_termijn_display()) if actie.termijn else _("Not chosen yet"),
        impact=actie.impact,
        inspanning=actie.inspanning,
        kwadrant=str(soort.label) if soort else "",
        kosten_eenmalig=euro(actie.kosten_eenmalig),
        kosten_jaarlijks=euro(actie.kosten_jaarlijks),
        afdelingen=sorted(a.naam for a in actie.afdelingen.all()),
        eigenaar=_naam(actie.voorgestelde_eigenaar) if actie.voorgestelde_eigenaar else "",
        wijzigt_gewenst_proces=actie.wijzigt_gewenst_proces,
        kpi_effecten=[Kpieffect(e.kpi.naam, e.verwacht_effect) for e in actie.kpi_effecten.all()],
        punten=[_puntregel(p) for p in actie.punten.all()],
    )


def _som(bedragen: list[Decimal | None]) -> str:
    geschat = [b for b in bedragen if b is not None]
    return euro(sum(geschat)) if geschat else ""


def _samenvatting(acties: list[Verbeteractie], punten: list[Verbeterpunt], stap6) -> Samenvatting:
    statussen = [VerbeterpuntStatus(p.status) for p in punten]
    termijnen = [a.termijn for a in acties]
    return Samenvatting(
        aantal_acties=len(acties),
        quick_wins=termijnen.count(Termijn.QUICK_WIN),
        lange_termijn=termijnen.count(Termijn.LANGE_TERMIJN),
        zonder_termijn=termijnen.count(""),
        aantal_punten=len(punten),
        punten_in_acties=sum(1 for s in statussen if s.in_actie),
        punten_afgewezen=statussen.count(VerbeterpuntStatus.AFGEWEZEN),
        punten_open=statussen.count(VerbeterpuntStatus.OPEN),
        kosten_eenmalig=_som([a.kosten_eenmalig for a in acties]),
        kosten_jaarlijks=_som([a.kosten_jaarlijks for a in acties]),
        acties_met_kosten=sum(
            1 for a in acties if a.kosten_eenmalig is not None or a.kosten_jaarlijks is not None
        ),
        stap6_status=str(stap6.get_status_display()),
        stap6_afgerond=stap6.status == StapStatusKeuze.AFGEROND,
    )


def _kpis(traject: Traject) -> list[Kpiregel]:
    """The KPI's with baseline, target, latest measurement and chart. Two queries."""
    kpis = Kpi.objects.filter(traject=traject).prefetch_related(
        Prefetch("metingen", queryset=KpiMeting.objects.order_by("datum", "pk"))
    )
    regels = []
    for kpi in kpis:
        metingen = list(kpi.metingen.all())
        laatste = metingen[-1] if metingen else None
        regels.append(
            Kpiregel(
                naam=kpi.naam,
                definitie=kpi.definitie,
                richting=str(kpi.get_richting_display()),
                nulmeting=met_eenheid(kpi.nulmeting, kpi.eenheid),
                nulmeting_datum=kpi.nulmeting_datum,
                streefwaarde=met_eenheid(kpi.streefwaarde, kpi.eenheid),
                streefdatum=kpi.streefdatum,
                laatste_meting=met_eenheid(laatste.waarde, kpi.eenheid) if laatste else "",
                laatste_meting_datum=laatste.datum if laatste else None,
                doel_gehaald=bool(laatste and kpi.doel_gehaald(laatste.waarde)),
                goedgekeurd=kpi.is_goedgekeurd,
                grafiek=str(
                    kpi_grafiek_svg(kpi=kpi, metingen=metingen, breedte=KPI_BREEDTE, hoogte=KPI_HOOGTE)
                ),
            )
        )
    return regels


def _processen(traject: Traject) -> tuple[list[Procesversie], list[Kengetal]]:
    """The newest current and the newest desired version of step 3 (those present), drawn in rows,
    and their figures side by side. Two queries."""
    nieuwste: dict[str, ProcesVersie] = {}
    for versie in ProcesVersie.objects.filter(traject=traject).order_by("-aangemaakt_op", "-pk"):
        nieuwste.setdefault(versie.soort, versie)
    versies = [nieuwste[s] for s in (ProcesSoort.HUIDIG, ProcesSoort.GEWENST) if s in nieuwste]
    stappen: dict[int, list[ProcesStap]] = {v.pk: [] for v in versies}
    for stap in ProcesStap.objects.filter(versie__in=versies).order_by("volgorde", "pk"):
        stappen[stap.versie_id].append(stap)
    figuren = [
        Procesversie(
            soort=versie.soort,
            soort_label=str(versie.get_soort_display()),
            naam=versie.naam,
            status=str(versie.get_status_display()),
            aantal_stappen=len(stappen[versie.pk]),
            rijen=[str(rij) for rij in swimlane_rijen(versie=versie, stappen=stappen[versie.pk])],
        )
        for versie in versies
    ]
    if not versies:
        return figuren, []
    cijfers = {v.soort: kengetallen(stappen[v.pk]) for v in versies}
    huidig, gewenst = cijfers.get(ProcesSoort.HUIDIG), cijfers.get(ProcesSoort.GEWENST)
    regels = vergelijking(huidig or gewenst, gewenst or huidig)
    return figuren, [
        Kengetal(
            naam=r.naam,
            huidig=r.huidig_tekst if huidig else "",
            gewenst=r.gewenst_tekst if gewenst else "",
            verschil=r.verschil_tekst if huidig and gewenst else "",
            oordeel=(r.oordeel or "") if huidig and gewenst else "",
        )
        for r in regels
    ]


def _gemiddeld(waarde: float | None) -> str:
    return "" if waarde is None else number_format(waarde, decimal_pos=1, use_l10n=True).replace("-", "−")


def _klantreis(traject: Traject) -> Klantreisfiguur | None:
    """The experience curve of both journeys and a row per phase; None without contact moments. Two
    queries."""
    fasen = list(Fase.objects.select_related("klantreis").filter(klantreis__traject=traject))
    momenten = list(Contactmoment.objects.filter(fase__klantreis__traject=traject)) if fasen else []
    if not momenten:
        return None
    titel = _("Experience curve of the customer journey")
    # a PDF reader reads a figure's title as its alternative text: give it the summary too
    curve = curve_svg(
        fasen,
        momenten,
        breedte=CURVE_BREEDTE,
        hoogte=CURVE_HOOGTE,
        titel=f"{titel}. {curve_samenvatting(fasen, momenten)}",
    )
    regels = []
    for fase, rij in zip(fasen, curve_tabel(fasen, momenten), strict=True):
        metriek = fase.metriek
        if metriek and (fase.huidige_waarde or fase.streefwaarde):
            metriek += (
                " ("
                + _("now %(nu)s, target %(doel)s")
                % {
                    "nu": fase.huidige_waarde or "—",
                    "doel": fase.streefwaarde or "—",
                }
                + ")"
            )
        regels.append(
            Faseregel(
                fase=fase.naam,
                huidig=_gemiddeld(rij[f"gemiddeld_{Reis.HUIDIG.value}"]),
                gewenst=_gemiddeld(rij[f"gemiddeld_{Reis.GEWENST.value}"]),
                momenten_van_waarheid=sum(
                    1 for m in rij[Reis.HUIDIG.value] + rij[Reis.GEWENST.value] if m.moment_van_waarheid
                ),
                metriek=metriek,
            )
        )
    return Klantreisfiguur(persona=fasen[0].klantreis.persona_naam, curve=str(curve), fasen=regels)


def _zes_p(traject: Traject) -> ZesPFiguur | None:
    """The 6P overview of the chosen formule and the verdict per P; None until a formule is chosen.
    Two queries."""
    keuze = Formulekeuze.objects.select_related("formule").filter(traject=traject).first()
    if keuze is None:
        return None
    formule = keuze.formule
    beoordelingen = {b.p: b for b in PBeoordeling.objects.filter(traject=traject, formule=formule)}
    titel = f"{zes_p_titel(formule)}. {zes_p_samenvatting(formule, beoordelingen)}"
    return ZesPFiguur(
        formule=formule.naam,
        overzicht=str(zes_p_svg(formule, beoordelingen, breedte=ZES_P_BREEDTE, titel=titel)),
        regels=[
            Pregel(
                p=str(p.label),
                oordeel=str(beoordelingen[p].get_oordeel_display())
                if p in beoordelingen
                else _("Not yet assessed"),
                toelichting=beoordelingen[p].toelichting if p in beoordelingen else "",
            )
            for p in P
        ],
    )
