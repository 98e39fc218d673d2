"""Writes of the improvement plan: recording improvement points (any member, anywhere; a deviating P of
step 5 in one click), and step 6 — deciding on every point (accept into a new action, merge into an
existing one, reject with a reason) and drawing up the actions (verbeteracties) in their order.

The step-6 services check the right `bewerk_verbeterplan`, lock the trajectory row (one lock for the
whole plan, so two people deciding the same point at once give one decision and a clear refusal),
refuse while the trajectory is stopped or finished or step 6 has been completed, check the version the
user saw (`wasstraat.bewerking`), validate with `full_clean()` and write an audit event of the kind
`GebeurtenisSoort.VERBETERPLAN`. Nothing is deleted: a decided point keeps what became of it and may be
decided again while step 6 is open.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from klantreis.models import Contactmoment, Pijnpunt
from serviceformules import services as zes_p
from serviceformules.models import PBeoordeling
from trajecten.choices import GebeurtenisSoort, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import Kpi, ProcesStap, Sessie, StapStatus, Traject
from trajecten.permissions import rechten_voor
from trajecten.services import WorkflowFout, gebeurtenis_vastleggen
from trajecten.services.traject import _eis_recht, _vergrendel
from wasstraat.accounts.models import User
from wasstraat.bewerking import Extra, versie_controleren

from .choices import VerbeterpuntBron, VerbeterpuntStatus
from .models import ActieKpi, Verbeteractie, Verbeterpunt

BEWERKEN = "bewerk_verbeterplan"
OP, NEER = "op", "neer"

#: What a decision on a point changes: the fields the decision forms carry the version of.
BESLUITVELDEN = ("status", "actie", "afwijzingsreden")
#: The fields of an action a person fills in; `volgorde` is the services' business, the KPI effects
#: travel separately (`kpi_effecten`).
ACTIEVELDEN = (
    "titel",
    "omschrijving",
    "termijn",
    "impact",
    "inspanning",
    "kosten_eenmalig",
    "kosten_jaarlijks",
    "afdelingen",
    "voorgestelde_eigenaar",
    "wijzigt_gewenst_proces",
)


def _bron(**bronnen) -> VerbeterpuntBron:
    gegeven = [naam for naam, waarde in bronnen.items() if waarde is not None]
    if len(gegeven) > 1:
        raise ValueError("An improvement point has one source.")
    return VerbeterpuntBron(gegeven[0]) if gegeven else VerbeterpuntBron.TRAJECT


@transaction.atomic
def verbeterpunt_vastleggen(
    *,
    traject: Traject,
    door: User,
    titel: str,
    omschrijving: str = "",
    sessie: Sessie | None = None,
    kpi: Kpi | None = None,
    processtap: ProcesStap | None = None,
    contactmoment: Contactmoment | None = None,
    pijnpunt: Pijnpunt | None = None,
    p_beoordeling: PBeoordeling | None = None,
) -> Verbeterpunt:
    """Record an improvement point where it arose: the trajectory page, a session, a KPI, a process step,
    a contact moment of the journey (a moment of truth among them), a pain point or a P of the 6P assessment.

    Any member may. At most one source object is given; it must belong to the trajectory.
    """
    if "vastleggen_verbeterpunt" not in rechten_voor(door, traject):
        raise PermissionDenied(_("Only team members can record improvement points."))
    punt = Verbeterpunt(
        traject=traject,
        titel=titel,
        omschrijving=omschrijving,
        sessie=sessie,
        kpi=kpi,
        processtap=processtap,
        contactmoment=contactmoment,
        pijnpunt=pijnpunt,
        p_beoordeling=p_beoordeling,
        ingediend_door=door,
        bron=_bron(
            sessie=sessie,
            kpi=kpi,
            processtap=processtap,
            contactmoment=contactmoment,
            pijnpunt=pijnpunt,
            p_beoordeling=p_beoordeling,
        ),
    )
    punt.full_clean()
    punt.save()
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.VERBETERPUNT,
        omschrijving=_("Improvement point “%(titel)s” recorded (%(bron)s).")
        % {"titel": titel, "bron": punt.bron_omschrijving},
        gegevens={"verbeterpunt": punt.pk},
    )
    return punt


@transaction.atomic
def afwijking_naar_verbeterpunt(*, traject: Traject, door: User, p: str) -> Verbeterpunt:
    """Turn a deviating P of step 5 (of the chosen formule) into an improvement point, in one action.

    The title says which P deviates from which formule, the description is the explanation of the
    assessment. Takes step 5's right `beoordeel_6p`. Refused where step 5 refuses
    (`serviceformules.services.afwijkende_beoordeling`: a closed trajectory, no formule chosen, a P that
    matches or is not assessed yet) and for a P that already has its improvement point (one per
    assessment: a second click makes no duplicate). The improvement point records its own event in the
    timeline.
    """
    _eis_recht(door, traject, zes_p.BEOORDELEN)
    traject = _vergrendel(traject)
    beoordeling = zes_p.afwijkende_beoordeling(traject, p)
    bestaand = beoordeling.verbeterpunten.order_by("pk").first()
    if bestaand is not None:
        raise WorkflowFout(
            _("An improvement point was already made from this P: “%(titel)s”.") % {"titel": bestaand.titel}
        )
    return verbeterpunt_vastleggen(
        traject=traject,
        door=door,
        titel=zes_p.afwijking_titel(beoordeling),
        omschrijving=beoordeling.toelichting,
        p_beoordeling=beoordeling,
    )


# --- step 6: guards ------------------------------------------------------------------------------


def plan_gesloten(traject: Traject) -> str | None:
    """Why the plan cannot change now, in words (None: it can). The same rule the services enforce, so
    pages can hide what would be refused."""
    if traject.status in (TrajectStatus.GESTOPT, TrajectStatus.AFGEROND):
        return _("The trajectory is %(status)s; its improvement plan can no longer change.") % {
            "status": traject.status_keuze.label.lower()
        }
    stap6 = StapStatus.objects.filter(traject_id=traject.pk, stap=Stap.S6).values_list("status", flat=True)
    if stap6.first() == StapStatusKeuze.AFGEROND:
        return _(
            "Step 6 has been completed; the improvement plan can no longer change here. Reopen step 6 "
            "to decide again."
        )
    return None


def _plan_beginnen(traject: Traject, door: User) -> Traject:
    """Check the right, lock the trajectory and refuse when the plan is closed; the locked trajectory."""
    _eis_recht(door, traject, BEWERKEN)
    traject = _vergrendel(traject)
    if reden := plan_gesloten(traject):
        raise WorkflowFout(reden)
    return traject


def _punt_onder_slot(punt: Verbeterpunt, door: User) -> Verbeterpunt:
    traject = _plan_beginnen(punt.traject, door)
    vers = Verbeterpunt.objects.select_related("actie").filter(pk=punt.pk, traject=traject).first()
    if vers is None:
        raise WorkflowFout(_("This improvement point no longer exists."))
    vers.traject = traject
    return vers


def _actie_onder_slot(actie: Verbeteractie, door: User) -> Verbeteractie:
    traject = _plan_beginnen(actie.traject, door)
    vers = Verbeteractie.objects.filter(pk=actie.pk, traject=traject).first()
    if vers is None:
        raise WorkflowFout(_("This action no longer exists."))
    vers.traject = traject
    return vers


def _gebeurtenis(traject: Traject, door: User, omschrijving: str, reden: str = "", **gegevens) -> None:
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.VERBETERPLAN,
        omschrijving=omschrijving,
        stap=Stap.S6,
        reden=reden,
        gegevens=gegevens,
    )


def _volgende_nummer(traject: Traject) -> int:
    return (Verbeteractie.objects.filter(traject=traject).aggregate(m=Max("volgorde"))["m"] or 0) + 1


def _besluit_vastleggen(
    punt: Verbeterpunt, door: User, status: VerbeterpuntStatus, actie=None, reden: str = ""
) -> str:
    """Set the decision on the locked point; the earlier decision in words (for the audit event)."""
    vorig = str(punt.status_keuze.label)
    punt.status = status
    punt.actie = actie
    punt.afwijzingsreden = reden
    punt.besloten_door = door
    punt.besloten_op = timezone.now()
    punt.full_clean()
    punt.save(update_fields=["status", "actie", "afwijzingsreden", "besloten_door", "besloten_op"])
    return vorig


# --- step 6: deciding on points -----------------------------------------------------------------


@transaction.atomic
def verbeterpunt_overnemen(
    *, punt: Verbeterpunt, door: User, titel: str = "", gezien: str | None = None
) -> Verbeteractie:
    """Accept a point into a new action (at the end of the plan), titled `titel` or after the point.

    `gezien`: the version of the decision the user saw (`wasstraat.bewerking`).
    """
    punt = _punt_onder_slot(punt, door)
    versie_controleren(punt, gezien=gezien, velden=BESLUITVELDEN)
    traject = punt.traject
    actie = Verbeteractie(
        traject=traject,
        titel=(titel or punt.titel).strip(),
        omschrijving=punt.omschrijving,
        volgorde=_volgende_nummer(traject),
        aangemaakt_door=door,
    )
    actie.full_clean()
    actie.save()
    vorig = _besluit_vastleggen(punt, door, VerbeterpuntStatus.OVERGENOMEN, actie=actie)
    _gebeurtenis(
        traject,
        door,
        _("Improvement point “%(punt)s” accepted into the new action “%(actie)s”.")
        % {"punt": punt.titel, "actie": actie.titel},
        verbeterpunt=punt.pk,
        actie=actie.pk,
        besluit=VerbeterpuntStatus.OVERGENOMEN.value,
        vorig=vorig,
    )
    return actie


@transaction.atomic
def verbeterpunt_samenvoegen(
    *, punt: Verbeterpunt, actie: Verbeteractie | None, door: User, gezien: str | None = None
) -> Verbeteractie:
    """Merge a point into an existing action of the plan (several points, one action)."""
    punt = _punt_onder_slot(punt, door)
    versie_controleren(punt, gezien=gezien, velden=BESLUITVELDEN)
    doel = Verbeteractie.objects.filter(pk=getattr(actie, "pk", None), traject=punt.traject).first()
    if doel is None:
        raise ValidationError({"actie": _("Choose an action of this improvement plan.")})
    if punt.status == VerbeterpuntStatus.SAMENGEVOEGD and punt.actie_id == doel.pk:
        return doel
    vorig = _besluit_vastleggen(punt, door, VerbeterpuntStatus.SAMENGEVOEGD, actie=doel)
    _gebeurtenis(
        punt.traject,
        door,
        _("Improvement point “%(punt)s” merged into action “%(actie)s”.")
        % {"punt": punt.titel, "actie": doel.titel},
        verbeterpunt=punt.pk,
        actie=doel.pk,
        besluit=VerbeterpuntStatus.SAMENGEVOEGD.value,
        vorig=vorig,
    )
    return doel


@transaction.atomic
def verbeterpunt_afwijzen(
    *, punt: Verbeterpunt, door: User, reden: str, gezien: str | None = None
) -> Verbeterpunt:
    """Reject a point, always with the reason why; the point stays, with its reason."""
    punt = _punt_onder_slot(punt, door)
    versie_controleren(punt, gezien=gezien, velden=BESLUITVELDEN)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"afwijzingsreden": _("Give the reason for rejecting this point.")})
    if punt.status == VerbeterpuntStatus.AFGEWEZEN and punt.afwijzingsreden == reden:
        return punt
    vorig = _besluit_vastleggen(punt, door, VerbeterpuntStatus.AFGEWEZEN, reden=reden)
    _gebeurtenis(
        punt.traject,
        door,
        _("Improvement point “%(punt)s” rejected.") % {"punt": punt.titel},
        reden=reden,
        verbeterpunt=punt.pk,
        besluit=VerbeterpuntStatus.AFGEWEZEN.value,
        vorig=vorig,
    )
    return punt


# --- step 6: the actions ------------------------------------------------------------------------


def kpi_effecten_van(actie: Verbeteractie | None, kpis: list[Kpi]) -> dict[int, str]:
    """The expected effect per KPI (pk → words, "" for a KPI the action is not expected to move)."""
    effecten = {kpi.pk: "" for kpi in kpis}
    if actie is not None and actie.pk:
        for rij in ActieKpi.objects.filter(actie=actie, kpi__in=kpis):
            effecten[rij.kpi_id] = rij.verwacht_effect
    return effecten


def kpi_extra(kpis: list[Kpi], effecten: Mapping[int, str]) -> Extra:
    """The KPI effects as the version check's `extra` (the action form edits them too)."""
    return {
        f"kpi_{kpi.pk}": (_("Expected effect on %(kpi)s") % {"kpi": kpi.naam}, effecten.get(kpi.pk, ""))
        for kpi in kpis
    }


