"""Reads of the improvement plan: the points of step 6 by source and step, and the actions in their
order, each loaded with what its page shows in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from trajecten.choices import SessieSoort, Stap
from trajecten.models import Traject

from .choices import VerbeterpuntBron, VerbeterpuntStatus
from .models import ActieKpi, Verbeteractie, Verbeterpunt

#: What a list of points needs to name and link every source without a query per point.
BRONNEN = (
    "sessie",
    "kpi",
    "processtap__versie",
    "contactmoment__fase__klantreis",
    "pijnpunt__contactmoment__fase__klantreis",
    "p_beoordeling",
)

#: A moment of truth is a contact moment, but the plan names it as a source of its own.
MOMENT_VAN_WAARHEID = "moment_van_waarheid"
#: Points of the trajectory itself or of an "other" session belong to no particular step.
GEEN_STAP = "geen"

#: The sources to filter and group by, in the order of the method.
BRON_KEUZES: list[tuple[str, str]] = [
    (VerbeterpuntBron.TRAJECT, VerbeterpuntBron.TRAJECT.label),
    (VerbeterpuntBron.SESSIE, VerbeterpuntBron.SESSIE.label),
    (VerbeterpuntBron.KPI, VerbeterpuntBron.KPI.label),
    (VerbeterpuntBron.PROCESSTAP, VerbeterpuntBron.PROCESSTAP.label),
    (VerbeterpuntBron.CONTACTMOMENT, VerbeterpuntBron.CONTACTMOMENT.label),
    (MOMENT_VAN_WAARHEID, _("Moment of truth")),
    (VerbeterpuntBron.PIJNPUNT, VerbeterpuntBron.PIJNPUNT.label),
    (VerbeterpuntBron.P_BEOORDELING, VerbeterpuntBron.P_BEOORDELING.label),
]

#: The steps a point can come from, in order.
STAP_KEUZES: list[tuple[str, str]] = [
    *((stap.value, stap.label) for stap in (Stap.S1, Stap.S2, Stap.S3A, Stap.S3B, Stap.S4, Stap.S5)),
    (GEEN_STAP, _("No particular step")),
]

#: The step a session's kind belongs to.
SESSIE_STAP = {
    SessieSoort.START: Stap.S1,
    SessieSoort.PROCES_HUIDIG: Stap.S3A,
    SessieSoort.PROCES_CONTROLE: Stap.S3B,
    SessieSoort.KLANTREIS: Stap.S4,
    SessieSoort.SERVICEFORMULE: Stap.S5,
}
#: The step of every other kind of source.
BRON_STAP = {
    VerbeterpuntBron.KPI: Stap.S2,
    VerbeterpuntBron.PROCESSTAP: Stap.S3A,
    VerbeterpuntBron.CONTACTMOMENT: Stap.S4,
    VerbeterpuntBron.PIJNPUNT: Stap.S4,
    VerbeterpuntBron.P_BEOORDELING: Stap.S5,
}


def stap_van(punt: Verbeterpunt) -> str:
    """The step a point comes from (`Stap` value), or `GEEN_STAP`."""
    if punt.bron == VerbeterpuntBron.SESSIE:
        stap = SESSIE_STAP.get(punt.sessie.soort)
    else:
        stap = BRON_STAP.get(punt.bron)
    return stap.value if stap else GEEN_STAP


def bron_van(punt: Verbeterpunt) -> str:
    """The source a point is grouped under (`BRON_KEUZES`): a moment of truth apart."""
    return MOMENT_VAN_WAARHEID if punt.is_moment_van_waarheid else punt.bron


def _stap_filter(stap: str) -> Q:
    sessies = [soort for soort, s in SESSIE_STAP.items() if s.value == stap]
    bronnen = [bron for bron, s in BRON_STAP.items() if s.value == stap]
    if stap == GEEN_STAP:
        return Q(bron=VerbeterpuntBron.TRAJECT) | (
            Q(bron=VerbeterpuntBron.SESSIE) & ~Q(sessie__soort__in=list(SESSIE_STAP))
        )
    return Q(bron__in=bronnen) | Q(bron=VerbeterpuntBron.SESSIE, sessie__soort__in=sessies)


def _bron_filter(bron: str) -> Q:
    if bron == MOMENT_VAN_WAARHEID:
        return Q(bron=VerbeterpuntBron.CONTACTMOMENT, contactmoment__moment_van_waarheid=True)
    return Q(bron=bron)


def verbeterpunten_van(
    *, traject: Traject, bron: str = "", stap: str = "", besluit: str = ""
) -> QuerySet[Verbeterpunt]:
    """The trajectory's points, optionally of one source, one step, and open or decided (`besluit`:
    "open", "besloten" or a `VerbeterpuntStatus`), with their sources, recorder and action loaded."""
    punten = traject.verbeterpunten.select_related(
        "ingediend_door", "besloten_door", "actie", *BRONNEN
    ).order_by("ingediend_op", "pk")
    if bron:
        punten = punten.filter(_bron_filter(bron))
    if stap:
        punten = punten.filter(_stap_filter(stap))
    if besluit == "besloten":
        punten = punten.exclude(status=VerbeterpuntStatus.OPEN)
    elif besluit:
        punten = punten.filter(status=besluit)
    return punten


@dataclass
class Groep:
    """Points under one heading of the plan page (a step, or a source)."""

    sleutel: str
    naam: str
    punten: list[Verbeterpunt] = field(default_factory=list)


def gegroepeerd(punten: list[Verbeterpunt], *, op: str) -> list[Groep]:
    """The points under their step (``op="stap"``) or source (``op="bron"``), in the method's order;
    empty groups left out."""
    keuzes, sleutel = (STAP_KEUZES, stap_van) if op == "stap" else (BRON_KEUZES, bron_van)
    groepen = {waarde: Groep(str(waarde), str(naam)) for waarde, naam in keuzes}
    for punt in punten:
        punt.traject_stap = stap_van(punt)
        groepen[sleutel(punt)].punten.append(punt)
    return [groep for groep in groepen.values() if groep.punten]


def verbeteracties_van(*, traject: Traject) -> list[Verbeteractie]:
    """The plan's actions in their order, with points, departments, owner and KPI effects loaded."""
    acties = list(
        Verbeteractie.objects.filter(traject=traject)
        .select_related("voorgestelde_eigenaar")
        .prefetch_related(
            "afdelingen",
            Prefetch("punten", queryset=Verbeterpunt.objects.order_by("ingediend_op", "pk")),
            Prefetch("kpi_effecten", queryset=ActieKpi.objects.select_related("kpi")),
        )
        .order_by("volgorde", "pk")
    )
    for actie in acties:
        actie.traject = traject
    return acties


