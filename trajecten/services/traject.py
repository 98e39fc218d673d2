"""Every write in a trajectory goes through one of these services.

A service checks the rule, locks the trajectory row (so two people acting at once never lose each
other's work), changes what it must, records an audit event and schedules side effects after commit.
A refused move raises `WorkflowFout` (or Django's `ValidationError` for bad field values) with a message
fit for the user.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from serviceformules.models import Product
from wasstraat.accounts.models import User
from wasstraat.bewerking import versie_controleren

from .. import workflow
from ..choices import (
    GebeurtenisSoort,
    Rol,
    SessieSoort,
    Stap,
    StapActie,
    StapStatusKeuze,
    TrajectStatus,
)
from ..models import Gebeurtenis, Sessie, StapStatus, Teamlid, Traject
from ..permissions import NIET_ZELF_TOEKENNEN, rechten_bijwerken, rechten_voor
from ..rolwijzigingen import rolwijziging_melden


class WorkflowFout(Exception):
    """A move the rules refuse; `berichten` say why, in the user's language."""

    def __init__(self, berichten: list[str] | str):
        self.berichten = [berichten] if isinstance(berichten, str) else list(berichten)
        super().__init__(" ".join(self.berichten))


def gebeurtenis_vastleggen(
    *, traject: Traject, door: User | None, soort: GebeurtenisSoort, omschrijving: str, **velden
) -> Gebeurtenis:
    """Append one audit event to the trajectory's timeline."""
    return Gebeurtenis.objects.create(
        traject=traject, actor=door, soort=soort, omschrijving=omschrijving, **velden
    )


def _vergrendel(traject: Traject) -> Traject:
    """Lock the trajectory row for the rest of the transaction and return its fresh state."""
    return Traject.objects.select_for_update().get(pk=traject.pk)


def _eis_recht(door: User, traject: Traject, recht: str) -> None:
    if recht not in rechten_voor(door, traject):
        raise PermissionDenied(_("You may not do this in this trajectory."))


def rollen_van(*, traject: Traject, gebruiker: User) -> set[str]:
    """The roles `gebruiker` holds in `traject`."""
    return set(Teamlid.objects.filter(traject=traject, gebruiker=gebruiker).values_list("rol", flat=True))


# --- trajectory ---------------------------------------------------------------------------------


@transaction.atomic
def traject_aanmaken(
    *,
    door: User,
    product: Product,
    titel: str,
    aanleiding: str,
    doel: str,
    startdatum: dt.date | None = None,
    einddatum: dt.date | None = None,
) -> Traject:
    """Create a trajectory in *concept*; its creator becomes its projectleider."""
    if not door.has_perm("trajecten.add_traject"):
        raise PermissionDenied(_("You may not create trajectories."))
    traject = Traject(
        product=product,
        titel=titel,
        aanleiding=aanleiding,
        doel=doel,
        startdatum=startdatum,
        einddatum=einddatum,
        aangemaakt_door=door,
    )
    traject.full_clean()
    traject.save()
    StapStatus.objects.bulk_create(StapStatus(traject=traject, stap=s) for s in workflow.STAPPEN)
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.TRAJECT_AANGEMAAKT,
        omschrijving=_("Trajectory “%(titel)s” created.") % {"titel": titel},
    )
    _lid_toevoegen(traject=traject, door=door, gebruiker=door, rol=Rol.PROJECTLEIDER, discipline="")
    return traject


BASISVELDEN = ("product", "titel", "aanleiding", "doel", "startdatum", "einddatum")


@transaction.atomic
def traject_wijzigen(*, traject: Traject, door: User, gezien: str | None = None, **velden) -> Traject:
    """Change the basics. `gezien` is the version the user edited (`wasstraat.bewerking`): a change to
    one of these fields by someone else since then is a `Bewerkingsconflict`."""
    _eis_recht(door, traject, "change_traject")
    traject = _vergrendel(traject)
    versie_controleren(traject, gezien=gezien, velden=velden)
    gewijzigd = {}
    for naam, waarde in velden.items():
        if naam not in BASISVELDEN:
            raise ValueError(naam)
        if getattr(traject, naam) != waarde:
            gewijzigd[naam] = [str(getattr(traject, naam) or ""), str(waarde or "")]
            setattr(traject, naam, waarde)
    if not gewijzigd:
        return traject
    traject.full_clean()
    traject.save()
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.TRAJECT_GEWIJZIGD,
        omschrijving=_("Basics changed: %(velden)s.")
        % {"velden": ", ".join(str(Traject._meta.get_field(n).verbose_name) for n in gewijzigd)},
        gegevens={"wijzigingen": gewijzigd},
    )
    return traject