def _velden(velden: dict[str, Any]) -> dict[str, Any]:
    onbekend = set(velden) - set(ACTIEVELDEN)
    if onbekend:
        raise ValueError(f"Not a field that can be set: {', '.join(sorted(onbekend))}")
    return velden


def _eis_eigenaar_in_team(traject: Traject, eigenaar: User | None) -> None:
    if eigenaar is not None and not traject.teamleden.filter(gebruiker=eigenaar).exists():
        raise ValidationError(
            {"voorgestelde_eigenaar": _("Choose a member of this trajectory's team as proposed owner.")}
        )


def _kpi_effecten_opslaan(actie: Verbeteractie, effecten: Mapping[int, str]) -> list[str]:
    """Write the expected effects (only KPI's of the trajectory); the names of the KPI's that changed."""
    kpis = {k.pk: k for k in Kpi.objects.filter(traject_id=actie.traject_id, pk__in=list(effecten))}
    if set(effecten) - set(kpis):
        raise ValidationError(_("Choose KPIs of this trajectory."))
    bestaand = {r.kpi_id: r for r in ActieKpi.objects.filter(actie=actie)}
    gewijzigd = []
    for pk, effect in effecten.items():
        effect = (effect or "").strip()
        rij = bestaand.get(pk)
        if not effect and rij is not None:
            rij.delete()
        elif effect and rij is None:
            rij = ActieKpi(actie=actie, kpi=kpis[pk], verwacht_effect=effect)
            rij.full_clean()
            rij.save()
        elif effect and rij.verwacht_effect != effect:
            rij.verwacht_effect = effect
            rij.full_clean()
            rij.save(update_fields=["verwacht_effect"])
        else:
            continue
        gewijzigd.append(kpis[pk].naam)
    return gewijzigd


