"""Reads of the trajectory app: they apply permissions and prefetching, so pages stay bounded."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from wasstraat.accounts.models import User

from . import workflow
from .choices import Rol, Stap, StapActie, StapStatusKeuze
from .models import Gebeurtenis, Kpi, StapStatus, Teamlid, Traject
from .permissions import BEKIJKEN


def trajecten_voor(*, gebruiker: User) -> QuerySet[Traject]:
    """Every trajectory `gebruiker` may see, in one query: their own, or all for management."""
    return get_objects_for_user(
        gebruiker,
        f"trajecten.{BEKIJKEN}",
        klass=Traject,
        accept_global_perms=True,
        with_superuser=True,
    )


def trajecten_lijst(
    *,
    gebruiker: User,
    zoek: str = "",
    status: str = "",
    stap: str = "",
    afdeling: int | None = None,
) -> QuerySet[Traject]:
    """The "Mijn trajecten" list: visible trajectories, filtered, with what each row shows prefetched.

    `stap` filters on trajectories with that step in progress.
    """
    qs = trajecten_voor(gebruiker=gebruiker).select_related("product__afdeling")
    if zoek:
        qs = qs.filter(Q(titel__icontains=zoek) | Q(product__naam__icontains=zoek))
    if status:
        qs = qs.filter(status=status)
    if stap:
        qs = qs.filter(stappen__stap=stap, stappen__status=StapStatusKeuze.BEZIG)
    if afdeling:
        qs = qs.filter(product__afdeling_id=afdeling)
    return qs.prefetch_related(
        Prefetch("stappen", queryset=StapStatus.objects.order_by("pk")),
        Prefetch(
            "teamleden",
            queryset=Teamlid.objects.filter(rol=Rol.PROJECTLEIDER).select_related("gebruiker"),
            to_attr="projectleiders",
        ),
    ).order_by("-gewijzigd_op", "-pk")


@dataclass
class StapWeergave:
    """One step as the trajectory page shows it."""

    regel: workflow.StapRegel
    rij: StapStatus
    ontbrekend: list[str] = field(default_factory=list)
    acties: dict[str, list[str]] = field(default_factory=dict)  # action -> refusals (empty: allowed)
    wie: list[Teamlid] = field(default_factory=list)

    @property
    def status(self) -> StapStatusKeuze:
        return self.rij.status_keuze

    @property
    def toegestane_acties(self) -> list[str]:
        return [actie for actie, fouten in self.acties.items() if not fouten]


def wasstraat_overzicht(*, traject: Traject, gebruiker: User) -> list[StapWeergave]:
    """The ten steps at a glance: status, what is missing, who acts next, what `gebruiker` may do.

    A constant number of queries: the steps, the team, and the completion conditions of the steps
    in progress.
    """
    rijen = {Stap(r.stap): r for r in traject.stappen.all()}
    team = list(traject.teamleden.select_related("gebruiker"))
    rollen = {lid.rol for lid in team if lid.gebruiker_id == gebruiker.pk}
    statussen = {s: r.status for s, r in rijen.items()}
    weergaven = []
    for stap, regel in workflow.WORKFLOW.items():
        rij = rijen[stap]
        weergave = StapWeergave(
            regel=regel, rij=rij, wie=[lid for lid in team if lid.rol in regel.afronden_door]
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


def tijdlijn(*, traject: Traject) -> QuerySet[Gebeurtenis]:
    """The trajectory's audit events, newest first, with who did them."""
    return traject.gebeurtenissen.select_related("actor")


def kpis_van(*, traject: Traject) -> QuerySet[Kpi]:
    """The trajectory's KPI's in the order they were defined, with their measurements (oldest first)
    and who approved them: two queries, however many KPI's and measurements."""
    return traject.kpis.select_related("goedgekeurd_door").prefetch_related("metingen")
