"""A snapshot of the improvement plan as data: the actions with their fields, points and KPI effects.

Taken when a review is requested (`Toetsverzoek.momentopname`), so a verdict names the state of the
plan the specialist saw, and reusable for the frozen versions of step 8. Plain JSON (no model
instances, amounts as strings), so a snapshot reads the same for ever, whatever changes later.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from trajecten.models import Traject

from .choices import Schaal, Termijn
from .models import Verbeteractie
from .selectors import verbeteracties_van

#: The keys that describe where an action stands in the plan rather than what it is: a change of
#: place alone does not make a verdict on it out of date.
PLAATS = frozenset({"pk", "volgorde"})


def _bedrag(waarde) -> str | None:
    return None if waarde is None else str(waarde)


def actie_momentopname(actie: Verbeteractie) -> dict[str, Any]:
    """One action as data (with its departments, owner, points and KPI effects loaded, see
    `selectors.verbeteracties_van`)."""
    eigenaar = actie.voorgestelde_eigenaar
    return {
        "pk": actie.pk,
        "volgorde": actie.volgorde,
        "titel": actie.titel,
        "omschrijving": actie.omschrijving,
        "termijn": actie.termijn,
        "impact": actie.impact,
        "inspanning": actie.inspanning,
        "kosten_eenmalig": _bedrag(actie.kosten_eenmalig),
        "kosten_jaarlijks": _bedrag(actie.kosten_jaarlijks),
        "afdelingen": sorted(a.naam for a in actie.afdelingen.all()),
        "voorgestelde_eigenaar": (eigenaar.get_full_name() or eigenaar.get_username()) if eigenaar else "",
        "wijzigt_gewenst_proces": actie.wijzigt_gewenst_proces,
        "kpi_effecten": sorted(
            ({"kpi": e.kpi.naam, "effect": e.verwacht_effect} for e in actie.kpi_effecten.all()),
            key=lambda e: e["kpi"],
        ),
        "punten": [{"pk": p.pk, "titel": p.titel} for p in actie.punten.all()],
    }


def plan_momentopname(traject: Traject) -> dict[str, Any]:
    """The whole plan now: every action in its order (a fixed number of queries)."""
    return {
        "genomen_op": timezone.now().isoformat(),
        "traject": {"pk": traject.pk, "titel": traject.titel},
        "acties": [actie_momentopname(a) for a in verbeteracties_van(traject=traject)],
    }


def acties_in(momentopname: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """The snapshot's actions by primary key."""
    return {a["pk"]: a for a in momentopname.get("acties", [])}


def gewijzigde_velden(eerder: dict[str, Any] | None, nu: dict[str, Any] | None) -> list[str]:
    """What differs between two snapshots of one action (its place in the plan aside); a missing
    snapshot on either side counts as every field."""
    if eerder is None or nu is None:
        return sorted((eerder or nu or {}).keys() - PLAATS)
    return sorted(k for k in (eerder.keys() | nu.keys()) - PLAATS if eerder.get(k) != nu.get(k))


def leesbaar(actie: dict[str, Any] | None) -> dict[str, Any] | None:
    """A snapshot's action with the labels a page shows (term, impact, effort), for templates."""
    if actie is None:
        return None
    termijn, impact, inspanning = actie.get("termijn"), actie.get("impact"), actie.get("inspanning")
    return actie | {
        "termijn_label": Termijn(termijn).label if termijn in Termijn.values else "",
        "impact_label": Schaal(impact).label if impact in Schaal.values else "",
        "inspanning_label": Schaal(inspanning).label if inspanning in Schaal.values else "",
    }
