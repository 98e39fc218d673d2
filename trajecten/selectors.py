"""Reads of the trajectory app: they apply permissions and prefetching, so pages stay bounded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from django.db.models import Prefetch, Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from serviceformules.models import Product
from wasstraat.accounts.models import User

from . import workflow
from .choices import Rol, Stap, StapActie, StapStatusKeuze, TrajectStatus
from .models import Gebeurtenis, Kpi, StapStatus, Teamlid, Traject
from .permissions import BEKIJKEN


def trajecten_voor(*, gebruiker: User) -> QuerySet[Traject]:
    """Every trajectory `gebruiker` may see, in one query: their own, or all for management.

    Only the user's own object permissions count (``use_groups=False``): roles are given per person
    (`permissions.rechten_bijwerken`), never to a group. With the groups, guardian ORs two subqueries
    and PostgreSQL, unable to estimate that, walks every trajectory in the list's order to find a
    member's few (2.5 ms against 0.3 ms with 10,000 trajectories, scripts/benchmark_paginas.py).
    """
    return get_objects_for_user(
        gebruiker,
        f"trajecten.{BEKIJKEN}",
        klass=Traject,
        use_groups=False,
        accept_global_perms=True,
        with_superuser=True,
    )


def _zoekfilter(zoek: str) -> Q:
    """Title or product name contains `zoek`. The products (a short catalogue) are looked up first, so
    the condition stays on the trajectory's own columns: PostgreSQL combines the title's trigram index
    with the product index (a BitmapOr) instead of scanning every trajectory for an OR over a join."""
    producten = list(Product.objects.filter(naam__icontains=zoek).values_list("pk", flat=True))
    return Q(titel__icontains=zoek) | Q(product_id__in=producten)


#: A search of "Mijn trajecten" lists at most this many trajectories.
ZOEK_MAX_TREFFERS = 200

#: The order of "Mijn trajecten": last changed first (index traject_lijst_volgorde_idx).
LIJSTVOLGORDE = ("-gewijzigd_op", "-pk")


class TrajectenLijst:
    """The "Mijn trajecten" list as `django.core.paginator.Paginator` reads it: `count()` counts the
    matching trajectories; a slice gives that page's rows, with what each row shows.

    A page is read by its ids first, in the list's order (an index-only scan of the order's index),
    and then the rows of just those ids (a "deferred join", still one query). Reading the rows at an
    offset directly makes PostgreSQL join and sort every trajectory to reach the last page (28 ms with
    10,000 trajectories, sorted on disk; 1 ms this way).
    """

    def __init__(self, treffers: QuerySet[Traject], *, tellen_tot: int | None = None) -> None:
        self.treffers = treffers.order_by(*LIJSTVOLGORDE)
        self.tellen_tot = tellen_tot
        self.afgekapt = False  # more trajectories match than `tellen_tot`: only that many are listed

    def count(self) -> int:
        """The number of matches; with `tellen_tot`, at most that many (counting stops there)."""
        if self.tellen_tot is None:
            return self.treffers.count()
        aantal = self.treffers.values("pk")[: self.tellen_tot + 1].count()
        self.afgekapt = aantal > self.tellen_tot
        return min(aantal, self.tellen_tot)

    def __getitem__(self, plak: slice) -> list[Traject]:
        if not isinstance(plak, slice):
            raise TypeError("TrajectenLijst takes a slice, as the Paginator does")
        return list(self.rijen(plak))

    def rijen(self, plak: slice) -> QuerySet[Traject]:
        """The rows of one page (`plak`: the Paginator's slice of the list)."""
        ids = self.treffers.values("pk")[plak]
        lopend = StapStatus.objects.filter(status=StapStatusKeuze.BEZIG).order_by("pk")
        projectleiders = Teamlid.objects.filter(rol=Rol.PROJECTLEIDER).select_related("gebruiker")
        return (
            Traject.objects.filter(pk__in=ids)
            .select_related("product__afdeling")
            .prefetch_related(
                Prefetch("stappen", queryset=lopend, to_attr="lopende_stappen"),
                Prefetch("teamleden", queryset=projectleiders, to_attr="projectleiders"),
            )
            .order_by(*LIJSTVOLGORDE)
        )


def trajecten_lijst(
    *,
    gebruiker: User,
    zoek: str = "",
    status: str = "",
    stap: str = "",
    afdeling: int | None = None,
) -> TrajectenLijst:
    """The "Mijn trajecten" list: visible trajectories, filtered, last changed first; each row with its
    product and department, `lopende_stappen` (the steps in progress) and `projectleiders`. Paginate it
    (see `TrajectenLijst`): a page costs three queries (rows, steps, project leaders) and the count one,
    a search one more (the products), whatever the number of trajectories.

    A search lists at most `ZOEK_MAX_TREFFERS` matches (`afgekapt` tells when there are more): a word
    found in a third of 10,000 titles would otherwise make PostgreSQL read every row just to count
    them, and nobody pages through a thousand search results.

    `stap` filters on trajectories with that step in progress. The order, the step filter and the
    search each have their index (migration 0005).
    """
    qs = trajecten_voor(gebruiker=gebruiker)
    if zoek:
        qs = qs.filter(_zoekfilter(zoek))
    if status:
        qs = qs.filter(status=status)
    if stap:
        qs = qs.filter(stappen__stap=stap, stappen__status=StapStatusKeuze.BEZIG)
    if afdeling:
        qs = qs.filter(product__afdeling_id=afdeling)
    return TrajectenLijst(qs, tellen_tot=ZOEK_MAX_TREFFERS if zoek else None)


@dataclass
class StapWeergave:
    """One step as the trajectory page shows it."""

    regel: workflow.StapRegel
    rij: StapStatus
    ontbrekend: list[str] = field(default_factory=list)
    acties: dict[str, list[str]] = field(default_factory=dict)  # action -> refusals (empty: allowed)
    wie: list[Teamlid] = field(default_factory=list)  # who may complete it (and skip or reopen it)
    starters: list[Teamlid] = field(default_factory=list)  # who may start it
    wacht_op: list[Stap] = field(default_factory=list)  # earlier steps not yet completed or skipped
    beweegt: bool = True  # the trajectory lets its steps move (not paused, stopped or completed)

    @property
    def status(self) -> StapStatusKeuze:
        return self.rij.status_keuze

    @property
    def toegestane_acties(self) -> list[str]:
        return [actie for actie, fouten in self.acties.items() if not fouten]

    @property
    def is_bezig(self) -> bool:
        return self.status == StapStatusKeuze.BEZIG

    @property
    def kan_starten(self) -> bool:
        """Not started, every step it needs done, in a trajectory that moves: someone can start it now."""
        return self.status == StapStatusKeuze.NIET_GESTART and not self.wacht_op and self.beweegt


@dataclass(frozen=True)
class StappenIndeling:
    """The steps as the trajectory page orders them: those in progress first, with what blocks them;
    then those that can start now; then the rest (finished, or waiting for earlier steps), on demand."""

    lopend: list[StapWeergave]
    startbaar: list[StapWeergave]
    overig: list[StapWeergave]


def stappen_indelen(stappen: list[StapWeergave]) -> StappenIndeling:
    """`stappen` (from `wasstraat_overzicht`) split into those in progress, those that can start and
    the rest, each in the workflow's order; every step in exactly one of them."""
    lopend = [s for s in stappen if s.is_bezig]
    startbaar = [s for s in stappen if s.kan_starten]
    return StappenIndeling(
        lopend=lopend,
        startbaar=startbaar,
        overig=[s for s in stappen if s not in lopend and s not in startbaar],
    )


def wasstraat_overzicht(*, traject: Traject, gebruiker: User) -> list[StapWeergave]:
    """The ten steps at a glance: status, what is missing, who acts next, what they wait for, what
    `gebruiker` may do (`stappen_indelen` orders them for the page).

    A constant number of queries: the steps, the team, and the completion conditions of the steps
    in progress.
    """
    rijen = {Stap(r.stap): r for r in traject.stappen.all()}
    team = list(traject.teamleden.select_related("gebruiker"))
    rollen = {lid.rol for lid in team if lid.gebruiker_id == gebruiker.pk}
    statussen = {s: r.status for s, r in rijen.items()}
    beweegt = traject.status in (TrajectStatus.CONCEPT, TrajectStatus.LOPEND)
    weergaven = []
    for stap, regel in workflow.WORKFLOW.items():
        rij = rijen[stap]
        starten = regel.rollen_voor(StapActie.START)
        weergave = StapWeergave(
            regel=regel,
            rij=rij,
            wie=[lid for lid in team if lid.rol in regel.afronden_door],
            starters=[lid for lid in team if lid.rol in starten],
            wacht_op=[v for v in regel.vereist if not StapStatusKeuze(statussen[v]).is_klaar],
            beweegt=beweegt,
        )
        for actie in StapActie:
            weergave.acties[actie] = workflow.weigeringen(
                stap=stap,
                actie=actie,
                traject_status=traject.status,
                statussen=statussen,
                rollen=rollen,
                reden="-",
            )
        if rij.status == StapStatusKeuze.BEZIG:
            weergave.ontbrekend = workflow.ontbrekend(traject, stap)
            if weergave.ontbrekend:
                weergave.acties[StapActie.AFRONDEN] = [
                    *weergave.acties[StapActie.AFRONDEN],
                    *weergave.ontbrekend,
                ]
        weergaven.append(weergave)
    return weergaven


#: The team picker shows at most this many people per search; a search needs this many characters.
PERSONEN_MAX = 20
ZOEK_MIN_TEKENS = 2
_ZOEK_MAX_WOORDEN = 5


@dataclass
class GevondenPersonen:
    """What a search of the team picker found: at most `PERSONEN_MAX` active people."""

    zoek: str
    personen: list[User] = field(default_factory=list)
    meer: bool = False  # more people match than are shown: the search should be narrowed
    gekozen: User | None = None  # the person already chosen (kept when the form comes back)

    min_tekens: ClassVar[int] = ZOEK_MIN_TEKENS

    @property
    def te_kort(self) -> bool:
        return len("".join(self.zoek.split())) < self.min_tekens

    @property
    def aantal(self) -> int:
        return len(self.personen)


def personen_zoeken(
    *, zoek: str, gekozen: User | None = None, limiet: int = PERSONEN_MAX
) -> GevondenPersonen:
    """Active people whose first name, last name, user name or department contains every word of
    `zoek`, by name: at most `limiet` (one query), with `gekozen` first if given and active.

    Inactive accounts are never offered; a search shorter than `ZOEK_MIN_TEKENS` finds nobody.
    """
    gevonden = GevondenPersonen(zoek=zoek, gekozen=gekozen if gekozen and gekozen.is_active else None)
    personen: list[User] = []
    if not gevonden.te_kort:
        qs = User.objects.filter(is_active=True).select_related("afdeling")
        for woord in zoek.split()[:_ZOEK_MAX_WOORDEN]:
            qs = qs.filter(
                Q(first_name__icontains=woord)
                | Q(last_name__icontains=woord)
                | Q(username__icontains=woord)
                | Q(afdeling__naam__icontains=woord)
            )
        personen = list(qs.order_by("first_name", "last_name", "username", "pk")[: limiet + 1])
        gevonden.meer = len(personen) > limiet
        personen = personen[:limiet]
    if gevonden.gekozen is not None:
        personen = [gevonden.gekozen, *(p for p in personen if p.pk != gevonden.gekozen.pk)][:limiet]
    gevonden.personen = personen
    return gevonden


def tijdlijn(*, traject: Traject) -> QuerySet[Gebeurtenis]:
    """The trajectory's audit events, newest first, with who did them."""
    return traject.gebeurtenissen.select_related("actor")


def kpis_van(*, traject: Traject) -> QuerySet[Kpi]:
    """The trajectory's KPI's in the order they were defined, with their measurements (oldest first)
    and who approved them: two queries, however many KPI's and measurements."""
    return traject.kpis.select_related("goedgekeurd_door").prefetch_related("metingen")