def _veldnamen(namen: list[str]) -> str:
    return ", ".join(str(Verbeteractie._meta.get_field(n).verbose_name) for n in namen)


@transaction.atomic
def verbeteractie_aanmaken(
    *, traject: Traject, door: User, kpi_effecten: Mapping[int, str] | None = None, **velden: Any
) -> Verbeteractie:
    """Add an action at the end of the plan (its points come by merging them into it)."""
    traject = _plan_beginnen(traject, door)
    velden = dict(_velden(velden))
    afdelingen = velden.pop("afdelingen", None)
    _eis_eigenaar_in_team(traject, velden.get("voorgestelde_eigenaar"))
    actie = Verbeteractie(traject=traject, volgorde=_volgende_nummer(traject), aangemaakt_door=door, **velden)
    actie.full_clean()
    actie.save()
    if afdelingen:
        actie.afdelingen.set(afdelingen)
    if kpi_effecten:
        _kpi_effecten_opslaan(actie, kpi_effecten)
    _gebeurtenis(
        traject,
        door,
        _("Action “%(actie)s” added to the improvement plan.") % {"actie": actie.titel},
        actie=actie.pk,
    )
    return actie


@transaction.atomic
def verbeteractie_wijzigen(
    *,
    actie: Verbeteractie,
    door: User,
    gezien: str | None = None,
    kpi_effecten: Mapping[int, str] | None = None,
    **velden: Any,
) -> Verbeteractie:
    """Change an action's fields and its expected effects on the KPI's. `gezien`: the version the user
    edited, KPI effects included (`wasstraat.bewerking`)."""
    actie = _actie_onder_slot(actie, door)
    traject = actie.traject
    kpis = list(Kpi.objects.filter(traject=traject).order_by("naam", "pk"))
    extra = kpi_extra(kpis, kpi_effecten_van(actie, kpis))
    versie_controleren(actie, gezien=gezien, velden=list(velden), extra=extra)
    velden = dict(_velden(velden))
    afdelingen = velden.pop("afdelingen", None)
    if "voorgestelde_eigenaar" in velden and velden["voorgestelde_eigenaar"] != actie.voorgestelde_eigenaar:
        _eis_eigenaar_in_team(traject, velden["voorgestelde_eigenaar"])  # one who left may stay
    gewijzigd = [n for n, waarde in velden.items() if getattr(actie, n) != waarde]
    for naam in gewijzigd:
        setattr(actie, naam, velden[naam])
    actie.full_clean()
    if gewijzigd:
        actie.save()
    if afdelingen is not None:
        nieuw = {a.pk for a in afdelingen}
        if nieuw != set(actie.afdelingen.values_list("pk", flat=True)):
            actie.afdelingen.set(afdelingen)
            gewijzigd.append("afdelingen")
    kpi_namen = _kpi_effecten_opslaan(actie, kpi_effecten) if kpi_effecten is not None else []
    if not gewijzigd and not kpi_namen:
        return actie
    onderdelen = [_veldnamen(gewijzigd)] if gewijzigd else []
    if kpi_namen:
        onderdelen.append(_("expected effect on %(kpis)s") % {"kpis": ", ".join(kpi_namen)})
    _gebeurtenis(
        traject,
        door,
        _("Action “%(actie)s” changed: %(velden)s.")
        % {"actie": actie.titel, "velden": "; ".join(onderdelen)},
        actie=actie.pk,
        velden=gewijzigd,
        kpis=kpi_namen,
    )
    return actie