_TRAJECT_OVERGANGEN = {
    # action: (allowed from, to)
    "pauzeren": ({TrajectStatus.CONCEPT, TrajectStatus.LOPEND}, TrajectStatus.GEPAUZEERD),
    "hervatten": ({TrajectStatus.GEPAUZEERD}, TrajectStatus.LOPEND),
    "stoppen": (
        {TrajectStatus.CONCEPT, TrajectStatus.LOPEND, TrajectStatus.GEPAUZEERD},
        TrajectStatus.GESTOPT,
    ),
}


def _traject_status_zetten(*, traject: Traject, door: User, actie: str, reden: str) -> Traject:
    _eis_recht(door, traject, "change_traject")
    traject = _vergrendel(traject)
    van, naar = _TRAJECT_OVERGANGEN[actie]
    if traject.status not in van:
        raise WorkflowFout(
            _("A trajectory that is %(status)s cannot be %(actie)s.")
            % {"status": traject.status_keuze.label.lower(), "actie": _ACTIE_LABELS[actie]}
        )
    if actie != "hervatten" and not reden.strip():
        raise ValidationError({"reden": _("Give a reason.")})
    oud = traject.status
    if actie == "hervatten":
        # Back to running, or to draft if nothing had started yet.
        naar = (
            TrajectStatus.LOPEND
            if traject.stappen.exclude(status=StapStatusKeuze.NIET_GESTART).exists()
            else TrajectStatus.CONCEPT
        )
    traject.status = naar
    if naar == TrajectStatus.GESTOPT:
        traject.stopreden = reden
    traject.save(update_fields=["status", "stopreden", "gewijzigd_op"])
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.TRAJECT_STATUS,
        omschrijving=_("Trajectory %(actie)s.") % {"actie": _ACTIE_LABELS[actie]},
        van_status=oud,
        naar_status=naar,
        reden=reden,
    )
    return traject


_ACTIE_LABELS = {
    "pauzeren": gettext_lazy("paused"),
    "hervatten": gettext_lazy("resumed"),
    "stoppen": gettext_lazy("stopped"),
}


def traject_status_acties(traject: Traject) -> list[str]:
    """The status actions (pauzeren, hervatten, stoppen) the trajectory's status allows now."""
    return [actie for actie, (van, _naar) in _TRAJECT_OVERGANGEN.items() if traject.status in van]


@transaction.atomic
def traject_pauzeren(*, traject: Traject, door: User, reden: str) -> Traject:
    """Pause a trajectory: no step moves until it is resumed."""
    return _traject_status_zetten(traject=traject, door=door, actie="pauzeren", reden=reden)


@transaction.atomic
def traject_hervatten(*, traject: Traject, door: User, reden: str = "") -> Traject:
    """Resume a paused trajectory."""
    return _traject_status_zetten(traject=traject, door=door, actie="hervatten", reden=reden)


@transaction.atomic
def traject_stoppen(*, traject: Traject, door: User, reden: str) -> Traject:
    """Stop a trajectory for good, with a reason. A follow-up trajectory can be created instead."""
    return _traject_status_zetten(traject=traject, door=door, actie="stoppen", reden=reden)


# --- steps --------------------------------------------------------------------------------------


def _stap_overgang(
    *, traject: Traject, stap: Stap, door: User, actie: StapActie, reden: str = ""
) -> StapStatus:
    traject = _vergrendel(traject)
    rijen = {r.stap: r for r in traject.stappen.all()}
    statussen = {Stap(s): r.status for s, r in rijen.items()}
    fouten = workflow.weigeringen(
        stap=stap,
        actie=actie,
        traject_status=traject.status,
        statussen=statussen,
        rollen=rollen_van(traject=traject, gebruiker=door),
        reden=reden,
    )
    if not fouten and actie == StapActie.AFRONDEN:
        fouten = workflow.ontbrekend(traject, stap)
    if fouten:
        raise WorkflowFout(fouten)
    nu = timezone.now()
    rij = rijen[stap]
    _status_zetten(traject, rij, workflow.NIEUWE_STATUS[actie], door, actie, reden, nu)
    if actie == StapActie.HEROPENEN:
        for afhankelijk in workflow.afhankelijke_stappen(stap):
            if rijen[afhankelijk].status != StapStatusKeuze.NIET_GESTART:
                _status_zetten(
                    traject,
                    rijen[afhankelijk],
                    StapStatusKeuze.NIET_GESTART,
                    door,
                    actie,
                    _("Reopened because step %(stap)s was reopened: %(reden)s")
                    % {"stap": stap.value, "reden": reden},
                    nu,
                )
    _traject_status_volgen(traject, door)
    return rij


