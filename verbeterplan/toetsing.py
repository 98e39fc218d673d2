"""Writes of step 7, the review of the improvement plan (toetsing).

The projectleider requests a review from a specialist (`toetsverzoek_aanvragen`, right
``vraag_toetsing``), with a discipline and a term (default ten working days), which takes a snapshot of
the plan and gives the specialist access to what the review needs (`toetsrechten`, registered with
`trajecten.permissions.registreer_rechtenbron`), and e-mails them after commit; a request can be
withdrawn with a reason (`toetsverzoek_intrekken`), which takes that access away again. The specialist
asked — nobody else — gives a verdict per action or for the whole plan (`toetsoordeel_geven`): final
once given. Each condition of an approval with conditions becomes a `Voorwaarde` with an owner, kept up
by the team (`voorwaarde_bijwerken`). When actions changed after their verdict, the projectleider asks a
fresh review of just those (`toetsing_herhalen`).

Every service locks the trajectory row, validates with `full_clean()` and writes a
`GebeurtenisSoort.TOETSING` audit event on step 7.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trajecten.choices import Discipline, GebeurtenisSoort, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import StapStatus, Traject
from trajecten.permissions import TOETSSTUKKEN, rechten_bijwerken, registreer_rechtenbron
from trajecten.services import WorkflowFout, gebeurtenis_vastleggen
from trajecten.services.traject import _eis_recht, _vergrendel
from wasstraat.accounts.models import User
from wasstraat.bewerking import versie_controleren
from wasstraat.werkdagen import werkdagen_na

from .choices import Oordeel, ToetsverzoekStatus, VoorwaardeStatus
from .models import Toetsoordeel, Toetsverzoek, Verbeteractie, Voorwaarde
from .momentopname import actie_momentopname, acties_in, gewijzigde_velden, plan_momentopname
from .selectors import verbeteracties_van

AANVRAGEN = "vraag_toetsing"
BEWERKEN = "bewerk_verbeterplan"
#: Working days a specialist gets by default.
STANDAARD_WERKDAGEN = 10
#: What the withdrawal form and the condition form carry the version of (`wasstraat.bewerking`).
INTREKVELDEN = ("status", "intrekreden")
VOORWAARDEVELDEN = ("eigenaar", "status", "toelichting")


def standaardtermijn(vanaf: dt.date | None = None) -> dt.date:
    """Ten working days from today (weekends and Dutch public holidays skipped)."""
    return werkdagen_na(vanaf or timezone.localdate(), STANDAARD_WERKDAGEN)


@registreer_rechtenbron
def toetsrechten(traject: Traject, gebruiker: User) -> frozenset[str]:
    """A request that stands (open or answered, not withdrawn) lets the specialist see what the review
    needs, also when they are not on the team."""
    staat = Toetsverzoek.objects.filter(traject=traject, specialist=gebruiker).exclude(
        status=ToetsverzoekStatus.INGETROKKEN
    )
    return frozenset({TOETSSTUKKEN}) if staat.exists() else frozenset()


# --- guards -------------------------------------------------------------------------------------


def _traject_gesloten(traject: Traject) -> str | None:
    if traject.status in (TrajectStatus.GESTOPT, TrajectStatus.AFGEROND):
        return _("The trajectory is %(status)s; its improvement plan can no longer be reviewed.") % {
            "status": traject.status_keuze.label.lower()
        }
    return None


def aanvragen_gesloten(traject: Traject) -> str | None:
    """Why reviews cannot be requested (or withdrawn) now, in words; None: they can."""
    if reden := _traject_gesloten(traject):
        return reden
    if traject.status == TrajectStatus.GEPAUZEERD:
        return _("The trajectory is paused; resume it first.")
    stap7 = StapStatus.objects.filter(traject_id=traject.pk, stap=Stap.S7).values_list("status", flat=True)
    if stap7.first() != StapStatusKeuze.BEZIG:
        return _("Reviews are requested while step 7 is in progress; start step 7 first.")
    return None


def _gebeurtenis(traject: Traject, door: User, omschrijving: str, reden: str = "", **gegevens) -> None:
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.TOETSING,
        omschrijving=omschrijving,
        stap=Stap.S7,
        reden=reden,
        gegevens=gegevens,
    )


def _verzoek_onder_slot(verzoek: Toetsverzoek) -> Toetsverzoek:
    traject = _vergrendel(verzoek.traject)
    vers = Toetsverzoek.objects.select_related("specialist", "aangevraagd_door").get(pk=verzoek.pk)
    vers.traject = traject
    return vers


# --- requesting and withdrawing -----------------------------------------------------------------


@transaction.atomic
def toetsverzoek_aanvragen(
    *,
    traject: Traject,
    door: User,
    specialist: User | None,
    discipline: str,
    termijn: dt.date | None = None,
    bericht: str = "",
    acties: Iterable[Verbeteractie] | None = None,
    herhaling_van: Toetsverzoek | None = None,
) -> Toetsverzoek:
    """Ask `specialist` to review the plan (all its actions, or `acties`) from `discipline` by `termijn`
    (default: ten working days). Takes the snapshot, gives access, e-mails the specialist after commit."""
    _eis_recht(door, traject, AANVRAGEN)
    traject = _vergrendel(traject)
    if reden := aanvragen_gesloten(traject):
        raise WorkflowFout(reden)
    fouten: dict[str, str] = {}
    if specialist is None or not specialist.is_active:
        fouten["specialist"] = _("Choose an active person to review the plan.")
    if discipline not in Discipline.values:
        fouten["discipline"] = _("Choose the discipline the specialist reviews from.")
    termijn = termijn or standaardtermijn()
    if termijn < timezone.localdate():
        fouten["termijn"] = _("The term cannot be in the past.")
    if fouten:
        raise ValidationError(fouten)
    plan = plan_momentopname(traject)
    if not plan["acties"]:
        raise WorkflowFout(_("The improvement plan has no actions to review yet."))
    alle = {a.pk: a for a in Verbeteractie.objects.filter(traject=traject)}
    gekozen = list(alle.values()) if acties is None else [alle[a.pk] for a in acties if a.pk in alle]
    if not gekozen:
        raise ValidationError(_("Choose at least one action of this plan to review."))
    dubbel = Toetsverzoek.objects.filter(
        traject=traject, specialist=specialist, discipline=discipline, status=ToetsverzoekStatus.OPEN
    )
    if dubbel.exists():
        raise ValidationError(
            {"specialist": _("This person already has an open request for this discipline in this plan.")}
        )
    verzoek = Toetsverzoek(
        traject=traject,
        specialist=specialist,
        discipline=discipline,
        termijn=termijn,
        bericht=(bericht or "").strip(),
        momentopname=plan,
        herhaling_van=herhaling_van,
        aangevraagd_door=door,
    )
    verzoek.full_clean()
    verzoek.save()
    verzoek.acties.set(gekozen)
    rechten_bijwerken(traject=traject, gebruiker=specialist)
    omschrijving = _("Review requested from %(persoon)s (%(discipline)s), term %(termijn)s.")
    if herhaling_van is not None:
        omschrijving = ngettext(
            "Fresh review of %(aantal)d changed action requested from %(persoon)s (%(discipline)s), "
            "term %(termijn)s.",
            "Fresh review of %(aantal)d changed actions requested from %(persoon)s (%(discipline)s), "
            "term %(termijn)s.",
            len(gekozen),
        )
    _gebeurtenis(
        traject,
        door,
        omschrijving
        % {
            "persoon": specialist,
            "discipline": verzoek.get_discipline_display(),
            "termijn": termijn.strftime("%d-%m-%Y"),
            "aantal": len(gekozen),
        },
        verzoek=verzoek.pk,
        acties=[a.pk for a in gekozen],
        herhaling_van=getattr(herhaling_van, "pk", None),
    )
    from .tasks import toetsverzoek_melden  # tasks call services; imported here to avoid a cycle

    transaction.on_commit(lambda: toetsverzoek_melden.delay(verzoek.pk))
    return verzoek


@transaction.atomic
def toetsverzoek_intrekken(
    *, verzoek: Toetsverzoek, door: User, reden: str, gezien: str | None = None
) -> Toetsverzoek:
    """Withdraw a request that has not been answered, always with the reason; the specialist's access
    goes with it (unless another request stands) and they are told after commit. Verdicts already given
    stay."""
    _eis_recht(door, verzoek.traject, AANVRAGEN)
    verzoek = _verzoek_onder_slot(verzoek)
    if reden_gesloten := _traject_gesloten(verzoek.traject):
        raise WorkflowFout(reden_gesloten)
    versie_controleren(verzoek, gezien=gezien, velden=INTREKVELDEN)
    if verzoek.status == ToetsverzoekStatus.BEANTWOORD:
        raise WorkflowFout(_("This request has been answered; an answered request cannot be withdrawn."))
    if verzoek.status == ToetsverzoekStatus.INGETROKKEN:
        raise WorkflowFout(_("This request has already been withdrawn."))
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"intrekreden": _("Give the reason for withdrawing this request.")})
    verzoek.status = ToetsverzoekStatus.INGETROKKEN
    verzoek.intrekreden = reden
    verzoek.ingetrokken_door = door
    verzoek.ingetrokken_op = timezone.now()
    verzoek.full_clean()
    verzoek.save(update_fields=["status", "intrekreden", "ingetrokken_door", "ingetrokken_op"])
    rechten_bijwerken(traject=verzoek.traject, gebruiker=verzoek.specialist)
    _gebeurtenis(
        verzoek.traject,
        door,
        _("Review request to %(persoon)s (%(discipline)s) withdrawn.")
        % {"persoon": verzoek.specialist, "discipline": verzoek.get_discipline_display()},
        reden=reden,
        verzoek=verzoek.pk,
    )
    from .tasks import toetsverzoek_ingetrokken_melden

    transaction.on_commit(lambda: toetsverzoek_ingetrokken_melden.delay(verzoek.pk))
    return verzoek


# --- the verdict --------------------------------------------------------------------------------


def _eigenaar(verzoek: Toetsverzoek, actie: Verbeteractie | None) -> User:
    """Who owns a condition at first: the action's proposed owner, else who requested the review."""
    if actie is not None and actie.voorgestelde_eigenaar_id and actie.voorgestelde_eigenaar.is_active:
        return actie.voorgestelde_eigenaar
    return verzoek.aangevraagd_door