@transaction.atomic
def verbeteractie_verplaatsen(*, actie: Verbeteractie, door: User, richting: str) -> Verbeteractie:
    """Move an action one place up (`OP`, earlier in the plan) or down (`NEER`); numbering stays 1..n."""
    if richting not in (OP, NEER):
        raise ValueError(richting)
    actie = _actie_onder_slot(actie, door)
    acties = list(Verbeteractie.objects.filter(traject=actie.traject).order_by("volgorde", "pk"))
    index = next(i for i, a in enumerate(acties) if a.pk == actie.pk)
    doel = index - 1 if richting == OP else index + 1
    if not 0 <= doel < len(acties):
        raise WorkflowFout(
            _("Action “%(actie)s” cannot move further: it is already the first or the last.")
            % {"actie": actie.titel}
        )
    acties.insert(doel, acties.pop(index))
    gewijzigd = []
    for nummer, a in enumerate(acties, start=1):
        if a.volgorde != nummer:
            a.volgorde = nummer
            gewijzigd.append(a)
    Verbeteractie.objects.bulk_update(gewijzigd, ["volgorde"])
    verplaatst = next(a for a in acties if a.pk == actie.pk)
    _gebeurtenis(
        actie.traject,
        door,
        _("Action “%(actie)s” moved to position %(nummer)d.")
        % {"actie": verplaatst.titel, "nummer": verplaatst.volgorde},
        actie=actie.pk,
    )
    verplaatst.traject = actie.traject
    return verplaatst
