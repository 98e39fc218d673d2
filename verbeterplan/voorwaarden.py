"""Completion conditions of step 6, the improvement plan, and step 7, its review."""

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


@registreer_voorwaarde(Stap.S7)
def toetsing_afgerond(traject: Traject) -> list[str]:
    """Every review request answered or withdrawn with a reason, and at least one answered. One query."""
    from .choices import ToetsverzoekStatus
    from .models import Toetsverzoek

    verzoeken = list(
        Toetsverzoek.objects.filter(traject=traject)
        .select_related("specialist")
        .order_by("aangevraagd_op", "pk")
        .only(
            "status",
            "intrekreden",
            "discipline",
            "specialist__first_name",
            "specialist__last_name",
            "specialist__username",
        )
    )
    if not any(v.status == ToetsverzoekStatus.BEANTWOORD for v in verzoeken):
        ontbreekt = [_("Request a review from at least one specialist and wait for the verdict.")]
    else:
        ontbreekt = []
    wachtend = [v for v in verzoeken if v.status == ToetsverzoekStatus.OPEN]
    if wachtend:
        ontbreekt.append(
            ngettext(
                "Wait for the verdict of %(wie)s, or withdraw the request with a reason.",
                "Wait for the verdicts of %(wie)s, or withdraw the requests with a reason.",
                len(wachtend),
            )
            % {"wie": ", ".join(f"{v.specialist} ({v.get_discipline_display()})" for v in wachtend)}
        )
    zonder_reden = [
        v for v in verzoeken if v.status == ToetsverzoekStatus.INGETROKKEN and not v.intrekreden.strip()
    ]
    if zonder_reden:
        ontbreekt.append(_("Give the reason for every withdrawn request."))
    return ontbreekt