def _beantwoord(verzoek: Toetsverzoek) -> bool:
    """Every action asked about has a verdict, or the whole plan has one."""
    gegeven = set(verzoek.oordelen.values_list("actie_id", flat=True))
    return None in gegeven or set(verzoek.acties.values_list("pk", flat=True)) <= gegeven


@transaction.atomic
def toetsoordeel_geven(
    *,
    verzoek: Toetsverzoek,
    door: User,
    actie: Verbeteractie | None,
    oordeel: str,
    toelichting: str,
    voorwaarden: Iterable[str] = (),
    antwoorden: Mapping[str, Any] | None = None,
) -> Toetsoordeel:
    """The specialist's verdict on `actie` of the request (None: the whole plan). Final once given: a
    second verdict on the same action is refused. The request is answered once every action asked
    about has one, or the whole plan has."""
    if door.pk != verzoek.specialist_id:
        raise PermissionDenied(_("Only the specialist this review was asked of may give its verdict."))
    verzoek = _verzoek_onder_slot(verzoek)
    if reden := _traject_gesloten(verzoek.traject):
        raise WorkflowFout(reden)
    if verzoek.status != ToetsverzoekStatus.OPEN:
        raise WorkflowFout(
            _("This request has been answered; a submitted verdict is final.")
            if verzoek.status == ToetsverzoekStatus.BEANTWOORD
            else _("This request has been withdrawn; no verdict is needed any more.")
        )
    if actie is not None and not verzoek.acties.filter(pk=actie.pk).exists():
        raise ValidationError({"actie": _("This action is not part of this review request.")})
    if verzoek.oordelen.filter(actie=actie).exists():
        raise WorkflowFout(_("You already gave this verdict; a submitted verdict is final."))
    regels = [v.strip() for v in voorwaarden if v and v.strip()]
    toetsoordeel = Toetsoordeel(
        verzoek=verzoek,
        actie=actie,
        oordeel=oordeel,
        toelichting=(toelichting or "").strip(),
        voorwaarden=regels if oordeel == Oordeel.ONDER_VOORWAARDEN else [],
        antwoorden=dict(antwoorden or {}),
        gegeven_door=door,
    )
    toetsoordeel.full_clean()
    toetsoordeel.save()
    eigenaar = _eigenaar(verzoek, actie)
    Voorwaarde.objects.bulk_create(
        Voorwaarde(traject=verzoek.traject, oordeel=toetsoordeel, actie=actie, tekst=tekst, eigenaar=eigenaar)
        for tekst in toetsoordeel.voorwaarden
    )
    if _beantwoord(verzoek):
        verzoek.status = ToetsverzoekStatus.BEANTWOORD
        verzoek.beantwoord_op = timezone.now()
        verzoek.save(update_fields=["status", "beantwoord_op"])
    _gebeurtenis(
        verzoek.traject,
        door,
        _("Verdict of %(persoon)s (%(discipline)s) on %(wat)s: %(oordeel)s.")
        % {
            "persoon": door,
            "discipline": verzoek.get_discipline_display(),
            "wat": _("action “%(actie)s”") % {"actie": actie.titel} if actie else _("the whole plan"),
            "oordeel": toetsoordeel.get_oordeel_display().lower(),
        },
        verzoek=verzoek.pk,
        toetsoordeel=toetsoordeel.pk,
        actie=getattr(actie, "pk", None),
        oordeel=oordeel,
        voorwaarden=toetsoordeel.voorwaarden,
    )
    if verzoek.status == ToetsverzoekStatus.BEANTWOORD:
        from .tasks import toetsverzoek_beantwoord_melden

        transaction.on_commit(lambda: toetsverzoek_beantwoord_melden.delay(verzoek.pk))
    return toetsoordeel