def _status_zetten(traject, rij: StapStatus, naar: StapStatusKeuze, door, actie, reden, nu) -> None:
    van = rij.status
    rij.status = naar
    if naar == StapStatusKeuze.BEZIG and rij.gestart_op is None:
        rij.gestart_op = nu
    if naar.is_klaar:
        rij.afgerond_op = nu
    elif naar == StapStatusKeuze.NIET_GESTART:
        rij.gestart_op = rij.afgerond_op = None
    else:
        rij.afgerond_op = None
    rij.reden = reden if naar == StapStatusKeuze.OVERGESLAGEN else ""
    rij.save()
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.STAP_TRANSITIE,
        omschrijving=_("Step %(stap)s: %(van)s → %(naar)s.")
        % {
            "stap": rij.stap_keuze.label,
            "van": StapStatusKeuze(van).label.lower(),
            "naar": naar.label.lower(),
        },
        stap=rij.stap,
        van_status=van,
        naar_status=naar,
        reden=reden,
        gegevens={"actie": str(actie)},
    )


def _traject_status_volgen(traject: Traject, door: User) -> None:
    """A draft becomes running when its first step starts; it is finished when step 10 is."""
    laatste = traject.stappen.get(stap=workflow.STAPPEN[-1])
    naar = traject.status
    if laatste.status == StapStatusKeuze.AFGEROND:
        naar = TrajectStatus.AFGEROND
    elif traject.status == TrajectStatus.CONCEPT:
        naar = TrajectStatus.LOPEND
    if naar != traject.status:
        oud, traject.status = traject.status, naar
        traject.save(update_fields=["status", "gewijzigd_op"])
        gebeurtenis_vastleggen(
            traject=traject,
            door=door,
            soort=GebeurtenisSoort.TRAJECT_STATUS,
            omschrijving=_("Trajectory is now %(status)s.") % {"status": naar.label.lower()},
            van_status=oud,
            naar_status=naar,
        )


@transaction.atomic
def stap_starten(*, traject: Traject, stap: Stap, door: User) -> StapStatus:
    """Start a step whose prerequisites are done."""
    return _stap_overgang(traject=traject, stap=stap, door=door, actie=StapActie.START)


@transaction.atomic
def stap_afronden(*, traject: Traject, stap: Stap, door: User) -> StapStatus:
    """Complete a step in progress once its completion condition holds."""
    return _stap_overgang(traject=traject, stap=stap, door=door, actie=StapActie.AFRONDEN)


@transaction.atomic
def stap_overslaan(*, traject: Traject, stap: Stap, door: User, reden: str) -> StapStatus:
    """Skip a step the method allows skipping, with a written reason."""
    return _stap_overgang(traject=traject, stap=stap, door=door, actie=StapActie.OVERSLAAN, reden=reden)


@transaction.atomic
def stap_heropenen(*, traject: Traject, stap: Stap, door: User, reden: str) -> StapStatus:
    """Reopen a completed or skipped step; every step depending on it goes back to not started."""
    return _stap_overgang(traject=traject, stap=stap, door=door, actie=StapActie.HEROPENEN, reden=reden)


# --- team ---------------------------------------------------------------------------------------


def _lid_toevoegen(*, traject: Traject, door: User, gebruiker: User, rol: str, discipline: str) -> Teamlid:
    lid = Teamlid(traject=traject, gebruiker=gebruiker, rol=rol, discipline=discipline, toegevoegd_door=door)
    lid.full_clean()
    lid.save()
    rechten_bijwerken(traject=traject, gebruiker=gebruiker)
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.LID_TOEGEVOEGD,
        omschrijving=_("%(persoon)s joined the team as %(rol)s.")
        % {"persoon": gebruiker, "rol": lid.rol_in_zin},
        gegevens={"gebruiker": gebruiker.pk, "rol": rol, "discipline": discipline},
    )
    rolwijziging_melden(teamlid=lid, door=door, toegekend=True)
    if gebruiker != door:
        from ..tasks import welkom_teamlid  # tasks call services; import here avoids a cycle

        transaction.on_commit(lambda: welkom_teamlid.delay(lid.pk))
    return lid


@transaction.atomic
def teamlid_toevoegen(
    *, traject: Traject, door: User, gebruiker: User, rol: str, discipline: str = ""
) -> Teamlid:
    """Give `gebruiker` a role in the trajectory; they are e-mailed after commit."""
    _eis_recht(door, traject, "beheer_team")
    traject = _vergrendel(traject)
    if Teamlid.objects.filter(traject=traject, gebruiker=gebruiker, rol=rol, discipline=discipline).exists():
        raise ValidationError({"gebruiker": _("This person already has this role in the team.")})
    if not gebruiker.is_active:
        raise ValidationError({"gebruiker": _("This account is inactive.")})
    if gebruiker == door and rol in NIET_ZELF_TOEKENNEN:
        raise ValidationError(
            {
                "rol": _(
                    "You cannot give yourself this role: it opens the interview notes. Someone else "
                    "who manages the team must give it to you."
                )
            }
        )
    return _lid_toevoegen(traject=traject, door=door, gebruiker=gebruiker, rol=rol, discipline=discipline)