def verbeteractie_van(traject: Traject, actie_pk: int) -> QuerySet[Verbeteractie]:
    """The action `actie_pk` of this trajectory (empty for another trajectory's), for one page."""
    return (
        Verbeteractie.objects.filter(pk=actie_pk, traject=traject)
        .select_related("voorgestelde_eigenaar")
        .prefetch_related(
            "afdelingen",
            Prefetch(
                "punten",
                queryset=Verbeterpunt.objects.select_related(*BRONNEN).order_by("ingediend_op", "pk"),
            ),
            Prefetch("kpi_effecten", queryset=ActieKpi.objects.select_related("kpi")),
        )
    )


# --- step 7: the review -------------------------------------------------------------------------


def toetsverzoeken_van(*, traject: Traject, specialist=None, pk: int | None = None) -> list:
    """The trajectory's review requests (only `specialist`'s, or only request `pk`, when given) in the
    order they were made,
    with their verdicts, the conditions and their owners, and the actions asked about loaded."""
    from .models import Toetsoordeel, Toetsverzoek, Voorwaarde

    verzoeken = (
        Toetsverzoek.objects.filter(traject=traject)
        .select_related("specialist", "aangevraagd_door", "ingetrokken_door", "herhaling_van")
        .prefetch_related(
            Prefetch(
                "oordelen",
                queryset=Toetsoordeel.objects.select_related("actie").prefetch_related(
                    Prefetch("voorwaarde_items", queryset=Voorwaarde.objects.select_related("eigenaar"))
                ),
            ),
            Prefetch("acties", queryset=Verbeteractie.objects.order_by("volgorde", "pk")),
        )
        .order_by("aangevraagd_op", "pk")
    )
    if specialist is not None:
        verzoeken = verzoeken.filter(specialist=specialist)
    if pk is not None:
        verzoeken = verzoeken.filter(pk=pk)
    lijst = list(verzoeken)
    for verzoek in lijst:
        verzoek.traject = traject
    return lijst


def voorwaarden_van(*, traject: Traject) -> list:
    """Every condition of the trajectory's conditional approvals, open ones first, with the verdict, its
    specialist, the action and the owner loaded."""
    from .models import Voorwaarde

    return list(
        Voorwaarde.objects.filter(traject=traject)
        .select_related("eigenaar", "actie", "afgehandeld_door", "oordeel__verzoek__specialist")
        .order_by("status", "actie__volgorde", "pk")
    )


def mijn_toetsingen(*, gebruiker) -> list:
    """Every review request asked of `gebruiker`, across trajectories: open ones first (by term), then
    answered and withdrawn ones (latest first), with the trajectory and the number of verdicts given."""
    from .choices import ToetsverzoekStatus
    from .models import Toetsverzoek

    verzoeken = list(
        Toetsverzoek.objects.filter(specialist=gebruiker)
        .select_related("traject__product", "aangevraagd_door")
        .annotate(
            aantal_oordelen=Count("oordelen", distinct=True), aantal_acties=Count("acties", distinct=True)
        )
        .order_by("-aangevraagd_op", "-pk")
    )
    open_ = sorted(
        (v for v in verzoeken if v.status == ToetsverzoekStatus.OPEN), key=lambda v: (v.termijn, v.pk)
    )
    return open_ + [v for v in verzoeken if v.status != ToetsverzoekStatus.OPEN]