# --- changes after the verdict ------------------------------------------------------------------


def gewijzigde_acties(verzoek: Toetsverzoek, huidig: Mapping[int, dict] | None = None) -> list[int]:
    """The actions judged in `verzoek` that changed since its snapshot, and the actions added to the plan
    after it, as primary keys in the plan's order. `huidig`: the plan's actions now
    (`acties_in(plan_momentopname(...))`), to compare many requests with one reading."""
    if huidig is None:
        huidig = {a.pk: actie_momentopname(a) for a in verbeteracties_van(traject=verzoek.traject)}
    eerder = acties_in(verzoek.momentopname)
    gevraagd = {a.pk for a in verzoek.acties.all()}
    return [
        pk
        for pk, nu in huidig.items()
        if (pk in gevraagd and gewijzigde_velden(eerder.get(pk), nu)) or pk not in eerder
    ]


@transaction.atomic
def toetsing_herhalen(
    *, verzoek: Toetsverzoek, door: User, termijn: dt.date | None = None, bericht: str = ""
) -> Toetsverzoek:
    """Ask the same specialist, from the same discipline, for a fresh review of just the actions that
    changed since their verdict (and those added since)."""
    _eis_recht(door, verzoek.traject, AANVRAGEN)
    vers = _verzoek_onder_slot(verzoek)
    if vers.status != ToetsverzoekStatus.BEANTWOORD:
        raise WorkflowFout(_("Only an answered request can be reviewed afresh."))
    gewijzigd = gewijzigde_acties(vers)
    if not gewijzigd:
        raise WorkflowFout(_("No action changed since this verdict; there is nothing to review afresh."))
    return toetsverzoek_aanvragen(
        traject=vers.traject,
        door=door,
        specialist=vers.specialist,
        discipline=vers.discipline,
        termijn=termijn,
        bericht=bericht,
        acties=list(Verbeteractie.objects.filter(pk__in=gewijzigd)),
        herhaling_van=vers,
    )