@transaction.atomic
def teamlid_verwijderen(*, teamlid: Teamlid, door: User) -> None:
    """Take a role away. A trajectory always keeps at least one projectleider."""
    traject = teamlid.traject
    _eis_recht(door, traject, "beheer_team")
    traject = _vergrendel(traject)
    if (
        teamlid.rol == Rol.PROJECTLEIDER
        and not traject.teamleden.filter(rol=Rol.PROJECTLEIDER).exclude(pk=teamlid.pk).exists()
    ):
        raise WorkflowFout(
            _("A trajectory always has at least one project leader; add another before removing this one.")
        )
    gebruiker, label = teamlid.gebruiker, teamlid.rol_in_zin
    teamlid.delete()
    rechten_bijwerken(traject=traject, gebruiker=gebruiker)
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.LID_VERWIJDERD,
        omschrijving=_("%(persoon)s no longer has the role %(rol)s.") % {"persoon": gebruiker, "rol": label},
        gegevens={"gebruiker": gebruiker.pk, "rol": teamlid.rol, "discipline": teamlid.discipline},
    )
    rolwijziging_melden(teamlid=teamlid, door=door, toegekend=False)


# --- sessions -----------------------------------------------------------------------------------


def _sessie_recht(soort: str) -> tuple[str, ...]:
    """Journey sessions may also be planned by the klantreiscoach."""
    if soort == SessieSoort.KLANTREIS:
        return ("beheer_sessies", "beheer_klantreissessies")
    return ("beheer_sessies",)


def sessiesoorten_voor(rechten: frozenset[str]) -> list[SessieSoort]:
    """The session types someone holding `rechten` in a trajectory may plan (for the form)."""
    return [soort for soort in SessieSoort if set(_sessie_recht(soort)) & rechten]


def _eis_sessie_recht(door: User, traject: Traject, soort: str) -> None:
    if not set(_sessie_recht(soort)) & rechten_voor(door, traject):
        raise PermissionDenied(_("You may not plan this kind of session."))


SESSIEVELDEN = ("soort", "titel", "begint_op", "eindigt_op", "locatie", "online_link", "notities")


@transaction.atomic
def sessie_plannen(*, traject: Traject, door: User, aanwezigen: list[User] | None = None, **velden) -> Sessie:
    """Plan a session (or record one that took place) with its attendees."""
    _eis_sessie_recht(door, traject, velden.get("soort", ""))
    traject = _vergrendel(traject)
    sessie = Sessie(traject=traject, aangemaakt_door=door, **velden)
    sessie.full_clean()
    sessie.save()
    sessie.aanwezigen.set(aanwezigen or [])
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.SESSIE_GEPLAND,
        omschrijving=_("Session “%(titel)s” (%(soort)s) planned.")
        % {"titel": sessie.titel, "soort": sessie.get_soort_display().lower()},
        gegevens={"sessie": sessie.pk},
    )
    return sessie


@transaction.atomic
def sessie_wijzigen(
    *,
    sessie: Sessie,
    door: User,
    aanwezigen: list[User] | None = None,
    gezien: str | None = None,
    **velden,
) -> Sessie:
    """Change a session or record its notes. `gezien`: the version the user edited
    (`wasstraat.bewerking`)."""
    _eis_sessie_recht(door, sessie.traject, sessie.soort)
    if "soort" in velden:
        _eis_sessie_recht(door, sessie.traject, velden["soort"])
    _vergrendel(sessie.traject)
    versie_controleren(
        sessie, gezien=gezien, velden=[*velden, *(["aanwezigen"] if aanwezigen is not None else [])]
    )
    for naam, waarde in velden.items():
        if naam not in SESSIEVELDEN:
            raise ValueError(naam)
        setattr(sessie, naam, waarde)
    sessie.full_clean()
    sessie.save()
    if aanwezigen is not None:
        sessie.aanwezigen.set(aanwezigen)
    gebeurtenis_vastleggen(
        traject=sessie.traject,
        door=door,
        soort=GebeurtenisSoort.SESSIE_GEWIJZIGD,
        omschrijving=_("Session “%(titel)s” updated.") % {"titel": sessie.titel},
        gegevens={"sessie": sessie.pk},
    )
    return sessie
