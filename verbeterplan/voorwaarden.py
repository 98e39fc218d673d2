"""Completion condition of step 6, the improvement plan."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trajecten.choices import Stap
from trajecten.models import Traject
from trajecten.workflow import registreer_voorwaarde

from .choices import VerbeterpuntStatus
from .models import Verbeteractie, Verbeterpunt


@registreer_voorwaarde(Stap.S6)
def verbeterplan_opgesteld(traject: Traject) -> list[str]:
    """Every improvement point accepted, merged or rejected with a reason; at least one action; every
    action marked quick win or long term. Two queries, so the trajectory page stays bounded."""
    punten = Verbeterpunt.objects.filter(traject=traject).aggregate(
        open=Count("pk", filter=Q(status=VerbeterpuntStatus.OPEN)),
        zonder_reden=Count("pk", filter=Q(status=VerbeterpuntStatus.AFGEWEZEN, afwijzingsreden="")),
    )
    acties = list(
        Verbeteractie.objects.filter(traject=traject).order_by("volgorde", "pk").values("titel", "termijn")
    )
    ontbreekt = []
    if punten["open"]:
        ontbreekt.append(
            ngettext(
                "Decide on %(aantal)d open improvement point: accept it into an action, merge it into "
                "one, or reject it with a reason.",
                "Decide on %(aantal)d open improvement points: accept each into an action, merge it into "
                "one, or reject it with a reason.",
                punten["open"],
            )
            % {"aantal": punten["open"]}
        )
    if punten["zonder_reden"]:
        ontbreekt.append(
            ngettext(
                "Give the reason for %(aantal)d rejected improvement point.",
                "Give the reasons for %(aantal)d rejected improvement points.",
                punten["zonder_reden"],
            )
            % {"aantal": punten["zonder_reden"]}
        )
    if not acties:
        ontbreekt.append(_("Add at least one action to the improvement plan."))
    zonder_termijn = [a["titel"] for a in acties if not a["termijn"]]
    if zonder_termijn:
        ontbreekt.append(
            ngettext(
                "Mark this action as quick win or long term: %(acties)s.",
                "Mark these actions as quick win or long term: %(acties)s.",
                len(zonder_termijn),
            )
            % {"acties": ", ".join(f"“{t}”" for t in zonder_termijn)}
        )
    return ontbreekt