# --- the conditions -----------------------------------------------------------------------------


@transaction.atomic
def voorwaarde_bijwerken(
    *,
    voorwaarde: Voorwaarde,
    door: User,
    eigenaar: User | None,
    status: str,
    toelichting: str = "",
    gezien: str | None = None,
) -> Voorwaarde:
    """Change a condition's owner, or mark it met, set it aside (with the reason) or open again."""
    _eis_recht(door, voorwaarde.traject, BEWERKEN)
    traject = _vergrendel(voorwaarde.traject)
    if reden := _traject_gesloten(traject):
        raise WorkflowFout(reden)
    vers = Voorwaarde.objects.select_related("eigenaar").get(pk=voorwaarde.pk, traject=traject)
    versie_controleren(vers, gezien=gezien, velden=VOORWAARDEVELDEN)
    if eigenaar is None or not eigenaar.is_active:
        raise ValidationError({"eigenaar": _("Choose an active person as owner of this condition.")})
    toelichting = (toelichting or "").strip()
    if status == VoorwaardeStatus.TERZIJDE and not toelichting:
        raise ValidationError({"toelichting": _("Give the reason for setting this condition aside.")})
    vorig = (vers.eigenaar_id, vers.status, vers.toelichting)
    if vorig == (eigenaar.pk, status, toelichting):
        return vers
    statuswissel = status != vers.status
    vers.eigenaar, vers.status, vers.toelichting = eigenaar, status, toelichting
    if statuswissel:
        open_weer = status == VoorwaardeStatus.OPEN
        vers.afgehandeld_door = None if open_weer else door
        vers.afgehandeld_op = None if open_weer else timezone.now()
    vers.full_clean()
    vers.save()
    _gebeurtenis(
        traject,
        door,
        _("Condition “%(voorwaarde)s”: %(status)s, owner %(eigenaar)s.")
        % {"voorwaarde": vers.tekst[:80], "status": vers.get_status_display().lower(), "eigenaar": eigenaar},
        reden=toelichting if status == VoorwaardeStatus.TERZIJDE else "",
        voorwaarde=vers.pk,
        status=status,
        eigenaar=eigenaar.pk,
        vorig={"eigenaar": vorig[0], "status": vorig[1]},
    )
    return vers
